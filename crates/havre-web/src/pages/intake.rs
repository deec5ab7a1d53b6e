//! The help-request page, made for the phone call: one screen, keyboard only, the fields in
//! the order of the conversation. It posts the same request as the API, through the same
//! checks, so that both say the same thing at the same field.

use super::form_pairs;
use crate::AppState;
use crate::api::intake::{HelpRequestBody, PersonBody, SafeContactBody, to_new_request};
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::{Lang, t};
use crate::page::{Page, RequestCtx, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use havre_domain::ids::OrganizationId;
use havre_domain::intake::{Channel, ServiceArea};
use havre_domain::lists::ListKind;
use havre_domain::zone::Zone;
use havre_store::{FieldError, StoreError};

/// What the form holds, as typed.
pub struct FormValues(Vec<(String, String)>);

impl FormValues {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
    pub fn checked(&self, name: &str) -> bool {
        self.get(name) == "on"
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
    fn optional(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_owned()).filter(|v| !v.is_empty())
    }
}

pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Select {
    pub name: &'static str,
    pub label: String,
    pub options: Vec<SelectOption>,
}

pub struct BoxOption {
    pub name: String,
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Boxes {
    pub name: &'static str,
    pub label: String,
    pub options: Vec<BoxOption>,
}

/// The priority questions of the general rule, by field of `PriorityAnswers`.
const ANSWERS: [&str; 7] = [
    "assault_within_a_year",
    "post_traumatic_stress",
    "high_distress",
    "suicidal_ideas",
    "basic_needs_unmet",
    "still_assaulted_or_at_risk",
    "adequate_social_network",
];

/// The exploitation track's questions, by field of `ExploitationAnswers`.
const EXPLOITATION: [&str; 6] = [
    "in_cycle_stages_1_to_7",
    "vulnerable_and_ambivalent",
    "no_past_or_present_services",
    "social_network_absent_or_inadequate",
    "out_less_than_six_months",
    "daily_functioning_broken",
];

#[derive(Template)]
#[template(path = "help_request.html")]
struct HelpRequestPage {
    page: Page,
    form: FormValues,
    channel: Select,
    requester: Select,
    service_area: Select,
    age_at_request: Select,
    age_at_assault: Select,
    referral_source: Select,
    residence: Select,
    disposition: Select,
    assault_forms: Boxes,
    relations: Boxes,
    answers: Boxes,
    exploitation: Boxes,
    decided_code: Select,
}

fn label(lang: Lang, v: &havre_store::lists::ListValue) -> String {
    match lang {
        Lang::Fr => v.label_fr.clone(),
        Lang::En => v.label_en.clone(),
    }
}

async fn list_select(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    kind: ListKind,
    name: &'static str,
    form: &FormValues,
) -> Result<Select, WebError> {
    let chosen = form.get(name);
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(ctx.lang, "choose"),
        selected: chosen.is_empty(),
    }];
    for v in state.store.list_values(org, kind, false).await? {
        let value = v.id.to_string();
        options.push(SelectOption {
            selected: value == chosen,
            label: label(ctx.lang, &v),
            value,
        });
    }
    Ok(Select {
        name,
        label: t(ctx.lang, &format!("list-{}", kind.key())),
        options,
    })
}

async fn list_boxes(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    kind: ListKind,
    name: &'static str,
    form: &FormValues,
) -> Result<Boxes, WebError> {
    let chosen = form.all(name);
    let options = state
        .store
        .list_values(org, kind, false)
        .await?
        .into_iter()
        .map(|v| BoxOption {
            name: name.to_owned(),
            selected: chosen.contains(&v.id.to_string()),
            label: label(ctx.lang, &v),
            value: v.id.to_string(),
        })
        .collect();
    Ok(Boxes {
        name,
        label: t(ctx.lang, &format!("list-{}", kind.key())),
        options,
    })
}

fn question_boxes(
    lang: Lang,
    name: &'static str,
    prefix: &str,
    fields: &[&str],
    form: &FormValues,
) -> Boxes {
    let options = fields
        .iter()
        .map(|f| {
            let box_name = format!("{prefix}{f}");
            BoxOption {
                selected: form.checked(&box_name),
                name: box_name,
                value: "on".into(),
                label: t(lang, &format!("question-{f}")),
            }
        })
        .collect();
    Boxes {
        name,
        label: t(lang, &format!("intake-{name}")),
        options,
    }
}

fn fixed_select(
    lang: Lang,
    name: &'static str,
    keys: &[&str],
    chosen: &str,
    with_empty: Option<&str>,
) -> Select {
    let mut options = Vec::new();
    if let Some(empty) = with_empty {
        options.push(SelectOption {
            value: String::new(),
            label: t(lang, empty),
            selected: chosen.is_empty(),
        });
    }
    options.extend(keys.iter().map(|k| SelectOption {
        value: (*k).to_owned(),
        label: t(lang, &format!("{name}-{k}")),
        selected: *k == chosen,
    }));
    Select {
        name,
        label: t(lang, &format!("field-{name}")),
        options,
    }
}

async fn form_page(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    form: FormValues,
    page: Page,
) -> Result<Response, WebError> {
    let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
    let areas: Vec<&str> = ServiceArea::ALL.iter().map(|a| a.key()).collect();
    Ok(render(&HelpRequestPage {
        channel: fixed_select(ctx.lang, "channel", &channels, form.get("channel"), None),
        service_area: fixed_select(
            ctx.lang,
            "service_area",
            &areas,
            form.get("service_area"),
            None,
        ),
        decided_code: fixed_select(
            ctx.lang,
            "decided_code",
            &["1", "2", "3"],
            form.get("decided_code"),
            Some("decided-code-proposed"),
        ),
        requester: list_select(state, ctx, org, ListKind::Requester, "requester", &form).await?,
        age_at_request: list_select(
            state,
            ctx,
            org,
            ListKind::AgeAtRequest,
            "age_at_request",
            &form,
        )
        .await?,
        age_at_assault: list_select(
            state,
            ctx,
            org,
            ListKind::AgeAtAssault,
            "age_at_assault",
            &form,
        )
        .await?,
        referral_source: list_select(
            state,
            ctx,
            org,
            ListKind::ReferralSource,
            "referral_source",
            &form,
        )
        .await?,
        residence: list_select(state, ctx, org, ListKind::Residence, "residence", &form).await?,
        disposition: list_select(
            state,
            ctx,
            org,
            ListKind::DispositionAfterRequest,
            "disposition",
            &form,
        )
        .await?,
        assault_forms: list_boxes(
            state,
            ctx,
            org,
            ListKind::AssaultForm,
            "assault_forms",
            &form,
        )
        .await?,
        relations: list_boxes(state, ctx, org, ListKind::Relation, "relations", &form).await?,
        answers: question_boxes(ctx.lang, "answers", "answer_", &ANSWERS, &form),
        exploitation: question_boxes(
            ctx.lang,
            "exploitation",
            "exploitation_",
            &EXPLOITATION,
            &form,
        ),
        form,
        page,
    }))
}

pub async fn new(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
) -> Result<Response, WebError> {
    // The call is happening now: date and time are filled in, in local time.
    let now = ctx.zone().local(state.store.now());
    let form = FormValues(vec![
        ("received_date".into(), now.format("%Y-%m-%d").to_string()),
        ("received_time".into(), now.format("%H:%M").to_string()),
        ("channel".into(), "phone".into()),
        ("service_area".into(), "direct_help".into()),
        ("voluntary".into(), "on".into()),
    ]);
    form_page(
        &state,
        &ctx,
        auth.organization.id,
        form,
        Page::new(&ctx, "intake-title"),
    )
    .await
}

/// The form's values as the API's body, with the problems only a form can have.
fn to_body(form: &FormValues, zone: Zone) -> (HelpRequestBody, Vec<FieldError>) {
    let mut problems = Vec::new();
    let received_at = zone.parse_local(form.get("received_date"), form.get("received_time"));
    if received_at.is_none() {
        problems.push(FieldError {
            field: "received_at",
            message_key: "date-time-required",
        });
    }
    let birth_year = match form.optional("birth_year") {
        None => None,
        Some(text) => text.parse().ok().or_else(|| {
            problems.push(FieldError {
                field: "birth_year",
                message_key: "field-invalid",
            });
            None
        }),
    };
    let flags = |prefix: &str, fields: &[&str]| -> serde_json::Value {
        fields
            .iter()
            .map(|f| {
                (
                    (*f).to_owned(),
                    serde_json::Value::Bool(form.checked(&format!("{prefix}{f}"))),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let exploitation = (form.get("service_area") == ServiceArea::Exploitation.key())
        .then(|| serde_json::from_value(flags("exploitation_", &EXPLOITATION)).unwrap_or_default());
    let body = HelpRequestBody {
        received_at: received_at.or(Some(Utc::now())),
        channel: form.optional("channel"),
        voluntary: Some(form.checked("voluntary")),
        exception_reason: form.optional("exception_reason"),
        person: Some(PersonBody {
            name: form.optional("name"),
            phone: form.optional("phone"),
            birth_year,
        }),
        safe_contact: Some(SafeContactBody {
            may_call: form.checked("may_call"),
            may_leave_message: form.checked("may_leave_message"),
            may_say_our_name: form.checked("may_say_our_name"),
            hours: form.get("safe_hours").trim().to_owned(),
            safe_number: form.get("safe_number").trim().to_owned(),
        }),
        teenager: Some(form.checked("teenager")),
        service_area: form.optional("service_area"),
        requester: form.optional("requester"),
        age_at_request: form.optional("age_at_request"),
        age_at_assault: form.optional("age_at_assault"),
        referral_source: form.optional("referral_source"),
        residence: form.optional("residence"),
        disposition: form.optional("disposition"),
        assault_forms: form.all("assault_forms"),
        relations: form.all("relations"),
        answers: serde_json::from_value(flags("answer_", &ANSWERS)).ok(),
        exploitation,
        decided_code: form.optional("decided_code").and_then(|c| c.parse().ok()),
        override_reason: form.optional("override_reason"),
    };
    (body, problems)
}

pub async fn record(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    bytes: Bytes,
) -> Result<Response, WebError> {
    let form = FormValues(form_pairs(&bytes));
    let (body, mut problems) = to_body(&form, ctx.zone());
    let result = match to_new_request(body) {
        Err(more) => Err(StoreError::Invalid(more)),
        Ok(_) if !problems.is_empty() => Err(StoreError::Invalid(Vec::new())),
        Ok(new) => {
            state
                .store
                .record_help_request(&ctx.actor(), auth.organization.id, new)
                .await
        }
    };
    match result {
        Ok(recorded) => Ok(Redirect::to(&format!(
            "/waitlist?recorded={}",
            recorded.decision.decided.number()
        ))
        .into_response()),
        Err(StoreError::Invalid(more)) => {
            problems.extend(more);
            let mut response = form_page(
                &state,
                &ctx,
                auth.organization.id,
                form,
                Page::new(&ctx, "intake-title").with_errors(problems),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
