//! Meetings (docs/domain.md §2.4-2.12): their kinds, where they happen, the time around them, and
//! the limits the centres set themselves: 5 emergency meetings, 15 follow-up meetings, 5
//! meetings for a relative. Havre warns at the last meeting allowed and asks for a reason to
//! go past it; the reason is kept, because going past a limit is a clinical decision.

use serde::{Deserialize, Serialize};

/// The kinds of meeting the report counts apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    FirstMeeting,
    Emergency,
    FollowUp,
    Relatives,
    /// Crime-victim compensation (IVAC) forms and reviews.
    AccompanimentCompensation,
    AccompanimentCourt,
    AccompanimentMedical,
    AccompanimentRights,
    /// Calling back, then meeting, a person referred by a designated centre.
    DesignatedCentre,
    ExploitationFollowUp,
    /// Peer support by a survivor (projet SurVivantes).
    PeerDialogue,
    /// An intervention on the exploitation track's text or chat line.
    TextLine,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 12] = [
        MeetingKind::FirstMeeting,
        MeetingKind::Emergency,
        MeetingKind::FollowUp,
        MeetingKind::Relatives,
        MeetingKind::AccompanimentCompensation,
        MeetingKind::AccompanimentCourt,
        MeetingKind::AccompanimentMedical,
        MeetingKind::AccompanimentRights,
        MeetingKind::DesignatedCentre,
        MeetingKind::ExploitationFollowUp,
        MeetingKind::PeerDialogue,
        MeetingKind::TextLine,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::FirstMeeting => "first_meeting",
            MeetingKind::Emergency => "emergency",
            MeetingKind::FollowUp => "follow_up",
            MeetingKind::Relatives => "relatives",
            MeetingKind::AccompanimentCompensation => "accompaniment_compensation",
            MeetingKind::AccompanimentCourt => "accompaniment_court",
            MeetingKind::AccompanimentMedical => "accompaniment_medical",
            MeetingKind::AccompanimentRights => "accompaniment_rights",
            MeetingKind::DesignatedCentre => "designated_centre",
            MeetingKind::ExploitationFollowUp => "exploitation_follow_up",
            MeetingKind::PeerDialogue => "peer_dialogue",
            MeetingKind::TextLine => "text_line",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether the meeting is with a relative of the person rather than with her.
    pub fn with_relative(self) -> bool {
        self == MeetingKind::Relatives
    }

    pub fn is_accompaniment(self) -> bool {
        matches!(
            self,
            MeetingKind::AccompanimentCompensation
                | MeetingKind::AccompanimentCourt
                | MeetingKind::AccompanimentMedical
                | MeetingKind::AccompanimentRights
        )
    }
}

/// Where a meeting happens. Partner premises (a school, a youth centre) name a place from the
/// organization's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Centre,
    PartnerPremises,
    Home,
    Phone,
    Video,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 5] = [
        PlaceKind::Centre,
        PlaceKind::PartnerPremises,
        PlaceKind::Home,
        PlaceKind::Phone,
        PlaceKind::Video,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PlaceKind::Centre => "centre",
            PlaceKind::PartnerPremises => "partner_premises",
            PlaceKind::Home => "home",
            PlaceKind::Phone => "phone",
            PlaceKind::Video => "video",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The limits an organization sets on a kind of meeting. Defaults are the seed's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Emergency meetings per episode.
    pub emergency: u32,
    /// Individual follow-up meetings per episode.
    pub follow_up: u32,
    /// Meetings for each relative.
    pub relatives: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            emergency: 5,
            follow_up: 15,
            relatives: 5,
        }
    }
}

impl Limits {
    /// The limit on a kind, if it has one.
    pub fn of(&self, kind: MeetingKind) -> Option<u32> {
        match kind {
            MeetingKind::Emergency => Some(self.emergency),
            MeetingKind::FollowUp => Some(self.follow_up),
            MeetingKind::Relatives => Some(self.relatives),
            _ => None,
        }
    }

    /// Whether a limit is one an organization may set: at least 1, at most 100.
    pub fn is_valid(value: u32) -> bool {
        (1..=100).contains(&value)
    }
}

/// What the limit says of the next meeting of a kind, given how many were already held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LimitCheck {
    /// No limit on this kind, or well within it.
    Within,
    /// This meeting is the last one the limit allows: the caseworker is warned.
    Last { limit: u32 },
    /// This meeting goes past the limit: it needs a written reason.
    Beyond { limit: u32, number: u32 },
}

/// Checks the next meeting of `kind`, after `already` meetings of that kind.
pub fn check_limit(limits: &Limits, kind: MeetingKind, already: u32) -> LimitCheck {
    let Some(limit) = limits.of(kind) else {
        return LimitCheck::Within;
    };
    let number = already + 1;
    if number < limit {
        LimitCheck::Within
    } else if number == limit {
        LimitCheck::Last { limit }
    } else {
        LimitCheck::Beyond { limit, number }
    }
}

/// Whether a file counts as near a limit on the caseworker's home page: at most one meeting
/// left, or already past it.
pub fn near_limit(limit: u32, used: u32) -> bool {
    used + 1 >= limit
}

/// Minutes in a day: no entry of time may exceed it.
pub const DAY_MINUTES: i32 = 24 * 60;

/// The time of a meeting and around it, in whole minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingTime {
    pub duration: i32,
    pub preparation: i32,
    pub debrief: i32,
    pub travel: i32,
}

/// A problem with one of the times: the field and the message key.
pub type TimeProblem = (&'static str, &'static str);

impl MeetingTime {
    /// Hours invested: the meeting and everything around it (heures investies).
    pub fn invested(&self) -> i32 {
        self.duration + self.preparation + self.debrief + self.travel
    }

    /// The meeting lasts at least a minute and at most 12 hours; the time around it is not
    /// negative and, all together, does not exceed a day.
    pub fn problems(&self) -> Vec<TimeProblem> {
        let mut problems = Vec::new();
        if !(1..=12 * 60).contains(&self.duration) {
            problems.push(("duration", "duration-out-of-range"));
        }
        for (field, value) in [
            ("preparation", self.preparation),
            ("debrief", self.debrief),
            ("travel", self.travel),
        ] {
            if !(0..=12 * 60).contains(&value) {
                problems.push((field, "time-out-of-range"));
            }
        }
        if problems.is_empty() && self.invested() > DAY_MINUTES {
            problems.push(("duration", "time-over-a-day"));
        }
        problems
    }
}

/// How an episode ends after services (the wait list has its own reasons, before any meeting).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosingReason {
    ObjectivesMet,
    NoLongerWishesHelp,
    ReferredElsewhere,
    Unreachable,
    Other,
}

impl ClosingReason {
    pub const ALL: [ClosingReason; 5] = [
        ClosingReason::ObjectivesMet,
        ClosingReason::NoLongerWishesHelp,
        ClosingReason::ReferredElsewhere,
        ClosingReason::Unreachable,
        ClosingReason::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ClosingReason::ObjectivesMet => "objectives_met",
            ClosingReason::NoLongerWishesHelp => "no_longer_wishes_help",
            ClosingReason::ReferredElsewhere => "referred_elsewhere",
            ClosingReason::Unreachable => "unreachable",
            ClosingReason::Other => "other",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for k in MeetingKind::ALL {
            assert_eq!(MeetingKind::parse(k.key()), Some(k));
        }
        for k in PlaceKind::ALL {
            assert_eq!(PlaceKind::parse(k.key()), Some(k));
        }
        for k in ClosingReason::ALL {
            assert_eq!(ClosingReason::parse(k.key()), Some(k));
        }
        assert_eq!(MeetingKind::parse("lunch"), None);
    }

    #[test]
    fn the_seed_limits_warn_at_the_last_meeting_and_need_a_reason_after() {
        let limits = Limits::default();
        for (kind, limit) in [
            (MeetingKind::Emergency, 5),
            (MeetingKind::FollowUp, 15),
            (MeetingKind::Relatives, 5),
        ] {
            for already in 0..limit - 1 {
                assert_eq!(check_limit(&limits, kind, already), LimitCheck::Within);
            }
            assert_eq!(
                check_limit(&limits, kind, limit - 1),
                LimitCheck::Last { limit },
                "{kind:?}"
            );
            assert_eq!(
                check_limit(&limits, kind, limit),
                LimitCheck::Beyond {
                    limit,
                    number: limit + 1
                }
            );
            assert_eq!(
                check_limit(&limits, kind, limit + 3),
                LimitCheck::Beyond {
                    limit,
                    number: limit + 4
                }
            );
        }
    }

    #[test]
    fn kinds_without_a_limit_never_warn() {
        let limits = Limits::default();
        for kind in MeetingKind::ALL {
            if limits.of(kind).is_none() {
                assert_eq!(check_limit(&limits, kind, 500), LimitCheck::Within);
            }
        }
    }

    #[test]
    fn an_organization_sets_its_own_limits() {
        let limits = Limits {
            emergency: 3,
            follow_up: 20,
            relatives: 1,
        };
        assert_eq!(
            check_limit(&limits, MeetingKind::Emergency, 2),
            LimitCheck::Last { limit: 3 }
        );
        assert_eq!(
            check_limit(&limits, MeetingKind::FollowUp, 15),
            LimitCheck::Within
        );
        assert_eq!(
            check_limit(&limits, MeetingKind::Relatives, 0),
            LimitCheck::Last { limit: 1 }
        );
        assert!(!Limits::is_valid(0));
        assert!(Limits::is_valid(1));
        assert!(!Limits::is_valid(101));
    }

    #[test]
    fn near_a_limit_is_one_meeting_left_or_past_it() {
        assert!(!near_limit(15, 13));
        assert!(near_limit(15, 14));
        assert!(near_limit(15, 15));
        assert!(near_limit(15, 17));
        assert!(near_limit(5, 4));
    }

    #[test]
    fn absurd_times_are_refused_at_their_field() {
        let ok = MeetingTime {
            duration: 60,
            preparation: 15,
            debrief: 10,
            travel: 40,
        };
        assert!(ok.problems().is_empty());
        assert_eq!(ok.invested(), 125);
        let zero = MeetingTime { duration: 0, ..ok };
        assert_eq!(zero.problems(), vec![("duration", "duration-out-of-range")]);
        let long = MeetingTime {
            duration: 13 * 60,
            ..ok
        };
        assert_eq!(long.problems(), vec![("duration", "duration-out-of-range")]);
        let negative = MeetingTime {
            travel: -5,
            preparation: -1,
            ..ok
        };
        assert_eq!(
            negative.problems(),
            vec![
                ("preparation", "time-out-of-range"),
                ("travel", "time-out-of-range")
            ]
        );
        let over_a_day = MeetingTime {
            duration: 12 * 60,
            preparation: 12 * 60,
            debrief: 1,
            travel: 0,
        };
        assert_eq!(over_a_day.problems(), vec![("duration", "time-over-a-day")]);
    }
}
