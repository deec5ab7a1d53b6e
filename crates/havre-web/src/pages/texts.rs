//! The texts an organization publishes (docs/privacy.md "Service declaration and complaint
//! process"): written from Havre's model on `/privacy/texts`, published in numbered versions,
//! read on the public page and printed to be handed out.

use super::answered;
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use havre_domain::texts::TextKind;
use serde::Deserialize;

/// A published text as HTML: its Markdown rendered, any raw HTML in it left out, so that
/// what the team types is shown as text and never run.
pub fn html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, html::push_html};
    let events =
        Parser::new(markdown).filter(|e| !matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut out = String::new();
    push_html(&mut out, events);
    out
}

fn kind_of(key: &str) -> Result<TextKind, WebError> {
    TextKind::parse(key).ok_or(WebError::NotFound)
}

pub struct TextRow {
    pub key: &'static str,
    pub title: String,
    /// The current version, its number and day; none before the first.
    pub current: Option<(i32, String)>,
    /// What the form holds: the current version, or the model to start from.
    pub body: String,
    pub earlier: Vec<(i32, String)>,
}

#[derive(Template)]
#[template(path = "texts.html")]
struct TextsPage {
    page: Page,
    rows: Vec<TextRow>,
    public_path: String,
}

async fn texts_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    typed: Option<(TextKind, String)>,
) -> Result<Response, WebError> {
    let reader = auth.reader(ctx);
    let mut rows = Vec::new();
    for kind in TextKind::ALL.iter().copied() {
        let versions = state.store.text_versions(&reader, kind).await?;
        let body = match (&typed, versions.first()) {
            (Some((k, body)), _) if *k == kind => body.clone(),
            (_, Some(current)) => current.body.clone(),
            (_, None) => {
                state
                    .store
                    .text_model(auth.organization.id, kind, ctx.lang)
                    .await?
            }
        };
        let day =
            |v: &havre_store::texts::PublishedText| ctx.zone().day_of(v.published_at).to_string();
        rows.push(TextRow {
            key: kind.key(),
            title: t(ctx.lang, &format!("text-{}", kind.key())),
            current: versions.first().map(|v| (v.version, day(v))),
            earlier: versions
                .iter()
                .skip(1)
                .map(|v| (v.version, day(v)))
                .collect(),
            body,
        });
    }
    Ok(render(&TextsPage {
        page,
        rows,
        public_path: super::public::public_path(&auth.organization.slug),
    }))
}

/// The texts, each with its current version and the form to publish the next.
pub async fn texts(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::PublishTexts>,
) -> Result<Response, WebError> {
    texts_page(&state, &auth, &ctx, Page::new(&ctx, "texts-title"), None).await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct TextInput {
    pub body: String,
}

/// Publishes the next version of a text.
pub async fn publish(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::PublishTexts>,
    Path(kind): Path<String>,
    Form(input): Form<TextInput>,
) -> Result<Response, WebError> {
    let kind = kind_of(&kind)?;
    let result = state
        .store
        .publish_text(&auth.reader(&ctx), kind, &input.body)
        .await;
    answered(
        result,
        &ctx,
        "texts-title",
        |_| format!("/privacy/texts#text-{}", kind.key()),
        async |page| texts_page(&state, &auth, &ctx, page, Some((kind, input.body.clone()))).await,
    )
    .await
}
