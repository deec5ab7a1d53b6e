//! Housing (docs/housing.md): the houses, a house's dashboard with its units and residents, a
//! unit's inventory, a stay, the housing wait list and the figures. The housing team reads
//! (`Permission::SeeHousing`); the store decides, per house, who sees its residents and its
//! secret address, and the pages show what it answers. Its JSON twin is `api::housing`.

use super::intake::{Boxes, Select, SelectOption};
use crate::AppState;
use crate::api::body::{Form, Params};
use crate::auth::{Require, perm};
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::i18n::{Lang, t};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use havre_domain::housing::{
    self as rules, DEFAULT_MAX_STAY_MONTHS, ExitDestination, LengthWarning, NewUnit, RequestSource,
    RequestStatus, TurnAwayReason, UnitKind,
};
use havre_domain::ids::{HouseId, HousingRequestId, OutageId, StayId, UnitId, UserId};
use havre_domain::policy::{Action, Record, RecordKind};
use havre_domain::text::format_count;
use havre_domain::validation::{day, whole_number};
use havre_report::activity::Period;
use havre_store::housing::{
    House, HouseDetail, HousingRequest, NewHouse, NewHousingRequest, NewStay, RequestDecision,
    Resident, Stay, Unit,
};
use havre_store::{FieldError, StoreError};
use serde::Deserialize;

/// A choice of a list the pages offer, labelled in the reader's language.
fn choices<K: Copy>(
    name: &'static str,
    label_key: &str,
    lang: Lang,
    all: &[K],
    key: impl Fn(K) -> &'static str,
    prefix: &str,
    chosen: &str,
) -> Select {
    Select {
        name,
        label: t(lang, label_key),
        options: all
            .iter()
            .map(|k| SelectOption {
                value: key(*k).to_owned(),
                label: t(lang, &format!("{prefix}-{}", key(*k))),
                selected: chosen == key(*k),
            })
            .collect(),
    }
}

/// The page again with the problems at their fields (422), or on to `to` when saved.
fn after_with(
    result: Result<(), StoreError>,
    to: String,
) -> Result<Result<Response, Vec<FieldError>>, WebError> {
    match result {
        Ok(()) => Ok(Ok(Redirect::to(&to).into_response())),
        Err(StoreError::Invalid(errors)) => Ok(Err(errors)),
        Err(e) => Err(e.into()),
    }
}

fn unprocessable(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

fn today(state: &AppState, ctx: &RequestCtx) -> NaiveDate {
    ctx.zone().day_of(state.store.now())
}

// ----- The houses -----

pub struct HouseRow {
    pub id: HouseId,
    pub name: String,
    pub region: String,
    pub secret: bool,
    pub works_here: bool,
    pub units: String,
    pub residents: String,
}

#[derive(Template)]
#[template(path = "housing.html")]
struct HousesPage {
    page: Page,
    houses: Vec<HouseRow>,
    manages: bool,
    form: HouseForm,
}

/// A house to open, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct HouseForm {
    name: String,
    region: String,
    address: String,
    address_secret: Option<String>,
    max_stay_months: String,
}

async fn houses_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: HouseForm,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let last_night = today(state, ctx).pred_opt().unwrap_or(NaiveDate::MIN);
    let mut houses = Vec::new();
    for h in state.store.houses(&reader).await? {
        let tonight = state
            .store
            .housing_snapshot(auth.organization.id, Some(h.id), last_night)
            .await?;
        houses.push(HouseRow {
            units: format!(
                "{} / {}",
                format_count(tonight.units_occupied, page.lang),
                format_count(tonight.units_in_service, page.lang)
            ),
            residents: format_count(tonight.residents, page.lang),
            id: h.id,
            name: h.name,
            region: h.region.unwrap_or_default(),
            secret: h.address_secret,
            works_here: h.works_here,
        });
    }
    Ok(render(&HousesPage {
        manages: auth.may(Action::Create, &Record::new(RecordKind::House)),
        houses,
        page,
        form,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "housing-title");
    let form = HouseForm {
        max_stay_months: DEFAULT_MAX_STAY_MONTHS.to_string(),
        ..HouseForm::default()
    };
    houses_page(&state, &auth, &ctx, page, form).await
}

pub async fn create_house(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Form(form): Form<HouseForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let months: u32 = whole_number(&form.max_stay_months, "max_stay_months", &mut problems);
    let result = if problems.is_empty() {
        state
            .store
            .create_house(
                &auth.reader(&ctx),
                NewHouse {
                    name: form.name.clone(),
                    region: Some(form.region.clone()),
                    address: Some(form.address.clone()),
                    address_secret: form.address_secret.is_some(),
                    max_stay_months: months,
                },
            )
            .await
    } else {
        Err(StoreError::Invalid(problems))
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/housing/houses/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "housing-title").with_errors(errors);
            Ok(unprocessable(
                houses_page(&state, &auth, &ctx, page, form).await?,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

// ----- A house -----

pub struct UnitRow {
    pub id: UnitId,
    pub name: String,
    pub kind: String,
    pub bedrooms: String,
    pub places: i32,
    pub inventory: String,
    pub in_service: bool,
}

pub struct StayRow {
    pub id: StayId,
    pub name: String,
    pub unit: String,
    pub entered_on: NaiveDate,
    pub children: String,
    pub limit_on: NaiveDate,
    pub warning: Option<String>,
    pub exited: String,
}

#[derive(Template)]
#[template(path = "house.html")]
struct HousePage {
    page: Page,
    house: House,
    tonight: String,
    reads_address: bool,
    manages: bool,
    units: Vec<UnitRow>,
    /// None when the reader may not see the residents.
    stays: Option<Vec<StayRow>>,
    warnings: Vec<StayRow>,
    admits: bool,
    unit_choice: Select,
    /// The waiting requests for a place a stay may meet.
    request_choice: Select,
    staff: Boxes,
    form: HouseForms,
}

/// The house page's forms (a unit, an admission), as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct HouseForms {
    unit_name: String,
    kind: String,
    bedrooms: String,
    places: String,
    opened_on: String,
    unit: String,
    request: String,
    name: String,
    entered_on: String,
    moved_in_on: String,
    children: String,
    /// Ticked: she agreed to be counted in the network's figures (docs/networks.md).
    network_consent: Option<String>,
    staff: Vec<String>,
}

/// How a unit's inventory reads: in service since, out of service from… to…, closed on.
fn inventory_text(unit: &Unit, lang: Lang) -> String {
    let inv = &unit.inventory;
    let mut parts = vec![format!("{} {}", t(lang, "unit-since"), inv.opened_on)];
    for o in &inv.outages {
        parts.push(match o.back_on {
            Some(b) => format!("{} {} – {}", t(lang, "unit-out-of-service"), o.from, b),
            None => format!("{} {}", t(lang, "unit-out-of-service-since"), o.from),
        });
    }
    if let Some(c) = inv.closed_on {
        parts.push(format!("{} {}", t(lang, "unit-closed-on"), c));
    }
    parts.join(" · ")
}

fn unit_rows(units: &[Unit], lang: Lang, today: NaiveDate) -> Vec<UnitRow> {
    units
        .iter()
        .map(|u| UnitRow {
            id: u.id,
            name: u.name.clone(),
            kind: t(lang, &format!("unit_kind-{}", u.kind.key())),
            bedrooms: u.bedrooms.map(|b| b.to_string()).unwrap_or_default(),
            places: u.places,
            inventory: inventory_text(u, lang),
            in_service: u.inventory.in_service(today),
        })
        .collect()
}

fn warning_text(warning: Option<LengthWarning>, lang: Lang) -> Option<String> {
    warning.map(|w| match w {
        LengthWarning::Approaching { limit_on } => crate::i18n::t_args(
            lang,
            "stay-limit-approaching",
            &[("day", limit_on.to_string())],
        ),
        LengthWarning::Over { limit_on } => {
            crate::i18n::t_args(lang, "stay-limit-over", &[("day", limit_on.to_string())])
        }
    })
}

fn stay_row(s: &Stay, units: &[Unit], lang: Lang) -> StayRow {
    StayRow {
        id: s.id,
        name: s.name.clone(),
        unit: units
            .iter()
            .find(|u| u.id == s.unit_id)
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        entered_on: s.entered_on,
        children: children_text(&s.children, lang),
        limit_on: s.limit_on,
        warning: warning_text(s.warning, lang),
        exited: match (s.exited_on, s.destination) {
            (Some(e), Some(d)) => format!("{e} ({})", t(lang, &format!("destination-{}", d.key()))),
            (Some(e), None) => e.to_string(),
            _ => String::new(),
        },
    }
}

/// A woman's stays as her file lists them: each with its house in place of its unit.
pub(super) async fn file_stays(
    state: &AppState,
    reader: &havre_store::reader::Reader,
    person_id: havre_domain::ids::PersonId,
    lang: Lang,
) -> Result<Vec<StayRow>, WebError> {
    Ok(state
        .store
        .stays_of_person(reader, person_id)
        .await?
        .into_iter()
        .map(|(house, stay)| StayRow {
            unit: house.name,
            ..stay_row(&stay, &[], lang)
        })
        .collect())
}

/// "2 enfants (4 et 7 ans)", "aucun enfant".
fn children_text(ages: &[u8], lang: Lang) -> String {
    if ages.is_empty() {
        return t(lang, "stay-no-children");
    }
    let list = ages
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    crate::i18n::t_args(
        lang,
        "stay-children-ages",
        &[("n", ages.len().to_string()), ("ages", list)],
    )
}

async fn house_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: HouseId,
    page: Page,
    form: Option<HouseForms>,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let lang = page.lang;
    let HouseDetail {
        house,
        units,
        stays,
        tonight,
    } = state.store.house_detail(&reader, id).await?;
    let today = today(state, ctx);
    let form = form.unwrap_or_else(|| HouseForms {
        opened_on: today.to_string(),
        entered_on: today.to_string(),
        places: "1".into(),
        ..HouseForms::default()
    });
    let current: Vec<&Stay> = stays
        .iter()
        .flatten()
        .filter(|s| s.exited_on.is_none())
        .collect();
    let team: Vec<havre_store::accounts::User> = state
        .store
        .users(auth.organization.id)
        .await?
        .into_iter()
        .filter(|u| {
            havre_domain::policy::allows(&u.roles, havre_domain::policy::Permission::SeeHousing)
        })
        .collect();
    // The requests still waiting, for the admission form to meet one.
    let waiting: Vec<havre_store::housing::HousingRequest> =
        if auth.may(Action::Read, &Record::new(RecordKind::HousingRequest)) {
            state
                .store
                .housing_requests(&reader)
                .await?
                .into_iter()
                .filter(|r| r.status == RequestStatus::Waiting)
                .collect()
        } else {
            Vec::new()
        };
    let chosen: Vec<UserId> = if form.staff.is_empty() {
        house.staff.clone()
    } else {
        form.staff.iter().filter_map(|v| v.parse().ok()).collect()
    };
    Ok(render(&HousePage {
        reads_address: !house.address_secret
            || auth.may(
                Action::Read,
                &Record::new(RecordKind::SecretAddress).in_her_charge(house.works_here),
            ),
        manages: auth.may(Action::Edit, &Record::new(RecordKind::House)),
        admits: auth.may(
            Action::Create,
            &Record::new(RecordKind::Stay).in_her_charge(house.works_here),
        ),
        tonight: crate::i18n::t_args(
            lang,
            "house-tonight",
            &[
                ("residents", format_count(tonight.residents, lang)),
                ("women", format_count(tonight.women, lang)),
                ("children", format_count(tonight.children, lang)),
                ("occupied", format_count(tonight.units_occupied, lang)),
                ("units", format_count(tonight.units_in_service, lang)),
            ],
        ),
        warnings: current
            .iter()
            .filter(|s| s.warning.is_some())
            .map(|s| stay_row(s, &units, lang))
            .collect(),
        stays: stays
            .as_ref()
            .map(|all| all.iter().map(|s| stay_row(s, &units, lang)).collect()),
        unit_choice: Select {
            name: "unit",
            label: t(lang, "stay-unit"),
            options: units
                .iter()
                .filter(|u| u.inventory.in_service(today))
                .map(|u| SelectOption {
                    value: u.id.to_string(),
                    label: format!(
                        "{} ({}, {} {})",
                        u.name,
                        t(lang, &format!("unit_kind-{}", u.kind.key())),
                        u.places,
                        t(lang, "unit-places-short")
                    ),
                    selected: form.unit == u.id.to_string(),
                })
                .collect(),
        },
        request_choice: Select {
            name: "request",
            label: t(lang, "stay-request"),
            options: std::iter::once(SelectOption {
                value: String::new(),
                label: t(lang, "stay-request-none"),
                selected: form.request.is_empty(),
            })
            .chain(waiting.iter().map(|r| SelectOption {
                value: r.id.to_string(),
                label: format!(
                    "{} — {} ({})",
                    r.received_on,
                    r.alias.clone().unwrap_or_default(),
                    t(lang, &format!("request_source-{}", r.source.key()))
                ),
                selected: form.request == r.id.to_string(),
            }))
            .collect(),
        },
        staff: super::team_boxes(
            "staff",
            t(lang, "house-staff"),
            &team,
            Some(&chosen),
            auth.user.id,
        ),
        units: unit_rows(&units, lang, today),
        house,
        page,
        form,
    }))
}

pub async fn house(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HouseId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "house-title");
    house_page(&state, &auth, &ctx, id, page, None).await
}

/// The house page again with the problems of one of its forms, or the page once saved.
async fn after_house(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: HouseId,
    result: Result<(), StoreError>,
    form: HouseForms,
    anchor: &str,
) -> Result<Response, WebError> {
    match after_with(result, format!("/housing/houses/{id}#{anchor}"))? {
        Ok(done) => Ok(done),
        Err(errors) => {
            let page = Page::new(ctx, "house-title").with_errors(errors);
            Ok(unprocessable(
                house_page(state, auth, ctx, id, page, Some(form)).await?,
            ))
        }
    }
}

#[derive(Template)]
#[template(path = "house_address.html")]
struct AddressPage {
    page: Page,
    house: House,
    address: String,
}

/// A house's address, on a page of its own: a secret one is opened only for the house's team,
/// and each reading is written to the audit log.
pub async fn address(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HouseId>,
) -> Result<Response, WebError> {
    let reader = auth.reader(&ctx);
    let address = state.store.house_address(&reader, id).await?;
    let house = state
        .store
        .houses(&reader)
        .await?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or(WebError::NotFound)?;
    let page = Page::new(&ctx, "house-address");
    Ok(render(&AddressPage {
        address: address.unwrap_or_else(|| t(page.lang, "house-no-address")),
        house,
        page,
    }))
}

pub async fn set_staff(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<HouseId>,
    Form(form): Form<HouseForms>,
) -> Result<Response, WebError> {
    let staff = form.staff.iter().filter_map(|v| v.parse().ok()).collect();
    let result = state
        .store
        .set_house_staff(&auth.reader(&ctx), id, staff)
        .await;
    after_house(&state, &auth, &ctx, id, result, form, "staff").await
}

pub async fn add_unit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<HouseId>,
    Form(form): Form<HouseForms>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let kind = UnitKind::parse(&form.kind);
    if kind.is_none() {
        problems.push(FieldError::new("kind", "value-not-in-list"));
    }
    let bedrooms = (!form.bedrooms.trim().is_empty())
        .then(|| whole_number(&form.bedrooms, "bedrooms", &mut problems));
    let places = whole_number(&form.places, "places", &mut problems);
    let opened_on = day(&form.opened_on, "opened_on", false, &mut problems);
    let result = match (kind, opened_on) {
        (Some(kind), Some(opened_on)) if problems.is_empty() => state
            .store
            .add_unit(
                &auth.reader(&ctx),
                id,
                NewUnit {
                    name: form.unit_name.clone(),
                    kind,
                    bedrooms,
                    places,
                    opened_on,
                },
            )
            .await
            .map(|_| ())
            // The unit's name has a field of its own beside the woman's.
            .map_err(|e| rename(e, "name", "unit_name")),
        _ => Err(StoreError::Invalid(problems)),
    };
    after_house(&state, &auth, &ctx, id, result, form, "units").await
}

/// The store's field `from` as the form names it.
fn rename(e: StoreError, from: &'static str, to: &'static str) -> StoreError {
    match e {
        StoreError::Invalid(list) => StoreError::Invalid(
            list.into_iter()
                .map(|f| FieldError {
                    field: if f.field == from { to } else { f.field },
                    message_key: f.message_key,
                })
                .collect(),
        ),
        other => other,
    }
}

pub async fn admit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HouseId>,
    Form(form): Form<HouseForms>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let unit: Option<UnitId> = form.unit.parse().ok();
    if unit.is_none() {
        problems.push(FieldError::new("unit", "value-not-in-list"));
    }
    let entered_on = day(&form.entered_on, "entered_on", false, &mut problems);
    let moved_in_on = day(&form.moved_in_on, "moved_in_on", true, &mut problems);
    let children = rules::parse_children(&form.children)
        .map_err(|e| problems.push(e))
        .unwrap_or_default();
    let reader = auth.reader(&ctx);
    // The request it meets, if one was chosen: her file if the request has one, else a new
    // file in the name typed, or the request's.
    let request = match form.request.trim() {
        "" => None,
        chosen => {
            let found = state
                .store
                .housing_requests(&reader)
                .await?
                .into_iter()
                .find(|r| r.id.to_string() == chosen && r.status == RequestStatus::Waiting);
            if found.is_none() {
                problems.push(FieldError::new("request", "value-not-in-list"));
            }
            found
        }
    };
    let resident = match &request {
        Some(HousingRequest {
            person_id: Some(person),
            ..
        }) => Resident::File(*person),
        Some(r) if form.name.trim().is_empty() => Resident::NewFile {
            name: r.alias.clone().unwrap_or_default(),
            network_consent: form.network_consent.is_some(),
        },
        _ => Resident::NewFile {
            name: form.name.clone(),
            network_consent: form.network_consent.is_some(),
        },
    };
    let result = match (unit, entered_on) {
        (Some(unit_id), Some(entered_on)) if problems.is_empty() => state
            .store
            .admit_to_house(
                &reader,
                NewStay {
                    unit_id,
                    resident,
                    entered_on,
                    moved_in_on,
                    children,
                    request_id: request.map(|r| r.id),
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    after_house(&state, &auth, &ctx, id, result, form, "residents").await
}

// ----- A unit -----

#[derive(Template)]
#[template(path = "housing_unit.html")]
struct UnitPage {
    page: Page,
    house: House,
    unit: UnitRow,
    outages: Vec<(OutageId, NaiveDate, Option<NaiveDate>)>,
    closed: bool,
    manages: bool,
    form: UnitForm,
}

/// A unit's forms (out of service, back, closing), as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    from: String,
    back_on: String,
    closed_on: String,
    unit: String,
}

async fn unit_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: UnitId,
    page: Page,
    form: UnitForm,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let unit = state.store.unit(&reader, id).await?;
    let house = state
        .store
        .houses(&reader)
        .await?
        .into_iter()
        .find(|h| h.id == unit.house_id)
        .ok_or(WebError::NotFound)?;
    let today = today(state, ctx);
    Ok(render(&UnitPage {
        outages: unit
            .outage_ids
            .iter()
            .zip(&unit.inventory.outages)
            .map(|(id, o)| (*id, o.from, o.back_on))
            .collect(),
        closed: unit.inventory.closed_on.is_some(),
        manages: auth.may(Action::Edit, &Record::new(RecordKind::House)),
        unit: unit_rows(std::slice::from_ref(&unit), page.lang, today).remove(0),
        house,
        page,
        form,
    }))
}

pub async fn unit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<UnitId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "unit-title");
    unit_page(&state, &auth, &ctx, id, page, UnitForm::default()).await
}

async fn after_unit(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: UnitId,
    result: Result<(), StoreError>,
    form: UnitForm,
) -> Result<Response, WebError> {
    match after_with(result, format!("/housing/units/{id}"))? {
        Ok(done) => Ok(done),
        Err(errors) => {
            let page = Page::new(ctx, "unit-title").with_errors(errors);
            Ok(unprocessable(
                unit_page(state, auth, ctx, id, page, form).await?,
            ))
        }
    }
}

pub async fn put_out_of_service(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<UnitId>,
    Form(form): Form<UnitForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let from = day(&form.from, "from", false, &mut problems);
    let back_on = day(&form.back_on, "back_on", true, &mut problems);
    let result = match from {
        Some(from) if problems.is_empty() => state
            .store
            .put_out_of_service(&auth.reader(&ctx), id, from, back_on)
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    after_unit(&state, &auth, &ctx, id, result, form).await
}

pub async fn back_in_service(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<OutageId>,
    Form(form): Form<UnitForm>,
) -> Result<Response, WebError> {
    // The outage's unit, named by the form, is the page it goes back to.
    let unit: UnitId = form.unit.parse().map_err(|_| WebError::NotFound)?;
    let mut problems = Vec::new();
    let back_on = day(&form.back_on, "back_on", false, &mut problems);
    let result = match back_on {
        Some(back_on) if problems.is_empty() => {
            state
                .store
                .back_in_service(&auth.reader(&ctx), id, back_on)
                .await
        }
        _ => Err(StoreError::Invalid(problems)),
    };
    after_unit(&state, &auth, &ctx, unit, result, form).await
}

pub async fn close_unit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<UnitId>,
    Form(form): Form<UnitForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let closed_on = day(&form.closed_on, "closed_on", false, &mut problems);
    let result = match closed_on {
        Some(closed_on) if problems.is_empty() => {
            state
                .store
                .close_unit(&auth.reader(&ctx), id, closed_on)
                .await
        }
        _ => Err(StoreError::Invalid(problems)),
    };
    after_unit(&state, &auth, &ctx, id, result, form).await
}

// ----- A stay -----

#[derive(Template)]
#[template(path = "stay.html")]
struct StayPage {
    page: Page,
    house: House,
    stay: Stay,
    row: StayRow,
    edits: bool,
    extends: bool,
    destinations: Select,
    form: StayForm,
}

/// A stay's forms (move-in, exit, extension), as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct StayForm {
    moved_in_on: String,
    exited_on: String,
    destination: String,
    until_on: String,
    reason: String,
}

async fn stay_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: StayId,
    page: Page,
    form: Option<StayForm>,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let (house, stay) = state.store.stay(&reader, id).await?;
    let units = state.store.house_detail(&reader, house.id).await?.units;
    let lang = page.lang;
    let form = form.unwrap_or_else(|| StayForm {
        exited_on: today(state, ctx).to_string(),
        ..StayForm::default()
    });
    let record = Record::new(RecordKind::Stay).in_her_charge(house.works_here);
    Ok(render(&StayPage {
        row: stay_row(&stay, &units, lang),
        edits: stay.exited_on.is_none() && auth.may(Action::Edit, &record),
        extends: stay.exited_on.is_none() && auth.may(Action::Decide, &record),
        destinations: choices(
            "destination",
            "stay-destination",
            lang,
            ExitDestination::ALL,
            ExitDestination::key,
            "destination",
            &form.destination,
        ),
        house,
        stay,
        page,
        form,
    }))
}

pub async fn stay(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "stay-title");
    stay_page(&state, &auth, &ctx, id, page, None).await
}

async fn after_stay(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: StayId,
    result: Result<(), StoreError>,
    form: StayForm,
) -> Result<Response, WebError> {
    match after_with(result, format!("/housing/stays/{id}"))? {
        Ok(done) => Ok(done),
        Err(errors) => {
            let page = Page::new(ctx, "stay-title").with_errors(errors);
            Ok(unprocessable(
                stay_page(state, auth, ctx, id, page, Some(form)).await?,
            ))
        }
    }
}

pub async fn exit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
    Form(form): Form<StayForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let exited_on = day(&form.exited_on, "exited_on", false, &mut problems);
    let destination = ExitDestination::parse(&form.destination);
    if destination.is_none() {
        problems.push(FieldError::new("destination", "value-required"));
    }
    let result = match (exited_on, destination) {
        (Some(e), Some(d)) if problems.is_empty() => {
            state.store.record_exit(&auth.reader(&ctx), id, e, d).await
        }
        _ => Err(StoreError::Invalid(problems)),
    };
    after_stay(&state, &auth, &ctx, id, result, form).await
}

pub async fn move_in(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
    Form(form): Form<StayForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let result = match day(&form.moved_in_on, "moved_in_on", false, &mut problems) {
        Some(m) => state.store.record_move_in(&auth.reader(&ctx), id, m).await,
        None => Err(StoreError::Invalid(problems)),
    };
    after_stay(&state, &auth, &ctx, id, result, form).await
}

pub async fn extend(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
    Form(form): Form<StayForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let result = match day(&form.until_on, "until_on", false, &mut problems) {
        Some(until) => state
            .store
            .extend_stay(&auth.reader(&ctx), id, until, &form.reason)
            .await
            .map(|_| ()),
        None => Err(StoreError::Invalid(problems)),
    };
    after_stay(&state, &auth, &ctx, id, result, form).await
}

// ----- The housing wait list -----

pub struct RequestRow {
    pub id: HousingRequestId,
    pub received_on: NaiveDate,
    pub source: String,
    pub who: String,
    pub household: String,
    pub status: String,
    pub waiting: bool,
}

#[derive(Template)]
#[template(path = "housing_requests.html")]
struct RequestsPage {
    page: Page,
    requests: Vec<RequestRow>,
    sources: Select,
    kinds: Select,
    reasons: Select,
    form: RequestForm,
}

/// A request for a place, or a decision on one, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    received_on: String,
    source: String,
    alias: String,
    children: String,
    wants_kind: String,
    bedrooms_needed: String,
    note: String,
    decision: String,
    decided_on: String,
}

fn request_rows(
    requests: Vec<havre_store::housing::HousingRequest>,
    lang: Lang,
) -> Vec<RequestRow> {
    requests
        .into_iter()
        .map(|r| RequestRow {
            id: r.id,
            received_on: r.received_on,
            source: t(lang, &format!("request_source-{}", r.source.key())),
            who: r.alias.unwrap_or_default(),
            household: {
                let children =
                    crate::i18n::t_args(lang, "request-children", &[("n", r.children.to_string())]);
                match r.wants_kind {
                    Some(k) => format!(
                        "{children} · {}",
                        t(lang, &format!("unit_kind-{}", k.key()))
                    ),
                    None => children,
                }
            },
            status: match r.turn_away_reason {
                Some(reason) => format!(
                    "{} ({})",
                    t(lang, "request_status-turned_away"),
                    t(lang, &format!("housing_turn_away-{}", reason.key()))
                ),
                None => t(lang, &format!("request_status-{}", r.status.key())),
            },
            waiting: r.status == RequestStatus::Waiting,
        })
        .collect()
}

async fn requests_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    form: Option<RequestForm>,
) -> Result<Response, WebError> {
    let lang = page.lang;
    let requests = state.store.housing_requests(&auth.reader(ctx)).await?;
    let form = form.unwrap_or_else(|| RequestForm {
        received_on: today(state, ctx).to_string(),
        decided_on: today(state, ctx).to_string(),
        children: "0".into(),
        ..RequestForm::default()
    });
    let mut kinds = choices(
        "wants_kind",
        "request-wants-kind",
        lang,
        UnitKind::ALL,
        UnitKind::key,
        "unit_kind",
        &form.wants_kind,
    );
    kinds.options.insert(
        0,
        SelectOption {
            value: String::new(),
            label: t(lang, "request-any-unit"),
            selected: form.wants_kind.is_empty(),
        },
    );
    let mut reasons = choices(
        "decision",
        "request-decision",
        lang,
        TurnAwayReason::ALL,
        TurnAwayReason::key,
        "housing_turn_away",
        &form.decision,
    );
    reasons.options.push(SelectOption {
        value: "withdrawn".into(),
        label: t(lang, "request_status-withdrawn"),
        selected: form.decision == "withdrawn",
    });
    Ok(render(&RequestsPage {
        requests: request_rows(requests, lang),
        sources: choices(
            "source",
            "request-source",
            lang,
            RequestSource::ALL,
            RequestSource::key,
            "request_source",
            &form.source,
        ),
        kinds,
        reasons,
        page,
        form,
    }))
}

pub async fn requests(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "housing-requests-title");
    requests_page(&state, &auth, &ctx, page, None).await
}

async fn after_requests(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    result: Result<(), StoreError>,
    form: RequestForm,
) -> Result<Response, WebError> {
    match after_with(result, "/housing/requests".to_owned())? {
        Ok(done) => Ok(done),
        Err(errors) => {
            let page = Page::new(ctx, "housing-requests-title").with_errors(errors);
            Ok(unprocessable(
                requests_page(state, auth, ctx, page, Some(form)).await?,
            ))
        }
    }
}

pub async fn record_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Form(form): Form<RequestForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let received_on = day(&form.received_on, "received_on", false, &mut problems);
    let source = RequestSource::parse(&form.source);
    if source.is_none() {
        problems.push(FieldError::new("source", "value-required"));
    }
    let children = havre_domain::validation::count(&form.children, "children", &mut problems);
    let bedrooms_needed = (!form.bedrooms_needed.trim().is_empty())
        .then(|| whole_number(&form.bedrooms_needed, "bedrooms_needed", &mut problems));
    let result = match (received_on, source) {
        (Some(received_on), Some(source)) if problems.is_empty() => state
            .store
            .record_housing_request(
                &auth.reader(&ctx),
                NewHousingRequest {
                    received_on,
                    source,
                    alias: Some(form.alias.clone()),
                    person_id: None,
                    children,
                    wants_kind: UnitKind::parse(&form.wants_kind),
                    bedrooms_needed,
                    note: Some(form.note.clone()),
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    after_requests(&state, &auth, &ctx, result, form).await
}

pub async fn decide(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HousingRequestId>,
    Form(form): Form<RequestForm>,
) -> Result<Response, WebError> {
    let mut problems = Vec::new();
    let decision = match form.decision.as_str() {
        "withdrawn" => Some(RequestDecision::Withdrawn),
        other => TurnAwayReason::parse(other).map(RequestDecision::TurnAway),
    };
    if decision.is_none() {
        problems.push(FieldError::new("decision", "value-required"));
    }
    let on = day(&form.decided_on, "decided_on", false, &mut problems);
    let result = match (decision, on) {
        (Some(decision), Some(on)) if problems.is_empty() => {
            state
                .store
                .decide_housing_request(&auth.reader(&ctx), id, decision, on)
                .await
        }
        _ => Err(StoreError::Invalid(problems)),
    };
    after_requests(&state, &auth, &ctx, result, form).await
}

// ----- The figures -----

#[derive(Template)]
#[template(path = "housing_figures.html")]
struct FiguresPage {
    page: Page,
    period: String,
    summary: String,
    tables: Vec<super::reports::TableView>,
    houses: Select,
    query: FiguresQuery,
    /// The one-day snapshot: each line's label and figure.
    snapshot: Vec<(String, String)>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct FiguresQuery {
    from: String,
    to: String,
    house: String,
    day: String,
}

pub async fn figures(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Params(query): Params<FiguresQuery>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let today = today(&state, &ctx);
    let year = Period::reporting_year(today, ctx.year_start());
    let period = Period {
        first: query.from.parse().unwrap_or(year.first),
        last: query.to.parse().unwrap_or(year.last),
    };
    let previous = period
        .previous()
        .filter(|_| period.first <= period.last && (period.last - period.first).num_days() <= 3_660)
        .ok_or_else(|| WebError::Invalid(vec![FieldError::new("to", "report-period-invalid")]))?;
    let house: Option<HouseId> = query.house.parse().ok();
    let org = auth.organization.id;
    let now = state
        .store
        .housing_figures(org, house, period.first, period.last)
        .await?;
    let before = state
        .store
        .housing_figures(org, house, previous.first, previous.last)
        .await?;
    let snap_day = query
        .day
        .parse()
        .unwrap_or(today.pred_opt().unwrap_or(today));
    let snap = state.store.housing_snapshot(org, house, snap_day).await?;
    let mut houses = Select {
        name: "house",
        label: t(lang, "figures-house"),
        options: state
            .store
            .houses(&auth.reader(&ctx))
            .await?
            .into_iter()
            .map(|h| SelectOption {
                selected: Some(h.id) == house,
                value: h.id.to_string(),
                label: h.name,
            })
            .collect(),
    };
    houses.options.insert(
        0,
        SelectOption {
            value: String::new(),
            label: t(lang, "figures-all-houses"),
            selected: house.is_none(),
        },
    );
    let n = |v| format_count(v, lang);
    let snapshot = vec![
        (t(lang, "figures-residents"), n(snap.residents)),
        (t(lang, "figures-women"), n(snap.women)),
        (t(lang, "figures-children"), n(snap.children)),
        (
            t(lang, "figures-units-occupied"),
            format!("{} / {}", n(snap.units_occupied), n(snap.units_in_service)),
        ),
        (t(lang, "figures-turned-away-that-day"), n(snap.turned_away)),
    ];
    let page = Page::new(&ctx, "housing-figures-title");
    Ok(render(&FiguresPage {
        period: period.title(),
        summary: crate::sections::housing_summary(&now, &before, period, lang),
        tables: havre_report::tables::housing(&now, &before, &|key: &str| t(lang, key))
            .into_iter()
            .map(|table| super::reports::view(table, lang))
            .collect(),
        houses,
        query: FiguresQuery {
            from: period.first.to_string(),
            to: period.last.to_string(),
            house: query.house,
            day: snap_day.to_string(),
        },
        snapshot,
        page,
    }))
}
