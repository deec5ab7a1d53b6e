//! Complaints (issue 18, the seed report's LAPVIC section): the rules that need no database.
//! Who complained, how a complaint ended, how long its answer took against the organization's
//! deadline, and the yearly complaint report's figures: per nature, per outcome, the delays.
//!
//! Who reads the register and who may handle a complaint are the policy's rules
//! (`policy::may_handle_complaint`); the register is kept by havre-store (docs/privacy.md).

use crate::ids::{ListValueId, UserId};
use crate::validation::{FieldError, paragraph_ok, text_ok};
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

keyed! {
    /// How a complaint reached the organization.
    Channel {
        /// Received by a member of the team (in person, by phone, by letter) and entered.
        Staff => "staff",
        /// Sent with the form of the public page.
        PublicPage => "public_page",
    }
}

/// The most days an organization may give itself to answer a complaint.
pub const MAX_ANSWER_DAYS: u32 = 365;

/// A complaint as it is entered, by the team or from the public page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplaintForm {
    pub received_on: Option<NaiveDate>,
    pub complainant_kind: Option<ComplainantKind>,
    /// Her name and how to answer her; none for an anonymous complaint.
    pub complainant: String,
    pub nature: Option<ListValueId>,
    /// The service concerned, in the complainant's words or the team's.
    pub service: String,
    /// The member of the team it is about, if the complainant names one.
    pub about: Option<UserId>,
    pub summary: String,
}

/// The longest name of a service or of a complainant with her contact.
pub const LINE_MAX: usize = 300;

impl ComplaintForm {
    /// Everything wrong with it, at its fields. A complaint is received today or before.
    pub fn check(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut problems = Vec::new();
        match self.received_on {
            None => problems.push(FieldError::new("received_on", "field-required")),
            Some(day) if day > today => {
                problems.push(FieldError::new("received_on", "date-in-future"))
            }
            Some(_) => {}
        }
        match self.complainant_kind {
            None => problems.push(FieldError::new("complainant_kind", "field-required")),
            // Who signs a complaint is answered: her name and a way to reach her.
            Some(kind) if kind != ComplainantKind::Anonymous => {
                if !text_ok(&self.complainant, LINE_MAX) {
                    problems.push(FieldError::new("complainant", "complainant-required"));
                }
            }
            Some(_) => {}
        }
        if self.nature.is_none() {
            problems.push(FieldError::new("nature", "field-required"));
        }
        if !text_ok(&self.service, LINE_MAX) {
            problems.push(FieldError::new("service", "field-required"));
        }
        if !paragraph_ok(&self.summary) {
            problems.push(FieldError::new("summary", "field-required"));
        }
        problems
    }

    /// Who complained as she is kept: nothing of an anonymous complainant, even if typed.
    pub fn complainant_kept(&self) -> Option<String> {
        match self.complainant_kind {
            Some(ComplainantKind::Anonymous) | None => None,
            Some(_) => Some(self.complainant.trim().to_owned()).filter(|c| !c.is_empty()),
        }
    }
}

/// A step of the handling: a meeting, a call, a letter, on a day.
pub fn check_step(
    day: Option<NaiveDate>,
    body: &str,
    received_on: NaiveDate,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    match day {
        None => problems.push(FieldError::new("day", "field-required")),
        Some(d) if d > today => problems.push(FieldError::new("day", "date-in-future")),
        Some(d) if d < received_on => {
            problems.push(FieldError::new("day", "complaint-before-reception"))
        }
        Some(_) => {}
    }
    if !paragraph_ok(body) {
        problems.push(FieldError::new("body", "field-required"));
    }
    problems
}

/// How a complaint ends: its outcome and the day the complainant was answered. An anonymous
/// complainant cannot be answered: her complaint ends on the day its outcome is decided.
pub fn check_conclusion(
    outcome: Option<ComplaintOutcome>,
    answered_on: Option<NaiveDate>,
    received_on: NaiveDate,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if outcome.is_none() {
        problems.push(FieldError::new("outcome", "field-required"));
    }
    match answered_on {
        None => problems.push(FieldError::new("answered_on", "field-required")),
        Some(d) if d > today => problems.push(FieldError::new("answered_on", "date-in-future")),
        Some(d) if d < received_on => {
            problems.push(FieldError::new("answered_on", "complaint-before-reception"))
        }
        Some(_) => {}
    }
    problems
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
        // A complaint answered after the period's end was still open at it: its outcome
        // belongs to the next report.
        let answered = c.answered_on.filter(|a| *a <= last);
        match answered {
            Some(on) => {
                f.answered += 1;
                delays.push(answer_days(c.received_on, on));
                if let Some(outcome) = c.outcome {
                    *f.per_outcome.entry(outcome).or_default() += 1;
                }
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
    fn a_complaint_is_checked_at_its_fields() {
        let today = d(3, 1);
        let form = ComplaintForm {
            received_on: Some(d(3, 2)),
            complainant_kind: Some(ComplainantKind::Woman),
            complainant: "  ".into(),
            nature: None,
            service: "Accueil".into(),
            about: None,
            summary: String::new(),
        };
        let fields: Vec<_> = form.check(today).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["received_on", "complainant", "nature", "summary"]);
        // Anonymous: no name asked, and none kept even if one was typed.
        let anonymous = ComplaintForm {
            received_on: Some(today),
            complainant_kind: Some(ComplainantKind::Anonymous),
            complainant: "Marie, 555".into(),
            nature: Some(ListValueId::nil()),
            summary: "On m'a mal reçue.".into(),
            ..form
        };
        assert!(anonymous.check(today).is_empty());
        assert_eq!(anonymous.complainant_kept(), None);
        // Ended before it was received, or after today: refused at the day.
        let fields = |p: Vec<FieldError>| p.iter().map(|p| p.message_key).collect::<Vec<_>>();
        assert_eq!(
            fields(check_conclusion(None, Some(d(1, 1)), d(2, 1), today)),
            ["field-required", "complaint-before-reception"]
        );
        assert_eq!(
            fields(check_step(Some(d(3, 5)), "Appel", d(2, 1), today)),
            ["date-in-future"]
        );
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
