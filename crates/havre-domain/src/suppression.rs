//! Small-cell suppression (docs/safety.md): a table that leaves the organization (a published
//! report, the network's aggregates) never shows a count from 1 to 4, nor anything that would
//! let one be recomputed from a total.

/// The smallest count shown in a published table; 0 is shown, it names nobody.
pub const SMALLEST_SHOWN: i64 = 5;

/// Whether a count is too small to publish.
pub fn is_small(count: i64) -> bool {
    (1..SMALLEST_SHOWN).contains(&count)
}

/// Which counts of one group (the cells of a column above its total) to hide: every small
/// one, and, when that hides exactly one, the next smallest non-zero count too, so that the
/// hidden one cannot be found by subtracting the others from the total.
pub fn hidden(counts: &[i64]) -> Vec<bool> {
    let mut hide: Vec<bool> = counts.iter().map(|c| is_small(*c)).collect();
    if hide.iter().filter(|h| **h).count() == 1 {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, c)| !hide[*i] && **c > 0)
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        if let Some(i) = next {
            hide[i] = true;
        }
    }
    hide
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_1_to_4_are_hidden_and_cannot_be_recomputed() {
        assert_eq!(hidden(&[0, 5, 12]), [false, false, false]);
        assert_eq!(
            hidden(&[3, 40, 12]),
            [true, false, true],
            "a second cell hides the 3"
        );
        assert_eq!(hidden(&[3, 4, 12]), [true, true, false]);
        assert_eq!(
            hidden(&[3, 0]),
            [true, false],
            "nothing else to hide: 0 names nobody"
        );
        assert!(!is_small(0) && is_small(1) && is_small(4) && !is_small(5));
    }
}
