//! Complaints and the privacy duties, the JSON twin of `/complaints` and `/privacy`
//! (docs/privacy.md): the complaint register, its handler, steps and outcome, the yearly
//! complaint report; the person in charge of personal information and the days to answer a
//! complaint; the register of confidentiality incidents and their assessment. The store asks
//! the policy: a complaint about the caller is not found.

use super::body::{Body, Params};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use havre_domain::complaints::{ComplainantKind, ComplaintForm, ComplaintOutcome};
use havre_domain::ids::{AccessRequestId, ComplaintId, IncidentId, ListValueId, PersonId, UserId};
use havre_domain::privacy::{Assessment, IncidentForm, IncidentKind, Level, RetentionKind};
use havre_domain::texts::TextKind;
use havre_store::access::{AccessExport, AccessRequestLine};
use havre_store::complaints::{Complaint, ComplaintLine, ComplaintReport, PrivacySettings};
use havre_store::incidents::{Incident, IncidentLine};
use havre_store::retention::{Approved, DestructionSummary, Due};
use havre_store::texts::PublishedText;
use serde::Deserialize;

type Problem = crate::error::Problem;
type Created = crate::api::calls::Created;

// ----- Complaints -----

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceivedBetween {
    /// The first day of reception listed (YYYY-MM-DD); with `to`.
    pub from: Option<NaiveDate>,
    /// The last day of reception listed (YYYY-MM-DD); with `from`.
    pub to: Option<NaiveDate>,
}

/// The register, newest first; the complaints received in a period when one is given.
#[utoipa::path(get, path = "/api/v1/complaints", tag = "complaints", params(ReceivedBetween),
    responses((status = 200, body = [ComplaintLine]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn complaints(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Params(query): Params<ReceivedBetween>,
) -> Result<Json<Vec<ComplaintLine>>, WebError> {
    let period = query.from.zip(query.to);
    Ok(Json(
        state.store.complaints(&auth.reader(&ctx), period).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ComplaintBody {
    #[schema(required = true)]
    pub received_on: Option<NaiveDate>,
    /// woman, relative, partner, anonymous, other.
    #[schema(required = true, value_type = Option<String>)]
    pub complainant_kind: Option<ComplainantKind>,
    /// Her name and how to answer her; ignored for an anonymous complaint.
    pub complainant: Option<String>,
    /// A value of the organization's list `complaint_nature`.
    #[schema(required = true)]
    pub nature: Option<ListValueId>,
    /// The service concerned.
    #[schema(required = true)]
    pub service: Option<String>,
    /// The member of the team it is about, if one.
    pub about: Option<UserId>,
    #[schema(required = true)]
    pub summary: Option<String>,
}

/// Enters a complaint received by the team.
#[utoipa::path(post, path = "/api/v1/complaints", tag = "complaints", request_body = ComplaintBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn receive(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Body(b): Body<ComplaintBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let form = ComplaintForm {
        received_on: b.received_on,
        complainant_kind: b.complainant_kind,
        complainant: b.complainant.unwrap_or_default(),
        nature: b.nature,
        service: b.service.unwrap_or_default(),
        about: b.about,
        summary: b.summary.unwrap_or_default(),
    };
    let id = state
        .store
        .receive_complaint(&auth.reader(&ctx), form)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// A complaint with its steps; its reading is audited.
#[utoipa::path(get, path = "/api/v1/complaints/{id}", tag = "complaints",
    params(("id" = ComplaintId, Path)),
    responses((status = 200, body = Complaint), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn complaint(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
) -> Result<Json<Complaint>, WebError> {
    Ok(Json(state.store.complaint(&auth.reader(&ctx), id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HandlerBody {
    #[schema(required = true)]
    pub handler_id: Option<UserId>,
}

/// Gives the complaint to a member of the team to handle: one who reads the register, never
/// the one it is about (422 at `handler_id`).
#[utoipa::path(put, path = "/api/v1/complaints/{id}/handler", tag = "complaints", request_body = HandlerBody,
    params(("id" = ComplaintId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn assign(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
    Body(b): Body<HandlerBody>,
) -> Result<StatusCode, WebError> {
    let reader = auth.reader(&ctx);
    // The complaint is looked up before the body is judged: another's is not found.
    state.store.complaint_handlers(&reader, id).await?;
    let handler = b.handler_id.ok_or_else(|| {
        WebError::from(havre_store::StoreError::invalid(
            "handler_id",
            "field-required",
        ))
    })?;
    state.store.assign_complaint(&reader, id, handler).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ComplaintStepBody {
    #[schema(required = true)]
    pub day: Option<NaiveDate>,
    #[schema(required = true)]
    pub body: Option<String>,
}

/// Notes a step of the handling, on its day.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/steps", tag = "complaints", request_body = ComplaintStepBody,
    params(("id" = ComplaintId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_step(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
    Body(b): Body<ComplaintStepBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .add_complaint_step(
            &auth.reader(&ctx),
            id,
            b.day,
            b.body.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConclusionBody {
    /// founded, partly_founded, unfounded, withdrawn, referred.
    #[schema(required = true, value_type = Option<String>)]
    pub outcome: Option<ComplaintOutcome>,
    /// The day the complainant was answered.
    #[schema(required = true)]
    pub answered_on: Option<NaiveDate>,
}

/// Ends the complaint: its outcome and the day the complainant was answered.
#[utoipa::path(put, path = "/api/v1/complaints/{id}/conclusion", tag = "complaints", request_body = ConclusionBody,
    params(("id" = ComplaintId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn conclude(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::HandleComplaints>,
    Path(id): Path<ComplaintId>,
    Body(b): Body<ConclusionBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .conclude_complaint(&auth.reader(&ctx), id, b.outcome, b.answered_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportPeriod {
    /// The first day (YYYY-MM-DD).
    pub from: NaiveDate,
    /// The last day (YYYY-MM-DD).
    pub to: NaiveDate,
}

/// The yearly complaint report of a period, both days included: what the annual report's
/// complaints section shows.
#[utoipa::path(get, path = "/api/v1/complaints/report", tag = "complaints", params(ReportPeriod),
    responses((status = 200, body = ComplaintReport), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn report(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::HandleComplaints>,
    Params(period): Params<ReportPeriod>,
) -> Result<Json<ComplaintReport>, WebError> {
    if period.to < period.from {
        return Err(havre_store::StoreError::invalid("to", "report-period-invalid").into());
    }
    Ok(Json(
        state
            .store
            .complaint_report(auth.organization.id, period.from, period.to)
            .await?,
    ))
}

// ----- Privacy settings -----

/// The person in charge of personal information as the public page shows her, and the days
/// the organization gives itself to answer a complaint.
#[utoipa::path(get, path = "/api/v1/privacy/settings", tag = "complaints",
    responses((status = 200, body = PrivacySettings), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn settings(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::KeepPrivacyDuties>,
) -> Result<Json<PrivacySettings>, WebError> {
    Ok(Json(
        state.store.privacy_settings(auth.organization.id).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PrivacySettingsBody {
    pub officer_title: Option<String>,
    pub officer_contact: Option<String>,
    pub complaint_answer_days: Option<u32>,
}

/// Changes what is given: the person in charge (title and contact, together), the days to
/// answer a complaint (for who handles complaints).
#[utoipa::path(put, path = "/api/v1/privacy/settings", tag = "complaints", request_body = PrivacySettingsBody,
    responses((status = 200, body = PrivacySettings), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn change_settings(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Body(b): Body<PrivacySettingsBody>,
) -> Result<Json<PrivacySettings>, WebError> {
    let reader = auth.reader(&ctx);
    if b.officer_title.is_some() || b.officer_contact.is_some() {
        state
            .store
            .set_privacy_officer(
                &reader,
                b.officer_title.as_deref().unwrap_or_default(),
                b.officer_contact.as_deref().unwrap_or_default(),
            )
            .await?;
    }
    if let Some(days) = b.complaint_answer_days {
        state
            .store
            .set_complaint_answer_days(&reader, &days.to_string())
            .await?;
    }
    Ok(Json(
        state.store.privacy_settings(auth.organization.id).await?,
    ))
}

// ----- Incidents -----

/// The register of confidentiality incidents, newest first.
#[utoipa::path(get, path = "/api/v1/incidents", tag = "complaints",
    responses((status = 200, body = [IncidentLine]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn incidents(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
) -> Result<Json<Vec<IncidentLine>>, WebError> {
    Ok(Json(state.store.incidents(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct IncidentBody {
    /// The day the organization learned of it.
    #[schema(required = true)]
    pub known_on: Option<NaiveDate>,
    /// loss, unauthorized_access, unauthorized_use, disclosure, anomaly.
    #[schema(required = true, value_type = Option<String>)]
    pub kind: Option<IncidentKind>,
    #[schema(required = true)]
    pub description: Option<String>,
    /// The files concerned, by their references: never names.
    pub files_concerned: Option<String>,
    pub persons_count: Option<u32>,
}

/// Enters an incident the team learned of.
#[utoipa::path(post, path = "/api/v1/incidents", tag = "complaints", request_body = IncidentBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Body(b): Body<IncidentBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let form = IncidentForm {
        known_on: b.known_on,
        kind: b.kind,
        description: b.description.unwrap_or_default(),
        files_concerned: b.files_concerned.unwrap_or_default(),
        persons_count: b.persons_count.map(|n| n.to_string()).unwrap_or_default(),
    };
    let id = state
        .store
        .record_incident(&auth.reader(&ctx), form)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// An incident with its assessment; its reading is audited.
#[utoipa::path(get, path = "/api/v1/incidents/{id}", tag = "complaints",
    params(("id" = IncidentId, Path)),
    responses((status = 200, body = Incident), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn incident(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<IncidentId>,
) -> Result<Json<Incident>, WebError> {
    Ok(Json(state.store.incident(&auth.reader(&ctx), id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AssessmentBody {
    #[schema(required = true, value_type = Option<String>)]
    pub kind: Option<IncidentKind>,
    /// The data concerned.
    #[schema(required = true)]
    pub data: Option<String>,
    /// low, medium, high.
    #[schema(required = true, value_type = Option<String>)]
    pub sensitivity: Option<Level>,
    #[schema(required = true)]
    pub consequences: Option<String>,
    #[schema(required = true, value_type = Option<String>)]
    pub probability: Option<Level>,
    /// Whether it risks serious injury: then the regulator and the persons are told.
    #[schema(required = true)]
    pub serious_risk: Option<bool>,
    pub regulator_notified_on: Option<NaiveDate>,
    pub persons_notified_on: Option<NaiveDate>,
    pub measures: Option<String>,
}

/// Records the assessment of an incident, or completes it.
#[utoipa::path(put, path = "/api/v1/incidents/{id}/assessment", tag = "complaints", request_body = AssessmentBody,
    params(("id" = IncidentId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn assess(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<IncidentId>,
    Body(b): Body<AssessmentBody>,
) -> Result<StatusCode, WebError> {
    let assessment = Assessment {
        kind: b.kind,
        data: b.data.unwrap_or_default(),
        sensitivity: b.sensitivity,
        consequences: b.consequences.unwrap_or_default(),
        probability: b.probability,
        serious_risk: b.serious_risk,
        regulator_notified_on: b.regulator_notified_on,
        persons_notified_on: b.persons_notified_on,
        measures: b.measures.unwrap_or_default(),
    };
    state
        .store
        .assess_incident(&auth.reader(&ctx), id, assessment)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- Access requests -----

/// The requests for access, those not answered first, the nearest their limit first.
#[utoipa::path(get, path = "/api/v1/access-requests", tag = "complaints",
    responses((status = 200, body = [AccessRequestLine]), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn access_requests(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
) -> Result<Json<Vec<AccessRequestLine>>, WebError> {
    Ok(Json(state.store.access_requests(&auth.reader(&ctx)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AccessRequestBody {
    /// Her file.
    #[schema(required = true)]
    pub person_id: Option<PersonId>,
    #[schema(required = true)]
    pub received_on: Option<NaiveDate>,
}

/// Records a woman's request for access to her file.
#[utoipa::path(post, path = "/api/v1/access-requests", tag = "complaints", request_body = AccessRequestBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_access_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Body(b): Body<AccessRequestBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let person = b.person_id.ok_or_else(|| {
        WebError::from(havre_store::StoreError::invalid(
            "person_id",
            "field-required",
        ))
    })?;
    let id = state
        .store
        .record_access_request(&auth.reader(&ctx), person, b.received_on)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.into() })))
}

/// One request for access.
#[utoipa::path(get, path = "/api/v1/access-requests/{id}", tag = "complaints",
    params(("id" = AccessRequestId, Path)),
    responses((status = 200, body = AccessRequestLine), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn access_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<AccessRequestId>,
) -> Result<Json<AccessRequestLine>, WebError> {
    Ok(Json(
        state.store.access_request(&auth.reader(&ctx), id).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AccessAnswerBody {
    #[schema(required = true)]
    pub answered_on: Option<NaiveDate>,
}

/// Records the day she was answered.
#[utoipa::path(put, path = "/api/v1/access-requests/{id}/answer", tag = "complaints", request_body = AccessAnswerBody,
    params(("id" = AccessRequestId, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn answer_access_request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<AccessRequestId>,
    Body(b): Body<AccessAnswerBody>,
) -> Result<StatusCode, WebError> {
    state
        .store
        .answer_access_request(&auth.reader(&ctx), id, b.answered_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The forms of an access export.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Everything Havre holds on her, readable, third parties withheld.
    #[default]
    Pdf,
    /// What she provided, as JSON valid against `/api/v1/access-export.schema.json`.
    Json,
    /// What she provided, one line per value.
    Csv,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AccessExportBody {
    #[schema(value_type = Option<String>)]
    pub format: Option<ExportFormat>,
    /// Names of third parties to withhold besides those Havre knows (her relatives, the
    /// organization's other persons): the aggressor's, a name only she knows.
    #[serde(default)]
    pub withhold: Vec<String>,
}

/// Makes her export, in one of its forms; a download. Audited.
#[utoipa::path(post, path = "/api/v1/access-requests/{id}/export", tag = "complaints", request_body = AccessExportBody,
    params(("id" = AccessRequestId, Path)),
    responses((status = 200, description = "The PDF of her whole file, the JSON of what she provided, or its CSV",
            content((String = "application/pdf"), (havre_store::access::ProvidedData = "application/json"), (String = "text/csv"))),
        (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn export_access(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<AccessRequestId>,
    Body(b): Body<AccessExportBody>,
) -> Result<axum::response::Response, WebError> {
    let export = state
        .store
        .access_export(
            &auth.reader(&ctx),
            id,
            &b.withhold,
            &crate::i18n::t(ctx.lang, "access-withheld"),
        )
        .await?;
    export_response(&export, b.format.unwrap_or_default(), ctx.lang)
}

/// The download of an export in one of its forms: the API's and the page's.
pub fn export_response(
    export: &AccessExport,
    format: ExportFormat,
    lang: crate::i18n::Lang,
) -> Result<axum::response::Response, WebError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let t = |k: &str| crate::i18n::t(lang, k);
    let english = lang == crate::i18n::Lang::En;
    let stem = format!("acces-{}", export.produced_on);
    let (body, media, extension) = match format {
        ExportFormat::Pdf => {
            let title = format!("{} — {}", t("access-export-title"), export.provided.name);
            let subtitle = format!(
                "{} — {}",
                export.organization,
                crate::i18n::long_date(export.produced_on, lang)
            );
            let sections = havre_report::access::sections(export, &t, english);
            let pdf = havre_report::pdf::document(&title, &subtitle, &sections, lang)
                .map_err(|e| WebError::Internal(e.to_string()))?;
            (pdf, "application/pdf", "pdf")
        }
        ExportFormat::Json => (
            serde_json::to_vec_pretty(&export.provided)
                .map_err(|e| WebError::Internal(e.to_string()))?,
            "application/json",
            "json",
        ),
        ExportFormat::Csv => (
            havre_report::access::csv(&export.provided, &t, english).into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{extension}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The JSON Schema (2020-12) of what her JSON export holds, published so that she, or a
/// service she chooses, can read it without Havre. Built from the same type the export is
/// written from, so the two cannot drift apart.
#[utoipa::path(get, path = "/api/v1/access-export.schema.json", tag = "complaints",
    responses((status = 200, description = "A JSON Schema, draft 2020-12", content_type = "application/schema+json")))]
pub async fn access_export_schema() -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let schema = access_export_json_schema();
    (
        [(header::CONTENT_TYPE, "application/schema+json")],
        serde_json::to_vec_pretty(&schema).unwrap_or_default(),
    )
        .into_response()
}

/// `ProvidedData`'s schema and those it refers to, as one JSON Schema document: the OpenAPI
/// document's references become `$defs`.
pub fn access_export_json_schema() -> serde_json::Value {
    use utoipa::{PartialSchema, ToSchema};
    let mut defs = Vec::new();
    <havre_store::access::ProvidedData as ToSchema>::schemas(&mut defs);
    let mut root =
        serde_json::to_value(havre_store::access::ProvidedData::schema()).unwrap_or_default();
    let defs: serde_json::Map<String, serde_json::Value> = defs
        .into_iter()
        .map(|(name, s)| (name, serde_json::to_value(s).unwrap_or_default()))
        .collect();
    if let Some(object) = root.as_object_mut() {
        object.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        object.insert("title".into(), "Havre access export".into());
        object.insert("$defs".into(), serde_json::Value::Object(defs));
    }
    let text = root
        .to_string()
        .replace("#/components/schemas/", "#/$defs/");
    serde_json::from_str(&text).unwrap_or_default()
}

// ----- Retention and destruction -----

/// The years each kind of record is kept, and what is due for destruction today: the
/// preview to approve.
#[utoipa::path(get, path = "/api/v1/retention", tag = "complaints",
    responses((status = 200, body = Due), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn retention(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
) -> Result<Json<Due>, WebError> {
    Ok(Json(state.store.retention_due(&auth.reader(&ctx)).await?))
}

/// The years to keep some kinds of records; a kind left out keeps its years.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RetentionBody {
    pub closed_file: Option<u32>,
    pub unserved_request: Option<u32>,
    pub call: Option<u32>,
    pub complaint: Option<u32>,
    /// Five at least: the incident register is kept that long.
    pub incident: Option<u32>,
}

/// Sets the years some kinds of records are kept; nothing changes when one is refused.
#[utoipa::path(put, path = "/api/v1/retention", tag = "complaints", request_body = RetentionBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_retention(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Body(b): Body<RetentionBody>,
) -> Result<StatusCode, WebError> {
    let typed: Vec<(RetentionKind, String)> = [
        (RetentionKind::ClosedFile, b.closed_file),
        (RetentionKind::UnservedRequest, b.unserved_request),
        (RetentionKind::Call, b.call),
        (RetentionKind::Complaint, b.complaint),
        (RetentionKind::Incident, b.incident),
    ]
    .into_iter()
    .filter_map(|(kind, years)| Some((kind, years?.to_string())))
    .collect();
    let typed: Vec<(RetentionKind, &str)> = typed.iter().map(|(k, y)| (*k, y.as_str())).collect();
    state
        .store
        .set_retention_years(&auth.reader(&ctx), &typed)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Destroys what of the preview is approved and still due, in the database and in Havre's
/// backups.
#[utoipa::path(post, path = "/api/v1/retention/destroy", tag = "complaints", request_body = Approved,
    responses((status = 200, body = DestructionSummary), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn destroy(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Body(approved): Body<Approved>,
) -> Result<Json<DestructionSummary>, WebError> {
    Ok(Json(
        state
            .store
            .destroy_due(
                &auth.reader(&ctx),
                &approved,
                state.config.backup_dir.as_deref(),
            )
            .await?,
    ))
}

// ----- Published texts -----

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TextVersionsView {
    /// Every version published, newest first.
    pub versions: Vec<PublishedText>,
    /// Havre's model, with what it knows of the organization filled in.
    pub model: String,
}

/// A text's versions and its model: `service_declaration`, `complaint_process` or
/// `privacy_policy`.
#[utoipa::path(get, path = "/api/v1/texts/{kind}", tag = "complaints",
    params(("kind" = String, Path)),
    responses((status = 200, body = TextVersionsView), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn text_versions(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::PublishTexts>,
    Path(kind): Path<String>,
) -> Result<Json<TextVersionsView>, WebError> {
    let kind = TextKind::parse(&kind).ok_or(WebError::NotFound)?;
    Ok(Json(TextVersionsView {
        versions: state.store.text_versions(&auth.reader(&ctx), kind).await?,
        model: state
            .store
            .text_model(auth.organization.id, kind, ctx.lang)
            .await?,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TextBody {
    /// The text, in Markdown; every `{{placeholder}}` of the model filled in.
    #[schema(required = true)]
    pub body: Option<String>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PublishedVersion {
    pub version: i32,
}

/// Publishes the next version of a text.
#[utoipa::path(post, path = "/api/v1/texts/{kind}", tag = "complaints", request_body = TextBody,
    params(("kind" = String, Path)),
    responses((status = 201, body = PublishedVersion), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn publish_text(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::PublishTexts>,
    Path(kind): Path<String>,
    Body(b): Body<TextBody>,
) -> Result<(StatusCode, Json<PublishedVersion>), WebError> {
    let kind = TextKind::parse(&kind).ok_or(WebError::NotFound)?;
    let version = state
        .store
        .publish_text(
            &auth.reader(&ctx),
            kind,
            b.body.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(PublishedVersion { version })))
}
