//! The rules of a help request (docs/domain.md §2.1-2.2): the priority code the system proposes
//! from the answers given during the call, and the final code the caseworker decides.
//!
//! The seed report's words (CALACS 2023-2024, p. "système de priorisation"): a code 1 is any
//! one, or a mix, of a recent assault (less than a year), signs of post-traumatic stress, high
//! psychological distress, suicidal ideas linked to the assaults, basic needs not met, still
//! being assaulted or at risk; a code 2 is a first request with stable distress and a social
//! network; a code 3 is a second request or more with an adequate social network; a teenager
//! is never code 3, "because when the wait is too long they change their mind". The criteria
//! guide; clinical judgment may override them, with a reason.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PriorityCode {
    One = 1,
    Two = 2,
    Three = 3,
}

impl PriorityCode {
    pub fn number(self) -> i32 {
        self as i32
    }
    pub fn from_number(n: i32) -> Option<Self> {
        match n {
            1 => Some(PriorityCode::One),
            2 => Some(PriorityCode::Two),
            3 => Some(PriorityCode::Three),
            _ => None,
        }
    }
}

/// How a request reached the organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    TextLine,
    SocialNetwork,
    WebForm,
    WalkIn,
    Referral,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::TextLine,
        Channel::SocialNetwork,
        Channel::WebForm,
        Channel::WalkIn,
        Channel::Referral,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::TextLine => "text_line",
            Channel::SocialNetwork => "social_network",
            Channel::WebForm => "web_form",
            Channel::WalkIn => "walk_in",
            Channel::Referral => "referral",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The service area a request is for: each has its wait list and its priority rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceArea {
    DirectHelp,
    Exploitation,
}

impl ServiceArea {
    pub const ALL: [ServiceArea; 2] = [ServiceArea::DirectHelp, ServiceArea::Exploitation];
    pub fn key(self) -> &'static str {
        match self {
            ServiceArea::DirectHelp => "direct_help",
            ServiceArea::Exploitation => "exploitation",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// Why a waiting request was closed before any meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    NoLongerWishesHelp,
    ReferredElsewhere,
    Unreachable,
}

impl CloseReason {
    pub const ALL: [CloseReason; 3] = [
        CloseReason::NoLongerWishesHelp,
        CloseReason::ReferredElsewhere,
        CloseReason::Unreachable,
    ];
    pub fn key(self) -> &'static str {
        match self {
            CloseReason::NoLongerWishesHelp => "no_longer_wishes_help",
            CloseReason::ReferredElsewhere => "referred_elsewhere",
            CloseReason::Unreachable => "unreachable",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// Why a request for help could not be met: unmet demand is data (docs/domain.md §2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnAwayReason {
    /// No place, or a wait too long to offer.
    NoCapacity,
    OutsideMandate,
    OutsideTerritory,
    ReferredElsewhere,
    Other,
}

impl TurnAwayReason {
    pub const ALL: [TurnAwayReason; 5] = [
        TurnAwayReason::NoCapacity,
        TurnAwayReason::OutsideMandate,
        TurnAwayReason::OutsideTerritory,
        TurnAwayReason::ReferredElsewhere,
        TurnAwayReason::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            TurnAwayReason::NoCapacity => "no_capacity",
            TurnAwayReason::OutsideMandate => "outside_mandate",
            TurnAwayReason::OutsideTerritory => "outside_territory",
            TurnAwayReason::ReferredElsewhere => "referred_elsewhere",
            TurnAwayReason::Other => "other",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// Normalizes a phone number for the blind index: its digits, without a leading 1 (North
/// American long distance), so that "1 418 555-0142" and "(418) 555.0142" match.
pub fn normalize_phone(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.len() == 11 && digits.starts_with('1') {
        digits[1..].to_owned()
    } else {
        digits
    };
    (digits.len() >= 7).then_some(digits)
}

/// Normalizes a name with a year of birth for the blind index: lower case, accents and
/// punctuation removed, words in order.
pub fn normalize_name_year(name: &str, birth_year: i32) -> String {
    let folded: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    format!(
        "{}|{birth_year}",
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Why a code was proposed: each criterion that counted, by a stable key (its label comes
/// from the translation files: `criterion-<key>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    // Code 1, general rule.
    AssaultWithinAYear,
    PostTraumaticStress,
    HighDistress,
    SuicidalIdeas,
    BasicNeedsUnmet,
    StillAssaultedOrAtRisk,
    // Code 3.
    SecondRequestWithAdequateNetwork,
    // The teenager rule.
    TeenagerNeverCodeThree,
    // Exploitation track.
    InExploitationCycle,
    VulnerableAndAmbivalent,
    NoPastOrPresentServices,
    NetworkAbsentOrInadequate,
    OutOfExploitationUnderSixMonths,
    Teenager,
    DailyFunctioningBroken,
}

impl Criterion {
    pub fn key(self) -> &'static str {
        use Criterion::*;
        match self {
            AssaultWithinAYear => "assault-within-a-year",
            PostTraumaticStress => "post-traumatic-stress",
            HighDistress => "high-distress",
            SuicidalIdeas => "suicidal-ideas",
            BasicNeedsUnmet => "basic-needs-unmet",
            StillAssaultedOrAtRisk => "still-assaulted-or-at-risk",
            SecondRequestWithAdequateNetwork => "second-request-adequate-network",
            TeenagerNeverCodeThree => "teenager-never-code-three",
            InExploitationCycle => "in-exploitation-cycle",
            VulnerableAndAmbivalent => "vulnerable-and-ambivalent",
            NoPastOrPresentServices => "no-past-or-present-services",
            NetworkAbsentOrInadequate => "network-absent-or-inadequate",
            OutOfExploitationUnderSixMonths => "out-under-six-months",
            Teenager => "teenager",
            DailyFunctioningBroken => "daily-functioning-broken",
        }
    }
}

/// How the person may be contacted, shown before any contact action (docs/safety.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeContact {
    pub may_call: bool,
    pub may_leave_message: bool,
    pub may_say_our_name: bool,
    /// At which hours, in her words ("après 18 h", "jamais la fin de semaine").
    pub hours: String,
    /// The number that is safe to call, if not the one given.
    pub safe_number: String,
}

impl SafeContact {
    /// The longest the hours may be written, in characters.
    pub const HOURS_MAX_CHARS: usize = 200;

    /// What is wrong in it, as the form's field and the message's translation key: a safe
    /// number that is not a phone number, hours too long. Empty when it may be kept.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut problems = Vec::new();
        let safe_number = self.safe_number.trim();
        if !safe_number.is_empty() && !crate::validation::is_valid_phone(safe_number) {
            problems.push(("safe_number", "phone-invalid"));
        }
        if self.hours.chars().count() > Self::HOURS_MAX_CHARS {
            problems.push(("safe_hours", "field-too-long"));
        }
        problems
    }
}

/// The answers to the priority questions of the general rule, as asked during the call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriorityAnswers {
    pub assault_within_a_year: bool,
    pub post_traumatic_stress: bool,
    pub high_distress: bool,
    pub suicidal_ideas: bool,
    pub basic_needs_unmet: bool,
    pub still_assaulted_or_at_risk: bool,
    /// A social network around her, adequate.
    pub adequate_social_network: bool,
}

/// The answers of the exploitation track's own criteria (second rule set).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExploitationAnswers {
    /// In stages 1 to 7 of the exploitation cycle.
    pub in_cycle_stages_1_to_7: bool,
    /// Vulnerable and ambivalent about going back, however long she has been out.
    pub vulnerable_and_ambivalent: bool,
    pub no_past_or_present_services: bool,
    pub social_network_absent_or_inadequate: bool,
    pub out_less_than_six_months: bool,
    /// Consequences that break daily functioning or invade daily life.
    pub daily_functioning_broken: bool,
}

/// Who the request is for, as far as the rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestContext {
    pub teenager: bool,
    /// The person's earlier requests to this organization (0 for a first request).
    pub earlier_requests: u32,
}

/// The proposal: the code and the criteria that made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub code: PriorityCode,
    pub because: Vec<Criterion>,
}

/// The general rule (docs/domain.md §2.2).
pub fn propose(answers: &PriorityAnswers, context: RequestContext) -> Proposal {
    let code_one: Vec<Criterion> = [
        (answers.assault_within_a_year, Criterion::AssaultWithinAYear),
        (
            answers.post_traumatic_stress,
            Criterion::PostTraumaticStress,
        ),
        (answers.high_distress, Criterion::HighDistress),
        (answers.suicidal_ideas, Criterion::SuicidalIdeas),
        (answers.basic_needs_unmet, Criterion::BasicNeedsUnmet),
        (
            answers.still_assaulted_or_at_risk,
            Criterion::StillAssaultedOrAtRisk,
        ),
    ]
    .into_iter()
    .filter_map(|(yes, c)| yes.then_some(c))
    .collect();
    if !code_one.is_empty() {
        return Proposal {
            code: PriorityCode::One,
            because: code_one,
        };
    }
    let second_with_network = context.earlier_requests > 0 && answers.adequate_social_network;
    match (second_with_network, context.teenager) {
        (true, false) => Proposal {
            code: PriorityCode::Three,
            because: vec![Criterion::SecondRequestWithAdequateNetwork],
        },
        (true, true) => Proposal {
            code: PriorityCode::Two,
            because: vec![Criterion::TeenagerNeverCodeThree],
        },
        (false, _) => Proposal {
            code: PriorityCode::Two,
            because: Vec::new(),
        },
    }
}

/// The exploitation track's rule: any of its criteria makes the follow-up a priority (code 1);
/// otherwise the general rule applies.
pub fn propose_exploitation(
    answers: &ExploitationAnswers,
    general: &PriorityAnswers,
    context: RequestContext,
) -> Proposal {
    let priority: Vec<Criterion> = [
        (
            answers.in_cycle_stages_1_to_7,
            Criterion::InExploitationCycle,
        ),
        (
            answers.vulnerable_and_ambivalent,
            Criterion::VulnerableAndAmbivalent,
        ),
        (
            answers.no_past_or_present_services,
            Criterion::NoPastOrPresentServices,
        ),
        (
            answers.social_network_absent_or_inadequate,
            Criterion::NetworkAbsentOrInadequate,
        ),
        (
            answers.out_less_than_six_months,
            Criterion::OutOfExploitationUnderSixMonths,
        ),
        (context.teenager, Criterion::Teenager),
        (
            answers.daily_functioning_broken,
            Criterion::DailyFunctioningBroken,
        ),
    ]
    .into_iter()
    .filter_map(|(yes, c)| yes.then_some(c))
    .collect();
    if priority.is_empty() {
        propose(general, context)
    } else {
        Proposal {
            code: PriorityCode::One,
            because: priority,
        }
    }
}

/// The code kept on the request: the proposal, or the caseworker's own with her reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub proposed: PriorityCode,
    pub decided: PriorityCode,
    pub override_reason: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecisionProblem {
    /// A code other than the proposal needs the clinical reason.
    #[error("an override needs a reason")]
    ReasonRequired,
    #[error("a teenager is never code 3")]
    TeenagerCodeThree,
}

impl DecisionProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            DecisionProblem::ReasonRequired => "override-reason-required",
            DecisionProblem::TeenagerCodeThree => "teenager-never-code-three",
        }
    }
}

/// Decides the final code. With no override the proposal stands; an override keeps both codes
/// and needs a reason; no override makes a teenager code 3.
pub fn decide(
    proposal: &Proposal,
    chosen: Option<PriorityCode>,
    reason: Option<&str>,
    context: RequestContext,
) -> Result<Decision, DecisionProblem> {
    let decided = chosen.unwrap_or(proposal.code);
    if context.teenager && decided == PriorityCode::Three {
        return Err(DecisionProblem::TeenagerCodeThree);
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if decided != proposal.code && reason.is_none() {
        return Err(DecisionProblem::ReasonRequired);
    }
    Ok(Decision {
        proposed: proposal.code,
        decided,
        override_reason: if decided != proposal.code {
            reason.map(str::to_owned)
        } else {
            None
        },
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_safe_contact_is_checked_for_its_number_and_hours() {
        let mut contact = SafeContact {
            safe_number: "418 555-0142".into(),
            hours: "après 18 h".into(),
            ..SafeContact::default()
        };
        assert_eq!(contact.problems(), vec![]);
        contact.safe_number = "  ".into();
        assert_eq!(contact.problems(), vec![], "no safe number is allowed");
        contact.safe_number = "après 18 h".into();
        contact.hours = "x".repeat(SafeContact::HOURS_MAX_CHARS + 1);
        assert_eq!(
            contact.problems(),
            vec![
                ("safe_number", "phone-invalid"),
                ("safe_hours", "field-too-long")
            ]
        );
    }

    use super::*;

    const ADULT_FIRST: RequestContext = RequestContext {
        teenager: false,
        earlier_requests: 0,
    };
    const ADULT_SECOND: RequestContext = RequestContext {
        teenager: false,
        earlier_requests: 1,
    };
    const TEEN_SECOND: RequestContext = RequestContext {
        teenager: true,
        earlier_requests: 2,
    };

    /// Sets one answer, for the tables of cases below.
    type SetAnswer = fn(&mut PriorityAnswers);
    type SetExploitation = fn(&mut ExploitationAnswers);

    fn with(set: impl Fn(&mut PriorityAnswers)) -> PriorityAnswers {
        let mut a = PriorityAnswers::default();
        set(&mut a);
        a
    }

    #[test]
    fn each_code_one_criterion_alone_gives_code_one() {
        let cases: [(SetAnswer, Criterion); 6] = [
            (
                |a| a.assault_within_a_year = true,
                Criterion::AssaultWithinAYear,
            ),
            (
                |a| a.post_traumatic_stress = true,
                Criterion::PostTraumaticStress,
            ),
            (|a| a.high_distress = true, Criterion::HighDistress),
            (|a| a.suicidal_ideas = true, Criterion::SuicidalIdeas),
            (|a| a.basic_needs_unmet = true, Criterion::BasicNeedsUnmet),
            (
                |a| a.still_assaulted_or_at_risk = true,
                Criterion::StillAssaultedOrAtRisk,
            ),
        ];
        for (set, criterion) in cases {
            // Even on a second request with a network, which would otherwise be code 3.
            let mut answers = with(set);
            answers.adequate_social_network = true;
            for context in [ADULT_FIRST, ADULT_SECOND, TEEN_SECOND] {
                let p = propose(&answers, context);
                assert_eq!(p.code, PriorityCode::One, "{criterion:?} in {context:?}");
                assert_eq!(p.because, vec![criterion]);
            }
        }
    }

    #[test]
    fn returning_persons_match_however_their_phone_or_name_is_written() {
        assert_eq!(
            normalize_phone("1 418 555-0142"),
            normalize_phone("(418) 555.0142")
        );
        assert_eq!(
            normalize_phone("418 555-0142").as_deref(),
            Some("4185550142")
        );
        assert_eq!(normalize_phone("12"), None);
        assert_eq!(
            normalize_name_year("Émilie  Côté-Roy", 1990),
            normalize_name_year("emilie cote roy", 1990)
        );
        assert_ne!(
            normalize_name_year("Émilie Côté", 1990),
            normalize_name_year("Émilie Côté", 1991)
        );
    }

    #[test]
    fn a_mix_of_code_one_criteria_gives_code_one_with_every_reason() {
        let answers = with(|a| {
            a.high_distress = true;
            a.suicidal_ideas = true;
        });
        let p = propose(&answers, ADULT_FIRST);
        assert_eq!(p.code, PriorityCode::One);
        assert_eq!(
            p.because,
            vec![Criterion::HighDistress, Criterion::SuicidalIdeas]
        );
    }

    #[test]
    fn a_first_request_without_code_one_criteria_is_code_two() {
        let stable_with_network = with(|a| a.adequate_social_network = true);
        assert_eq!(
            propose(&stable_with_network, ADULT_FIRST).code,
            PriorityCode::Two
        );
        assert_eq!(
            propose(&PriorityAnswers::default(), ADULT_FIRST).code,
            PriorityCode::Two
        );
    }

    #[test]
    fn a_second_request_with_an_adequate_network_is_code_three() {
        let p = propose(&with(|a| a.adequate_social_network = true), ADULT_SECOND);
        assert_eq!(p.code, PriorityCode::Three);
        assert_eq!(p.because, vec![Criterion::SecondRequestWithAdequateNetwork]);
        // Without a network, a second request stays code 2.
        assert_eq!(
            propose(&PriorityAnswers::default(), ADULT_SECOND).code,
            PriorityCode::Two
        );
    }

    #[test]
    fn a_teenager_is_never_code_three() {
        let p = propose(&with(|a| a.adequate_social_network = true), TEEN_SECOND);
        assert_eq!(p.code, PriorityCode::Two);
        assert_eq!(p.because, vec![Criterion::TeenagerNeverCodeThree]);
        // Not by override either.
        assert_eq!(
            decide(
                &p,
                Some(PriorityCode::Three),
                Some("jugement clinique"),
                TEEN_SECOND
            ),
            Err(DecisionProblem::TeenagerCodeThree)
        );
        // Exhaustively: whatever the answers and the history, never code 3.
        for bits in 0..128u32 {
            let answers = PriorityAnswers {
                assault_within_a_year: bits & 1 != 0,
                post_traumatic_stress: bits & 2 != 0,
                high_distress: bits & 4 != 0,
                suicidal_ideas: bits & 8 != 0,
                basic_needs_unmet: bits & 16 != 0,
                still_assaulted_or_at_risk: bits & 32 != 0,
                adequate_social_network: bits & 64 != 0,
            };
            for earlier_requests in 0..3 {
                let context = RequestContext {
                    teenager: true,
                    earlier_requests,
                };
                assert_ne!(propose(&answers, context).code, PriorityCode::Three);
                assert_ne!(
                    propose_exploitation(&ExploitationAnswers::default(), &answers, context).code,
                    PriorityCode::Three
                );
            }
        }
    }

    #[test]
    fn an_override_keeps_the_proposed_and_the_final_code_and_needs_a_reason() {
        let p = propose(&with(|a| a.adequate_social_network = true), ADULT_SECOND);
        assert_eq!(
            decide(&p, Some(PriorityCode::One), None, ADULT_SECOND),
            Err(DecisionProblem::ReasonRequired)
        );
        assert_eq!(
            decide(&p, Some(PriorityCode::One), Some("   "), ADULT_SECOND),
            Err(DecisionProblem::ReasonRequired)
        );
        let d = decide(
            &p,
            Some(PriorityCode::One),
            Some("Détresse observée pendant l'appel"),
            ADULT_SECOND,
        )
        .unwrap();
        assert_eq!(
            (d.proposed, d.decided),
            (PriorityCode::Three, PriorityCode::One)
        );
        assert_eq!(
            d.override_reason.as_deref(),
            Some("Détresse observée pendant l'appel")
        );
        // Keeping the proposal needs no reason and stores none.
        let kept = decide(&p, None, Some("rien"), ADULT_SECOND).unwrap();
        assert_eq!(
            (kept.proposed, kept.decided, kept.override_reason),
            (PriorityCode::Three, PriorityCode::Three, None)
        );
        let same = decide(&p, Some(PriorityCode::Three), None, ADULT_SECOND).unwrap();
        assert_eq!(same.decided, PriorityCode::Three);
    }

    #[test]
    fn each_exploitation_criterion_alone_makes_the_follow_up_a_priority() {
        let cases: [(SetExploitation, Criterion); 6] = [
            (
                |a| a.in_cycle_stages_1_to_7 = true,
                Criterion::InExploitationCycle,
            ),
            (
                |a| a.vulnerable_and_ambivalent = true,
                Criterion::VulnerableAndAmbivalent,
            ),
            (
                |a| a.no_past_or_present_services = true,
                Criterion::NoPastOrPresentServices,
            ),
            (
                |a| a.social_network_absent_or_inadequate = true,
                Criterion::NetworkAbsentOrInadequate,
            ),
            (
                |a| a.out_less_than_six_months = true,
                Criterion::OutOfExploitationUnderSixMonths,
            ),
            (
                |a| a.daily_functioning_broken = true,
                Criterion::DailyFunctioningBroken,
            ),
        ];
        let general = with(|a| a.adequate_social_network = true);
        for (set, criterion) in cases {
            let mut answers = ExploitationAnswers::default();
            set(&mut answers);
            let p = propose_exploitation(&answers, &general, ADULT_SECOND);
            assert_eq!(
                p,
                Proposal {
                    code: PriorityCode::One,
                    because: vec![criterion]
                }
            );
        }
        let teen = propose_exploitation(&ExploitationAnswers::default(), &general, TEEN_SECOND);
        assert_eq!(
            teen,
            Proposal {
                code: PriorityCode::One,
                because: vec![Criterion::Teenager]
            }
        );
        // Out for years, not ambivalent, with services and a network: the general rule.
        assert_eq!(
            propose_exploitation(&ExploitationAnswers::default(), &general, ADULT_SECOND).code,
            PriorityCode::Three
        );
    }
}
