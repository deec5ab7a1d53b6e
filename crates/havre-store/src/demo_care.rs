//! A care unit's year, made up (docs/care.md, docs/benchmarks.md "Care units"): 70
//! professionals, about 4,100 women and 20,000 appointments over the last twelve months, today's
//! agenda of 90, three pathways under agreements, a training module given to 230 professionals,
//! interns hosted. The demo's care unit is made with it, and so is `havre bench-care`'s.
//!
//! The rows are written in bulk, in one transaction, without an audit entry each: they are an
//! invented history, not anyone's acts. Names are invented and sealed as any name is.

use crate::crypto::FieldRef;
use crate::entity::{
    agreement, appointment, hosting, list_value, pathway, pathway_enrolment, pathway_step, person,
    step_completion, training_given, training_participant, user,
};
use crate::organizations::{NewOrganization, OrganizationKind};
use crate::{Actor, Store, StoreError};
use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Weekday};
use havre_domain::care::AppointmentStatus;
use havre_domain::ids::OrganizationId;
use havre_domain::lists::ListKind;
use havre_domain::policy::{Role, Roles};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::collections::HashMap;
use uuid::Uuid;

/// How big a year to make.
#[derive(Clone, Copy, Debug)]
pub struct CareYear {
    pub professionals: usize,
    pub women: usize,
    pub appointments: usize,
    /// Appointments on today's agenda.
    pub today: usize,
}

impl Default for CareYear {
    /// The Maisons des femmes's year: "70 professionnels", "plus de 4 100 femmes",
    /// "chaque jour 60 à 90 femmes".
    fn default() -> Self {
        CareYear {
            professionals: 70,
            women: 4_100,
            appointments: 20_000,
            today: 90,
        }
    }
}

/// A small deterministic generator, so that two runs make the same year.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FIRST_NAMES: [&str; 24] = [
    "Amina", "Léa", "Fatou", "Sarah", "Inès", "Chloé", "Aïcha", "Manon", "Yasmine", "Camille",
    "Nadia", "Julie", "Mariam", "Emma", "Samira", "Laura", "Awa", "Clara", "Leïla", "Anaïs",
    "Kadiatou", "Océane", "Rokia", "Lina",
];
const LAST_NAMES: [&str; 20] = [
    "Diallo", "Martin", "Benali", "Traoré", "Dubois", "Haddad", "Moreau", "Koné", "Lefebvre",
    "Mansouri", "Girard", "Cissé", "Fontaine", "Belkacem", "Roux", "Sylla", "Mercier", "Amrani",
    "Blanc", "Keïta",
];

/// The professions of the 70, by key of Havre's list, and how many of each.
const TEAM: [(&str, usize); 10] = [
    ("doctor", 10),
    ("midwife", 8),
    ("nurse", 6),
    ("psychologist", 12),
    ("legal", 8),
    ("police", 4),
    ("social_worker", 8),
    ("caseworker", 6),
    ("art_therapist", 4),
    ("sport", 4),
];

/// Makes a care unit in France (calendar year, Paris's clock) with a year of activity up to
/// today, and returns it.
pub async fn make_care_unit(
    store: &Store,
    name: &str,
    size: CareYear,
) -> Result<OrganizationId, StoreError> {
    let org = store
        .create_organization(
            &Actor::operator(),
            NewOrganization {
                name: name.into(),
                kind: OrganizationKind::Centre,
                require_totp: false,
                public_info: Default::default(),
                time_zone: havre_domain::zone::Zone::parse("Europe/Paris").unwrap_or_default(),
                year_start: havre_domain::year::YearStart::JANUARY,
                country: havre_domain::year::Country::France,
            },
        )
        .await?;
    fill_year(store, org.id, size).await?;
    Ok(org.id)
}

/// The year's rows of an organization that has none yet.
pub(crate) async fn fill_year(
    store: &Store,
    org: OrganizationId,
    size: CareYear,
) -> Result<(), StoreError> {
    let zone = store.organization(org).await?.time_zone;
    let today = zone.day_of(store.now());
    let now = store.now();
    let mut dice = Dice(0x5eed_ca7e);
    let professions: HashMap<String, Uuid> = store
        .list_values(org, ListKind::Profession, false)
        .await?
        .into_iter()
        .filter_map(|v| v.key.map(|k| (k, v.id.uuid())))
        .collect();
    let profession = |key: &str| {
        professions
            .get(key)
            .copied()
            .ok_or_else(|| StoreError::Other(format!("demo profession {key}")))
    };
    let txn = store.db().begin().await?;
    let keys = store.keys();
    let seal = |table: &'static str, column: &'static str, row: &str, value: &str| {
        keys.seal(FieldRef { table, column, row }, value)
    };

    // Twelve rooms.
    let mut rooms = Vec::new();
    for i in 0..12 {
        let id = Uuid::new_v4();
        let label = format!("Salle {}", i + 1);
        list_value::ActiveModel {
            id: Set(id),
            organization_id: Set(org.into()),
            list: Set(ListKind::Room.key().to_owned()),
            key: Set(None),
            label_fr: Set(label.clone()),
            label_en: Set(format!("Room {}", i + 1)),
            position: Set(i),
            category: Set(None),
            retired_at: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        rooms.push(id);
    }

    // The team: caseworkers by role, each with her profession. They are given their password
    // by the administrator; until then none opens a session.
    let mut team: Vec<(Uuid, &str)> = Vec::new();
    let mut rows = Vec::new();
    let per_kind = TEAM.iter().map(|(_, n)| n).sum::<usize>().max(1);
    for (key, n) in TEAM {
        let n = (n * size.professionals).div_ceil(per_kind);
        for i in 0..n {
            let id = Uuid::new_v4();
            let row = id.to_string();
            let email = format!("{key}{:02}.{}@demo-soins.example", i + 1, &row[..8]);
            let name = format!(
                "{} {}",
                FIRST_NAMES[dice.below(FIRST_NAMES.len())],
                LAST_NAMES[dice.below(LAST_NAMES.len())]
            );
            rows.push(user::ActiveModel {
                id: Set(id),
                organization_id: Set(org.into()),
                email_index: Set(store.email_index(&email)),
                email_sealed: Set(seal("users", "email", &row, &email)),
                name_sealed: Set(seal("users", "name", &row, &name)),
                password_hash: Set("!".into()),
                roles: Set(Roles::new(vec![Role::Caseworker]).to_stored()),
                totp_secret_sealed: Set(None),
                totp_enabled: Set(false),
                totp_last_step: Set(None),
                locale: Set(None),
                profession_id: Set(Some(profession(key)?)),
                partner_id: Set(None),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
            });
            team.push((id, key));
        }
    }
    user::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    let of = |key: &str| -> Vec<Uuid> {
        team.iter()
            .filter(|(_, k)| *k == key)
            .map(|(id, _)| *id)
            .collect()
    };

    // The women, each with a file of her name only.
    let mut women = Vec::with_capacity(size.women);
    for chunk in (0..size.women).collect::<Vec<_>>().chunks(500) {
        let mut rows = Vec::new();
        for _ in chunk {
            let id = Uuid::new_v4();
            let name = format!(
                "{} {}",
                FIRST_NAMES[dice.below(FIRST_NAMES.len())],
                LAST_NAMES[dice.below(LAST_NAMES.len())]
            );
            let (key, key_sealed) = store.new_file_key(id);
            let key = Some(&key);
            rows.push(person::ActiveModel {
                id: Set(id),
                organization_id: Set(org.into()),
                name_sealed: Set(store.seal_in(key, "persons", "name", id, name.as_bytes())),
                phone_sealed: Set(None),
                birth_year_sealed: Set(None),
                safe_contact_sealed: Set(store.seal_in(key, "persons", "safe_contact", id, b"{}")),
                phone_index: Set(None),
                name_year_index: Set(None),
                created_at: Set(now),
                file_key_sealed: Set(Some(key_sealed)),
                destroyed_at: Set(None),
                network_consent: Set(true),
            });
            women.push(id);
        }
        person::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }

    // The open days of the last twelve months: weekdays.
    let mut days: Vec<NaiveDate> = (1..=365u64)
        .filter_map(|n| today.checked_sub_days(Days::new(n)))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    days.reverse();

    // Three pathways under agreements.
    // Each pathway, with its steps: the step, the profession that takes it, a complaint.
    type Steps<'a> = Vec<(Uuid, &'a str, bool)>;
    let mut pathways: Vec<(Uuid, Steps)> = Vec::new();
    for (partner, kind, figures, pathway_name, steps) in [
        (
            "Parquet de Bobigny",
            "prosecutor_office",
            "women,complaints_on_site,median_delay_days",
            "CORALIS",
            vec![
                ("Accueil et évaluation", "social_worker", false),
                ("Examen médico-légal et prélèvements", "doctor", false),
                ("Plainte déposée sur place", "police", true),
                ("Suivi psychologique", "psychologist", false),
                ("Conseil juridique", "legal", false),
            ],
        ),
        (
            "Assurance maladie",
            "health_insurer",
            "women,new_women,appointments",
            "Soutien psychologique",
            vec![
                ("Premier entretien", "psychologist", false),
                ("Séances de suivi", "psychologist", false),
            ],
        ),
        (
            "Ministère des Armées",
            "ministry",
            "women,steps_completed",
            "Militaires victimes",
            vec![
                ("Accueil", "social_worker", false),
                ("Consultation médicale", "doctor", false),
                ("Accompagnement juridique", "legal", false),
            ],
        ),
    ] {
        let agreement_id = Uuid::new_v4();
        agreement::ActiveModel {
            id: Set(agreement_id),
            organization_id: Set(org.into()),
            partner: Set(partner.into()),
            kind: Set(kind.into()),
            signed_on: Set(today - TimeDelta::days(800)),
            ends_on: Set(None),
            figures: Set(figures.into()),
            created_by: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        let pathway_id = Uuid::new_v4();
        pathway::ActiveModel {
            id: Set(pathway_id),
            organization_id: Set(org.into()),
            name: Set(pathway_name.into()),
            agreement_id: Set(Some(agreement_id)),
            retired_at: Set(None),
            created_by: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        let mut ids = Vec::new();
        for (position, (step, key, complaint)) in steps.into_iter().enumerate() {
            let id = Uuid::new_v4();
            pathway_step::ActiveModel {
                id: Set(id),
                organization_id: Set(org.into()),
                pathway_id: Set(pathway_id),
                position: Set(position as i32 + 1),
                name: Set(step.into()),
                profession_id: Set(Some(profession(key)?)),
                complaint: Set(complaint),
            }
            .insert(&txn)
            .await?;
            ids.push((id, key, complaint));
        }
        pathways.push((pathway_id, ids));
    }

    // The appointments: each woman comes on a first day and returns a few times; one in
    // twelve appointments is missed. A woman on a pathway takes its steps in order, a few days
    // apart, each at an appointment booked for it.
    let mut appointments = Vec::with_capacity(size.appointments + size.today);
    let mut enrolments = Vec::new();
    let mut completions = Vec::new();
    let all_kinds: Vec<&str> = TEAM.iter().map(|(k, _)| *k).collect();
    let hour = |dice: &mut Dice, day: NaiveDate| {
        let at = NaiveTime::from_hms_opt(9 + dice.below(8) as u32, 15 * dice.below(4) as u32, 0)
            .unwrap_or_default();
        zone.instant(day.and_time(at)).unwrap_or(now)
    };
    let mut made = 0usize;
    for (w, woman) in women.iter().enumerate() {
        if made >= size.appointments || days.is_empty() {
            break;
        }
        let first = dice.below(days.len());
        // Her share of the appointments left, give or take: every woman comes at least once
        // and the year ends with its count.
        let fair = (size.appointments - made).div_ceil(size.women - w).max(1);
        let visits = (1 + dice.below(2 * fair - 1)).min(size.appointments - made);
        // One woman in six follows a pathway.
        let on_pathway = (w % 6 == 0).then(|| &pathways[w / 6 % pathways.len()]);
        let enrolment = on_pathway.map(|(pathway_id, _)| {
            let id = Uuid::new_v4();
            enrolments.push(pathway_enrolment::ActiveModel {
                id: Set(id),
                organization_id: Set(org.into()),
                pathway_id: Set(*pathway_id),
                person_id: Set(*woman),
                started_on: Set(days[first]),
                ended_on: Set(None),
                created_by: Set(None),
                created_at: Set(now),
            });
            id
        });
        // Late in the year, she starts early enough to come back.
        let mut day_index = first.min(days.len().saturating_sub(visits * 8));
        for v in 0..visits {
            if day_index >= days.len() {
                break;
            }
            let step = on_pathway.and_then(|(_, steps)| steps.get(v));
            let key = match step {
                Some((_, key, _)) => *key,
                None => all_kinds[dice.below(all_kinds.len())],
            };
            let pros = of(key);
            let professional = pros[dice.below(pros.len())];
            let day = days[day_index];
            let starts_at = hour(&mut dice, day);
            let missed = dice.below(12) == 0;
            let id = Uuid::new_v4();
            appointments.push(appointment::ActiveModel {
                id: Set(id),
                organization_id: Set(org.into()),
                person_id: Set(*woman),
                professional_id: Set(professional),
                room_id: Set(Some(rooms[dice.below(rooms.len())])),
                starts_at: Set(starts_at),
                minutes: Set(30 + 15 * dice.below(3) as i32),
                status: Set(if missed {
                    AppointmentStatus::Missed
                } else {
                    AppointmentStatus::Gone
                }
                .key()
                .to_owned()),
                walk_in: Set(v == 0 && dice.below(5) == 0),
                arrived_at: Set((!missed).then_some(starts_at)),
                seen_at: Set((!missed).then(|| starts_at + TimeDelta::minutes(10))),
                left_at: Set((!missed).then(|| starts_at + TimeDelta::minutes(55))),
                booked_by: Set(None),
                step_id: Set(step.map(|(s, _, _)| *s)),
                created_at: Set(now),
            });
            if let (Some(enrolment), Some((step, _, _)), false) = (enrolment, step, missed) {
                completions.push(step_completion::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set(org.into()),
                    enrolment_id: Set(enrolment),
                    step_id: Set(*step),
                    done_on: Set(day),
                    appointment_id: Set(Some(id)),
                    created_by: Set(None),
                    created_at: Set(now),
                });
            }
            made += 1;
            day_index += 1 + dice.below(15);
        }
    }
    // Today's agenda: from 9 h, with every profession, nobody arrived yet.
    {
        for i in 0..size.today {
            let (professional, _) = team[i % team.len()];
            let at = NaiveTime::from_hms_opt(9 + (i / team.len().max(1)) as u32 * 2, 0, 0)
                .unwrap_or_default();
            let starts_at = zone.instant(today.and_time(at)).unwrap_or(now);
            appointments.push(appointment::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(org.into()),
                person_id: Set(women[dice.below(women.len())]),
                professional_id: Set(professional),
                room_id: Set(Some(rooms[i % rooms.len()])),
                starts_at: Set(starts_at),
                minutes: Set(45),
                status: Set(AppointmentStatus::Expected.key().to_owned()),
                walk_in: Set(false),
                arrived_at: Set(None),
                seen_at: Set(None),
                left_at: Set(None),
                booked_by: Set(None),
                step_id: Set(None),
                created_at: Set(now),
            });
        }
    }
    for chunk in enrolments.chunks(500) {
        pathway_enrolment::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in appointments.chunks(500) {
        appointment::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in completions.chunks(500) {
        step_completion::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }

    // In-Vivo, five sessions this year: 230 professionals.
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let mut session_days: Vec<NaiveDate> =
        days.iter().copied().filter(|d| *d >= year_start).collect();
    if session_days.is_empty() {
        session_days.push(today);
    }
    for session in 0..5usize {
        let id = Uuid::new_v4();
        let day = session_days[session * session_days.len() / 5];
        training_given::ActiveModel {
            id: Set(id),
            organization_id: Set(org.into()),
            held_at: Set(zone
                .instant(day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()))
                .unwrap_or(now)),
            audience: Set("other".into()),
            title: Set(format!("In-Vivo, session {}", session + 1)),
            module: Set(Some("In-Vivo".into())),
            participants: Set(46),
            minutes: Set(360),
            preparation_minutes: Set(120),
            travel_minutes: Set(0),
            created_by: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        for (key, n) in [
            ("doctor", 12),
            ("nurse", 14),
            ("police", 10),
            ("midwife", 10),
        ] {
            training_participant::ActiveModel {
                training_id: Set(id),
                profession_id: Set(profession(key)?),
                organization_id: Set(org.into()),
                participants: Set(n),
            }
            .insert(&txn)
            .await?;
        }
    }
    // Interns and observers.
    for (i, (kind, school)) in [
        ("intern", "École de sages-femmes"),
        ("intern", "Institut de formation en soins infirmiers"),
        ("intern", "Faculté de médecine"),
        ("intern", "École de psychologues praticiens"),
        ("observer", "Ministère des Armées"),
        ("observer", "École nationale de la magistrature"),
    ]
    .into_iter()
    .enumerate()
    {
        let start = days[(i * 37) % days.len()];
        hosting::ActiveModel {
            id: Set(Uuid::new_v4()),
            organization_id: Set(org.into()),
            kind: Set(kind.into()),
            school: Set(school.into()),
            profession_id: Set(None),
            starts_on: Set(start),
            ends_on: Set(start + TimeDelta::days(if kind == "intern" { 60 } else { 3 })),
            created_by: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether the organization already has its year.
pub(crate) async fn has_year(store: &Store, org: OrganizationId) -> Result<bool, StoreError> {
    Ok(appointment::Entity::find()
        .filter(appointment::Column::OrganizationId.eq(org))
        .one(store.db())
        .await?
        .is_some())
}
