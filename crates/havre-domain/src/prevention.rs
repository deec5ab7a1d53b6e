//! Prevention and awareness (docs/domain.md §4): programs and their numbered workshops, animations
//! in schools and youth centres, trainings given, and the evaluations students fill on a 1-4
//! scale, compiled as the seed report's annex prints them: a percentage per answer, per
//! question, with the number of respondents, each row adding up to 100 %.

use crate::validation::{FieldError, text_ok};

use serde::{Deserialize, Serialize};

/// The answers of an evaluation, from 1 to 4, as the questionnaires print them.
pub const SCALE: [&str; 4] = ["not_at_all", "a_little", "yes", "a_lot"];

/// Who a training was given to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    SchoolStaff,
    Police,
    Caseworkers,
    Other,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::SchoolStaff,
        Audience::Police,
        Audience::Caseworkers,
        Audience::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Audience::SchoolStaff => "school_staff",
            Audience::Police => "police",
            Audience::Caseworkers => "caseworkers",
            Audience::Other => "other",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Whole percentages of the answers to one question that add up to 100 (largest remainder:
/// each share is rounded down, and the points left go to the largest remainders, the higher
/// answer first on a tie). A share of nobody stays 0 %. No answers give no percentages.
pub fn percentages(counts: [u32; 4]) -> Option<[u32; 4]> {
    // In u64: a year of tallies may hold large counts, and c * 100 must not overflow.
    let total: u64 = counts.iter().map(|&c| c as u64).sum();
    if total == 0 {
        return None;
    }
    let mut shares = [0u32; 4];
    let mut remainders = [(0u64, 0usize); 4];
    for (i, &c) in counts.iter().enumerate() {
        shares[i] = (c as u64 * 100 / total) as u32;
        remainders[i] = (c as u64 * 100 % total, i);
    }
    let left = 100u32.saturating_sub(shares.iter().sum::<u32>());
    // Largest remainder first; on a tie, the higher answer (as the seed's tables lean).
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for &(_, i) in remainders.iter().take(left as usize) {
        shares[i] += 1;
    }
    Some(shares)
}

/// The counts of an animation are sensible: nobody negative, at most 60 class groups and
/// 3,000 people at once.
pub fn count_problems(groups: i32, students: i32, staff: i32) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    for (field, value, max, key) in [
        ("class_groups", groups, 60, "groups-out-of-range"),
        ("students", students, 3000, "people-out-of-range"),
        ("staff_participants", staff, 3000, "people-out-of-range"),
    ] {
        if !(0..=max).contains(&value) {
            problems.push((field, key));
        }
    }
    problems
}

/// The answers entered for one question are not more than the respondents.
pub fn answers_fit(counts: [u32; 4], respondents: u32) -> bool {
    counts.iter().map(|&c| c as u64).sum::<u64>() <= respondents as u64
}

/// Whether a workshop's number is acceptable: none (the seed report's "Adaptation (ateliers 1
/// et 2 condensés)" of Empreinte is a workshop without one), or 1 to 99.
pub fn workshop_number_ok(number: Option<i32>) -> bool {
    number.is_none_or(|n| (1..=99).contains(&n))
}

/// A workshop named with its program, as lists and the report show it: "Empreinte — 2. Le
/// consentement sexuel", or "Empreinte — Adaptation …" for a workshop without a number.
pub fn workshop_label(program: &str, number: Option<i32>, title: &str) -> String {
    match number {
        Some(n) => format!("{program} — {n}. {title}"),
        None => format!("{program} — {title}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_workshop_may_have_no_number() {
        use super::{workshop_label, workshop_number_ok};
        assert!(
            workshop_number_ok(None) && workshop_number_ok(Some(1)) && workshop_number_ok(Some(99))
        );
        assert!(!workshop_number_ok(Some(0)) && !workshop_number_ok(Some(100)));
        assert_eq!(
            workshop_label("Empreinte", Some(2), "Le consentement sexuel"),
            "Empreinte — 2. Le consentement sexuel"
        );
        assert_eq!(
            workshop_label("Empreinte", None, "Adaptation (ateliers 1 et 2 condensés)"),
            "Empreinte — Adaptation (ateliers 1 et 2 condensés)"
        );
    }

    use super::*;

    fn sum(p: [u32; 4]) -> u32 {
        p.iter().sum()
    }

    #[test]
    fn rows_add_up_to_100() {
        // 23 students, as in the seed's first "Au-delà des apparences" evaluation.
        assert_eq!(percentages([0, 2, 7, 14]), Some([0, 9, 30, 61]));
        // 9 students: 11.1, 44.4, 33.3, 11.1.
        assert_eq!(percentages([1, 4, 3, 1]), Some([11, 45, 33, 11]));
        // 6 students: 16.7, 0, 0, 83.3.
        assert_eq!(percentages([1, 0, 0, 5]), Some([17, 0, 0, 83]));
        // A three-way tie leaves one point: the higher answer takes it.
        assert_eq!(percentages([1, 1, 1, 0]), Some([33, 33, 34, 0]));
        assert_eq!(percentages([0, 0, 0, 0]), None);
        // Every combination of up to 12 answers adds up to 100, and nobody is never a point.
        for a in 0..=12 {
            for b in 0..=12 {
                for c in 0..=6 {
                    for d in 0..=6 {
                        if let Some(p) = percentages([a, b, c, d]) {
                            assert_eq!(sum(p), 100, "{a} {b} {c} {d}");
                            for (count, share) in [a, b, c, d].iter().zip(p) {
                                assert_eq!(*count == 0, share == 0, "{a} {b} {c} {d}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn counts_and_answers_are_checked() {
        assert!(count_problems(4, 101, 1).is_empty());
        assert_eq!(
            count_problems(-1, 0, 0),
            vec![("class_groups", "groups-out-of-range")]
        );
        assert!(answers_fit([1, 2, 3, 4], 10));
        assert!(!answers_fit([1, 2, 3, 5], 10));
        // Counts that would wrap around a 32-bit sum do not fit.
        assert!(!answers_fit([u32::MAX, u32::MAX, 2, 0], 1));
        assert_eq!(
            percentages([u32::MAX, u32::MAX, 0, 0]),
            Some([50, 50, 0, 0])
        );
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.key()), Some(a));
        }
    }
}

/// The kinds of outreach figures entered by hand: material handed out (T-shirts, pamphlets)
/// and posts on social media.
pub const OUTREACH_KINDS: [&str; 2] = ["material", "social_media"];

/// A workshop of a program, as it is entered.
pub struct NewWorkshop {
    pub number: Option<i32>,
    pub title: String,
    pub objective: String,
    pub questions: Vec<String>,
}

impl NewWorkshop {
    /// What is wrong with it, at its fields: the number in range, a title of one line, an
    /// objective of at most 2,000 characters, at most 30 questions of one line each.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if !workshop_number_ok(self.number) {
            problems.push(FieldError::new("number", "count-out-of-range"));
        }
        if !text_ok(&self.title, 300) {
            problems.push(FieldError::new("title", "field-required"));
        }
        if self.objective.chars().count() > 2000 {
            problems.push(FieldError::new("objective", "field-too-long"));
        }
        if self.questions.len() > 30 || self.questions.iter().any(|q| !text_ok(q, 300)) {
            problems.push(FieldError::new("questions", "field-required"));
        }
        problems
    }
}

/// What is wrong with an outreach figure entered by hand, at its fields (its day is checked
/// against the organization's today by the store).
pub fn outreach_figure_problems(kind: &str, label: &str, quantity: i64) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if !OUTREACH_KINDS.contains(&kind) {
        problems.push(FieldError::new("kind", "value-not-in-list"));
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 200 {
        problems.push(FieldError::new("label", "field-required"));
    }
    if !(0..=10_000_000).contains(&quantity) {
        problems.push(FieldError::new("quantity", "count-out-of-range"));
    }
    problems
}

/// A training given by the team (to school staff, police, caseworkers…), as it is entered.
pub struct NewTraining {
    pub held_at: chrono::DateTime<chrono::Utc>,
    pub audience: Audience,
    pub title: String,
    /// The module it gives when it is one of a series (In-Vivo): the report counts its
    /// sessions and participants.
    pub module: Option<String>,
    pub participants: i32,
    /// How many participants practise each profession (a value of the list `profession`);
    /// they may not outnumber the participants.
    pub professions: Vec<(crate::ids::ListValueId, i32)>,
    pub minutes: i32,
    pub preparation_minutes: i32,
    pub travel_minutes: i32,
}

impl NewTraining {
    /// What is wrong with it, at its fields, but its date (checked against today by the
    /// store): a title, the participants in range, lengths that read as a training's.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if !text_ok(&self.title, 300) {
            problems.push(FieldError::new("title", "field-required"));
        }
        if self.module.as_deref().is_some_and(|m| !text_ok(m, 200)) {
            problems.push(FieldError::new("module", "field-required"));
        }
        if !(0..=3000).contains(&self.participants) {
            problems.push(FieldError::new("participants", "people-out-of-range"));
        }
        let by_profession: i64 = self.professions.iter().map(|(_, n)| *n as i64).sum();
        // Told only when the participants themselves are right: one problem at a time.
        if self.professions.iter().any(|(_, n)| *n < 0)
            || (0..=3000).contains(&self.participants) && by_profession > self.participants as i64
        {
            problems.push(FieldError::new(
                "professions",
                "training-professions-exceed",
            ));
        }
        let time = crate::meetings::MeetingTime {
            duration: self.minutes,
            preparation: self.preparation_minutes,
            debrief: 0,
            travel: self.travel_minutes,
        };
        for (field, key) in time.problems() {
            // The training's own length is its "minutes".
            let field = if field == "duration" {
                "minutes"
            } else {
                field
            };
            problems.push(FieldError::new(field, key));
        }
        problems
    }
}

#[cfg(test)]
mod entered {
    use super::*;

    #[test]
    fn what_is_entered_is_refused_at_its_field() {
        let workshop = NewWorkshop {
            number: Some(2),
            title: "  ".into(),
            objective: "x".repeat(2001),
            questions: vec!["Le consentement peut-il se retirer ?".into()],
        };
        let fields: Vec<_> = workshop.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["title", "objective"]);

        let training = NewTraining {
            held_at: chrono::Utc::now(),
            audience: Audience::ALL[0],
            title: "Agir devant un dévoilement".into(),
            module: None,
            participants: 3001,
            professions: Vec::new(),
            minutes: 0,
            preparation_minutes: 30,
            travel_minutes: 0,
        };
        let problems: Vec<_> = training
            .problems()
            .iter()
            .map(|p| (p.field, p.message_key))
            .collect();
        // The training's own length is named as its form names it.
        assert_eq!(
            problems,
            [
                ("participants", "people-out-of-range"),
                ("minutes", "duration-out-of-range")
            ]
        );

        assert!(outreach_figure_problems("material", "T-shirts", 472).is_empty());
        let fields: Vec<_> = outreach_figure_problems("flyers", " ", -1)
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["kind", "label", "quantity"]);
    }
}
