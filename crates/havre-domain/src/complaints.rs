//! Complaints (issue 18, the seed report's LAPVIC section): the rules that need no database.
//! Who complained, how a complaint ended, how long its answer took against the organization's
//! deadline, and the yearly complaint report's figures: per nature, per outcome, the delays.
//!
//! The register, its pages and the policy's rules on who reads it and who may not handle a
//! complaint about herself are not built yet: this module is their first step.

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How many days an organization gives itself to answer a complaint, until it sets its own.
pub const DEFAULT_ANSWER_DAYS: u32 = 30;

keyed! {
    /// Who complained.
    ComplainantKind {
        Woman => "woman",
        Relative => "relative",
        Partner => "partner",
        Anonymous => "anonymous",
        Other => "other",
    }
}

keyed! {
    /// How a complaint ended.
    ComplaintOutcome {
        Founded => "founded",
        PartlyFounded => "partly_founded",
        Unfounded => "unfounded",
        Withdrawn => "withdrawn",
        Referred => "referred",
    }
}

/// Days from a complaint's reception to the answer to the complainant.
pub fn answer_days(received_on: NaiveDate, answered_on: NaiveDate) -> i64 {
    (answered_on - received_on).num_days()
}

/// Whether a complaint's answer came, or is still awaited, past the deadline on `today`.
pub fn past_deadline(
    received_on: NaiveDate,
    answered_on: Option<NaiveDate>,
    today: NaiveDate,
    deadline_days: u32,
) -> bool {
    answer_days(received_on, answered_on.unwrap_or(today)) > i64::from(deadline_days)
}

/// What the figures need of one complaint: its nature (a value of the organization's list, by
/// its stable key or id), its dates and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintFacts {
    pub nature: String,
    pub received_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    pub outcome: Option<ComplaintOutcome>,
}

/// The yearly complaint report's figures for a period, both days included.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComplaintFigures {
    /// Complaints received in the period.
    pub received: i64,
    /// Of those, answered by the period's end; the others are still open.
    pub answered: i64,
    pub open: i64,
    /// Per nature, in the nature's order.
    pub per_nature: BTreeMap<String, i64>,
    /// Per outcome, of those with one.
    pub per_outcome: BTreeMap<ComplaintOutcome, i64>,
    /// Median days to the answer, of those answered.
    pub median_answer_days: Option<f64>,
    /// Answered past the deadline, or still open past it at the period's end.
    pub past_deadline: i64,
}

/// The figures of a period from the complaints received in it.
pub fn figures(
    complaints: &[ComplaintFacts],
    deadline_days: u32,
    first: NaiveDate,
    last: NaiveDate,
) -> ComplaintFigures {
    let mut f = ComplaintFigures::default();
    let mut delays = Vec::new();
    for c in complaints
        .iter()
        .filter(|c| first <= c.received_on && c.received_on <= last)
    {
        f.received += 1;
        *f.per_nature.entry(c.nature.clone()).or_default() += 1;
        if let Some(outcome) = c.outcome {
            *f.per_outcome.entry(outcome).or_default() += 1;
        }
        let answered = c.answered_on.filter(|a| *a <= last);
        match answered {
            Some(on) => {
                f.answered += 1;
                delays.push(answer_days(c.received_on, on));
            }
            None => f.open += 1,
        }
        if past_deadline(c.received_on, answered, last, deadline_days) {
            f.past_deadline += 1;
        }
    }
    f.median_answer_days = crate::pathways::median(delays);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn keys_read_back() {
        for k in ComplainantKind::ALL {
            assert_eq!(ComplainantKind::parse(k.key()), Some(*k));
        }
        for k in ComplaintOutcome::ALL {
            assert_eq!(ComplaintOutcome::parse(k.key()), Some(*k));
        }
    }

    #[test]
    fn the_deadline_counts_from_the_reception() {
        // Thirty days: answered on the 30th day is in time, on the 31st is late.
        assert!(!past_deadline(d(1, 1), Some(d(1, 31)), d(3, 1), 30));
        assert!(past_deadline(d(1, 1), Some(d(2, 1)), d(3, 1), 30));
        // Still awaited: late once today is past it.
        assert!(!past_deadline(d(1, 1), None, d(1, 20), 30));
        assert!(past_deadline(d(1, 1), None, d(2, 5), 30));
    }

    /// A year of five complaints: one received before it, one answered late, one still open
    /// past the deadline at the year's end, one withdrawn.
    #[test]
    fn a_year_of_complaints_is_counted_as_by_hand() {
        let c = |nature: &str, received_on, answered_on, outcome| ComplaintFacts {
            nature: nature.into(),
            received_on,
            answered_on,
            outcome,
        };
        let complaints = [
            c(
                "service",
                d(1, 10),
                Some(d(1, 20)),
                Some(ComplaintOutcome::Founded),
            ),
            c(
                "service",
                d(3, 1),
                Some(d(4, 15)),
                Some(ComplaintOutcome::Unfounded),
            ),
            c(
                "wait",
                d(5, 2),
                Some(d(5, 16)),
                Some(ComplaintOutcome::Withdrawn),
            ),
            c("conduct", d(12, 1), None, None),
            // Received the year before: not this year's.
            c(
                "wait",
                NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
                Some(d(1, 5)),
                None,
            ),
        ];
        let f = figures(&complaints, 30, d(1, 1), d(12, 31));
        assert_eq!((f.received, f.answered, f.open), (4, 3, 1));
        assert_eq!(
            f.per_nature.into_iter().collect::<Vec<_>>(),
            [
                ("conduct".to_owned(), 1),
                ("service".to_owned(), 2),
                ("wait".to_owned(), 1)
            ]
        );
        assert_eq!(f.per_outcome.len(), 3);
        // 10, 45 and 14 days.
        assert_eq!(f.median_answer_days, Some(14.0));
        // 45 days, and the open one, 30 days on 31 December: not yet past.
        assert_eq!(f.past_deadline, 1);
    }
}
