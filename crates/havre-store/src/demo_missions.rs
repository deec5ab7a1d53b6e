//! A Brigade's two years, made up (docs/missions.md, docs/benchmarks.md "Missions"): the ten
//! member partners of the seed's Brigade, twelve workers with a raise each May, about 400
//! service requests growing from three a week to five, their missions with two or three
//! workers each, the hours signed in, the pay statements of the periods over approved, and the
//! partners' reports six months after. The demo's Brigade is made with it, and so is
//! `havre bench-missions`'s.
//!
//! As the care unit's year, the rows are written in bulk in one transaction, without an audit
//! entry each: an invented history, not anyone's acts. Names are invented and sealed as any
//! name is.

use crate::demo_care::Dice;
use crate::entity::{
    mission, mission_task, mission_worker, partner, pay_schedule, pay_statement, service_request,
    service_request_event, user, worked_hours, worker, worker_rate,
};
use crate::missions::{REQUESTS, Tenant, WORKERS, tenant_key};
use crate::organizations::{NewOrganization, OrganizationKind};
use crate::{Actor, Store, StoreError};
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use havre_domain::ids::OrganizationId;
use havre_domain::lists::ListKind;
use havre_domain::missions::{
    MissionStatus, PayFrequency, PayLine, RateChange, Risk, ServiceRequestStatus, WorkedTime,
    pay_lines, six_months_after,
};
use havre_domain::policy::partner_account_roles;
use sea_orm::{EntityTrait, Set, TransactionTrait};
use std::collections::BTreeMap;
use uuid::Uuid;

/// How big a history to make.
#[derive(Clone, Copy, Debug)]
pub struct BrigadeYears {
    pub workers: usize,
    /// Requests a week at the start of the two years, and at their end.
    pub requests_per_week: (usize, usize),
}

impl Default for BrigadeYears {
    /// The seed's Brigade: ten partners, twelve workers, growing.
    fn default() -> Self {
        BrigadeYears {
            workers: 12,
            requests_per_week: (3, 5),
        }
    }
}

/// The member partners the seed names, and the day each joined (one joined last year).
pub const PARTNERS: [&str; 10] = [
    "Clés en main",
    "PECH",
    "L'Archipel d'entraide",
    "Le Centre femmes aux 3 A",
    "Le Centre communautaire l'amitié",
    "MIELS-Québec",
    "Le Projet intervention prostitution Québec (PIPQ)",
    "Le YWCA Québec",
    "Lauberivière",
    "Océan",
];

const WORKER_NAMES: [&str; 16] = [
    "Line Bouchard",
    "Paul Gagnon",
    "Mona Lévesque",
    "Réjean Côté",
    "Sylvie Pelletier",
    "Marc-Antoine Roy",
    "Guylaine Bergeron",
    "Steve Morin",
    "Nathalie Gauthier",
    "Denis Ouellet",
    "Karine Fortin",
    "Jocelyn Girard",
    "Chantal Simard",
    "Éric Lapointe",
    "Josée Cloutier",
    "Richard Boucher",
];

const TENANT_FIRST: [&str; 16] = [
    "Jeanne", "Lucie", "Rita", "Diane", "Claude", "Sophie", "Ginette", "Yvon", "Francine",
    "Robert", "Huguette", "Normand", "Monique", "André", "Solange", "Gilles",
];
const TENANT_LAST: [&str; 14] = [
    "Tremblay",
    "Paradis",
    "Côté",
    "Caron",
    "Bélanger",
    "Morin",
    "Lavoie",
    "Fortin",
    "Gagné",
    "Ouellet",
    "Pelletier",
    "Bouchard",
    "Dion",
    "Poulin",
];

/// Makes a Brigade in Québec (April to March) with two years of missions up to today, and
/// returns it.
pub async fn make_brigade(
    store: &Store,
    name: &str,
    size: BrigadeYears,
) -> Result<OrganizationId, StoreError> {
    let org = store
        .create_organization(
            &Actor::operator(),
            NewOrganization {
                name: name.into(),
                kind: OrganizationKind::Centre,
                require_totp: false,
                public_info: Default::default(),
                time_zone: Default::default(),
                year_start: Default::default(),
                country: Default::default(),
            },
        )
        .await?;
    fill_years(store, org.id, size).await?;
    Ok(org.id)
}

/// The two years' rows of an organization that has none yet.
pub(crate) async fn fill_years(
    store: &Store,
    org: OrganizationId,
    size: BrigadeYears,
) -> Result<(), StoreError> {
    let zone = store.organization(org).await?.time_zone;
    let now = store.now();
    let today = zone.day_of(now);
    let start = today - Days::new(730);
    let mut dice = Dice(0xb1d6_ade5);
    let tasks: Vec<Uuid> = store
        .list_values(org, ListKind::MissionTask, false)
        .await?
        .into_iter()
        .map(|v| v.id.uuid())
        .collect();
    if tasks.is_empty() {
        return Err(StoreError::Other("the demo's tasks".into()));
    }
    let txn = store.db().begin().await?;

    // The partners, each with an account its requests are filed by (its password is given
    // by the coordinator; until then it opens no session).
    let mut partners = Vec::new();
    let mut users = Vec::new();
    for (i, name) in PARTNERS.iter().enumerate() {
        let id = Uuid::new_v4();
        let joined_on = if i == PARTNERS.len() - 1 {
            today - Days::new(300)
        } else {
            start - Days::new(200)
        };
        partner::Entity::insert(partner::ActiveModel {
            id: Set(id),
            organization_id: Set(org.into()),
            name: Set((*name).to_owned()),
            joined_on: Set(joined_on),
            left_on: Set(None),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        let user_id = Uuid::new_v4();
        let email = format!(
            "demandes{:02}.{}@demo-brigade.example",
            i + 1,
            &user_id.to_string()[..8]
        );
        users.push(user::ActiveModel {
            id: Set(user_id),
            organization_id: Set(org.into()),
            email_index: Set(store.email_index(&email)),
            email_sealed: Set(store.seal_at("users", "email", user_id, &email)),
            name_sealed: Set(store.seal_at(
                "users",
                "name",
                user_id,
                &format!("Intervenante, {name}"),
            )),
            password_hash: Set("!".into()),
            roles: Set(partner_account_roles().to_stored()),
            totp_secret_sealed: Set(None),
            totp_enabled: Set(false),
            totp_last_step: Set(None),
            locale: Set(None),
            profession_id: Set(None),
            partner_id: Set(Some(id)),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        });
        partners.push((id, user_id, joined_on));
    }
    user::Entity::insert_many(users)
        .exec_without_returning(&txn)
        .await?;

    // Every two weeks from a Monday; a raise each first of May.
    let first_day = start - Days::new(start.weekday().num_days_from_monday().into());
    pay_schedule::Entity::insert(pay_schedule::ActiveModel {
        organization_id: Set(org.into()),
        frequency: Set(PayFrequency::Biweekly.key().to_owned()),
        first_day: Set(first_day),
    })
    .exec_without_returning(&txn)
    .await?;
    let mut workers = Vec::new();
    let mut rates: BTreeMap<Uuid, Vec<RateChange>> = BTreeMap::new();
    let mut rate_rows = Vec::new();
    for i in 0..size.workers {
        let id = Uuid::new_v4();
        let name = WORKER_NAMES[i % WORKER_NAMES.len()];
        let started_on = start - Days::new(30 + 40 * (i as u64 % 5));
        let personal = format!(
            "{{\"phone\":\"418 555-{:04}\",\"notes\":\"Parcours de réinsertion suivi par l'accompagnatrice.\"}}",
            1000 + i
        );
        worker::Entity::insert(worker::ActiveModel {
            id: Set(id),
            organization_id: Set(org.into()),
            name_sealed: Set(store.seal_at(WORKERS, "name", id, name)),
            personal_sealed: Set(Some(store.seal_at(WORKERS, "personal", id, &personal))),
            started_on: Set(started_on),
            ended_on: Set(None),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        let mut changes = vec![RateChange {
            from: started_on,
            cents_per_hour: 1_600,
        }];
        for year in started_on.year()..=today.year() {
            let may = NaiveDate::from_ymd_opt(year, 5, 1).unwrap_or(started_on);
            if started_on < may && may <= today {
                let last = changes.last().map_or(1_600, |c| c.cents_per_hour);
                changes.push(RateChange {
                    from: may,
                    cents_per_hour: last + 40,
                });
            }
        }
        for c in &changes {
            rate_rows.push(worker_rate::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(org.into()),
                worker_id: Set(id),
                from_on: Set(c.from),
                cents_per_hour: Set(c.cents_per_hour),
                created_by: Set(None),
                created_at: Set(now),
            });
        }
        rates.insert(id, changes);
        workers.push(id);
    }
    worker_rate::Entity::insert_many(rate_rows)
        .exec_without_returning(&txn)
        .await?;

    // The requests, week by week, more and more; the missions a week or two after each.
    let mut requests = Vec::new();
    let mut events = Vec::new();
    let mut missions = Vec::new();
    let mut links = Vec::new();
    let mut task_rows = Vec::new();
    let mut hours = Vec::new();
    // Each worker's missions, by day, not to put her on two at once.
    let mut busy: BTreeMap<(Uuid, NaiveDate), u32> = BTreeMap::new();
    let mut worked: BTreeMap<Uuid, Vec<WorkedTime>> = BTreeMap::new();
    let weeks = 104u64;
    for week in 0..weeks {
        let (low, high) = size.requests_per_week;
        let per_week = low + (high.saturating_sub(low)) * week as usize / weeks as usize;
        for _ in 0..per_week {
            let filed_on = start + Days::new(week * 7 + dice.below(5) as u64);
            if filed_on > today {
                continue;
            }
            let (partner_id, filed_by, joined_on) = partners[dice.below(partners.len())];
            if filed_on < joined_on {
                continue;
            }
            let id = Uuid::new_v4();
            // One tenant in six comes back: the same name, another request.
            let tenant = Tenant {
                name: format!(
                    "{} {}",
                    TENANT_FIRST[dice.below(TENANT_FIRST.len())],
                    TENANT_LAST[dice.below(TENANT_LAST.len())]
                ),
                phone: Some(format!("418 555-{:04}", 2000 + dice.below(8000))),
            };
            let age = (today - filed_on).num_days();
            let refused = dice.below(100) < 8;
            let mission_after = 5 + dice.below(16) as u64;
            let first_mission = filed_on + Days::new(mission_after);
            let status = if refused {
                ServiceRequestStatus::Closed
            } else if age < 3 {
                ServiceRequestStatus::Received
            } else if first_mission > today {
                ServiceRequestStatus::Planned
            } else if age > 60 {
                ServiceRequestStatus::Closed
            } else {
                ServiceRequestStatus::Done
            };
            let at = |day: NaiveDate, hour: u32| {
                zone.instant(day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()))
                    .unwrap_or(now)
            };
            let mut event = |day: NaiveDate, status: ServiceRequestStatus, by: Uuid| {
                events.push(service_request_event::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set(org.into()),
                    request_id: Set(id),
                    at: Set(at(day, 10)),
                    status: Set(status.key().to_owned()),
                    message_sealed: Set(None),
                    by_user: Set(Some(by)),
                });
            };
            event(filed_on, ServiceRequestStatus::Received, filed_by);
            let mut seen = 1;
            if refused {
                event(
                    filed_on + Days::new(2),
                    ServiceRequestStatus::Refused,
                    filed_by,
                );
                event(
                    filed_on + Days::new(9),
                    ServiceRequestStatus::Closed,
                    filed_by,
                );
                seen += 2;
            } else if status != ServiceRequestStatus::Received {
                event(
                    filed_on + Days::new(1),
                    ServiceRequestStatus::Accepted,
                    filed_by,
                );
                event(
                    filed_on + Days::new(2),
                    ServiceRequestStatus::Planned,
                    filed_by,
                );
                seen += 2;
            }
            // Its missions: one, or two for a bigger dwelling.
            let mut done_days = Vec::new();
            let mut made = 0;
            if !refused && status != ServiceRequestStatus::Received {
                let count = if dice.below(100) < 30 { 2 } else { 1 };
                for n in 0..count {
                    let mut day = first_mission + Days::new(7 * n);
                    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                        day = day + Days::new(1);
                    }
                    let morning = dice.below(2) == 0;
                    let (from, to) = if morning { (9, 12) } else { (13, 16) };
                    let slot = if morning { 1 } else { 2 };
                    let crew: Vec<Uuid> = {
                        let mut crew = Vec::new();
                        let wanted = 2 + dice.below(2);
                        for _ in 0..(wanted * 4) {
                            let w = workers[dice.below(workers.len())];
                            let taken = busy.get(&(w, day)).copied().unwrap_or(0);
                            if crew.len() < wanted && !crew.contains(&w) && taken & slot == 0 {
                                crew.push(w);
                            }
                        }
                        crew
                    };
                    if crew.is_empty() {
                        continue;
                    }
                    let done = day < today;
                    made += 1;
                    let mission_id = Uuid::new_v4();
                    missions.push(mission::ActiveModel {
                        id: Set(mission_id),
                        organization_id: Set(org.into()),
                        request_id: Set(id),
                        starts_at: Set(at(day, from)),
                        ends_at: Set(at(day, to)),
                        place_sealed: Set(store.seal_at(
                            "missions",
                            "place",
                            mission_id,
                            "Chez la personne locataire",
                        )),
                        supervisor_id: Set(None),
                        partner_attends: Set(dice.below(3) == 0),
                        status: Set(if done {
                            MissionStatus::Done
                        } else {
                            MissionStatus::Planned
                        }
                        .key()
                        .to_owned()),
                        report_sealed: Set(done.then(|| {
                            store.seal_at(
                                "missions",
                                "report",
                                mission_id,
                                "Travaux faits comme prévu ; le logement est prêt.",
                            )
                        })),
                        done_at: Set(done.then(|| at(day, to))),
                        created_by: Set(None),
                        created_at: Set(at(filed_on, 11)),
                    });
                    for t in [
                        tasks[dice.below(tasks.len())],
                        tasks[dice.below(tasks.len())],
                    ] {
                        if !task_rows.iter().any(|r: &mission_task::ActiveModel| {
                            r.mission_id.as_ref() == &mission_id && r.task_id.as_ref() == &t
                        }) {
                            task_rows.push(mission_task::ActiveModel {
                                mission_id: Set(mission_id),
                                task_id: Set(t),
                                organization_id: Set(org.into()),
                                done: Set(done),
                            });
                        }
                    }
                    for w in &crew {
                        *busy.entry((*w, day)).or_default() |= slot;
                        links.push(mission_worker::ActiveModel {
                            mission_id: Set(mission_id),
                            worker_id: Set(*w),
                            organization_id: Set(org.into()),
                        });
                        if done {
                            let time = WorkedTime {
                                day,
                                start: NaiveTime::from_hms_opt(from, 0, 0).unwrap_or_default(),
                                end: NaiveTime::from_hms_opt(to, 15 * dice.below(2) as u32, 0)
                                    .unwrap_or_default(),
                                break_minutes: 15 * dice.below(2) as i64,
                            };
                            worked.entry(*w).or_default().push(time);
                            hours.push(worked_hours::ActiveModel {
                                id: Set(Uuid::new_v4()),
                                organization_id: Set(org.into()),
                                mission_id: Set(mission_id),
                                worker_id: Set(*w),
                                day: Set(day),
                                start_minute: Set(crate::missions::minute_of(time.start)),
                                end_minute: Set(crate::missions::minute_of(time.end)),
                                break_minutes: Set(time.break_minutes as i32),
                                created_by: Set(None),
                                created_at: Set(at(day, 17)),
                            });
                        }
                    }
                    if done {
                        done_days.push(day);
                    }
                }
            }
            if let Some(last) = done_days.iter().max() {
                event(*last, ServiceRequestStatus::Done, filed_by);
                seen += 1;
                if status == ServiceRequestStatus::Closed {
                    event(*last + Days::new(7), ServiceRequestStatus::Closed, filed_by);
                    seen += 1;
                }
            }
            // The partner reports on most tenants six months after their first mission.
            let kept = done_days
                .iter()
                .min()
                .filter(|first| six_months_after(**first, today - Days::new(14)))
                .filter(|_| dice.below(100) < 65)
                .map(|first| {
                    let on = first
                        .checked_add_months(chrono::Months::new(6))
                        .unwrap_or(*first)
                        + Days::new(dice.below(14) as u64);
                    (dice.below(100) < 85, on)
                });
            let status = match status {
                // A request whose missions could not be staffed waits, accepted; one whose
                // missions are all to come is planned.
                ServiceRequestStatus::Done
                | ServiceRequestStatus::Planned
                | ServiceRequestStatus::Closed
                    if !refused && made == 0 =>
                {
                    ServiceRequestStatus::Accepted
                }
                ServiceRequestStatus::Done | ServiceRequestStatus::Closed
                    if !refused && done_days.is_empty() =>
                {
                    ServiceRequestStatus::Planned
                }
                s => s,
            };
            let tenant_json = serde_json::to_string(&tenant).unwrap_or_default();
            requests.push(service_request::ActiveModel {
                id: Set(id),
                organization_id: Set(org.into()),
                partner_id: Set(partner_id),
                filed_by: Set(filed_by),
                tenant_index: Set(store
                    .keys()
                    .blind_index("tenant-name", &tenant_key(&tenant.name))),
                tenant_sealed: Set(store.seal_at(REQUESTS, "tenant", id, &tenant_json)),
                dwelling_sealed: Set(store.seal_at(
                    REQUESTS,
                    "dwelling",
                    id,
                    &format!(
                        "{}, rue des Érables, app. {}",
                        100 + dice.below(900),
                        1 + dice.below(12)
                    ),
                )),
                household: Set(1 + dice.below(4) as i32),
                consent_on: Set(filed_on),
                network_consent: Set(true),
                risk: Set(Risk::ALL[dice.below(Risk::ALL.len())].key().to_owned()),
                risk_on: Set(Some(filed_on + Days::new(20 + dice.below(30) as u64))),
                needs_sealed: Set(store.seal_at(
                    REQUESTS,
                    "needs",
                    id,
                    "Désencombrer et nettoyer avant l'inspection.",
                )),
                availability_sealed: Set(store.seal_at(
                    REQUESTS,
                    "availability",
                    id,
                    "En semaine.",
                )),
                safety_sealed: Set(None),
                status: Set(status.key().to_owned()),
                reason_sealed: Set(refused.then(|| {
                    store.seal_at(REQUESTS, "reason", id, "Hors du territoire desservi.")
                })),
                internal_sealed: Set(None),
                filed_at: Set(at(filed_on, 10)),
                updated_at: Set(at(filed_on, 10)),
                partner_seen_events: Set(seen),
                kept_in_home: Set(kept.map(|(k, _)| k)),
                kept_reported_on: Set(kept.map(|(_, on)| on)),
            });
        }
    }
    for chunk in requests.chunks(300) {
        service_request::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in events.chunks(500) {
        service_request_event::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in missions.chunks(300) {
        mission::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in task_rows.chunks(500) {
        mission_task::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in links.chunks(500) {
        mission_worker::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in hours.chunks(500) {
        worked_hours::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }

    // The statements of every period over two weeks ago, approved.
    let mut statements = Vec::new();
    let mut period = (first_day, first_day + Days::new(13));
    while period.1 + Days::new(14) < today {
        for (w, times) in &worked {
            let lines: Vec<PayLine> = pay_lines(times, &rates[w], period).unwrap_or_default();
            if lines.is_empty() {
                continue;
            }
            statements.push(pay_statement::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(org.into()),
                worker_id: Set(*w),
                period_start: Set(period.0),
                period_end: Set(period.1),
                total_cents: Set(lines.iter().map(|l| l.amount_cents).sum()),
                lines: Set(serde_json::to_string(&lines).unwrap_or_default()),
                approved_by: Set(None),
                approved_at: Set(zone
                    .instant(
                        (period.1 + Days::new(3))
                            .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default()),
                    )
                    .unwrap_or(now)),
            });
        }
        period = (period.0 + Days::new(14), period.1 + Days::new(14));
    }
    for chunk in statements.chunks(300) {
        pay_statement::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
