//! `havre bench-report`: the activity report's benchmark. It makes a large fictional history
//! (or reuses the one already made with the same plan), then times the report of one
//! organization-year beside the same aggregates written by hand in SQL and run directly on
//! the same database, in the same run, and prints both and their ratio.

use anyhow::{Context, Result};
use havre_domain::ids::OrganizationId;
use havre_domain::text::Lang;
use havre_report::{ActivityReport, Period};
use havre_store::history::{HistoryPlan, generate};
use havre_store::{Store, StoreError};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Organizations in the fictional history.
    #[arg(long, default_value_t = 1)]
    organizations: usize,
    /// Reporting years of history for each.
    #[arg(long, default_value_t = 1)]
    years: usize,
    /// Timed runs of each side.
    #[arg(long, default_value_t = 30)]
    runs: usize,
    /// The generator's seed: the same plan and seed give the same history, made once.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// The aggregates the report runs, written by hand: requests and their profile, the wait list,
/// services, referrals, prevention and hours. Each names its parameters: "instants" are the
/// organization, the period's first instant and the instant after its last; "days" the
/// organization and the period's first and last days; "start" and "end" the organization and
/// one of those instants.
fn aggregates(backend: DbBackend) -> Vec<(&'static str, String)> {
    let days = match backend {
        DbBackend::Postgres => {
            "(EXTRACT(EPOCH FROM (services_started_at - received_at)) / 86400.0)::float8"
        }
        _ => "(julianday(services_started_at) - julianday(received_at))",
    };
    let requests =
        "FROM help_requests WHERE organization_id = $1 AND received_at >= $2 AND received_at < $3";
    let mut queries: Vec<(&'static str, String)> = vec![
        (
            "instants",
            format!(
                "SELECT COUNT(*), SUM(CASE WHEN teenager THEN 1 ELSE 0 END), SUM(CASE WHEN sequence > 1 THEN 1 ELSE 0 END) {requests}"
            ),
        ),
        (
            "instants",
            format!("SELECT channel, COUNT(*) {requests} GROUP BY channel"),
        ),
        (
            "instants",
            format!("SELECT service_area, COUNT(*) {requests} GROUP BY service_area"),
        ),
        (
            "instants",
            format!("SELECT decided_code, COUNT(*) {requests} GROUP BY decided_code"),
        ),
    ];
    for column in [
        "requester_id",
        "age_at_request_id",
        "age_at_assault_id",
        "referral_source_id",
        "residence_id",
        "disposition_id",
    ] {
        queries.push((
            "instants",
            format!(
                "SELECT {column}, COUNT(*) {requests} AND {column} IS NOT NULL GROUP BY {column}"
            ),
        ));
    }
    for list in ["assault_form", "relation"] {
        queries.push((
            "instants",
            format!(
                "SELECT value_id, COUNT(*) FROM help_request_values WHERE organization_id = $1 \
                 AND list = '{list}' AND help_request_id IN (SELECT id {requests}) GROUP BY value_id"
            ),
        ));
    }
    for at in ["start", "end"] {
        queries.push((
            at,
            "SELECT decided_code, COUNT(*) FROM help_requests WHERE organization_id = $1 \
             AND received_at < $2 AND (services_started_at IS NULL OR services_started_at >= $2) \
             AND (closed_at IS NULL OR closed_at >= $2) GROUP BY decided_code"
                .to_owned(),
        ));
    }
    queries.push((
        "instants",
        format!(
            "SELECT decided_code, COUNT(*), AVG({days}), MAX({days}) FROM help_requests \
             WHERE organization_id = $1 AND services_started_at >= $2 AND services_started_at < $3 \
             GROUP BY decided_code"
        ),
    ));
    let meetings = "SELECT kind, CASE WHEN kind = 'relatives' THEN COUNT(DISTINCT relative_id) ELSE COUNT(DISTINCT person_id) END, \
        COUNT(*), SUM(duration_minutes), SUM(preparation_minutes), SUM(debrief_minutes), SUM(travel_minutes) \
        FROM meetings WHERE organization_id = $1 AND held_at >= $2 AND held_at < $3";
    queries.push(("instants", format!("{meetings} GROUP BY kind")));
    for teenager in ["TRUE", "FALSE"] {
        queries.push((
            "instants",
            format!(
                "{meetings} AND help_request_id IN (SELECT id FROM help_requests WHERE organization_id = $1 \
                 AND teenager = {teenager}) GROUP BY kind"
            ),
        ));
    }
    let referrals =
        "FROM referrals WHERE organization_id = $1 AND received_at >= $2 AND received_at < $3";
    let first_attempt =
        "(SELECT MIN(a.at) FROM referral_attempts a WHERE a.referral_id = referrals.id)";
    let hours = match backend {
        DbBackend::Postgres => format!(
            "(EXTRACT(EPOCH FROM ({first_attempt} - referrals.received_at)) / 3600.0)::float8"
        ),
        _ => format!("((julianday({first_attempt}) - julianday(referrals.received_at)) * 24.0)"),
    };
    queries.extend([
        ("instants", format!("SELECT COUNT(*), SUM(CASE WHEN teenager THEN 1 ELSE 0 END), SUM(CASE WHEN reached_at IS NOT NULL THEN 1 ELSE 0 END) {referrals}")),
        ("instants", format!("SELECT COUNT(*) FROM referral_attempts WHERE organization_id = $1 AND referral_id IN (SELECT id {referrals})")),
        ("instants", format!("SELECT COUNT(*), AVG({hours}), MAX({hours}) {referrals} AND {first_attempt} IS NOT NULL")),
    ]);
    for key in ["workshop_id", "place_id"] {
        queries.push((
            "instants",
            format!(
                "SELECT {key}, COUNT(*), SUM(class_groups), SUM(students), SUM(staff_participants), \
                 SUM(facilitation_minutes), SUM(travel_minutes), SUM(preparation_minutes) FROM animations \
                 WHERE organization_id = $1 AND held_at >= $2 AND held_at < $3 GROUP BY {key}"
            ),
        ));
    }
    queries.extend([
        ("instants", "SELECT audience, COUNT(*), SUM(participants), SUM(minutes) FROM trainings_given WHERE organization_id = $1 AND held_at >= $2 AND held_at < $3 GROUP BY audience".to_owned()),
        ("days", "SELECT category_id, SUM(minutes) FROM hour_entries WHERE organization_id = $1 AND day >= $2 AND day <= $3 GROUP BY category_id".to_owned()),
        ("days", "SELECT kind, label, SUM(quantity) FROM outreach_figures WHERE organization_id = $1 AND day >= $2 AND day <= $3 GROUP BY kind, label".to_owned()),
    ]);
    queries
}

/// Runs every hand-written aggregate for one period.
async fn bare_sql(store: &Store, organization: OrganizationId, period: Period) -> Result<usize> {
    let db = store.db();
    let backend = store.backend();
    let span = period.span(store.organization(organization).await?.time_zone)?;
    let (from, to) = (span.from, span.to);
    let mut rows = 0;
    for (kind, sql) in aggregates(backend) {
        let values: Vec<Value> = match kind {
            "days" => vec![organization.into(), period.first.into(), period.last.into()],
            "start" => vec![organization.into(), from.into()],
            "end" => vec![organization.into(), to.into()],
            _ => vec![organization.into(), from.into(), to.into()],
        };
        rows += db
            .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
            .len();
    }
    Ok(rows)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub(crate) fn describe(label: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let median = percentile(&times, 0.5);
    println!(
        "  {label:<34} median {:>8.2} ms   p95 {:>8.2} ms   min {:>8.2} ms",
        median.as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
    median
}

pub async fn run(store: &Store, args: &BenchArgs) -> Result<()> {
    let plan = HistoryPlan {
        organizations: args.organizations,
        years: args.years,
        seed: args.seed,
    };
    let first_name = format!("Centre fictif 1 ({})", args.seed);
    let organization = match store.organization_by_name(&first_name).await {
        Ok(org) => {
            println!(
                "Reusing the history of seed {} already in this database.",
                args.seed
            );
            org.id
        }
        Err(StoreError::NotFound) => {
            let started = Instant::now();
            let summary = generate(store, plan)
                .await
                .context("generating the history")?;
            println!(
                "Generated {} organizations × {} years in {:.1} s: {} events ({} requests, {} meetings, {} animations, {} hour entries, {} referrals).",
                args.organizations,
                args.years,
                started.elapsed().as_secs_f64(),
                summary.events(),
                summary.requests,
                summary.meetings,
                summary.animations,
                summary.hour_entries,
                summary.referrals
            );
            summary.organizations[0]
        }
        Err(e) => return Err(e.into()),
    };
    let today = havre_domain::zone::Zone::default().day_of(store.now());
    let year = Period::reporting_year(today, Default::default())
        .previous()
        .context("no previous reporting year")?;
    let previous = year.previous().context("no year before")?;
    println!(
        "Engine: {:?}. The report of one organization, {} (and {} beside it), {} runs each:",
        store.backend(),
        year.title(),
        previous.title(),
        args.runs
    );
    // Warm both sides: the first run pays for the pool and the page cache.
    ActivityReport::compute(store, organization, year, Lang::Fr).await?;
    bare_sql(store, organization, year).await?;
    let mut report_times = Vec::new();
    let mut sql_times = Vec::new();
    for _ in 0..args.runs {
        let started = Instant::now();
        let report = ActivityReport::compute(store, organization, year, Lang::Fr).await?;
        report_times.push(started.elapsed());
        std::hint::black_box(report);
        let started = Instant::now();
        let rows = bare_sql(store, organization, year).await?
            + bare_sql(store, organization, previous).await?;
        sql_times.push(started.elapsed());
        std::hint::black_box(rows);
    }
    let report = describe("report (model, both periods)", report_times);
    let sql = describe("hand-written SQL (both periods)", sql_times);
    println!(
        "  ratio report / SQL: {:.2}",
        report.as_secs_f64() / sql.as_secs_f64().max(f64::EPSILON)
    );
    Ok(())
}
