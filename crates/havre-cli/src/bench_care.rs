//! `havre bench-care`: the care unit benchmark (docs/benchmarks.md "Care units"). It makes a
//! care unit's year — 70 professionals, about 4,100 women, 20,000 appointments, today's agenda of
//! 90 — with the demo's generator, or reuses the one already made, then times the day's agenda
//! page as the reception gets it (the whole request through the application, template
//! included), the care figures of the year beside the year before, and the whole activity
//! report of that year.

use anyhow::{Context, Result};
use havre_domain::policy::{Role, Roles};
use havre_domain::text::Lang;
use havre_report::{ActivityReport, Period};
use havre_store::demo_care::{CareYear, make_care_unit};
use havre_store::{Actor, Store, StoreError};
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[derive(clap::Args)]
pub struct BenchCareArgs {
    /// Timed runs of each measure.
    #[arg(long, default_value_t = 200)]
    runs: usize,
}

const UNIT: &str = "Maison des femmes (banc d'essai)";
const RECEPTION: &str = "accueil@banc-soins.example";

/// A coordinator's read token for a benchmark's requests, her account made the first time.
pub(crate) async fn bench_token(
    store: &Store,
    org: havre_domain::ids::OrganizationId,
    email: &str,
    name: &str,
    label: &str,
) -> Result<String> {
    let user = match store.user_by_email(email).await {
        Ok(user) => user,
        Err(StoreError::NotFound) => store
            .create_user(
                &Actor::operator(),
                org,
                havre_store::accounts::NewUser {
                    email: email.into(),
                    name: name.into(),
                    roles: Roles::new(vec![Role::Coordinator]),
                    password: format!("banc-{}", uuid::Uuid::new_v4()),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?,
        Err(e) => return Err(anyhow::anyhow!("{e:?}")),
    };
    let (token, _) = store
        .create_token(
            &Actor::operator(),
            &user,
            label,
            havre_store::tokens::Scope::Read,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(token)
}

pub(crate) fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1;
        times[i].as_secs_f64() * 1000.0
    };
    println!(
        "{name}: median {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} runs)",
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0),
        times.len()
    );
}

pub async fn run(store: &Store, args: &BenchCareArgs) -> Result<()> {
    let started = Instant::now();
    let org = match store.organization_by_name(UNIT).await {
        Ok(org) => org.id,
        Err(StoreError::NotFound) => {
            let id = make_care_unit(store, UNIT, CareYear::default())
                .await
                .map_err(|e| anyhow::anyhow!("making the year: {e:?}"))?;
            println!("made the year in {:.1} s", started.elapsed().as_secs_f64());
            id
        }
        Err(e) => return Err(anyhow::anyhow!("{e:?}")),
    };
    // The reception's account, and a token for the agenda's requests.
    let token = bench_token(
        store,
        org,
        RECEPTION,
        "Accueil du banc d'essai",
        "bench-care",
    )
    .await?;
    let unit = store
        .organization(org)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let today = unit.time_zone.day_of(store.now());
    let app = havre_web::app(havre_web::AppState::new(
        store.clone(),
        havre_web::Config::default(),
    ));
    let request = || {
        axum::http::Request::get(format!("/agenda?day={today}"))
            .header("authorization", format!("Bearer {token}"))
            .header("accept-language", "fr")
            .body(axum::body::Body::empty())
            .expect("a request")
    };
    // The day's size, from its page.
    let response = app.clone().oneshot(request()).await?;
    anyhow::ensure!(response.status() == 200, "agenda: {}", response.status());
    let page = axum::body::to_bytes(response.into_body(), 16 << 20).await?;
    let page = String::from_utf8_lossy(&page);
    let rows = page.matches("class=\"appointment ").count();
    println!(
        "today's agenda: {rows} appointments, {} kB",
        page.len() / 1024
    );
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        let started = Instant::now();
        let response = app.clone().oneshot(request()).await?;
        let body = axum::body::to_bytes(response.into_body(), 16 << 20).await?;
        anyhow::ensure!(!body.is_empty());
        times.push(started.elapsed());
    }
    summary("day agenda page", times);

    // The year's care figures, beside the year before, and the whole report.
    let year = Period::reporting_year(today, unit.year_start);
    let runs = (args.runs / 10).max(5);
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let previous = year.previous().context("a previous year")?;
        store
            .care_report(org, year.first, year.last)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        store
            .care_report(org, previous.first, previous.last)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        times.push(started.elapsed());
    }
    summary("care figures, both years", times);
    let mut times = Vec::new();
    let mut women = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let report = ActivityReport::compute(store, org, year, Lang::Fr)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        times.push(started.elapsed());
        women = report
            .current
            .care
            .as_ref()
            .map_or(0, |c| c.report.figures.women);
    }
    summary("whole activity report", times);
    println!("women accompanied this year so far: {women}");
    Ok(())
}
