//! The privacy duties of the person in charge of personal information (docs/privacy.md): her
//! title and contact as the public page shows them, and the register of confidentiality
//! incidents, with the ones Havre opened for her to assess.

use super::answered;
use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::i18n::{Lang, t};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use havre_domain::ids::IncidentId;
use havre_domain::privacy::{
    Assessment, IncidentForm, IncidentKind, Level, RetentionKind, RetentionYears,
};
use havre_store::incidents::IncidentLine;
use serde::Deserialize;

fn day(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

fn kind_label(lang: Lang, kind: IncidentKind) -> String {
    t(lang, &format!("incident-kind-{}", kind.key()))
}

/// A select of keyed values, a first empty option asking to choose.
fn keyed_select<T: Copy>(
    lang: Lang,
    name: &'static str,
    all: &[T],
    chosen: &str,
    key: fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Select {
    let mut options: Vec<SelectOption> = all
        .iter()
        .map(|&v| SelectOption {
            value: key(v).to_owned(),
            label: label(v),
            selected: chosen == key(v),
        })
        .collect();
    options.insert(
        0,
        SelectOption {
            value: String::new(),
            label: t(lang, "choose"),
            selected: !options.iter().any(|o| o.selected),
        },
    );
    Select {
        name,
        label: t(lang, &format!("field-{name}")),
        options,
    }
}

pub struct IncidentRow {
    pub id: String,
    pub known_on: String,
    pub kind: String,
    /// What Havre saw, for an incident it opened.
    pub detected: String,
    pub assessed: bool,
    pub notices_owed: bool,
}

fn incident_row(lang: Lang, l: &IncidentLine) -> IncidentRow {
    IncidentRow {
        id: l.id.to_string(),
        known_on: l.known_on.to_string(),
        kind: kind_label(lang, l.kind),
        detected: l
            .detected
            .map(|a| t(lang, &format!("anomaly-{}", a.key())))
            .unwrap_or_default(),
        assessed: l.assessed_on.is_some(),
        notices_owed: l.notices_owed,
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct OfficerInput {
    pub officer_title: String,
    pub officer_contact: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct IncidentInput {
    pub known_on: String,
    pub kind: String,
    pub description: String,
    pub files_concerned: String,
    pub persons_count: String,
}

pub struct AccessRow {
    pub id: String,
    pub name: String,
    pub received_on: String,
    pub due_on: String,
    pub answered_on: String,
    pub nearing: bool,
}

fn access_row(l: havre_store::access::AccessRequestLine) -> AccessRow {
    AccessRow {
        id: l.id.to_string(),
        name: l.name,
        received_on: l.received_on.to_string(),
        due_on: l.due_on.to_string(),
        answered_on: l.answered_on.map(|d| d.to_string()).unwrap_or_default(),
        nearing: l.nearing,
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AccessInput {
    /// Her file's reference.
    pub person_id: String,
    pub received_on: String,
}

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    page: Page,
    officer: OfficerInput,
    rows: Vec<IncidentRow>,
    form: IncidentInput,
    kind: Select,
    requests: Vec<AccessRow>,
    access: AccessInput,
    retention: RetentionInput,
    due: havre_store::retention::Due,
}

impl PrivacyPage {
    fn kind_label(&self, kind: &RetentionKind) -> String {
        t(self.page.lang, &format!("retention-kind-{}", kind.key()))
    }
}

/// What the privacy page's forms hold when it is shown again: what was typed in the one
/// refused, the saved values in the others.
#[derive(Default)]
struct Typed {
    officer: Option<OfficerInput>,
    incident: Option<IncidentInput>,
    access: Option<AccessInput>,
    retention: Option<RetentionInput>,
}

async fn privacy_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    typed: Typed,
) -> Result<Response, WebError> {
    let Typed {
        officer,
        incident,
        access,
        retention,
    } = typed;
    let form = incident.unwrap_or_else(|| fresh_incident(state, ctx));
    let lang = ctx.lang;
    let officer = match officer {
        Some(typed) => typed,
        None => {
            let s = state.store.privacy_settings(auth.organization.id).await?;
            OfficerInput {
                officer_title: s.officer_title,
                officer_contact: s.officer_contact,
            }
        }
    };
    let rows = state
        .store
        .incidents(&auth.reader(ctx))
        .await?
        .iter()
        .map(|l| incident_row(lang, l))
        .collect();
    let kind = keyed_select(
        lang,
        "kind",
        IncidentKind::ALL,
        &form.kind,
        IncidentKind::key,
        |k| kind_label(lang, k),
    );
    let requests = state
        .store
        .access_requests(&auth.reader(ctx))
        .await?
        .into_iter()
        .map(access_row)
        .collect();
    Ok(render(&PrivacyPage {
        page,
        officer,
        rows,
        form,
        kind,
        requests,
        retention: match retention {
            Some(typed) => typed,
            None => RetentionInput::from(
                state
                    .store
                    .privacy_settings(auth.organization.id)
                    .await?
                    .retention,
            ),
        },
        due: state.store.retention_due(&auth.reader(ctx)).await?,
        access: access.unwrap_or_else(|| AccessInput {
            person_id: String::new(),
            received_on: ctx.zone().day_of(state.store.now()).to_string(),
        }),
    }))
}

fn fresh_incident(state: &AppState, ctx: &RequestCtx) -> IncidentInput {
    IncidentInput {
        known_on: ctx.zone().day_of(state.store.now()).to_string(),
        ..Default::default()
    }
}

/// The person in charge, and the register of incidents with the form to enter one.
pub async fn privacy(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "privacy-title");
    privacy_page(&state, &auth, &ctx, page, Typed::default()).await
}

/// Names the person in charge as the public page shows her.
pub async fn set_officer(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Form(input): Form<OfficerInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .set_privacy_officer(
            &auth.reader(&ctx),
            &input.officer_title,
            &input.officer_contact,
        )
        .await;
    answered(
        result,
        &ctx,
        "privacy-title",
        |()| "/privacy".to_owned(),
        async |page| {
            let typed = Typed {
                officer: Some(input),
                ..Default::default()
            };
            privacy_page(&state, &auth, &ctx, page, typed).await
        },
    )
    .await
}

/// Enters an incident the team learned of.
pub async fn record(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Form(input): Form<IncidentInput>,
) -> Result<Response, WebError> {
    let form = IncidentForm {
        known_on: day(&input.known_on),
        kind: IncidentKind::parse(input.kind.trim()),
        description: input.description.clone(),
        files_concerned: input.files_concerned.clone(),
        persons_count: input.persons_count.clone(),
    };
    let result = state.store.record_incident(&auth.reader(&ctx), form).await;
    answered(
        result,
        &ctx,
        "privacy-title",
        |id| format!("/privacy/incidents/{id}"),
        async |page| {
            let typed = Typed {
                incident: Some(input),
                ..Default::default()
            };
            privacy_page(&state, &auth, &ctx, page, typed).await
        },
    )
    .await
}

/// The assessment as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AssessmentInput {
    pub kind: String,
    pub data: String,
    pub sensitivity: String,
    pub consequences: String,
    pub probability: String,
    pub serious_risk: String,
    pub regulator_notified_on: String,
    pub persons_notified_on: String,
    pub measures: String,
}

impl AssessmentInput {
    fn of(a: &Assessment) -> Self {
        let key = |l: Option<Level>| l.map(|l| l.key().to_owned()).unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        AssessmentInput {
            kind: a.kind.map(|k| k.key().to_owned()).unwrap_or_default(),
            data: a.data.clone(),
            sensitivity: key(a.sensitivity),
            consequences: a.consequences.clone(),
            probability: key(a.probability),
            serious_risk: match a.serious_risk {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            regulator_notified_on: date(a.regulator_notified_on),
            persons_notified_on: date(a.persons_notified_on),
            measures: a.measures.clone(),
        }
    }

    /// The assessment it says; a date that is not one is refused at its field.
    fn assessment(&self) -> Result<Assessment, havre_store::StoreError> {
        let optional_day = |field: &'static str, text: &str| {
            crate::api::body::optional::<NaiveDate>(text)
                .map_err(|_| havre_store::StoreError::invalid(field, "date-invalid"))
        };
        Ok(Assessment {
            kind: IncidentKind::parse(self.kind.trim()),
            data: self.data.clone(),
            sensitivity: Level::parse(self.sensitivity.trim()),
            consequences: self.consequences.clone(),
            probability: Level::parse(self.probability.trim()),
            serious_risk: match self.serious_risk.trim() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            regulator_notified_on: optional_day(
                "regulator_notified_on",
                &self.regulator_notified_on,
            )?,
            persons_notified_on: optional_day("persons_notified_on", &self.persons_notified_on)?,
            measures: self.measures.clone(),
        })
    }
}

#[derive(Template)]
#[template(path = "incident.html")]
struct IncidentPage {
    page: Page,
    id: String,
    row: IncidentRow,
    description: String,
    files_concerned: String,
    persons_count: String,
    opened_by: String,
    assessed_by: String,
    form: AssessmentInput,
    kind: Select,
    sensitivity: Select,
    probability: Select,
    serious_risk: Select,
}

async fn incident_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    id: IncidentId,
    typed: Option<AssessmentInput>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let incident = state.store.incident(&auth.reader(ctx), id).await?;
    let form = typed.unwrap_or_else(|| AssessmentInput::of(&incident.assessment()));
    let level = |name, chosen: &str| {
        keyed_select(lang, name, Level::ALL, chosen, Level::key, |l| {
            t(lang, &format!("level-{}", l.key()))
        })
    };
    let assessable: Vec<IncidentKind> = IncidentKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != IncidentKind::Anomaly)
        .collect();
    let yes_no = ["yes", "no"];
    Ok(render(&IncidentPage {
        id: id.to_string(),
        row: incident_row(lang, &incident.line),
        description: incident.description,
        files_concerned: incident.files_concerned,
        persons_count: incident
            .persons_count
            .map(|n| n.to_string())
            .unwrap_or_default(),
        opened_by: incident
            .opened_by
            .unwrap_or_else(|| t(lang, "incident-opened-by-havre")),
        assessed_by: incident.assessed_by.unwrap_or_default(),
        kind: keyed_select(
            lang,
            "kind",
            &assessable,
            &form.kind,
            IncidentKind::key,
            |k| kind_label(lang, k),
        ),
        sensitivity: level("sensitivity", &form.sensitivity),
        probability: level("probability", &form.probability),
        serious_risk: keyed_select(
            lang,
            "serious_risk",
            &yes_no,
            &form.serious_risk,
            |k| k,
            |k| t(lang, k),
        ),
        form,
        page,
    }))
}

/// An incident: what happened or what Havre saw, and its assessment.
pub async fn incident(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<IncidentId>,
) -> Result<Response, WebError> {
    incident_page(
        &state,
        &auth,
        &ctx,
        Page::new(&ctx, "incident-title"),
        id,
        None,
    )
    .await
}

/// Records the assessment, or completes it.
pub async fn assess(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<IncidentId>,
    Form(input): Form<AssessmentInput>,
) -> Result<Response, WebError> {
    let result = match input.assessment() {
        Ok(a) => state.store.assess_incident(&auth.reader(&ctx), id, a).await,
        Err(e) => Err(e),
    };
    answered(
        result,
        &ctx,
        "incident-title",
        |()| format!("/privacy/incidents/{id}"),
        async |page| incident_page(&state, &auth, &ctx, page, id, Some(input)).await,
    )
    .await
}

/// Records a woman's request for access to her file, by its reference.
pub async fn record_access(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Form(input): Form<AccessInput>,
) -> Result<Response, WebError> {
    let result = match input
        .person_id
        .trim()
        .parse::<havre_domain::ids::PersonId>()
    {
        Ok(person) => {
            match state
                .store
                .record_access_request(&auth.reader(&ctx), person, day(&input.received_on))
                .await
            {
                // A reference of no file of hers is a mistyped reference, said at its field.
                Err(havre_store::StoreError::NotFound) => Err(havre_store::StoreError::invalid(
                    "person_id",
                    "file-reference-unknown",
                )),
                other => other,
            }
        }
        Err(_) => Err(havre_store::StoreError::invalid(
            "person_id",
            "file-reference-unknown",
        )),
    };
    answered(
        result,
        &ctx,
        "privacy-title",
        |id| format!("/privacy/access/{id}"),
        async |page| {
            let typed = Typed {
                access: Some(input),
                ..Default::default()
            };
            privacy_page(&state, &auth, &ctx, page, typed).await
        },
    )
    .await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ExportInput {
    pub format: String,
    /// Names to withhold besides those Havre knows, one a line.
    pub withhold: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AnswerInput {
    pub answered_on: String,
}

#[derive(Template)]
#[template(path = "access_request.html")]
struct AccessPage {
    page: Page,
    row: AccessRow,
    person_id: String,
    answered_on: String,
}

async fn access_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    id: havre_domain::ids::AccessRequestId,
    answered_on: Option<String>,
) -> Result<Response, WebError> {
    let line = state.store.access_request(&auth.reader(ctx), id).await?;
    let answered_on = answered_on.unwrap_or_else(|| {
        line.answered_on
            .unwrap_or_else(|| ctx.zone().day_of(state.store.now()))
            .to_string()
    });
    Ok(render(&AccessPage {
        page,
        person_id: line.person_id.to_string(),
        row: access_row(line),
        answered_on,
    }))
}

/// A request for access: its limit, the export to make, the day she was answered.
pub async fn access(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<havre_domain::ids::AccessRequestId>,
) -> Result<Response, WebError> {
    access_page(
        &state,
        &auth,
        &ctx,
        Page::new(&ctx, "access-request-title"),
        id,
        None,
    )
    .await
}

/// Her export, as the form asks: a download, audited.
pub async fn export(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<havre_domain::ids::AccessRequestId>,
    Form(input): Form<ExportInput>,
) -> Result<Response, WebError> {
    use crate::api::complaints::{ExportFormat, export_response};
    let format = match input.format.trim() {
        "json" => ExportFormat::Json,
        "csv" => ExportFormat::Csv,
        _ => ExportFormat::Pdf,
    };
    let names: Vec<String> = input
        .withhold
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let export = state
        .store
        .access_export(
            &auth.reader(&ctx),
            id,
            &names,
            &t(ctx.lang, "access-withheld"),
        )
        .await?;
    export_response(&export, format, ctx.lang)
}

/// Records the day she was answered.
pub async fn answer(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Path(id): Path<havre_domain::ids::AccessRequestId>,
    Form(input): Form<AnswerInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .answer_access_request(&auth.reader(&ctx), id, day(&input.answered_on))
        .await;
    answered(
        result,
        &ctx,
        "access-request-title",
        |()| format!("/privacy/access/{id}"),
        async |page| {
            access_page(
                &state,
                &auth,
                &ctx,
                page,
                id,
                Some(input.answered_on.clone()),
            )
            .await
        },
    )
    .await
}

/// The years each kind of record is kept, as typed; the fields are
/// [`RetentionKind::field`]'s.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct RetentionInput {
    pub years_closed_file: String,
    pub years_unserved_request: String,
    pub years_call: String,
    pub years_complaint: String,
    pub years_incident: String,
}

impl From<RetentionYears> for RetentionInput {
    fn from(y: RetentionYears) -> Self {
        RetentionInput {
            years_closed_file: y.closed_file.to_string(),
            years_unserved_request: y.unserved_request.to_string(),
            years_call: y.call.to_string(),
            years_complaint: y.complaint.to_string(),
            years_incident: y.incident.to_string(),
        }
    }
}

impl RetentionInput {
    fn typed(&self) -> [(RetentionKind, &str); 5] {
        [
            (RetentionKind::ClosedFile, &self.years_closed_file),
            (RetentionKind::UnservedRequest, &self.years_unserved_request),
            (RetentionKind::Call, &self.years_call),
            (RetentionKind::Complaint, &self.years_complaint),
            (RetentionKind::Incident, &self.years_incident),
        ]
    }
}

/// Sets the years each kind of record is kept.
pub async fn set_retention(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Form(input): Form<RetentionInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .set_retention_years(&auth.reader(&ctx), &input.typed())
        .await;
    answered(
        result,
        &ctx,
        "privacy-title",
        |()| "/privacy#retention".to_owned(),
        async |page| {
            let typed = Typed {
                retention: Some(input.clone()),
                ..Default::default()
            };
            privacy_page(&state, &auth, &ctx, page, typed).await
        },
    )
    .await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DestructionInput {
    /// What of the preview she ticked.
    pub person_ids: Vec<String>,
    pub complaint_ids: Vec<String>,
    pub incident_ids: Vec<String>,
    pub calls: Option<String>,
}

/// Destroys what of the preview she approved.
pub async fn destroy(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
    Form(input): Form<DestructionInput>,
) -> Result<Response, WebError> {
    fn ids<T: std::str::FromStr>(typed: &[String]) -> Vec<T> {
        typed
            .iter()
            .filter_map(|id| id.trim().parse().ok())
            .collect()
    }
    let approved = havre_store::retention::Approved {
        person_ids: ids(&input.person_ids),
        complaint_ids: ids(&input.complaint_ids),
        incident_ids: ids(&input.incident_ids),
        calls: input.calls.is_some(),
    };
    let summary = state
        .store
        .destroy_due(
            &auth.reader(&ctx),
            &approved,
            state.config.backup_dir.as_deref(),
        )
        .await?;
    let notice = crate::i18n::t_args(
        ctx.lang,
        "destruction-done",
        &[
            ("files", summary.files.to_string()),
            ("complaints", summary.complaints.to_string()),
            ("incidents", summary.incidents.to_string()),
            ("calls", summary.calls.to_string()),
            ("backups", summary.backups.to_string()),
        ],
    );
    let page = Page::new(&ctx, "privacy-title").with_notice(Some(notice));
    privacy_page(&state, &auth, &ctx, page, Typed::default()).await
}

/// One incident of the printed register, in the reader's words.
pub struct RegisterEntry {
    pub row: IncidentRow,
    pub description: String,
    pub files_concerned: String,
    pub persons_count: String,
    pub data: String,
    pub sensitivity: String,
    pub consequences: String,
    pub probability: String,
    pub serious_risk: String,
    pub regulator_notified_on: String,
    pub persons_notified_on: String,
    pub measures: String,
}

#[derive(Template)]
#[template(path = "incident_register.html")]
struct RegisterPage {
    page: Page,
    organization: String,
    entries: Vec<RegisterEntry>,
}

/// The whole register of incidents, to print for the regulator.
pub async fn register(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::KeepPrivacyDuties>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let level = |l: Option<Level>| {
        l.map(|l| t(lang, &format!("level-{}", l.key())))
            .unwrap_or_default()
    };
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let entries = state
        .store
        .incident_register(&auth.reader(&ctx))
        .await?
        .into_iter()
        .map(|i| RegisterEntry {
            row: incident_row(lang, &i.line),
            serious_risk: match i.line.serious_risk {
                Some(true) => t(lang, "yes"),
                Some(false) => t(lang, "no"),
                None => String::new(),
            },
            sensitivity: level(i.sensitivity),
            probability: level(i.probability),
            regulator_notified_on: day(i.regulator_notified_on),
            persons_notified_on: day(i.persons_notified_on),
            persons_count: i.persons_count.map(|n| n.to_string()).unwrap_or_default(),
            description: i.description,
            files_concerned: i.files_concerned,
            data: i.data,
            consequences: i.consequences,
            measures: i.measures,
        })
        .collect();
    Ok(render(&RegisterPage {
        page: Page::new(&ctx, "incident-register-title"),
        organization: auth.organization.name.clone(),
        entries,
    }))
}
