//! Care units (docs/care.md): the professions of the team and what each kind of profession may
//! read in a woman's file, and the day's agenda of appointments the reception follows, from
//! "expected" to "gone", built for 60 to 90 women a day across many professionals and rooms.

use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

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
