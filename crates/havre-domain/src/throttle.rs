//! How long a login must wait after failures (docs/safety.md: "after 5 failures, exponential
//! delay").

use chrono::TimeDelta;

/// Failures allowed on one account before the delay starts.
pub const ACCOUNT_THRESHOLD: i32 = 5;
/// Failures allowed from one address. Higher than per account: a centre's whole team often
/// shares one public address, and a colleague's typos must not lock everybody out. Guessing
/// one account stays bound by the per-account limit.
pub const ADDRESS_THRESHOLD: i32 = 20;

const FIRST_DELAY_SECONDS: i64 = 15;
const LONGEST_DELAY_SECONDS: i64 = 3600;

/// The wait imposed after `failures` consecutive failures, none below the threshold: 15 s
/// at the threshold, doubling with each further failure, at most an hour.
pub fn delay_after(failures: i32, threshold: i32) -> Option<TimeDelta> {
    if failures < threshold {
        return None;
    }
    let doublings = (failures - threshold).min(16) as u32;
    let seconds = FIRST_DELAY_SECONDS
        .saturating_mul(1i64 << doublings)
        .min(LONGEST_DELAY_SECONDS);
    Some(TimeDelta::seconds(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_delay_before_the_fifth_failure() {
        for n in 0..ACCOUNT_THRESHOLD {
            assert_eq!(delay_after(n, ACCOUNT_THRESHOLD), None);
        }
    }

    #[test]
    fn the_delay_doubles_and_is_capped() {
        assert_eq!(delay_after(5, 5), Some(TimeDelta::seconds(15)));
        assert_eq!(delay_after(6, 5), Some(TimeDelta::seconds(30)));
        assert_eq!(delay_after(7, 5), Some(TimeDelta::seconds(60)));
        assert_eq!(delay_after(50, 5), Some(TimeDelta::seconds(3600)));
    }
}
