//! The wait list page: waits per code on top, then the requests by code and date.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::{t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use havre_domain::ids::{HelpRequestId, OnlineRequestId, PersonId};
use havre_domain::intake::ServiceArea;
use havre_domain::online::Closing;
use havre_store::online::OnlineRequest;
use serde::Deserialize;

pub struct CodeRow {
    pub code: i32,
    pub count: usize,
    pub median: String,
    pub longest: String,
}

pub struct RequestRow {
    pub id: HelpRequestId,
    pub code: i32,
    pub proposed: i32,
    pub overridden: bool,
    pub teenager: bool,
    pub sequence: i32,
    pub name: String,
    pub received: String,
    pub waiting: String,
    pub assigned: String,
    pub first_meeting: String,
}

/// A request received online and not yet handled, as the wait list shows it.
pub struct OnlineRow {
    pub id: OnlineRequestId,
    pub received: String,
    /// Her alias, or words that say she gave none.
    pub name: String,
    pub reply_by: String,
}

#[derive(Template)]
#[template(path = "waitlist.html")]
struct WaitListPage {
    page: Page,
    /// She may import the lists kept before Havre.
    may_import: bool,
    /// Received online, to call or write back, oldest first.
    online: Vec<OnlineRow>,
    /// Received online with the form's trap filled: kept apart for a look, never dropped.
    suspected: Vec<OnlineRow>,
    area: Select,
    by_code: Vec<CodeRow>,
    rows: Vec<RequestRow>,
    shown: String,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct Filter {
    service_area: Option<String>,
    /// Set after a request was recorded: the code it got, for the notice.
    recorded: Option<i32>,
    /// Set after a request received online was closed.
    online_closed: Option<u8>,
    /// Which hundred of the list is shown, from 1.
    page: Option<usize>,
}

/// Requests shown per page: the figures per code cover the whole list.
const PER_PAGE: usize = 100;

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    Query(filter): Query<Filter>,
) -> Result<Response, WebError> {
    let area = filter.service_area.as_deref().and_then(ServiceArea::parse);
    let page_number = filter.page.unwrap_or(1).max(1);
    let list = state
        .store
        .wait_list_window(
            &auth.reader(&ctx),
            area,
            (page_number - 1) * PER_PAGE,
            PER_PAGE,
        )
        .await?;
    // Only the names of those who have a request on this page are opened.
    let team = state
        .store
        .user_names(
            auth.organization.id,
            list.requests.iter().filter_map(|r| r.assigned_to),
        )
        .await?;
    let lang = ctx.lang;
    let mut page = Page::new(&ctx, "nav-waitlist");
    if filter.online_closed.is_some() {
        page = page.with_notice(Some(t(lang, "online-closed")));
    }
    if let Some(code) = filter.recorded {
        page = page.with_notice(Some(t_args(
            lang,
            "intake-recorded",
            &[("code", code.to_string())],
        )));
    }
    let (previous, next) = page_links(page_number, list.total, area);
    let (suspected, online): (Vec<_>, Vec<_>) = state
        .store
        .pending_online_requests(auth.organization.id)
        .await?
        .into_iter()
        .partition(|r| r.suspected);
    Ok(render(&WaitListPage {
        may_import: havre_domain::policy::allows(
            &auth.user.roles,
            havre_domain::policy::Permission::ImportRecords,
        ),
        online: online.iter().map(|r| online_row(r, &page)).collect(),
        suspected: suspected.iter().map(|r| online_row(r, &page)).collect(),
        area: area_select(lang, area),
        by_code: code_rows(&list, lang),
        rows: request_rows(&list, &page, &team),
        shown: shown(&list, page_number, lang),
        page,
        previous,
        next,
    }))
}

fn online_row(r: &OnlineRequest, page: &Page) -> OnlineRow {
    OnlineRow {
        id: r.id,
        received: page.date_time(&r.received_at),
        name: alias(r, page),
        reply_by: page.t(&format!("reply_by-{}", r.reply_by.key())),
    }
}

/// The name she gave, or words that say she gave none.
fn alias(r: &OnlineRequest, page: &Page) -> String {
    match r.form.name.as_str() {
        "" => page.t("online-no-name"),
        name => name.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "online_request.html")]
struct OnlinePage {
    page: Page,
    id: OnlineRequestId,
    name: String,
    received: String,
    asked_by: String,
    reply_by: String,
    suspected: bool,
    /// Still to handle: her details and the actions are shown.
    pending: bool,
    /// What became of it, once handled.
    outcome: String,
    safe: havre_domain::intake::SafeContact,
    phone: Option<String>,
    email: String,
    needs: String,
    age_group: String,
    region: String,
    closings: Select,
}

/// One request received online: how to reach her safely first, then her words, then what
/// can be done with it. Reading it is logged.
pub async fn online(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    axum::extract::Path(id): axum::extract::Path<OnlineRequestId>,
) -> Result<Response, WebError> {
    online_page(
        &state,
        &auth,
        &ctx,
        id,
        Page::new(&ctx, "online-request-title"),
    )
    .await
}

async fn online_page(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    id: OnlineRequestId,
    page: Page,
) -> Result<Response, WebError> {
    use havre_domain::lists::ListKind;
    use havre_store::online::OnlineStatus;
    let r = state
        .store
        .online_request(&ctx.actor(), auth.organization.id, id)
        .await?;
    let lang = ctx.lang;
    let org = auth.organization.id;
    let label = async |kind, value: Option<havre_domain::ids::ListValueId>| match value {
        None => Ok::<_, WebError>(String::new()),
        Some(v) => Ok(super::value_label(
            &state.store.list_values(org, kind, true).await?,
            v,
            lang,
        )),
    };
    let outcome = match r.status {
        OnlineStatus::Pending => String::new(),
        OnlineStatus::Recorded(_) => page.t("online-outcome-recorded"),
        OnlineStatus::Closed(c) => t_args(
            lang,
            "online-outcome-closed",
            &[("why", t(lang, &format!("closing-{}", c.key())))],
        ),
    };
    let safe = r.form.safe_contact();
    // A number given beside an email is shown; one to call or text is the safe number already.
    let phone = r.form.phone.trim().to_owned();
    let phone = (safe.safe_number.is_empty() && !phone.is_empty()).then_some(phone);
    Ok(render(&OnlinePage {
        id,
        name: alias(&r, &page),
        received: page.date_time(&r.received_at),
        asked_by: r
            .asked_by
            .map(|a| t(lang, &format!("asked_by-{}", a.key())))
            .unwrap_or_default(),
        reply_by: t(lang, &format!("reply_by-{}", r.reply_by.key())),
        suspected: r.suspected,
        pending: r.status == OnlineStatus::Pending,
        outcome,
        safe,
        phone,
        email: r.form.email.clone(),
        needs: r.form.needs.clone(),
        age_group: label(ListKind::AgeAtRequest, r.form.age_group).await?,
        region: label(ListKind::Residence, r.form.region).await?,
        closings: Select {
            name: "closing",
            label: t(lang, "field-closing"),
            options: std::iter::once(SelectOption {
                value: String::new(),
                label: t(lang, "choose"),
                selected: true,
            })
            .chain(Closing::ALL.iter().map(|c| SelectOption {
                value: c.key().to_owned(),
                label: t(lang, &format!("closing-{}", c.key())),
                selected: false,
            }))
            .collect(),
        },
        page,
    }))
}

#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct CloseOnlineForm {
    closing: String,
}

/// Closes a request received online without recording a help request; what she wrote is
/// erased with it.
pub async fn close_online(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::RecordRequests>,
    axum::extract::Path(id): axum::extract::Path<OnlineRequestId>,
    crate::api::body::Form(form): crate::api::body::Form<CloseOnlineForm>,
) -> Result<Response, WebError> {
    use axum::response::IntoResponse;
    let closing = Closing::parse(form.closing.trim());
    match state
        .store
        .close_online_request(&ctx.actor(), auth.organization.id, id, closing)
        .await
    {
        Ok(()) => Ok(axum::response::Redirect::to("/waitlist?online_closed=1").into_response()),
        Err(havre_store::StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "online-request-title").with_errors(errors);
            let mut response = online_page(&state, &auth, &ctx, id, page).await?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// A wait in days, as "12,5 jours".
fn days(n: f64, lang: crate::i18n::Lang) -> String {
    t_args(
        lang,
        "days",
        &[("n", havre_domain::text::format_decimal(n, lang))],
    )
}

/// The service areas to filter by, all of them first.
fn area_select(lang: crate::i18n::Lang, area: Option<ServiceArea>) -> Select {
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t(lang, "service_area-all"),
        selected: area.is_none(),
    }];
    options.extend(ServiceArea::ALL.iter().map(|a| SelectOption {
        value: a.key().to_owned(),
        label: t(lang, &format!("service_area-{}", a.key())),
        selected: area == Some(*a),
    }));
    Select {
        name: "service_area",
        label: t(lang, "field-service_area"),
        options,
    }
}

/// The requests of this page, with who they are assigned to.
fn request_rows(
    list: &havre_store::waitlist::WaitList,
    page: &Page,
    team: &std::collections::HashMap<havre_domain::ids::UserId, String>,
) -> Vec<RequestRow> {
    list.requests
        .iter()
        .map(|r| RequestRow {
            id: r.id,
            code: r.code,
            proposed: r.proposed_code,
            overridden: r.code != r.proposed_code,
            teenager: r.teenager,
            sequence: r.sequence,
            name: r.name.clone(),
            received: page.date_time(&r.received_at),
            waiting: days(r.waiting_days as f64, page.lang),
            assigned: r
                .assigned_to
                .and_then(|id| team.get(&id).cloned())
                .unwrap_or_default(),
            first_meeting: r
                .first_meeting_at
                .map(|at| page.date_time(&at))
                .unwrap_or_default(),
        })
        .collect()
}

/// The waits per code, over the whole list.
fn code_rows(list: &havre_store::waitlist::WaitList, lang: crate::i18n::Lang) -> Vec<CodeRow> {
    list.by_code
        .iter()
        .map(|c| CodeRow {
            code: c.code,
            count: c.count,
            median: days(c.median_days, lang),
            longest: days(c.longest_days as f64, lang),
        })
        .collect()
}

/// Which of the list this page shows: "101 to 200 of 1 234".
fn shown(
    list: &havre_store::waitlist::WaitList,
    page_number: usize,
    lang: crate::i18n::Lang,
) -> String {
    let first = if list.total == 0 {
        0
    } else {
        (page_number - 1) * PER_PAGE + 1
    };
    t_args(
        lang,
        "waitlist-shown",
        &[
            ("from", first.to_string()),
            (
                "to",
                ((page_number - 1) * PER_PAGE + list.requests.len()).to_string(),
            ),
            (
                "total",
                havre_domain::text::format_count(list.total as i64, lang),
            ),
        ],
    )
}

/// The previous and next pages, under the same filter.
fn page_links(
    page_number: usize,
    total: usize,
    area: Option<ServiceArea>,
) -> (Option<String>, Option<String>) {
    let area_query = area
        .map(|a| format!("&service_area={}", a.key()))
        .unwrap_or_default();
    let previous =
        (page_number > 1).then(|| format!("/waitlist?page={}{area_query}", page_number - 1));
    let next = (page_number * PER_PAGE < total)
        .then(|| format!("/waitlist?page={}{area_query}", page_number + 1));
    (previous, next)
}

#[derive(Template)]
#[template(path = "waiting_request.html")]
struct WaitingRequestPage {
    page: Page,
    id: HelpRequestId,
    name: String,
    phone: Option<String>,
    safe: havre_store::intake::SafeContact,
    code: i32,
    proposed: i32,
    received: String,
    waiting: String,
    team: Select,
    reasons: Select,
    /// Her file, for those who may open it (the file asks the others why).
    person_id: PersonId,
}

async fn request_page(
    state: &AppState,
    auth: &crate::ctx::Authenticated,
    ctx: &crate::ctx::RequestCtx,
    id: HelpRequestId,
    page: Page,
) -> Result<Response, WebError> {
    use havre_domain::intake::CloseReason;
    let detail = state
        .store
        .waiting_request_detail(&ctx.actor(), auth.organization.id, id)
        .await?;
    let lang = ctx.lang;
    let r = &detail.request;
    let mut team = vec![SelectOption {
        value: String::new(),
        label: t(lang, "choose"),
        selected: r.assigned_to.is_none(),
    }];
    for u in state.store.users(auth.organization.id).await? {
        if u.active && havre_domain::policy::may_be_given_files(&u.roles) {
            team.push(SelectOption {
                selected: r.assigned_to == Some(u.id),
                value: u.id.to_string(),
                label: u.name,
            });
        }
    }
    let reasons = CloseReason::ALL
        .iter()
        .map(|c| SelectOption {
            value: c.key().to_owned(),
            label: t(lang, &format!("close_reason-{}", c.key())),
            selected: false,
        })
        .collect();
    Ok(render(&WaitingRequestPage {
        id,
        name: r.name.clone(),
        phone: detail.phone.clone(),
        safe: detail.safe_contact.clone(),
        code: r.code,
        proposed: r.proposed_code,
        received: page.date_time(&r.received_at),
        person_id: r.person_id,
        waiting: t_args(lang, "days", &[("n", r.waiting_days.to_string())]),
        team: Select {
            name: "user_id",
            label: t(lang, "field-user_id"),
            options: team,
        },
        reasons: Select {
            name: "reason",
            label: t(lang, "field-reason"),
            options: reasons,
        },
        page,
    }))
}

/// One waiting request: the safe-contact banner first, then what can be done with it.
pub async fn request(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    axum::extract::Path(id): axum::extract::Path<HelpRequestId>,
) -> Result<Response, WebError> {
    let page = Page::new(&ctx, "nav-waitlist");
    request_page(&state, &auth, &ctx, id, page).await
}

/// The request page's forms, as typed: each action reads its own fields.
#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct ActionForm {
    /// Who the request is assigned to.
    user_id: String,
    /// The first meeting booked.
    date: String,
    time: String,
    place: String,
    /// Why the request is closed.
    reason: String,
}

/// Applies a wait-list action from one of the request page's forms.
pub async fn act(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeWaitList>,
    axum::extract::Path((id, action)): axum::extract::Path<(HelpRequestId, String)>,
    crate::api::body::Form(form): crate::api::body::Form<ActionForm>,
) -> Result<Response, WebError> {
    use axum::response::IntoResponse;
    use havre_store::waitlist::WaitListAction;
    let invalid =
        |field: &'static str, key: &'static str| havre_store::StoreError::invalid(field, key);
    let action = match action.as_str() {
        "assign" => form
            .user_id
            .parse()
            .map(|user_id| WaitListAction::Assign { user_id })
            .map_err(|_| invalid("user_id", "value-required")),
        "first-meeting" => match ctx.zone().parse_local(&form.date, &form.time) {
            Some(at) => Ok(WaitListAction::BookFirstMeeting {
                at,
                place: form.place,
            }),
            None => Err(invalid("at", "date-time-required")),
        },
        "close" => havre_domain::intake::CloseReason::parse(&form.reason)
            .map(|reason| WaitListAction::Close { reason })
            .ok_or_else(|| invalid("reason", "value-not-in-list")),
        _ => return Err(WebError::NotFound),
    };
    let result = match action {
        Ok(action) => state
            .store
            .act_on_waiting_request(&ctx.actor(), auth.organization.id, id, action)
            .await
            .map(|_| ()),
        Err(e) => {
            // A foreign or closed request answers 404 before any message about the form.
            state
                .store
                .waiting_request_detail(&ctx.actor(), auth.organization.id, id)
                .await?;
            Err(e)
        }
    };
    match result {
        Ok(()) => Ok(axum::response::Redirect::to("/waitlist").into_response()),
        Err(havre_store::StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "nav-waitlist").with_errors(errors);
            let mut response = request_page(&state, &auth, &ctx, id, page).await?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
