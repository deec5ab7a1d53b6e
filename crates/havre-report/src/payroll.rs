//! The payroll's file of a pay period (docs/missions.md "Workers and pay"): a line per day
//! worked and per correction of each worker's statement, as a payroll system or a spreadsheet
//! imports it.

use crate::archive::neutralize;
use crate::tables::Translate;
use havre_store::pay::PayStatement;

/// Cents as the payroll reads them: dollars with a point, two decimals (107.33, -4.03).
fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:02}",
        cents.unsigned_abs() / 100,
        cents.unsigned_abs() % 100
    )
}

/// The statements of a period as a CSV: the headers in the reader's language, numbers as a
/// spreadsheet reads them anywhere (a point, no grouping), every text made safe from formulas.
pub fn csv(statements: &[PayStatement], t: Translate) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = [
        "worker",
        "period_start",
        "period_end",
        "day",
        "line",
        "minutes",
        "hours",
        "rate",
        "amount",
    ]
    .iter()
    .map(|k| t(&format!("payroll-col-{k}")))
    .collect();
    let _ = out.write_record(&header);
    for s in statements {
        let rows =
            s.lines
                .iter()
                .map(|l| (l, t("payroll-line-hours")))
                .chain(s.corrections.iter().map(|c| {
                    (
                        &c.line,
                        format!("{} : {}", t("payroll-line-correction"), c.reason),
                    )
                }));
        for (line, kind) in rows {
            let _ = out.write_record([
                neutralize(&s.worker_name),
                s.period_start.to_string(),
                s.period_end.to_string(),
                line.day.to_string(),
                neutralize(&kind),
                line.minutes.to_string(),
                format!("{:.2}", line.minutes as f64 / 60.0),
                dollars(line.cents_per_hour),
                dollars(line.amount_cents),
            ]);
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A worker's statement as the sections of a printable document: her days with their
/// minutes, rates and amounts, then her corrections, and the total; then the missions she
/// worked. The PDF is `pdf::document` of them.
pub fn statement_sections(s: &PayStatement, t: Translate) -> Vec<crate::tables::Section> {
    use crate::tables::{Cell, Section, Table};
    let columns = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .map(|k| t(&format!("payroll-col-{k}")))
            .collect()
    };
    let line = |l: &havre_domain::missions::PayLine, kind: String| {
        vec![
            Cell::Text(l.day.to_string()),
            Cell::Text(kind),
            Cell::Minutes(l.minutes),
            Cell::Money(l.cents_per_hour),
            Cell::Money(l.amount_cents),
        ]
    };
    let rows = s
        .lines
        .iter()
        .map(|l| line(l, t("payroll-line-hours")))
        .chain(s.corrections.iter().map(|c| {
            line(
                &c.line,
                format!("{} : {}", t("payroll-line-correction"), c.reason),
            )
        }))
        .collect();
    let lines = Table {
        key: "statement".into(),
        title: t("payroll-statement-lines"),
        columns: columns(&["day", "line", "hours", "rate", "amount"]),
        rows,
        total: Some(vec![
            Cell::Text(t("total")),
            Cell::Empty,
            Cell::Minutes(s.minutes),
            Cell::Empty,
            Cell::Money(s.total_cents),
        ]),
        chart: None,
    };
    let missions = Table {
        key: "missions".into(),
        title: t("payroll-statement-missions"),
        columns: columns(&["day", "start", "end", "break", "hours"]),
        rows: s
            .missions
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.worked.day.to_string()),
                    Cell::Text(m.worked.start.format("%H:%M").to_string()),
                    Cell::Text(m.worked.end.format("%H:%M").to_string()),
                    Cell::Minutes(m.worked.break_minutes),
                    Cell::Minutes(m.minutes),
                ]
            })
            .collect(),
        total: None,
        chart: None,
    };
    vec![Section {
        key: "statement".into(),
        title: t("payroll-statement"),
        short_title: t("payroll-statement"),
        lead: None,
        narrative: None,
        tables: vec![lines, missions],
    }]
}
