//! `havre bench-network`: the network report's benchmark (docs/benchmarks.md "The network's
//! report"). It makes, in the database given, a network of `--members` member houses in 14
//! regions with `--years` years of signed submissions each (imported as files, their
//! signatures checked), or reuses the one already made, then times the network's report of the
//! last year as the network sees it (its members and standings, both years' submissions read
//! and added up, the change over comparable members, every table protected) beside the bare
//! SQL that sums the same aggregates in the database.

use crate::bench_care::summary;
use anyhow::Result;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer, SigningKey};
use havre_domain::network::{
    HelpShare, HousingShare, SUBMISSION_FORMAT, SUBMISSION_VERSION, SharedFigures, Submission,
    SubmissionFile,
};
use havre_domain::policy::{Role, Roles};
use havre_report::Period;
use havre_report::network::NetworkReport;
use havre_store::accounts::NewUser;
use havre_store::organizations::{NewOrganization, OrganizationKind};
use havre_store::{Actor, Store, StoreError};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchNetworkArgs {
    /// Member houses of the network made.
    #[arg(long, default_value_t = 24)]
    members: usize,
    /// Years of submissions each member sent, the last one the current reporting year.
    #[arg(long, default_value_t = 5)]
    years: u32,
    /// Timed runs of the report and of the bare SQL.
    #[arg(long, default_value_t = 200)]
    runs: usize,
}

const REGIONS: [&str; 14] = [
    "Abitibi-Témiscamingue",
    "Bas-Saint-Laurent",
    "Capitale-Nationale",
    "Centre-du-Québec",
    "Chaudière-Appalaches",
    "Côte-Nord",
    "Estrie",
    "Gaspésie",
    "Lanaudière",
    "Laurentides",
    "Laval",
    "Mauricie",
    "Montérégie",
    "Montréal",
];

fn err(e: StoreError) -> anyhow::Error {
    anyhow::anyhow!("{e:?}")
}

/// A member's figures for a year, varied by member and year, some small.
fn figures(member: usize, year: u32) -> SharedFigures {
    let n = (member as i64 * 7 + year as i64 * 3) % 23;
    let women = 2 + n;
    let children = (n * 13) % 29;
    SharedFigures {
        housing: Some(HousingShare {
            apartments: 4 + n % 6,
            rooms: n % 3,
            women,
            children,
            persons: women + children,
            entries: women / 2,
            exits: women / 3,
            turned_away: n % 5,
        }),
        help: member.is_multiple_of(3).then(|| HelpShare {
            requests: 10 + n * 4,
            teenagers: n,
            persons_met: 8 + n * 3,
            meetings: 40 + n * 11,
        }),
        // The houses of the Alliance: no care unit or brigade among them.
        care: None,
        missions: None,
    }
}

pub async fn run(store: &Store, args: &BenchNetworkArgs) -> Result<()> {
    let name = format!("Regroupement (banc d'essai, {} membres)", args.members);
    let admin_email = format!("admin-{}@banc-regroupement.example", args.members);
    let started = Instant::now();
    let network = match store.organization_by_name(&name).await {
        Ok(org) => org,
        Err(StoreError::NotFound) => {
            let org = store
                .create_organization(
                    &Actor::operator(),
                    NewOrganization {
                        name: name.clone(),
                        kind: OrganizationKind::Network,
                        require_totp: false,
                        public_info: Default::default(),
                        time_zone: Default::default(),
                        year_start: Default::default(),
                        country: Default::default(),
                    },
                )
                .await
                .map_err(err)?;
            store
                .create_user(
                    &Actor::operator(),
                    org.id,
                    NewUser {
                        email: admin_email.clone(),
                        name: "Administration du banc d'essai".into(),
                        roles: Roles::new(vec![Role::Administrator]),
                        password: format!("banc-{}", uuid::Uuid::new_v4()),
                    },
                )
                .await
                .map_err(err)?;
            org
        }
        Err(e) => return Err(err(e)),
    };
    let admin = store.user_by_email(&admin_email).await.map_err(err)?;
    let reader = havre_store::reader::Reader {
        actor: Actor {
            organization_id: Some(network.id),
            user_id: Some(admin.id),
            ip: Some("bench".into()),
        },
        organization_id: network.id,
        user_id: admin.id,
        roles: admin.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    let today = network.time_zone.day_of(store.now());
    let year = Period::reporting_year(today, network.year_start);
    if store
        .network_members(&reader)
        .await
        .map_err(err)?
        .is_empty()
    {
        for m in 0..args.members {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(m as u64 + 1).to_le_bytes());
            let key = SigningKey::from_bytes(&seed);
            let public_key = BASE64.encode(key.verifying_key().to_bytes());
            let member = format!("Maison {m:03}");
            store
                .add_network_member(
                    &reader,
                    &havre_store::networks::MemberForm {
                        name: member.clone(),
                        region: REGIONS[m % REGIONS.len()].into(),
                        joined_on: Some(year.first - chrono::Months::new(12 * args.years)),
                        left_on: None,
                        opened_on: Some(year.first - chrono::Months::new(12 * args.years)),
                        public_key: Some(public_key.clone()),
                        organization_slug: None,
                    },
                )
                .await
                .map_err(err)?;
            for y in 0..args.years {
                let back = chrono::Months::new(12 * (args.years - 1 - y));
                let submission = Submission {
                    format: SUBMISSION_FORMAT.into(),
                    version: SUBMISSION_VERSION,
                    member: member.clone(),
                    network: name.clone(),
                    first: year.first - back,
                    last: year.last - back,
                    made_at: store.now(),
                    figures: figures(m, y),
                };
                let payload = serde_json::to_string(&submission)?;
                let file = SubmissionFile {
                    signature: BASE64.encode(key.sign(payload.as_bytes()).to_bytes()),
                    payload,
                    public_key: public_key.clone(),
                };
                store
                    .receive_submission(&reader, &serde_json::to_string(&file)?)
                    .await
                    .map_err(err)?;
            }
        }
        println!(
            "made {} members × {} years of signed submissions in {:.1} s",
            args.members,
            args.years,
            started.elapsed().as_secs_f64()
        );
    }

    let t = |key: &str| key.to_owned();
    let mut report_times = Vec::with_capacity(args.runs);
    let mut sql_times = Vec::with_capacity(args.runs);
    let mut reported = 0;
    for _ in 0..args.runs {
        let started = Instant::now();
        let report = NetworkReport::compute(store, &reader, year)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let published = report.published(&t);
        std::hint::black_box(&published);
        report_times.push(started.elapsed());
        reported = report.reported();
        let started = Instant::now();
        std::hint::black_box(bare_sql(store, network.id.into(), year).await?);
        sql_times.push(started.elapsed());
    }
    println!("{reported} members reported for {}", year.title());
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (r, s) = (median(report_times.clone()), median(sql_times.clone()));
    summary("network report, published", report_times);
    summary("bare SQL, the same aggregates", sql_times);
    println!("ratio of medians: {:.2}", r.as_secs_f64() / s.as_secs_f64());
    Ok(())
}

/// The aggregates of the report in SQL alone, over the submissions' JSON: the members, this
/// year's sums per region, last year's totals, and the comparable members' persons both years.
async fn bare_sql(store: &Store, network: uuid::Uuid, year: Period) -> Result<usize> {
    let backend = store.backend();
    let field = |path: &str| match backend {
        DbBackend::Postgres => format!(
            "COALESCE((s.payload::jsonb #>> '{{figures,{}}}')::bigint, 0)",
            path.replace('.', ",")
        ),
        _ => format!("COALESCE(json_extract(s.payload, '$.figures.{path}'), 0)"),
    };
    let sums = [
        "housing.apartments",
        "housing.rooms",
        "housing.women",
        "housing.children",
        "housing.persons",
        "housing.entries",
        "housing.exits",
        "housing.turned_away",
        "help.requests",
        "help.teenagers",
        "help.persons_met",
        "help.meetings",
    ]
    .iter()
    .map(|p| format!("SUM({})", field(p)))
    .collect::<Vec<_>>()
    .join(", ");
    let before = Period {
        first: year.first - chrono::Months::new(12),
        last: year.last - chrono::Months::new(12),
    };
    let current = "s.network_id = $1 AND s.first = $2 AND s.last = $3 AND s.replaced_at IS NULL";
    let persons = field("housing.persons");
    let queries = [
        (
            "SELECT id, name, region, joined_on, left_on, opened_on FROM network_members \
             WHERE network_id = $1 ORDER BY name"
                .to_owned(),
            vec![network.into()],
        ),
        (
            format!(
                "SELECT m.region, COUNT(*), {sums} FROM network_submissions s \
                 JOIN network_members m ON m.id = s.member_id WHERE {current} GROUP BY m.region"
            ),
            vec![network.into(), year.first.into(), year.last.into()],
        ),
        (
            format!("SELECT COUNT(*), {sums} FROM network_submissions s WHERE {current}"),
            vec![network.into(), before.first.into(), before.last.into()],
        ),
        (
            format!(
                "SELECT COUNT(*), SUM({persons}), SUM({}) FROM network_submissions s \
                 JOIN network_submissions b ON b.member_id = s.member_id AND b.network_id = s.network_id \
                 AND b.first = $4 AND b.last = $5 AND b.replaced_at IS NULL WHERE {current}",
                persons.replace("s.payload", "b.payload")
            ),
            vec![
                network.into(),
                year.first.into(),
                year.last.into(),
                before.first.into(),
                before.last.into(),
            ],
        ),
    ];
    let mut rows = 0;
    for (sql, values) in queries {
        let values: Vec<Value> = values;
        rows += store
            .db()
            .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
            .len();
    }
    Ok(rows)
}
