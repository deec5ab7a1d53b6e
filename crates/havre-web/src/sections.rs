//! The report's sections as every renderer gets them — the page, the JSON, the PDF, the
//! workbook and the CSV files — with the sentences that need the translation files' plurals.

use crate::i18n::Lang;
use havre_domain::housing::{HousingFigures, change_percent};
use havre_domain::text::format_count;
use havre_report::ActivityReport;
use havre_report::tables::{Section, sections};

/// The report's sections in `lang`, the one source of every renderer (page, JSON, PDF, XLSX,
/// CSV): the tables, and the housing section's sentence — left out of a publishable report
/// when a count it gives, or the one its change is computed from, is small.
pub fn report_sections(report: &ActivityReport, lang: Lang, publishable: bool) -> Vec<Section> {
    let translate = |key: &str| crate::i18n::t(lang, key);
    let mut all = sections(report, &translate, publishable);
    if let (Some(now), Some(before)) = (&report.current.housing, &report.previous.housing) {
        let small = [now.women, now.children, now.persons, before.persons]
            .into_iter()
            .any(havre_domain::suppression::is_small);
        if let Some(section) = all.iter_mut().find(|s| s.key == "housing")
            && !(publishable && small)
        {
            section.lead = Some(housing_summary(now, before, report.period, lang));
        }
    }
    all
}

/// The Alliance's sentence, from the figures: "119 logements et 16 chambres ont hébergé…".
/// `period` says what the change is over: the previous year for a reporting year, the
/// previous period otherwise.
pub fn housing_summary(
    now: &HousingFigures,
    before: &HousingFigures,
    period: havre_report::Period,
    lang: Lang,
) -> String {
    let change = change_percent(before.persons, now.persons);
    let key = match change {
        Some(c) if c > 0 => "figures-summary-up",
        Some(c) if c < 0 => "figures-summary-down",
        _ => "figures-summary",
    };
    crate::i18n::t_args(
        lang,
        key,
        &[
            ("apartments", format_count(now.apartments.units, lang)),
            ("rooms", format_count(now.rooms.units, lang)),
            // The verb agrees with the units together: « 1 logement et 0 chambre a hébergé ».
            (
                "units",
                format_count(now.apartments.units + now.rooms.units, lang),
            ),
            ("women", format_count(now.women, lang)),
            ("children", format_count(now.children, lang)),
            ("persons", format_count(now.persons, lang)),
            (
                "compared",
                if period.is_year() { "year" } else { "period" }.into(),
            ),
            ("change", format_count(change.unwrap_or(0).abs(), lang)),
        ],
    )
}

/// The network's report in `lang`, as every renderer gets it (page, JSON, PDF, XLSX, CSV):
/// its published tables, the sentence that says which members reported and why the others
/// did not, and the housing sentence when none of its figures is kept back.
pub fn network_sections(report: &havre_report::network::NetworkReport, lang: Lang) -> Vec<Section> {
    let translate = |key: &str| crate::i18n::t(lang, key);
    let published = report.published(&translate);
    let mut all = published.sections;
    let houses = report.of_houses();
    if let Some(section) = all.iter_mut().find(|s| s.key == "network_members") {
        section.lead = Some(members_sentence(report, houses, lang));
    }
    if let (Some(lead), Some(section)) = (
        published.housing_lead,
        all.iter_mut().find(|s| s.key == "network_housing"),
    ) {
        let key = match lead.change {
            Some(c) if c > 0 => "network-summary-up",
            Some(c) if c < 0 => "network-summary-down",
            _ => "figures-summary",
        };
        section.lead = Some(crate::i18n::t_args(
            lang,
            key,
            &[
                ("apartments", format_count(lead.apartments, lang)),
                ("rooms", format_count(lead.rooms, lang)),
                ("units", format_count(lead.apartments + lead.rooms, lang)),
                ("women", format_count(lead.women, lang)),
                ("children", format_count(lead.children, lang)),
                ("persons", format_count(lead.persons, lang)),
                ("change", format_count(lead.change.unwrap_or(0).abs(), lang)),
            ],
        ));
    }
    all
}

/// The seed's sentence, from the membership: "Ce rapport présente l'activité de 15 maisons
/// membres actives (deux sont en construction, une a adhéré en fin d'année, une dont les
/// données sont indisponibles)".
fn members_sentence(
    report: &havre_report::network::NetworkReport,
    houses: bool,
    lang: Lang,
) -> String {
    use havre_domain::network::Standing;
    let others: Vec<String> = report
        .standings
        .iter()
        .filter(|(s, n)| *s != Standing::Reported && *n > 0)
        .map(|(s, n)| {
            crate::i18n::t_args(
                lang,
                &format!("network-sentence-{}", s.key()),
                &[("n", n.to_string())],
            )
        })
        .collect();
    crate::i18n::t_args(
        lang,
        if others.is_empty() {
            "network-sentence"
        } else {
            "network-sentence-with-others"
        },
        &[
            ("reported", report.reported().to_string()),
            ("kind", if houses { "houses" } else { "members" }.into()),
            ("others", others.join(", ")),
        ],
    )
}
