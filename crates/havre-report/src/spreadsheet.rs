//! The report as an XLSX workbook: one sheet per section, named by its short title, its
//! tables one under the other. Every figure is a number with a number format, so that it
//! computes: counts with their thousands grouped, hours as durations shown as the users write
//! them ("410 h 15") that still add up in a formula, shares as percentages, money as dollars.
//! A count hidden by small-cell suppression ("< 5") or a withheld figure ("x") is words, never
//! a 0 that would add up. Words are written as text cells, never as formulas, whatever they
//! start with.

use crate::tables::{Cell, Section};
use havre_domain::text::Lang;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Excel's limit on a sheet name's length.
const SHEET_NAME_MAX: usize = 31;

/// Excel's sheet names: at most 31 characters, none of []:*?/\, no apostrophe at either end,
/// and unique. The short titles of the translation files fit; one that did not would lose
/// whole words from its end, never part of one, and a single word too long gives way to the
/// section's key.
fn sheet_name(title: &str, key: &str, taken: &[String]) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let words: Vec<&str> = clean.split_whitespace().collect();
    // The longest run of whole words from the start that fits in `max` characters.
    let fit = |max: usize| {
        let mut name = String::new();
        for word in &words {
            let longer = if name.is_empty() {
                (*word).to_owned()
            } else {
                format!("{name} {word}")
            };
            if longer.chars().count() > max {
                break;
            }
            name = longer;
        }
        // "Prévention, sensibilisation," reads as cut: the punctuation goes too.
        let name = name
            .trim_end_matches([',', ';', '-', '–', '—'])
            .trim_matches('\'');
        if name.is_empty() {
            key.chars().take(max).collect()
        } else {
            name.to_owned()
        }
    };
    let free = |name: &str| {
        !taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let name = fit(SHEET_NAME_MAX);
    if free(&name) {
        return name;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" {n}");
            format!("{}{suffix}", fit(SHEET_NAME_MAX - suffix.len()))
        })
        .find(|name| free(name))
        .unwrap_or(name)
}

/// The number format of a figure, in the workbook's language; none for words.
fn number_format(cell: &Cell, lang: Lang) -> Option<&'static str> {
    let fr = lang.is_french();
    Some(match cell {
        Cell::Count(_) | Cell::Number(_) => "#,##0",
        Cell::Difference(_) => "+#,##0;-#,##0;0",
        // A duration in days, the spreadsheet's unit of time: it shows as hours and sums.
        Cell::Minutes(_) => "[h] \"h\" mm",
        Cell::Money(_) if fr => "#,##0.00 $",
        Cell::Money(_) => "$#,##0.00",
        Cell::Percent(_) | Cell::Share(..) if fr => "0 %",
        Cell::Percent(_) | Cell::Share(..) => "0%",
        Cell::Days(_) | Cell::Mean(_) => "0.0",
        Cell::Change(Some(_)) if fr => "+0.0 %;-0.0 %;0.0 %",
        Cell::Change(Some(_)) => "+0.0%;-0.0%;0.0%",
        _ => return None,
    })
}

/// The value a figure is written as: a percentage as a fraction, a duration in days, an
/// amount in dollars.
fn number(cell: &Cell) -> Option<f64> {
    Some(match cell {
        Cell::Count(n) | Cell::Difference(n) | Cell::Number(n) => *n as f64,
        Cell::Minutes(m) => *m as f64 / 1440.0,
        Cell::Money(cents) => *cents as f64 / 100.0,
        Cell::Percent(p) | Cell::Share(p, _) => f64::from(*p) / 100.0,
        Cell::Days(d) | Cell::Mean(d) => *d,
        Cell::Change(Some(c)) => *c / 100.0,
        _ => return None,
    })
}

struct Formats {
    title: Format,
    header: Format,
    total: Format,
    paragraph: Format,
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
    total: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    if let (Some(value), Some(code)) = (number(cell), number_format(cell, lang)) {
        let format = Format::new().set_num_format(code);
        let format = if total { format.set_bold() } else { format };
        sheet.write_number_with_format(row, col, value, &format)?;
    } else if !matches!(cell, Cell::Empty) {
        let text = cell.display(lang);
        if total {
            sheet.write_string_with_format(row, col, &text, &f.total)?;
        } else {
            sheet.write_string(row, col, &text)?;
        }
    }
    Ok(())
}

/// The workbook of a report's sections; `title` heads every sheet.
pub fn workbook(title: &str, sections: &[Section], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let f = Formats {
        title: Format::new().set_bold().set_font_size(14),
        header: Format::new().set_bold().set_text_wrap(),
        total: Format::new().set_bold(),
        paragraph: Format::new().set_text_wrap(),
    };
    let mut workbook = Workbook::new();
    let mut taken = Vec::new();
    for section in sections {
        let name = sheet_name(&section.short_title, &section.key, &taken);
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
        if let Some(lead) = &section.lead {
            sheet.write_string_with_format(row, 0, lead, &f.paragraph)?;
            row += 2;
        }
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
    fn sheet_names_are_whole_words_excel_accepts() {
        assert_eq!(
            sheet_name("Intervention individuelle", "individual", &[]),
            "Intervention individuelle"
        );
        // Too long: whole words go from its end, never part of one.
        let long = "Prévention, sensibilisation, formation et promotion";
        assert_eq!(
            sheet_name(long, "prevention", &[]),
            "Prévention, sensibilisation"
        );
        assert_eq!(
            sheet_name(
                "Statistiques des demandes d'aide aux adultes",
                "requests",
                &[]
            ),
            "Statistiques des demandes"
        );
        assert_eq!(
            sheet_name("Dates [2024/2025]?", "k", &[]),
            "Dates 2024 2025"
        );
        assert_eq!(sheet_name("'Citation'", "k", &[]), "Citation");
        assert_eq!(sheet_name("Demandes d'aide", "k", &[]), "Demandes d'aide");
        assert_eq!(sheet_name(&"a".repeat(40), "comparison", &[]), "comparison");
        // Unique, without Excel's regard for case.
        let taken = vec!["Références des centres désignés".to_owned()];
        let second = sheet_name("références des centres désignés", "referrals", &taken);
        assert_eq!(second, "références des centres 2");
        assert!(second.chars().count() <= SHEET_NAME_MAX);
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
                short_title: (*t).into(),
                lead: None,
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
                        Cell::Money(125_050),
                        Cell::Share(8, 40),
                        Cell::Number(472),
                        Cell::Withheld,
                    ]],
                    total: Some(vec![Cell::Text("Total".into()), Cell::Minutes(90)]),
                    chart: None,
                }],
            })
            .collect();
        let bytes = workbook("Rapport", &sections, Lang::Fr).unwrap();
        assert!(bytes.starts_with(b"PK"));

        // Read back: every figure is a number (a duration for hours), markers are words.
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), titles.len());
        assert!(
            names.iter().all(|n| n.chars().count() <= SHEET_NAME_MAX),
            "{names:?}"
        );
        assert_eq!(names[4], "Références à la suite du");
        let sheet = book.worksheet_range(&names[0]).unwrap();
        let row = sheet
            .rows()
            .find(|r| r[0] == Data::String("=1+1".into()))
            .unwrap();
        let duration = |cell: &Data| match cell {
            Data::DateTime(d) if d.is_duration() => (d.as_f64() * 1440.0).round() as i64,
            other => panic!("{other:?} is no duration"),
        };
        assert_eq!(row[1], Data::Float(3.0));
        assert_eq!(duration(&row[2]), 90);
        assert_eq!(row[3], Data::Float(0.12));
        assert_eq!(row[4], Data::Float(2.5));
        assert_eq!(row[5], Data::Float(-0.03));
        assert_eq!(row[6], Data::String("—".into()));
        assert_eq!(row[7], Data::Float(-2.0));
        assert_eq!(row[8], Data::String("< 5".into()));
        assert_eq!(row[9], Data::Empty);
        assert_eq!(row[10], Data::Float(1250.5));
        assert_eq!(row[11], Data::Float(0.08));
        assert_eq!(row[12], Data::Float(472.0));
        assert_eq!(row[13], Data::String("x".into()));
        let total = sheet
            .rows()
            .find(|r| r[0] == Data::String("Total".into()))
            .unwrap();
        assert_eq!(duration(&total[1]), 90);
    }
}
