//! Missions (issue 17, the Brigade d'entraide): the rules that need no database. A partner's
//! membership and what it still allows once ended; a service request's statuses; a mission's
//! time window and a worker's conflicts; the hours a worker signs in; the pay period a day falls
//! in; the hourly rate on a day, with its dated changes; and a pay statement's lines, to the
//! cent, with the corrections that follow its approval.
//!
//! The store, the pages and the API of missions are not built yet: this module is their first
//! step, and says in its tests what they will count.

use crate::validation::FieldError;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// How long a partner whose membership ended still reads the requests it filed.
pub const READ_AFTER_MEMBERSHIP_DAYS: u64 = 90;

/// A partner's membership of the organization, by days of its calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Membership {
    pub joined_on: NaiveDate,
    /// The first day it is no longer a member.
    pub left_on: Option<NaiveDate>,
}

impl Membership {
    /// Whether its caseworkers may file a request that day.
    pub fn may_file(&self, today: NaiveDate) -> bool {
        self.joined_on <= today && self.left_on.is_none_or(|left| today < left)
    }

    /// Whether its caseworkers still read the requests it filed: while it is a member, and for
    /// 90 days after.
    pub fn reads_past_requests(&self, today: NaiveDate) -> bool {
        match self.left_on {
            None => self.joined_on <= today,
            Some(left) => left
                .checked_add_days(Days::new(READ_AFTER_MEMBERSHIP_DAYS))
                .is_some_and(|until| today < until),
        }
    }
}

keyed! {
    /// Where a service request is, as the partner caseworker follows it.
    RequestStatus {
        Received => "received",
        Accepted => "accepted",
        Refused => "refused",
        Planned => "planned",
        Done => "done",
        Closed => "closed",
    }
}

impl RequestStatus {
    /// The moves the coordinator makes: a request is accepted or refused, planned when a
    /// mission is, done when its missions are, then closed. A refused one is closed too.
    pub fn may_move_to(self, to: RequestStatus) -> bool {
        use RequestStatus::*;
        matches!(
            (self, to),
            (Received, Accepted | Refused)
                | (Accepted, Planned | Refused)
                | (Planned, Done | Accepted)
                | (Done, Closed | Planned)
                | (Refused, Closed)
        )
    }
}

keyed! {
    /// How often workers are paid.
    PayFrequency {
        Weekly => "weekly",
        Biweekly => "biweekly",
    }
}

impl PayFrequency {
    fn days(self) -> u64 {
        match self {
            PayFrequency::Weekly => 7,
            PayFrequency::Biweekly => 14,
        }
    }

    /// The pay period a day falls in, both days included, counted from the first day of the
    /// organization's first period. None before that day.
    pub fn period_of(self, first: NaiveDate, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let since = (day - first).num_days();
        if since < 0 {
            return None;
        }
        let len = self.days() as i64;
        let start = first.checked_add_days(Days::new((since - since % len) as u64))?;
        Some((start, start.checked_add_days(Days::new(self.days() - 1))?))
    }
}

/// A time window on the organization's clock: a mission's, or a worker's hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Window {
    /// Whether two windows share a moment: a worker cannot be on both. One ending when the
    /// other begins does not.
    pub fn overlaps(&self, other: &Window) -> bool {
        self.from < other.to && other.from < self.to
    }
}

/// The hours a worker signs in for a mission: a day, a start, an end, the breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkedTime {
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub break_minutes: i64,
}

impl WorkedTime {
    /// The minutes worked: from start to end, less the breaks.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes() - self.break_minutes
    }

    /// What is wrong with it, at its fields: an end after the start, breaks shorter than the
    /// time between them.
    pub fn problems(&self) -> Vec<FieldError> {
        let span = (self.end - self.start).num_minutes();
        let mut problems = Vec::new();
        if span <= 0 {
            problems.push(FieldError::new("end", "worked-end-before-start"));
        } else if !(0..span).contains(&self.break_minutes) {
            problems.push(FieldError::new("break_minutes", "worked-break-invalid"));
        }
        problems
    }
}

/// A worker's hourly rate from a day on, in cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateChange {
    pub from: NaiveDate,
    pub cents_per_hour: i64,
}

/// The rate in force on a day: the latest change on or before it.
pub fn rate_on(changes: &[RateChange], day: NaiveDate) -> Option<i64> {
    changes
        .iter()
        .filter(|c| c.from <= day)
        .max_by_key(|c| c.from)
        .map(|c| c.cents_per_hour)
}

/// One line of a pay statement: the hours of a day at the day's rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayLine {
    pub day: NaiveDate,
    pub minutes: i64,
    pub cents_per_hour: i64,
    /// Rounded to the cent, half away from zero, line by line: the statement's total is the
    /// sum of what each line says.
    pub amount_cents: i64,
}

fn amount(minutes: i64, cents_per_hour: i64) -> i64 {
    let exact = minutes * cents_per_hour;
    let sign = exact.signum();
    sign * ((exact.abs() + 30) / 60)
}

/// The lines of a worker's statement for a period: one per day worked, at that day's rate. A
/// day without a rate is refused at `rate`: nobody is paid at an unknown rate.
pub fn pay_lines(
    worked: &[WorkedTime],
    rates: &[RateChange],
    period: (NaiveDate, NaiveDate),
) -> Result<Vec<PayLine>, FieldError> {
    let mut days: std::collections::BTreeMap<NaiveDate, i64> = Default::default();
    for w in worked
        .iter()
        .filter(|w| period.0 <= w.day && w.day <= period.1)
    {
        *days.entry(w.day).or_default() += w.minutes();
    }
    days.into_iter()
        .map(|(day, minutes)| {
            let rate = rate_on(rates, day).ok_or(FieldError::new("rate", "worker-rate-missing"))?;
            Ok(PayLine {
                day,
                minutes,
                cents_per_hour: rate,
                amount_cents: amount(minutes, rate),
            })
        })
        .collect()
}

/// A correction to an approved statement: its own line, signed, with the day it is about; the
/// approved lines are never changed.
pub fn correction(day: NaiveDate, minutes: i64, rates: &[RateChange]) -> Option<PayLine> {
    let rate = rate_on(rates, day)?;
    Some(PayLine {
        day,
        minutes,
        cents_per_hour: rate,
        amount_cents: amount(minutes, rate),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn an_ended_partner_files_no_more_and_reads_its_past_for_90_days() {
        let m = Membership {
            joined_on: d(1, 1),
            left_on: Some(d(6, 1)),
        };
        assert!(m.may_file(d(5, 31)));
        assert!(!m.may_file(d(6, 1)));
        assert!(!m.may_file(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
        assert!(m.reads_past_requests(d(8, 29)));
        assert!(!m.reads_past_requests(d(8, 30)));
    }

    #[test]
    fn a_request_moves_along_its_statuses() {
        use RequestStatus::*;
        assert!(Received.may_move_to(Accepted));
        assert!(Accepted.may_move_to(Planned));
        assert!(Planned.may_move_to(Done));
        assert!(Done.may_move_to(Closed));
        assert!(Refused.may_move_to(Closed));
        assert!(!Received.may_move_to(Done));
        assert!(!Closed.may_move_to(Received));
    }

    #[test]
    fn pay_periods_follow_the_first_one() {
        let first = d(1, 4);
        assert_eq!(
            PayFrequency::Biweekly.period_of(first, d(1, 17)),
            Some((d(1, 4), d(1, 17)))
        );
        assert_eq!(
            PayFrequency::Biweekly.period_of(first, d(1, 18)),
            Some((d(1, 18), d(1, 31)))
        );
        assert_eq!(
            PayFrequency::Weekly.period_of(first, d(1, 12)),
            Some((d(1, 11), d(1, 17)))
        );
        assert_eq!(PayFrequency::Weekly.period_of(first, d(1, 3)), None);
    }

    #[test]
    fn a_worker_is_not_on_two_missions_at_once() {
        let at = |h, m| d(3, 2).and_time(t(h, m));
        let morning = Window {
            from: at(8, 30),
            to: at(12, 0),
        };
        assert!(morning.overlaps(&Window {
            from: at(11, 30),
            to: at(14, 0)
        }));
        // One ends when the other begins.
        assert!(!morning.overlaps(&Window {
            from: at(12, 0),
            to: at(15, 0)
        }));
    }

    /// Two weeks with a raise on the Wednesday of the second: each day at its own rate, to the
    /// cent; a correction after approval is a line of its own.
    #[test]
    fn a_statement_counts_each_day_at_its_rate_to_the_cent() {
        let rates = [
            RateChange {
                from: d(1, 1),
                cents_per_hour: 1_610,
            },
            RateChange {
                from: d(1, 13),
                cents_per_hour: 1_675,
            },
        ];
        let work = |day, start, end, break_minutes| WorkedTime {
            day,
            start,
            end,
            break_minutes,
        };
        let worked = [
            work(d(1, 5), t(8, 30), t(12, 10), 0),
            work(d(1, 5), t(13, 0), t(16, 15), 15),
            work(d(1, 12), t(9, 0), t(15, 20), 30),
            work(d(1, 13), t(9, 0), t(11, 47), 0),
            // Outside the period: on the next statement.
            work(d(1, 18), t(9, 0), t(12, 0), 0),
        ];
        let lines = pay_lines(&worked, &rates, (d(1, 4), d(1, 17))).unwrap();
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.day, l.minutes, l.cents_per_hour, l.amount_cents))
                .collect::<Vec<_>>(),
            [
                // 3 h 40 + 3 h 00 = 400 min × 16,10 $ = 107,33 $.
                (d(1, 5), 400, 1_610, 10_733),
                // 5 h 50 = 350 min × 16,10 $ = 93,92 $ (93,9166…).
                (d(1, 12), 350, 1_610, 9_392),
                // 2 h 47 = 167 min × 16,75 $ = 46,62 $ (46,6208…).
                (d(1, 13), 167, 1_675, 4_662),
            ]
        );
        assert_eq!(lines.iter().map(|l| l.amount_cents).sum::<i64>(), 24_787);
        // Fifteen minutes forgotten on 12 January, corrected after approval.
        assert_eq!(
            correction(d(1, 12), 15, &rates).map(|l| l.amount_cents),
            Some(403)
        );
        // A day before any rate is refused.
        assert!(
            pay_lines(
                &[work(d(1, 5), t(9, 0), t(10, 0), 0)],
                &[],
                (d(1, 4), d(1, 17))
            )
            .is_err()
        );
    }

    #[test]
    fn worked_time_is_refused_at_its_fields() {
        let w = WorkedTime {
            day: d(1, 5),
            start: t(9, 0),
            end: t(8, 0),
            break_minutes: 0,
        };
        assert_eq!(w.problems()[0].field, "end");
        let w = WorkedTime {
            end: t(10, 0),
            break_minutes: 60,
            ..w
        };
        assert_eq!(w.problems()[0].field, "break_minutes");
        assert_eq!(
            WorkedTime {
                break_minutes: 15,
                ..w
            }
            .minutes(),
            45
        );
    }
}
