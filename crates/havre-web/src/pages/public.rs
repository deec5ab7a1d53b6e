//! The public page of an organization: its phone lines and hours, the quick exit, its person
//! in charge of personal information and the form to complain (docs/privacy.md). No cookie is
//! set here and nothing is loaded from elsewhere (docs/safety.md).

use super::complaints::{ComplaintInput, ComplaintSelects, complaint_selects};
use crate::AppState;
use crate::api::body::Form;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use havre_store::organizations::PhoneLine;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Where the quick exit leads: a neutral site, the weather.
pub const QUICK_EXIT_URL: &str = "https://meteo.gc.ca/";

#[derive(Template)]
#[template(path = "public_org.html")]
struct PublicPage {
    page: Page,
    org_name: String,
    lines: Vec<PhoneLine>,
    opening_hours: String,
    territory: String,
    exit_url: &'static str,
    slug_path: String,
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
        page,
        privacy: state.store.privacy_settings(org.id).await?,
        slug_path: public_path(&org.slug),
        org_name: org.name,
        lines: org.public_info.phone_lines,
        opening_hours: org.public_info.opening_hours,
        territory: org.public_info.territory,
        exit_url: QUICK_EXIT_URL,
    }))
}

/// The organization of a public page, its French its country's. Networks have none.
async fn public_organization(
    state: &AppState,
    ctx: &mut RequestCtx,
    slug: &str,
) -> Result<havre_store::organizations::Organization, WebError> {
    let org = state.store.organization_by_slug(slug).await?;
    ctx.lang = ctx.lang.in_country(org.country);
    if org.kind != "centre" {
        return Err(WebError::NotFound);
    }
    Ok(org)
}

/// A page a visitor sees alone, without the staff's navigation, under the organization's
/// name.
fn visitor_page(
    ctx: &RequestCtx,
    org: &havre_store::organizations::Organization,
    title: &str,
) -> Page {
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
    org_name: String,
    slug_path: String,
    exit_url: &'static str,
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
    org: &havre_store::organizations::Organization,
    page: Page,
    form: ComplaintInput,
    sent: bool,
) -> Result<Response, WebError> {
    let selects = complaint_selects(state, org.id, ctx.lang, &form, false).await?;
    Ok(render(&ComplaintPage {
        page,
        org_name: org.name.clone(),
        slug_path: public_path(&org.slug),
        exit_url: QUICK_EXIT_URL,
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
    let throttle = havre_store::throttle::ThrottleKey {
        key: format!(
            "public-complaint:{}",
            ctx.ip.as_deref().unwrap_or("unknown")
        ),
        threshold: COMPLAINTS_PER_ADDRESS,
    };
    if state.store.take_attempt(&throttle).await?.is_some() {
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
    org_name: String,
    slug_path: String,
    exit_url: &'static str,
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
        page,
        org_name: org.name.clone(),
        slug_path: public_path(&org.slug),
        exit_url: QUICK_EXIT_URL,
        version: text.version,
        published_on: org.time_zone.day_of(text.published_at).to_string(),
        html: super::texts::html(&text.body),
    }))
}
