//! `havre bench-housing`: the housing benchmark (docs/benchmarks.md). It makes a network-size
//! history of stays — 24 houses of 5 apartments (119 in all) and 21 rooms, stays one after the
//! other in each unit for five years, requests turned away — or reuses the one already made,
//! then times a house's dashboard and the housing figures of the report, beside the same rows
//! read by hand-written SQL on the same database, in the same run.

use anyhow::{Context, Result};
use chrono::{Days, Months, NaiveDate};
use havre_domain::housing::{ExitDestination, NewUnit, TurnAwayReason, UnitKind};
use havre_domain::ids::{HouseId, OrganizationId};
use havre_domain::policy::{Role, Roles};
use havre_domain::text::Lang;
use havre_report::{ActivityReport, Period};
use havre_store::housing::{NewHouse, NewHousingRequest, NewStay, RequestDecision, Resident};
use havre_store::organizations::{NewOrganization, OrganizationKind};
use havre_store::reader::Reader;
use havre_store::{Actor, Store, StoreError};
use sea_orm::{ConnectionTrait, Statement, Value};
use std::time::Instant;

#[derive(clap::Args)]
pub struct BenchHousingArgs {
    /// Houses in the fictional network.
    #[arg(long, default_value_t = 24)]
    houses: usize,
    /// Years of stays.
    #[arg(long, default_value_t = 5)]
    years: u32,
    /// Timed runs of each measure.
    #[arg(long, default_value_t = 30)]
    runs: usize,
}

/// The benchmark's coordinator, acting from the command line.
fn reader_of(user: &havre_store::accounts::User) -> Reader {
    Reader {
        actor: Actor {
            organization_id: Some(user.organization_id),
            user_id: Some(user.id),
            ip: Some("bench".into()),
        },
        organization_id: user.organization_id,
        user_id: user.id,
        roles: user.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    }
}

/// A step of the generation, its problems named when the store refuses it.
fn step<T>(result: Result<T, StoreError>, what: &str) -> Result<T> {
    result.map_err(|e| anyhow::anyhow!("{what}: {e:?}"))
}

const DESTINATIONS: [ExitDestination; 6] = [
    ExitDestination::SocialHousing,
    ExitDestination::PrivateHousing,
    ExitDestination::WithFamily,
    ExitDestination::AnotherShelter,
    ExitDestination::FirstStageShelter,
    ExitDestination::Unknown,
];

/// Makes the history: every unit opened before the first stay, stays of 8 to 18 months in an
/// apartment (2 to 8 in a room) with 5 to 30 days between them, a request turned away every
/// week. Returns the organization, its coordinator and the first house.
async fn generate(
    store: &Store,
    name: &str,
    args: &BenchHousingArgs,
) -> Result<(OrganizationId, Reader, HouseId)> {
    let operator = Actor::operator();
    let org = step(
        store
            .create_organization(
                &operator,
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
            .await,
        "create_organization",
    )?;
    let user = step(
        store
            .create_user(
                &Actor {
                    organization_id: Some(org.id),
                    ..operator.clone()
                },
                org.id,
                havre_store::accounts::NewUser {
                    email: format!("coordination+{}@banc.example", org.id),
                    name: "Coordination du banc d'essai".into(),
                    roles: Roles::new(vec![Role::Coordinator]),
                    password: format!("banc-{}", havre_store::sessions::random_secret()),
                },
            )
            .await,
        "create_user",
    )?;
    let reader = reader_of(&user);
    let today = org.time_zone.day_of(store.now());
    let first = today - Months::new(12 * args.years);
    let opened = first - Days::new(30);
    let mut first_house = None;
    let mut n: u64 = 0;
    for h in 0..args.houses {
        let house = step(
            store
                .create_house(
                    &reader,
                    NewHouse {
                        name: format!("Maison {}", h + 1),
                        region: Some(format!("Région {}", h % 14 + 1)),
                        address: Some(format!("{} rue de l'Essai", 100 + h)),
                        address_secret: h % 2 == 0,
                        max_stay_months: 24,
                    },
                )
                .await,
            "create_house",
        )?;
        first_house.get_or_insert(house);
        // 119 apartments and 21 rooms over 24 houses, as the Alliance's.
        let apartments = if h == 0 { 4 } else { 5 };
        let rooms = usize::from(h < 21);
        for u in 0..apartments + rooms {
            let kind = if u < apartments {
                UnitKind::Apartment
            } else {
                UnitKind::Room
            };
            let bedrooms = (kind == UnitKind::Apartment).then_some(1 + (u % 3) as i32);
            let places = bedrooms.map_or(1, |b| b + 1);
            let unit = step(
                store
                    .add_unit(
                        &reader,
                        house,
                        NewUnit {
                            name: format!("Unité {}", u + 1),
                            kind,
                            bedrooms,
                            places,
                            opened_on: opened,
                        },
                    )
                    .await,
                "add_unit",
            )?;
            let mut entered = first + Days::new((u as u64 * 11 + h as u64 * 7) % 60);
            while entered < today {
                n += 1;
                let length = match kind {
                    UnitKind::Apartment => 240 + (n * 53) % 300,
                    UnitKind::Room => 60 + (n * 37) % 180,
                };
                let children: Vec<u8> = (0..(n as usize % places as usize).min(3))
                    .map(|c| ((n as usize * 5 + c * 4) % 17) as u8)
                    .collect();
                let stay = step(
                    store
                        .admit_to_house(
                            &reader,
                            NewStay {
                                unit_id: unit,
                                resident: Resident::NewFile {
                                    name: format!("Résidente {n}"),
                                    network_consent: true,
                                },
                                entered_on: entered,
                                moved_in_on: Some(entered),
                                children,
                                request_id: None,
                            },
                        )
                        .await,
                    "admit_to_house",
                )?;
                let exited = entered + Days::new(length);
                if exited >= today {
                    break;
                }
                step(
                    store
                        .record_exit(
                            &reader,
                            stay,
                            exited,
                            DESTINATIONS[n as usize % DESTINATIONS.len()],
                        )
                        .await,
                    "record_exit",
                )?;
                entered = exited + Days::new(5 + (n * 7) % 25);
            }
        }
    }
    let mut day = first;
    while day < today {
        let request = step(
            store
                .record_housing_request(
                    &reader,
                    NewHousingRequest {
                        received_on: day,
                        source: havre_domain::housing::RequestSource::Shelter,
                        alias: Some(format!("Demande du {day}")),
                        person_id: None,
                        children: 1,
                        wants_kind: Some(UnitKind::Apartment),
                        bedrooms_needed: None,
                        note: None,
                    },
                )
                .await,
            "record_housing_request",
        )?;
        step(
            store
                .decide_housing_request(
                    &reader,
                    request,
                    RequestDecision::TurnAway(TurnAwayReason::NoPlace),
                    day,
                )
                .await,
            "decide_housing_request",
        )?;
        day = day + Days::new(7);
    }
    println!("  {n} stays over {} houses.", args.houses);
    Ok((org.id, reader, first_house.context("no house")?))
}

/// The rows the figures are computed from, read by hand-written SQL: units and their outages,
/// the stays that touch the period, their children, the period's turn-aways.
async fn bare_sql(
    store: &Store,
    org: OrganizationId,
    house: Option<HouseId>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<usize> {
    let db = store.db();
    let backend = store.backend();
    // One house, or all of them (the organization again, so that $2 is always a value).
    let (by_house, house): (&str, Value) = match house {
        Some(h) => (" AND house_id = $2", h.into()),
        None => (" AND organization_id = $2", org.into()),
    };
    let queries: [(String, Vec<Value>); 5] = [
        (
            format!("SELECT id, kind, places, opened_on, closed_on FROM housing_units WHERE organization_id = $1{by_house}"),
            vec![org.into(), house.clone()],
        ),
        (
            "SELECT unit_id, from_on, back_on FROM unit_outages WHERE organization_id = $1".into(),
            vec![org.into()],
        ),
        (
            format!("SELECT id, unit_id, person_id, entered_on, exited_on, destination FROM stays WHERE organization_id = $1{by_house} AND entered_on <= $3 AND (exited_on IS NULL OR exited_on >= $4)"),
            vec![org.into(), house.clone(), last.into(), first.into()],
        ),
        (
            format!("SELECT c.stay_id, c.age_at_entry FROM stay_children c JOIN stays s ON s.id = c.stay_id WHERE s.organization_id = $1{} AND s.entered_on <= $3 AND (s.exited_on IS NULL OR s.exited_on >= $4)", by_house.replace(" AND ", " AND s.")),
            vec![org.into(), house, last.into(), first.into()],
        ),
        (
            "SELECT decided_on, turn_away_reason FROM housing_requests WHERE organization_id = $1 AND status = 'turned_away' AND decided_on BETWEEN $2 AND $3".into(),
            vec![org.into(), first.into(), last.into()],
        ),
    ];
    let mut rows = 0;
    for (sql, values) in queries {
        rows += db
            .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
            .len();
    }
    Ok(rows)
}

pub async fn run(store: &Store, args: &BenchHousingArgs) -> Result<()> {
    let name = format!(
        "Réseau fictif d'hébergement ({} maisons, {} ans)",
        args.houses, args.years
    );
    let (org, reader, house) = match store.organization_by_name(&name).await {
        Ok(existing) => {
            println!("Reusing the history already in this database.");
            let user = store
                .user_by_email(&format!("coordination+{}@banc.example", existing.id))
                .await?;
            let reader = reader_of(&user);
            let house = store
                .houses(&reader)
                .await?
                .into_iter()
                .find(|h| h.name == "Maison 1")
                .context("the history has no Maison 1")?
                .id;
            (existing.id, reader, house)
        }
        Err(StoreError::NotFound) => {
            let started = Instant::now();
            let made = generate(store, &name, args).await?;
            println!(
                "Generated {} houses × {} years in {:.1} s.",
                args.houses,
                args.years,
                started.elapsed().as_secs_f64()
            );
            made
        }
        Err(e) => return Err(e.into()),
    };
    let organization = store.organization(org).await?;
    let today = organization.time_zone.day_of(store.now());
    let year = Period::reporting_year(today, organization.year_start)
        .previous()
        .context("no previous reporting year")?;
    let previous = year.previous().context("no year before")?;
    println!(
        "Engine: {:?}. {} beside {}, {} runs each:",
        store.backend(),
        year.title(),
        previous.title(),
        args.runs
    );
    let last_night = today.pred_opt().unwrap_or(today);
    // What the house page shows: its units and stays, last night, its year beside the one before.
    let dashboard = async || -> Result<()> {
        std::hint::black_box(store.house_detail(&reader, house).await?);
        std::hint::black_box(store.housing_snapshot(org, Some(house), last_night).await?);
        for p in [year, previous] {
            std::hint::black_box(
                store
                    .housing_figures(org, Some(house), p.first, p.last)
                    .await?,
            );
        }
        Ok(())
    };
    let report = async || -> Result<()> {
        for p in [year, previous] {
            std::hint::black_box(store.housing_figures(org, None, p.first, p.last).await?);
        }
        Ok(())
    };
    let sql = async |house: Option<HouseId>| -> Result<()> {
        for p in [year, previous] {
            std::hint::black_box(bare_sql(store, org, house, p.first, p.last).await?);
        }
        Ok(())
    };
    // Warm every side: the first run pays for the pool and the page cache.
    dashboard().await?;
    report().await?;
    sql(None).await?;
    ActivityReport::compute(store, org, year, Lang::Fr).await?;
    let mut times: [Vec<std::time::Duration>; 5] = Default::default();
    for _ in 0..args.runs {
        let started = Instant::now();
        dashboard().await?;
        times[0].push(started.elapsed());
        let started = Instant::now();
        sql(Some(house)).await?;
        times[1].push(started.elapsed());
        let started = Instant::now();
        report().await?;
        times[2].push(started.elapsed());
        let started = Instant::now();
        sql(None).await?;
        times[3].push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(ActivityReport::compute(store, org, year, Lang::Fr).await?);
        times[4].push(started.elapsed());
    }
    let [dash, dash_sql, figures, figures_sql, whole] = times;
    let dash = crate::bench::describe("house dashboard", dash);
    let dash_sql = crate::bench::describe("  its rows by hand-written SQL", dash_sql);
    let figures = crate::bench::describe("housing figures (both years)", figures);
    let figures_sql = crate::bench::describe("  their rows by hand-written SQL", figures_sql);
    crate::bench::describe("whole activity report", whole);
    println!(
        "  ratios: dashboard / SQL {:.2}, figures / SQL {:.2}",
        dash.as_secs_f64() / dash_sql.as_secs_f64().max(f64::EPSILON),
        figures.as_secs_f64() / figures_sql.as_secs_f64().max(f64::EPSILON)
    );
    Ok(())
}
