//! The public page of an organization: its phone lines and hours, and the quick exit.
//! No cookie is set here and nothing is loaded from elsewhere (docs/safety.md).

use crate::AppState;
use crate::error::WebError;
use crate::page::{Page, RequestCtx, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use havre_store::organizations::PhoneLine;

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

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestCtx,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let org = state.store.organization_by_slug(&slug).await?;
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
