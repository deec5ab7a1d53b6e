//! The home page of each role.

use crate::auth::Staff;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    first_name: String,
    roles: String,
}

pub async fn show(Staff(auth, ctx): Staff) -> Response {
    let first_name = auth
        .user
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let roles = auth
        .user
        .roles
        .iter()
        .map(|r| t(ctx.lang, &format!("role-{}", r.as_str())))
        .collect::<Vec<_>>()
        .join(", ");
    render(&HomePage {
        page: Page::new(&ctx, "home-title"),
        first_name,
        roles,
    })
}
