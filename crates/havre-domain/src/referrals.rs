//! Designated-centre referrals (docs/domain.md §2.9): after a forensic exam at the hospital, the
//! victim must be called back 24 to 48 hours later. The callback is due from the 24th hour;
//! past the 48th it is late.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

pub const CALLBACK_FROM: TimeDelta = TimeDelta::hours(24);
pub const CALLBACK_BY: TimeDelta = TimeDelta::hours(48);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Callback {
    /// She was reached.
    Reached,
    /// Not yet due: the call is for `due_at`.
    Upcoming { due_at: DateTime<Utc> },
    /// Due since `due_at`, not reached; `late` once 48 hours have passed.
    Overdue { due_at: DateTime<Utc>, late: bool },
}

impl Callback {
    pub fn is_overdue(self) -> bool {
        matches!(self, Callback::Overdue { .. })
    }
}

pub fn callback(received_at: DateTime<Utc>, reached: bool, now: DateTime<Utc>) -> Callback {
    let due_at = received_at + CALLBACK_FROM;
    if reached {
        Callback::Reached
    } else if now < due_at {
        Callback::Upcoming { due_at }
    } else {
        Callback::Overdue {
            due_at,
            late: now >= received_at + CALLBACK_BY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_callback_is_due_at_24_hours_and_late_at_48() {
        let received = DateTime::parse_from_rfc3339("2024-03-04T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |h: i64| received + TimeDelta::hours(h);
        assert_eq!(
            callback(received, false, at(23)),
            Callback::Upcoming { due_at: at(24) }
        );
        assert_eq!(
            callback(received, false, at(24)),
            Callback::Overdue {
                due_at: at(24),
                late: false
            }
        );
        assert_eq!(
            callback(received, false, at(48)),
            Callback::Overdue {
                due_at: at(24),
                late: true
            }
        );
        assert_eq!(callback(received, true, at(72)), Callback::Reached);
    }
}
