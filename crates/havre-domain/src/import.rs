//! Importing the spreadsheets an organization kept before Havre (docs/import.md): which column
//! fills which field (guessed from the headers, in French or English, then corrected by the
//! coordinator), and every row checked cell by cell before anything is written. The store
//! writes the rows in one transaction, and undoes them together.

use crate::ids::ListValueId;
use crate::intake::{Channel, PriorityCode, ServiceArea, normalize_name_year, normalize_phone};
use crate::lists::ListKind;
use crate::validation::{is_valid_name, is_valid_phone};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

keyed! {
    /// What a spreadsheet holds.
    ImportKind {
        /// One help request a row, as a wait list or a register of requests was kept: the
        /// person, the day, the code, her answers, and whether services began or it closed.
        HelpRequests => "help_requests",
        /// One meeting a row, as the files' meetings were kept: the person, the day, the kind
        /// and the time it took. Her request must be in Havre before: imported, or recorded.
        Meetings => "meetings",
        /// One prevention animation a row: the day, the workshop, the place, the groups and
        /// people reached, the time it took.
        Animations => "animations",
        /// One timesheet line a row: the day, the member of the team, the category, the hours.
        Hours => "hours",
    }
}

impl ImportKind {
    /// The fields a row of the kind fills, in the order the page offers them.
    pub fn targets(self) -> &'static [Target] {
        use Target::*;
        match self {
            ImportKind::HelpRequests => &[
                ReceivedOn,
                Name,
                Phone,
                BirthYear,
                Code,
                Teenager,
                ServiceArea,
                Channel,
                Requester,
                AgeAtRequest,
                AgeAtAssault,
                ReferralSource,
                Residence,
                ServicesStartedOn,
                ClosedOn,
            ],
            ImportKind::Meetings => &[
                HeldOn,
                Name,
                Phone,
                BirthYear,
                MeetingKind,
                Duration,
                Preparation,
                Debrief,
                Travel,
            ],
            ImportKind::Hours => &[Day, Account, Category, Hours],
            ImportKind::Animations => &[
                HeldOn,
                Workshop,
                Place,
                ClassGroups,
                Students,
                StaffParticipants,
                Duration,
                Preparation,
                Travel,
            ],
        }
    }

    /// Without it a row is not a record of the kind.
    pub fn requires(self, target: Target) -> bool {
        use Target::*;
        match self {
            ImportKind::HelpRequests => matches!(target, ReceivedOn | Name | Code),
            ImportKind::Meetings => matches!(target, HeldOn | Name | MeetingKind | Duration),
            ImportKind::Animations => matches!(target, HeldOn | Workshop | Place | Duration),
            ImportKind::Hours => matches!(target, Day | Account | Category | Hours),
        }
    }
}

keyed! {
    /// A field a row of help requests fills.
    Target {
        ReceivedOn => "received_on",
        Name => "name",
        Phone => "phone",
        BirthYear => "birth_year",
        Code => "code",
        Teenager => "teenager",
        ServiceArea => "service_area",
        Channel => "channel",
        Requester => "requester",
        AgeAtRequest => "age_at_request",
        AgeAtAssault => "age_at_assault",
        ReferralSource => "referral_source",
        Residence => "residence",
        ServicesStartedOn => "services_started_on",
        ClosedOn => "closed_on",
        HeldOn => "held_on",
        MeetingKind => "meeting_kind",
        Duration => "duration",
        Preparation => "preparation",
        Debrief => "debrief",
        Travel => "travel",
        Workshop => "workshop",
        Place => "place",
        ClassGroups => "class_groups",
        Students => "students",
        StaffParticipants => "staff_participants",
        Day => "day",
        Account => "account",
        Category => "category",
        Hours => "hours",
    }
}

impl Target {
    /// The list of the organization whose values it takes.
    pub fn list(self) -> Option<ListKind> {
        match self {
            Target::Place => Some(ListKind::Place),
            Target::Requester => Some(ListKind::Requester),
            Target::AgeAtRequest => Some(ListKind::AgeAtRequest),
            Target::AgeAtAssault => Some(ListKind::AgeAtAssault),
            Target::ReferralSource => Some(ListKind::ReferralSource),
            Target::Residence => Some(ListKind::Residence),
            _ => None,
        }
    }

    /// The headers it is guessed from, folded (`fold`): the words of the spreadsheets the
    /// organizations kept, in French first, and English.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Target::ReceivedOn => &[
                "date de la demande",
                "date demande",
                "date de demande",
                "date d appel",
                "date de l appel",
                "recue le",
                "date",
                "received",
                "received on",
                "date received",
            ],
            Target::Name => &[
                "nom",
                "prenom",
                "nom prenom",
                "prenom nom",
                "nom ou initiales",
                "initiales",
                "personne",
                "name",
            ],
            Target::Phone => &["telephone", "tel", "numero", "no de telephone", "phone"],
            Target::BirthYear => &[
                "annee de naissance",
                "naissance",
                "ne e en",
                "birth year",
                "year of birth",
            ],
            Target::Code => &[
                "code",
                "code de priorite",
                "priorite",
                "code priorite",
                "priority",
                "priority code",
            ],
            Target::Teenager => &["adolescente", "ado", "teenager", "adolescent"],
            Target::ServiceArea => &["volet", "service", "service area"],
            Target::Channel => &[
                "moyen",
                "moyen de la demande",
                "canal",
                "provenance de l appel",
                "channel",
            ],
            Target::Requester => &["demandeur", "demandeuse", "qui demande", "requester"],
            Target::AgeAtRequest => &[
                "age",
                "age a la demande",
                "age lors de la demande",
                "groupe d age",
                "age at request",
            ],
            Target::AgeAtAssault => &[
                "age lors de l agression",
                "age a l agression",
                "age au moment de l agression",
                "age at assault",
            ],
            Target::ReferralSource => &[
                "reference",
                "referee par",
                "source de reference",
                "comment nous a t elle connus",
                "referral source",
                "referred by",
            ],
            Target::Residence => &[
                "residence",
                "lieu de residence",
                "municipalite",
                "mrc",
                "region",
                "residence place",
            ],
            Target::ServicesStartedOn => &[
                "debut des services",
                "date de debut des services",
                "premiere rencontre",
                "date de la premiere rencontre",
                "1re rencontre",
                "services started",
                "first meeting",
            ],
            Target::ClosedOn => &[
                "fermeture",
                "date de fermeture",
                "fermee le",
                "fin",
                "closed",
                "closed on",
            ],
            Target::HeldOn => &[
                "date de la rencontre",
                "date rencontre",
                "rencontre le",
                "date",
                "held on",
                "meeting date",
            ],
            Target::MeetingKind => &[
                "type de rencontre",
                "type",
                "sorte de rencontre",
                "intervention",
                "kind",
                "meeting kind",
            ],
            Target::Duration => &[
                "duree",
                "duree min",
                "duree de la rencontre",
                "minutes",
                "duration",
            ],
            Target::Preparation => &["preparation", "preparation min", "prep"],
            Target::Debrief => &[
                "retour",
                "debreffage",
                "debriefing",
                "debrief",
                "retour min",
            ],
            Target::Travel => &["deplacement", "deplacements", "transport", "travel"],
            Target::Day => &["date", "jour", "journee", "day"],
            Target::Account => &[
                "nom",
                "employee",
                "intervenante",
                "personne",
                "membre de l equipe",
                "courriel",
                "name",
                "staff member",
            ],
            Target::Category => &["categorie", "activite", "poste", "category", "activity"],
            Target::Hours => &["heures", "nombre d heures", "temps", "duree", "hours"],
            Target::Workshop => &[
                "atelier",
                "titre de l atelier",
                "nom de l atelier",
                "workshop",
            ],
            Target::Place => &[
                "lieu",
                "ecole",
                "etablissement",
                "milieu",
                "place",
                "school",
            ],
            Target::ClassGroups => &[
                "groupes",
                "nombre de groupes",
                "groupes classes",
                "classes",
                "groups",
            ],
            Target::Students => &[
                "eleves",
                "jeunes",
                "participants",
                "participantes",
                "nombre d eleves",
                "students",
            ],
            Target::StaffParticipants => &[
                "personnel",
                "enseignants",
                "adultes",
                "personnel scolaire",
                "staff",
            ],
        }
    }
}

/// A spreadsheet as read: its header row and its rows of text as shown in it. A date cell
/// reads as `2023-04-12`; a whole number as `3`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The cell of a row under a column, trimmed; empty when the row is shorter.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", |c| c.trim())
    }

    /// The rows that hold anything: a blank line between blocks is no row.
    pub fn filled_rows(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.rows.len()).filter(|r| self.rows[*r].iter().any(|c| !c.trim().is_empty()))
    }
}

/// Which column fills which field.
pub type Mapping = BTreeMap<Target, usize>;

/// The name of a column as a spreadsheet shows it: A, B, … Z, AA.
pub fn column_letter(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A header or a value as it is compared: lower case, without accents, every run of other
/// characters one space.
pub fn fold(text: &str) -> String {
    crate::organizations::folded(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The mapping guessed from the headers: each field of the kind takes the first column whose
/// header is one of its words; a column fills one field at most.
pub fn guess(kind: ImportKind, headers: &[String]) -> Mapping {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut mapping = Mapping::new();
    let mut taken = vec![false; headers.len()];
    for target in kind.targets() {
        if let Some(column) = (0..folded.len())
            .find(|c| !taken[*c] && target.headers().contains(&folded[*c].as_str()))
        {
            taken[column] = true;
            mapping.insert(*target, column);
        }
    }
    mapping
}

/// A problem of one cell: its row as the spreadsheet numbers it (the headers are row 1), its
/// column when the field has one, the field and the message's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub row: usize,
    pub column: Option<usize>,
    pub target: Target,
    pub message_key: &'static str,
}

impl CellError {
    /// Where it is, as a spreadsheet names a cell: C14; a row alone for a field not mapped.
    pub fn cell(&self) -> String {
        match self.column {
            Some(c) => format!("{}{}", column_letter(c), self.row),
            None => self.row.to_string(),
        }
    }
}

/// A help request read from a row, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRequest {
    /// The row of the spreadsheet.
    pub row: usize,
    pub received_on: NaiveDate,
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub code: PriorityCode,
    pub teenager: bool,
    pub service_area: ServiceArea,
    pub channel: Channel,
    /// The value of each list it answers; a list not answered is "not asked".
    pub answers: HashMap<ListKind, ListValueId>,
    pub services_started_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
}

impl ImportedRequest {
    /// Who the row is about.
    pub fn who(&self) -> Who {
        Who {
            name: self.name.clone(),
            phone: self.phone.clone(),
            birth_year: self.birth_year,
        }
    }

    /// Who she is, as a returning person is recognized: her phone, else her name with her
    /// year of birth; none when neither is known.
    pub fn person_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(phone) = self.phone.as_deref().and_then(normalize_phone) {
            keys.push(format!("phone:{phone}"));
        }
        if let Some(year) = self.birth_year {
            keys.push(format!("name:{}", normalize_name_year(&self.name, year)));
        }
        keys
    }
}

/// What a cell may name, and by which names: a list's values by their key or their label in
/// French or English, without regard to case and accents.
#[derive(Clone, Debug)]
pub struct Named<T> {
    values: HashMap<String, T>,
}

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named {
            values: HashMap::new(),
        }
    }
}

impl<T: Copy> Named<T> {
    pub fn add(&mut self, value: T, names: &[&str]) {
        for name in names {
            self.values.insert(fold(name), value);
        }
    }

    pub fn find(&self, text: &str) -> Option<T> {
        self.values.get(&fold(text)).copied()
    }
}

/// The organization's lists, to find the value a cell names.
#[derive(Clone, Debug, Default)]
pub struct ListChoices {
    lists: HashMap<ListKind, Named<ListValueId>>,
}

impl ListChoices {
    pub fn add(&mut self, kind: ListKind, id: ListValueId, names: &[&str]) {
        self.lists.entry(kind).or_default().add(id, names);
    }

    fn find(&self, kind: ListKind, text: &str) -> Option<ListValueId> {
        self.lists.get(&kind)?.find(text)
    }
}

/// A day as the spreadsheets write it: 2023-04-12, 12/04/2023, 12-04-2023, 12.04.2023 (day
/// first, as in French), 2023/04/12.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // A date and time cell read as text ("2023-04-12 00:00:00"): its day.
    let text = text.split([' ', 'T']).next().unwrap_or(text);
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .filter(|d| d.year() >= 1900)
}

/// A day a row gives, as its cell says it: none when empty; not a day, or a day to come, is a
/// problem, said by its message's key.
fn day_cell(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, &'static str> {
    if text.is_empty() {
        return Ok(None);
    }
    match parse_day(text) {
        None => Err("import-bad-date"),
        Some(d) if d > today => Err("date-in-future"),
        Some(d) => Ok(Some(d)),
    }
}

/// A day a row must give.
fn required_day(text: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    day_cell(text, today)?.ok_or("field-required")
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "oui" | "o" | "x" | "1" | "yes" | "y" | "vrai" | "true" => Some(true),
        "non" | "n" | "0" | "no" | "faux" | "false" => Some(false),
        _ => None,
    }
}

fn parse_code(text: &str) -> Option<PriorityCode> {
    let folded = fold(text);
    let digits = folded.strip_prefix("code ").unwrap_or(&folded);
    PriorityCode::from_number(digits.parse().ok()?)
}

fn parse_service_area(text: &str) -> Option<ServiceArea> {
    let folded = fold(text);
    ServiceArea::ALL
        .iter()
        .copied()
        .find(|a| a.key() == text.trim())
        .or(match folded.as_str() {
            "aide directe" | "direct help" | "individuel" | "suivi individuel" => {
                Some(ServiceArea::DirectHelp)
            }
            "exploitation" | "exploitation sexuelle" | "sortie de l exploitation" => {
                Some(ServiceArea::Exploitation)
            }
            _ => None,
        })
}

fn parse_channel(text: &str) -> Option<Channel> {
    Channel::parse(text.trim()).or(match fold(text).as_str() {
        "telephone" | "tel" | "appel" | "phone" => Some(Channel::Phone),
        "texto" | "sms" | "ligne texto" | "text" | "text line" => Some(Channel::TextLine),
        "reseaux sociaux" | "facebook" | "messenger" | "instagram" | "social network" => {
            Some(Channel::SocialNetwork)
        }
        "formulaire" | "formulaire web" | "web" | "site web" | "courriel" | "web form" => {
            Some(Channel::WebForm)
        }
        "en personne" | "sur place" | "accueil" | "walk in" => Some(Channel::WalkIn),
        "reference" | "referee" | "referral" => Some(Channel::Referral),
        _ => None,
    })
}

/// A required field without a column is a problem of every row: said once, on the headers.
fn missing_columns(kind: ImportKind, mapping: &Mapping) -> Vec<CellError> {
    kind.targets()
        .iter()
        .filter(|t| kind.requires(**t) && !mapping.contains_key(t))
        .map(|t| CellError {
            row: 1,
            column: None,
            target: *t,
            message_key: "import-column-missing",
        })
        .collect()
}

/// Who a row is about, as a returning person is recognized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
}

/// Reads every row of help requests. A row with a problem gives its problems at their cells
/// and no request; duplicates are two rows of the same person on the same day. Nothing is
/// guessed from a cell that cannot be read: it is a problem to correct.
pub fn read_help_requests(
    sheet: &Sheet,
    mapping: &Mapping,
    lists: &ListChoices,
    today: NaiveDate,
) -> (Vec<ImportedRequest>, Vec<CellError>) {
    let mut requests = Vec::new();
    let mut problems = missing_columns(ImportKind::HelpRequests, mapping);
    if !problems.is_empty() {
        return (requests, problems);
    }
    let mut seen: HashMap<(String, NaiveDate), usize> = HashMap::new();
    for r in sheet.filled_rows() {
        let row = r + 2;
        let mut row_problems = Vec::new();
        let cell = |t: Target| mapping.get(&t).map_or("", |c| sheet.cell(r, *c));
        let mut problem = |t: Target, key: &'static str| {
            row_problems.push(CellError {
                row,
                column: mapping.get(&t).copied(),
                target: t,
                message_key: key,
            })
        };
        let received_on = required_day(cell(Target::ReceivedOn), today)
            .map_err(|key| problem(Target::ReceivedOn, key))
            .ok();
        let name = cell(Target::Name).to_owned();
        if !is_valid_name(&name) {
            problem(Target::Name, "field-required");
        }
        let phone = Some(cell(Target::Phone).to_owned()).filter(|p| !p.is_empty());
        if phone.as_deref().is_some_and(|p| !is_valid_phone(p)) {
            problem(Target::Phone, "phone-invalid");
        }
        let birth_year = match cell(Target::BirthYear) {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(y) if y > 1900 && received_on.is_none_or(|d| y <= d.year()) => Some(y),
                _ => {
                    problem(Target::BirthYear, "import-bad-year");
                    None
                }
            },
        };
        let code = parse_code(cell(Target::Code));
        if code.is_none() {
            problem(Target::Code, "import-bad-code");
        }
        let teenager = match cell(Target::Teenager) {
            "" => None,
            text => parse_yes_no(text).or_else(|| {
                problem(Target::Teenager, "import-bad-yes-no");
                None
            }),
        };
        let service_area = match cell(Target::ServiceArea) {
            "" => ServiceArea::DirectHelp,
            text => parse_service_area(text).unwrap_or_else(|| {
                problem(Target::ServiceArea, "import-unknown-value");
                ServiceArea::DirectHelp
            }),
        };
        let channel = match cell(Target::Channel) {
            "" => Channel::Phone,
            text => parse_channel(text).unwrap_or_else(|| {
                problem(Target::Channel, "import-unknown-value");
                Channel::Phone
            }),
        };
        let mut answers = HashMap::new();
        for target in ImportKind::HelpRequests.targets().iter().copied() {
            let Some(kind) = target.list() else {
                continue;
            };
            match cell(target) {
                "" => {}
                text => match lists.find(kind, text) {
                    Some(id) => {
                        answers.insert(kind, id);
                    }
                    None => problem(target, "import-unknown-value"),
                },
            }
        }
        let mut day = |t: Target| {
            day_cell(cell(t), today).unwrap_or_else(|key| {
                problem(t, key);
                None
            })
        };
        let services_started_on = day(Target::ServicesStartedOn);
        let closed_on = day(Target::ClosedOn);
        // The rule of the codes holds for what came before Havre too.
        if teenager == Some(true) && code == Some(PriorityCode::Three) {
            problem(Target::Code, "teenager-never-code-three");
        }
        if let Some(received) = received_on {
            if services_started_on.is_some_and(|d| d < received) {
                problem(Target::ServicesStartedOn, "import-before-request");
            }
            if closed_on.is_some_and(|d| d < received) {
                problem(Target::ClosedOn, "import-before-request");
            }
        }
        if !row_problems.is_empty() {
            problems.extend(row_problems);
            continue;
        }
        let (Some(received_on), Some(code)) = (received_on, code) else {
            continue;
        };
        let request = ImportedRequest {
            row,
            received_on,
            name: name.trim().to_owned(),
            phone,
            birth_year,
            code,
            teenager: teenager.unwrap_or(false),
            service_area,
            channel,
            answers,
            services_started_on,
            closed_on,
        };
        let keys = request.person_keys();
        if keys
            .iter()
            .any(|k| seen.contains_key(&(k.clone(), received_on)))
        {
            problems.push(CellError {
                row,
                column: mapping.get(&Target::Name).copied(),
                target: Target::Name,
                message_key: "import-duplicate",
            });
            continue;
        }
        for k in keys {
            seen.insert((k, received_on), row);
        }
        requests.push(request);
    }
    (requests, problems)
}

/// A meeting read from a row, ready to be written once her file is found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedMeeting {
    pub row: usize,
    pub held_on: NaiveDate,
    pub who: Who,
    pub kind: crate::meetings::MeetingKind,
    pub time: crate::meetings::MeetingTime,
}

/// A length as a spreadsheet writes it: minutes ("90"), or hours and minutes ("1 h 30",
/// "1h30", "45 min").
fn parse_minutes(text: &str) -> Option<i32> {
    let text = text.trim();
    if text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok();
    }
    crate::hours::parse_duration(text).and_then(|m| i32::try_from(m).ok())
}

/// Reads every row of meetings. Her file is found by the store, by her phone or her name with
/// her year of birth: a row gives at least one of them. A support to relatives is not
/// imported: it is counted per relative, whom a spreadsheet does not name.
pub fn read_meetings(
    sheet: &Sheet,
    mapping: &Mapping,
    kinds: &Named<crate::meetings::MeetingKind>,
    today: NaiveDate,
) -> (Vec<ImportedMeeting>, Vec<CellError>) {
    let mut meetings = Vec::new();
    let mut problems = missing_columns(ImportKind::Meetings, mapping);
    if !problems.is_empty() {
        return (meetings, problems);
    }
    for r in sheet.filled_rows() {
        let row = r + 2;
        let mut row_problems = Vec::new();
        let cell = |t: Target| mapping.get(&t).map_or("", |c| sheet.cell(r, *c));
        let mut problem = |t: Target, key: &'static str| {
            row_problems.push(CellError {
                row,
                column: mapping.get(&t).copied(),
                target: t,
                message_key: key,
            })
        };
        let held_on = required_day(cell(Target::HeldOn), today)
            .map_err(|key| problem(Target::HeldOn, key))
            .ok();
        let name = cell(Target::Name).to_owned();
        if !is_valid_name(&name) {
            problem(Target::Name, "field-required");
        }
        let phone = Some(cell(Target::Phone).to_owned()).filter(|p| !p.is_empty());
        if phone.as_deref().is_some_and(|p| !is_valid_phone(p)) {
            problem(Target::Phone, "phone-invalid");
        }
        let birth_year = match cell(Target::BirthYear) {
            "" => None,
            text => text.parse::<i32>().ok().filter(|y| *y > 1900).or_else(|| {
                problem(Target::BirthYear, "import-bad-year");
                None
            }),
        };
        if phone.is_none() && birth_year.is_none() {
            problem(Target::Name, "import-who-unknown");
        }
        let kind = match kinds.find(cell(Target::MeetingKind)) {
            Some(crate::meetings::MeetingKind::Relatives) => {
                problem(Target::MeetingKind, "import-relatives-not-imported");
                None
            }
            Some(kind) => Some(kind),
            None => {
                problem(Target::MeetingKind, "import-unknown-value");
                None
            }
        };
        let mut unreadable = Vec::new();
        let mut minutes = |t: Target, required: bool| match cell(t) {
            "" if !required => 0,
            text => parse_minutes(text).unwrap_or_else(|| {
                unreadable.push(t);
                0
            }),
        };
        let time = crate::meetings::MeetingTime {
            duration: minutes(Target::Duration, true),
            preparation: minutes(Target::Preparation, false),
            debrief: minutes(Target::Debrief, false),
            travel: minutes(Target::Travel, false),
        };
        for t in &unreadable {
            problem(*t, "minutes-invalid");
        }
        // The rule of a meeting's times, once each of them reads.
        if unreadable.is_empty() {
            for (field, key) in time.problems() {
                let target = match field {
                    "preparation" => Target::Preparation,
                    "debrief" => Target::Debrief,
                    "travel" => Target::Travel,
                    _ => Target::Duration,
                };
                problem(target, key);
            }
        }
        if !row_problems.is_empty() {
            problems.extend(row_problems);
            continue;
        }
        let (Some(held_on), Some(kind)) = (held_on, kind) else {
            continue;
        };
        meetings.push(ImportedMeeting {
            row,
            held_on,
            who: Who {
                name: name.trim().to_owned(),
                phone,
                birth_year,
            },
            kind,
            time,
        });
    }
    (meetings, problems)
}

/// An animation read from a row, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAnimation {
    pub row: usize,
    pub held_on: NaiveDate,
    pub workshop: crate::ids::WorkshopId,
    pub place: ListValueId,
    pub class_groups: i32,
    pub students: i32,
    pub staff_participants: i32,
    pub facilitation_minutes: i32,
    pub preparation_minutes: i32,
    pub travel_minutes: i32,
}

/// Reads every row of animations: the workshop by its title (or "3", its number, when the
/// organization has one program), the place from the organization's list of places.
pub fn read_animations(
    sheet: &Sheet,
    mapping: &Mapping,
    workshops: &Named<crate::ids::WorkshopId>,
    lists: &ListChoices,
    today: NaiveDate,
) -> (Vec<ImportedAnimation>, Vec<CellError>) {
    let mut animations = Vec::new();
    let mut problems = missing_columns(ImportKind::Animations, mapping);
    if !problems.is_empty() {
        return (animations, problems);
    }
    for r in sheet.filled_rows() {
        let row = r + 2;
        let mut row_problems = Vec::new();
        let cell = |t: Target| mapping.get(&t).map_or("", |c| sheet.cell(r, *c));
        let mut problem = |t: Target, key: &'static str| {
            row_problems.push(CellError {
                row,
                column: mapping.get(&t).copied(),
                target: t,
                message_key: key,
            })
        };
        let held_on = required_day(cell(Target::HeldOn), today)
            .map_err(|key| problem(Target::HeldOn, key))
            .ok();
        let workshop = workshops.find(cell(Target::Workshop));
        if workshop.is_none() {
            problem(Target::Workshop, "import-unknown-workshop");
        }
        let place = lists.find(ListKind::Place, cell(Target::Place));
        if place.is_none() {
            problem(Target::Place, "import-unknown-value");
        }
        let mut unreadable = Vec::new();
        let mut number = |t: Target| match cell(t) {
            "" => 0,
            text => text.parse::<i32>().unwrap_or_else(|_| {
                unreadable.push((t, "number-invalid"));
                0
            }),
        };
        let (class_groups, students, staff_participants) = (
            number(Target::ClassGroups),
            number(Target::Students),
            number(Target::StaffParticipants),
        );
        let mut minutes = |t: Target, required: bool| match cell(t) {
            "" if !required => 0,
            text => parse_minutes(text).unwrap_or_else(|| {
                unreadable.push((t, "minutes-invalid"));
                0
            }),
        };
        let time = crate::meetings::MeetingTime {
            duration: minutes(Target::Duration, true),
            preparation: minutes(Target::Preparation, false),
            debrief: 0,
            travel: minutes(Target::Travel, false),
        };
        for (t, key) in &unreadable {
            problem(*t, key);
        }
        if unreadable.is_empty() {
            for (field, key) in
                crate::prevention::count_problems(class_groups, students, staff_participants)
            {
                let target = match field {
                    "class_groups" => Target::ClassGroups,
                    "students" => Target::Students,
                    _ => Target::StaffParticipants,
                };
                problem(target, key);
            }
            for (field, key) in time.problems() {
                let target = match field {
                    "preparation" => Target::Preparation,
                    "travel" => Target::Travel,
                    _ => Target::Duration,
                };
                problem(target, key);
            }
        }
        if !row_problems.is_empty() {
            problems.extend(row_problems);
            continue;
        }
        let (Some(held_on), Some(workshop), Some(place)) = (held_on, workshop, place) else {
            continue;
        };
        animations.push(ImportedAnimation {
            row,
            held_on,
            workshop,
            place,
            class_groups,
            students,
            staff_participants,
            facilitation_minutes: time.duration,
            preparation_minutes: time.preparation,
            travel_minutes: time.travel,
        });
    }
    (animations, problems)
}

/// Hours read from a row, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedHours {
    pub row: usize,
    pub day: NaiveDate,
    pub user: crate::ids::UserId,
    pub category: crate::ids::HourCategoryId,
    pub minutes: i64,
}

/// Reads every row of hours: the member of the team by her name or her email (an account of
/// the organization, a former one included), the category from the timesheet's, hours as the
/// timesheet takes them (3, 3,5, 3 h 30). One person's day adds up to 24 hours at most, in
/// the sheet: the store counts what Havre already holds.
pub fn read_hours(
    sheet: &Sheet,
    mapping: &Mapping,
    accounts: &Named<crate::ids::UserId>,
    categories: &Named<Option<crate::ids::HourCategoryId>>,
    today: NaiveDate,
) -> (Vec<ImportedHours>, Vec<CellError>) {
    let mut hours = Vec::new();
    let mut problems = missing_columns(ImportKind::Hours, mapping);
    if !problems.is_empty() {
        return (hours, problems);
    }
    let mut days: HashMap<(crate::ids::UserId, NaiveDate), i64> = HashMap::new();
    for r in sheet.filled_rows() {
        let row = r + 2;
        let mut row_problems = Vec::new();
        let cell = |t: Target| mapping.get(&t).map_or("", |c| sheet.cell(r, *c));
        let mut problem = |t: Target, key: &'static str| {
            row_problems.push(CellError {
                row,
                column: mapping.get(&t).copied(),
                target: t,
                message_key: key,
            })
        };
        let day = match parse_day(cell(Target::Day)) {
            None => {
                problem(Target::Day, "import-bad-date");
                None
            }
            Some(d) if d > today => {
                problem(Target::Day, "date-in-future");
                None
            }
            Some(d) => Some(d),
        };
        let user = accounts.find(cell(Target::Account));
        if user.is_none() {
            problem(Target::Account, "import-unknown-account");
        }
        // A category whose hours come from the records (meetings, animations) is named
        // `None`: its hours are counted from them, not typed.
        let category = match categories.find(cell(Target::Category)) {
            Some(Some(c)) => Some(c),
            Some(None) => {
                problem(Target::Category, "import-hours-recorded");
                None
            }
            None => {
                problem(Target::Category, "import-unknown-value");
                None
            }
        };
        let minutes = crate::hours::parse_duration(cell(Target::Hours))
            .filter(|m| (1..=crate::hours::DAY_MINUTES).contains(m));
        if minutes.is_none() {
            problem(Target::Hours, "hours-invalid");
        }
        if let (Some(user), Some(day), Some(m)) = (user, day, minutes) {
            let total = days.entry((user, day)).or_default();
            if *total + m > crate::hours::DAY_MINUTES {
                problem(Target::Hours, "import-day-over-24h");
            } else if row_problems.is_empty() {
                *total += m;
            }
        }
        if !row_problems.is_empty() {
            problems.extend(row_problems);
            continue;
        }
        let (Some(day), Some(user), Some(category), Some(minutes)) = (day, user, category, minutes)
        else {
            continue;
        };
        hours.push(ImportedHours {
            row,
            day,
            user,
            category,
            minutes,
        });
    }
    (hours, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(headers: &[&str], rows: &[&[&str]]) -> Sheet {
        Sheet {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    }

    #[test]
    fn the_columns_are_guessed_from_french_headers() {
        let s = sheet(
            &[
                "Date de la demande",
                "Nom",
                "Âge",
                "Code de priorité",
                "Référée par",
                "Notes",
                "1re rencontre",
            ],
            &[],
        );
        let mapping = guess(ImportKind::HelpRequests, &s.headers);
        assert_eq!(mapping.get(&Target::ReceivedOn), Some(&0));
        assert_eq!(mapping.get(&Target::Name), Some(&1));
        assert_eq!(mapping.get(&Target::AgeAtRequest), Some(&2));
        assert_eq!(mapping.get(&Target::Code), Some(&3));
        assert_eq!(mapping.get(&Target::ReferralSource), Some(&4));
        assert_eq!(mapping.get(&Target::ServicesStartedOn), Some(&6));
        assert_eq!(mapping.len(), 6, "Notes fills no field");
    }

    #[test]
    fn every_bad_cell_is_said_where_it_is_and_its_row_gives_no_request() {
        let s = sheet(
            &["Date", "Nom", "Code", "Âge", "Année de naissance"],
            &[
                &["2024-03-04", "Léa", "1", "18 à 24 ans", "2001"],
                &["31/02/2024", "Zoé", "4", "vingt ans", ""],
                &[],
                &["12/03/2024", "", "2", "", "3000"],
                &["04/03/2024", "léa", "code 2", "", "2001"],
            ],
        );
        let mut lists = ListChoices::default();
        let age = ListValueId::new();
        lists.add(
            ListKind::AgeAtRequest,
            age,
            &["18_24", "18 à 24 ans", "18 to 24"],
        );
        let (requests, problems) = read_help_requests(
            &s,
            &guess(ImportKind::HelpRequests, &s.headers),
            &lists,
            today(),
        );
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].answers.get(&ListKind::AgeAtRequest), Some(&age));
        let said: Vec<(String, &str)> =
            problems.iter().map(|p| (p.cell(), p.message_key)).collect();
        assert_eq!(
            said,
            [
                ("A3".to_owned(), "import-bad-date"),
                ("C3".to_owned(), "import-bad-code"),
                ("D3".to_owned(), "import-unknown-value"),
                ("B5".to_owned(), "field-required"),
                ("E5".to_owned(), "import-bad-year"),
                ("B6".to_owned(), "import-duplicate"),
            ]
        );
    }

    #[test]
    fn a_missing_required_column_is_said_once() {
        let s = sheet(&["Nom", "Code"], &[&["Léa", "1"]]);
        let (requests, problems) = read_help_requests(
            &s,
            &guess(ImportKind::HelpRequests, &s.headers),
            &ListChoices::default(),
            today(),
        );
        assert!(requests.is_empty());
        assert_eq!(
            problems,
            [CellError {
                row: 1,
                column: None,
                target: Target::ReceivedOn,
                message_key: "import-column-missing"
            }]
        );
    }

    #[test]
    fn a_meeting_row_names_her_its_kind_and_its_time() {
        use crate::meetings::MeetingKind;
        let s = sheet(
            &[
                "Date de la rencontre",
                "Nom",
                "Année de naissance",
                "Type",
                "Durée",
            ],
            &[
                &["2024-03-04", "Léa", "2001", "Suivi individuel", "1 h 30"],
                &["2024-03-11", "Léa", "", "suivi individuel", "60"],
                &["2024-03-18", "Léa", "2001", "Soutien à l'entourage", "0"],
            ],
        );
        let mut kinds = Named::default();
        kinds.add(MeetingKind::FollowUp, &["follow_up", "Suivi individuel"]);
        kinds.add(
            MeetingKind::Relatives,
            &["relatives", "Soutien à l'entourage"],
        );
        let mapping = guess(ImportKind::Meetings, &s.headers);
        assert_eq!(mapping.len(), 5);
        let (meetings, problems) = read_meetings(&s, &mapping, &kinds, today());
        assert_eq!(meetings.len(), 1);
        assert_eq!(meetings[0].time.duration, 90);
        let said: Vec<(String, &str)> =
            problems.iter().map(|p| (p.cell(), p.message_key)).collect();
        assert_eq!(
            said,
            [
                ("B3".to_owned(), "import-who-unknown"),
                ("D4".to_owned(), "import-relatives-not-imported"),
                ("E4".to_owned(), "duration-out-of-range"),
            ]
        );
    }

    #[test]
    fn days_are_read_as_written_in_french() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 12);
        for text in [
            "2023-04-12",
            "12/04/2023",
            "12-04-2023",
            "12.04.2023",
            "2023-04-12 00:00:00",
        ] {
            assert_eq!(parse_day(text), d, "{text}");
        }
        assert_eq!(parse_day("04/31/2023"), None);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
