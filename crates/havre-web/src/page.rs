//! What every request and every page knows: the language, the account, the CSRF token, the
//! navigation.

use crate::auth::Authenticated;
use crate::i18n::{Lang, t, t_args};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use havre_domain::policy::{NavSection, navigation};
use havre_store::FieldError;
use std::sync::Arc;

/// Put in the request's extensions by the `auth::resolve` middleware.
#[derive(Clone)]
pub struct RequestCtx {
    pub lang: Lang,
    /// The client's address, for throttling and the audit log.
    pub ip: Option<String>,
    pub auth: Option<Arc<Authenticated>>,
    /// The token forms must carry: the session's, or the anonymous one of the login form.
    pub csrf: String,
    /// Under /api/: errors are problem documents, not pages.
    pub is_api: bool,
    pub path: String,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestCtx {
    type Rejection = crate::WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestCtx>()
            .cloned()
            .ok_or_else(|| crate::WebError::Internal("request context missing".into()))
    }
}

impl RequestCtx {
    /// The organization's clock: days, weeks and years are its own, never the server's.
    pub fn zone(&self) -> havre_domain::zone::Zone {
        self.auth
            .as_ref()
            .map(|a| a.organization.time_zone)
            .unwrap_or_default()
    }

    pub fn actor(&self) -> havre_store::Actor {
        havre_store::Actor {
            organization_id: self.auth.as_ref().map(|a| a.user.organization_id),
            user_id: self.auth.as_ref().map(|a| a.user.id),
            ip: self.ip.clone(),
        }
    }
}

pub struct NavLink {
    pub key: &'static str,
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The frame of a page: what base.html needs.
pub struct Page {
    pub lang: Lang,
    pub title: String,
    pub csrf: String,
    pub path: String,
    pub nav: Vec<NavLink>,
    pub user_name: Option<String>,
    pub organization_name: Option<String>,
    pub errors: Vec<FieldError>,
    /// A message shown at the top (a success, a notice), already translated.
    pub notice: Option<String>,
    /// Whether the account decides on the emergency fund (its link is shown).
    pub decides_fund: bool,
    /// The organization's clock, by which instants are shown.
    pub zone: havre_domain::zone::Zone,
}

impl Page {
    /// A page titled by the translation of `title_key`.
    pub fn new(ctx: &RequestCtx, title_key: &str) -> Self {
        let (nav, user_name, organization_name) = match &ctx.auth {
            Some(auth) if auth.is_complete() => {
                let nav = navigation(&auth.user.roles)
                    .into_iter()
                    .map(|s| NavLink {
                        key: s.key(),
                        href: section_href(s),
                        label: t(ctx.lang, &format!("nav-{}", s.key())),
                        current: is_current(&ctx.path, s),
                    })
                    .collect();
                (
                    nav,
                    Some(auth.user.name.clone()),
                    Some(auth.organization.name.clone()),
                )
            }
            _ => (Vec::new(), None, None),
        };
        Page {
            lang: ctx.lang,
            title: t(ctx.lang, title_key),
            csrf: ctx.csrf.clone(),
            path: ctx.path.clone(),
            nav,
            user_name,
            organization_name,
            errors: Vec::new(),
            notice: None,
            zone: ctx.zone(),
            decides_fund: ctx.auth.as_ref().is_some_and(|a| {
                a.may(
                    havre_domain::policy::Action::Read,
                    &havre_domain::policy::Record::new(havre_domain::policy::RecordKind::Fund),
                )
            }),
        }
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }

    pub fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        t_args(self.lang, key, &[(name, value.to_string())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The other language, offered by the switch.
    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Fr => "en",
            Lang::En => "fr",
        }
    }

    /// The translated message for a field, if it has a problem: its messages one after the
    /// other when it has several (a password refused, why, and what to do instead).
    pub fn error_for(&self, field: &str) -> Option<String> {
        let messages: Vec<String> = self
            .errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| t(self.lang, e.message_key))
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// `aria-invalid` and `aria-describedby` for a field, so that screen readers announce the
    /// message with the field.
    pub fn invalid_attrs(&self, field: &str) -> String {
        if self.errors.iter().any(|e| e.field == field) {
            format!("aria-invalid=true aria-describedby=err-{field}")
        } else {
            String::new()
        }
    }

    /// An instant as users write it, on the organization's clock: 2024-03-31 13 h 30.
    pub fn date_time(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        self.zone.date_time(*at)
    }
}

pub fn section_href(section: NavSection) -> String {
    match section {
        NavSection::Home => "/".to_owned(),
        other => format!("/{}", other.key()),
    }
}

fn is_current(path: &str, section: NavSection) -> bool {
    match section {
        NavSection::Home => path == "/",
        // Groups, drop-ins and the fund are pages of direct help, beside the files.
        NavSection::Files => ["/files", "/groups", "/dropins", "/fund"]
            .iter()
            .any(|p| path.starts_with(p)),
        other => path.starts_with(&format!("/{}", other.key())),
    }
}

/// Renders a template into an HTML response.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => crate::WebError::from(e).into_response(),
    }
}
