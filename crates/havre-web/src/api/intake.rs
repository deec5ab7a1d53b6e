//! Help requests and the closed lists they are recorded with.

use super::body::{Body, InBody};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use havre_domain::ids::{HelpRequestId, ListValueId, OnlineRequestId, PersonId};
use havre_domain::intake::{
    Channel, ExploitationAnswers, PriorityAnswers, PriorityCode, ServiceArea,
};
use havre_domain::lists::ListKind;
use havre_store::FieldError;
use havre_store::intake::{NewHelpRequest, SafeContact};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ListValueView {
    pub id: ListValueId,
    /// The stable key of a value shipped with Havre; none for one the organization added.
    pub key: Option<String>,
    pub label_fr: String,
    pub label_en: String,
    /// For a profession, its kind.
    pub category: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ListView {
    /// requester, assault_form, age_at_assault, age_at_request, relation, referral_source,
    /// residence, disposition_request, disposition_first_meeting.
    pub list: String,
    /// Whether a request holds several values of it.
    pub multiple: bool,
    pub values: Vec<ListValueView>,
}

/// The organization's closed lists, with the values offered at intake.
#[utoipa::path(get, path = "/api/v1/lists", tag = "intake",
    responses((status = 200, body = Vec<ListView>), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn lists(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::RecordRequests>,
) -> Result<Json<Vec<ListView>>, WebError> {
    let mut lists = Vec::new();
    for kind in ListKind::ALL {
        let values = state
            .store
            .list_values(auth.organization.id, kind, false)
            .await?;
        lists.push(ListView {
            list: kind.key().to_owned(),
            multiple: kind.multi(),
            values: values.into_iter().map(list_value_view).collect(),
        });
    }
    Ok(Json(lists))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PersonBody {
    #[schema(required = true)]
    pub name: Option<String>,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct SafeContactBody {
    #[serde(default)]
    pub may_call: bool,
    #[serde(default)]
    pub may_leave_message: bool,
    #[serde(default)]
    pub may_say_our_name: bool,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub safe_number: String,
}

/// A help request as recorded during the call. Fields left out are reported at their name.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct HelpRequestBody {
    /// When the request was received (RFC 3339); not in the future.
    #[schema(required = true)]
    pub received_at: Option<chrono::DateTime<chrono::Utc>>,
    /// phone, text_line, social_network, web_form, walk_in, referral.
    #[schema(required = true)]
    pub channel: Option<String>,
    /// Whether the person asks herself; otherwise `exception_reason` says why.
    #[schema(required = true)]
    pub voluntary: Option<bool>,
    /// She agreed to be counted, without her name, in the figures the organization shares
    /// with its networks (docs/networks.md); not counted when absent.
    #[serde(default)]
    pub network_consent: Option<bool>,
    pub exception_reason: Option<String>,
    #[schema(required = true)]
    pub person: Option<PersonBody>,
    #[serde(default)]
    pub safe_contact: Option<SafeContactBody>,
    #[schema(required = true)]
    pub teenager: Option<bool>,
    /// direct_help or exploitation.
    #[schema(required = true)]
    pub service_area: Option<String>,
    /// Values of the organization's lists, by id (GET /api/v1/lists).
    #[schema(required = true)]
    pub requester: Option<String>,
    #[schema(required = true)]
    pub age_at_request: Option<String>,
    #[schema(required = true)]
    pub age_at_assault: Option<String>,
    #[schema(required = true)]
    pub referral_source: Option<String>,
    #[schema(required = true)]
    pub residence: Option<String>,
    /// The disposition after the request (a value of disposition_request), if chosen.
    pub disposition: Option<String>,
    #[serde(default)]
    pub assault_forms: Vec<String>,
    #[serde(default)]
    pub relations: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub answers: Option<PriorityAnswers>,
    #[schema(value_type = Object)]
    pub exploitation: Option<ExploitationAnswers>,
    /// The caseworker's code (1, 2 or 3) when she overrides the proposal.
    pub decided_code: Option<i32>,
    pub override_reason: Option<String>,
    /// The request received from the public page she is called back for: it leaves the
    /// wait list's online requests with this one (docs/public.md).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub online_request: Option<OnlineRequestId>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RecordedView {
    pub id: HelpRequestId,
    pub person_id: PersonId,
    /// 1 for a first request; 2 or more for a returning person.
    pub sequence: i32,
    pub proposed_code: i32,
    pub decided_code: i32,
    /// The criteria that made the proposal, by key.
    pub because: Vec<String>,
}

fn required<T>(value: Option<T>, field: &'static str, problems: &mut Vec<FieldError>) -> Option<T> {
    if value.is_none() {
        problems.push(FieldError {
            field,
            message_key: "field-required",
        });
    }
    value
}

fn value_id(
    value: Option<&str>,
    field: &'static str,
    problems: &mut Vec<FieldError>,
) -> ListValueId {
    match value {
        None => {
            problems.push(FieldError {
                field,
                message_key: "value-required",
            });
            ListValueId::nil()
        }
        Some(text) => text.parse().unwrap_or_else(|_| {
            problems.push(FieldError {
                field,
                message_key: "value-not-in-list",
            });
            ListValueId::nil()
        }),
    }
}

/// Turns the body into a request, reporting every missing or malformed field at once.
pub(crate) fn to_new_request(mut body: HelpRequestBody) -> Result<NewHelpRequest, Vec<FieldError>> {
    // The problems are named in the form's order, the fields required first.
    let mut problems = Vec::new();
    let received_at = required(body.received_at, "received_at", &mut problems);
    let channel = in_list(
        body.channel.as_deref(),
        "channel",
        Channel::parse,
        &mut problems,
    );
    let service_area = in_list(
        body.service_area.as_deref(),
        "service_area",
        ServiceArea::parse,
        &mut problems,
    );
    let voluntary = required(body.voluntary, "voluntary", &mut problems);
    let teenager = required(body.teenager, "teenager", &mut problems);
    let person = body.person.take().unwrap_or(PersonBody {
        name: None,
        phone: None,
        birth_year: None,
    });
    let name = required(person.name, "name", &mut problems);
    let values = ListValues::read(&body, &mut problems);
    let chosen_code = priority_code(body.decided_code, &mut problems);
    let (
        Some(received_at),
        Some(channel),
        Some(service_area),
        Some(voluntary),
        Some(teenager),
        Some(name),
        true,
    ) = (
        received_at,
        channel,
        service_area,
        voluntary,
        teenager,
        name,
        problems.is_empty(),
    )
    else {
        return Err(problems);
    };
    Ok(NewHelpRequest {
        from_online: body.online_request,
        received_at,
        channel,
        voluntary,
        network_consent: body.network_consent.unwrap_or(false),
        exception_reason: body.exception_reason,
        name,
        phone: person.phone,
        birth_year: person.birth_year,
        safe_contact: safe_contact(body.safe_contact.unwrap_or_default()),
        teenager,
        service_area,
        requester: values.requester,
        age_at_request: values.age_at_request,
        age_at_assault: values.age_at_assault,
        referral_source: values.referral_source,
        residence: values.residence,
        disposition: values.disposition,
        assault_forms: values.assault_forms,
        relations: values.relations,
        answers: body.answers.unwrap_or_default(),
        exploitation: body.exploitation,
        chosen_code,
        override_reason: body.override_reason,
    })
}

/// A choice from a fixed list: required, and one of its keys.
fn in_list<T>(
    value: Option<&str>,
    field: &'static str,
    parse: impl Fn(&str) -> Option<T>,
    problems: &mut Vec<FieldError>,
) -> Option<T> {
    match value {
        None => required(None::<T>, field, problems),
        Some(key) => parse(key).or_else(|| {
            problems.push(FieldError {
                field,
                message_key: "value-not-in-list",
            });
            None
        }),
    }
}

/// The request's answers from the organization's lists, read in the form's order.
struct ListValues {
    requester: ListValueId,
    age_at_request: ListValueId,
    age_at_assault: ListValueId,
    referral_source: ListValueId,
    residence: ListValueId,
    disposition: Option<ListValueId>,
    assault_forms: Vec<ListValueId>,
    relations: Vec<ListValueId>,
}

impl ListValues {
    fn read(body: &HelpRequestBody, problems: &mut Vec<FieldError>) -> ListValues {
        ListValues {
            requester: value_id(body.requester.as_deref(), "requester", problems),
            age_at_request: value_id(body.age_at_request.as_deref(), "age_at_request", problems),
            age_at_assault: value_id(body.age_at_assault.as_deref(), "age_at_assault", problems),
            referral_source: value_id(body.referral_source.as_deref(), "referral_source", problems),
            residence: value_id(body.residence.as_deref(), "residence", problems),
            disposition: body
                .disposition
                .as_deref()
                .filter(|d| !d.is_empty())
                .map(|d| value_id(Some(d), "disposition", problems)),
            assault_forms: value_ids(&body.assault_forms, "assault_forms", problems),
            relations: value_ids(&body.relations, "relations", problems),
        }
    }
}

/// Values ticked from a list: at least one.
fn value_ids(
    values: &[String],
    field: &'static str,
    problems: &mut Vec<FieldError>,
) -> Vec<ListValueId> {
    if values.is_empty() {
        problems.push(FieldError {
            field,
            message_key: "value-required",
        });
    }
    values
        .iter()
        .map(|v| value_id(Some(v), field, problems))
        .collect()
}

/// The priority code the intake worker decided, when she chose one.
fn priority_code(decided: Option<i32>, problems: &mut Vec<FieldError>) -> Option<PriorityCode> {
    match decided {
        None => None,
        Some(n) => PriorityCode::from_number(n).or_else(|| {
            problems.push(FieldError {
                field: "decided_code",
                message_key: "value-not-in-list",
            });
            None
        }),
    }
}

fn safe_contact(contact: SafeContactBody) -> SafeContact {
    SafeContact {
        may_call: contact.may_call,
        may_leave_message: contact.may_leave_message,
        may_say_our_name: contact.may_say_our_name,
        hours: contact.hours,
        safe_number: contact.safe_number,
    }
}

/// Records a help request: the person (found again if she asked before), her safe-contact
/// instructions, the statistical profile, and the proposed and decided codes.
#[utoipa::path(post, path = "/api/v1/help-requests", tag = "intake", request_body = HelpRequestBody,
    responses((status = 201, body = RecordedView), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn record(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Body(body): Body<HelpRequestBody>,
) -> Result<(StatusCode, Json<RecordedView>), WebError> {
    // The page's form and the store name the person's fields flat; the body nests them.
    const NAMES: [(&str, &str); 5] = [
        ("name", "person.name"),
        ("phone", "person.phone"),
        ("birth_year", "person.birth_year"),
        ("safe_number", "safe_contact.safe_number"),
        ("safe_hours", "safe_contact.hours"),
    ];
    let new = to_new_request(body)
        .map_err(WebError::Invalid)
        .named(&NAMES)?;
    let recorded = state
        .store
        .record_help_request(&ctx.actor(), auth.organization.id, new)
        .await
        .named(&NAMES)?;
    Ok((
        StatusCode::CREATED,
        Json(RecordedView {
            id: recorded.id,
            person_id: recorded.person_id,
            sequence: recorded.sequence,
            proposed_code: recorded.decision.proposed.number(),
            decided_code: recorded.decision.decided.number(),
            because: recorded
                .proposal
                .because
                .iter()
                .map(|c| c.key().to_owned())
                .collect(),
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ListValueBody {
    #[schema(required = true)]
    pub label_fr: Option<String>,
    /// The English label; the French one when left out.
    pub label_en: Option<String>,
    /// For a profession, its kind (health, legal, police, social, therapy, reception,
    /// other): it says what its holders read in a file (docs/care.md).
    pub category: Option<String>,
}

fn list_value_view(v: havre_store::lists::ListValue) -> ListValueView {
    ListValueView {
        id: v.id,
        key: v.key,
        label_fr: v.label_fr,
        label_en: v.label_en,
        category: v.category,
    }
}

/// Adds a value at the end of one of the organization's lists.
#[utoipa::path(post, path = "/api/v1/lists/{list}/values", tag = "intake", params(("list" = String, Path)), request_body = ListValueBody,
    responses((status = 201, body = ListValueView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn add_value(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ManageOrganization>,
    axum::extract::Path(list): axum::extract::Path<String>,
    Body(body): Body<ListValueBody>,
) -> Result<(StatusCode, Json<ListValueView>), WebError> {
    let kind = ListKind::parse(&list).ok_or(WebError::NotFound)?;
    let value = state
        .store
        .add_list_value_with_category(
            auth.organization.id,
            kind,
            body.label_fr.as_deref().unwrap_or_default(),
            body.label_en.as_deref().unwrap_or_default(),
            body.category.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(list_value_view(value))))
}

/// Renames a value: the requests that hold it keep it, under its new name.
#[utoipa::path(patch, path = "/api/v1/list-values/{id}", tag = "intake", params(("id" = Uuid, Path)), request_body = ListValueBody,
    responses((status = 200, body = ListValueView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn rename_value(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ManageOrganization>,
    axum::extract::Path(id): axum::extract::Path<ListValueId>,
    Body(body): Body<ListValueBody>,
) -> Result<Json<ListValueView>, WebError> {
    let value = state
        .store
        .rename_list_value(
            auth.organization.id,
            id,
            body.label_fr.as_deref().unwrap_or_default(),
            body.label_en.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok(Json(list_value_view(value)))
}

/// Retires a value: no longer offered at intake; the requests that hold it keep it.
#[utoipa::path(post, path = "/api/v1/list-values/{id}/retire", tag = "intake", params(("id" = Uuid, Path)),
    responses((status = 200, body = ListValueView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn retire_value(
    State(state): State<AppState>,
    Require(auth, _, _): Require<perm::ManageOrganization>,
    axum::extract::Path(id): axum::extract::Path<ListValueId>,
) -> Result<Json<ListValueView>, WebError> {
    Ok(Json(list_value_view(
        state
            .store
            .retire_list_value(auth.organization.id, id)
            .await?,
    )))
}
