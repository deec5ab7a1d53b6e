//! The report as a ZIP archive of CSV files, one per table, made to compute with: every
//! figure is a plain number, without thousands separators or units, that a spreadsheet reads
//! as a number and sums. Formatting ("1 378 h 30", "12 %") is for the page and the PDF.
//!
//! - The decimal separator is the one of the file's language, as its field separator is:
//!   French files are separated by semicolons and write `1378,5`, which a spreadsheet set to
//!   French reads as a number (it would read `1378.5` as text); English files are separated
//!   by commas and write `1378.5`.
//! - A duration is two columns, "Durée (heures)" and "Durée (minutes)": decimal hours to the
//!   hundredth (`1378,5`), and the exact whole minutes (`82710`).
//! - A percentage is the number of percent, the column's title says so: `12` under
//!   "Part (%)"; a change from the previous period has one decimal (`-3,5`).
//! - Money is dollars with their cents (`12,50`); mean days have one decimal.
//! - A count hidden by small-cell suppression stays `< 5` and a withheld figure `x`: words,
//!   never a 0 that would add up.
//!
//! A column that holds durations beside other figures (a table of key figures, one a row)
//! gets three columns: the other figures, then the durations' hours and minutes; each column
//! holds one unit, so that any of them sums.
//!
//! Words that start like a formula (= + - @, or a tab or carriage return) get a leading
//! apostrophe, so that opening a file in a spreadsheet never runs anything (docs/safety.md).
//! Figures are not words: they are written by Rust from an integer or a float, so a negative
//! one ("-3") is a number, which no spreadsheet runs; one that did not look like a plain
//! number would be neutralized like words.

use crate::tables::{Cell, Section, Table, Translate};
use havre_domain::text::Lang;
use std::io::Write;
use zip::write::SimpleFileOptions;

/// A cell made safe for a spreadsheet: whatever a spreadsheet could read as a formula gets a
/// leading apostrophe, a signed text ("-3 jours", "+12 %") included: a rule without
/// exceptions is one that holds.
pub fn neutralize(text: &str) -> String {
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Whether a field is a plain number and nothing else: an optional minus, digits, and at
/// most one decimal separator followed by digits.
fn plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// One field of a CSV file.
enum Field {
    /// A number written from an integer or a float.
    Number(String),
    /// Words, or a marker ("< 5", "x", "—").
    Text(String),
    Empty,
}

impl Field {
    fn into_csv(self) -> String {
        match self {
            Field::Number(n) if plain_number(&n) => n,
            Field::Number(n) | Field::Text(n) => neutralize(&n),
            Field::Empty => String::new(),
        }
    }
}

fn integer(n: i64) -> Field {
    Field::Number(n.to_string())
}

/// A number with at most `places` decimals, trailing zeros dropped, in the language's
/// decimal separator: 1378,5 — 0,33 — 229.
fn decimal(value: f64, places: usize, lang: Lang) -> Field {
    if !value.is_finite() {
        return Field::Empty;
    }
    let mut text = format!("{value:.places$}");
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    if text == "-0" {
        text = "0".into();
    }
    Field::Number(match lang {
        Lang::Fr | Lang::FrFr => text.replace('.', ","),
        Lang::En => text,
    })
}

/// Dollars and their cents, exactly: 12,50.
fn money(cents: i64, lang: Lang) -> Field {
    let sign = if cents < 0 { "-" } else { "" };
    let (units, rest) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    let separator = match lang {
        Lang::Fr | Lang::FrFr => ',',
        Lang::En => '.',
    };
    Field::Number(format!("{sign}{units}{separator}{rest:02}"))
}

/// A cell that is no figure of its own: empty, or a figure kept back.
fn marker(cell: &Cell) -> bool {
    matches!(
        cell,
        Cell::Empty | Cell::Hidden | Cell::Withheld | Cell::Change(None)
    )
}

/// The one field of a cell that is not a duration.
fn field(cell: &Cell, lang: Lang) -> Field {
    match cell {
        Cell::Count(n) | Cell::Number(n) | Cell::Difference(n) => integer(*n),
        Cell::Percent(p) | Cell::Share(p, _) => integer(i64::from(*p)),
        Cell::Days(d) | Cell::Mean(d) => decimal(*d, 1, lang),
        Cell::Change(Some(c)) => decimal(*c, 1, lang),
        Cell::Money(cents) => money(*cents, lang),
        Cell::Minutes(m) => decimal(*m as f64 / 60.0, 2, lang),
        Cell::Empty => Field::Empty,
        Cell::Text(_) | Cell::Hidden | Cell::Withheld | Cell::Change(None) => {
            Field::Text(cell.display(lang))
        }
    }
}

/// How a column of a table is written.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// One column, its unit beside its title when all its figures share one.
    Single(Option<&'static str>),
    /// Durations: hours then minutes, after a column for the other figures when it has some.
    Durations { others: bool },
}

fn layout(table: &Table, col: usize) -> Layout {
    let cells: Vec<&Cell> = table
        .rows
        .iter()
        .chain(table.total.iter())
        .filter_map(|row| row.get(col))
        .filter(|cell| !marker(cell))
        .collect();
    let durations = cells.iter().any(|c| matches!(c, Cell::Minutes(_)));
    let all = |f: fn(&Cell) -> bool| !cells.is_empty() && cells.iter().all(|c| f(c));
    if durations {
        Layout::Durations {
            others: !all(|c| matches!(c, Cell::Minutes(_))),
        }
    } else if all(|c| matches!(c, Cell::Percent(_) | Cell::Share(..) | Cell::Change(_))) {
        Layout::Single(Some("report-unit-percent"))
    } else if all(|c| matches!(c, Cell::Money(_))) {
        Layout::Single(Some("report-unit-money"))
    } else {
        Layout::Single(None)
    }
}

fn with_unit(title: &str, unit: &str, t: Translate) -> String {
    format!("{title} ({})", t(unit))
}

fn header(title: &str, layout: Layout, t: Translate) -> Vec<Field> {
    let text = |s: String| Field::Text(s);
    match layout {
        Layout::Single(None) => vec![text(title.to_owned())],
        Layout::Single(Some(unit)) => vec![text(with_unit(title, unit, t))],
        Layout::Durations { others } => others
            .then(|| text(title.to_owned()))
            .into_iter()
            .chain([
                text(with_unit(title, "report-unit-hours", t)),
                text(with_unit(title, "report-unit-minutes", t)),
            ])
            .collect(),
    }
}

fn fields(cell: &Cell, layout: Layout, lang: Lang) -> Vec<Field> {
    let Layout::Durations { others } = layout else {
        return vec![field(cell, lang)];
    };
    let width = if others { 3 } else { 2 };
    match cell {
        Cell::Minutes(m) => others
            .then_some(Field::Empty)
            .into_iter()
            .chain([field(cell, lang), integer(*m)])
            .collect(),
        // A figure kept back is kept back in whichever unit one reads it.
        Cell::Hidden | Cell::Withheld => (0..width).map(|_| field(cell, lang)).collect(),
        other if others => vec![field(other, lang), Field::Empty, Field::Empty],
        _ => (0..width).map(|_| Field::Empty).collect(),
    }
}

/// The lines of one table's CSV file: the titles, the rows, the total.
fn lines(table: &Table, lang: Lang, t: Translate) -> Vec<Vec<String>> {
    let layouts: Vec<Layout> = (0..table.columns.len())
        .map(|col| layout(table, col))
        .collect();
    let titles = table
        .columns
        .iter()
        .zip(&layouts)
        .flat_map(|(title, layout)| header(title, *layout, t));
    let mut lines = vec![titles.map(Field::into_csv).collect()];
    for row in table.rows.iter().chain(table.total.iter()) {
        let cells = row.iter().enumerate().flat_map(|(col, cell)| {
            let layout = layouts.get(col).copied().unwrap_or(Layout::Single(None));
            fields(cell, layout, lang)
        });
        lines.push(cells.map(Field::into_csv).collect());
    }
    lines
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The CSV files of a report's tables, in a ZIP archive. French files use semicolons and
/// decimal commas, as spreadsheets set to French expect; all start with a byte-order mark so
/// that accents open right. `t` gives the units beside the columns' titles.
pub fn csv_archive(
    sections: &[Section],
    lang: Lang,
    t: Translate,
) -> Result<Vec<u8>, ArchiveError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (i, section) in sections.iter().enumerate() {
        for table in &section.tables {
            let mut csv = csv::WriterBuilder::new()
                .delimiter(match lang {
                    Lang::Fr | Lang::FrFr => b';',
                    Lang::En => b',',
                })
                .flexible(true)
                .from_writer(Vec::new());
            for line in lines(table, lang, t) {
                csv.write_record(line)?;
            }
            let body = csv.into_inner().map_err(|e| e.into_error())?;
            zip.start_file(
                format!("{:02}-{}-{}.csv", i + 1, section.key, table.key),
                options,
            )?;
            zip.write_all("\u{FEFF}".as_bytes())?;
            zip.write_all(&body)?;
        }
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_neutralized() {
        for risky in ["=SUM(A1)", "+33", "-2+3", "@cmd", "\t=1", "\r=1"] {
            assert_eq!(neutralize(risky), format!("'{risky}"));
        }
        assert_eq!(neutralize("École A"), "École A");
        assert_eq!(neutralize("1 378 h 30"), "1 378 h 30");
    }

    fn translate(key: &str) -> String {
        match key {
            "report-unit-hours" => "heures".into(),
            "report-unit-minutes" => "minutes".into(),
            "report-unit-percent" => "%".into(),
            "report-unit-money" => "$".into(),
            other => panic!("no text for {other}"),
        }
    }

    fn table(columns: &[&str], rows: Vec<Vec<Cell>>, total: Option<Vec<Cell>>) -> Table {
        Table {
            key: "t".into(),
            title: "T".into(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
            total,
            chart: None,
        }
    }

    #[test]
    fn figures_are_plain_numbers_and_durations_two_columns() {
        let t = table(
            &[
                "Service",
                "Personnes",
                "Heures investies",
                "Part",
                "Variation",
            ],
            vec![
                vec![
                    Cell::Text("Premières rencontres".into()),
                    Cell::Count(2064),
                    Cell::Minutes(1378 * 60 + 30),
                    Cell::Share(12, 250),
                    Cell::Change(Some(-3.46)),
                ],
                vec![
                    Cell::Text("=HYPERLINK(\"http://exemple.test\")".into()),
                    Cell::Hidden,
                    Cell::Withheld,
                    Cell::Withheld,
                    Cell::Change(None),
                ],
            ],
            Some(vec![
                Cell::Text("Total".into()),
                Cell::Empty,
                Cell::Minutes(20),
                Cell::Empty,
                Cell::Empty,
            ]),
        );
        assert_eq!(
            lines(&t, Lang::Fr, &translate),
            [
                vec![
                    "Service",
                    "Personnes",
                    "Heures investies (heures)",
                    "Heures investies (minutes)",
                    "Part (%)",
                    "Variation (%)"
                ],
                vec![
                    "Premières rencontres",
                    "2064",
                    "1378,5",
                    "82710",
                    "12",
                    "-3,5"
                ],
                vec![
                    "'=HYPERLINK(\"http://exemple.test\")",
                    "< 5",
                    "x",
                    "x",
                    "x",
                    "—"
                ],
                vec!["Total", "", "0,33", "20", "", ""],
            ]
        );
        assert_eq!(lines(&t, Lang::En, &translate)[1][2], "1378.5");
    }

    #[test]
    fn a_column_of_durations_beside_other_figures_keeps_one_unit_a_column() {
        let t = table(
            &["Donnée", "Nombre"],
            vec![
                vec![Cell::Text("Références reçues".into()), Cell::Count(12)],
                vec![Cell::Text("Délai moyen".into()), Cell::Minutes(174)],
                vec![Cell::Text("Dons reçus".into()), Cell::Money(-125_050)],
                vec![Cell::Text("Écart".into()), Cell::Difference(-3)],
                vec![Cell::Text("Attente".into()), Cell::Days(4.26)],
            ],
            None,
        );
        assert_eq!(
            lines(&t, Lang::Fr, &translate),
            [
                vec!["Donnée", "Nombre", "Nombre (heures)", "Nombre (minutes)"],
                vec!["Références reçues", "12", "", ""],
                vec!["Délai moyen", "", "2,9", "174"],
                vec!["Dons reçus", "-1250,50", "", ""],
                vec!["Écart", "-3", "", ""],
                vec!["Attente", "4,3", "", ""],
            ]
        );
        let money = table(
            &["Donnée", "Montant"],
            vec![vec![Cell::Text("Dons".into()), Cell::Money(1250)]],
            None,
        );
        assert_eq!(
            lines(&money, Lang::En, &translate),
            [vec!["Donnée", "Montant ($)"], vec!["Dons", "12.50"]]
        );
    }

    #[test]
    fn only_plain_numbers_escape_neutralization() {
        for number in ["0", "-3", "1378,5", "-0.25", "82710"] {
            assert!(plain_number(number), "{number}");
            assert_eq!(Field::Number(number.into()).into_csv(), number);
        }
        for not in ["-", "-inf", "NaN", "1,2,3", "-1+2", "1e5", "", ",5", "5,"] {
            assert!(!plain_number(not), "{not}");
        }
        assert_eq!(Field::Number("-1+2".into()).into_csv(), "'-1+2");
        assert!(matches!(decimal(f64::NAN, 1, Lang::Fr), Field::Empty));
        assert!(matches!(decimal(-0.001, 1, Lang::Fr), Field::Number(n) if n == "0"));
    }
}
