//! The report as a ZIP archive of CSV files, one per table. Cells are written as the users read
//! them, in their language; a cell that starts like a formula (= + - @, or a tab or carriage
//! return) is neutralized with a leading apostrophe, so that opening the file in a spreadsheet
//! never runs anything (safety.md).

use crate::tables::Section;
use havre_domain::text::Lang;
use std::io::Write;
use zip::write::SimpleFileOptions;

/// A cell made safe for a spreadsheet: whatever a spreadsheet could read as a formula gets a
/// leading apostrophe, a signed change ("-3", "+12 %") included: a rule without exceptions is
/// one that holds.
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

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The CSV files of a report's tables, in a ZIP archive. French files use semicolons, as
/// spreadsheets set to French expect; all start with a byte-order mark so that accents open
/// right.
pub fn csv_archive(sections: &[Section], lang: Lang) -> Result<Vec<u8>, ArchiveError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (i, section) in sections.iter().enumerate() {
        for table in &section.tables {
            let mut csv = csv::WriterBuilder::new()
                .delimiter(match lang {
                    Lang::Fr => b';',
                    Lang::En => b',',
                })
                .from_writer(Vec::new());
            csv.write_record(table.columns.iter().map(|c| neutralize(c)))?;
            for row in table.rows.iter().chain(table.total.iter()) {
                csv.write_record(row.iter().map(|cell| neutralize(&cell.display(lang))))?;
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
}
