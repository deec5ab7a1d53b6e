//! The public page of an organization: its phone lines and hours, and the quick exit.
//! No cookie is set here and nothing is loaded from elsewhere (docs/safety.md).

use crate::AppState;
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
    let org = state.store.organization_by_slug(&slug).await?;
    // The organization's public page speaks its country's French.
    ctx.lang = ctx.lang.in_country(org.country);
    // Networks and partners have no public help page.
    if org.kind != "centre" {
        return Err(WebError::NotFound);
    }
    let mut page = Page::new(&ctx, "public-title");
    page.title = org.name.clone();
    // Visitors see the page alone, without the staff's navigation.
    page.nav.clear();
    page.user_name = None;
    page.organization_name = None;
    Ok(render(&PublicPage {
        page,
        org_name: org.name,
        lines: org.public_info.phone_lines,
        opening_hours: org.public_info.opening_hours,
        territory: org.public_info.territory,
        exit_url: QUICK_EXIT_URL,
    }))
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
