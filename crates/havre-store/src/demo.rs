//! The demo: a fictional centre, a partner and a network, with one account per role, so that
//! a newcomer has a living organization to explore. Every capability adds its part here.
//! All names are invented.

use crate::accounts::NewUser;
use crate::organizations::{NewOrganization, OrganizationKind, PhoneLine, PublicInfo};
use crate::{Actor, Store, StoreError};
use havre_domain::policy::{Role, Roles};

pub const CENTRE_NAME: &str = "CALACS La Traversée";
pub const PARTNER_NAME: &str = "Office d'habitation des Deux-Rives";
pub const NETWORK_NAME: &str = "Regroupement des centres de la Côte";

/// An account of the demo and the password it got at this start.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub organization: String,
    pub role: Role,
    pub name: String,
    pub email: String,
    pub password: String,
}

const ACCOUNTS: &[(&str, Role, &str, &str)] = &[
    (
        CENTRE_NAME,
        Role::Administrator,
        "Sophie Gagnon",
        "admin@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::Coordinator,
        "Isabelle Roy",
        "coordination@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::ServiceAreaLead,
        "Nathalie Côté",
        "volet@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::Caseworker,
        "Émilie Bouchard",
        "intervention@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::PreventionWorker,
        "Karine Fortin",
        "prevention@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::BoardMember,
        "Lucie Bergeron",
        "ca@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::Volunteer,
        "Chantal Morin",
        "militante@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::ClinicalSupervisor,
        "Geneviève Pelletier",
        "supervision@latraversee.example",
    ),
    (
        PARTNER_NAME,
        Role::PartnerCaseworker,
        "Marc-André Lavoie",
        "partenaire@deuxrives.example",
    ),
    (
        NETWORK_NAME,
        Role::NetworkAnalyst,
        "Julie Lévesque",
        "analyse@regroupement.example",
    ),
];

fn centre_info() -> PublicInfo {
    PublicInfo {
        phone_lines: vec![
            PhoneLine {
                label: "Ligne principale".into(),
                number: "418 555-0142".into(),
                hours: "lun-ven 9 h-17 h".into(),
            },
            PhoneLine {
                label: "Ligne d'écoute 24/7".into(),
                number: "1 888 555-0199".into(),
                hours: "24 h sur 24, 7 jours sur 7".into(),
            },
            PhoneLine {
                label: "Ligne texto".into(),
                number: "418 555-0177".into(),
                hours: "8 h-22 h, 7 jours sur 7".into(),
            },
        ],
        opening_hours: "Du lundi au vendredi, de 9 h à 17 h".into(),
        territory: "MRC de La Côte-de-Beaupré, MRC de L'Île-d'Orléans".into(),
    }
}

/// A password for a demo account: random, long, never common.
fn demo_password() -> String {
    let secret = crate::sessions::random_secret();
    format!("demo-{}", &secret[..16])
}

/// Creates the demo organizations and accounts if missing, and gives every demo account a
/// fresh password, returned so that `havre demo` can print them.
pub async fn ensure_demo(store: &Store) -> Result<Vec<DemoAccount>, StoreError> {
    let operator = Actor::operator();
    for (name, kind, info) in [
        (CENTRE_NAME, OrganizationKind::Centre, centre_info()),
        (
            PARTNER_NAME,
            OrganizationKind::Partner,
            PublicInfo::default(),
        ),
        (
            NETWORK_NAME,
            OrganizationKind::Network,
            PublicInfo::default(),
        ),
    ] {
        if let Err(StoreError::NotFound) = store.organization_by_name(name).await {
            // The demo must be explorable without an authenticator app; real organizations
            // are created with the second factor required.
            store
                .create_organization(
                    &operator,
                    NewOrganization {
                        name: name.into(),
                        kind,
                        require_totp: false,
                        public_info: info,
                    },
                )
                .await?;
        }
    }
    let mut accounts = Vec::new();
    for (org_name, role, name, email) in ACCOUNTS {
        let organization = store.organization_by_name(org_name).await?;
        let password = demo_password();
        match store.user_by_email(email).await {
            Ok(existing) => {
                store
                    .set_password(&operator, existing.id, &password)
                    .await?
            }
            Err(StoreError::NotFound) => {
                store
                    .create_user(
                        &Actor {
                            organization_id: Some(organization.id),
                            ..operator.clone()
                        },
                        organization.id,
                        NewUser {
                            email: (*email).into(),
                            name: (*name).into(),
                            roles: Roles::new(vec![*role]),
                            password: password.clone(),
                        },
                    )
                    .await?;
            }
            Err(e) => return Err(e),
        }
        accounts.push(DemoAccount {
            organization: (*org_name).into(),
            role: *role,
            name: (*name).into(),
            email: (*email).into(),
            password,
        });
    }
    Ok(accounts)
}
