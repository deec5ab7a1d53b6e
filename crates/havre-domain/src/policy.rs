//! Who may do what (docs/domain.md §1, docs/safety.md "Access"). Every handler asks this module; no
//! handler decides a permission by itself.

use crate::care::{NoteScope, ProfessionKind};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// The roles of docs/domain.md §1. One person may hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    Coordinator,
    ServiceAreaLead,
    Caseworker,
    PreventionWorker,
    BoardMember,
    Volunteer,
    ClinicalSupervisor,
    PartnerCaseworker,
    NetworkAnalyst,
    /// Receives and handles the complaints (docs/privacy.md "Complaints").
    ComplaintsOfficer,
    /// The person in charge of personal information: the incident register, the access
    /// requests, retention (docs/privacy.md).
    PrivacyOfficer,
}

impl Role {
    pub const ALL: [Role; 12] = [
        Role::Administrator,
        Role::Coordinator,
        Role::ServiceAreaLead,
        Role::Caseworker,
        Role::PreventionWorker,
        Role::BoardMember,
        Role::Volunteer,
        Role::ClinicalSupervisor,
        Role::PartnerCaseworker,
        Role::NetworkAnalyst,
        Role::ComplaintsOfficer,
        Role::PrivacyOfficer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Coordinator => "coordinator",
            Role::ServiceAreaLead => "service_area_lead",
            Role::Caseworker => "caseworker",
            Role::PreventionWorker => "prevention_worker",
            Role::BoardMember => "board_member",
            Role::Volunteer => "volunteer",
            Role::ClinicalSupervisor => "clinical_supervisor",
            Role::PartnerCaseworker => "partner_caseworker",
            Role::NetworkAnalyst => "network_analyst",
            Role::ComplaintsOfficer => "complaints_officer",
            Role::PrivacyOfficer => "privacy_officer",
        }
    }

    /// Whether the role may be given to a member of an organization of this kind (centre,
    /// network): a network's accounts only read aggregates. A partner's caseworker is no
    /// member: her account is made for her partner ([`fits_account`]).
    pub fn fits_organization(self, kind: &str) -> bool {
        match kind {
            // A network keeps personal information too (its members' accounts): it names a
            // person in charge of it.
            "network" => matches!(
                self,
                Role::Administrator | Role::NetworkAnalyst | Role::PrivacyOfficer
            ),
            _ => !matches!(self, Role::PartnerCaseworker | Role::NetworkAnalyst),
        }
    }

    /// Roles that read what identifies a person: the team's files, and a partner's
    /// caseworker's tenants (their names and homes). docs/safety.md makes the second factor
    /// mandatory for them when the organization requires it.
    pub fn reads_personal_data(self) -> bool {
        matches!(
            self,
            Role::Administrator
                | Role::Coordinator
                | Role::ServiceAreaLead
                | Role::Caseworker
                | Role::PartnerCaseworker
                | Role::ComplaintsOfficer
                | Role::PrivacyOfficer
        )
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role: {0}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// A set of roles, stored as a comma-separated list of role names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles(Vec<Role>);

impl Roles {
    /// Roles as a form or a body names them: an unknown name is refused at `roles`; whether
    /// the roles fit the organization is the store's rule.
    pub fn parse(values: &[String]) -> Result<Self, crate::validation::FieldError> {
        values
            .iter()
            .map(|v| {
                Role::from_str(v).map_err(|_| crate::validation::FieldError {
                    field: "roles",
                    message_key: "roles-invalid",
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Roles::new)
    }

    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        Roles(roles)
    }
    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }
    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
    pub fn parse_stored(s: &str) -> Result<Self, UnknownRole> {
        let roles = s
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Role::from_str)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Roles::new(roles))
    }
    pub fn any_reads_personal_data(&self) -> bool {
        self.iter().any(Role::reads_personal_data)
    }
}

/// The roles of a partner's caseworker's account: that one alone.
pub fn partner_account_roles() -> Roles {
    Roles::new(vec![Role::PartnerCaseworker])
}

/// Whether an account may hold these roles: a member's, the roles that fit her organization;
/// a partner's caseworker's (docs/missions.md), that role and no other, so that no account of
/// an outside organization ever reads what the team reads.
pub fn fits_account(roles: &Roles, kind: &str, of_partner: bool) -> bool {
    if of_partner {
        roles.0 == [Role::PartnerCaseworker]
    } else {
        roles.iter().all(|r| r.fits_organization(kind))
    }
}

/// What an account may do. Pages and API routes name the permission they need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Manage the organization's accounts and settings.
    ManageUsers,
    /// Change the organization's settings: its public page, the second-factor rule.
    ManageOrganization,
    /// Read the audit log of the organization.
    ReadAudit,
    /// See and manage the wait list (with the narrative hidden).
    SeeWaitList,
    /// Record help requests, calls and referrals at intake.
    RecordRequests,
    /// Read the person files assigned to oneself.
    ReadAssignedFiles,
    /// Read every file of the organization.
    ReadAllFiles,
    /// Decide on the emergency fund: put money in, grant or refuse requests.
    DecideFund,
    /// Record and see prevention activities.
    RecordPrevention,
    /// Log one's own hours.
    LogOwnHours,
    /// Run the activity report of the organization.
    RunReports,
    /// See governance documents and the published report.
    SeeGovernance,
    /// Record the organization's members, its board meetings and its general meeting: the
    /// administrator and the coordinator keep them; board members read them.
    RecordGovernance,
    /// File and follow one's own service requests as a partner.
    FileServiceRequests,
    /// Reach the network section: in a network, its report of de-identified aggregates; in a
    /// member, what it shares with its networks (docs/networks.md).
    SeeNetworkAggregates,
    /// Keep a network's members and receive their submissions.
    ManageNetwork,
    /// Choose what a member shares with a network, and approve its yearly submission.
    ShareWithNetwork,
    /// See the houses, their units, the housing wait list and the figures; record stays in
    /// the houses one works in.
    SeeHousing,
    /// Open and close houses and units, and say who works in each house.
    ManageHouses,
    /// See the missions, and sign in the hours of those one supervises (docs/missions.md).
    SeeMissions,
    /// Accept or refuse service requests and plan their missions.
    RunMissions,
    /// Keep the member partners and their accounts, the workers' records and their pay.
    CoordinateMissions,
    /// Read the complaint register and handle complaints (docs/privacy.md "Complaints").
    HandleComplaints,
    /// Keep the incident register, answer access requests, approve destructions.
    KeepPrivacyDuties,
    /// Write and publish the texts the organization hands out (its service declaration,
    /// complaint process, privacy policy).
    PublishTexts,
    /// Import the spreadsheets kept before Havre, and undo an import (docs/import.md): it
    /// opens files for every person of the spreadsheet, as the coordinator alone may.
    ImportRecords,
}

impl Permission {
    /// The role that grants a permission, and only those. Kept as one table so that a review
    /// of least privilege reads one function.
    fn granted_to(self, role: Role) -> bool {
        use Permission::*;
        use Role::*;
        match self {
            ManageUsers | ManageOrganization => matches!(role, Administrator),
            ReadAudit => matches!(role, Administrator | Coordinator),
            SeeWaitList | RecordRequests => {
                matches!(role, Coordinator | ServiceAreaLead | Caseworker)
            }
            ReadAssignedFiles => matches!(role, Coordinator | ServiceAreaLead | Caseworker),
            ReadAllFiles => matches!(role, Coordinator),
            DecideFund => matches!(role, Coordinator | ServiceAreaLead),
            RecordPrevention => matches!(role, Coordinator | ServiceAreaLead | PreventionWorker),
            LogOwnHours => !matches!(role, PartnerCaseworker | NetworkAnalyst),
            RunReports => matches!(role, Administrator | Coordinator | ServiceAreaLead),
            SeeGovernance => matches!(role, Administrator | Coordinator | BoardMember),
            RecordGovernance => matches!(role, Administrator | Coordinator),
            FileServiceRequests => matches!(role, PartnerCaseworker),
            SeeNetworkAggregates => matches!(role, NetworkAnalyst | Administrator | Coordinator),
            ManageNetwork => matches!(role, Administrator),
            ShareWithNetwork => matches!(role, Administrator | Coordinator),
            SeeHousing => matches!(role, Coordinator | ServiceAreaLead | Caseworker),
            ManageHouses => matches!(role, Coordinator | ServiceAreaLead),
            SeeMissions => matches!(role, Coordinator | ServiceAreaLead | Caseworker),
            RunMissions => matches!(role, Coordinator | ServiceAreaLead),
            CoordinateMissions => matches!(role, Coordinator),
            HandleComplaints => matches!(role, Coordinator | ComplaintsOfficer),
            KeepPrivacyDuties => matches!(role, Coordinator | PrivacyOfficer),
            PublishTexts => matches!(role, Coordinator | ComplaintsOfficer | PrivacyOfficer),
            ImportRecords => matches!(role, Coordinator),
        }
    }
}

/// Whether the roles grant a permission: the coarse capability a route or a section needs.
/// What may be done with one record is decided by [`may`].
pub fn allows(roles: &Roles, permission: Permission) -> bool {
    roles.iter().any(|r| permission.granted_to(r))
}

/// Who asks: the account, its roles, and her profession, if the organization gave her one
/// (docs/care.md): roles say which files she opens, her profession what she reads in them.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    pub user_id: Uuid,
    pub roles: &'a Roles,
    pub profession: Option<ProfessionKind>,
}

/// The kinds of records a decision is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A person's file (docs/domain.md §2).
    PersonFile,
    /// A meeting or an accompaniment in a file's timeline.
    Meeting,
    /// A note in a file.
    Note,
    /// A document attached to a file.
    Attachment,
    /// A request for help on the wait list.
    HelpRequest,
    /// A closed group, with the women enrolled in it and its sessions.
    Group,
    /// A drop-in: a theme, a date, how many came; nobody is named.
    DropIn,
    /// The emergency fund: what was put in, and the decisions on its requests.
    Fund,
    /// A request to the emergency fund for one woman.
    FundRequest,
    /// Prevention work: programs, workshops, animations and their evaluations.
    Prevention,
    /// A training given by the prevention team.
    TrainingGiven,
    /// A figure of outreach entered by hand (material distributed, social media).
    OutreachFigure,
    /// An entry of one's own timesheet.
    HoursEntry,
    /// A category of the timesheet.
    HourCategory,
    /// A training received by the team.
    TrainingReceived,
    /// The organization's members, board meetings and general meetings.
    Governance,
    /// The activity report and the team's texts in it.
    Report,
    /// A house and its units, their dated inventory (docs/housing.md).
    House,
    /// The address of a house kept secret: only its own team reads it.
    SecretAddress,
    /// A woman's stay in a house; `in_her_charge` when the reader works in that house.
    Stay,
    /// A request for a place on the housing wait list, and its turn-away.
    HousingRequest,
    /// An appointment on the day's agenda (docs/care.md); `in_her_charge` when it is with her.
    Appointment,
    /// A care pathway, its steps and the agreement it is counted for; interns hosted.
    Pathway,
    /// A woman on a pathway, and the steps she has done: part of her file.
    Enrolment,
    /// A member partner of a missions organization, and its accounts.
    Partner,
    /// A service request filed by a partner for a tenant; `in_her_charge` for a partner's
    /// caseworker when her partner filed it and still reads it.
    ServiceRequest,
    /// A mission and the hours of its workers; `in_her_charge` for the caseworker who
    /// supervises it, and for the caseworker of the partner whose request it serves.
    Mission,
    /// A worker, by name, as the team plans missions.
    Worker,
    /// A worker's personal data, hourly rates and pay statements.
    WorkerRecord,
    /// A complaint of the register: who complained, about what, its steps and outcome.
    Complaint,
    /// A confidentiality incident of the register.
    Incident,
    /// A person's request for access to what Havre holds on her, and its answer.
    AccessRequest,
    /// How long files are kept, and their destruction when due (docs/privacy.md
    /// "Destruction").
    Retention,
    /// A text the organization publishes: its service declaration, complaint process,
    /// privacy policy (docs/privacy.md).
    PublishedText,
    /// A network's member, its dates and its key (docs/networks.md).
    NetworkMember,
    /// A member's yearly submission, as the network receives it; the network's report made
    /// of them.
    NetworkSubmission,
    /// What a member shares with a network, and its submission before it is sent.
    NetworkShare,
}

impl RecordKind {
    pub const ALL: [RecordKind; 37] = [
        RecordKind::PersonFile,
        RecordKind::Meeting,
        RecordKind::Note,
        RecordKind::Attachment,
        RecordKind::HelpRequest,
        RecordKind::Group,
        RecordKind::DropIn,
        RecordKind::Fund,
        RecordKind::FundRequest,
        RecordKind::Prevention,
        RecordKind::TrainingGiven,
        RecordKind::OutreachFigure,
        RecordKind::HoursEntry,
        RecordKind::HourCategory,
        RecordKind::TrainingReceived,
        RecordKind::Governance,
        RecordKind::Report,
        RecordKind::House,
        RecordKind::SecretAddress,
        RecordKind::Stay,
        RecordKind::HousingRequest,
        RecordKind::Appointment,
        RecordKind::Pathway,
        RecordKind::Enrolment,
        RecordKind::Partner,
        RecordKind::ServiceRequest,
        RecordKind::Mission,
        RecordKind::Worker,
        RecordKind::WorkerRecord,
        RecordKind::Complaint,
        RecordKind::Incident,
        RecordKind::AccessRequest,
        RecordKind::Retention,
        RecordKind::PublishedText,
        RecordKind::NetworkMember,
        RecordKind::NetworkSubmission,
        RecordKind::NetworkShare,
    ];
}

/// What a person may ask to do with a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    /// Note a new record of the kind (in a file: add it to the file).
    Create,
    Edit,
    /// Remove a record noted in error; the audit keeps what it said.
    TakeBack,
    /// Open a file that is not hers by writing why (docs/safety.md "Access").
    BreakTheGlass,
    /// Give a file to a member of the team.
    Assign,
    /// Grant or refuse a request to the emergency fund.
    Decide,
    /// See every file, who read one and the exceptional accesses: the coordinator's watch.
    Oversee,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::Read,
        Action::Create,
        Action::Edit,
        Action::TakeBack,
        Action::BreakTheGlass,
        Action::Assign,
        Action::Decide,
        Action::Oversee,
    ];
}

/// What a decision needs to know about one record, besides its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    pub kind: RecordKind,
    /// Who noted it, for a record already noted (`None` if nobody known, or a new one).
    pub noted_by: Option<Uuid>,
    /// The file it belongs to is assigned to the actor; for a group, she facilitates it.
    pub in_her_charge: bool,
    /// She opened the file it belongs to with a written reason, and that has not expired.
    pub opened_with_reason: bool,
    /// Who may read it, for what is in a file: a note says it; the rest of a file (her
    /// contact, meetings, documents) is the team's.
    pub scope: NoteScope,
    /// Whom it is about, for a complaint about a member of the team.
    pub about: Option<Uuid>,
    /// Read to answer the woman's own request for access to her file (docs/privacy.md
    /// "Access requests"): everything it holds, for the export made of it.
    pub answering_access: bool,
}

impl Record {
    /// A record of this kind about which nothing else is known (a new one).
    pub const fn new(kind: RecordKind) -> Self {
        Record {
            kind,
            noted_by: None,
            in_her_charge: false,
            opened_with_reason: false,
            scope: NoteScope::Team,
            about: None,
            answering_access: false,
        }
    }
    pub const fn answering_access(self, yes: bool) -> Self {
        Record {
            answering_access: yes,
            ..self
        }
    }
    pub const fn about(self, user_id: Option<Uuid>) -> Self {
        Record {
            about: user_id,
            ..self
        }
    }
    pub const fn scope(self, scope: NoteScope) -> Self {
        Record { scope, ..self }
    }
    pub const fn noted_by(self, user_id: Option<Uuid>) -> Self {
        Record {
            noted_by: user_id,
            ..self
        }
    }
    pub const fn in_her_charge(self, yes: bool) -> Self {
        Record {
            in_her_charge: yes,
            ..self
        }
    }
    pub const fn opened_with_reason(self, yes: bool) -> Self {
        Record {
            opened_with_reason: yes,
            ..self
        }
    }
}

/// The one place where what a person may do with a record is decided (docs/domain.md §1,
/// docs/safety.md "Access"). The store checks it before it writes or reads; pages and the API
/// show what it answers, through [`Rights`].
pub fn may(actor: Actor<'_>, action: Action, record: &Record) -> bool {
    use Action::*;
    use Permission::*;
    use RecordKind::*;
    let has = |p| allows(actor.roles, p);
    let noted_it = record.noted_by.is_some() && record.noted_by == Some(actor.user_id);
    let about_her = record.about.is_some() && record.about == Some(actor.user_id);
    // A file opens to whoever reads every file, and to a member of the intake team to whom
    // it is assigned or who wrote why she opens it.
    let opens_file = has(ReadAllFiles)
        || (has(ReadAssignedFiles) && (record.in_her_charge || record.opened_with_reason));
    // What is in a file is read by the professions its scope names, and by its author.
    let reads_it = noted_it || reads(actor.profession, record.scope);
    match (record.kind, action) {
        // The person in charge answering a woman's request for access reads all her file
        // holds, every scope: the law gives it to the woman, and only the export is made of it.
        (PersonFile | Meeting | Note | Attachment, Read) if record.answering_access => {
            has(KeepPrivacyDuties)
        }
        (PersonFile, Read) => opens_file,
        // Her name and how to reach her are rectified by the team that reads them.
        (PersonFile, Edit) => opens_file && reads(actor.profession, NoteScope::Team),
        // A file is opened at intake, with the request that brings her.
        (PersonFile, Create) => has(RecordRequests),
        // Only a member of the team who could not open it otherwise writes a reason.
        (PersonFile, BreakTheGlass) => has(ReadAssignedFiles) && !opens_file,
        // Only the coordinator gives files: an exceptional access must not turn itself into
        // an assignment.
        (PersonFile, Assign | Oversee) => has(ReadAllFiles),
        (Meeting | Note | Attachment, Read) => opens_file && reads_it,
        // She writes under a scope she reads: the police officer only what is shared for the
        // complaint, the reception nothing.
        (Meeting | Note | Attachment, Create) => {
            opens_file && reads(actor.profession, record.scope)
        }
        // Whoever noted a meeting may take it back, and so may the coordinator.
        (Meeting, TakeBack) => opens_file && (noted_it || has(ReadAllFiles)),
        (HelpRequest, Read | Edit | Assign) => has(SeeWaitList),
        (HelpRequest, Create) => has(RecordRequests),
        (Group | DropIn, Create) => has(ReadAssignedFiles),
        // A group's women are seen by the coordinator and by its facilitators.
        (Group, Read | Edit) => {
            has(ReadAllFiles) || (has(ReadAssignedFiles) && record.in_her_charge)
        }
        (DropIn, Read) => has(ReadAssignedFiles),
        (Fund, Read | Create | Decide) => has(DecideFund),
        // A request is asked, and its woman named, by those who may open her file.
        (FundRequest, Read | Create) => opens_file && reads(actor.profession, NoteScope::Team),
        (FundRequest, Decide) => has(DecideFund),
        (Prevention | TrainingGiven | OutreachFigure, Read | Create) => has(RecordPrevention),
        // Whoever noted it may take it back, and so may those who run the reports (it changes
        // them).
        (Prevention | TrainingGiven | OutreachFigure, TakeBack) => {
            has(RecordPrevention) && (noted_it || has(RunReports))
        }
        // One logs one's own hours; the store writes them as hers.
        (HoursEntry, Read | Create | Edit) => has(LogOwnHours),
        (HourCategory, Read) => has(LogOwnHours),
        (HourCategory, Create | Edit) => has(ManageOrganization),
        (TrainingReceived, Read) => has(LogOwnHours),
        // The team's trainings are recorded by the team, not by volunteers, the board or the
        // external supervisor.
        (TrainingReceived, Create) => {
            has(ReadAssignedFiles) || has(RecordPrevention) || has(RunReports)
        }
        (TrainingReceived, TakeBack) => noted_it || has(RunReports),
        (Governance, Read) => has(SeeGovernance),
        (Governance, Create | Edit) => has(RecordGovernance),
        (Report, Read | Edit) => has(RunReports),
        (House, Read) => has(SeeHousing),
        (House, Create | Edit | Assign) => has(ManageHouses),
        // A secret address is read by the house's own team, and nobody else: not the
        // coordinator who works in no house, not the board, not the network.
        (SecretAddress, Read) => has(SeeHousing) && record.in_her_charge,
        // A house's residents are seen by its own team and by the coordinator, who reads every
        // file; a stay past the house's limit is the coordinator's decision.
        (Stay, Read | Create | Edit) => {
            has(ReadAllFiles) || (has(SeeHousing) && record.in_her_charge)
        }
        (Stay, Decide) => has(ReadAllFiles),
        (HousingRequest, Read | Create | Edit | Decide) => has(SeeHousing),
        // The day's agenda is the team's; the police officer on site sees her own
        // appointments only: whom else a woman sees is not hers to know.
        (Appointment, Read | Create | Edit) => {
            has(ReadAssignedFiles)
                && (actor.profession != Some(ProfessionKind::Police) || record.in_her_charge)
        }
        // The pathways are the unit's to set up, as its report is; the team reads them.
        (Pathway, Read) => has(ReadAssignedFiles) || has(RunReports),
        (Pathway, Create | Edit) => has(RunReports),
        // Where she is on her pathways is read and moved by whoever reads what she shares for
        // her care and her complaint: the police officer on site records the complaint step.
        (Enrolment, Read | Create | Edit) => {
            opens_file && reads(actor.profession, NoteScope::Complaint)
        }
        (Partner, Read) => has(RunMissions),
        (Partner, Create | Edit | Assign) => has(CoordinateMissions),
        // Only a partner's caseworker files a request: the Brigade serves its members'
        // tenants, not its own (whether her partner is still a member is the store's check,
        // with its own message).
        (ServiceRequest, Create) => has(FileServiceRequests),
        // A partner reads its own requests, never another partner's.
        (ServiceRequest, Read) => {
            has(RunMissions) || (has(FileServiceRequests) && record.in_her_charge)
        }
        (ServiceRequest, Edit | Decide) => has(RunMissions),
        // The partner's caseworker reads the missions of her requests (the store shows her
        // their day and their report, never who was paid what); the team member who
        // supervises one reads it and signs in its hours.
        (Mission, Read) => {
            has(RunMissions)
                || ((has(SeeMissions) || has(FileServiceRequests)) && record.in_her_charge)
        }
        (Mission, Create | Assign) => has(RunMissions),
        (Mission, Edit) => has(RunMissions) || (has(SeeMissions) && record.in_her_charge),
        (Worker, Read) => has(SeeMissions),
        (Worker | WorkerRecord, Create | Edit) | (WorkerRecord, Read | Decide) => {
            has(CoordinateMissions)
        }
        // A complaint is read and handled by the person in charge of complaints and the
        // coordinator, never by the one it is about, whatever her roles: she is told of it
        // by who handles it, as the complaint process says.
        (Complaint, Read | Create | Edit | Assign | Decide) => has(HandleComplaints) && !about_her,
        (Incident, Read | Create | Edit) => has(KeepPrivacyDuties),
        (AccessRequest, Read | Create | Edit | Decide) => has(KeepPrivacyDuties),
        // What is due is previewed, and destroyed once approved, by the person in charge.
        (Retention, Read | Edit | Decide) => has(KeepPrivacyDuties),
        // The texts are written by those who keep the duties they state.
        (PublishedText, Read | Edit) => has(PublishTexts),
        // A network never sees a person: its members, their submissions and the report made
        // of them are all it keeps (docs/networks.md).
        (NetworkMember, Read | Create | Edit) => has(ManageNetwork),
        (NetworkSubmission, Create) => has(ManageNetwork),
        (NetworkSubmission, Read) => has(ManageNetwork) || has(SeeNetworkAggregates),
        (NetworkShare, Read | Edit | Decide) => has(ShareWithNetwork),
        _ => false,
    }
}

/// Whether a profession reads what a file holds under a scope (docs/safety.md "Professional
/// secrecy"). A member of the team without a profession (the CALACS team, a coordinator)
/// reads the team's notes and those shared for a complaint.
pub fn reads(profession: Option<ProfessionKind>, scope: NoteScope) -> bool {
    use ProfessionKind as P;
    match scope {
        NoteScope::Team => !matches!(profession, Some(P::Police | P::Reception)),
        NoteScope::Health => profession == Some(P::Health),
        NoteScope::Legal => profession == Some(P::Legal),
        NoteScope::Complaint => profession != Some(P::Reception),
    }
}

/// The scopes she may write a note under, in the form's order: those she reads.
pub fn writable_scopes(actor: Actor<'_>) -> Vec<NoteScope> {
    NoteScope::ALL
        .iter()
        .copied()
        .filter(|&s| reads(actor.profession, s))
        .collect()
}

/// Everything a person may do with one record, computed once for a page or an API answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rights {
    pub read: bool,
    pub create: bool,
    pub edit: bool,
    pub take_back: bool,
    pub break_the_glass: bool,
    pub assign: bool,
    pub decide: bool,
    pub oversee: bool,
}

impl Rights {
    pub fn of(actor: Actor<'_>, record: &Record) -> Self {
        let may = |action| may(actor, action, record);
        Rights {
            read: may(Action::Read),
            create: may(Action::Create),
            edit: may(Action::Edit),
            take_back: may(Action::TakeBack),
            break_the_glass: may(Action::BreakTheGlass),
            assign: may(Action::Assign),
            decide: may(Action::Decide),
            oversee: may(Action::Oversee),
        }
    }
}

/// Whether an account with these roles may be given files, take a request from the wait
/// list or be present at a meeting with a woman: a member of the intake team.
pub fn may_be_given_files(roles: &Roles) -> bool {
    allows(roles, Permission::ReadAssignedFiles)
}

/// Whether an account with these roles may supervise a mission: a member of the team who
/// sees the missions.
pub fn may_supervise_missions(roles: &Roles) -> bool {
    allows(roles, Permission::SeeMissions)
}

/// Whether an account may be given a complaint to handle: one who reads the register, and
/// never the person the complaint is about.
pub fn may_handle_complaint(roles: &Roles, user_id: Uuid, about: Option<Uuid>) -> bool {
    allows(roles, Permission::HandleComplaints) && about != Some(user_id)
}

/// Whether these roles keep the organization's administration: nobody may take them from
/// herself, or she could lock the organization out of its own administration by mistake.
pub fn administers(roles: &Roles) -> bool {
    roles.contains(Role::Administrator)
}

/// The sections of the navigation, in the order they appear. Each one is shown to the roles
/// that hold its permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavSection {
    Home,
    WaitList,
    Files,
    Agenda,
    Prevention,
    Hours,
    Reports,
    Governance,
    Housing,
    Missions,
    ServiceRequests,
    Network,
    Complaints,
    Privacy,
    Users,
    Organization,
    Audit,
}

impl NavSection {
    pub const ALL: [NavSection; 17] = [
        NavSection::Home,
        NavSection::WaitList,
        NavSection::Files,
        NavSection::Agenda,
        NavSection::Prevention,
        NavSection::Hours,
        NavSection::Reports,
        NavSection::Governance,
        NavSection::Housing,
        NavSection::Missions,
        NavSection::ServiceRequests,
        NavSection::Network,
        NavSection::Complaints,
        NavSection::Privacy,
        NavSection::Users,
        NavSection::Organization,
        NavSection::Audit,
    ];

    pub fn permission(self) -> Option<Permission> {
        use NavSection::*;
        match self {
            Home => None,
            WaitList => Some(Permission::SeeWaitList),
            Files | Agenda => Some(Permission::ReadAssignedFiles),
            Prevention => Some(Permission::RecordPrevention),
            Hours => Some(Permission::LogOwnHours),
            Reports => Some(Permission::RunReports),
            Governance => Some(Permission::SeeGovernance),
            Housing => Some(Permission::SeeHousing),
            Missions => Some(Permission::SeeMissions),
            ServiceRequests => Some(Permission::FileServiceRequests),
            Network => Some(Permission::SeeNetworkAggregates),
            Complaints => Some(Permission::HandleComplaints),
            Privacy => Some(Permission::KeepPrivacyDuties),
            Users => Some(Permission::ManageUsers),
            Organization => Some(Permission::ManageOrganization),
            Audit => Some(Permission::ReadAudit),
        }
    }

    /// A stable key: the translation key of its label and the id used in pages and tests.
    pub fn key(self) -> &'static str {
        use NavSection::*;
        match self {
            Home => "home",
            WaitList => "waitlist",
            Files => "files",
            Agenda => "agenda",
            Prevention => "prevention",
            Hours => "hours",
            Reports => "reports",
            Governance => "governance",
            Housing => "housing",
            Missions => "missions",
            ServiceRequests => "service-requests",
            Network => "network",
            Complaints => "complaints",
            Privacy => "privacy",
            Users => "users",
            Organization => "organization",
            Audit => "audit",
        }
    }
}

/// The navigation a set of roles sees.
pub fn navigation(roles: &Roles) -> Vec<NavSection> {
    NavSection::ALL
        .into_iter()
        .filter(|s| s.permission().is_none_or(|p| allows(roles, p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(role: Role) -> Roles {
        Roles::new(vec![role])
    }

    #[test]
    fn roles_round_trip_through_storage() {
        let roles = Roles::new(vec![Role::Caseworker, Role::Coordinator, Role::Caseworker]);
        assert_eq!(roles.to_stored(), "coordinator,caseworker");
        assert_eq!(Roles::parse_stored(&roles.to_stored()).unwrap(), roles);
        assert!(Roles::parse_stored("coordinator,root").is_err());
    }

    /// The complaint register is read by the person in charge of complaints and the
    /// coordinator, and by nobody the complaint is about, a coordinator included; the
    /// incident register by the person in charge of personal information and the coordinator.
    #[test]
    fn complaints_are_for_their_handlers_and_never_about_them() {
        let me = Uuid::from_u128(1);
        for role in Role::ALL {
            let roles = only(role);
            let actor = Actor {
                user_id: me,
                roles: &roles,
                profession: None,
            };
            let complaint = Record::new(RecordKind::Complaint);
            let handles = matches!(role, Role::Coordinator | Role::ComplaintsOfficer);
            let other = Some(Uuid::from_u128(2));
            for action in [Action::Read, Action::Create, Action::Edit, Action::Assign] {
                assert_eq!(may(actor, action, &complaint), handles, "{role} {action:?}");
                assert_eq!(may(actor, action, &complaint.about(other)), handles);
                assert!(!may(actor, action, &complaint.about(Some(me))), "{role}");
            }
            assert_eq!(may_handle_complaint(&roles, me, None), handles, "{role}");
            assert_eq!(may_handle_complaint(&roles, me, other), handles, "{role}");
            assert!(!may_handle_complaint(&roles, me, Some(me)), "{role}");
            assert_eq!(
                may(actor, Action::Read, &Record::new(RecordKind::Incident)),
                matches!(role, Role::Coordinator | Role::PrivacyOfficer),
                "{role}"
            );
        }
    }

    /// Answering a woman's request for access, the person in charge reads every part of her
    /// file, whatever its scope; nobody else reads more for it.
    #[test]
    fn the_person_in_charge_reads_a_whole_file_for_an_access_request() {
        let me = Uuid::from_u128(1);
        for role in Role::ALL {
            let roles = only(role);
            let actor = Actor {
                user_id: me,
                roles: &roles,
                profession: None,
            };
            for kind in [
                RecordKind::PersonFile,
                RecordKind::Meeting,
                RecordKind::Note,
                RecordKind::Attachment,
            ] {
                for scope in NoteScope::ALL {
                    let record = Record::new(kind).scope(*scope).answering_access(true);
                    assert_eq!(
                        may(actor, Action::Read, &record),
                        matches!(role, Role::Coordinator | Role::PrivacyOfficer),
                        "{role} {kind:?} {scope:?}"
                    );
                    // Reading for the export is all: the person in charge changes nothing.
                    if role == Role::PrivacyOfficer {
                        assert!(!may(actor, Action::Edit, &record), "{kind:?}");
                        assert!(!may(actor, Action::Read, &Record::new(kind).scope(*scope)));
                    }
                }
            }
        }
    }

    #[test]
    fn nobody_outside_the_team_reads_files() {
        for role in [
            Role::BoardMember,
            Role::Volunteer,
            Role::ClinicalSupervisor,
            Role::PartnerCaseworker,
            Role::NetworkAnalyst,
            Role::PreventionWorker,
            Role::Administrator,
        ] {
            assert!(
                !allows(&only(role), Permission::ReadAssignedFiles),
                "{role}"
            );
            assert!(!allows(&only(role), Permission::ReadAllFiles), "{role}");
        }
        assert!(allows(
            &only(Role::Caseworker),
            Permission::ReadAssignedFiles
        ));
        assert!(!allows(&only(Role::Caseworker), Permission::ReadAllFiles));
        assert!(allows(&only(Role::Coordinator), Permission::ReadAllFiles));
    }

    #[test]
    fn partner_and_network_accounts_see_only_their_own_section() {
        assert_eq!(
            navigation(&only(Role::PartnerCaseworker)),
            vec![NavSection::Home, NavSection::ServiceRequests]
        );
        assert_eq!(
            navigation(&only(Role::NetworkAnalyst)),
            vec![NavSection::Home, NavSection::Network]
        );
        assert_eq!(
            navigation(&only(Role::Volunteer)),
            vec![NavSection::Home, NavSection::Hours]
        );
    }

    #[test]
    fn partner_and_network_roles_live_in_their_own_kind_of_account() {
        assert!(!Role::PartnerCaseworker.fits_organization("centre"));
        let partner = Roles::new(vec![Role::PartnerCaseworker]);
        assert!(fits_account(&partner, "centre", true));
        assert!(!fits_account(&partner, "centre", false));
        assert!(!fits_account(
            &Roles::new(vec![Role::PartnerCaseworker, Role::Caseworker]),
            "centre",
            true
        ));
        assert!(!fits_account(&only(Role::Caseworker), "centre", true));
        assert!(Role::NetworkAnalyst.fits_organization("network"));
        assert!(!Role::Coordinator.fits_organization("network"));
        assert!(Role::Administrator.fits_organization("centre"));
    }

    #[test]
    fn the_board_reads_governance_and_the_administration_records_it() {
        for role in Role::ALL {
            let records = allows(&only(role), Permission::RecordGovernance);
            assert_eq!(
                records,
                matches!(role, Role::Administrator | Role::Coordinator),
                "{role}"
            );
            // Whoever records governance sees it.
            assert!(!records || allows(&only(role), Permission::SeeGovernance));
        }
        assert!(allows(&only(Role::BoardMember), Permission::SeeGovernance));
        assert!(navigation(&only(Role::BoardMember)).contains(&NavSection::Governance));
        assert!(!allows(&only(Role::Caseworker), Permission::SeeGovernance));
    }

    /// Who may do what with each kind of record, as docs/domain.md §1 and docs/safety.md "Access" say
    /// it. One line: kinds, actions, the facts it is about, the roles that may (`-`: nobody).
    /// Alternatives are joined by `|`. Facts: `outside` (a file neither assigned to her nor
    /// opened with a reason; a group she does not facilitate), `charge` (assigned to her, or
    /// a group she facilitates), `reason` (she opened its file with a reason); `hers`,
    /// `theirs` (noted by her, by someone else), `new` (nobody noted it yet); `*`: whatever
    /// they are. A kind and action on no line: nobody may.
    /// For a house's records, `charge` is a house she works in.
    /// Roles: A administrator, C coordinator, L service-area lead, W caseworker, P prevention
    /// worker, B board member, V volunteer, S clinical supervisor, R partner caseworker,
    /// N network analyst, K complaints officer, Y privacy officer. A complaint about the
    /// asker herself is refused to everyone: the test below of complaints shows it.
    const WHO_MAY: &str = "
        person_file                     read|edit               outside          C
        person_file                     read|edit               charge|reason    C L W
        person_file                     create                  *                C L W
        person_file                     break_the_glass         outside          L W
        person_file                     break_the_glass         charge|reason    -
        person_file                     assign|oversee          *                C
        meeting|note|attachment         read|create             outside          C
        meeting|note|attachment         read|create             charge|reason    C L W
        meeting                         take_back               outside          C
        meeting                         take_back               charge|reason hers         C L W
        meeting                         take_back               charge|reason theirs|new   C
        help_request                    read|create|edit|assign *                C L W
        group                           create                  *                C L W
        group                           read|edit               outside|reason   C
        group                           read|edit               charge           C L W
        drop_in                         read|create             *                C L W
        fund                            read|create|decide      *                C L
        fund_request                    read|create             outside          C
        fund_request                    read|create             charge|reason    C L W
        fund_request                    decide                  *                C L
        prevention|training_given|outreach_figure  read|create  *                C L P
        prevention|training_given|outreach_figure  take_back    hers             C L P
        prevention|training_given|outreach_figure  take_back    theirs|new       C L
        hours_entry                     read|create|edit        *                A C L W P B V S K Y
        hour_category                   read                    *                A C L W P B V S K Y
        hour_category                   create|edit             *                A
        training_received               read                    *                A C L W P B V S K Y
        training_received               create                  *                A C L W P
        training_received               take_back               hers             A C L W P B V S R N K Y
        training_received               take_back               theirs|new       A C L
        governance                      read                    *                A C B
        governance                      create|edit             *                A C
        report                          read|edit               *                A C L
        house                           read                    *                C L W
        house                           create|edit|assign      *                C L
        secret_address                  read                    charge           C L W
        secret_address                  read                    outside|reason   -
        stay                            read|create|edit        outside|reason   C
        stay                            read|create|edit        charge           C L W
        stay                            decide                  *                C
        housing_request                 read|create|edit|decide *                C L W
        appointment                     read|create|edit        *                C L W
        pathway                         read                    *                A C L W
        pathway                         create|edit             *                A C L
        enrolment                       read|create|edit        outside          C
        enrolment                       read|create|edit        charge|reason    C L W
        partner                         read                    *                C L
        partner                         create|edit|assign      *                C
        service_request                 create                  *                R
        service_request                 read                    outside|reason   C L
        service_request                 read                    charge           C L R
        service_request                 edit|decide             *                C L
        mission                         read                    outside|reason   C L
        mission                         read                    charge           C L W R
        mission                         create|assign           *                C L
        mission                         edit                    outside|reason   C L
        mission                         edit                    charge           C L W
        worker                          read                    *                C L W
        worker                          create|edit             *                C
        worker_record                   read|create|edit|decide *                C
        complaint                       read|create|edit|assign|decide * C K
        incident                        read|create|edit        *                C Y
        access_request                  read|create|edit|decide *                C Y
        retention                       read|edit|decide        *                C Y
        published_text                  read|edit               *                C K Y
        network_member                  read|create|edit        *                A
        network_submission              create                  *                A
        network_submission              read                    *                A C N
        network_share                   read|edit|decide        *                A C
    ";

    fn letter(role: Role) -> &'static str {
        match role {
            Role::Administrator => "A",
            Role::Coordinator => "C",
            Role::ServiceAreaLead => "L",
            Role::Caseworker => "W",
            Role::PreventionWorker => "P",
            Role::BoardMember => "B",
            Role::Volunteer => "V",
            Role::ClinicalSupervisor => "S",
            Role::PartnerCaseworker => "R",
            Role::NetworkAnalyst => "N",
            Role::ComplaintsOfficer => "K",
            Role::PrivacyOfficer => "Y",
        }
    }

    fn kind_name(kind: RecordKind) -> &'static str {
        match kind {
            RecordKind::PersonFile => "person_file",
            RecordKind::Meeting => "meeting",
            RecordKind::Note => "note",
            RecordKind::Attachment => "attachment",
            RecordKind::HelpRequest => "help_request",
            RecordKind::Group => "group",
            RecordKind::DropIn => "drop_in",
            RecordKind::Fund => "fund",
            RecordKind::FundRequest => "fund_request",
            RecordKind::Prevention => "prevention",
            RecordKind::TrainingGiven => "training_given",
            RecordKind::OutreachFigure => "outreach_figure",
            RecordKind::HoursEntry => "hours_entry",
            RecordKind::HourCategory => "hour_category",
            RecordKind::TrainingReceived => "training_received",
            RecordKind::Governance => "governance",
            RecordKind::Report => "report",
            RecordKind::House => "house",
            RecordKind::SecretAddress => "secret_address",
            RecordKind::Stay => "stay",
            RecordKind::HousingRequest => "housing_request",
            RecordKind::Appointment => "appointment",
            RecordKind::Pathway => "pathway",
            RecordKind::Enrolment => "enrolment",
            RecordKind::Partner => "partner",
            RecordKind::ServiceRequest => "service_request",
            RecordKind::Mission => "mission",
            RecordKind::Worker => "worker",
            RecordKind::WorkerRecord => "worker_record",
            RecordKind::Complaint => "complaint",
            RecordKind::Incident => "incident",
            RecordKind::AccessRequest => "access_request",
            RecordKind::Retention => "retention",
            RecordKind::PublishedText => "published_text",
            RecordKind::NetworkMember => "network_member",
            RecordKind::NetworkSubmission => "network_submission",
            RecordKind::NetworkShare => "network_share",
        }
    }

    fn action_name(action: Action) -> &'static str {
        match action {
            Action::Read => "read",
            Action::Create => "create",
            Action::Edit => "edit",
            Action::TakeBack => "take_back",
            Action::BreakTheGlass => "break_the_glass",
            Action::Assign => "assign",
            Action::Decide => "decide",
            Action::Oversee => "oversee",
        }
    }

    /// The facts a line can be about: her access to the record's file, and who noted it.
    const ACCESS: [&str; 3] = ["outside", "charge", "reason"];
    const NOTED: [&str; 3] = ["hers", "theirs", "new"];

    #[test]
    fn who_may_do_what_with_each_kind_of_record() {
        let me = Uuid::from_u128(1);
        let someone_else = Uuid::from_u128(2);
        /// One line of the table, its words split at `|`.
        struct Line<'a> {
            kinds: Vec<&'a str>,
            actions: Vec<&'a str>,
            facts: Vec<&'a str>,
            roles: Vec<&'a str>,
        }
        let lines: Vec<Line> = WHO_MAY
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                let facts: Vec<&str> = words[2..]
                    .iter()
                    .copied()
                    .take_while(|w| w.len() > 1 || *w == "*")
                    .collect();
                let roles: Vec<&str> = words[2 + facts.len()..]
                    .iter()
                    .copied()
                    .filter(|w| *w != "-")
                    .collect();
                let facts: Vec<&str> = facts.into_iter().filter(|w| *w != "*").collect();
                for f in facts.iter().flat_map(|f| f.split('|')) {
                    assert!(ACCESS.contains(&f) || NOTED.contains(&f), "{l}: {f}");
                }
                for k in words[0].split('|') {
                    assert!(
                        RecordKind::ALL.iter().any(|x| kind_name(*x) == k),
                        "{l}: {k}"
                    );
                }
                for a in words[1].split('|') {
                    assert!(Action::ALL.iter().any(|x| action_name(*x) == a), "{l}: {a}");
                }
                Line {
                    kinds: words[0].split('|').collect(),
                    actions: words[1].split('|').collect(),
                    facts,
                    roles,
                }
            })
            .collect();
        let mut checked = 0;
        for kind in RecordKind::ALL {
            for action in Action::ALL {
                for access in ACCESS {
                    for noted in NOTED {
                        let applies: Vec<_> = lines
                            .iter()
                            .filter(|l| {
                                l.kinds.contains(&kind_name(kind))
                                    && l.actions.contains(&action_name(action))
                                    && l.facts
                                        .iter()
                                        .all(|f| f.split('|').any(|x| x == access || x == noted))
                            })
                            .collect();
                        assert!(
                            applies.len() <= 1,
                            "{kind:?} {action:?} {access} {noted}: several lines"
                        );
                        let listed = lines.iter().any(|l| {
                            l.kinds.contains(&kind_name(kind))
                                && l.actions.contains(&action_name(action))
                        });
                        assert!(
                            !listed || applies.len() == 1,
                            "{kind:?} {action:?} {access} {noted}: no line"
                        );
                        let record = Record::new(kind)
                            .in_her_charge(access == "charge")
                            .opened_with_reason(access == "reason")
                            .noted_by(match noted {
                                "hers" => Some(me),
                                "theirs" => Some(someone_else),
                                _ => None,
                            });
                        for role in Role::ALL {
                            let expected = applies
                                .first()
                                .is_some_and(|l| l.roles.contains(&letter(role)));
                            let roles = only(role);
                            let actor = Actor {
                                user_id: me,
                                roles: &roles,
                                profession: None,
                            };
                            assert_eq!(
                                may(actor, action, &record),
                                expected,
                                "{role} {action:?} {kind:?} ({access}, {noted})"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(
            checked,
            Role::ALL.len() * RecordKind::ALL.len() * Action::ALL.len() * 9
        );
    }

    #[test]
    fn take_back_is_for_whoever_noted_it_and_those_who_run_the_reports() {
        let (her, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let worker = only(Role::PreventionWorker);
        let lead = only(Role::ServiceAreaLead);
        let figure = Record::new(RecordKind::OutreachFigure);
        fn actor(user_id: Uuid, roles: &Roles) -> Actor<'_> {
            Actor {
                user_id,
                roles,
                profession: None,
            }
        }
        assert!(may(
            actor(her, &worker),
            Action::TakeBack,
            &figure.noted_by(Some(her))
        ));
        assert!(!may(
            actor(other, &worker),
            Action::TakeBack,
            &figure.noted_by(Some(her))
        ));
        assert!(!may(actor(her, &worker), Action::TakeBack, &figure));
        assert!(may(
            actor(other, &lead),
            Action::TakeBack,
            &figure.noted_by(Some(her))
        ));
        // A meeting: its author while she still opens the file, or the coordinator.
        let meeting = Record::new(RecordKind::Meeting).noted_by(Some(her));
        let caseworker = only(Role::Caseworker);
        assert!(may(
            actor(her, &caseworker),
            Action::TakeBack,
            &meeting.in_her_charge(true)
        ));
        assert!(!may(actor(her, &caseworker), Action::TakeBack, &meeting));
        assert!(!may(
            actor(other, &caseworker),
            Action::TakeBack,
            &meeting.in_her_charge(true)
        ));
        assert!(may(
            actor(other, &only(Role::Coordinator)),
            Action::TakeBack,
            &meeting
        ));
        let rights = Rights::of(actor(her, &caseworker), &meeting.in_her_charge(true));
        assert!(rights.read && rights.take_back && !rights.assign && !rights.break_the_glass);
    }

    /// What each kind of profession reads in a file it opens (docs/safety.md "Professional
    /// secrecy"): one line per kind, the scopes it reads; the author always reads her note.
    #[test]
    fn each_profession_reads_its_own_scopes() {
        use crate::care::{NoteScope as S, ProfessionKind as P};
        let table: [(Option<P>, &[S]); 8] = [
            (None, &[S::Team, S::Complaint]),
            (Some(P::Health), &[S::Team, S::Health, S::Complaint]),
            (Some(P::Legal), &[S::Team, S::Legal, S::Complaint]),
            (Some(P::Police), &[S::Complaint]),
            (Some(P::Social), &[S::Team, S::Complaint]),
            (Some(P::Therapy), &[S::Team, S::Complaint]),
            (Some(P::Reception), &[]),
            (Some(P::Other), &[S::Team, S::Complaint]),
        ];
        assert_eq!(table.len(), P::ALL.len() + 1);
        let (me, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let roles = only(Role::Caseworker);
        for (profession, scopes) in table {
            let actor = Actor {
                user_id: me,
                roles: &roles,
                profession,
            };
            for &scope in S::ALL {
                let note = Record::new(RecordKind::Note)
                    .in_her_charge(true)
                    .scope(scope);
                let expected = scopes.contains(&scope);
                assert_eq!(
                    may(actor, Action::Read, &note.noted_by(Some(other))),
                    expected,
                    "{profession:?} reads {scope:?}"
                );
                assert_eq!(
                    may(actor, Action::Create, &note),
                    expected,
                    "{profession:?} writes {scope:?}"
                );
                assert!(may(actor, Action::Read, &note.noted_by(Some(me))));
                // A file she does not open shows her nothing, whatever her profession.
                assert!(!may(
                    actor,
                    Action::Read,
                    &note.in_her_charge(false).noted_by(Some(other))
                ));
            }
            assert_eq!(writable_scopes(actor), scopes);
            // The police officer sees her own appointments only; everyone else, the day.
            let appointment = Record::new(RecordKind::Appointment);
            assert_eq!(
                may(actor, Action::Read, &appointment),
                profession != Some(P::Police)
            );
            assert!(may(actor, Action::Read, &appointment.in_her_charge(true)));
        }
    }

    #[test]
    fn several_roles_add_up() {
        let both = Roles::new(vec![Role::Caseworker, Role::Administrator]);
        assert!(allows(&both, Permission::ManageUsers));
        assert!(allows(&both, Permission::ReadAssignedFiles));
        assert!(!allows(&Roles::default(), Permission::LogOwnHours));
    }
}
