//! How numbers and hours are written for the users (docs/domain.md: "1 378 h 30").

/// The languages of the interface. French is the default.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
    /// French as it is written in France (docs/care.md "French of France"): never chosen by a
    /// person, who chooses French; given to the pages of an organization in France, where
    /// the words that differ from Québec's are its own ("Département", "Coordinatrice").
    #[serde(rename = "fr-FR")]
    FrFr,
}

impl Lang {
    /// The language a person chose: French for both Frenches.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr | Lang::FrFr => "fr",
            Lang::En => "en",
        }
    }

    /// The language as a page declares it (`<html lang>`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::FrFr => "fr-FR",
            Lang::En => "en",
        }
    }

    pub fn is_french(self) -> bool {
        matches!(self, Lang::Fr | Lang::FrFr)
    }

    /// The language chosen, as an organization of this country writes it: French in France
    /// is French of France; English stays English.
    pub fn in_country(self, country: crate::year::Country) -> Lang {
        match (self, country) {
            (Lang::Fr | Lang::FrFr, crate::year::Country::France) => Lang::FrFr,
            (Lang::FrFr, _) => Lang::Fr,
            (lang, _) => lang,
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A whole number with thousands grouped: "4 983" in French (narrow no-break space),
/// "4,983" in English.
pub fn format_count(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Fr | Lang::FrFr => '\u{202F}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A number with at most one decimal, as a median of days is written: "25", "25,5" in French,
/// "25.5" in English.
pub fn format_decimal(n: f64, lang: Lang) -> String {
    let tenths = (n * 10.0).round() as i64;
    let whole = format_count(tenths / 10, lang);
    match (tenths % 10).abs() {
        0 => whole,
        d => format!("{whole}{}{d}", if lang.is_french() { ',' } else { '.' }),
    }
}

/// A duration in minutes as the centres write it: "410 h 15", "1 378 h 30", "3 h".
/// English: "410 h 15" too, as the centres' English documents keep the same form.
/// The one of two words, French and English, that a reader of this language reads.
pub fn in_lang<'a>(lang: Lang, fr: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Fr | Lang::FrFr => fr,
        Lang::En => en,
    }
}

pub fn format_minutes(minutes: i64, lang: Lang) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    let hours = format_count((m / 60) as i64, lang);
    match m % 60 {
        0 => format!("{sign}{hours} h"),
        rest => format!("{sign}{hours} h {rest:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_written_as_the_centres_write_them() {
        assert_eq!(format_minutes(410 * 60 + 15, Lang::Fr), "410 h 15");
        assert_eq!(
            format_minutes(1378 * 60 + 30, Lang::Fr),
            "1\u{202F}378 h 30"
        );
        assert_eq!(format_minutes(180, Lang::Fr), "3 h");
        assert_eq!(format_minutes(5, Lang::Fr), "0 h 05");
    }

    #[test]
    fn decimals_use_the_language_separator() {
        assert_eq!(format_decimal(25.0, Lang::Fr), "25");
        assert_eq!(format_decimal(25.5, Lang::Fr), "25,5");
        assert_eq!(format_decimal(25.5, Lang::En), "25.5");
        assert_eq!(format_decimal(1234.5, Lang::Fr), "1\u{202F}234,5");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(4983, Lang::Fr), "4\u{202F}983");
        assert_eq!(format_count(4983, Lang::En), "4,983");
        assert_eq!(format_count(999, Lang::Fr), "999");
        assert_eq!(format_count(-1_234_567, Lang::En), "-1,234,567");
    }
}
