//! Translations: French first, English beside it (locales/*/main.ftl). Every word a user
//! sees comes from there.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
pub use havre_domain::text::Lang;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Bidi isolation marks would show up in form values and tests; the interface has no
        // right-to-left text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
/// French of France: its own words where they differ, French (Québec's) for every other
/// message, key by key (locales/fr-FR/main.ftl).
static FR_FR: LanguageIdentifier = langid!("fr-FR");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fr => &FR,
        Lang::FrFr => &FR_FR,
        Lang::En => &EN,
    }
}

/// The text of `key` in `lang`. A missing key shows itself, so that tests catch it.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(id(lang), key)
        .unwrap_or_else(|| key.to_owned())
}

/// The text of `key` with named arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    // A whole number goes in as a number, so that plurals ([1] jour, *[other] jours) are
    // chosen by its value; anything already formatted (1 234, 25,5) goes in as text.
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v.parse::<i64>() {
                Ok(n) => FluentValue::from(n),
                Err(_) => FluentValue::from(v.clone()),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(id(lang), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// A time of day as the organizations write it: 9 h, 13 h 30.
pub fn clock_time(time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    match time.minute() {
        0 => format!("{} h", time.hour()),
        m => format!("{} h {m:02}", time.hour()),
    }
}

pub fn long_date(day: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    t_args(
        lang,
        "date-long",
        &[
            (
                "weekday",
                t(
                    lang,
                    &format!("weekday-{}", day.weekday().number_from_monday()),
                ),
            ),
            ("day", day.day().to_string()),
            ("month", t(lang, &format!("month-{}", day.month()))),
            ("year", day.year().to_string()),
        ],
    )
}

/// The preferred language of an Accept-Language header among French and English: the first
/// one listed with the highest weight.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_the_number() {
        assert_eq!(t_args(Lang::Fr, "days", &[("n", "1".into())]), "1 jour");
        assert_eq!(t_args(Lang::Fr, "days", &[("n", "0".into())]), "0 jour");
        assert_eq!(t_args(Lang::Fr, "days", &[("n", "12".into())]), "12 jours");
        assert_eq!(t_args(Lang::En, "days", &[("n", "1".into())]), "1 day");
        assert_eq!(
            t_args(Lang::Fr, "days", &[("n", "25,5".into())]),
            "25,5 jours"
        );
    }

    #[test]
    fn accept_language_picks_the_preferred_supported_language() {
        assert_eq!(
            from_accept_language("en-CA,en;q=0.9,fr;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            from_accept_language("fr-CA,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            from_accept_language("de-DE,en;q=0.5,fr;q=0.7"),
            Some(Lang::Fr)
        );
        assert_eq!(from_accept_language("de-DE"), None);
    }

    /// Every key of the French file exists in English, and the other way round.
    #[test]
    fn every_text_exists_in_both_languages() {
        let keys = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '#', '.', '\t', '*', '[']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or("").trim().to_owned())
                .collect()
        };
        let fr = keys(include_str!("../locales/fr/main.ftl"));
        let en = keys(include_str!("../locales/en/main.ftl"));
        assert!(fr.len() > 50, "the French file has its texts");
        // A key written twice stops the server at its first page: each is written once.
        for file in [&fr, &en] {
            let mut seen = std::collections::HashSet::new();
            for k in file {
                assert!(seen.insert(k), "{k} is written twice");
            }
        }
        for k in &fr {
            assert!(en.contains(k), "{k} has no English text");
            assert_ne!(t(Lang::Fr, k), "", "{k} is empty");
        }
        for k in &en {
            assert!(fr.contains(k), "{k} is in English but not in French");
        }
    }

    /// French of France (docs/care.md "French of France") says only what differs, each word
    /// overriding one of French, and falls back to French for every other message.
    #[test]
    fn french_of_france_overrides_only_words_french_has() {
        let keys = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '#', '.', '\t', '*', '[']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or("").trim().to_owned())
                .collect()
        };
        let fr = keys(include_str!("../locales/fr/main.ftl"));
        let fr_fr = keys(include_str!("../locales/fr-FR/main.ftl"));
        assert!(fr_fr.len() > 10);
        for k in &fr_fr {
            assert!(
                fr.contains(k),
                "{k} is in French of France but not in French"
            );
            assert_ne!(
                t(Lang::FrFr, k),
                t(Lang::Fr, k),
                "{k} says the same in both"
            );
        }
        assert_eq!(t(Lang::FrFr, "house-region"), "Département");
        assert_eq!(t(Lang::Fr, "house-region"), "Région");
        // Every other message is French's, plurals included.
        assert_eq!(t(Lang::FrFr, "save"), t(Lang::Fr, "save"));
        assert_eq!(
            t_args(Lang::FrFr, "days", &[("n", "12".into())]),
            "12 jours"
        );
        assert_eq!(
            Lang::Fr.in_country(havre_domain::year::Country::France),
            Lang::FrFr
        );
        assert_eq!(
            Lang::En.in_country(havre_domain::year::Country::France),
            Lang::En
        );
        assert_eq!(
            Lang::FrFr.in_country(havre_domain::year::Country::Canada),
            Lang::Fr
        );
    }

    #[test]
    fn every_reason_a_password_is_refused_is_told_in_both_languages() {
        for k in havre_domain::password::all_message_keys() {
            assert_ne!(t(Lang::Fr, k), k, "{k} has no French text");
            assert_ne!(t(Lang::En, k), k, "{k} has no English text");
        }
    }
}
