//! Closed groups (groupes de cheminement) and open drop-ins (cafés-rencontres), docs/domain.md
//! §2.10-2.11. A closed group takes at most 8 women for 22 meetings of 3 hours (each group
//! may set its own); the report shows, per group, its facilitators, the women at the start
//! and at the end, the meetings held, the hours of preparation and debrief and the hours of
//! facilitation, the information meeting and the mid-group check-ins, as the seed report's
//! table does.

use serde::{Deserialize, Serialize};

/// The seed's closed group: 8 women, 22 meetings of 3 hours.
pub const DEFAULT_CAPACITY: i32 = 8;
pub const DEFAULT_PLANNED_MEETINGS: i32 = 22;
pub const DEFAULT_MEETING_MINUTES: i32 = 180;

/// What a group session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// The information meeting before the group: women who may join, counted by head.
    Information,
    /// A meeting of the group, with attendance per woman.
    Meeting,
    /// The individual check-in with one woman, midway.
    CheckIn,
}

impl SessionKind {
    pub const ALL: [SessionKind; 3] = [
        SessionKind::Information,
        SessionKind::Meeting,
        SessionKind::CheckIn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SessionKind::Information => "information",
            SessionKind::Meeting => "meeting",
            SessionKind::CheckIn => "check_in",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Whether a group's settings are ones a centre would set: 1 to 30 women, 1 to 60 meetings,
/// meetings of 15 minutes to 8 hours.
pub fn settings_problems(
    capacity: i32,
    planned: i32,
    minutes: i32,
) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if !(1..=30).contains(&capacity) {
        problems.push(("capacity", "capacity-out-of-range"));
    }
    if !(1..=60).contains(&planned) {
        problems.push(("planned_meetings", "planned-out-of-range"));
    }
    if !(15..=480).contains(&minutes) {
        problems.push(("meeting_minutes", "duration-out-of-range"));
    }
    problems
}

/// Whether one more woman may join: the places taken are those of the women enrolled and
/// not withdrawn.
pub fn has_room(capacity: i32, active_members: i32) -> bool {
    active_members < capacity
}

/// A member as the counts see her: when she joined, and when she left, if she did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Membership<T: Ord + Copy> {
    pub enrolled: T,
    pub left: Option<T>,
}

/// Women at the start: those enrolled by the first meeting and still there at it. Women at
/// the end: those still there at the last meeting held (a woman who left after the last
/// meeting finished the group). Before any meeting, both are the women enrolled now.
pub fn women_at_start_and_end<T: Ord + Copy>(
    members: &[Membership<T>],
    first_meeting: Option<T>,
    last_meeting: Option<T>,
) -> (usize, usize) {
    let present_at = |at: T| {
        members
            .iter()
            .filter(|m| m.enrolled <= at && m.left.is_none_or(|left| left > at))
            .count()
    };
    match (first_meeting, last_meeting) {
        (Some(first), Some(last)) => (present_at(first), present_at(last)),
        _ => {
            let now = members.iter().filter(|m| m.left.is_none()).count();
            (now, now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(enrolled: i32, left: Option<i32>) -> Membership<i32> {
        Membership { enrolled, left }
    }

    #[test]
    fn the_seed_group_counts_its_women_at_start_and_end() {
        // Seven women start on day 10; one leaves on day 40; one joins late on day 20; the
        // last meeting is on day 90.
        let mut members: Vec<_> = (0..6).map(|_| m(1, None)).collect();
        members.push(m(5, Some(40)));
        members.push(m(20, None));
        assert_eq!(women_at_start_and_end(&members, Some(10), Some(90)), (7, 7));
        // A woman who left before the first meeting never started.
        members.push(m(2, Some(9)));
        assert_eq!(women_at_start_and_end(&members, Some(10), Some(90)), (7, 7));
        // One who leaves after the last meeting finished it.
        members.push(m(3, Some(95)));
        assert_eq!(women_at_start_and_end(&members, Some(10), Some(90)), (8, 8));
        // Leaving on the day of a meeting means she was not there.
        assert_eq!(
            women_at_start_and_end(&[m(1, Some(10))], Some(10), Some(10)),
            (0, 0)
        );
    }

    #[test]
    fn before_any_meeting_the_counts_are_the_women_enrolled() {
        let members = [m(1, None), m(2, None), m(3, Some(4))];
        assert_eq!(women_at_start_and_end(&members, None, None), (2, 2));
    }

    #[test]
    fn a_group_is_full_at_its_capacity() {
        assert!(has_room(DEFAULT_CAPACITY, 7));
        assert!(!has_room(DEFAULT_CAPACITY, 8));
        assert!(!has_room(3, 5));
    }

    #[test]
    fn group_settings_stay_in_a_sensible_range() {
        assert!(settings_problems(8, 22, 180).is_empty());
        assert_eq!(
            settings_problems(0, 0, 5),
            vec![
                ("capacity", "capacity-out-of-range"),
                ("planned_meetings", "planned-out-of-range"),
                ("meeting_minutes", "duration-out-of-range")
            ]
        );
        for k in SessionKind::ALL {
            assert_eq!(SessionKind::parse(k.key()), Some(k));
        }
    }
}
