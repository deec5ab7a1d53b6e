//! Who may do what (domain.md §1, safety.md "Access"). Every handler asks this module; no
//! handler decides a permission by itself.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The roles of domain.md §1. One person may hold several.
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
}

impl Role {
    pub const ALL: [Role; 10] = [
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
        }
    }

    /// Whether the role exists in an organization of this kind (centre, partner, network):
    /// a partner's accounts only file requests, a network's only read aggregates.
    pub fn fits_organization(self, kind: &str) -> bool {
        match kind {
            "partner" => matches!(self, Role::Administrator | Role::PartnerCaseworker),
            "network" => matches!(self, Role::Administrator | Role::NetworkAnalyst),
            _ => !matches!(self, Role::PartnerCaseworker | Role::NetworkAnalyst),
        }
    }

    /// Roles that read person files: safety.md makes the second factor mandatory for them
    /// when the organization requires it.
    pub fn reads_files(self) -> bool {
        matches!(
            self,
            Role::Administrator | Role::Coordinator | Role::ServiceAreaLead | Role::Caseworker
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
    pub fn any_reads_files(&self) -> bool {
        self.iter().any(Role::reads_files)
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
    /// See network-wide aggregates.
    SeeNetworkAggregates,
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
            SeeNetworkAggregates => matches!(role, NetworkAnalyst),
        }
    }
}

/// The one place where a permission is decided.
pub fn allows(roles: &Roles, permission: Permission) -> bool {
    roles.iter().any(|r| permission.granted_to(r))
}

/// The sections of the navigation, in the order they appear. Each one is shown to the roles
/// that hold its permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavSection {
    Home,
    WaitList,
    Files,
    Prevention,
    Hours,
    Reports,
    Governance,
    ServiceRequests,
    Network,
    Users,
    Organization,
    Audit,
}

impl NavSection {
    pub const ALL: [NavSection; 12] = [
        NavSection::Home,
        NavSection::WaitList,
        NavSection::Files,
        NavSection::Prevention,
        NavSection::Hours,
        NavSection::Reports,
        NavSection::Governance,
        NavSection::ServiceRequests,
        NavSection::Network,
        NavSection::Users,
        NavSection::Organization,
        NavSection::Audit,
    ];

    pub fn permission(self) -> Option<Permission> {
        use NavSection::*;
        match self {
            Home => None,
            WaitList => Some(Permission::SeeWaitList),
            Files => Some(Permission::ReadAssignedFiles),
            Prevention => Some(Permission::RecordPrevention),
            Hours => Some(Permission::LogOwnHours),
            Reports => Some(Permission::RunReports),
            Governance => Some(Permission::SeeGovernance),
            ServiceRequests => Some(Permission::FileServiceRequests),
            Network => Some(Permission::SeeNetworkAggregates),
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
            Prevention => "prevention",
            Hours => "hours",
            Reports => "reports",
            Governance => "governance",
            ServiceRequests => "service-requests",
            Network => "network",
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
    fn partner_and_network_roles_live_in_their_own_kind_of_organization() {
        assert!(Role::PartnerCaseworker.fits_organization("partner"));
        assert!(!Role::PartnerCaseworker.fits_organization("centre"));
        assert!(!Role::Caseworker.fits_organization("partner"));
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

    #[test]
    fn several_roles_add_up() {
        let both = Roles::new(vec![Role::Caseworker, Role::Administrator]);
        assert!(allows(&both, Permission::ManageUsers));
        assert!(allows(&both, Permission::ReadAssignedFiles));
        assert!(!allows(&Roles::default(), Permission::LogOwnHours));
    }
}
