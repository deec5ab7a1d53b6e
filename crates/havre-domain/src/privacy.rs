//! Privacy duties (issue 18; Québec's Law 25 and the GDPR): the rules that need no database.
//! A person's request for access answered within 30 days, and which requests near that limit;
//! how long each kind of record is kept before it is destroyed or made anonymous, with the
//! organization's choices and their floors.
//!
//! The incident register's vocabulary is here too: the kinds of incidents, the anomalies
//! Havre opens one for by itself, and the levels of a risk assessment (docs/privacy.md).

use crate::validation::{FieldError, paragraph_ok, text_ok};
use chrono::{Days, Months, NaiveDate};

/// A person's request for access is answered within 30 days of its reception.
pub const ACCESS_ANSWER_DAYS: u64 = 30;

/// The last day to answer a request for access received on a day.
pub fn access_due(received_on: NaiveDate) -> NaiveDate {
    received_on
        .checked_add_days(Days::new(ACCESS_ANSWER_DAYS))
        .unwrap_or(received_on)
}

/// Whether a request not yet answered is within `warn_days` of its limit, or past it: what the
/// dashboard of the person in charge shows.
pub fn access_nearing(received_on: NaiveDate, today: NaiveDate, warn_days: u64) -> bool {
    today
        .checked_add_days(Days::new(warn_days))
        .is_some_and(|soon| access_due(received_on) <= soon)
}

keyed! {
    /// What happened to personal information (Law 25 art. 3.6; GDPR art. 4(12)).
    IncidentKind {
        Loss => "loss",
        UnauthorizedAccess => "unauthorized_access",
        UnauthorizedUse => "unauthorized_use",
        Disclosure => "disclosure",
        /// An anomaly Havre detected, not yet assessed as one of the others.
        Anomaly => "anomaly",
    }
}

keyed! {
    /// What Havre watches and opens an incident for, for the person in charge to assess.
    Anomaly {
        /// The audit log's chain does not verify: an entry was altered, removed or cut off.
        BrokenAuditChain => "broken_audit_chain",
        /// A member of the team was refused files again and again in a short while.
        RefusedReads => "refused_reads",
        /// A file was opened by writing why (break-the-glass).
        BreakTheGlass => "break_the_glass",
    }
}

keyed! {
    /// A level of a risk assessment: the sensitivity of the data, the probability of harm.
    Level {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

/// How many refused reads of files by one person, within [`REFUSED_READS_WINDOW_MINUTES`],
/// open an incident: one refusal is a mistyped link; a series is someone looking.
pub const REFUSED_READS_ALERT: u64 = 5;
pub const REFUSED_READS_WINDOW_MINUTES: i64 = 60;

/// The longest list of files concerned, by their references.
pub const FILES_CONCERNED_MAX: usize = 2_000;

/// An incident as the team enters it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncidentForm {
    pub known_on: Option<NaiveDate>,
    pub kind: Option<IncidentKind>,
    pub description: String,
    /// The files concerned, by their references (never names).
    pub files_concerned: String,
    pub persons_count: String,
}

impl IncidentForm {
    /// Everything wrong with it, at its fields; the number of persons concerned, if known.
    pub fn check(&self, today: NaiveDate) -> Result<Option<i32>, Vec<FieldError>> {
        let mut problems = Vec::new();
        match self.known_on {
            None => problems.push(FieldError::new("known_on", "field-required")),
            Some(d) if d > today => problems.push(FieldError::new("known_on", "date-in-future")),
            Some(_) => {}
        }
        if self.kind.is_none() {
            problems.push(FieldError::new("kind", "field-required"));
        }
        if !paragraph_ok(&self.description) {
            problems.push(FieldError::new("description", "field-required"));
        }
        if self.files_concerned.chars().count() > FILES_CONCERNED_MAX {
            problems.push(FieldError::new("files_concerned", "field-too-long"));
        }
        let persons = match self.persons_count.trim() {
            "" => None,
            n => match n.parse::<i32>() {
                Ok(n) if (0..=1_000_000).contains(&n) => Some(n),
                _ => {
                    problems.push(FieldError::new("persons_count", "count-invalid"));
                    None
                }
            },
        };
        if problems.is_empty() {
            Ok(persons)
        } else {
            Err(problems)
        }
    }
}

/// The assessment of an incident by the person in charge: what data, how sensitive, what
/// could follow and how likely, whether it risks serious injury, the notices given and the
/// measures taken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assessment {
    pub kind: Option<IncidentKind>,
    pub data: String,
    pub sensitivity: Option<Level>,
    pub consequences: String,
    pub probability: Option<Level>,
    pub serious_risk: Option<bool>,
    pub regulator_notified_on: Option<NaiveDate>,
    pub persons_notified_on: Option<NaiveDate>,
    pub measures: String,
}

impl Assessment {
    /// Everything wrong with it, at its fields. A notice is given on or after the day the
    /// incident was known, and not in the future.
    pub fn check(&self, known_on: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if self.kind.is_none() {
            problems.push(FieldError::new("kind", "field-required"));
        }
        if !paragraph_ok(&self.data) {
            problems.push(FieldError::new("data", "field-required"));
        }
        if self.sensitivity.is_none() {
            problems.push(FieldError::new("sensitivity", "field-required"));
        }
        if !paragraph_ok(&self.consequences) {
            problems.push(FieldError::new("consequences", "field-required"));
        }
        if self.probability.is_none() {
            problems.push(FieldError::new("probability", "field-required"));
        }
        if self.serious_risk.is_none() {
            problems.push(FieldError::new("serious_risk", "field-required"));
        }
        for (field, day) in [
            ("regulator_notified_on", self.regulator_notified_on),
            ("persons_notified_on", self.persons_notified_on),
        ] {
            match day {
                Some(d) if d > today => problems.push(FieldError::new(field, "date-in-future")),
                Some(d) if d < known_on => {
                    problems.push(FieldError::new(field, "notice-before-known"))
                }
                _ => {}
            }
        }
        if !text_ok(&self.measures, crate::validation::PARAGRAPH_MAX)
            && !self.measures.trim().is_empty()
        {
            problems.push(FieldError::new("measures", "field-too-long"));
        }
        problems
    }

    /// Whether the law's notices are still owed: a risk of serious injury calls for notice to
    /// the regulator (the CAI, the CNIL) and to the persons concerned, promptly.
    pub fn notices_owed(&self) -> bool {
        self.serious_risk == Some(true)
            && (self.regulator_notified_on.is_none() || self.persons_notified_on.is_none())
    }
}

/// A text of a woman's file as her access export gives it: every known third party's name
/// withheld, as whole words and whatever their case, replaced by `marker`; with `parts`, each
/// part of it too (a first name alone, a family name alone). Parts of her own name are left:
/// they are hers. Parts shorter than three letters are left too (« de », « Li »): they would
/// withhold words. Returns the text and how many passages were withheld.
pub fn withhold(
    text: &str,
    third_parties: &[String],
    parts: bool,
    own_name: &str,
    marker: &str,
) -> (String, usize) {
    let own: Vec<String> = own_name.split_whitespace().map(str::to_lowercase).collect();
    let mut words: Vec<String> = Vec::new();
    for name in third_parties
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        words.push(name.to_owned());
        if !parts {
            continue;
        }
        words.extend(
            name.split(|c: char| c.is_whitespace() || c == '-')
                .filter(|p| p.chars().count() >= 3 && !own.contains(&p.to_lowercase()))
                .map(str::to_owned),
        );
    }
    if words.is_empty() {
        return (text.to_owned(), 0);
    }
    // The longest first, so that a whole name goes before its parts.
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    let pattern = format!(r"(?iu)\b(?:{})\b", alternatives.join("|"));
    let Ok(re) = regex::Regex::new(&pattern) else {
        // A pattern too large to build: withhold nothing silently is not an option.
        return (marker.to_owned(), 1);
    };
    let count = re.find_iter(text).count();
    (
        re.replace_all(text, regex::NoExpand(marker)).into_owned(),
        count,
    )
}

keyed! {
    /// The kinds of records a retention rule is set for.
    RetentionKind {
        ClosedFile => "closed_file",
        Call => "call",
        UnservedRequest => "unserved_request",
        Complaint => "complaint",
        Incident => "incident",
    }
}

impl RetentionKind {
    /// Years kept, counted from the record's end (a file's closing, a call, a complaint's
    /// answer), until the organization sets its own.
    pub fn default_years(self) -> u32 {
        match self {
            RetentionKind::ClosedFile => 7,
            RetentionKind::Call => 2,
            RetentionKind::UnservedRequest => 2,
            RetentionKind::Complaint => 5,
            RetentionKind::Incident => 5,
        }
    }

    /// The fewest years the organization may choose: the register of confidentiality
    /// incidents is kept at least five years; the rest at least one, so that a year's report
    /// can be made from them.
    pub fn floor_years(self) -> u32 {
        match self {
            RetentionKind::Incident => 5,
            _ => 1,
        }
    }
}

/// The years each kind of record is kept: the organization's choices, its defaults until it
/// makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RetentionYears {
    /// A file where she was served (a meeting, a stay, an appointment seen), from the last
    /// day anything happened in it.
    pub closed_file: u32,
    /// A file where she was never served (her requests closed from the wait list).
    pub unserved_request: u32,
    /// A listening call, from its day: the resource given is erased, the call still counts.
    pub call: u32,
    /// A complaint, from its answer: the complainant and what she said are erased.
    pub complaint: u32,
    /// An incident of the register, from its assessment.
    pub incident: u32,
}

impl Default for RetentionYears {
    fn default() -> Self {
        RetentionYears {
            closed_file: RetentionKind::ClosedFile.default_years(),
            unserved_request: RetentionKind::UnservedRequest.default_years(),
            call: RetentionKind::Call.default_years(),
            complaint: RetentionKind::Complaint.default_years(),
            incident: RetentionKind::Incident.default_years(),
        }
    }
}

impl RetentionYears {
    pub fn get(&self, kind: RetentionKind) -> u32 {
        match kind {
            RetentionKind::ClosedFile => self.closed_file,
            RetentionKind::UnservedRequest => self.unserved_request,
            RetentionKind::Call => self.call,
            RetentionKind::Complaint => self.complaint,
            RetentionKind::Incident => self.incident,
        }
    }

    fn slot(&mut self, kind: RetentionKind) -> &mut u32 {
        match kind {
            RetentionKind::ClosedFile => &mut self.closed_file,
            RetentionKind::UnservedRequest => &mut self.unserved_request,
            RetentionKind::Call => &mut self.call,
            RetentionKind::Complaint => &mut self.complaint,
            RetentionKind::Incident => &mut self.incident,
        }
    }

    /// Sets the years typed for some kinds, each between its floor and a hundred; nothing
    /// is changed when one of them is refused, and each refusal is at its field,
    /// `years_<kind>`.
    pub fn set(&mut self, typed: &[(RetentionKind, &str)]) -> Result<(), Vec<FieldError>> {
        let mut next = *self;
        let mut problems = Vec::new();
        for &(kind, text) in typed {
            match text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|y| (kind.floor_years()..=100).contains(y))
            {
                Some(years) => *next.slot(kind) = years,
                None => problems.push(FieldError::new(
                    kind.field(),
                    match kind {
                        RetentionKind::Incident => "retention-years-incident",
                        _ => "retention-years-invalid",
                    },
                )),
            }
        }
        if problems.is_empty() {
            *self = next;
            Ok(())
        } else {
            Err(problems)
        }
    }
}

impl RetentionKind {
    /// The form's field for its years.
    pub fn field(self) -> &'static str {
        match self {
            RetentionKind::ClosedFile => "years_closed_file",
            RetentionKind::UnservedRequest => "years_unserved_request",
            RetentionKind::Call => "years_call",
            RetentionKind::Complaint => "years_complaint",
            RetentionKind::Incident => "years_incident",
        }
    }
}

/// What a file's records say of its end: whether anything in it is still under way, whether
/// she was ever served, and the last day anything happened. A file is kept from that day the
/// years of its kind (docs/privacy.md "Destruction").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileSpan {
    pub open: bool,
    pub served: bool,
    pub last: Option<NaiveDate>,
}

impl FileSpan {
    /// Something happened in the file that day.
    pub fn saw(&mut self, day: NaiveDate) {
        self.last = Some(self.last.map_or(day, |d| d.max(day)));
    }

    pub fn kind(&self) -> RetentionKind {
        if self.served {
            RetentionKind::ClosedFile
        } else {
            RetentionKind::UnservedRequest
        }
    }

    /// The day the file comes due; none while anything in it is under way.
    pub fn due_on(&self, years: &RetentionYears) -> Option<NaiveDate> {
        if self.open {
            return None;
        }
        due_on(self.last?, years.get(self.kind()))
    }
}

/// Whether a record that ended on a day is due for destruction on `today`, kept `years`.
pub fn due(ended_on: NaiveDate, years: u32, today: NaiveDate) -> bool {
    due_on(ended_on, years).is_some_and(|until| until <= today)
}

/// The day a record ended on `ended_on` and kept `years` comes due.
pub fn due_on(ended_on: NaiveDate, years: u32) -> Option<NaiveDate> {
    ended_on.checked_add_months(Months::new(years * 12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn third_parties_are_withheld_whole_and_in_part_but_not_her_own_name() {
        let names = ["Marc-André Gagnon".to_owned(), "Lise Tremblay".to_owned()];
        let (text, n) = withhold(
            "Marc-André Gagnon l'a suivie. GAGNON rappelle; marc aussi. Sa sœur Lise, \
             et Julie Tremblay elle-même. Le Marché n'est pas Marc.",
            &names,
            true,
            "Julie Tremblay",
            "[…]",
        );
        assert_eq!(
            text,
            "[…] l'a suivie. […] rappelle; […] aussi. Sa sœur […], \
             et Julie Tremblay elle-même. Le Marché n'est pas […]."
        );
        assert_eq!(n, 5);
        assert_eq!(
            withhold("Rien.", &[], true, "Julie", "[…]"),
            ("Rien.".to_owned(), 0)
        );
        // Whole names only: a first name alone stays.
        let (text, n) = withhold("Lise Tremblay, et Lise.", &names, false, "", "[…]");
        assert_eq!((text.as_str(), n), ("[…], et Lise.", 1));
    }

    #[test]
    fn an_assessment_with_a_serious_risk_owes_its_notices() {
        let known = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let mut a = Assessment {
            kind: Some(IncidentKind::Disclosure),
            data: "Nom et téléphone".into(),
            sensitivity: Some(Level::High),
            consequences: "Son agresseur la retrouve".into(),
            probability: Some(Level::Medium),
            serious_risk: Some(true),
            regulator_notified_on: Some(known),
            persons_notified_on: None,
            measures: String::new(),
        };
        assert!(a.check(known, today).is_empty());
        assert!(a.notices_owed());
        a.persons_notified_on = Some(today);
        assert!(!a.notices_owed());
        // A notice cannot come before the incident was known, nor after today.
        a.regulator_notified_on = known.pred_opt();
        a.persons_notified_on = today.succ_opt();
        let keys: Vec<_> = a
            .check(known, today)
            .iter()
            .map(|p| p.message_key)
            .collect();
        assert_eq!(keys, ["notice-before-known", "date-in-future"]);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_access_request_is_answered_within_thirty_days() {
        assert_eq!(access_due(d(2027, 1, 15)), d(2027, 2, 14));
        // Five days before its limit, the dashboard shows it; not a week before that.
        assert!(access_nearing(d(2027, 1, 15), d(2027, 2, 9), 5));
        assert!(!access_nearing(d(2027, 1, 15), d(2027, 2, 2), 5));
        // Past its limit, still shown.
        assert!(access_nearing(d(2027, 1, 15), d(2027, 3, 1), 5));
    }

    #[test]
    fn records_are_due_after_their_years() {
        // A file closed on 29 February is due on 28 February, seven years on.
        assert!(!due(d(2024, 2, 29), 7, d(2031, 2, 27)));
        assert!(due(d(2024, 2, 29), 7, d(2031, 2, 28)));
        for kind in RetentionKind::ALL {
            assert!(kind.default_years() >= kind.floor_years(), "{kind:?}");
        }
        assert_eq!(RetentionKind::Incident.floor_years(), 5);
    }

    #[test]
    fn years_are_set_whole_or_not_at_all() {
        let mut years = RetentionYears::default();
        assert_eq!(years.get(RetentionKind::ClosedFile), 7);
        years
            .set(&[
                (RetentionKind::ClosedFile, " 10 "),
                (RetentionKind::Call, "1"),
            ])
            .unwrap();
        assert_eq!((years.closed_file, years.call), (10, 1));
        // The incident register is kept five years at least; a refusal changes nothing.
        let problems = years
            .set(&[
                (RetentionKind::Complaint, "3"),
                (RetentionKind::Incident, "4"),
            ])
            .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].field, problems[0].message_key),
            ("years_incident", "retention-years-incident")
        );
        assert_eq!(years.complaint, 5);
        assert!(years.set(&[(RetentionKind::Call, "0")]).is_err());
        assert!(years.set(&[(RetentionKind::Call, "deux")]).is_err());
    }

    #[test]
    fn a_file_is_due_from_its_last_day_by_its_kind() {
        let years = RetentionYears::default();
        let mut span = FileSpan::default();
        assert_eq!(
            span.due_on(&years),
            None,
            "nothing happened: nothing to count from"
        );
        span.saw(d(2020, 5, 1));
        span.saw(d(2019, 1, 1));
        // Never served: two years.
        assert_eq!(span.kind(), RetentionKind::UnservedRequest);
        assert_eq!(span.due_on(&years), Some(d(2022, 5, 1)));
        span.served = true;
        assert_eq!(span.due_on(&years), Some(d(2027, 5, 1)));
        span.open = true;
        assert_eq!(span.due_on(&years), None, "a file under way is never due");
    }
}
