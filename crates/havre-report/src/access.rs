//! A woman's access export as documents (docs/privacy.md "Access requests"): everything
//! Havre holds on her as a printable PDF, third parties' names already withheld by the store,
//! and what she provided as a CSV of one line per value.

use crate::archive::neutralize;
use crate::tables::{Cell, Section, Table, Translate};
use havre_store::access::{AccessExport, ProvidedData};

fn yes_no(t: Translate, yes: bool) -> String {
    t(if yes { "yes" } else { "no" })
}

fn two(label: String, value: String) -> Vec<Cell> {
    vec![Cell::Text(label), Cell::Text(value)]
}

fn table(key: &str, t: Translate, columns: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        key: key.into(),
        title: t(&format!("access-table-{key}")),
        columns: columns
            .iter()
            .map(|c| t(&format!("access-col-{c}")))
            .collect(),
        rows,
        total: None,
        chart: None,
    }
}

/// The lines of what she provided: (section, question, answer), in the reader's language,
/// as the PDF's first tables and the CSV give them.
fn provided_lines(p: &ProvidedData, t: Translate, english: bool) -> Vec<(String, String, String)> {
    let identity = t("access-section-identity");
    let contact = t("access-section-safe-contact");
    let mut lines = vec![
        (identity.clone(), t("access-name"), p.name.clone()),
        (
            identity.clone(),
            t("access-phone"),
            p.phone.clone().unwrap_or_default(),
        ),
        (
            identity,
            t("access-birth-year"),
            p.birth_year.clone().unwrap_or_default(),
        ),
        (
            contact.clone(),
            t("safe-may-call"),
            yes_no(t, p.safe_contact.may_call),
        ),
        (
            contact.clone(),
            t("safe-may-leave-message"),
            yes_no(t, p.safe_contact.may_leave_message),
        ),
        (
            contact.clone(),
            t("safe-may-say-our-name"),
            yes_no(t, p.safe_contact.may_say_our_name),
        ),
        (
            contact.clone(),
            t("safe-hours"),
            p.safe_contact.hours.clone(),
        ),
        (
            contact,
            t("safe-number"),
            p.safe_contact.safe_number.clone(),
        ),
    ];
    for (i, r) in p.requests.iter().enumerate() {
        let section = format!("{} {} — {}", t("access-request"), i + 1, r.received_on);
        lines.push((
            section.clone(),
            t("access-service-area"),
            t(&format!("service_area-{}", r.service_area)),
        ));
        for a in &r.answers {
            let answer = if english { &a.answer_en } else { &a.answer_fr };
            lines.push((
                section.clone(),
                t(&format!("list-{}", a.question)),
                answer.clone(),
            ));
        }
    }
    lines
}

/// The export as the sections of a printable document.
pub fn sections(e: &AccessExport, t: Translate, english: bool) -> Vec<Section> {
    let section = |key: &str, lead: Option<String>, narrative: Option<String>, tables| Section {
        key: key.into(),
        title: t(&format!("access-part-{key}")),
        short_title: t(&format!("access-part-{key}")),
        lead,
        narrative,
        tables,
    };
    let provided = table(
        "provided",
        t,
        &["section", "question", "answer"],
        provided_lines(&e.provided, t, english)
            .into_iter()
            .map(|(s, q, a)| vec![Cell::Text(s), Cell::Text(q), Cell::Text(a)])
            .collect(),
    );
    let meetings = table(
        "meetings",
        t,
        &["day", "kind", "minutes"],
        e.meetings
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.held_on.to_string()),
                    Cell::Text(t(&format!("meeting_kind-{}", m.kind))),
                    Cell::Minutes(i64::from(m.minutes)),
                ]
            })
            .collect(),
    );
    let documents = table(
        "documents",
        t,
        &["day", "file_name"],
        e.documents
            .iter()
            .map(|d| two(d.added_on.to_string(), d.file_name.clone()))
            .collect(),
    );
    let relatives = table(
        "relatives",
        t,
        &["relation"],
        e.relatives
            .iter()
            .map(|r| vec![Cell::Text(t(&format!("relation-{}", r.relation)))])
            .collect(),
    );
    let services = table(
        "services",
        t,
        &["service", "name", "from", "to"],
        e.services
            .iter()
            .map(|s| {
                let name = match (&s.name, &s.status) {
                    (Some(name), _) => name.clone(),
                    (None, Some(status)) => t(&format!("appointment_status-{status}")),
                    (None, None) => String::new(),
                };
                vec![
                    Cell::Text(t(&format!("access-service-{}", s.kind))),
                    Cell::Text(name),
                    Cell::Text(s.from.to_string()),
                    Cell::Text(s.to.map(|d| d.to_string()).unwrap_or_default()),
                ]
            })
            .collect(),
    );
    // The notes as paragraphs: each its day, then its text as written.
    let notes = e
        .notes
        .iter()
        .map(|n| format!("{} — {}", n.written_on, n.body))
        .collect::<Vec<_>>()
        .join("\n\n");
    vec![
        section(
            "provided",
            Some(t("access-lead-provided")),
            None,
            vec![provided],
        ),
        section("meetings", None, None, vec![meetings, services]),
        section(
            "notes",
            Some(t("access-lead-withheld")),
            Some(if notes.is_empty() {
                t("access-no-note")
            } else {
                notes
            }),
            Vec::new(),
        ),
        section("documents", None, None, vec![documents, relatives]),
    ]
}

/// What she provided as a CSV: one line per value, its section, its question and her
/// answer, in the reader's language; every text made safe from formulas.
pub fn csv(p: &ProvidedData, t: Translate, english: bool) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        t("access-col-section"),
        t("access-col-question"),
        t("access-col-answer"),
    ]);
    for (section, question, answer) in provided_lines(p, t, english) {
        let _ = out.write_record([
            neutralize(&section),
            neutralize(&question),
            neutralize(&answer),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
