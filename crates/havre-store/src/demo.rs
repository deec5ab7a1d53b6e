//! The demo: a fictional centre, a shelter, a care unit, a Brigade and a network, with one
//! account per role, so that a newcomer has a living organization to explore. Every capability adds its part here.
//! All names are invented.
use havre_domain::ids::PersonId;

use crate::accounts::NewUser;
use crate::organizations::{NewOrganization, OrganizationKind, PhoneLine, PublicInfo};
use crate::{Actor, Store, StoreError};
use havre_domain::policy::{Role, Roles};

pub const CENTRE_NAME: &str = "CALACS La Traversée";
pub const NETWORK_NAME: &str = "Regroupement des centres de la Côte";
/// A second-stage shelter (docs/housing.md): two houses, one at a secret address.
pub const SHELTER_NAME: &str = "Maison Le Jalon";
/// A care unit in France (docs/care.md): 70 professionals and a year of about 4,100 women.
pub const CARE_UNIT_NAME: &str = "Maison des femmes du Canal";
/// A Brigade d'entraide (docs/missions.md): ten member partners, twelve workers, two years.
pub const BRIGADE_NAME: &str = "Brigade d'entraide de la Capitale";
/// The demo's partner account: a caseworker of PECH, a member of the Brigade.
const PARTNER_EMAIL: &str = "partenaire@pech.example";

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
        CENTRE_NAME,
        Role::ComplaintsOfficer,
        "Sylvie Lavoie",
        "plaintes@latraversee.example",
    ),
    (
        CENTRE_NAME,
        Role::PrivacyOfficer,
        "Nathalie Roy",
        "vie-privee@latraversee.example",
    ),
    (
        SHELTER_NAME,
        Role::Coordinator,
        "Marie-Claude Tremblay",
        "coordination@lejalon.example",
    ),
    (
        SHELTER_NAME,
        Role::Caseworker,
        "Annie Gauthier",
        "intervention@lejalon.example",
    ),
    (
        CARE_UNIT_NAME,
        Role::Coordinator,
        "Hélène Rousseau",
        "coordination@mdfcanal.example",
    ),
    (
        CARE_UNIT_NAME,
        Role::Caseworker,
        "Nadia Benali",
        "accueil@mdfcanal.example",
    ),
    (
        CARE_UNIT_NAME,
        Role::Caseworker,
        "Dre Claire Fontaine",
        "medecin@mdfcanal.example",
    ),
    (
        CARE_UNIT_NAME,
        Role::Caseworker,
        "Sandrine Moreau",
        "police@mdfcanal.example",
    ),
    (
        BRIGADE_NAME,
        Role::Coordinator,
        "Danielle Pelletier",
        "coordination@brigade-capitale.example",
    ),
    (
        BRIGADE_NAME,
        Role::Caseworker,
        "Majorie Rousseau",
        "accompagnement@brigade-capitale.example",
    ),
    (
        NETWORK_NAME,
        Role::Administrator,
        "Hélène Bouchard",
        "admin@regroupement.example",
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
        services: [
            "Suivi individuel pour les femmes et les adolescentes de 14 ans et plus",
            "Groupes de soutien",
            "Accompagnement à l'hôpital, à la police et au tribunal",
            "Aide aux proches",
            "Prévention dans les écoles et les milieux de vie",
        ]
        .join("\n"),
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
            NETWORK_NAME,
            OrganizationKind::Network,
            PublicInfo::default(),
        ),
        (
            SHELTER_NAME,
            OrganizationKind::Centre,
            PublicInfo::default(),
        ),
        (
            BRIGADE_NAME,
            OrganizationKind::Centre,
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
                        time_zone: Default::default(),
                        year_start: Default::default(),
                        country: Default::default(),
                    },
                )
                .await?;
        }
    }
    if let Err(StoreError::NotFound) = store.organization_by_name(CARE_UNIT_NAME).await {
        store
            .create_organization(
                &operator,
                NewOrganization {
                    name: CARE_UNIT_NAME.into(),
                    kind: OrganizationKind::Centre,
                    require_totp: false,
                    public_info: PublicInfo::default(),
                    time_zone: havre_domain::zone::Zone::parse("Europe/Paris").unwrap_or_default(),
                    year_start: havre_domain::year::YearStart::JANUARY,
                    country: havre_domain::year::Country::France,
                },
            )
            .await?;
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
    let centre = store.organization_by_name(CENTRE_NAME).await?;
    ensure_demo_wait_list(store, &centre).await?;
    ensure_demo_referrals_and_calls(store, &centre).await?;
    ensure_demo_online_requests(store, &centre).await?;
    ensure_demo_files(store, &centre).await?;
    ensure_demo_programs(store, &centre).await?;
    ensure_demo_narrative(store, &centre).await?;
    ensure_demo_governance(store, &centre).await?;
    crate::demo_privacy::ensure_demo_privacy(store, &centre).await?;
    ensure_demo_housing(store).await?;
    ensure_demo_care_unit(store).await?;
    // The partner's account, beside the Brigade's.
    let partner = ensure_demo_brigade(store).await?;
    ensure_demo_network(store).await?;
    let at = accounts
        .iter()
        .rposition(|a| a.organization == BRIGADE_NAME)
        .map_or(accounts.len(), |i| i + 1);
    accounts.insert(at, partner);
    Ok(accounts)
}

/// The demo centre's wait list: requests of the last months, of every code, some returning,
/// one of them on the exploitation track. Added once.
async fn ensure_demo_wait_list(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use crate::intake::{NewHelpRequest, SafeContact};
    use havre_domain::intake::{Channel, ExploitationAnswers, PriorityAnswers, ServiceArea};
    use havre_domain::lists::ListKind;
    if !store.wait_list(centre.id, None).await?.requests.is_empty() {
        return Ok(());
    }
    for (fr, en) in [
        ("MRC de La Côte-de-Beaupré", "MRC de La Côte-de-Beaupré"),
        ("MRC de L'Île-d'Orléans", "MRC de L'Île-d'Orléans"),
    ] {
        store
            .add_list_value(centre.id, ListKind::Residence, fr, en)
            .await?;
    }
    let value = |kind: ListKind, key: &'static str| async move {
        let values = store.list_values(centre.id, kind, false).await?;
        values
            .iter()
            .find(|v| v.key.as_deref() == Some(key) || v.label_fr == key)
            .map(|v| v.id)
            .ok_or_else(|| StoreError::Other(format!("demo list value {key}")))
    };
    let coordinator = store
        .user_by_email("coordination@latraversee.example")
        .await?;
    let actor = Actor {
        organization_id: Some(centre.id),
        user_id: Some(coordinator.id),
        ip: Some("demo".into()),
    };
    // (name, phone, birth year, days ago, teenager, answers, area)
    type Row = (
        &'static str,
        Option<&'static str>,
        i32,
        i64,
        bool,
        PriorityAnswers,
        ServiceArea,
    );
    let code_one = |f: fn(&mut PriorityAnswers)| {
        let mut a = PriorityAnswers::default();
        f(&mut a);
        a
    };
    let with_network = PriorityAnswers {
        adequate_social_network: true,
        ..Default::default()
    };
    let rows: Vec<Row> = vec![
        (
            "Annie Bérubé",
            Some("418 555-0111"),
            1991,
            142,
            false,
            with_network.clone(),
            ServiceArea::DirectHelp,
        ),
        (
            "Mélanie Paquet",
            None,
            1985,
            118,
            false,
            PriorityAnswers::default(),
            ServiceArea::DirectHelp,
        ),
        (
            "Sarah Lachance",
            Some("418 555-0123"),
            2009,
            96,
            true,
            PriorityAnswers::default(),
            ServiceArea::DirectHelp,
        ),
        (
            "Josée Thibault",
            None,
            1978,
            87,
            false,
            code_one(|a| a.post_traumatic_stress = true),
            ServiceArea::DirectHelp,
        ),
        (
            "Valérie Cloutier",
            Some("418 555-0145"),
            1996,
            64,
            false,
            with_network.clone(),
            ServiceArea::DirectHelp,
        ),
        (
            "Kim Tremblay",
            None,
            1999,
            51,
            false,
            code_one(|a| a.high_distress = true),
            ServiceArea::DirectHelp,
        ),
        (
            "Léa Simard",
            Some("418 555-0167"),
            2008,
            40,
            true,
            code_one(|a| a.assault_within_a_year = true),
            ServiceArea::DirectHelp,
        ),
        (
            "Annie Bérubé",
            Some("1 418 555-0111"),
            1991,
            33,
            false,
            with_network.clone(),
            ServiceArea::DirectHelp,
        ),
        (
            "Caroline Dufour",
            None,
            1982,
            25,
            false,
            PriorityAnswers::default(),
            ServiceArea::DirectHelp,
        ),
        (
            "Noémie Gagné",
            Some("418 555-0189"),
            2001,
            12,
            false,
            code_one(|a| a.suicidal_ideas = true),
            ServiceArea::DirectHelp,
        ),
        (
            "Jessica Poirier",
            None,
            1993,
            9,
            false,
            PriorityAnswers::default(),
            ServiceArea::DirectHelp,
        ),
        (
            "Amélie Savard",
            Some("418 555-0190"),
            2000,
            4,
            false,
            PriorityAnswers::default(),
            ServiceArea::Exploitation,
        ),
        (
            "Rosalie Lévesque",
            None,
            1988,
            2,
            false,
            code_one(|a| a.basic_needs_unmet = true),
            ServiceArea::DirectHelp,
        ),
    ];
    let residences = ["MRC de La Côte-de-Beaupré", "MRC de L'Île-d'Orléans"];
    for (i, (name, phone, year, days, teenager, answers, area)) in rows.into_iter().enumerate() {
        let exploitation = (area == ServiceArea::Exploitation).then(|| ExploitationAnswers {
            vulnerable_and_ambivalent: true,
            ..Default::default()
        });
        let new = NewHelpRequest {
            from_online: None,
            received_at: store.now()
                - chrono::TimeDelta::days(days)
                - chrono::TimeDelta::hours((i as i64 * 5) % 9),
            channel: if i % 4 == 3 {
                Channel::SocialNetwork
            } else {
                Channel::Phone
            },
            voluntary: true,
            network_consent: true,
            exception_reason: None,
            name: name.into(),
            phone: phone.map(Into::into),
            birth_year: Some(year),
            safe_contact: SafeContact {
                may_call: true,
                may_leave_message: i % 3 == 0,
                may_say_our_name: i % 2 == 0,
                hours: "en semaine, avant 16 h".into(),
                safe_number: String::new(),
            },
            teenager,
            service_area: area,
            requester: value(ListKind::Requester, "herself").await?,
            age_at_request: value(
                ListKind::AgeAtRequest,
                if teenager { "12_17" } else { "25_34" },
            )
            .await?,
            age_at_assault: value(
                ListKind::AgeAtAssault,
                if i % 2 == 0 { "12_17" } else { "18_24" },
            )
            .await?,
            referral_source: value(
                ListKind::ReferralSource,
                ["internet", "health_services", "school", "entourage"][i % 4],
            )
            .await?,
            residence: value(ListKind::Residence, residences[i % 2]).await?,
            disposition: None,
            assault_forms: vec![
                value(
                    ListKind::AssaultForm,
                    ["touching", "penetration", "incest"][i % 3],
                )
                .await?,
            ],
            relations: vec![
                value(
                    ListKind::Relation,
                    ["entourage", "partner", "close_family"][i % 3],
                )
                .await?,
            ],
            answers,
            exploitation,
            chosen_code: None,
            override_reason: None,
        };
        store.record_help_request(&actor, centre.id, new).await?;
    }
    Ok(())
}

/// Adds fictional waiting requests to the demo centre until `count` wait, for benchmarks and
/// for seeing a long list. Names are drawn from two short lists; dates spread over a year.
pub async fn ensure_demo_volume(store: &Store, count: usize) -> Result<usize, StoreError> {
    use crate::intake::{NewHelpRequest, SafeContact};
    use havre_domain::intake::{Channel, PriorityAnswers, ServiceArea};
    use havre_domain::lists::ListKind;
    const FIRST: [&str; 16] = [
        "Marie",
        "Julie",
        "Catherine",
        "Isabelle",
        "Sophie",
        "Nadia",
        "Chloé",
        "Léa",
        "Zoé",
        "Maude",
        "Audrey",
        "Élodie",
        "Rose",
        "Alice",
        "Camille",
        "Florence",
    ];
    const LAST: [&str; 16] = [
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Morin",
        "Lavoie",
        "Fortin",
        "Gagné",
        "Ouellet",
        "Pelletier",
        "Bélanger",
        "Lévesque",
        "Bergeron",
        "Leblanc",
    ];
    let centre = store.organization_by_name(CENTRE_NAME).await?;
    let waiting = store.wait_list(centre.id, None).await?.requests.len();
    if waiting >= count {
        return Ok(0);
    }
    let first_value = |kind: ListKind| async move {
        Ok::<_, StoreError>(store.list_values(centre.id, kind, false).await?[2].id)
    };
    let (requester, age_r, age_a, source, residence, form, relation) = (
        first_value(ListKind::Requester).await?,
        first_value(ListKind::AgeAtRequest).await?,
        first_value(ListKind::AgeAtAssault).await?,
        first_value(ListKind::ReferralSource).await?,
        first_value(ListKind::Residence).await?,
        first_value(ListKind::AssaultForm).await?,
        first_value(ListKind::Relation).await?,
    );
    let actor = Actor::operator();
    let added = count - waiting;
    for i in 0..added {
        let answers = PriorityAnswers {
            high_distress: i % 3 == 0,
            adequate_social_network: i % 2 == 0,
            ..Default::default()
        };
        let new = NewHelpRequest {
            from_online: None,
            received_at: store.now()
                - chrono::TimeDelta::minutes(((i * 7919) % (365 * 24 * 60)) as i64 + 60),
            channel: Channel::Phone,
            voluntary: true,
            network_consent: true,
            exception_reason: None,
            name: format!("{} {}-{}", FIRST[i % 16], LAST[(i / 16) % 16], i),
            phone: None,
            birth_year: None,
            safe_contact: SafeContact::default(),
            teenager: i % 5 == 0,
            service_area: if i % 10 == 0 {
                ServiceArea::Exploitation
            } else {
                ServiceArea::DirectHelp
            },
            requester,
            age_at_request: age_r,
            age_at_assault: age_a,
            referral_source: source,
            residence,
            disposition: None,
            assault_forms: vec![form],
            relations: vec![relation],
            answers,
            exploitation: None,
            chosen_code: None,
            override_reason: None,
        };
        store.record_help_request(&actor, centre.id, new).await?;
    }
    Ok(added)
}

/// Two requests sent from the demo centre's public page, waiting to be called back: one with
/// a first name and a number to text after 6 p.m., one with no name and an email. Added once.
async fn ensure_demo_online_requests(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use crate::entity::online_request;
    use havre_domain::online::{AskedBy, OnlineRequestForm, ReplyBy};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let received = online_request::Entity::find()
        .filter(online_request::Column::OrganizationId.eq(centre.id))
        .count(store.db())
        .await?;
    if received > 0 {
        return Ok(());
    }
    let visitor = Actor {
        organization_id: Some(centre.id),
        user_id: None,
        ip: Some("demo".into()),
    };
    for form in [
        OnlineRequestForm {
            name: "Camille".into(),
            reply_by: Some(ReplyBy::Text),
            phone: "418 555-0163".into(),
            safe_hours: "En semaine après 18 h, jamais la fin de semaine".into(),
            needs: "J'aimerais parler à quelqu'un de ce qui m'est arrivé l'été dernier.".into(),
            asked_by: Some(AskedBy::Herself),
            ..OnlineRequestForm::default()
        },
        OnlineRequestForm {
            reply_by: Some(ReplyBy::Email),
            email: "un.courriel.sur@exemple.org".into(),
            needs: "Je ne sais pas si je suis au bon endroit.".into(),
            ..OnlineRequestForm::default()
        },
    ] {
        store
            .receive_online_request(&visitor, centre.id, form, false)
            .await?;
    }
    Ok(())
}

/// The demo centre's referrals and calls: one referral reached, one overdue, a few calls and
/// turn-aways. Added once.
async fn ensure_demo_referrals_and_calls(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use havre_domain::intake::{ServiceArea, TurnAwayReason};
    use havre_domain::lists::ListKind;
    if !store.open_referrals(centre.id).await?.is_empty() {
        return Ok(());
    }
    let caseworker = store
        .user_by_email("intervention@latraversee.example")
        .await?;
    let actor = Actor {
        organization_id: Some(centre.id),
        user_id: Some(caseworker.id),
        ip: Some("demo".into()),
    };
    let now = store.now();
    let reached = store
        .receive_referral(
            &actor,
            centre.id,
            now - chrono::TimeDelta::hours(40),
            "Hôpital de l'Enfant-Jésus",
            false,
        )
        .await?;
    store
        .record_referral_attempt(
            &actor,
            centre.id,
            reached.id,
            now - chrono::TimeDelta::hours(20),
            true,
            None,
        )
        .await?;
    let overdue = store
        .receive_referral(
            &actor,
            centre.id,
            now - chrono::TimeDelta::hours(30),
            "CHU de Québec",
            true,
        )
        .await?;
    store
        .record_referral_attempt(
            &actor,
            centre.id,
            overdue.id,
            now - chrono::TimeDelta::hours(6),
            false,
            Some("Pas de réponse, pas de message laissé"),
        )
        .await?;
    store
        .receive_referral(
            &actor,
            centre.id,
            now - chrono::TimeDelta::hours(5),
            "Hôpital de l'Enfant-Jésus",
            false,
        )
        .await?;
    let topics = store
        .list_values(centre.id, ListKind::CallTopic, false)
        .await?;
    for (i, minutes) in [15, 40, 5, 25, 10, 55].into_iter().enumerate() {
        let topic = topics[2 + i % (topics.len() - 2)].id;
        store
            .log_call(
                &actor,
                centre.id,
                crate::calls::NewCall {
                    at: now - chrono::TimeDelta::hours(3 + 11 * i as i64),
                    duration_minutes: minutes,
                    topic,
                    referral_given: (i % 2 == 0).then(|| "Ligne d'écoute régionale".to_owned()),
                },
            )
            .await?;
    }
    for (days, reason) in [
        (3, TurnAwayReason::NoCapacity),
        (12, TurnAwayReason::OutsideTerritory),
    ] {
        store
            .record_turn_away(
                &actor,
                centre.id,
                now - chrono::TimeDelta::days(days),
                ServiceArea::DirectHelp,
                reason,
                Some("CALACS de la région voisine"),
            )
            .await?;
    }
    Ok(())
}

/// The demo centre's files in service: a woman near the end of her follow-up, with court and
/// compensation accompaniments and support to her partner; a woman in emergency meetings; a
/// teenager met at her school; a woman on the exploitation track. Added once.
async fn ensure_demo_files(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use crate::intake::{NewHelpRequest, SafeContact};
    use crate::meetings::NewMeeting;
    use havre_domain::intake::{Channel, ExploitationAnswers, PriorityAnswers, ServiceArea};
    use havre_domain::lists::ListKind;
    use havre_domain::meetings::{MeetingKind as K, MeetingTime, PlaceKind as P};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let existing = crate::entity::meeting::Entity::find()
        .filter(crate::entity::meeting::Column::OrganizationId.eq(centre.id))
        .count(store.db())
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let caseworker = store
        .user_by_email("intervention@latraversee.example")
        .await?;
    let reader = demo_reader(&caseworker);
    let school = store
        .add_list_value(
            centre.id,
            ListKind::Place,
            "École secondaire du Mont-Sainte-Anne",
            "École secondaire du Mont-Sainte-Anne",
        )
        .await?;
    let value = |kind: ListKind, key: &'static str| async move {
        store
            .list_values(centre.id, kind, false)
            .await?
            .iter()
            .find(|v| v.key.as_deref() == Some(key) || v.label_fr == key)
            .map(|v| v.id)
            .ok_or_else(|| StoreError::Other(format!("demo list value {key}")))
    };
    let now = store.now();
    let zone = centre.time_zone;
    // An hour of a day around today, on the centre's clock.
    let day = |days: i64, hour: i64| {
        let date = zone.day_of(now) + chrono::TimeDelta::days(days);
        date.and_hms_opt(hour as u32, 0, 0)
            .and_then(|wall| zone.instant(wall))
            .unwrap_or(now)
    };
    // (name, birth year, days ago, teenager, area)
    let people = [
        (
            "Geneviève Lavoie",
            1987,
            210,
            false,
            ServiceArea::DirectHelp,
        ),
        ("Audrey Morin", 1994, 30, false, ServiceArea::DirectHelp),
        ("Chloé Simard", 2009, 75, true, ServiceArea::DirectHelp),
        (
            "Marie-Ève Dufour",
            1998,
            120,
            false,
            ServiceArea::Exploitation,
        ),
    ];
    let mut ids = Vec::new();
    for (i, (name, year, days, teenager, area)) in people.into_iter().enumerate() {
        let recorded = store
            .record_help_request(
                &reader.actor,
                centre.id,
                NewHelpRequest {
                    from_online: None,
                    received_at: day(-days, 10),
                    channel: Channel::Phone,
                    voluntary: true,
                    network_consent: true,
                    exception_reason: None,
                    name: name.into(),
                    phone: Some(format!("418 555-02{:02}", 10 + i)),
                    birth_year: Some(year),
                    safe_contact: SafeContact {
                        may_call: true,
                        may_leave_message: i % 2 == 1,
                        may_say_our_name: false,
                        hours: "de 9 h à 15 h, en semaine".into(),
                        safe_number: String::new(),
                    },
                    teenager,
                    service_area: area,
                    requester: value(ListKind::Requester, "herself").await?,
                    age_at_request: value(
                        ListKind::AgeAtRequest,
                        if teenager { "12_17" } else { "25_34" },
                    )
                    .await?,
                    age_at_assault: value(ListKind::AgeAtAssault, "12_17").await?,
                    referral_source: value(ListKind::ReferralSource, "health_services").await?,
                    residence: value(ListKind::Residence, "MRC de La Côte-de-Beaupré").await?,
                    disposition: None,
                    assault_forms: vec![value(ListKind::AssaultForm, "penetration").await?],
                    relations: vec![value(ListKind::Relation, "partner").await?],
                    answers: PriorityAnswers {
                        assault_within_a_year: i % 2 == 0,
                        ..Default::default()
                    },
                    exploitation: (area == ServiceArea::Exploitation).then(|| {
                        ExploitationAnswers {
                            vulnerable_and_ambivalent: true,
                            ..Default::default()
                        }
                    }),
                    chosen_code: None,
                    override_reason: None,
                },
            )
            .await?;
        crate::files::assign_in(
            store.db(),
            centre.id,
            recorded.person_id,
            caseworker.id,
            now,
        )
        .await?;
        ids.push(recorded.person_id);
    }
    let meeting = |kind, held_at, place, duration, preparation, travel| NewMeeting {
        kind,
        held_at,
        place,
        place_id: (place == P::PartnerPremises).then_some(school.id),
        time: MeetingTime {
            duration,
            preparation,
            debrief: 15,
            travel,
        },
        staff: vec![caseworker.id],
        relative_id: None,
        over_limit_reason: None,
        texts_given: false,
    };
    // Geneviève: first meeting, 14 follow-ups out of 15, court and compensation, her partner.
    let g = ids[0];
    store
        .record_meeting(
            &reader,
            g,
            meeting(K::FirstMeeting, day(-200, 10), P::Centre, 90, 15, 0),
        )
        .await?;
    for week in 0..14 {
        store
            .record_meeting(
                &reader,
                g,
                meeting(K::FollowUp, day(-190 + week * 7, 13), P::Centre, 60, 10, 0),
            )
            .await?;
    }
    store
        .record_meeting(
            &reader,
            g,
            meeting(
                K::AccompanimentCourt,
                day(-60, 9),
                P::PartnerPremises,
                180,
                30,
                45,
            ),
        )
        .await?;
    store
        .record_meeting(
            &reader,
            g,
            meeting(
                K::AccompanimentCompensation,
                day(-45, 14),
                P::Centre,
                75,
                15,
                0,
            ),
        )
        .await?;
    let partner = store
        .add_relative(&reader, g, "Marc Lavoie", "partner")
        .await?;
    for days in [-40, -25] {
        let mut m = meeting(K::Relatives, day(days, 16), P::Centre, 60, 10, 0);
        m.relative_id = Some(partner);
        store.record_meeting(&reader, g, m).await?;
    }
    store
        .add_note(
            &reader,
            g,
            "Formulaire IVAC envoyé. Elle souhaite être accompagnée à l'audience.",
            havre_domain::care::NoteScope::Team,
        )
        .await?;
    // Audrey: first meeting, emergency meetings, one this week (earlier today: a meeting is
    // recorded once held, so the demo never records one to come).
    let a = ids[1];
    store
        .record_meeting(
            &reader,
            a,
            meeting(K::FirstMeeting, day(-25, 10), P::Centre, 90, 15, 0),
        )
        .await?;
    for days in [-20, -13, -6] {
        store
            .record_meeting(
                &reader,
                a,
                meeting(K::Emergency, day(days, 11), P::Phone, 45, 5, 0),
            )
            .await?;
    }
    store
        .record_meeting(
            &reader,
            a,
            meeting(
                K::AccompanimentMedical,
                day(-3, 9),
                P::PartnerPremises,
                120,
                15,
                30,
            ),
        )
        .await?;
    store
        .record_meeting(
            &reader,
            a,
            meeting(
                K::Emergency,
                day(0, 9).min(now - chrono::TimeDelta::hours(1)),
                P::Centre,
                60,
                10,
                0,
            ),
        )
        .await?;
    // Chloé: met at her school.
    let c = ids[2];
    for (i, days) in [-60, -53, -46, -39, -32].into_iter().enumerate() {
        let kind = if i == 0 { K::FirstMeeting } else { K::FollowUp };
        store
            .record_meeting(
                &reader,
                c,
                meeting(kind, day(days, 12), P::PartnerPremises, 60, 10, 40),
            )
            .await?;
    }
    // Marie-Ève: the exploitation track.
    let m = ids[3];
    store
        .record_meeting(
            &reader,
            m,
            meeting(K::FirstMeeting, day(-110, 15), P::Centre, 90, 15, 0),
        )
        .await?;
    for days in [-95, -80, -65] {
        store
            .record_meeting(
                &reader,
                m,
                meeting(K::ExploitationFollowUp, day(days, 15), P::Video, 60, 10, 0),
            )
            .await?;
    }
    store
        .record_meeting(
            &reader,
            m,
            meeting(K::TextLine, day(-70, 22), P::Phone, 25, 0, 0),
        )
        .await?;
    store
        .record_meeting(
            &reader,
            m,
            meeting(K::PeerDialogue, day(-50, 18), P::Centre, 120, 20, 0),
        )
        .await?;
    ensure_demo_group_and_fund(store, centre, &reader, &ids, day).await
}

/// A closed group in progress with four women from the wait list, drop-ins on the
/// exploitation track, and the emergency fund with a deposit and two decisions.
async fn ensure_demo_group_and_fund(
    store: &Store,
    centre: &crate::organizations::Organization,
    caseworker: &crate::reader::Reader,
    files: &[PersonId],
    day: impl Fn(i64, i64) -> chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    use crate::fund::Decision;
    use crate::groups::{NewDropin, NewGroup, NewSession};
    use havre_domain::fund::Purpose;
    use havre_domain::groups::SessionKind;
    use havre_domain::intake::ServiceArea;
    let coordinator = store
        .user_by_email("coordination@latraversee.example")
        .await?;
    let coordinator = demo_reader(&coordinator);
    let group = store
        .create_group(
            &coordinator,
            NewGroup {
                name: "Groupe de cheminement, automne".into(),
                service_area: ServiceArea::DirectHelp,
                capacity: 8,
                planned_meetings: 22,
                meeting_minutes: 180,
                starts_on: day(-42, 0),
                facilitators: vec![caseworker.user_id, coordinator.user_id],
            },
        )
        .await?;
    // Four women of the wait list, the oldest requests first.
    let changes = store.data_changes().await?;
    let waiting = store.window_at(centre.id, changes, None, 0, 200).await?;
    let mut oldest: Vec<_> = waiting.requests.iter().collect();
    oldest.sort_by_key(|r| r.received_at);
    let mut women = Vec::new();
    for r in oldest.into_iter().take(4) {
        store
            .enrol(
                &coordinator,
                group,
                r.id,
                Some(day(-45, 9).max(r.received_at)),
            )
            .await?;
        women.push(r.person_id);
    }
    let staff = vec![caseworker.user_id, coordinator.user_id];
    store
        .record_group_session(
            &coordinator,
            group,
            NewSession {
                kind: SessionKind::Information,
                held_at: day(-44, 18),
                duration_minutes: 120,
                preparation_minutes: 60,
                staff: staff.clone(),
                present: Vec::new(),
                headcount: Some(6),
                person_id: None,
            },
        )
        .await?;
    for week in 0..6 {
        // One woman misses the third meeting.
        let present = women
            .iter()
            .enumerate()
            .filter(|(i, _)| !(week == 2 && *i == 3))
            .map(|(_, p)| *p)
            .collect();
        store
            .record_group_session(
                &coordinator,
                group,
                NewSession {
                    kind: SessionKind::Meeting,
                    held_at: day(-42 + week * 7, 18),
                    duration_minutes: 180,
                    preparation_minutes: 120,
                    staff: staff.clone(),
                    present,
                    headcount: None,
                    person_id: None,
                },
            )
            .await?;
    }
    for (theme, days, attendance) in [
        ("Accueil et choix des thèmes", -60, 5),
        ("L'estime de soi", -46, 3),
        ("La reprise de pouvoir", -32, 4),
    ] {
        store
            .record_dropin(
                caseworker,
                NewDropin {
                    service_area: ServiceArea::Exploitation,
                    theme: theme.into(),
                    held_at: day(days, 13),
                    duration_minutes: 120,
                    preparation_minutes: 30,
                    attendance,
                    staff: vec![caseworker.user_id],
                },
            )
            .await?;
    }
    // The fund: a donation, a gift card granted, a bill waiting for the committee.
    store
        .deposit(&coordinator, Some(150_000), "Don d'une fondation locale")
        .await?;
    let exploitation = files[3];
    let card = store
        .request_fund(
            caseworker,
            exploitation,
            Some(7_500),
            Some(Purpose::GiftCard),
            "Épicerie de la semaine",
        )
        .await?;
    store
        .decide_fund_request(
            &coordinator,
            card,
            Decision::Approve {
                granted_cents: 7_500,
            },
            "Accordé par le comité",
        )
        .await?;
    store
        .request_fund(
            caseworker,
            exploitation,
            Some(21_000),
            Some(Purpose::Bill),
            "Facture d'électricité en retard",
        )
        .await?;
    Ok(())
}

/// The name of the benchmark's file, to find it again.
const HEAVY_FILE_NAME: &str = "Dossier de mesure";

/// A file of the demo caseworker with 200 meetings of every kind over three years and 50
/// notes, for the benchmark of opening a file. Added once; its person id is returned.
pub async fn ensure_heavy_file(store: &Store) -> Result<PersonId, StoreError> {
    use crate::meetings::NewMeeting;
    use havre_domain::meetings::{MeetingKind as K, MeetingTime, PlaceKind as P};
    let centre = store.organization_by_name(CENTRE_NAME).await?;
    let caseworker = store
        .user_by_email("intervention@latraversee.example")
        .await?;
    if let Some(f) = store
        .files_of(&demo_reader(&caseworker))
        .await?
        .into_iter()
        .find(|f| f.name == HEAVY_FILE_NAME)
    {
        return Ok(f.person_id);
    }
    let reader = demo_reader(&caseworker);
    let first = |kind: havre_domain::lists::ListKind| {
        let store = store.clone();
        async move {
            store
                .list_values(centre.id, kind, false)
                .await
                .and_then(|v| {
                    v.get(2)
                        .or(v.first())
                        .map(|v| v.id)
                        .ok_or_else(|| StoreError::Other("an empty demo list".into()))
                })
        }
    };
    use havre_domain::lists::ListKind;
    let start = store.now() - chrono::TimeDelta::days(3 * 365);
    let recorded = store
        .record_help_request(
            &reader.actor,
            centre.id,
            crate::intake::NewHelpRequest {
                from_online: None,
                received_at: start,
                channel: havre_domain::intake::Channel::Phone,
                voluntary: true,
                network_consent: true,
                exception_reason: None,
                name: HEAVY_FILE_NAME.into(),
                phone: None,
                birth_year: Some(1980),
                safe_contact: Default::default(),
                teenager: false,
                service_area: havre_domain::intake::ServiceArea::DirectHelp,
                requester: first(ListKind::Requester).await?,
                age_at_request: first(ListKind::AgeAtRequest).await?,
                age_at_assault: first(ListKind::AgeAtAssault).await?,
                referral_source: first(ListKind::ReferralSource).await?,
                residence: first(ListKind::Residence).await?,
                disposition: None,
                assault_forms: vec![first(ListKind::AssaultForm).await?],
                relations: vec![first(ListKind::Relation).await?],
                answers: Default::default(),
                exploitation: None,
                chosen_code: None,
                override_reason: None,
            },
        )
        .await?;
    let person = recorded.person_id;
    crate::files::assign_in(store.db(), centre.id, person, caseworker.id, store.now()).await?;
    let kinds = [
        K::FollowUp,
        K::AccompanimentCourt,
        K::Emergency,
        K::AccompanimentCompensation,
        K::AccompanimentMedical,
        K::AccompanimentRights,
        K::DesignatedCentre,
    ];
    for i in 0..200i64 {
        let kind = if i == 0 {
            K::FirstMeeting
        } else {
            kinds[i as usize % kinds.len()]
        };
        store
            .record_meeting(
                &reader,
                person,
                NewMeeting {
                    kind,
                    held_at: start + chrono::TimeDelta::days(1 + i * 5),
                    place: if i % 3 == 0 { P::Phone } else { P::Centre },
                    place_id: None,
                    time: MeetingTime {
                        duration: 60,
                        preparation: 15,
                        debrief: 10,
                        travel: if i % 4 == 0 { 30 } else { 0 },
                    },
                    staff: vec![caseworker.id],
                    relative_id: None,
                    over_limit_reason: Some("Prolongation décidée en supervision clinique".into()),
                    texts_given: false,
                },
            )
            .await?;
    }
    for i in 0..50 {
        store
            .add_note(
                &reader,
                person,
                &format!(
                    "Note {n}. Rencontre centrée sur les objectifs qu'elle s'est fixés : \
                     reprendre le sommeil, retourner au travail à temps partiel, préparer \
                     l'audience. Elle nomme des progrès et des reculs ; nous convenons de \
                     revoir le plan de sécurité la semaine prochaine.",
                    n = i + 1
                ),
                havre_domain::care::NoteScope::Team,
            )
            .await?;
    }
    Ok(person)
}

/// The seed report's prevention programs, with their workshops, objectives and the questions
/// of their evaluations, as the report prints them. Added once.
async fn ensure_demo_programs(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use havre_domain::intake::ServiceArea;
    use havre_domain::prevention::NewWorkshop;
    if !store.programs(centre.id).await?.is_empty() {
        return Ok(());
    }
    let coordinator = store
        .user_by_email("coordination@latraversee.example")
        .await?;
    let reader = demo_reader(&coordinator);
    let common = [
        "L'information était facile à comprendre",
        "Utilité du thème pour les personnes de mon âge",
        "Apprentissage de nouvelles choses",
        "Recommanderais cette rencontre à d'autres",
    ];
    let questions = |extra: &[&str]| -> Vec<String> {
        common
            .iter()
            .chain(extra.iter())
            .map(|q| q.to_string())
            .collect()
    };
    type Workshops<'a> = Vec<(i32, &'a str, &'a str, Vec<String>)>;
    let programs: Vec<(&str, ServiceArea, Workshops)> = vec![
        (
            "Empreinte : Agir ensemble contre les agressions à caractère sexuel",
            ServiceArea::DirectHelp,
            vec![
                (
                    1,
                    "Les agressions à caractère sexuel",
                    "Mieux comprendre la problématique, ses formes, son ampleur ainsi que les mythes et préjugés qui y sont associés",
                    questions(&[]),
                ),
                (
                    2,
                    "Le consentement sexuel",
                    "Mieux comprendre la notion de consentement sexuel et son application dans différents contextes",
                    questions(&[]),
                ),
                (
                    3,
                    "Dévoilement et soutien",
                    "Développer des stratégies d'entraide pour réagir de manière appropriée advenant les confidences d'un.e ami.e ayant vécu une ACS ou lorsque l'on est témoin d'une ACS",
                    questions(&[]),
                ),
                (
                    4,
                    "Pouvoir d'agir des jeunes pour contrer les agressions à caractère sexuel",
                    "Prendre conscience du rôle actif que chacun.e peut jouer individuellement et collectivement dans la prévention et la dénonciation d'une situation d'ACS",
                    questions(&[]),
                ),
                // The seed's adapted workshop has no number (0 here).
                (
                    0,
                    "Adaptation d'Empreinte pour groupes d'adaptation scolaire (ateliers 1 et 2 condensés)",
                    "Les objectifs des ateliers 1 et 2, adaptés",
                    questions(&[]),
                ),
            ],
        ),
        (
            "Au-delà des apparences",
            ServiceArea::Exploitation,
            vec![
                (
                    1,
                    "Introduction au concept d'exploitation sexuelle",
                    "Prévenir le recrutement à des fins d'exploitation sexuelle",
                    questions(&[
                        "Activités proposées étaient intéressantes",
                        "Meilleure compréhension de l'exploitation sexuelle",
                        "Meilleure compréhension des formes de l'exploitation sexuelle",
                    ]),
                ),
                (
                    2,
                    "Prostitution",
                    "Prévenir le recrutement à des fins d'exploitation sexuelle",
                    questions(&[
                        "Reconnaître mythes et préjugés",
                        "Meilleure compréhension de la banalisation de l'exploitation sexuelle",
                        "Je comprends mieux les techniques de recrutement",
                    ]),
                ),
                (
                    3,
                    "Le consentement",
                    "Prévenir le recrutement à des fins d'exploitation sexuelle",
                    questions(&[
                        "Activités proposées étaient intéressantes",
                        "Meilleure compréhension de consentement libre, volontaire, éclairé et enthousiaste",
                        "Plus outillée pour identifier si consentante ou pas dans situation",
                    ]),
                ),
                (
                    4,
                    "Safe web et hypersexualisation",
                    "Prévenir le recrutement à des fins d'exploitation sexuelle",
                    questions(&[
                        "Activités proposées étaient intéressantes",
                        "Plus outillée pour repérer les stéréotypes dans les médias et la société",
                        "Meilleure compréhension des méthodes de recrutement sur les réseaux sociaux",
                    ]),
                ),
                (
                    5,
                    "Les relations saines",
                    "Prévenir le recrutement à des fins d'exploitation sexuelle",
                    questions(&[
                        "Activités proposées étaient intéressantes",
                        "Plus outillée pour repérer comment s'introduit la violence dans une relation d'amitié ou de couple",
                        "Meilleure compréhension de la différence entre une relation saine et le contrôle",
                    ]),
                ),
                (
                    6,
                    "Estime de soi et synthèse",
                    "Prévenir le recrutement à des fins d'exploitation sexuelle",
                    questions(&[
                        "Activités proposées étaient intéressantes",
                        "Meilleure compréhension de l'importance d'avoir une bonne estime de soi et une image corporelle saine",
                    ]),
                ),
            ],
        ),
        (
            "L'exploitation sexuelle",
            ServiceArea::Exploitation,
            vec![(
                1,
                "L'exploitation sexuelle",
                "Mieux comprendre la problématique, ses formes, les mythes et préjugés ainsi que les techniques de recrutement",
                questions(&[]),
            )],
        ),
    ];
    for (name, area, workshops) in programs {
        let program = store.create_program(&reader, name, area).await?;
        for (number, title, objective, questions) in workshops {
            store
                .add_workshop(
                    &reader,
                    program,
                    NewWorkshop {
                        number: (number > 0).then_some(number),
                        title: title.into(),
                        objective: objective.into(),
                        questions,
                    },
                )
                .await?;
        }
    }
    ensure_demo_season(store, centre).await
}

/// A season of animations in three schools and a youth centre, the evaluations of the first
/// workshop of "Au-delà des apparences", a training given, and months of hours for the team.
async fn ensure_demo_season(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use crate::hours::NewEntry;
    use crate::prevention::NewAnimation;
    use havre_domain::lists::ListKind;
    use havre_domain::prevention::Audience;
    use havre_domain::prevention::NewTraining;
    let reader_of = |email: &'static str| async move {
        let user = store.user_by_email(email).await?;
        Ok::<_, StoreError>(demo_reader(&user))
    };
    let prevention = reader_of("prevention@latraversee.example").await?;
    let mut schools = Vec::new();
    for name in [
        "École secondaire du Mont-Sainte-Anne",
        "École secondaire de la Côte",
        "Polyvalente de l'Île",
        "Maison des jeunes de Beaupré",
    ] {
        let existing = store
            .list_values(centre.id, ListKind::Place, false)
            .await?
            .into_iter()
            .find(|v| v.label_fr == name);
        schools.push(match existing {
            Some(v) => v.id,
            None => {
                store
                    .add_list_value(centre.id, ListKind::Place, name, name)
                    .await?
                    .id
            }
        });
    }
    let programs = store.programs(centre.id).await?;
    let workshop = |program: &str, number: i32| {
        programs
            .iter()
            .find(|p| p.name.starts_with(program))
            .and_then(|p| p.workshops.iter().find(|w| w.number == Some(number)))
            .map(|w| (w.id, w.questions.iter().map(|q| q.id).collect::<Vec<_>>()))
            .ok_or_else(|| StoreError::Other(format!("demo workshop {program} {number}")))
    };
    let now = store.now();
    let mut day = 80i64;
    for (school, groups) in schools.iter().take(3).zip([5, 3, 4]) {
        for number in 1..=4 {
            let (w, _) = workshop("Empreinte", number)?;
            store
                .record_animation(
                    &prevention,
                    NewAnimation {
                        workshop_id: w,
                        held_at: now - chrono::TimeDelta::days(day),
                        place_id: *school,
                        class_groups: groups,
                        students: groups * 25,
                        staff_participants: groups,
                        facilitation_minutes: groups * 75,
                        travel_minutes: 45,
                        preparation_minutes: 30,
                        staff: vec![prevention.user_id],
                    },
                )
                .await?;
            day -= 5;
        }
    }
    let (first, questions) = workshop("Au-delà", 1)?;
    let animation = store
        .record_animation(
            &prevention,
            NewAnimation {
                workshop_id: first,
                held_at: now - chrono::TimeDelta::days(20),
                place_id: schools[3],
                class_groups: 1,
                students: 23,
                staff_participants: 2,
                facilitation_minutes: 75,
                travel_minutes: 30,
                preparation_minutes: 45,
                staff: vec![prevention.user_id],
            },
        )
        .await?;
    // Tallies of 23 forms, close to the seed annex's first table (its own counts are not
    // printed, only its percentages).
    let tallies: [[u32; 4]; 7] = [
        [0, 2, 7, 14],
        [0, 1, 5, 17],
        [2, 13, 4, 4],
        [0, 4, 8, 11],
        [0, 2, 3, 18],
        [0, 2, 12, 9],
        [0, 1, 11, 11],
    ];
    store
        .record_evaluations(
            &prevention,
            first,
            Some(animation),
            None,
            23,
            questions.iter().copied().zip(tallies).collect(),
        )
        .await?;
    store
        .record_training(
            &prevention,
            NewTraining {
                held_at: now - chrono::TimeDelta::days(40),
                audience: Audience::SchoolStaff,
                title: "Intervenir à la suite d'un dévoilement".into(),
                participants: 72,
                professions: Vec::new(),
                module: None,
                minutes: 180,
                preparation_minutes: 120,
                travel_minutes: 60,
            },
        )
        .await?;
    // Figures entered by hand: the action day's T-shirts and the year's social media.
    for (days, kind, label, quantity) in [
        (60, "material", "T-shirts de la journée d'action", 472),
        (60, "material", "Dépliants distribués", 1_250),
        (30, "social_media", "Publications Facebook", 84),
        (30, "social_media", "Portée des publications", 12_500),
    ] {
        store
            .record_outreach_figure(
                &prevention,
                centre.time_zone.day_of(now - chrono::TimeDelta::days(days)),
                kind,
                label,
                quantity,
            )
            .await?;
    }
    // A year of hours: team meetings every Monday, group supervision once a month,
    // representation now and then, the activist's action days; a training the team received.
    let categories = store.hour_categories(centre.id, false).await?;
    let category = |fr: &str| {
        categories
            .iter()
            .find(|c| c.label_fr == fr)
            .map(|c| c.id)
            .ok_or_else(|| StoreError::Other(format!("demo hour category {fr}")))
    };
    let (team, supervision, tables, action_days) = (
        category("Rencontres d'équipe")?,
        category("Supervisions de groupe")?,
        category("Tables de concertation")?,
        category("Journées d'action")?,
    );
    let today = centre.time_zone.day_of(now);
    use chrono::Datelike;
    let monday = today - chrono::Days::new(today.weekday().num_days_from_monday() as u64);
    for email in [
        "coordination@latraversee.example",
        "intervention@latraversee.example",
        "prevention@latraversee.example",
    ] {
        let reader = reader_of(email).await?;
        let mut entries = Vec::new();
        for week in 1..=52u64 {
            let day = monday - chrono::Days::new(7 * week);
            entries.push(NewEntry {
                category_id: team,
                day,
                minutes: 180,
            });
            if week % 4 == 0 {
                entries.push(NewEntry {
                    category_id: supervision,
                    day: day + chrono::Days::new(2),
                    minutes: 150,
                });
            }
            if week % 6 == 0 && email.starts_with("coordination") {
                entries.push(NewEntry {
                    category_id: tables,
                    day: day + chrono::Days::new(3),
                    minutes: 210,
                });
            }
        }
        store.log_hours(&reader, &entries).await?;
    }
    let activist = reader_of("militante@latraversee.example").await?;
    let entries: Vec<NewEntry> = [11u64, 24, 37, 50]
        .into_iter()
        .map(|week| NewEntry {
            category_id: action_days,
            day: monday - chrono::Days::new(7 * week) + chrono::Days::new(5),
            minutes: 390,
        })
        .collect();
    store.log_hours(&activist, &entries).await?;
    store
        .record_training_received(
            &prevention,
            today - chrono::Days::new(75),
            "Intervenir auprès des personnes exploitées sexuellement",
            "Regroupement provincial",
            390,
            6,
        )
        .await?;
    Ok(())
}

/// The demo centre's collective: its members, a board meeting each month of the last half
/// year, and its last general meeting, as the seed report tells them. Added once.
async fn ensure_demo_governance(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    use crate::governance::{NewAnnualMeeting, NewBoardMeeting, NewMember};
    use havre_domain::governance::MemberKind;
    let coordinator = demo_reader(
        &store
            .user_by_email("coordination@latraversee.example")
            .await?,
    );
    if !store.members(&coordinator).await?.is_empty() {
        return Ok(());
    }
    let today = centre.time_zone.day_of(store.now());
    let since = today - chrono::Days::new(3 * 365);
    let mut present = Vec::new();
    for (name, kind) in [
        ("Sophie Gagnon", MemberKind::Worker),
        ("Nathalie Roy", MemberKind::Worker),
        ("Justine Côté", MemberKind::Worker),
        ("Louise Bergeron", MemberKind::BoardMember),
        ("Hélène Fortin", MemberKind::BoardMember),
        ("Carole Pelletier", MemberKind::Activist),
        ("Marie-Ève Lavoie", MemberKind::Activist),
        ("Diane Morin", MemberKind::OtherMember),
    ] {
        let id = store
            .add_member(
                &coordinator,
                NewMember {
                    name: name.into(),
                    kind,
                    joined_on: since,
                    left_on: None,
                },
            )
            .await?;
        if kind != MemberKind::OtherMember {
            present.push(id);
        }
    }
    let evening = |day: chrono::NaiveDate| {
        centre
            .time_zone
            .instant(day.and_hms_opt(18, 30, 0).unwrap_or_default())
            .unwrap_or_else(|| store.now())
    };
    for month in 1..=6u64 {
        store
            .record_board_meeting(
                &coordinator,
                NewBoardMeeting {
                    held_at: evening(today - chrono::Days::new(30 * month)),
                    length_minutes: 180,
                    preparation_minutes: 180,
                    minutes_writing_minutes: 120,
                    present: present.clone().into_iter().collect(),
                },
            )
            .await?;
    }
    store
        .record_annual_meeting(
            &coordinator,
            NewAnnualMeeting {
                held_at: evening(today - chrono::Days::new(100)),
                members_present: 21,
                non_members_present: 12,
                preparation_minutes: 120 * 60,
                report_minutes: 90 * 60,
                presence_minutes: 20 * 60,
            },
        )
        .await?;
    Ok(())
}

/// The team's text of the individual-intervention section of this year's report, as the seed
/// report opens it. Written once.
async fn ensure_demo_narrative(
    store: &Store,
    centre: &crate::organizations::Organization,
) -> Result<(), StoreError> {
    let today = centre.time_zone.day_of(store.now());
    let (first, last) = centre.year_of(today);
    if !store.narratives(centre.id, first, last).await?.is_empty() {
        return Ok(());
    }
    let coordinator = store
        .user_by_email("coordination@latraversee.example")
        .await?;
    store
        .save_narrative(
            &demo_reader(&coordinator),
            first,
            last,
            "individual",
            "Les suivis individuels occupent toujours une place prépondérante au centre : une \
             partie considérable du temps d'intervention y est consacrée.\n\nNous avons continué \
             de rencontrer les adolescentes dans leur milieu scolaire lorsqu'un déplacement de \
             leur part s'avérait impossible.",
        )
        .await
}

/// The shelter's two houses — Maison du Jalon at a secret address, with its apartments, and
/// Les Appartements du Fleuve with apartments and rooms for women alone: 12 apartments and 3
/// rooms in all, three years of stays one after another in each unit, the women who live there
/// today (one of them near the end of her two years), and the requests for a place, most of them
/// turned away for want of one. Added once.
async fn ensure_demo_housing(store: &Store) -> Result<(), StoreError> {
    use crate::housing::{NewHouse, NewHousingRequest, NewStay, RequestDecision, Resident};
    use havre_domain::housing::{
        ExitDestination, NewUnit, RequestSource, TurnAwayReason, UnitKind,
    };
    let shelter = store.organization_by_name(SHELTER_NAME).await?;
    if store.has_houses(shelter.id).await? {
        return Ok(());
    }
    let coordinator = demo_reader(&store.user_by_email("coordination@lejalon.example").await?);
    let worker = store.user_by_email("intervention@lejalon.example").await?;
    let today = shelter.time_zone.day_of(store.now());
    let opened = today - chrono::Months::new(40);
    let first = today - chrono::Months::new(36);
    let jalon = store
        .create_house(
            &coordinator,
            NewHouse {
                name: "Maison du Jalon".into(),
                region: Some("Capitale-Nationale".into()),
                address: Some("1280, rue des Érables-Rouges".into()),
                address_secret: true,
                max_stay_months: havre_domain::housing::DEFAULT_MAX_STAY_MONTHS,
            },
        )
        .await?;
    let fleuve = store
        .create_house(
            &coordinator,
            NewHouse {
                name: "Les Appartements du Fleuve".into(),
                region: Some("Chaudière-Appalaches".into()),
                address: Some("45, avenue du Quai".into()),
                address_secret: false,
                max_stay_months: 18,
            },
        )
        .await?;
    store
        .set_house_staff(&coordinator, jalon, vec![coordinator.user_id, worker.id])
        .await?;
    // (house, name, kind, bedrooms, places)
    let mut units = Vec::new();
    for i in 0..8 {
        let bedrooms = 2 + i % 3;
        units.push((
            jalon,
            format!("Logement {}", i + 1),
            UnitKind::Apartment,
            Some(bedrooms),
            bedrooms + 1,
        ));
    }
    for i in 0..4 {
        let bedrooms = 1 + i % 2;
        units.push((
            fleuve,
            format!("Logement {}", 101 + i),
            UnitKind::Apartment,
            Some(bedrooms),
            bedrooms + 1,
        ));
    }
    for i in 0..3 {
        units.push((
            fleuve,
            format!("Chambre {}", i + 1),
            UnitKind::Room,
            None,
            1,
        ));
    }
    const FIRST_NAMES: [&str; 12] = [
        "Mélanie",
        "Sarah",
        "Kim",
        "Audrey",
        "Jessica",
        "Valérie",
        "Nadia",
        "Amélie",
        "Fatima",
        "Josée",
        "Catherine",
        "Léa",
    ];
    const LAST_NAMES: [&str; 9] = [
        "Lapointe",
        "Girard",
        "Poulin",
        "Caron",
        "Bélanger",
        "Ouellet",
        "Dubé",
        "Leclerc",
        "Benali",
    ];
    const DESTINATIONS: [ExitDestination; 10] = [
        ExitDestination::SocialHousing,
        ExitDestination::PrivateHousing,
        ExitDestination::SocialHousing,
        ExitDestination::WithFamily,
        ExitDestination::AnotherShelter,
        ExitDestination::PrivateHousing,
        ExitDestination::FirstStageShelter,
        ExitDestination::ViolentPartner,
        ExitDestination::Unknown,
        ExitDestination::SocialHousing,
    ];
    let mut n = 0usize;
    for (u, (house, name, kind, bedrooms, places)) in units.into_iter().enumerate() {
        let unit_id = store
            .add_unit(
                &coordinator,
                house,
                NewUnit {
                    name,
                    kind,
                    bedrooms,
                    places,
                    opened_on: opened,
                },
            )
            .await?;
        // Stays one after the other, about a year in an apartment, a few months in a room.
        let mut entered = first + chrono::Days::new((u as u64 * 23) % 90);
        // The first apartment's woman came 22 months ago: her two years end soon.
        if u == 0 {
            entered = today - chrono::Months::new(22);
        }
        loop {
            let days = match kind {
                UnitKind::Apartment => 240 + (n as u64 * 53) % 300,
                UnitKind::Room => 90 + (n as u64 * 37) % 150,
            };
            let children: Vec<u8> = (0..(n % places.max(1) as usize).min(3))
                .map(|c| ((n * 5 + c * 4) % 17) as u8)
                .collect();
            let stay = store
                .admit_to_house(
                    &coordinator,
                    NewStay {
                        unit_id,
                        resident: Resident::NewFile {
                            name: format!(
                                "{} {}",
                                FIRST_NAMES[n % FIRST_NAMES.len()],
                                LAST_NAMES[(n / 3 + u) % LAST_NAMES.len()]
                            ),
                            network_consent: !n.is_multiple_of(7),
                        },
                        entered_on: entered,
                        moved_in_on: Some(entered + chrono::Days::new(n as u64 % 8)),
                        children,
                        request_id: None,
                    },
                )
                .await?;
            n += 1;
            let exited = entered + chrono::Days::new(days);
            if u == 0 || exited >= today {
                break;
            }
            store
                .record_exit(
                    &coordinator,
                    stay,
                    exited,
                    DESTINATIONS[n % DESTINATIONS.len()],
                )
                .await?;
            entered = exited + chrono::Days::new(5 + (n as u64 * 7) % 25);
            if entered >= today {
                break;
            }
        }
    }
    // A request for a place every five weeks or so: most turned away for want of a place.
    const SOURCES: [RequestSource; 5] = [
        RequestSource::Shelter,
        RequestSource::Herself,
        RequestSource::Calacs,
        RequestSource::SocialServices,
        RequestSource::Shelter,
    ];
    for i in 0..30u64 {
        let received = first + chrono::Days::new(i * 36 + 3);
        if received >= today {
            break;
        }
        let request = store
            .record_housing_request(
                &coordinator,
                NewHousingRequest {
                    received_on: received,
                    source: SOURCES[i as usize % SOURCES.len()],
                    alias: Some(format!("Demande {}", i + 1)),
                    person_id: None,
                    children: (i % 4) as i32,
                    wants_kind: Some(if i % 4 == 0 {
                        UnitKind::Room
                    } else {
                        UnitKind::Apartment
                    }),
                    bedrooms_needed: None,
                    note: None,
                },
            )
            .await?;
        let decision = match i % 6 {
            0..=2 => Some(RequestDecision::TurnAway(TurnAwayReason::NoPlace)),
            3 => Some(RequestDecision::TurnAway(TurnAwayReason::UnitNotSuited)),
            4 => Some(RequestDecision::Withdrawn),
            _ => None,
        };
        let on = received + chrono::Days::new(4);
        if let Some(decision) = decision.filter(|_| on < today) {
            store
                .decide_housing_request(&coordinator, request, decision, on)
                .await?;
        }
    }
    Ok(())
}

/// The demo's Brigade: its two years, once, and the account of a caseworker of PECH, with a
/// fresh password at each start as every demo account.
async fn ensure_demo_brigade(store: &Store) -> Result<DemoAccount, StoreError> {
    let brigade = store.organization_by_name(BRIGADE_NAME).await?;
    if !store.has_missions(brigade.id).await? {
        crate::demo_missions::fill_years(store, brigade.id, Default::default()).await?;
    }
    let coordinator = demo_reader(
        &store
            .user_by_email("coordination@brigade-capitale.example")
            .await?,
    );
    let password = demo_password();
    let name = "Marc-André Lavoie";
    match store.user_by_email(PARTNER_EMAIL).await {
        Ok(existing) => {
            store
                .set_password(&Actor::operator(), existing.id, &password)
                .await?
        }
        Err(StoreError::NotFound) => {
            let pech = store
                .partners(&coordinator)
                .await?
                .into_iter()
                .find(|p| p.name == "PECH")
                .ok_or(StoreError::NotFound)?;
            store
                .add_partner_account(
                    &coordinator,
                    pech.id,
                    crate::missions::PartnerAccount {
                        name: name.into(),
                        email: PARTNER_EMAIL.into(),
                        password: password.clone(),
                    },
                )
                .await?;
        }
        Err(e) => return Err(e),
    }
    Ok(DemoAccount {
        organization: BRIGADE_NAME.into(),
        role: Role::PartnerCaseworker,
        name: name.into(),
        email: PARTNER_EMAIL.into(),
        password,
    })
}

/// A demo account, as the file rules see it, acting from the demo.
/// The demo network (docs/networks.md): the centre, the shelter, the care unit and the
/// Brigade are its members on this Havre; each shares its own part (help requests, housing,
/// care, missions) and has approved its submissions of last year and this year. Added once.
async fn ensure_demo_network(store: &Store) -> Result<(), StoreError> {
    use havre_domain::network::NetworkSection;
    let network = store.organization_by_name(NETWORK_NAME).await?;
    let admin = demo_reader(&store.user_by_email("admin@regroupement.example").await?);
    if !store.network_members(&admin).await?.is_empty() {
        return Ok(());
    }
    let today = network.time_zone.day_of(store.now());
    let (first, last) = network.year_start.year_of(today);
    let years = [
        (
            first - chrono::Months::new(12),
            last - chrono::Months::new(12),
        ),
        (first, last),
    ];
    for (name, region, coordinator, section) in [
        (
            CENTRE_NAME,
            "Côte-Nord",
            "coordination@latraversee.example",
            NetworkSection::Help,
        ),
        (
            SHELTER_NAME,
            "Capitale-Nationale",
            "coordination@lejalon.example",
            NetworkSection::Housing,
        ),
        (
            CARE_UNIT_NAME,
            "Île-de-France",
            "coordination@mdfcanal.example",
            NetworkSection::Care,
        ),
        (
            BRIGADE_NAME,
            "Capitale-Nationale",
            "coordination@brigade-capitale.example",
            NetworkSection::Missions,
        ),
    ] {
        let member = store.organization_by_name(name).await?;
        let id = store
            .add_network_member(
                &admin,
                &crate::networks::MemberForm {
                    name: name.into(),
                    region: region.into(),
                    joined_on: Some(today - chrono::Months::new(60)),
                    left_on: None,
                    opened_on: Some(today - chrono::Months::new(60)),
                    public_key: None,
                    organization_slug: Some(member.slug.clone()),
                },
            )
            .await?;
        let coordinator = demo_reader(&store.user_by_email(coordinator).await?);
        let share = store
            .share_with_network(&coordinator, Some(id), "", &[section])
            .await?;
        for (first, last) in years {
            store
                .submit_to_network(&coordinator, share, first, last)
                .await?;
        }
    }
    Ok(())
}

fn demo_reader(user: &crate::accounts::User) -> crate::reader::Reader {
    crate::reader::Reader {
        actor: Actor {
            organization_id: Some(user.organization_id),
            user_id: Some(user.id),
            ip: Some("demo".into()),
        },
        organization_id: user.organization_id,
        user_id: user.id,
        roles: user.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    }
}

/// The demo care unit (docs/care.md): its reception, doctor and police officer on site with
/// their professions, and a year of appointments, pathways and trainings. Made once.
async fn ensure_demo_care_unit(store: &Store) -> Result<(), StoreError> {
    use havre_domain::lists::ListKind;
    let unit = store.organization_by_name(CARE_UNIT_NAME).await?;
    let professions = store
        .list_values(unit.id, ListKind::Profession, false)
        .await?;
    for (email, key) in [
        ("accueil@mdfcanal.example", "reception"),
        ("medecin@mdfcanal.example", "doctor"),
        ("police@mdfcanal.example", "police"),
    ] {
        let user = store.user_by_email(email).await?;
        let profession = professions
            .iter()
            .find(|v| v.key.as_deref() == Some(key))
            .map(|v| v.id);
        if user.profession_id.is_none() && profession.is_some() {
            store
                .update_user(
                    &Actor {
                        organization_id: Some(unit.id),
                        ..Actor::operator()
                    },
                    unit.id,
                    user.id,
                    crate::accounts::UserChanges {
                        profession: Some(profession),
                        ..Default::default()
                    },
                )
                .await?;
        }
    }
    if crate::demo_care::has_year(store, unit.id).await? {
        return Ok(());
    }
    crate::demo_care::fill_year(store, unit.id, crate::demo_care::CareYear::default()).await?;
    // The demo doctor and police officer see women this afternoon: their files open to them.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let coordinator = store.user_by_email("coordination@mdfcanal.example").await?;
    let reader = store
        .reader_for(
            &coordinator,
            Actor {
                organization_id: Some(unit.id),
                user_id: Some(coordinator.id),
                ip: Some("demo".into()),
            },
        )
        .await?;
    let women: Vec<uuid::Uuid> = crate::entity::person::Entity::find()
        .filter(crate::entity::person::Column::OrganizationId.eq(unit.id))
        .select_only()
        .column(crate::entity::person::Column::Id)
        .limit(4)
        .into_tuple()
        .all(store.db())
        .await?;
    let today = unit.time_zone.day_of(store.now());
    for (i, (email, woman)) in [
        "medecin@mdfcanal.example",
        "medecin@mdfcanal.example",
        "medecin@mdfcanal.example",
        "police@mdfcanal.example",
    ]
    .into_iter()
    .zip(women)
    .enumerate()
    {
        let professional = store.user_by_email(email).await?;
        let at = today.and_hms_opt(14 + i as u32, 0, 0).unwrap_or_default();
        store
            .book_appointment(
                &reader,
                crate::care::NewAppointment {
                    person_id: woman.into(),
                    professional_id: professional.id,
                    room_id: None,
                    starts_at: unit.time_zone.instant(at),
                    minutes: 45,
                    step_id: None,
                },
            )
            .await?;
    }
    Ok(())
}
