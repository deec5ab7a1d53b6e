//! An organization's year and country (docs/time.md "Reporting years"): the month its reporting
//! year begins — April in Québec, where the government's fiscal year sets it, January for a
//! calendar year as in France, any month an organization chooses — and the country whose words
//! and law its pages follow.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The month a reporting year begins, 1 (January) to 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "u32", into = "u32")]
pub struct YearStart(u32);

impl YearStart {
    /// Québec's reporting year, April 1 to March 31: every organization's until it chooses.
    pub const APRIL: YearStart = YearStart(4);
    /// The calendar year.
    pub const JANUARY: YearStart = YearStart(1);

    /// The year beginning in `month` (1 to 12), or None.
    pub fn new(month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(YearStart(month))
    }

    pub fn month(self) -> u32 {
        self.0
    }

    /// The reporting year holding a day: its first and last days.
    pub fn year_of(self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        let start_year = if day.month() >= self.0 {
            day.year()
        } else {
            day.year() - 1
        };
        let first = NaiveDate::from_ymd_opt(start_year, self.0, 1).unwrap_or(day);
        let last = first
            .checked_add_months(Months::new(12))
            .and_then(|next| next.pred_opt())
            .unwrap_or(day);
        (first, last)
    }
}

impl Default for YearStart {
    fn default() -> Self {
        YearStart::APRIL
    }
}

impl TryFrom<u32> for YearStart {
    type Error = String;
    fn try_from(month: u32) -> Result<Self, String> {
        YearStart::new(month).ok_or_else(|| format!("a month from 1 to 12, not {month}"))
    }
}

impl From<YearStart> for u32 {
    fn from(y: YearStart) -> u32 {
        y.0
    }
}

/// The country an organization works in: the words of its pages where French differs (a
/// department, not an MRC) and the law its privacy duties follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Country {
    /// Canada (Québec).
    #[default]
    #[serde(rename = "CA")]
    Canada,
    #[serde(rename = "FR")]
    France,
}

impl Country {
    pub const ALL: [Country; 2] = [Country::Canada, Country::France];

    /// Its ISO 3166-1 code, as stored and as the API writes it.
    pub fn code(self) -> &'static str {
        match self {
            Country::Canada => "CA",
            Country::France => "FR",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Country::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Where a new organization of the country starts: its usual time zone and year.
    pub fn usual_year_start(self) -> YearStart {
        match self {
            Country::Canada => YearStart::APRIL,
            Country::France => YearStart::JANUARY,
        }
    }

    pub fn usual_time_zone(self) -> &'static str {
        match self {
            Country::Canada => crate::zone::Zone::DEFAULT_NAME,
            Country::France => "Europe/Paris",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_year_begins_on_the_first_of_its_month() {
        assert_eq!(
            YearStart::APRIL.year_of(d(2024, 3, 31)),
            (d(2023, 4, 1), d(2024, 3, 31))
        );
        assert_eq!(
            YearStart::APRIL.year_of(d(2024, 4, 1)),
            (d(2024, 4, 1), d(2025, 3, 31))
        );
        assert_eq!(
            YearStart::JANUARY.year_of(d(2026, 12, 31)),
            (d(2026, 1, 1), d(2026, 12, 31))
        );
        // A school year from September, across a leap February.
        assert_eq!(
            YearStart::new(9).unwrap().year_of(d(2024, 2, 29)),
            (d(2023, 9, 1), d(2024, 8, 31))
        );
        assert_eq!(YearStart::new(13), None);
        assert_eq!(YearStart::new(0), None);
    }

    #[test]
    fn a_country_reads_its_code() {
        assert_eq!(Country::parse("fr"), Some(Country::France));
        assert_eq!(Country::parse("CA"), Some(Country::Canada));
        assert_eq!(Country::parse("US"), None);
        assert_eq!(serde_json::to_string(&Country::France).unwrap(), "\"FR\"");
    }
}
