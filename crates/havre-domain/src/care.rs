//! Care units (docs/care.md): the professions of the team and what each kind of profession may
//! read in a woman's file, and the day's agenda of appointments the reception follows, from
//! "expected" to "gone", built for 60 to 90 women a day across many professionals and rooms.

use crate::ids::{ListValueId, PathwayId, PersonId};
use crate::validation::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

keyed! {
    /// What kind of profession a member of the team practises: the policy reads a note by
    /// it (docs/safety.md "Professional secrecy"). The organization names its professions;
    /// each one is of one kind, chosen when it is added.
    ProfessionKind {
        /// Doctor, midwife, nurse, psychologist: the care team, bound by medical secrecy.
        Health => "health",
        /// Lawyer, legal volunteer.
        Legal => "legal",
        /// The police officer on site, who takes complaints.
        Police => "police",
        /// Social worker, family counsellor, caseworker.
        Social => "social",
        /// Art, sport and body therapists.
        Therapy => "therapy",
        /// Reception: who is expected and who has arrived, nothing of the file.
        Reception => "reception",
        Other => "other",
    }
}

keyed! {
    /// Who may read a note in a file, besides its author. A team's notes are read by the
    /// team (docs/safety.md "Professional secrecy"); a health note by the care team only;
    /// a legal note the woman kept private by the legal team only; a note she agreed to share
    /// for her complaint, by the police officer as well.
    NoteScope {
        Team => "team",
        Health => "health",
        Legal => "legal",
        Complaint => "complaint",
    }
}

keyed! {
    /// Where a woman is in her appointment, as the reception follows it.
    AppointmentStatus {
        Expected => "expected",
        Arrived => "arrived",
        /// She is with the professional, or has been.
        Seen => "seen",
        /// She has left.
        Gone => "gone",
        /// She did not come.
        Missed => "missed",
        Cancelled => "cancelled",
    }
}

impl AppointmentStatus {
    /// The statuses the reception's board counts, in its order.
    pub const BOARD: [AppointmentStatus; 4] = [
        AppointmentStatus::Expected,
        AppointmentStatus::Arrived,
        AppointmentStatus::Seen,
        AppointmentStatus::Gone,
    ];

    /// Whether she came: an appointment she came to is counted in the figures.
    pub fn came(self) -> bool {
        matches!(
            self,
            AppointmentStatus::Arrived | AppointmentStatus::Seen | AppointmentStatus::Gone
        )
    }

    /// Whether it still takes the professional's time: a missed or cancelled appointment
    /// frees it.
    pub fn holds_time(self) -> bool {
        !matches!(
            self,
            AppointmentStatus::Missed | AppointmentStatus::Cancelled
        )
    }

    /// The moves the reception may make: forward along the day, or one step back to undo a
    /// click made in error. A cancelled or missed appointment comes back as expected.
    pub fn may_move_to(self, to: AppointmentStatus) -> bool {
        use AppointmentStatus::*;
        matches!(
            (self, to),
            (Expected, Arrived | Missed | Cancelled)
                | (Arrived, Seen | Gone | Expected)
                | (Seen, Gone | Arrived)
                | (Gone, Seen)
                | (Missed | Cancelled, Expected)
        )
    }
}

/// The shortest and longest appointment, in minutes.
pub const APPOINTMENT_MINUTES: std::ops::RangeInclusive<i32> = 5..=480;

/// An appointment's length as entered: refused at `minutes` out of range.
pub fn appointment_minutes_problem(minutes: i32) -> Option<FieldError> {
    (!APPOINTMENT_MINUTES.contains(&minutes))
        .then(|| FieldError::new("minutes", "appointment-minutes-invalid"))
}

/// The kind of each profession Havre ships in the organization's list of professions
/// (`lists::ListKind::Profession`, where their labels are), by its stable key.
pub const DEFAULT_PROFESSION_KINDS: &[(&str, ProfessionKind)] = &[
    ("doctor", ProfessionKind::Health),
    ("midwife", ProfessionKind::Health),
    ("nurse", ProfessionKind::Health),
    ("psychologist", ProfessionKind::Health),
    ("legal", ProfessionKind::Legal),
    ("police", ProfessionKind::Police),
    ("social_worker", ProfessionKind::Social),
    ("caseworker", ProfessionKind::Social),
    ("art_therapist", ProfessionKind::Therapy),
    ("sport", ProfessionKind::Therapy),
    ("reception", ProfessionKind::Reception),
];

/// The kind of a profession shipped with Havre, by its key.
pub fn default_kind(key: &str) -> Option<ProfessionKind> {
    DEFAULT_PROFESSION_KINDS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| *kind)
}

/// One appointment as the day's board counts it.
#[derive(Clone, Copy, Debug)]
pub struct BoardLine {
    pub status: AppointmentStatus,
    pub walk_in: bool,
}

/// The reception's counts for a day: how many are expected, arrived, seen, gone; the
/// walk-ins; and the women who did not come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DayCounts {
    pub expected: u32,
    pub arrived: u32,
    pub seen: u32,
    pub gone: u32,
    pub missed: u32,
    pub cancelled: u32,
    pub walk_ins: u32,
    /// Appointments that hold a professional's time (all but missed and cancelled).
    pub booked: u32,
}

impl DayCounts {
    pub fn of(lines: impl IntoIterator<Item = BoardLine>) -> Self {
        let mut c = DayCounts::default();
        for l in lines {
            match l.status {
                AppointmentStatus::Expected => c.expected += 1,
                AppointmentStatus::Arrived => c.arrived += 1,
                AppointmentStatus::Seen => c.seen += 1,
                AppointmentStatus::Gone => c.gone += 1,
                AppointmentStatus::Missed => c.missed += 1,
                AppointmentStatus::Cancelled => c.cancelled += 1,
            }
            if l.walk_in {
                c.walk_ins += 1;
            }
            if l.status.holds_time() {
                c.booked += 1;
            }
        }
        c
    }
}

/// One appointment as the figures count it, its day on the organization's calendar.
#[derive(Clone, Copy, Debug)]
pub struct AppointmentFacts {
    pub person: PersonId,
    pub day: NaiveDate,
    pub status: AppointmentStatus,
    pub walk_in: bool,
    /// The professional's profession, when she has one.
    pub profession: Option<ListValueId>,
    /// The pathway of the step it was booked for.
    pub pathway: Option<PathwayId>,
}

/// Appointments per profession of the professional (none: a member without a profession).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProfessionCount {
    pub profession_id: Option<ListValueId>,
    pub appointments: i64,
}

/// A care unit's figures for a period (docs/care.md "Figures").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareFigures {
    /// Women accompanied: who came to at least one appointment in the period.
    pub women: i64,
    /// Of those, women whose first appointment she came to is in the period.
    pub new_women: i64,
    /// Appointments she came to.
    pub appointments: i64,
    /// Of those, walk-ins.
    pub walk_ins: i64,
    /// Appointments she did not come to.
    pub missed: i64,
    /// Days with at least one appointment she came to.
    pub open_days: i64,
    /// Women received per open day, on average (each woman once a day).
    pub women_per_open_day: f64,
    /// The day the most women were received, and how many; the first such day on a tie.
    pub peak_day: Option<NaiveDate>,
    pub peak_women: i64,
    /// Appointments she came to, per profession of the professional, most first.
    pub per_profession: Vec<ProfessionCount>,
}

/// A care unit's figures for a period (both days included). `came_before` holds the women
/// who came to an appointment before the period began: the others are new.
pub fn figures(
    facts: &[AppointmentFacts],
    came_before: &HashSet<PersonId>,
    first: NaiveDate,
    last: NaiveDate,
) -> CareFigures {
    let within: Vec<&AppointmentFacts> = facts
        .iter()
        .filter(|a| first <= a.day && a.day <= last)
        .collect();
    let came: Vec<&&AppointmentFacts> = within.iter().filter(|a| a.status.came()).collect();
    let women: HashSet<PersonId> = came.iter().map(|a| a.person).collect();
    let new_women = women.iter().filter(|p| !came_before.contains(p)).count();
    let mut per_day: BTreeMap<NaiveDate, HashSet<PersonId>> = BTreeMap::new();
    for a in &came {
        per_day.entry(a.day).or_default().insert(a.person);
    }
    let received: i64 = per_day.values().map(|w| w.len() as i64).sum();
    let open_days = per_day.len() as i64;
    let peak = per_day.iter().map(|(d, w)| (*d, w.len() as i64)).fold(
        None,
        |best: Option<(NaiveDate, i64)>, (d, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((d, n)),
        },
    );
    let mut professions: HashMap<Option<ListValueId>, i64> = HashMap::new();
    for a in &came {
        *professions.entry(a.profession).or_default() += 1;
    }
    let mut per_profession: Vec<ProfessionCount> = professions
        .into_iter()
        .map(|(profession_id, appointments)| ProfessionCount {
            profession_id,
            appointments,
        })
        .collect();
    per_profession.sort_by(|a, b| {
        b.appointments
            .cmp(&a.appointments)
            .then(a.profession_id.cmp(&b.profession_id))
    });
    CareFigures {
        women: women.len() as i64,
        new_women: new_women as i64,
        appointments: came.len() as i64,
        walk_ins: came.iter().filter(|a| a.walk_in).count() as i64,
        missed: within
            .iter()
            .filter(|a| a.status == AppointmentStatus::Missed)
            .count() as i64,
        open_days,
        women_per_open_day: if open_days == 0 {
            0.0
        } else {
            (received as f64 / open_days as f64 * 10.0).round() / 10.0
        },
        peak_day: peak.map(|(d, _)| d),
        peak_women: peak.map_or(0, |(_, n)| n),
        per_profession,
    }
}

/// Appointments she came to in the period, per pathway of the step they were booked for.
pub fn appointments_per_pathway(
    facts: &[AppointmentFacts],
    first: NaiveDate,
    last: NaiveDate,
) -> HashMap<PathwayId, i64> {
    let mut per = HashMap::new();
    for a in facts
        .iter()
        .filter(|a| first <= a.day && a.day <= last && a.status.came())
    {
        if let Some(p) = a.pathway {
            *per.entry(p).or_default() += 1;
        }
    }
    per
}

keyed! {
    /// Who the team hosts: an intern in training, or an observer for a few days.
    HostingKind {
        Intern => "intern",
        Observer => "observer",
    }
}

/// The longest stay of an intern, in days.
pub const HOSTING_DAYS_MAX: i64 = 366;

/// An intern or an observer as she is entered: her school and her days, never her name.
pub struct NewHosting {
    pub kind: Option<HostingKind>,
    pub school: String,
    pub profession: Option<ListValueId>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

impl NewHosting {
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if self.kind.is_none() {
            problems.push(FieldError::new("kind", "value-required"));
        }
        if !crate::validation::text_ok(&self.school, 200) {
            problems.push(FieldError::new("school", "field-required"));
        }
        match (self.starts_on, self.ends_on) {
            (None, _) => problems.push(FieldError::new("starts_on", "date-invalid")),
            (_, None) => problems.push(FieldError::new("ends_on", "date-invalid")),
            (Some(a), Some(b)) if b < a || (b - a).num_days() >= HOSTING_DAYS_MAX => {
                problems.push(FieldError::new("ends_on", "hosting-length-invalid"))
            }
            _ => {}
        }
        problems
    }
}

/// One hosting as the figures count it.
#[derive(Clone, Debug)]
pub struct HostingFacts {
    pub kind: HostingKind,
    pub school: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// Interns and observers hosted in a period, per school.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HostingFigures {
    /// Interns and observers whose days meet the period.
    pub interns: i64,
    pub observers: i64,
    /// Their days within the period, both ends included.
    pub days: i64,
    pub per_school: Vec<SchoolCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SchoolCount {
    pub school: String,
    pub interns: i64,
    pub observers: i64,
}

pub fn hosting_figures(
    facts: &[HostingFacts],
    first: NaiveDate,
    last: NaiveDate,
) -> HostingFigures {
    let mut f = HostingFigures::default();
    let mut schools: BTreeMap<String, SchoolCount> = BTreeMap::new();
    for h in facts
        .iter()
        .filter(|h| h.starts_on <= last && h.ends_on >= first)
    {
        let (from, to) = (h.starts_on.max(first), h.ends_on.min(last));
        f.days += (to - from).num_days() + 1;
        let school = schools
            .entry(h.school.clone())
            .or_insert_with(|| SchoolCount {
                school: h.school.clone(),
                interns: 0,
                observers: 0,
            });
        match h.kind {
            HostingKind::Intern => {
                f.interns += 1;
                school.interns += 1;
            }
            HostingKind::Observer => {
                f.observers += 1;
                school.observers += 1;
            }
        }
    }
    // The schools that sent the most first.
    f.per_school = schools.into_values().collect();
    f.per_school
        .sort_by_key(|s| std::cmp::Reverse(s.interns + s.observers));
    f
}

/// One training given as the figures count it: its module (or its title when it has none).
#[derive(Clone, Debug)]
pub struct TrainingFacts {
    pub module: String,
    pub participants: i64,
    pub minutes: i64,
    pub professions: Vec<(ListValueId, i64)>,
}

/// Trainings given in a period, per module and per profession of the participants.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TrainingFigures {
    pub sessions: i64,
    pub participants: i64,
    pub minutes: i64,
    pub per_module: Vec<ModuleCount>,
    /// Participants per profession; those whose profession was not given are not here.
    pub per_profession: Vec<ParticipantCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ModuleCount {
    pub module: String,
    pub sessions: i64,
    pub participants: i64,
    pub minutes: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ParticipantCount {
    pub profession_id: ListValueId,
    pub participants: i64,
}

pub fn training_figures(facts: &[TrainingFacts]) -> TrainingFigures {
    let mut modules: BTreeMap<String, ModuleCount> = BTreeMap::new();
    let mut professions: HashMap<ListValueId, i64> = HashMap::new();
    for t in facts {
        let m = modules
            .entry(t.module.clone())
            .or_insert_with(|| ModuleCount {
                module: t.module.clone(),
                sessions: 0,
                participants: 0,
                minutes: 0,
            });
        m.sessions += 1;
        m.participants += t.participants;
        m.minutes += t.minutes;
        for (p, n) in &t.professions {
            *professions.entry(*p).or_default() += n;
        }
    }
    let mut per_profession: Vec<ParticipantCount> = professions
        .into_iter()
        .map(|(profession_id, participants)| ParticipantCount {
            profession_id,
            participants,
        })
        .collect();
    per_profession.sort_by(|a, b| {
        b.participants
            .cmp(&a.participants)
            .then(a.profession_id.cmp(&b.profession_id))
    });
    TrainingFigures {
        sessions: facts.len() as i64,
        participants: facts.iter().map(|t| t.participants).sum(),
        minutes: facts.iter().map(|t| t.minutes).sum(),
        per_module: modules.into_values().collect(),
        per_profession,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppointmentStatus::*;

    #[test]
    fn the_reception_moves_forward_and_undoes_one_step() {
        assert!(Expected.may_move_to(Arrived));
        assert!(Arrived.may_move_to(Seen));
        assert!(Seen.may_move_to(Gone));
        // A click in error is undone one step back.
        assert!(Arrived.may_move_to(Expected));
        assert!(Cancelled.may_move_to(Expected));
        // She cannot be gone before she came, nor missed once seen.
        assert!(!Expected.may_move_to(Gone));
        assert!(!Seen.may_move_to(Missed));
        assert!(!Gone.may_move_to(Expected));
    }

    #[test]
    fn the_board_counts_each_status_and_the_walk_ins() {
        let lines = [
            (Expected, false),
            (Expected, false),
            (Arrived, true),
            (Seen, false),
            (Gone, false),
            (Missed, false),
            (Cancelled, false),
        ]
        .map(|(status, walk_in)| BoardLine { status, walk_in });
        assert_eq!(
            DayCounts::of(lines),
            DayCounts {
                expected: 2,
                arrived: 1,
                seen: 1,
                gone: 1,
                missed: 1,
                cancelled: 1,
                walk_ins: 1,
                booked: 5,
            }
        );
    }

    /// Three days: two women twice on Monday, one on Tuesday, a walk-in and a no-show on
    /// Wednesday; one of the women came first the year before.
    #[test]
    fn the_figures_count_women_once_a_day_and_find_the_peak() {
        let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
        let (a, b, c, e) = (
            PersonId::new(),
            PersonId::new(),
            PersonId::new(),
            PersonId::new(),
        );
        let (midwife, lawyer) = (ListValueId::new(), ListValueId::new());
        let fact = |person, day, status, walk_in, profession| AppointmentFacts {
            person,
            day: d(day),
            status,
            walk_in,
            profession: Some(profession),
            pathway: None,
        };
        let facts = [
            fact(a, 15, Gone, false, midwife),
            fact(a, 15, Seen, false, lawyer),
            fact(b, 15, Gone, false, midwife),
            fact(b, 16, Arrived, false, midwife),
            fact(c, 17, Arrived, true, lawyer),
            fact(e, 17, Missed, false, lawyer),
            fact(e, 18, Cancelled, false, lawyer),
        ];
        // She came first in November 2026.
        let came_before = HashSet::from([a]);
        let f = figures(&facts, &came_before, d(1), d(31));
        assert_eq!((f.women, f.new_women), (3, 2));
        assert_eq!((f.appointments, f.walk_ins, f.missed), (5, 1, 1));
        // Monday 2 women, Tuesday 1, Wednesday 1: 4 over 3 open days.
        assert_eq!((f.open_days, f.women_per_open_day), (3, 1.3));
        assert_eq!((f.peak_day, f.peak_women), (Some(d(15)), 2));
        assert_eq!(
            f.per_profession,
            [
                ProfessionCount {
                    profession_id: Some(midwife),
                    appointments: 3
                },
                ProfessionCount {
                    profession_id: Some(lawyer),
                    appointments: 2
                },
            ]
        );
    }

    #[test]
    fn hosting_counts_the_days_within_the_period_and_each_school() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let h = |kind, school: &str, a, b| HostingFacts {
            kind,
            school: school.into(),
            starts_on: a,
            ends_on: b,
        };
        let facts = [
            h(
                HostingKind::Intern,
                "École de sages-femmes",
                NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                d(1, 31),
            ),
            h(HostingKind::Observer, "Sciences Po", d(3, 1), d(3, 3)),
            h(HostingKind::Intern, "Sciences Po", d(6, 1), d(6, 30)),
        ];
        let f = hosting_figures(&facts, d(1, 1), d(12, 31));
        assert_eq!((f.interns, f.observers, f.days), (2, 1, 31 + 3 + 30));
        assert_eq!(f.per_school.len(), 2);
        assert_eq!(f.per_school[0].school, "Sciences Po");
        assert_eq!((f.per_school[0].interns, f.per_school[0].observers), (1, 1));
    }

    #[test]
    fn every_default_profession_has_a_kind() {
        let listed = crate::lists::ListKind::Profession.defaults();
        assert_eq!(listed.len(), DEFAULT_PROFESSION_KINDS.len());
        for value in listed {
            assert!(default_kind(value.key).is_some(), "{}", value.key);
        }
        assert_eq!(default_kind("police"), Some(ProfessionKind::Police));
        assert_eq!(default_kind("doctor"), Some(ProfessionKind::Health));
        assert_eq!(default_kind("unknown"), None);
    }
}
