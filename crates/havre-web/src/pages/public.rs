//! The public pages of an organization: its services, lines and hours, the form to ask for
//! help (docs/public.md), the form to complain and the texts it publishes (docs/privacy.md).
//! Every one carries the quick exit and the emergency numbers. No cookie is set here and
//! nothing is loaded from elsewhere (docs/safety.md).

use super::complaints::{ComplaintInput, ComplaintSelects, complaint_selects};
use super::intake::{Select, fixed_select, list_select};
use crate::AppState;
use crate::api::body::Form;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use havre_domain::lists::ListKind;
use havre_domain::online::{AskedBy, OnlineRequestForm, ReplyBy, emergency_lines};
use havre_store::organizations::{Organization, PhoneLine};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Where the quick exit leads: a neutral site, the weather.
pub const QUICK_EXIT_URL: &str = "https://meteo.gc.ca/";

/// What every public page shows around its own content (templates/public_base.html): the
/// quick exit, the organization's name and lines, the numbers to call in danger.
pub struct Visitor {
    pub exit_url: &'static str,
    pub org_name: String,
    /// The address of the public page, percent-encoded.
    pub slug_path: String,
    pub lines: Vec<PhoneLine>,
    /// The country's emergency numbers: what each is, the number as written and as dialled.
    pub emergency: Vec<(String, &'static str, String)>,
}

impl Visitor {
    fn of(org: &Organization, page: &Page) -> Self {
        Visitor {
            exit_url: QUICK_EXIT_URL,
            org_name: org.name.clone(),
            slug_path: public_path(&org.slug),
            lines: org.public_info.phone_lines.clone(),
            emergency: emergency_lines(org.country)
                .iter()
                .map(|l| {
                    (
                        page.t(l.key),
                        l.number,
                        havre_store::organizations::dial(l.number),
                    )
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "public_org.html")]
struct PublicPage {
    page: Page,
    visitor: Visitor,
    services: Vec<String>,
    opening_hours: String,
    territory: String,
    privacy: havre_store::complaints::PrivacySettings,
    /// The texts it published: their key and title.
    texts: Vec<(&'static str, String)>,
}

/// What a path segment leaves as it is (RFC 3986's unreserved characters); a slug's letters
/// of other scripts are percent-encoded, as an address must be.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The address of an organization's public page: /o/{slug}, its slug percent-encoded.
pub fn public_path(slug: &str) -> String {
    format!("/o/{}", utf8_percent_encode(slug, SEGMENT))
}

pub async fn show(
    State(state): State<AppState>,
    mut ctx: RequestCtx,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let org = public_organization(&state, &mut ctx, &slug).await?;
    let page = visitor_page(&ctx, &org, "public-title");
    let mut texts = Vec::new();
    for kind in havre_domain::texts::TextKind::ALL.iter().copied() {
        if state.store.published_text(org.id, kind).await?.is_some() {
            texts.push((kind.key(), page.t(&format!("text-{}", kind.key()))));
        }
    }
    Ok(render(&PublicPage {
        texts,
        privacy: state.store.privacy_settings(org.id).await?,
        visitor: Visitor::of(&org, &page),
        page,
        services: org
            .public_info
            .service_lines()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        opening_hours: org.public_info.opening_hours,
        territory: org.public_info.territory,
    }))
}

/// The organization of a public page, its French its country's. Networks have none.
async fn public_organization(
    state: &AppState,
    ctx: &mut RequestCtx,
    slug: &str,
) -> Result<Organization, WebError> {
    let org = state.store.organization_by_slug(slug).await?;
    ctx.lang = ctx.lang.in_country(org.country);
    if org.kind != "centre" {
        return Err(WebError::NotFound);
    }
    Ok(org)
}

/// A page a visitor sees alone, without the staff's navigation, under the organization's
/// name.
fn visitor_page(ctx: &RequestCtx, org: &Organization, title: &str) -> Page {
    let mut page = Page::new(ctx, title);
    page.title = format!("{} — {}", page.title, org.name);
    page.nav.clear();
    page.user_name = None;
    page.organization_name = None;
    page
}

#[derive(Template)]
#[template(path = "public_complaint.html")]
struct ComplaintPage {
    page: Page,
    visitor: Visitor,
    form: ComplaintInput,
    selects: ComplaintSelects,
    /// Sent: the form gives way to what happens next.
    sent: bool,
}

/// How many complaints one address may send before it waits: a woman sends one; a script
/// sends hundreds.
const COMPLAINTS_PER_ADDRESS: i32 = 5;

/// The form to complain, anonymously if she wishes.
pub async fn complaint_form(
    State(state): State<AppState>,
    mut ctx: RequestCtx,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let org = public_organization(&state, &mut ctx, &slug).await?;
    let form = ComplaintInput::default();
    complaint_page(
        &state,
        &ctx,
        &org,
        visitor_page(&ctx, &org, "public-complaint-title"),
        form,
        false,
    )
    .await
}

async fn complaint_page(
    state: &AppState,
    ctx: &RequestCtx,
    org: &Organization,
    page: Page,
    form: ComplaintInput,
    sent: bool,
) -> Result<Response, WebError> {
    let selects = complaint_selects(state, org.id, ctx.lang, &form, false).await?;
    Ok(render(&ComplaintPage {
        visitor: Visitor::of(org, &page),
        page,
        form,
        selects,
        sent,
    }))
}

/// Receives a complaint from the public page into the register.
pub async fn send_complaint(
    State(state): State<AppState>,
    mut ctx: RequestCtx,
    Path(slug): Path<String>,
    Form(input): Form<ComplaintInput>,
) -> Result<Response, WebError> {
    let org = public_organization(&state, &mut ctx, &slug).await?;
    if slowed(&state, &ctx, "public-complaint", COMPLAINTS_PER_ADDRESS)
        .await?
        .is_some()
    {
        return Err(WebError::TooManyRequests);
    }
    let result = state
        .store
        .receive_public_complaint(&ctx.actor(), org.id, input.form())
        .await;
    let title = "public-complaint-title";
    match result {
        Ok(_) => {
            let page = visitor_page(&ctx, &org, title);
            complaint_page(&state, &ctx, &org, page, ComplaintInput::default(), true).await
        }
        Err(havre_store::StoreError::Invalid(errors)) => {
            let page = visitor_page(&ctx, &org, title).with_errors(errors);
            let mut response = complaint_page(&state, &ctx, &org, page, input, false).await?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether a visitor's address must wait before sending `form` again: a woman sends one; a
/// script sends hundreds. The count starts again after an hour without one.
async fn slowed(
    state: &AppState,
    ctx: &RequestCtx,
    form: &str,
    per_address: i32,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, WebError> {
    let throttle = havre_store::throttle::ThrottleKey {
        key: format!("{form}:{}", ctx.ip.as_deref().unwrap_or("unknown")),
        threshold: per_address,
        forget_after: Some(chrono::TimeDelta::hours(1)),
    };
    Ok(state.store.take_attempt(&throttle).await?)
}

/// How many requests for help one address sends before it waits. A family's or a
/// library's computer shares one address: a few, then a wait of 15 s that doubles.
const HELP_REQUESTS_PER_ADDRESS: i32 = 5;

/// The form to ask for help, as typed. `website` is a trap: hidden from people, filled by
/// scripts that fill every field.
#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct HelpInput {
    name: String,
    reply_by: String,
    phone: String,
    email: String,
    may_leave_message: bool,
    may_say_our_name: bool,
    safe_hours: String,
    needs: String,
    asked_by: String,
    age_group: String,
    region: String,
    website: String,
}

impl HelpInput {
    fn form(&self) -> OnlineRequestForm {
        OnlineRequestForm {
            name: self.name.clone(),
            reply_by: ReplyBy::parse(self.reply_by.trim()),
            phone: self.phone.clone(),
            email: self.email.clone(),
            may_leave_message: self.may_leave_message,
            may_say_our_name: self.may_say_our_name,
            safe_hours: self.safe_hours.clone(),
            needs: self.needs.clone(),
            asked_by: AskedBy::parse(self.asked_by.trim()),
            age_group: self.age_group.trim().parse().ok(),
            region: self.region.trim().parse().ok(),
        }
    }
}

#[derive(Template)]
#[template(path = "public_help.html")]
struct HelpPage {
    page: Page,
    visitor: Visitor,
    form: HelpInput,
    reply_by: Select,
    asked_by: Select,
    age_group: Select,
    region: Select,
    /// Received: the form gives way to what happens next.
    sent: bool,
}

/// The form to ask to be contacted.
pub async fn help_form(
    State(state): State<AppState>,
    mut ctx: RequestCtx,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let org = public_organization(&state, &mut ctx, &slug).await?;
    let page = visitor_page(&ctx, &org, "online-title");
    help_page(&state, &ctx, &org, page, HelpInput::default(), false).await
}

async fn help_page(
    state: &AppState,
    ctx: &RequestCtx,
    org: &Organization,
    page: Page,
    form: HelpInput,
    sent: bool,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let replies: Vec<&str> = ReplyBy::ALL.iter().map(|r| r.key()).collect();
    let askers: Vec<&str> = AskedBy::ALL.iter().map(|a| a.key()).collect();
    Ok(render(&HelpPage {
        reply_by: fixed_select(lang, "reply_by", &replies, &form.reply_by, None),
        asked_by: fixed_select(
            lang,
            "asked_by",
            &askers,
            &form.asked_by,
            Some("online-not-said"),
        ),
        age_group: optional(
            list_select(
                state,
                ctx,
                org.id,
                ListKind::AgeAtRequest,
                "age_group",
                &form.age_group,
            )
            .await?,
            lang,
            "field-online_age_group",
        ),
        region: optional(
            list_select(
                state,
                ctx,
                org.id,
                ListKind::Residence,
                "region",
                &form.region,
            )
            .await?,
            lang,
            "field-online_region",
        ),
        visitor: Visitor::of(org, &page),
        page,
        form,
        sent,
    }))
}

/// A list of the organization offered to a visitor: under her words, not the team's, and
/// left unsaid by default.
fn optional(mut select: Select, lang: crate::i18n::Lang, label: &str) -> Select {
    select.label = crate::i18n::t(lang, label);
    if let Some(first) = select.options.first_mut() {
        first.label = crate::i18n::t(lang, "online-not-said");
    }
    select
}

/// Receives a request for help into the wait list. Bad input is said at its field and
/// nothing is kept; an address that sends too many waits, her words kept in the form.
pub async fn send_help(
    State(state): State<AppState>,
    mut ctx: RequestCtx,
    Path(slug): Path<String>,
    Form(input): Form<HelpInput>,
) -> Result<Response, WebError> {
    let org = public_organization(&state, &mut ctx, &slug).await?;
    let title = "online-title";
    if slowed(&state, &ctx, "public-help", HELP_REQUESTS_PER_ADDRESS)
        .await?
        .is_some()
    {
        let mut page = visitor_page(&ctx, &org, title);
        page.notice = Some(page.t("online-slowed"));
        let mut response = help_page(&state, &ctx, &org, page, input, false).await?;
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(response);
    }
    let suspected = !input.website.trim().is_empty();
    let result = state
        .store
        .receive_online_request(&ctx.actor(), org.id, input.form(), suspected)
        .await;
    match result {
        Ok(_) => {
            let page = visitor_page(&ctx, &org, title);
            help_page(&state, &ctx, &org, page, HelpInput::default(), true).await
        }
        Err(havre_store::StoreError::Invalid(errors)) => {
            let page = visitor_page(&ctx, &org, title).with_errors(errors);
            let mut response = help_page(&state, &ctx, &org, page, input, false).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn public_paths_are_percent_encoded() {
        assert_eq!(super::public_path("la-sortie"), "/o/la-sortie");
        assert_eq!(super::public_path("مركز"), "/o/%D9%85%D8%B1%D9%83%D8%B2");
        assert_eq!(
            super::public_path("calacs-coup-de-cœur"),
            "/o/calacs-coup-de-c%C5%93ur"
        );
    }
}

#[derive(Template)]
#[template(path = "public_text.html")]
struct TextPage {
    page: Page,
    visitor: Visitor,
    version: i32,
    published_on: String,
    /// The text as HTML, from its Markdown, raw HTML left out.
    html: String,
}

/// A text the organization published, its current version, to read or print.
pub async fn text(
    State(state): State<AppState>,
    mut ctx: RequestCtx,
    Path((slug, kind)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let org = public_organization(&state, &mut ctx, &slug).await?;
    let kind = havre_domain::texts::TextKind::parse(&kind).ok_or(WebError::NotFound)?;
    let text = state
        .store
        .published_text(org.id, kind)
        .await?
        .ok_or(WebError::NotFound)?;
    let page = visitor_page(&ctx, &org, &format!("text-{}", kind.key()));
    Ok(render(&TextPage {
        visitor: Visitor::of(&org, &page),
        page,
        version: text.version,
        published_on: org.time_zone.day_of(text.published_at).to_string(),
        html: super::texts::html(&text.body),
    }))
}
