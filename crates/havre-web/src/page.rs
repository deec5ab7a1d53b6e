//! What every request and every page knows: the language, the account, the CSRF token, the
//! navigation.

use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{Lang, t, t_args};
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use havre_domain::policy::{NavSection, navigation};
use havre_store::FieldError;

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
    /// Problems whose message is already written, with what it names (a worker busy on
    /// another mission, and when): shown like the others, at their field.
    pub written_errors: Vec<(&'static str, String)>,
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
            written_errors: Vec::new(),
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

    /// A problem whose message is already written, at its field.
    pub fn with_written_error(mut self, field: &'static str, message: String) -> Self {
        self.written_errors.push((field, message));
        self
    }

    /// Every problem's message, in order: the summary at the top of a form.
    pub fn error_messages(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|e| t(self.lang, e.message_key))
            .chain(self.written_errors.iter().map(|(_, m)| m.clone()))
            .collect()
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

    /// A value after its label, with the colon as the language writes it: "Téléphone : …" in
    /// French, "Phone: …" in English.
    pub fn labelled(&self, label_key: &str, value: impl ToString) -> String {
        t_args(
            self.lang,
            "labelled",
            &[("label", self.t(label_key)), ("value", value.to_string())],
        )
    }

    /// The page's language as `<html lang>` declares it: fr, fr-FR or en.
    pub fn lang_code(&self) -> &'static str {
        self.lang.tag()
    }

    /// The other language, offered by the switch.
    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Fr | Lang::FrFr => "en",
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
            .chain(
                self.written_errors
                    .iter()
                    .filter(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone()),
            )
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || !self.written_errors.is_empty()
    }

    /// `aria-invalid` and `aria-describedby` for a field, so that screen readers announce the
    /// message with the field.
    pub fn invalid_attrs(&self, field: &str) -> String {
        if self.errors.iter().any(|e| e.field == field)
            || self.written_errors.iter().any(|(f, _)| *f == field)
        {
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
        // The pathways are the agenda's, in a care unit.
        NavSection::Agenda => ["/agenda", "/care"].iter().any(|p| path.starts_with(p)),
        other => path.starts_with(&format!("/{}", other.key())),
    }
}

/// Renders a template into an HTML response.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => crate::error::WebError::from(e).into_response(),
    }
}

/// Renders a pending error for the request it answers.
pub(crate) fn render_error(error: WebError, ctx: &RequestCtx) -> Response {
    let status = error.status();
    if ctx.is_api {
        let body = serde_json::to_vec(&crate::error::problem(&error, ctx.lang)).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        return response;
    }
    if status == StatusCode::UNAUTHORIZED {
        return axum::response::Redirect::to("/login").into_response();
    }
    if let WebError::SecondFactorRequired = error {
        return axum::response::Redirect::to("/account/totp").into_response();
    }
    error_page(ctx, &error)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    detail: String,
}

fn error_page(ctx: &RequestCtx, error: &WebError) -> Response {
    let kind = match error {
        WebError::NotFound => "not-found",
        WebError::Forbidden => "forbidden",
        WebError::AccessNeedsReason => "access-reason-required",
        WebError::Csrf => "csrf",
        WebError::Invalid(_) | WebError::InvalidAt(_) => "invalid",
        WebError::TooLarge => "too-large",
        WebError::MethodNotAllowed => "method-not-allowed",
        WebError::Unavailable => "unavailable",
        WebError::TooManyRequests => "too-many-requests",
        _ => "internal",
    };
    let page = Page::new(ctx, &format!("problem-{kind}"));
    let detail = page.t(&format!("problem-{kind}-detail"));
    let mut response = render(&ErrorPage { page, detail });
    *response.status_mut() = error.status();
    response
}
