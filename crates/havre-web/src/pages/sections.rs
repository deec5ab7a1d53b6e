//! The sections of the navigation whose capabilities are not built yet. Each page says what
//! the section will hold and that it is not available in this version; the issue that builds
//! the capability replaces its page. They exist so that each role's navigation is real and
//! its permissions are enforced from the start.

use crate::auth::{PermissionMarker, Require, perm};
use crate::page::{Page, render};
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "section.html")]
struct SectionPage {
    page: Page,
    description: String,
}

fn section<P: PermissionMarker>(Require(_, ctx, _): Require<P>, key: &str) -> Response {
    let page = Page::new(&ctx, &format!("nav-{key}"));
    let description = page.t(&format!("section-{key}"));
    render(&SectionPage { page, description })
}

pub async fn network(r: Require<perm::SeeNetworkAggregates>) -> Response {
    section(r, "network")
}
