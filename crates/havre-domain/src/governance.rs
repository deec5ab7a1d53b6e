//! Governance (docs/domain.md §5 and §9; the seed report's "Rencontres de collective", "Assemblée
//! générale annuelle" and "Militantisme"): the organization's members, its board (collective)
//! meetings and its annual general meeting, and the hours they carry. A board meeting's hours
//! are its preparation, its length for each worker present and the writing of its minutes
//! (internal management); its length for each activist or board member present is activism,
//! as the seed counts "Rencontres de collective" in both tables.

use serde::{Deserialize, Serialize};

/// What a member of the organization (the collective, the association) is to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    /// A paid worker (travailleuse).
    Worker,
    /// An activist (militante): a volunteer of the collective.
    Activist,
    /// A member of the board (administratrice).
    BoardMember,
    /// Any other member of the association, who votes at the general meeting.
    OtherMember,
}

impl MemberKind {
    pub const ALL: [MemberKind; 4] = [
        MemberKind::Worker,
        MemberKind::Activist,
        MemberKind::BoardMember,
        MemberKind::OtherMember,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MemberKind::Worker => "worker",
            MemberKind::Activist => "activist",
            MemberKind::BoardMember => "board_member",
            MemberKind::OtherMember => "other_member",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether her hours at a board meeting are paid work (internal management) rather than
    /// volunteering (activism).
    pub fn is_staff(self) -> bool {
        matches!(self, MemberKind::Worker)
    }
}

/// The most minutes one length of a board meeting or the general meeting may say: a long day.
pub const MAX_MEETING_MINUTES: i64 = 24 * 60;

/// The most minutes of preparation, report or minutes-writing one meeting may carry (the seed's
/// general meeting took 230 h of work).
pub const MAX_WORK_MINUTES: i64 = 2_000 * 60;

/// The most persons a general meeting may count on one side (members or not).
pub const MAX_ATTENDANCE: i32 = 10_000;

/// A board meeting's hours: what goes to internal management, what goes to activism.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BoardHours {
    pub internal_minutes: i64,
    pub activism_minutes: i64,
}

/// The hours of a board meeting from its length, its preparation and minutes, and the kinds of
/// the members present.
pub fn board_hours(
    length_minutes: i64,
    preparation_minutes: i64,
    minutes_writing: i64,
    present: &[MemberKind],
) -> BoardHours {
    let staff = present.iter().filter(|k| k.is_staff()).count() as i64;
    let volunteers = present.len() as i64 - staff;
    BoardHours {
        internal_minutes: preparation_minutes + minutes_writing + length_minutes * staff,
        activism_minutes: length_minutes * volunteers,
    }
}

/// Whether a member belongs to the organization on a day: joined on or before it, not left
/// before it.
pub fn is_member_on(
    joined: chrono::NaiveDate,
    left: Option<chrono::NaiveDate>,
    day: chrono::NaiveDate,
) -> bool {
    joined <= day && left.is_none_or(|l| l >= day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn kinds_round_trip() {
        for k in MemberKind::ALL {
            assert_eq!(MemberKind::parse(k.key()), Some(k));
        }
        assert_eq!(MemberKind::parse("president"), None);
    }

    #[test]
    fn a_board_meeting_counts_workers_as_internal_and_activists_as_activism() {
        // The seed's months: 3 h, 3 workers and 4 activists, 3 h of preparation, 2 h of minutes.
        let present = [
            MemberKind::Worker,
            MemberKind::Worker,
            MemberKind::Worker,
            MemberKind::Activist,
            MemberKind::BoardMember,
            MemberKind::BoardMember,
            MemberKind::Activist,
        ];
        assert_eq!(
            board_hours(180, 180, 120, &present),
            BoardHours {
                internal_minutes: 14 * 60,
                activism_minutes: 12 * 60,
            }
        );
        assert_eq!(board_hours(180, 0, 0, &[]), BoardHours::default());
    }

    #[test]
    fn membership_holds_from_the_day_joined_to_the_day_left() {
        let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
        assert!(is_member_on(d(4, 1), None, d(4, 1)));
        assert!(!is_member_on(d(4, 2), None, d(4, 1)));
        assert!(is_member_on(d(4, 1), Some(d(5, 1)), d(5, 1)));
        assert!(!is_member_on(d(4, 1), Some(d(5, 1)), d(5, 2)));
    }
}
