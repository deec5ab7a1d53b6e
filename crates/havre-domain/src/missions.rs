//! Missions (issue 17, the Brigade d'entraide): the rules that need no database. A partner's
//! membership and what it still allows once ended; a service request's statuses; a mission's
//! time window and a worker's conflicts; the hours a worker signs in; the pay period a day falls
//! in; the hourly rate on a day, with its dated changes; and a pay statement's lines, to the
//! cent, with the corrections that follow its approval.
//!
//! docs/missions.md says how the Brigade works in Havre and how each figure is counted.

use crate::ids::{PartnerId, WorkerId};
use crate::validation::{FieldError, is_valid_name, paragraph_ok, text_ok};
use chrono::{Days, Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

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
    ServiceRequestStatus {
        Received => "received",
        Accepted => "accepted",
        Refused => "refused",
        Planned => "planned",
        Done => "done",
        Closed => "closed",
    }
}

impl ServiceRequestStatus {
    /// The moves the coordinator makes: a request is accepted or refused, planned when a
    /// mission is, done when its missions are, then closed. A refused one is closed too.
    pub fn may_move_to(self, to: ServiceRequestStatus) -> bool {
        use ServiceRequestStatus::*;
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
    /// What puts the tenant's home at risk.
    Risk {
        EvictionNotice => "eviction_notice",
        Penalty => "penalty",
        Inspection => "inspection",
        Other => "other",
    }
}

keyed! {
    /// Where a mission is.
    MissionStatus {
        Planned => "planned",
        Done => "done",
        Cancelled => "cancelled",
    }
}

/// The longest a free text of a request or a mission may be.
pub const TEXT_MAX: usize = crate::validation::PARAGRAPH_MAX;

/// What a partner's caseworker writes when she files a request for a tenant.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestForm {
    pub tenant_name: String,
    pub tenant_phone: String,
    /// The dwelling: its address, floor, how to get in.
    pub dwelling: String,
    pub household: String,
    /// The tenant consented to the request, to her data being kept and shared with the
    /// team: nothing is filed without it.
    pub consent: bool,
    /// She agrees to be counted, without her name, in the figures the organization shares
    /// with its network.
    pub network_consent: bool,
    pub risk: Option<Risk>,
    pub risk_on: Option<NaiveDate>,
    pub needs: String,
    pub availability: String,
    pub safety: String,
}

impl RequestForm {
    /// Everything wrong with it, at its fields; the persons in the dwelling when it is right.
    pub fn check(&self) -> Result<i32, Vec<FieldError>> {
        let mut problems = Vec::new();
        if !is_valid_name(&self.tenant_name) {
            problems.push(FieldError::new("tenant_name", "field-required"));
        }
        if !self.tenant_phone.trim().is_empty()
            && !crate::validation::is_valid_phone(&self.tenant_phone)
        {
            problems.push(FieldError::new("tenant_phone", "phone-invalid"));
        }
        if !paragraph_ok(&self.dwelling) {
            problems.push(FieldError::new("dwelling", "field-required"));
        }
        let household = self.household.trim();
        let household = if household.is_empty() {
            Some(1)
        } else {
            household
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=20).contains(n))
        };
        if household.is_none() {
            problems.push(FieldError::new("household", "household-invalid"));
        }
        if !self.consent {
            problems.push(FieldError::new("consent", "tenant-consent-required"));
        }
        if self.risk.is_none() {
            problems.push(FieldError::new("risk", "field-required"));
        }
        if !paragraph_ok(&self.needs) {
            problems.push(FieldError::new("needs", "field-required"));
        }
        if !paragraph_ok(&self.availability) {
            problems.push(FieldError::new("availability", "field-required"));
        }
        if self.safety.trim().chars().count() > TEXT_MAX {
            problems.push(FieldError::new("safety", "text-too-long"));
        }
        match household {
            Some(n) if problems.is_empty() => Ok(n),
            _ => Err(problems),
        }
    }
}

/// A worker's name as the coordinator types it: one line.
pub fn worker_name_ok(name: &str) -> bool {
    text_ok(name, 200)
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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

/// How a request ended up, for the figures: by its missions first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Received or accepted, no mission yet.
    Pending,
    /// A mission is planned, none done.
    Planned,
    /// At least one mission done.
    Done,
    /// Refused (and perhaps closed since).
    Refused,
}

impl Outcome {
    pub fn of(status: ServiceRequestStatus, missions_done: bool) -> Self {
        use ServiceRequestStatus::*;
        match status {
            _ if missions_done => Outcome::Done,
            Refused | Closed => Outcome::Refused,
            Planned | Done => Outcome::Planned,
            Received | Accepted => Outcome::Pending,
        }
    }
}

/// What the figures need of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFacts {
    pub partner: PartnerId,
    /// Its tenant, as a blind index: two requests for her count her once.
    pub tenant: String,
    pub filed_on: NaiveDate,
    pub status: ServiceRequestStatus,
    /// The days of its missions done.
    pub done_on: Vec<NaiveDate>,
    /// What its partner reported six months after: kept in her home or not, and when.
    pub kept_in_home: Option<(bool, NaiveDate)>,
}

/// The hours a worker worked on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoursFacts {
    pub worker: WorkerId,
    pub day: NaiveDate,
    pub minutes: i64,
}

/// A partner's requests of the period, by outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PartnerCount {
    pub partner: PartnerId,
    pub requests: i64,
    pub pending: i64,
    pub planned: i64,
    pub done: i64,
    pub refused: i64,
}

/// A missions organization's figures for a period, both days included (docs/missions.md
/// "Figures").
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MissionFigures {
    /// Tenants with a mission done in the period, each once.
    pub persons_helped: i64,
    /// Requests filed in the period.
    pub requests: i64,
    /// Partners that filed one in the period.
    pub referring_partners: i64,
    /// The period's requests per partner, by outcome, most requests first.
    pub per_partner: Vec<PartnerCount>,
    /// Missions done in the period.
    pub missions: i64,
    /// Workers who worked in the period.
    pub active_workers: i64,
    pub minutes_worked: i64,
    /// Median days from a request to its first mission done, for first missions done in the
    /// period: how long a tenant waited for help to come.
    pub median_days_to_first_mission: Option<f64>,
    /// Reports from partners, in the period, of tenants six months after: still in their
    /// home, and of how many reported.
    pub kept_in_home: i64,
    pub kept_reported: i64,
}

/// Whether the six months after a tenant's first mission done have passed on a day: her
/// partner may then report whether she is still in her home.
pub fn six_months_after(first_done: NaiveDate, today: NaiveDate) -> bool {
    first_done
        .checked_add_months(Months::new(6))
        .is_some_and(|due| due <= today)
}

/// The figures of a period from every request of the organization and the hours worked.
pub fn figures(
    requests: &[RequestFacts],
    hours: &[HoursFacts],
    first: NaiveDate,
    last: NaiveDate,
) -> MissionFigures {
    let within = |d: NaiveDate| first <= d && d <= last;
    let mut helped = HashSet::new();
    let mut missions = 0;
    let mut per_partner: BTreeMap<PartnerId, PartnerCount> = BTreeMap::new();
    let mut delays = Vec::new();
    let (mut kept, mut reported) = (0, 0);
    for r in requests {
        let done_within = r.done_on.iter().filter(|d| within(**d)).count() as i64;
        if done_within > 0 {
            helped.insert(r.tenant.as_str());
        }
        missions += done_within;
        if within(r.filed_on) {
            let count = per_partner.entry(r.partner).or_insert(PartnerCount {
                partner: r.partner,
                requests: 0,
                pending: 0,
                planned: 0,
                done: 0,
                refused: 0,
            });
            count.requests += 1;
            match Outcome::of(r.status, !r.done_on.is_empty()) {
                Outcome::Pending => count.pending += 1,
                Outcome::Planned => count.planned += 1,
                Outcome::Done => count.done += 1,
                Outcome::Refused => count.refused += 1,
            }
        }
        if let Some(on) = r.done_on.iter().min().copied().filter(|d| within(*d)) {
            delays.push((on - r.filed_on).num_days());
        }
        if let Some((yes, _)) = r.kept_in_home.filter(|(_, on)| within(*on)) {
            reported += 1;
            kept += i64::from(yes);
        }
    }
    let mut per_partner: Vec<PartnerCount> = per_partner.into_values().collect();
    per_partner.sort_by_key(|p| std::cmp::Reverse(p.requests));
    let worked: Vec<&HoursFacts> = hours.iter().filter(|h| within(h.day)).collect();
    MissionFigures {
        persons_helped: helped.len() as i64,
        requests: per_partner.iter().map(|p| p.requests).sum(),
        referring_partners: per_partner.len() as i64,
        per_partner,
        missions,
        active_workers: worked
            .iter()
            .filter(|h| h.minutes > 0)
            .map(|h| h.worker)
            .collect::<HashSet<_>>()
            .len() as i64,
        minutes_worked: worked.iter().map(|h| h.minutes).sum(),
        median_days_to_first_mission: crate::pathways::median(delays),
        kept_in_home: kept,
        kept_reported: reported,
    }
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
        use ServiceRequestStatus::*;
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
