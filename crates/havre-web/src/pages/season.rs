//! A school's season: every animation given at one place over a reporting year, with its
//! totals, as a prevention worker plans the next year with the school. An animation noted in
//! error is taken back from here.

use super::prevention::{TotalsRow, place_labels, select, totals_rows, workshop_labels};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use havre_domain::ids::{AnimationId, ListValueId, WorkshopId};
use havre_domain::policy::{Action, Record, RecordKind};
use havre_domain::text::{format_count, format_minutes};
use havre_store::prevention::AnimationKey;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SeasonQuery {
    place: Option<String>,
    /// The calendar year the reporting year starts in; the current one when absent.
    year: Option<i32>,
}

pub struct AnimationRow {
    pub id: AnimationId,
    pub when: String,
    pub workshop: String,
    pub groups: String,
    pub students: String,
    pub staff: String,
    pub facilitation: String,
    pub travel: String,
    pub preparation: String,
    /// Whether the reader may take it back: she noted it, or she runs the reports.
    pub removable: bool,
}

#[derive(Template)]
#[template(path = "season.html")]
struct SeasonPage {
    page: Page,
    places: crate::pages::intake::Select,
    place: Option<ListValueId>,
    place_name: String,
    year: String,
    year_start: i32,
    previous: i32,
    next: i32,
    animations: Vec<AnimationRow>,
    totals: Vec<TotalsRow>,
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Query(query): Query<SeasonQuery>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let today = ctx.zone().day_of(state.store.now());
    // A season is named by the year it begins in.
    let year_start = ctx.year_start();
    let start_year = query
        .year
        .unwrap_or(year_start.year_of(today).0.year())
        .clamp(2000, 2100);
    let (first, last) = year_start.year_of(
        NaiveDate::from_ymd_opt(start_year, year_start.month(), 1).ok_or(WebError::NotFound)?,
    );
    let (from, to) = ctx.zone().day_span(first, last).ok_or(WebError::NotFound)?;
    let places = place_labels(&state, org, lang, true).await?;
    let chosen = query.place.unwrap_or_default();
    let place = places
        .iter()
        .find(|(id, _)| id.to_string() == chosen)
        .cloned();
    let workshops = workshop_labels(&state.store.programs(org).await?);
    let (animations, totals) = match &place {
        Some((place_id, _)) => {
            place_season(&state, &auth, &ctx, (from, to), *place_id, &workshops).await?
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(render(&SeasonPage {
        page: Page::new(&ctx, "season-title"),
        places: select("place", t(lang, "field-place_id"), &places, &chosen),
        place_name: place.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
        place: place.map(|(id, _)| id),
        year: format!("{}-{}", first.format("%Y"), last.format("%Y")),
        year_start: start_year,
        previous: start_year - 1,
        next: start_year + 1,
        animations,
        totals,
    }))
}

/// A workshop's label, as the programs name it.
fn workshop_label(workshops: &[(WorkshopId, String)], id: WorkshopId) -> String {
    workshops
        .iter()
        .find(|(w, _)| *w == id)
        .map(|(_, l)| l.clone())
        .unwrap_or_default()
}

/// One place's season: its animations, newest first, and its totals per workshop.
async fn place_season(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    (from, to): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
    place_id: ListValueId,
    workshops: &[(WorkshopId, String)],
) -> Result<(Vec<AnimationRow>, Vec<TotalsRow>), WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let list = state
        .store
        .animations(org, from, to, Some(place_id))
        .await?;
    let per_workshop = state
        .store
        .animation_totals(org, from, to, false, Some(place_id))
        .await?;
    let rows = list
        .into_iter()
        .rev()
        .map(|a| AnimationRow {
            id: a.id.into(),
            when: a
                .held_at
                .with_timezone(&ctx.zone().tz())
                .format("%Y-%m-%d")
                .to_string(),
            workshop: workshop_label(workshops, a.workshop_id.into()),
            groups: format_count(a.class_groups.into(), lang),
            students: format_count(a.students.into(), lang),
            staff: format_count(a.staff_participants.into(), lang),
            facilitation: format_minutes(a.facilitation_minutes.into(), lang),
            travel: format_minutes(a.travel_minutes.into(), lang),
            preparation: format_minutes(a.preparation_minutes.into(), lang),
            removable: auth.may(
                Action::TakeBack,
                &Record::new(RecordKind::Prevention).noted_by(a.created_by),
            ),
        })
        .collect();
    let totals = totals_rows(
        &per_workshop,
        |key| match key {
            AnimationKey::Workshop(id) => workshop_label(workshops, id),
            AnimationKey::Place(_) => String::new(),
        },
        |_| None,
        lang,
    );
    Ok((rows, totals))
}

/// The season an animation was listed in, to go back to.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SeasonForm {
    place: String,
    year: String,
}

/// Takes back an animation noted in error, then shows its school's season again.
pub async fn remove_animation(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordPrevention>,
    Path(id): Path<AnimationId>,
    Form(form): Form<SeasonForm>,
) -> Result<Response, WebError> {
    state.store.remove_animation(&auth.reader(&ctx), id).await?;
    // Back to the season it was listed in; only a place id and a year are carried over.
    let place = form
        .place
        .parse::<ListValueId>()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let year = form
        .year
        .parse::<i32>()
        .map(|y| format!("&year={y}"))
        .unwrap_or_default();
    Ok(Redirect::to(&format!("/prevention/season?place={place}{year}")).into_response())
}
