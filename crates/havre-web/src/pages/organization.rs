//! The organization's settings, for its administrator: the second-factor rule, what its
//! public page shows, and the limits it sets on meetings.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::{Form, ticked};
use crate::auth::{Require, perm};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use havre_domain::meetings::Limits;
use havre_store::StoreError;
use havre_store::organizations::{
    LINE_HOURS_FIELDS as HOURS, LINE_LABEL_FIELDS as LABELS, LINE_NUMBER_FIELDS as NUMBERS,
    MAX_PHONE_LINES, Organization, OrganizationSettings, PhoneLine, PublicInfo,
};
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

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
    /// The address of its public page, percent-encoded.
    public_path: String,
    require_totp: bool,
    lines: Vec<LineRow>,
    opening_hours: String,
    territory: String,
    services: String,
    /// The limits as shown in the form: emergency, follow-up, relatives.
    limits: [String; 3],
    /// The time zone as shown in the form, and every name the field suggests.
    time_zone: String,
    zones: Vec<&'static str>,
    /// The month the reporting year begins, and the country, as chosen.
    year_start: Select,
    country: Select,
}

/// The organization's clock and country as the form shows them: saved, or as typed.
struct Calendar {
    time_zone: String,
    year_start_month: String,
    country: String,
}

impl Calendar {
    fn of(org: &Organization) -> Self {
        Calendar {
            time_zone: org.time_zone.name().to_owned(),
            year_start_month: org.year_start.month().to_string(),
            country: org.country.code().to_owned(),
        }
    }
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

fn limit_texts(limits: &Limits) -> [String; 3] {
    [
        limits.emergency.to_string(),
        limits.follow_up.to_string(),
        limits.relatives.to_string(),
    ]
}

fn show_page(
    org: &Organization,
    require_totp: bool,
    info: &PublicInfo,
    limits: [String; 3],
    calendar: Calendar,
    page: Page,
) -> Response {
    let lang = page.lang;
    render(&OrganizationPage {
        limits,
        year_start: Select {
            name: "year_start_month",
            label: t(lang, "field-year_start_month"),
            options: (1..=12)
                .map(|m: u32| SelectOption {
                    value: m.to_string(),
                    label: t(lang, &format!("month-{m}")),
                    selected: calendar.year_start_month == m.to_string(),
                })
                .collect(),
        },
        country: Select {
            name: "country",
            label: t(lang, "field-country"),
            options: havre_domain::year::Country::ALL
                .into_iter()
                .map(|c| SelectOption {
                    value: c.code().to_owned(),
                    label: t(lang, &format!("country-{}", c.code())),
                    selected: calendar.country == c.code(),
                })
                .collect(),
        },
        time_zone: calendar.time_zone,
        zones: havre_domain::zone::Zone::names().collect(),
        page,
        org_name: org.name.clone(),
        public_path: super::public::public_path(&org.slug),
        require_totp,
        lines: line_rows(&info.phone_lines),
        opening_hours: info.opening_hours.clone(),
        services: info.services.clone(),
        territory: info.territory.clone(),
    })
}

pub async fn show(Require(auth, ctx, _): Require<perm::ManageOrganization>) -> Response {
    let org = &auth.organization;
    show_page(
        org,
        org.require_totp,
        &org.public_info,
        limit_texts(&org.limits),
        Calendar::of(org),
        Page::new(&ctx, "organization-title"),
    )
}

/// The settings as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    opening_hours: String,
    territory: String,
    services: String,
    /// Read as text, for the lines beside it are read by a deserializer of their own
    /// (`flatten`), which hands every field on as text.
    #[serde(deserialize_with = "ticked")]
    require_totp: bool,
    limit_emergency: String,
    limit_follow_up: String,
    limit_relatives: String,
    time_zone: String,
    year_start_month: String,
    country: String,
    #[serde(flatten)]
    lines: LinesForm,
}

/// The public page's phone lines as typed, row by row: label, number and hours of each, under
/// the names the store gives their fields (`line_label_0`…).
#[derive(Default)]
pub struct LinesForm([[String; 3]; MAX_PHONE_LINES]);

impl LinesForm {
    /// The lines typed; a row left wholly empty is no line.
    fn lines(&self) -> Vec<PhoneLine> {
        self.0
            .iter()
            .map(|[label, number, hours]| PhoneLine {
                label: label.trim().to_owned(),
                number: number.trim().to_owned(),
                hours: hours.trim().to_owned(),
            })
            .filter(|l| !(l.label.is_empty() && l.number.is_empty() && l.hours.is_empty()))
            .collect()
    }
}

impl<'de> Deserialize<'de> for LinesForm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = LinesForm;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the phone lines' fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LinesForm, A::Error> {
                let mut lines = LinesForm::default();
                while let Some(key) = map.next_key::<String>()? {
                    let at = (0..MAX_PHONE_LINES).find_map(|row| {
                        [LABELS[row], NUMBERS[row], HOURS[row]]
                            .iter()
                            .position(|name| *name == key)
                            .map(|column| (row, column))
                    });
                    match at {
                        Some((row, column)) => lines.0[row][column] = map.next_value()?,
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(lines)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

pub async fn save(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageOrganization>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let info = PublicInfo {
        phone_lines: form.lines.lines(),
        opening_hours: form.opening_hours.trim().to_owned(),
        territory: form.territory.trim().to_owned(),
        services: form.services.trim().to_owned(),
    };
    let require_totp = form.require_totp;
    let typed = [
        form.limit_emergency,
        form.limit_follow_up,
        form.limit_relatives,
    ];
    // A limit that is not a number is out of range: the same message at its field.
    let limit = |i: usize| typed[i].trim().parse::<u32>().unwrap_or(0);
    // A choice the form did not send (a script's form, a page from before it had them) keeps
    // what is saved.
    let saved = Calendar::of(&auth.organization);
    let or_saved = |typed: &str, saved: String| match typed.trim() {
        "" => saved,
        typed => typed.to_owned(),
    };
    let calendar = Calendar {
        time_zone: form.time_zone.trim().to_owned(),
        year_start_month: or_saved(&form.year_start_month, saved.year_start_month),
        country: or_saved(&form.country, saved.country),
    };
    let settings = OrganizationSettings {
        require_totp,
        time_zone: calendar.time_zone.clone(),
        // A month that is not one is out of the list: the message at its field.
        year_start_month: calendar.year_start_month.parse().unwrap_or(0),
        country: calendar.country.clone(),
        public_info: info.clone(),
        limits: Limits {
            emergency: limit(0),
            follow_up: limit(1),
            relatives: limit(2),
        },
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
                limit_texts(&saved.limits),
                Calendar::of(&saved),
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
                typed,
                calendar,
                Page::new(&ctx, "organization-title").with_errors(errors),
            );
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}
