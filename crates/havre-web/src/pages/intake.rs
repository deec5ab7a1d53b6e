//! The help-request page, made for the phone call: one screen, keyboard only, the fields in
//! the order of the conversation. It posts the same request as the API, through the same
//! checks, so that both say the same thing at the same field.

use crate::AppState;
use crate::api::body::{Form, ticked};
use crate::api::intake::{HelpRequestBody, PersonBody, SafeContactBody, to_new_request};
use crate::auth::{Require, perm};
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{Lang, t};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use havre_domain::ids::{OnlineRequestId, OrganizationId};
use havre_domain::intake::{Channel, ExploitationAnswers, PriorityAnswers, ServiceArea};
use havre_domain::lists::ListKind;
use havre_domain::validation::{FieldError, optional_text};
use havre_domain::zone::Zone;
use havre_store::StoreError;
use havre_store::online::OnlineRequest;
use serde::Deserialize;

/// The help-request form, as typed: the API's body (`HelpRequestBody`) in a form's terms,
/// each field named as the page names it. `to_body` turns it into that body, so that the page
/// and the API say the same thing at the same field.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct HelpRequestForm {
    received_date: String,
    received_time: String,
    channel: String,
    voluntary: bool,
    /// Ticked: she agreed to be counted in the network's figures (docs/networks.md).
    network_consent: bool,
    exception_reason: String,
    name: String,
    phone: String,
    birth_year: String,
    /// Two radio buttons: `on` for a teenager, `no` for an adult.
    #[serde(deserialize_with = "ticked")]
    teenager: bool,
    may_call: bool,
    may_leave_message: bool,
    may_say_our_name: bool,
    safe_hours: String,
    safe_number: String,
    service_area: String,
    requester: String,
    age_at_request: String,
    age_at_assault: String,
    referral_source: String,
    residence: String,
    disposition: String,
    assault_forms: Vec<String>,
    relations: Vec<String>,
    answer_assault_within_a_year: bool,
    answer_post_traumatic_stress: bool,
    answer_high_distress: bool,
    answer_suicidal_ideas: bool,
    answer_basic_needs_unmet: bool,
    answer_still_assaulted_or_at_risk: bool,
    answer_adequate_social_network: bool,
    exploitation_in_cycle_stages_1_to_7: bool,
    exploitation_vulnerable_and_ambivalent: bool,
    exploitation_no_past_or_present_services: bool,
    exploitation_social_network_absent_or_inadequate: bool,
    exploitation_out_less_than_six_months: bool,
    exploitation_daily_functioning_broken: bool,
    decided_code: String,
    override_reason: String,
    /// The request received online she is called back for, if any.
    online_request: String,
}

impl HelpRequestForm {
    /// The form started from a request received online: received when she sent it, by the
    /// web form, with her alias, her way back and her safe-contact rules; the rest is asked
    /// during the call.
    fn start_from_online(&mut self, online: &OnlineRequest, zone: Zone) {
        let received = zone.local(online.received_at);
        let safe = online.form.safe_contact();
        self.received_date = received.format("%Y-%m-%d").to_string();
        self.received_time = received.format("%H:%M").to_string();
        self.channel = Channel::WebForm.key().into();
        self.name = online.form.name.clone();
        self.phone = online.form.phone.clone();
        self.may_call = safe.may_call;
        self.may_leave_message = safe.may_leave_message;
        self.may_say_our_name = safe.may_say_our_name;
        self.safe_hours = safe.hours;
        self.safe_number = safe.safe_number;
        self.age_at_request = online
            .form
            .age_group
            .map(|v| v.to_string())
            .unwrap_or_default();
        self.residence = online
            .form
            .region
            .map(|v| v.to_string())
            .unwrap_or_default();
        self.online_request = online.id.to_string();
    }

    /// The priority questions of the general rule, by field of `PriorityAnswers`, as ticked.
    fn answers(&self) -> [(&'static str, bool); 7] {
        [
            ("assault_within_a_year", self.answer_assault_within_a_year),
            ("post_traumatic_stress", self.answer_post_traumatic_stress),
            ("high_distress", self.answer_high_distress),
            ("suicidal_ideas", self.answer_suicidal_ideas),
            ("basic_needs_unmet", self.answer_basic_needs_unmet),
            (
                "still_assaulted_or_at_risk",
                self.answer_still_assaulted_or_at_risk,
            ),
            (
                "adequate_social_network",
                self.answer_adequate_social_network,
            ),
        ]
    }

    /// The exploitation track's questions, by field of `ExploitationAnswers`, as ticked.
    fn exploitation(&self) -> [(&'static str, bool); 6] {
        [
            (
                "in_cycle_stages_1_to_7",
                self.exploitation_in_cycle_stages_1_to_7,
            ),
            (
                "vulnerable_and_ambivalent",
                self.exploitation_vulnerable_and_ambivalent,
            ),
            (
                "no_past_or_present_services",
                self.exploitation_no_past_or_present_services,
            ),
            (
                "social_network_absent_or_inadequate",
                self.exploitation_social_network_absent_or_inadequate,
            ),
            (
                "out_less_than_six_months",
                self.exploitation_out_less_than_six_months,
            ),
            (
                "daily_functioning_broken",
                self.exploitation_daily_functioning_broken,
            ),
        ]
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

#[derive(Template)]
#[template(path = "help_request.html")]
struct HelpRequestPage {
    page: Page,
    form: HelpRequestForm,
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
        Lang::Fr | Lang::FrFr => v.label_fr.clone(),
        Lang::En => v.label_en.clone(),
    }
}

pub(crate) async fn list_select(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    kind: ListKind,
    name: &'static str,
    chosen: &str,
) -> Result<Select, WebError> {
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
    chosen: &[String],
) -> Result<Boxes, WebError> {
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

fn question_boxes(lang: Lang, name: &'static str, prefix: &str, fields: &[(&str, bool)]) -> Boxes {
    let options = fields
        .iter()
        .map(|(f, ticked)| {
            let box_name = format!("{prefix}{f}");
            BoxOption {
                selected: *ticked,
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

pub(crate) fn fixed_select(
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

/// The organization's lists, as the form's selects and boxes.
struct Lists<'a> {
    state: &'a AppState,
    ctx: &'a RequestCtx,
    org: OrganizationId,
}

impl Lists<'_> {
    async fn select(
        &self,
        kind: ListKind,
        name: &'static str,
        chosen: &str,
    ) -> Result<Select, WebError> {
        list_select(self.state, self.ctx, self.org, kind, name, chosen).await
    }

    async fn boxes(
        &self,
        kind: ListKind,
        name: &'static str,
        chosen: &[String],
    ) -> Result<Boxes, WebError> {
        list_boxes(self.state, self.ctx, self.org, kind, name, chosen).await
    }
}

async fn form_page(
    state: &AppState,
    ctx: &RequestCtx,
    org: OrganizationId,
    form: HelpRequestForm,
    page: Page,
) -> Result<Response, WebError> {
    let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
    let areas: Vec<&str> = ServiceArea::ALL.iter().map(|a| a.key()).collect();
    let lists = Lists { state, ctx, org };
    Ok(render(&HelpRequestPage {
        channel: fixed_select(ctx.lang, "channel", &channels, &form.channel, None),
        service_area: fixed_select(ctx.lang, "service_area", &areas, &form.service_area, None),
        decided_code: fixed_select(
            ctx.lang,
            "decided_code",
            &["1", "2", "3"],
            &form.decided_code,
            Some("decided-code-proposed"),
        ),
        requester: lists
            .select(ListKind::Requester, "requester", &form.requester)
            .await?,
        age_at_request: lists
            .select(
                ListKind::AgeAtRequest,
                "age_at_request",
                &form.age_at_request,
            )
            .await?,
        age_at_assault: lists
            .select(
                ListKind::AgeAtAssault,
                "age_at_assault",
                &form.age_at_assault,
            )
            .await?,
        referral_source: lists
            .select(
                ListKind::ReferralSource,
                "referral_source",
                &form.referral_source,
            )
            .await?,
        residence: lists
            .select(ListKind::Residence, "residence", &form.residence)
            .await?,
        disposition: lists
            .select(
                ListKind::DispositionAfterRequest,
                "disposition",
                &form.disposition,
            )
            .await?,
        assault_forms: lists
            .boxes(ListKind::AssaultForm, "assault_forms", &form.assault_forms)
            .await?,
        relations: lists
            .boxes(ListKind::Relation, "relations", &form.relations)
            .await?,
        answers: question_boxes(ctx.lang, "answers", "answer_", &form.answers()),
        exploitation: question_boxes(
            ctx.lang,
            "exploitation",
            "exploitation_",
            &form.exploitation(),
        ),
        form,
        page,
    }))
}

#[derive(Deserialize)]
pub struct NewQuery {
    /// The request received online she is called back for: the form starts from it.
    online: Option<OnlineRequestId>,
}

pub async fn new(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Query(query): Query<NewQuery>,
) -> Result<Response, WebError> {
    // The call is happening now: date and time are filled in, in local time.
    let now = ctx.zone().local(state.store.now());
    let mut form = HelpRequestForm {
        received_date: now.format("%Y-%m-%d").to_string(),
        received_time: now.format("%H:%M").to_string(),
        channel: Channel::Phone.key().into(),
        service_area: ServiceArea::DirectHelp.key().into(),
        voluntary: true,
        ..HelpRequestForm::default()
    };
    if let Some(id) = query.online {
        let online = state
            .store
            .online_request(&ctx.actor(), auth.organization.id, id)
            .await?;
        form.start_from_online(&online, ctx.zone());
    }
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
fn to_body(form: &HelpRequestForm, zone: Zone) -> (HelpRequestBody, Vec<FieldError>) {
    let mut problems = Vec::new();
    let received_at = zone.parse_local(&form.received_date, &form.received_time);
    if received_at.is_none() {
        problems.push(FieldError::new("received_at", "date-time-required"));
    }
    let birth_year = match optional_text(&form.birth_year) {
        None => None,
        Some(text) => text.parse().ok().or_else(|| {
            problems.push(FieldError::new("birth_year", "field-invalid"));
            None
        }),
    };
    let body = HelpRequestBody {
        received_at: received_at.or(Some(Utc::now())),
        channel: optional_text(&form.channel),
        voluntary: Some(form.voluntary),
        network_consent: Some(form.network_consent),
        exception_reason: optional_text(&form.exception_reason),
        person: Some(PersonBody {
            name: optional_text(&form.name),
            phone: optional_text(&form.phone),
            birth_year,
        }),
        safe_contact: Some(safe_contact(form)),
        teenager: Some(form.teenager),
        service_area: optional_text(&form.service_area),
        requester: optional_text(&form.requester),
        age_at_request: optional_text(&form.age_at_request),
        age_at_assault: optional_text(&form.age_at_assault),
        referral_source: optional_text(&form.referral_source),
        residence: optional_text(&form.residence),
        disposition: optional_text(&form.disposition),
        assault_forms: form.assault_forms.clone(),
        relations: form.relations.clone(),
        answers: Some(priority_answers(form)),
        exploitation: exploitation_answers(form),
        decided_code: optional_text(&form.decided_code).and_then(|c| c.parse().ok()),
        override_reason: optional_text(&form.override_reason),
        online_request: form.online_request.trim().parse().ok(),
    };
    (body, problems)
}

fn safe_contact(form: &HelpRequestForm) -> SafeContactBody {
    SafeContactBody {
        may_call: form.may_call,
        may_leave_message: form.may_leave_message,
        may_say_our_name: form.may_say_our_name,
        hours: form.safe_hours.trim().to_owned(),
        safe_number: form.safe_number.trim().to_owned(),
    }
}

/// The priority questions, as ticked.
fn priority_answers(form: &HelpRequestForm) -> PriorityAnswers {
    let [
        assault_within_a_year,
        post_traumatic_stress,
        high_distress,
        suicidal_ideas,
        basic_needs_unmet,
        still_assaulted_or_at_risk,
        adequate_social_network,
    ] = form.answers().map(|(_, ticked)| ticked);
    PriorityAnswers {
        assault_within_a_year,
        post_traumatic_stress,
        high_distress,
        suicidal_ideas,
        basic_needs_unmet,
        still_assaulted_or_at_risk,
        adequate_social_network,
    }
}

/// The exploitation questions, as ticked: only for a request in that service area.
fn exploitation_answers(form: &HelpRequestForm) -> Option<ExploitationAnswers> {
    let [
        in_cycle_stages_1_to_7,
        vulnerable_and_ambivalent,
        no_past_or_present_services,
        social_network_absent_or_inadequate,
        out_less_than_six_months,
        daily_functioning_broken,
    ] = form.exploitation().map(|(_, ticked)| ticked);
    (form.service_area == ServiceArea::Exploitation.key()).then_some(ExploitationAnswers {
        in_cycle_stages_1_to_7,
        vulnerable_and_ambivalent,
        no_past_or_present_services,
        social_network_absent_or_inadequate,
        out_less_than_six_months,
        daily_functioning_broken,
    })
}

pub async fn record(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    Form(form): Form<HelpRequestForm>,
) -> Result<Response, WebError> {
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
