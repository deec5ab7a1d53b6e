//! Housing, the JSON twin of `/housing` (docs/housing.md): houses and their units, stays, the
//! housing wait list and the figures. The housing team reads (`Permission::SeeHousing`); the
//! coordinator and the service-area lead open houses and units (`Permission::ManageHouses`);
//! the store decides, per house, who sees its residents and its secret address.

use super::body::{Body, InBody, Params, missing};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use havre_domain::housing::{
    ExitDestination, HousingFigures, NewUnit, RequestSource, Snapshot, TurnAwayReason, UnitKind,
    change_percent,
};
use havre_domain::ids::{HouseId, HousingRequestId, OutageId, PersonId, StayId, UnitId, UserId};
use havre_report::activity::Period;
use havre_store::housing::{
    House, HouseDetail, HousingRequest, NewHouse, NewHousingRequest, NewStay, RequestDecision,
    Resident, Stay, Unit,
};
use serde::{Deserialize, Serialize};

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HouseBody {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    pub region: Option<String>,
    /// Sealed like identifying data; required when it is secret.
    pub address: Option<String>,
    /// Only the house's own team reads a secret address.
    #[serde(default)]
    pub address_secret: bool,
    /// The longest stay, in months: 24 when absent.
    pub max_stay_months: Option<u32>,
}

/// The houses of the organization, by name. No address is ever in this list.
#[utoipa::path(get, path = "/api/v1/houses", tag = "housing",
    responses((status = 200, body = Vec<House>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn houses(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
) -> Result<Json<Vec<House>>, WebError> {
    Ok(Json(state.store.houses(&auth.reader(&ctx)).await?))
}

/// Opens a house; whoever opens it works in it.
#[utoipa::path(post, path = "/api/v1/houses", tag = "housing", request_body = HouseBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_house(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Body(body): Body<HouseBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .create_house(
            &auth.reader(&ctx),
            NewHouse {
                name: body.name,
                region: body.region,
                address: body.address,
                address_secret: body.address_secret,
                max_stay_months: body
                    .max_stay_months
                    .unwrap_or(havre_domain::housing::DEFAULT_MAX_STAY_MONTHS),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// A house: its units with their dated inventory, who slept there last night, and for its
/// own team and the coordinator its stays with their warnings. Never its address.
#[utoipa::path(get, path = "/api/v1/houses/{id}", tag = "housing", params(("id" = Uuid, Path)),
    responses((status = 200, body = HouseDetail), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn house(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HouseId>,
) -> Result<Json<HouseDetail>, WebError> {
    Ok(Json(
        state.store.house_detail(&auth.reader(&ctx), id).await?,
    ))
}

/// A unit with its dated inventory.
#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "housing", params(("id" = Uuid, Path)),
    responses((status = 200, body = Unit), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn unit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<UnitId>,
) -> Result<Json<Unit>, WebError> {
    Ok(Json(state.store.unit(&auth.reader(&ctx), id).await?))
}

/// A stay and its house, for the house's team and the coordinator: her name, the children's
/// ages, the dates, the limit and its warning, the extensions with their reasons.
#[utoipa::path(get, path = "/api/v1/stays/{id}", tag = "housing", params(("id" = Uuid, Path)),
    responses((status = 200, body = StayView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn stay(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
) -> Result<Json<StayView>, WebError> {
    let (house, stay) = state.store.stay(&auth.reader(&ctx), id).await?;
    Ok(Json(StayView { house, stay }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StayView {
    pub house: House,
    pub stay: Stay,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AddressView {
    pub address: Option<String>,
}

/// A house's address. A secret one only for the house's own team (403 for anyone else), and
/// the read is written to the audit log.
#[utoipa::path(get, path = "/api/v1/houses/{id}/address", tag = "housing", params(("id" = Uuid, Path)),
    responses((status = 200, body = AddressView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn address(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HouseId>,
) -> Result<Json<AddressView>, WebError> {
    let address = state.store.house_address(&auth.reader(&ctx), id).await?;
    Ok(Json(AddressView { address }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StaffBody {
    /// Everyone who works in the house: it replaces the list.
    #[serde(default)]
    #[schema(required = true)]
    pub staff: Vec<UserId>,
}

/// Says who works in a house.
#[utoipa::path(put, path = "/api/v1/houses/{id}/staff", tag = "housing", params(("id" = Uuid, Path)), request_body = StaffBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_staff(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<HouseId>,
    Body(body): Body<StaffBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .set_house_staff(&auth.reader(&ctx), id, body.staff)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct UnitBody {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[schema(required = true)]
    pub kind: Option<UnitKind>,
    /// For an apartment.
    pub bedrooms: Option<i32>,
    /// The persons it can house (beds); a room has one.
    #[schema(required = true)]
    pub places: Option<i32>,
    /// The first night it can house someone.
    #[schema(required = true)]
    pub opened_on: Option<NaiveDate>,
}

/// Adds a unit to a house.
#[utoipa::path(post, path = "/api/v1/houses/{id}/units", tag = "housing", params(("id" = Uuid, Path)), request_body = UnitBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_unit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<HouseId>,
    Body(body): Body<UnitBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let unit = NewUnit {
        name: body.name,
        kind: body.kind.ok_or_else(|| missing("kind"))?,
        bedrooms: body.bedrooms,
        places: body.places.ok_or_else(|| missing("places"))?,
        opened_on: body.opened_on.ok_or_else(|| missing("opened_on"))?,
    };
    let id = state.store.add_unit(&auth.reader(&ctx), id, unit).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CloseUnitBody {
    /// The day it closes for good: no night from then on.
    #[schema(required = true)]
    pub closed_on: Option<NaiveDate>,
}

/// Closes a unit for good from a day; its nights before stay in the inventory's history.
#[utoipa::path(post, path = "/api/v1/units/{id}/close", tag = "housing", params(("id" = Uuid, Path)), request_body = CloseUnitBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn close_unit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<UnitId>,
    Body(body): Body<CloseUnitBody>,
) -> Result<StatusCode, WebError> {
    let closed_on = body.closed_on.ok_or_else(|| missing("closed_on"))?;
    state
        .store
        .close_unit(&auth.reader(&ctx), id, closed_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OutageBody {
    #[schema(required = true)]
    pub from: Option<NaiveDate>,
    /// The day it comes back, when known.
    pub back_on: Option<NaiveDate>,
}

/// Puts a unit out of service (repairs) from a day.
#[utoipa::path(post, path = "/api/v1/units/{id}/outages", tag = "housing", params(("id" = Uuid, Path)), request_body = OutageBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn put_out_of_service(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<UnitId>,
    Body(body): Body<OutageBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let from = body.from.ok_or_else(|| missing("from"))?;
    let id = state
        .store
        .put_out_of_service(&auth.reader(&ctx), id, from, body.back_on)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BackBody {
    #[schema(required = true)]
    pub back_on: Option<NaiveDate>,
}

/// Says the day a unit out of service came back.
#[utoipa::path(post, path = "/api/v1/outages/{id}/back", tag = "housing", params(("id" = Uuid, Path)), request_body = BackBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn back_in_service(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageHouses>,
    Path(id): Path<OutageId>,
    Body(body): Body<BackBody>,
) -> Result<StatusCode, WebError> {
    let back_on = body.back_on.ok_or_else(|| missing("back_on"))?;
    state
        .store
        .back_in_service(&auth.reader(&ctx), id, back_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StayBody {
    #[schema(required = true)]
    pub unit_id: Option<UnitId>,
    /// Her file, if she has one…
    pub person_id: Option<PersonId>,
    /// …or her name, to open one…
    pub name: Option<String>,
    /// …and whether she agreed to be counted, without her name, in the network's figures.
    #[serde(default)]
    pub network_consent: bool,
    #[schema(required = true)]
    pub entered_on: Option<NaiveDate>,
    pub moved_in_on: Option<NaiveDate>,
    /// The children's ages at entry.
    #[serde(default)]
    pub children: Vec<u8>,
    /// The request for a place it meets.
    pub request_id: Option<HousingRequestId>,
}

/// Admits a woman, with her children, to a unit. Refused at `unit` when the unit is not in
/// service or its places are taken.
#[utoipa::path(post, path = "/api/v1/stays", tag = "housing", request_body = StayBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn admit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Body(body): Body<StayBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let resident = match (body.person_id, body.name) {
        (Some(p), _) => Resident::File(p),
        (None, Some(name)) => Resident::NewFile {
            name,
            network_consent: body.network_consent,
        },
        (None, None) => {
            return Err(WebError::Invalid(vec![havre_store::FieldError::new(
                "name",
                "stay-needs-resident",
            )]));
        }
    };
    let id = state
        .store
        .admit_to_house(
            &auth.reader(&ctx),
            NewStay {
                unit_id: body.unit_id.ok_or_else(|| missing("unit_id"))?,
                resident,
                entered_on: body.entered_on.ok_or_else(|| missing("entered_on"))?,
                moved_in_on: body.moved_in_on,
                children: body.children,
                request_id: body.request_id,
            },
        )
        .await
        .named(&[("unit", "unit_id"), ("request_id", "request_id")])?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MoveInBody {
    #[schema(required = true)]
    pub moved_in_on: Option<NaiveDate>,
}

/// Records the day she moved in.
#[utoipa::path(post, path = "/api/v1/stays/{id}/move-in", tag = "housing", params(("id" = Uuid, Path)), request_body = MoveInBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn move_in(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
    Body(body): Body<MoveInBody>,
) -> Result<StatusCode, WebError> {
    let day = body.moved_in_on.ok_or_else(|| missing("moved_in_on"))?;
    state
        .store
        .record_move_in(&auth.reader(&ctx), id, day)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExitBody {
    #[schema(required = true)]
    pub exited_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub destination: Option<ExitDestination>,
}

/// Records her exit and where she went.
#[utoipa::path(post, path = "/api/v1/stays/{id}/exit", tag = "housing", params(("id" = Uuid, Path)), request_body = ExitBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn exit(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
    Body(body): Body<ExitBody>,
) -> Result<StatusCode, WebError> {
    let day = body.exited_on.ok_or_else(|| missing("exited_on"))?;
    let destination = body.destination.ok_or_else(|| missing("destination"))?;
    state
        .store
        .record_exit(&auth.reader(&ctx), id, day, destination)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExtensionBody {
    /// The new limit.
    #[schema(required = true)]
    pub until_on: Option<NaiveDate>,
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}

/// The coordinator lets a stay go on past the house's limit, for a written reason.
#[utoipa::path(post, path = "/api/v1/stays/{id}/extensions", tag = "housing", params(("id" = Uuid, Path)), request_body = ExtensionBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn extend(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<StayId>,
    Body(body): Body<ExtensionBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let until = body.until_on.ok_or_else(|| missing("until_on"))?;
    let id = state
        .store
        .extend_stay(&auth.reader(&ctx), id, until, &body.reason)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HousingRequestBody {
    #[schema(required = true)]
    pub received_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub source: Option<RequestSource>,
    /// A first name or an alias; or her file.
    pub alias: Option<String>,
    pub person_id: Option<PersonId>,
    #[serde(default)]
    pub children: i32,
    pub wants_kind: Option<UnitKind>,
    pub bedrooms_needed: Option<i32>,
    pub note: Option<String>,
}

/// The housing wait list: waiting requests first, then those decided in the last year.
#[utoipa::path(get, path = "/api/v1/housing/requests", tag = "housing",
    responses((status = 200, body = Vec<HousingRequest>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn requests(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
) -> Result<Json<Vec<HousingRequest>>, WebError> {
    Ok(Json(
        state.store.housing_requests(&auth.reader(&ctx)).await?,
    ))
}

/// Records a request for a place.
#[utoipa::path(post, path = "/api/v1/housing/requests", tag = "housing", request_body = HousingRequestBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Body(body): Body<HousingRequestBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let id = state
        .store
        .record_housing_request(
            &auth.reader(&ctx),
            NewHousingRequest {
                received_on: body.received_on.ok_or_else(|| missing("received_on"))?,
                source: body.source.ok_or_else(|| missing("source"))?,
                alias: body.alias,
                person_id: body.person_id,
                children: body.children,
                wants_kind: body.wants_kind,
                bedrooms_needed: body.bedrooms_needed,
                note: body.note,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HousingDecisionBody {
    /// Why it could not be met; absent when she withdrew it.
    pub turn_away_reason: Option<TurnAwayReason>,
    #[serde(default)]
    pub withdrawn: bool,
    #[schema(required = true)]
    pub decided_on: Option<NaiveDate>,
}

/// Closes a waiting request: a turn-away with its reason, or withdrawn.
#[utoipa::path(post, path = "/api/v1/housing/requests/{id}/decision", tag = "housing", params(("id" = Uuid, Path)), request_body = HousingDecisionBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn decide(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Path(id): Path<HousingRequestId>,
    Body(body): Body<HousingDecisionBody>,
) -> Result<StatusCode, WebError> {
    let decision = match (body.turn_away_reason, body.withdrawn) {
        (Some(reason), false) => RequestDecision::TurnAway(reason),
        (None, true) => RequestDecision::Withdrawn,
        _ => {
            return Err(WebError::Invalid(vec![havre_store::FieldError::new(
                "turn_away_reason",
                "housing-decision-required",
            )]));
        }
    };
    let on = body.decided_on.ok_or_else(|| missing("decided_on"))?;
    state
        .store
        .decide_housing_request(&auth.reader(&ctx), id, decision, on)
        .await
        .named(&[("request_id", "id")])?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// The first day (YYYY-MM-DD); the current reporting year's first day when absent.
    pub from: Option<NaiveDate>,
    /// The last day; the current reporting year's last day when absent.
    pub to: Option<NaiveDate>,
    /// One house; every house when absent.
    pub house: Option<HouseId>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HousingFiguresView {
    pub period: Period,
    pub previous_period: Period,
    pub current: HousingFigures,
    pub previous: HousingFigures,
    /// Persons housed, in whole percent over the previous period.
    pub persons_change_percent: Option<i64>,
}

/// The housing figures of a period and the one before it, from the stays: women, children,
/// entries and exits, bed and unit nights, occupancy, lengths of stay, destinations and
/// turn-aways. Nobody is named.
#[utoipa::path(get, path = "/api/v1/housing/figures", tag = "housing", params(FiguresQuery),
    responses((status = 200, body = HousingFiguresView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn figures(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Params(query): Params<FiguresQuery>,
) -> Result<Json<HousingFiguresView>, WebError> {
    let zone = ctx.zone();
    let year = Period::reporting_year(zone.day_of(state.store.now()), ctx.year_start());
    let period = Period {
        first: query.from.unwrap_or(year.first),
        last: query.to.unwrap_or(year.last),
    };
    let previous_period = period
        .previous()
        .filter(|_| period.first <= period.last && (period.last - period.first).num_days() <= 3_660)
        .ok_or_else(|| super::body::not_in_list("to"))?;
    let org = auth.organization.id;
    let store = &state.store;
    let current = store
        .housing_figures(org, query.house, period.first, period.last)
        .await?;
    let previous = store
        .housing_figures(
            org,
            query.house,
            previous_period.first,
            previous_period.last,
        )
        .await?;
    Ok(Json(HousingFiguresView {
        persons_change_percent: change_percent(previous.persons, current.persons),
        period,
        previous_period,
        current,
        previous,
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SnapshotQuery {
    /// The day whose night is counted (Statistics Canada takes a day in mid-April); last night
    /// when absent, as the house page shows it.
    pub day: Option<NaiveDate>,
    pub house: Option<HouseId>,
}

/// The one-day snapshot: residents, women, children and units occupied the night of a day,
/// and the requests turned away that day.
#[utoipa::path(get, path = "/api/v1/housing/snapshot", tag = "housing", params(SnapshotQuery),
    responses((status = 200, body = Snapshot), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn snapshot(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeHousing>,
    Params(query): Params<SnapshotQuery>,
) -> Result<Json<Snapshot>, WebError> {
    let today = ctx.zone().day_of(state.store.now());
    let day = query.day.unwrap_or(today.pred_opt().unwrap_or(today));
    Ok(Json(
        state
            .store
            .housing_snapshot(auth.organization.id, query.house, day)
            .await?,
    ))
}
