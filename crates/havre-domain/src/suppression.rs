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

/// A set of published figures tied by sums: a table's rows and columns with their totals, a
/// row's persons that are its women and children, the network's persons that are those of
/// the members comparable with last year and of the others. What an attacker reads is the
/// figures shown and these sums; [`protect`] chooses what to keep back so that no count from
/// 1 to 4 can be found from them (docs/networks.md "Disclosure control").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub cells: Vec<GridCell>,
    /// Each sum: the cell that is the total, and the cells it adds up.
    pub sums: Vec<Sum>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridCell {
    pub value: i64,
    /// A count of persons: hidden from 1 to 4. Other figures (apartments, houses) count no
    /// one and are kept back only to protect a hidden count.
    pub persons: bool,
    /// A figure no table shows, but that a difference of two shown ones would give (the
    /// persons of the members not comparable with last year).
    pub unpublished: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sum {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// What becomes of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Shown,
    /// A count from 1 to 4: "< 5".
    Hidden,
    /// Kept back so that a hidden count cannot be found: "x".
    Withheld,
}

/// The largest figure a hidden count may be: what an attacker knows of a cell marked "< 5".
const HIDDEN_MAX: i64 = SMALLEST_SHOWN - 1;

impl Grid {
    pub fn add(&mut self, value: i64, persons: bool) -> usize {
        self.cells.push(GridCell {
            value,
            persons,
            unpublished: false,
        });
        self.cells.len() - 1
    }

    pub fn add_unpublished(&mut self, value: i64) -> usize {
        self.cells.push(GridCell {
            value,
            persons: true,
            unpublished: true,
        });
        self.cells.len() - 1
    }

    pub fn sum(&mut self, total: usize, parts: Vec<usize>) {
        self.sums.push(Sum { total, parts });
    }

    /// What an attacker knows of a cell before reading any sum: its value when shown, else
    /// what the rule tells her of a figure kept back.
    fn prior(&self, marks: &[Mark], i: usize) -> (i64, i64) {
        let c = self.cells[i];
        match marks[i] {
            Mark::Shown if !c.unpublished => (c.value, c.value),
            Mark::Hidden => (1, HIDDEN_MAX),
            // A count of persons withheld is 0 or 5 and more; an attacker who knows the
            // rule assumes the second of one that is not zero.
            Mark::Withheld if c.persons && c.value >= SMALLEST_SHOWN => (SMALLEST_SHOWN, UNBOUNDED),
            _ => (0, UNBOUNDED),
        }
    }

    /// The bounds one sum gives cell `i` from the bounds of the others in it.
    fn bounds_from(bounds: &[(i64, i64)], sum: &Sum, i: usize) -> (i64, i64) {
        // total - Σ parts = 0: a part is the total less the other parts; the total is the
        // sum of the parts.
        let (mut lo, mut hi) = (0i64, 0i64);
        for j in std::iter::once(sum.total).chain(sum.parts.iter().copied()) {
            if j == i {
                continue;
            }
            let (l, h) = bounds[j];
            if (j == sum.total) != (i == sum.total) {
                lo = lo.saturating_add(l);
                hi = hi.saturating_add(h);
            } else {
                lo = lo.saturating_sub(h);
                hi = hi.saturating_sub(l);
            }
        }
        (lo, hi)
    }

    /// What an attacker can know of every figure from what is shown and every sum, each
    /// sum narrowing the bounds the others left, until none narrows any more.
    pub fn attack(&self, marks: &[Mark]) -> Vec<(i64, i64)> {
        let mut bounds: Vec<(i64, i64)> = (0..self.cells.len())
            .map(|i| self.prior(marks, i))
            .collect();
        // Narrowing stops quickly on a table's sums; the bound only guards against a
        // pathological grid narrowing one unit a pass.
        for _ in 0..PASSES {
            let mut narrowed = false;
            for sum in &self.sums {
                for i in std::iter::once(sum.total).chain(sum.parts.iter().copied()) {
                    let (lo, hi) = Self::bounds_from(&bounds, sum, i);
                    let (old_lo, old_hi) = bounds[i];
                    let new = (old_lo.max(lo), old_hi.min(hi));
                    if new != bounds[i] {
                        bounds[i] = new;
                        narrowed = true;
                    }
                }
            }
            if !narrowed {
                break;
            }
        }
        bounds
    }

    /// The figures kept back that an attacker finds exactly.
    pub fn found(&self, marks: &[Mark]) -> Vec<usize> {
        let bounds = self.attack(marks);
        (0..self.cells.len())
            .filter(|&i| marks[i] != Mark::Shown || self.cells[i].unpublished)
            .filter(|&i| bounds[i].0 >= bounds[i].1)
            .collect()
    }

    /// A figure to withhold so that cell `i`, found exactly, is not any more: a shown figure
    /// of a sum that gives `i` exactly, one of 9 or more when there is one (so that "x"
    /// leaves a hidden count its whole range), else the largest.
    fn partner(&self, marks: &[Mark], bounds: &[(i64, i64)], i: usize) -> Option<usize> {
        self.sums
            .iter()
            .filter(|sum| sum.total == i || sum.parts.contains(&i))
            .filter(|sum| {
                let (lo, hi) = Self::bounds_from(bounds, sum, i);
                lo >= hi
            })
            .find_map(|sum| {
                let candidates: Vec<usize> = std::iter::once(sum.total)
                    .chain(sum.parts.iter().copied())
                    .filter(|&j| j != i && marks[j] == Mark::Shown && !self.cells[j].unpublished)
                    .filter(|&j| self.cells[j].value > 0)
                    .collect();
                let roomy = candidates
                    .iter()
                    .copied()
                    .filter(|&j| self.cells[j].value >= SMALLEST_SHOWN + HIDDEN_MAX)
                    .min_by_key(|&j| (self.cells[j].value, j));
                roomy.or_else(|| {
                    candidates
                        .iter()
                        .copied()
                        .max_by_key(|&j| (self.cells[j].value, std::cmp::Reverse(j)))
                })
            })
    }
}

/// An upper bound for a figure kept back: no count reaches it, and sums of a few of them do
/// not overflow.
const UNBOUNDED: i64 = i64::MAX / 64;
const PASSES: usize = 200;

/// Chooses what to show of a grid: every count of persons from 1 to 4 hidden, then, while an
/// attacker reading what is shown and every sum would find a figure kept back exactly (a
/// hidden count, one withheld to protect it, one no table shows), a figure of a sum that
/// gives it away is withheld too. The test that attacks the published tables with a linear
/// program checks what intervals alone could miss (docs/networks.md "Disclosure control").
pub fn protect(grid: &Grid) -> Vec<Mark> {
    let mut marks: Vec<Mark> = grid
        .cells
        .iter()
        .map(|c| {
            if c.persons && is_small(c.value) {
                Mark::Hidden
            } else {
                Mark::Shown
            }
        })
        .collect();
    // Each round withholds one figure; there are no more rounds than figures.
    for _ in 0..grid.cells.len() {
        let bounds = grid.attack(&marks);
        let found = grid.found(&marks);
        // A zero or a figure of no one found exactly tells nothing: only what protects a
        // small count matters, and any figure kept back may be the link to one.
        let exposing = found.iter().copied().filter(|&i| {
            let c = grid.cells[i];
            let harmless_difference = c.unpublished && !is_small(c.value);
            let withheld_zero = marks[i] == Mark::Withheld && c.value == 0;
            !harmless_difference && !withheld_zero
        });
        let mut partner = None;
        for i in exposing {
            partner = grid.partner(&marks, &bounds, i);
            if partner.is_some() {
                break;
            }
        }
        match partner {
            Some(j) => marks[j] = Mark::Withheld,
            None => break,
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_count_in_a_row_and_a_column_is_protected_in_both() {
        // Two regions × (women, children, persons), and the network's total row.
        let mut g = Grid::default();
        let rows = [(3, 40), (30, 25)];
        let mut cells = Vec::new();
        for (w, c) in rows {
            let (w, c, p) = (g.add(w, true), g.add(c, true), g.add(w + c, true));
            g.sum(p, vec![w, c]);
            cells.push((w, c, p));
        }
        let (tw, tc, tp) = (g.add(33, true), g.add(65, true), g.add(98, true));
        g.sum(tp, vec![tw, tc]);
        g.sum(tw, vec![cells[0].0, cells[1].0]);
        g.sum(tc, vec![cells[0].1, cells[1].1]);
        g.sum(tp, vec![cells[0].2, cells[1].2]);
        let marks = protect(&g);
        assert_eq!(marks[cells[0].0], Mark::Hidden);
        // The 3 women is found from no sum, nor from the sums together.
        assert!(g.found(&marks).is_empty(), "{marks:?}");
        assert_eq!(g.attack(&marks)[cells[0].0], (1, 4));
        let kept = marks.iter().filter(|m| **m != Mark::Shown).count();
        assert!(
            kept >= 4,
            "a row and a column each need a second figure: {marks:?}"
        );
    }

    #[test]
    fn a_difference_no_table_shows_is_protected_too() {
        // 461 persons, 458 of them in members comparable with last year: the 3 of the
        // other member would be their difference.
        let mut g = Grid::default();
        let all = g.add(461, true);
        let comparable = g.add(458, true);
        let others = g.add_unpublished(3);
        g.sum(all, vec![comparable, others]);
        let marks = protect(&g);
        assert!(marks[all] == Mark::Withheld || marks[comparable] == Mark::Withheld);
    }

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
