//! Care pathways (docs/care.md "Pathways"): a named sequence of steps, each with the profession
//! that takes it (CORALIS: reception, medical exam and forensic samples, complaint filed on
//! site, psychological follow-up, legal counsel), perhaps under an agreement with a partner (a
//! prosecutor's office, a ministry, the health insurer) that says which figures it is counted
//! by. A woman follows a pathway from the day she enters it; each step is done on a day. The
//! figures count women per pathway, steps completed, complaints filed on site and the delays
//! between steps, all in days of the organization's calendar.

use crate::ids::{AgreementId, EnrolmentId, PathwayId, PersonId, StepId};
use crate::validation::{FieldError, text_ok};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

keyed! {
    /// Who an agreement is signed with.
    AgreementKind {
        /// The prosecutor's office (parquet), for victims of sexual assault and rape.
        ProsecutorOffice => "prosecutor_office",
        /// A ministry (the Armed Forces, for servicewomen).
        Ministry => "ministry",
        /// The health insurer, for free psychological care.
        HealthInsurer => "health_insurer",
        /// A local authority: the department, the region, the city.
        LocalAuthority => "local_authority",
        Other => "other",
    }
}

keyed! {
    /// A figure a partner asks to be given for its agreement.
    AgreementFigure {
        /// Women who followed one of its pathways in the period.
        Women => "women",
        /// Of those, women who entered it in the period.
        NewWomen => "new_women",
        /// Steps done in the period.
        StepsCompleted => "steps_completed",
        /// Complaints filed on site in the period.
        ComplaintsOnSite => "complaints_on_site",
        /// Appointments she came to, booked for one of its steps.
        Appointments => "appointments",
        /// The median number of days from one step to the next.
        MedianDelayDays => "median_delay_days",
    }
}

/// The longest name of a pathway, a step or a partner.
const NAME_MAX: usize = 200;

/// An agreement as it is entered: refused at its fields.
pub struct NewAgreement {
    pub partner: String,
    pub kind: Option<AgreementKind>,
    pub signed_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub figures: Vec<AgreementFigure>,
}

impl NewAgreement {
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if !text_ok(&self.partner, NAME_MAX) {
            problems.push(FieldError::new("partner", "field-required"));
        }
        if self.kind.is_none() {
            problems.push(FieldError::new("kind", "value-required"));
        }
        if self.signed_on.is_none() {
            problems.push(FieldError::new("signed_on", "date-invalid"));
        }
        if let (Some(signed), Some(ends)) = (self.signed_on, self.ends_on)
            && ends < signed
        {
            problems.push(FieldError::new("ends_on", "agreement-ends-before"));
        }
        if self.figures.is_empty() {
            problems.push(FieldError::new("figures", "agreement-figures-required"));
        }
        problems
    }
}

/// A pathway's name, or a step's, as it is entered.
pub fn name_problem(name: &str, field: &'static str) -> Option<FieldError> {
    (!text_ok(name, NAME_MAX)).then(|| FieldError::new(field, "field-required"))
}

/// A pathway as the figures read it: its steps in order.
#[derive(Clone, Debug)]
pub struct PathwayFacts {
    pub id: PathwayId,
    pub name: String,
    pub agreement: Option<AgreementId>,
    pub steps: Vec<StepFacts>,
}

#[derive(Clone, Debug)]
pub struct StepFacts {
    pub id: StepId,
    pub name: String,
    /// The step is the complaint filed on site.
    pub complaint: bool,
}

/// A woman on a pathway, from the day she entered it to the day she left it, if she did.
#[derive(Clone, Debug)]
pub struct EnrolmentFacts {
    pub id: EnrolmentId,
    pub pathway: PathwayId,
    pub person: PersonId,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

impl EnrolmentFacts {
    /// Whether she followed the pathway in `[first, last]`: entered on or before its last
    /// day, not left before its first.
    pub fn followed_in(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.started_on <= last && self.ended_on.is_none_or(|end| end >= first)
    }
}

/// A step done, on a day.
#[derive(Clone, Copy, Debug)]
pub struct CompletionFacts {
    pub enrolment: EnrolmentId,
    pub step: StepId,
    pub done_on: NaiveDate,
}

/// One step's figures in a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StepFigures {
    pub step_id: StepId,
    pub name: String,
    pub complaint: bool,
    /// Done in the period.
    pub completed: i64,
    /// The median number of days from the step before to this one, for the steps done in the
    /// period whose step before was done; none for the first step, or when there is none.
    pub median_days_from_previous: Option<f64>,
}

/// One pathway's figures in a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PathwayFigures {
    pub pathway_id: PathwayId,
    pub name: String,
    /// Women who followed it in the period: entered on or before its last day, not left
    /// before its first.
    pub women: i64,
    /// Of those, women who entered it in the period.
    pub new_women: i64,
    /// Steps done in the period.
    pub steps_completed: i64,
    /// Complaint steps done in the period.
    pub complaints_on_site: i64,
    /// Appointments she came to in the period, booked for one of its steps.
    pub appointments: i64,
    pub steps: Vec<StepFigures>,
}

/// The pathways, who entered them and the steps done: what the figures are counted from.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub pathways: &'a [PathwayFacts],
    pub enrolments: &'a [EnrolmentFacts],
    pub completions: &'a [CompletionFacts],
}

impl Facts<'_> {
    /// When each step of each enrolment was done (the first time, if twice).
    fn done(&self) -> HashMap<(EnrolmentId, StepId), NaiveDate> {
        let mut done: HashMap<(EnrolmentId, StepId), NaiveDate> = HashMap::new();
        for c in self.completions {
            done.entry((c.enrolment, c.step))
                .and_modify(|d| *d = (*d).min(c.done_on))
                .or_insert(c.done_on);
        }
        done
    }
}

/// The median of whole days, to a half day.
pub fn median(mut days: Vec<i64>) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let n = days.len();
    Some(if n % 2 == 1 {
        days[n / 2] as f64
    } else {
        (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
    })
}

/// Each pathway's figures for a period (both days included). `appointments` is, per
/// pathway, how many appointments booked for its steps the women came to in the period.
pub fn figures(
    facts: Facts<'_>,
    appointments: &HashMap<PathwayId, i64>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<PathwayFigures> {
    let within = |d: NaiveDate| first <= d && d <= last;
    let done = facts.done();
    facts
        .pathways
        .iter()
        .map(|p| {
            let mine: Vec<&EnrolmentFacts> = facts
                .enrolments
                .iter()
                .filter(|e| e.pathway == p.id)
                .collect();
            let following: HashSet<PersonId> = mine
                .iter()
                .filter(|e| e.followed_in(first, last))
                .map(|e| e.person)
                .collect();
            let new: HashSet<PersonId> = mine
                .iter()
                .filter(|e| within(e.started_on))
                .map(|e| e.person)
                .collect();
            let steps: Vec<StepFigures> = p
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let previous = i.checked_sub(1).map(|j| p.steps[j].id);
                    let mut completed = 0;
                    let mut delays = Vec::new();
                    for e in &mine {
                        let Some(&on) = done.get(&(e.id, s.id)) else {
                            continue;
                        };
                        if !within(on) {
                            continue;
                        }
                        completed += 1;
                        if let Some(before) = previous.and_then(|prev| done.get(&(e.id, prev))) {
                            delays.push((on - *before).num_days().max(0));
                        }
                    }
                    StepFigures {
                        step_id: s.id,
                        name: s.name.clone(),
                        complaint: s.complaint,
                        completed,
                        median_days_from_previous: median(delays),
                    }
                })
                .collect();
            PathwayFigures {
                pathway_id: p.id,
                name: p.name.clone(),
                women: following.len() as i64,
                new_women: new.len() as i64,
                steps_completed: steps.iter().map(|s| s.completed).sum(),
                complaints_on_site: steps
                    .iter()
                    .filter(|s| s.complaint)
                    .map(|s| s.completed)
                    .sum(),
                appointments: appointments.get(&p.id).copied().unwrap_or(0),
                steps,
            }
        })
        .collect()
}

/// The figures an agreement's partner asks for, over the pathways under it: women counted
/// once even when they follow two of its pathways.
pub fn agreement_figures(
    agreement: AgreementId,
    asked: &[AgreementFigure],
    facts: Facts<'_>,
    figures: &[PathwayFigures],
    first: NaiveDate,
    last: NaiveDate,
) -> BTreeMap<AgreementFigure, f64> {
    let under: HashSet<PathwayId> = facts
        .pathways
        .iter()
        .filter(|p| p.agreement == Some(agreement))
        .map(|p| p.id)
        .collect();
    let mine: Vec<&EnrolmentFacts> = facts
        .enrolments
        .iter()
        .filter(|e| under.contains(&e.pathway))
        .collect();
    let women: HashSet<PersonId> = mine
        .iter()
        .filter(|e| e.followed_in(first, last))
        .map(|e| e.person)
        .collect();
    let new: HashSet<PersonId> = mine
        .iter()
        .filter(|e| first <= e.started_on && e.started_on <= last)
        .map(|e| e.person)
        .collect();
    let figures: Vec<&PathwayFigures> = figures
        .iter()
        .filter(|f| under.contains(&f.pathway_id))
        .collect();
    // The delays of every step of its pathways, pooled.
    let done = facts.done();
    let mut delays = Vec::new();
    for p in facts.pathways.iter().filter(|p| under.contains(&p.id)) {
        for pair in p.steps.windows(2) {
            for e in mine.iter().filter(|e| e.pathway == p.id) {
                if let (Some(a), Some(b)) =
                    (done.get(&(e.id, pair[0].id)), done.get(&(e.id, pair[1].id)))
                    && first <= *b
                    && *b <= last
                {
                    delays.push((*b - *a).num_days().max(0));
                }
            }
        }
    }
    asked
        .iter()
        .map(|&f| {
            let value = match f {
                AgreementFigure::Women => women.len() as f64,
                AgreementFigure::NewWomen => new.len() as f64,
                AgreementFigure::StepsCompleted => {
                    figures.iter().map(|p| p.steps_completed).sum::<i64>() as f64
                }
                AgreementFigure::ComplaintsOnSite => {
                    figures.iter().map(|p| p.complaints_on_site).sum::<i64>() as f64
                }
                AgreementFigure::Appointments => {
                    figures.iter().map(|p| p.appointments).sum::<i64>() as f64
                }
                AgreementFigure::MedianDelayDays => median(delays.clone()).unwrap_or(0.0),
            };
            (f, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    /// CORALIS in 2027: three women, one who entered in 2026; the delays from the exam to the
    /// complaint counted from the days each was done.
    #[test]
    fn a_pathway_counts_its_women_steps_complaints_and_delays() {
        let (exam, complaint, legal) = (StepId::new(), StepId::new(), StepId::new());
        let coralis = PathwayFacts {
            id: PathwayId::new(),
            name: "CORALIS".into(),
            agreement: Some(AgreementId::new()),
            steps: vec![
                StepFacts {
                    id: exam,
                    name: "Examen médico-légal".into(),
                    complaint: false,
                },
                StepFacts {
                    id: complaint,
                    name: "Plainte sur place".into(),
                    complaint: true,
                },
                StepFacts {
                    id: legal,
                    name: "Conseil juridique".into(),
                    complaint: false,
                },
            ],
        };
        let women: Vec<PersonId> = (0..4).map(|_| PersonId::new()).collect();
        let enrol = |person, started_on, ended_on| EnrolmentFacts {
            id: EnrolmentId::new(),
            pathway: coralis.id,
            person,
            started_on,
            ended_on,
        };
        let enrolments = vec![
            enrol(
                women[0],
                NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
                None,
            ),
            enrol(women[1], d(3, 1), None),
            enrol(women[2], d(6, 1), Some(d(6, 30))),
            // Left before the year began: not counted.
            enrol(
                women[3],
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                Some(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()),
            ),
        ];
        let done = |e: usize, step, on| CompletionFacts {
            enrolment: enrolments[e].id,
            step,
            done_on: on,
        };
        let completions = vec![
            done(0, exam, NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()),
            done(0, complaint, d(1, 4)),
            done(1, exam, d(3, 1)),
            done(1, complaint, d(3, 11)),
            done(1, legal, d(4, 1)),
            done(2, exam, d(6, 2)),
            done(3, exam, NaiveDate::from_ymd_opt(2026, 1, 10).unwrap()),
        ];
        let appointments = HashMap::from([(coralis.id, 9)]);
        let facts = Facts {
            pathways: std::slice::from_ref(&coralis),
            enrolments: &enrolments,
            completions: &completions,
        };
        let f = figures(facts, &appointments, d(1, 1), d(12, 31));
        assert_eq!(f.len(), 1);
        let f = &f[0];
        assert_eq!((f.women, f.new_women), (3, 2));
        assert_eq!((f.steps_completed, f.complaints_on_site), (5, 2));
        assert_eq!(f.appointments, 9);
        let completed: Vec<_> = f.steps.iter().map(|s| s.completed).collect();
        assert_eq!(completed, [2, 2, 1]);
        // From the exam to the complaint: 7 days (28 Dec to 4 Jan) and 10 days; median 8.5.
        assert_eq!(f.steps[0].median_days_from_previous, None);
        assert_eq!(f.steps[1].median_days_from_previous, Some(8.5));
        assert_eq!(f.steps[2].median_days_from_previous, Some(21.0));

        let asked = [
            AgreementFigure::Women,
            AgreementFigure::ComplaintsOnSite,
            AgreementFigure::MedianDelayDays,
        ];
        let partner = agreement_figures(
            coralis.agreement.unwrap(),
            &asked,
            facts,
            std::slice::from_ref(f),
            d(1, 1),
            d(12, 31),
        );
        assert_eq!(
            partner.into_iter().collect::<Vec<_>>(),
            [
                (AgreementFigure::Women, 3.0),
                (AgreementFigure::ComplaintsOnSite, 2.0),
                // 7, 10 and 21 days.
                (AgreementFigure::MedianDelayDays, 10.0),
            ]
        );
    }

    #[test]
    fn an_agreement_is_refused_at_its_fields() {
        let problems: Vec<_> = NewAgreement {
            partner: " ".into(),
            kind: None,
            signed_on: Some(d(5, 1)),
            ends_on: Some(d(4, 1)),
            figures: vec![],
        }
        .problems()
        .into_iter()
        .map(|p| p.field)
        .collect();
        assert_eq!(problems, ["partner", "kind", "ends_on", "figures"]);
    }
}
