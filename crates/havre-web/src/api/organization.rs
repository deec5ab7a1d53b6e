//! The organization's settings.

use super::body::Body;
use crate::AppState;
use crate::auth::{Require, perm};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use havre_domain::ids::OrganizationId;
use havre_store::organizations::{Organization, OrganizationSettings, PhoneLine, PublicInfo};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct PhoneLineView {
    /// "Ligne principale", "Ligne 24/7"…
    pub label: String,
    pub number: String,
    /// "lun-ven 9 h-17 h"
    pub hours: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrganizationView {
    pub id: OrganizationId,
    pub name: String,
    /// The address of the public page: /o/{slug}.
    pub slug: String,
    /// centre, partner or network.
    pub kind: String,
    pub require_totp: bool,
    pub phone_lines: Vec<PhoneLineView>,
    pub opening_hours: String,
    pub territory: String,
    /// What the organization offers, one service a line.
    pub services: String,
    /// At most this many emergency meetings per episode.
    pub limit_emergency: u32,
    /// At most this many follow-up meetings per episode.
    pub limit_follow_up: u32,
    /// At most this many meetings for each relative.
    pub limit_relatives: u32,
    /// The IANA time zone (America/Montreal…) by which days and reporting years are counted.
    pub time_zone: String,
    /// The month its reporting year begins: 4 (April, Québec's) or 1 (a calendar year)…
    pub year_start_month: u32,
    /// CA (Québec) or FR.
    pub country: String,
}

impl OrganizationView {
    fn new(o: &Organization) -> Self {
        OrganizationView {
            id: o.id,
            name: o.name.clone(),
            slug: o.slug.clone(),
            kind: o.kind.clone(),
            require_totp: o.require_totp,
            phone_lines: o
                .public_info
                .phone_lines
                .iter()
                .map(|l| PhoneLineView {
                    label: l.label.clone(),
                    number: l.number.clone(),
                    hours: l.hours.clone(),
                })
                .collect(),
            opening_hours: o.public_info.opening_hours.clone(),
            territory: o.public_info.territory.clone(),
            services: o.public_info.services.clone(),
            limit_emergency: o.limits.emergency,
            limit_follow_up: o.limits.follow_up,
            limit_relatives: o.limits.relatives,
            time_zone: o.time_zone.name().to_owned(),
            year_start_month: o.year_start.month(),
            country: o.country.code().to_owned(),
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OrganizationPatch {
    pub require_totp: Option<bool>,
    /// Replaces every line (at most 6).
    pub phone_lines: Option<Vec<PhoneLineView>>,
    pub opening_hours: Option<String>,
    pub territory: Option<String>,
    /// One service a line, at most 20.
    pub services: Option<String>,
    /// 1 to 100 each.
    pub limit_emergency: Option<u32>,
    pub limit_follow_up: Option<u32>,
    pub limit_relatives: Option<u32>,
    /// An IANA time-zone name, such as America/Montreal or Europe/Paris.
    pub time_zone: Option<String>,
    /// The month its reporting year begins, 1 to 12.
    pub year_start_month: Option<u32>,
    /// CA or FR.
    pub country: Option<String>,
}

/// The organization of the account and its settings.
#[utoipa::path(get, path = "/api/v1/organization", tag = "organization",
    responses((status = 200, body = OrganizationView), (status = 403, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get(Require(auth, _, _): Require<perm::ManageOrganization>) -> Json<OrganizationView> {
    Json(OrganizationView::new(&auth.organization))
}

/// Changes the second-factor rule, what the public page shows, the limits on meetings, the
/// time zone, the month the reporting year begins, or the country.
#[utoipa::path(patch, path = "/api/v1/organization", tag = "organization", request_body = OrganizationPatch,
    responses((status = 200, body = OrganizationView), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn update(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Body(patch): Body<OrganizationPatch>,
) -> Result<Json<OrganizationView>, WebError> {
    let current = &auth.organization;
    let public_info = PublicInfo {
        phone_lines: match patch.phone_lines {
            Some(lines) => lines
                .into_iter()
                .map(|l| PhoneLine {
                    label: l.label,
                    number: l.number,
                    hours: l.hours,
                })
                .collect(),
            None => current.public_info.phone_lines.clone(),
        },
        opening_hours: patch
            .opening_hours
            .unwrap_or_else(|| current.public_info.opening_hours.clone()),
        territory: patch
            .territory
            .unwrap_or_else(|| current.public_info.territory.clone()),
        services: patch
            .services
            .unwrap_or_else(|| current.public_info.services.clone()),
    };
    let settings = OrganizationSettings {
        require_totp: patch.require_totp.unwrap_or(current.require_totp),
        public_info,
        limits: havre_domain::meetings::Limits {
            emergency: patch.limit_emergency.unwrap_or(current.limits.emergency),
            follow_up: patch.limit_follow_up.unwrap_or(current.limits.follow_up),
            relatives: patch.limit_relatives.unwrap_or(current.limits.relatives),
        },
        time_zone: patch
            .time_zone
            .unwrap_or_else(|| current.time_zone.name().to_owned()),
        year_start_month: patch.year_start_month.unwrap_or(current.year_start.month()),
        country: patch
            .country
            .unwrap_or_else(|| current.country.code().to_owned()),
    };
    let saved = state
        .store
        .update_organization_settings(&ctx.actor(), current.id, settings)
        .await?;
    Ok(Json(OrganizationView::new(&saved)))
}
