//! The organization's settings, for its administrator: the second-factor rule and what its
//! public page shows.

use super::{form_pairs, form_value};
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use havre_store::StoreError;
use havre_store::organizations::{
    LINE_HOURS_FIELDS as HOURS, LINE_LABEL_FIELDS as LABELS, LINE_NUMBER_FIELDS as NUMBERS,
    MAX_PHONE_LINES, Organization, OrganizationSettings, PhoneLine, PublicInfo,
};

pub struct LineRow {
    pub position: usize,
    pub label_field: &'static str,
    pub number_field: &'static str,
    pub hours_field: &'static str,
    pub label: String,
    pub number: String,
    pub hours: String,
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrganizationPage {
    page: Page,
    org_name: String,
    slug: String,
    require_totp: bool,
    lines: Vec<LineRow>,
    opening_hours: String,
    territory: String,
}

/// Every line slot, filled with the lines there are (so that one can be added).
fn line_rows(lines: &[PhoneLine]) -> Vec<LineRow> {
    (0..MAX_PHONE_LINES)
        .map(|i| {
            let line = lines.get(i).cloned().unwrap_or_default();
            LineRow {
                position: i + 1,
                label_field: LABELS[i],
                number_field: NUMBERS[i],
                hours_field: HOURS[i],
                label: line.label,
                number: line.number,
                hours: line.hours,
            }
        })
        .collect()
}

fn show_page(org: &Organization, require_totp: bool, info: &PublicInfo, page: Page) -> Response {
    render(&OrganizationPage {
        page,
        org_name: org.name.clone(),
        slug: org.slug.clone(),
        require_totp,
        lines: line_rows(&info.phone_lines),
        opening_hours: info.opening_hours.clone(),
        territory: info.territory.clone(),
    })
}

pub async fn show(Require(auth, ctx, _): Require<perm::ManageOrganization>) -> Response {
    let org = &auth.organization;
    show_page(
        org,
        org.require_totp,
        &org.public_info,
        Page::new(&ctx, "organization-title"),
    )
}

/// The lines typed in the form; a row left wholly empty is no line.
fn lines_from_form(pairs: &[(String, String)]) -> Vec<PhoneLine> {
    (0..MAX_PHONE_LINES)
        .map(|i| PhoneLine {
            label: form_value(pairs, LABELS[i]).trim().to_owned(),
            number: form_value(pairs, NUMBERS[i]).trim().to_owned(),
            hours: form_value(pairs, HOURS[i]).trim().to_owned(),
        })
        .filter(|l| !(l.label.is_empty() && l.number.is_empty() && l.hours.is_empty()))
        .collect()
}

pub async fn save(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    body: Bytes,
) -> Result<Response, WebError> {
    let pairs = form_pairs(&body);
    let info = PublicInfo {
        phone_lines: lines_from_form(&pairs),
        opening_hours: form_value(&pairs, "opening_hours").trim().to_owned(),
        territory: form_value(&pairs, "territory").trim().to_owned(),
    };
    let require_totp = form_value(&pairs, "require_totp") == "on";
    let settings = OrganizationSettings {
        require_totp,
        public_info: info.clone(),
    };
    match state
        .store
        .update_organization_settings(&ctx.actor(), auth.organization.id, settings)
        .await
    {
        Ok(saved) => {
            let page = Page::new(&ctx, "organization-title")
                .with_notice(Some(t(ctx.lang, "organization-saved")));
            Ok(show_page(
                &saved,
                saved.require_totp,
                &saved.public_info,
                page,
            ))
        }
        Err(StoreError::Invalid(errors)) => {
            // The rows are shown back as typed, empty rows dropped, which is also the order
            // the messages' row numbers refer to.
            let mut response = show_page(
                &auth.organization,
                require_totp,
                &info,
                Page::new(&ctx, "organization-title").with_errors(errors),
            );
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
