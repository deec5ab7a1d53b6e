//! Privacy duties (issue 18; Québec's Law 25 and the GDPR): the rules that need no database.
//! A person's request for access answered within 30 days, and which requests near that limit;
//! how long each kind of record is kept before it is destroyed or made anonymous, with the
//! organization's choices and their floors.
//!
//! The registers, the exports and the destruction job are not built yet: this module is their
//! first step.

use chrono::{Days, Months, NaiveDate};

/// A person's request for access is answered within 30 days of its reception.
pub const ACCESS_ANSWER_DAYS: u64 = 30;

/// The last day to answer a request for access received on a day.
pub fn access_due(received_on: NaiveDate) -> NaiveDate {
    received_on
        .checked_add_days(Days::new(ACCESS_ANSWER_DAYS))
        .unwrap_or(received_on)
}

/// Whether a request not yet answered is within `warn_days` of its limit, or past it: what the
/// dashboard of the person in charge shows.
pub fn access_nearing(received_on: NaiveDate, today: NaiveDate, warn_days: u64) -> bool {
    today
        .checked_add_days(Days::new(warn_days))
        .is_some_and(|soon| access_due(received_on) <= soon)
}

keyed! {
    /// The kinds of records a retention rule is set for.
    RetentionKind {
        ClosedFile => "closed_file",
        Call => "call",
        UnservedRequest => "unserved_request",
        Complaint => "complaint",
        Incident => "incident",
    }
}

impl RetentionKind {
    /// Years kept, counted from the record's end (a file's closing, a call, a complaint's
    /// answer), until the organization sets its own.
    pub fn default_years(self) -> u32 {
        match self {
            RetentionKind::ClosedFile => 7,
            RetentionKind::Call => 2,
            RetentionKind::UnservedRequest => 2,
            RetentionKind::Complaint => 5,
            RetentionKind::Incident => 5,
        }
    }

    /// The fewest years the organization may choose: the register of confidentiality
    /// incidents is kept at least five years; the rest at least one, so that a year's report
    /// can be made from them.
    pub fn floor_years(self) -> u32 {
        match self {
            RetentionKind::Incident => 5,
            _ => 1,
        }
    }
}

/// Whether a record that ended on a day is due for destruction on `today`, kept `years`.
pub fn due(ended_on: NaiveDate, years: u32, today: NaiveDate) -> bool {
    ended_on
        .checked_add_months(Months::new(years * 12))
        .is_some_and(|until| until <= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_access_request_is_answered_within_thirty_days() {
        assert_eq!(access_due(d(2027, 1, 15)), d(2027, 2, 14));
        // Five days before its limit, the dashboard shows it; not a week before that.
        assert!(access_nearing(d(2027, 1, 15), d(2027, 2, 9), 5));
        assert!(!access_nearing(d(2027, 1, 15), d(2027, 2, 2), 5));
        // Past its limit, still shown.
        assert!(access_nearing(d(2027, 1, 15), d(2027, 3, 1), 5));
    }

    #[test]
    fn records_are_due_after_their_years() {
        // A file closed on 29 February is due on 28 February, seven years on.
        assert!(!due(d(2024, 2, 29), 7, d(2031, 2, 27)));
        assert!(due(d(2024, 2, 29), 7, d(2031, 2, 28)));
        for kind in RetentionKind::ALL {
            assert!(kind.default_years() >= kind.floor_years(), "{kind:?}");
        }
        assert_eq!(RetentionKind::Incident.floor_years(), 5);
    }
}
