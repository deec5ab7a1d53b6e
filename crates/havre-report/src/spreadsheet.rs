//! The report as an XLSX workbook: one sheet per section, its tables one under the other.
//! Counts are numbers, hours are durations shown as the users write them ("410 h 15") and
//! still add up in a formula, shares are percentages. Words are written as text cells, never
//! as formulas, whatever they start with.

use crate::tables::{Cell, Section};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Excel's sheet names: at most 31 characters, none of []:*?/\, no apostrophe at either end,
/// and unique.
fn sheet_name(title: &str, taken: &[String]) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(28)
        .collect();
    let clean = clean
        .trim_matches(|c: char| c.is_whitespace() || c == '\'')
        .to_owned();
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} {n}");
        n += 1;
    }
    name
}

struct Formats {
    title: Format,
    header: Format,
    total: Format,
    hours: Format,
    hours_total: Format,
    percent: Format,
    decimal: Format,
    paragraph: Format,
    money: Format,
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
    total: bool,
    lang: havre_domain::text::Lang,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Count(n) | Cell::Difference(n) | Cell::Number(n) => {
            if total {
                sheet.write_number_with_format(row, col, *n as f64, &f.total)?;
            } else {
                sheet.write_number(row, col, *n as f64)?;
            }
        }
        // A duration in days, the spreadsheet's unit of time: it shows as hours and sums.
        Cell::Minutes(m) => {
            let format = if total { &f.hours_total } else { &f.hours };
            sheet.write_number_with_format(row, col, *m as f64 / 1440.0, format)?;
        }
        Cell::Money(cents) => {
            sheet.write_number_with_format(row, col, *cents as f64 / 100.0, &f.money)?;
        }
        Cell::Percent(p) | Cell::Share(p, _) => {
            sheet.write_number_with_format(row, col, f64::from(*p) / 100.0, &f.percent)?;
        }
        Cell::Days(d) => {
            sheet.write_number_with_format(row, col, *d, &f.decimal)?;
        }
        Cell::Change(Some(c)) => {
            sheet.write_number_with_format(row, col, *c / 100.0, &f.percent)?;
        }
        Cell::Text(_) | Cell::Hidden | Cell::Withheld | Cell::Change(None) => {
            let text = cell.display(lang);
            if total {
                sheet.write_string_with_format(row, col, &text, &f.total)?;
            } else {
                sheet.write_string(row, col, &text)?;
            }
        }
        Cell::Empty => {}
    }
    Ok(())
}

/// The workbook of a report's sections; `title` heads every sheet.
pub fn workbook(
    title: &str,
    sections: &[Section],
    lang: havre_domain::text::Lang,
) -> Result<Vec<u8>, XlsxError> {
    let f = Formats {
        title: Format::new().set_bold().set_font_size(14),
        header: Format::new().set_bold().set_text_wrap(),
        total: Format::new().set_bold(),
        hours: Format::new().set_num_format("[h] \"h\" mm"),
        hours_total: Format::new().set_bold().set_num_format("[h] \"h\" mm"),
        percent: Format::new().set_num_format("0 %"),
        decimal: Format::new().set_num_format("0.0"),
        paragraph: Format::new().set_text_wrap(),
        money: Format::new().set_num_format("# ##0.00 $"),
    };
    let mut workbook = Workbook::new();
    let mut taken = Vec::new();
    for section in sections {
        let name = sheet_name(&section.title, &taken);
        taken.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        sheet.set_column_width(0, 48)?;
        for col in 1..10 {
            sheet.set_column_width(col, 16)?;
        }
        sheet.write_string_with_format(0, 0, title, &f.title)?;
        sheet.write_string_with_format(1, 0, &section.title, &f.title)?;
        let mut row: u32 = 3;
        // The team's text first, a paragraph a row, as the PDF places it.
        if let Some(text) = &section.narrative {
            for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                sheet.write_string_with_format(row, 0, paragraph, &f.paragraph)?;
                row += 1;
            }
            row += 1;
        }
        for table in &section.tables {
            sheet.write_string_with_format(row, 0, &table.title, &f.total)?;
            row += 1;
            for (col, header) in table.columns.iter().enumerate() {
                sheet.write_string_with_format(row, col as u16, header, &f.header)?;
            }
            row += 1;
            for cells in &table.rows {
                for (col, cell) in cells.iter().enumerate() {
                    write_cell(sheet, row, col as u16, cell, &f, false, lang)?;
                }
                row += 1;
            }
            if let Some(total) = &table.total {
                for (col, cell) in total.iter().enumerate() {
                    write_cell(sheet, row, col as u16, cell, &f, true, lang)?;
                }
                row += 1;
            }
            row += 1;
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        let long = "Prévention, sensibilisation, formation et promotion";
        let name = sheet_name(long, &[]);
        assert!(name.chars().count() <= 31);
        assert_eq!(sheet_name("Dates [2024/2025]?", &[]), "Dates  2024 2025");
        assert_eq!(
            sheet_name("Statistiques des demandes d'aide", &[]),
            "Statistiques des demandes d"
        );
        let taken = vec![name.clone()];
        assert_ne!(sheet_name(long, &taken), name, "names stay unique");
    }
}

#[cfg(test)]
mod workbook_tests {
    use super::*;
    use crate::tables::{Section, Table};

    #[test]
    fn a_workbook_is_written_for_every_kind_of_cell() {
        let titles = [
            "Statistiques des demandes d'aide",
            "Liste d'attente",
            "Intervention individuelle",
            "Accompagnements et défense de droits",
            "Références à la suite du passage en centre désigné",
            "Volet exploitation sexuelle",
            "Intervention de groupe et cafés-rencontres",
            "Prévention, sensibilisation, formation et promotion",
            "Heures investies",
            "Comparaison avec la période précédente",
        ];
        let sections: Vec<Section> = titles
            .iter()
            .map(|t| Section {
                key: "k".into(),
                title: (*t).into(),
                narrative: Some("=1+1 et du texte".into()),
                tables: vec![Table {
                    key: "t".into(),
                    title: "Tableau".into(),
                    columns: vec!["A".into(), "B".into()],
                    rows: vec![vec![
                        Cell::Text("=1+1".into()),
                        Cell::Count(3),
                        Cell::Minutes(90),
                        Cell::Percent(12),
                        Cell::Days(2.5),
                        Cell::Change(Some(-3.0)),
                        Cell::Change(None),
                        Cell::Difference(-2),
                        Cell::Hidden,
                        Cell::Empty,
                    ]],
                    total: Some(vec![Cell::Text("Total".into()), Cell::Minutes(90)]),
                    chart: None,
                }],
            })
            .collect();
        let bytes = workbook("Rapport", &sections, havre_domain::text::Lang::Fr).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
