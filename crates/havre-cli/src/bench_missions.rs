//! `havre bench-missions`: the missions benchmark (docs/benchmarks.md "Missions"). It makes a
//! Brigade's two years — ten partners, twelve workers, about 400 requests and their missions,
//! or as many workers and requests a week as asked — with the demo's generator, or reuses the
//! one already made, then times the pay statements of the last period over as the coordinator
//! gets them (the whole request through the application, computed from the hours since it is
//! not approved yet), the payroll's CSV of an approved period, the missions' figures of the
//! year beside the year before, and the whole activity report of that year.

use crate::bench_care::{bench_token, summary};
use anyhow::{Context, Result};
use havre_domain::text::Lang;
use havre_report::{ActivityReport, Period};
use havre_store::demo_missions::{BrigadeYears, make_brigade};
use havre_store::{Store, StoreError};
use std::time::Instant;
use tower::ServiceExt;

#[derive(clap::Args)]
pub struct BenchMissionsArgs {
    /// Timed runs of each page.
    #[arg(long, default_value_t = 200)]
    runs: usize,
    /// Workers of the Brigade made.
    #[arg(long, default_value_t = 12)]
    workers: usize,
    /// Requests a week at the end of its two years (three at their start).
    #[arg(long, default_value_t = 5)]
    requests_per_week: usize,
}

const BRIGADE: &str = "Brigade (banc d'essai)";
const COORDINATOR: &str = "coordination@banc-brigade.example";

pub async fn run(store: &Store, args: &BenchMissionsArgs) -> Result<()> {
    let started = Instant::now();
    let org = match store.organization_by_name(BRIGADE).await {
        Ok(org) => org.id,
        Err(StoreError::NotFound) => {
            let size = BrigadeYears {
                workers: args.workers,
                requests_per_week: (3, args.requests_per_week),
            };
            let id = make_brigade(store, BRIGADE, size)
                .await
                .map_err(|e| anyhow::anyhow!("making the two years: {e:?}"))?;
            println!(
                "made the two years in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            id
        }
        Err(e) => return Err(anyhow::anyhow!("{e:?}")),
    };
    let token = bench_token(
        store,
        org,
        COORDINATOR,
        "Coordination du banc d'essai",
        "bench-missions",
    )
    .await?;
    let brigade = store
        .organization(org)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let today = brigade.time_zone.day_of(store.now());
    let app = havre_web::app(havre_web::AppState::new(
        store.clone(),
        havre_web::Config::default(),
    ));
    let request = |path: String| {
        axum::http::Request::get(path)
            .header("authorization", format!("Bearer {token}"))
            .header("accept-language", "fr")
            .body(axum::body::Body::empty())
            .expect("a request")
    };
    // The last period over is not approved yet: its statements are computed from the hours.
    let schedule = store
        .pay_schedule(org)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let (first, _) = schedule.period_of(today);
    let open = first - chrono::Days::new(1);
    let approved = first - chrono::Days::new(29);
    for (name, path) in [
        (
            "pay statements page, a period not approved",
            format!("/missions/pay?day={open}"),
        ),
        (
            "pay statements page, an approved period",
            format!("/missions/pay?day={approved}"),
        ),
        (
            "payroll CSV, an approved period",
            format!("/api/v1/pay-statements.csv?day={approved}"),
        ),
    ] {
        let response = app.clone().oneshot(request(path.clone())).await?;
        anyhow::ensure!(response.status() == 200, "{path}: {}", response.status());
        let body = axum::body::to_bytes(response.into_body(), 16 << 20).await?;
        let mut times = Vec::with_capacity(args.runs);
        for _ in 0..args.runs {
            let started = Instant::now();
            let response = app.clone().oneshot(request(path.clone())).await?;
            let body = axum::body::to_bytes(response.into_body(), 16 << 20).await?;
            anyhow::ensure!(!body.is_empty());
            times.push(started.elapsed());
        }
        summary(&format!("{name} ({} kB)", body.len() / 1024), times);
    }

    // The year's figures beside the year before, and the whole report.
    let year = Period::reporting_year(today, brigade.year_start);
    let previous = year.previous().context("a previous year")?;
    let runs = (args.runs / 10).max(5);
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        for p in [year, previous] {
            store
                .mission_figures(org, p.first, p.last)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
        times.push(started.elapsed());
    }
    summary("missions figures, both years", times);
    let mut times = Vec::new();
    let mut figures = None;
    for _ in 0..runs {
        let started = Instant::now();
        let report = ActivityReport::compute(store, org, year, Lang::Fr)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        times.push(started.elapsed());
        figures = report.current.missions.map(|m| m.figures);
    }
    summary("whole activity report", times);
    if let Some(f) = figures {
        println!(
            "this year so far: {} requests, {} missions done, {} persons helped, {} workers, {} minutes",
            f.requests, f.missions, f.persons_helped, f.active_workers, f.minutes_worked
        );
    }
    Ok(())
}
