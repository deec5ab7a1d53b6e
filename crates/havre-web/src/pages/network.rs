//! The network's page (docs/networks.md). For a network: its report of a year, every small
//! count kept back, and for its administrator the members and the import of a submission
//! sent as a file. For a member: what it shares with each of its networks, the preview of
//! its year, the approval that signs and sends it, and its public key.

use crate::AppState;
use crate::api::body::Form;
use crate::api::network::{compute, network_period, submission_download};
use crate::auth::{Require, perm};
use crate::csrf::CheckedMultipart;
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::i18n::{Lang, t, t_args};
use crate::page::{Page, render};
use crate::pages::reports::{SectionView, view};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use havre_domain::ids::{NetworkMemberId, NetworkShareId};
use havre_domain::network::{NetworkSection, Submission};
use havre_domain::policy::{Permission, allows};
use havre_domain::text::{format_count, format_minutes};
use havre_report::Period;
use havre_report::tables::Cell;
use havre_store::StoreError;
use havre_store::networks::{MemberForm, NetworkMember};
use serde::Deserialize;

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    from: String,
    to: String,
    /// Set after an approval: the submission reached the network on this Havre.
    sent: Option<String>,
}

impl YearQuery {
    fn period(&self, state: &AppState, ctx: &RequestCtx) -> Period {
        network_period(state, ctx, self.from.parse().ok(), self.to.parse().ok())
    }
}

/// The network's page, or a member's.
pub async fn network(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::SeeNetworkAggregates>,
    Query(query): Query<YearQuery>,
) -> Result<Response, WebError> {
    let notice = query.sent.as_ref().map(|_| t(ctx.lang, "network-sent"));
    let page = Page::new(&ctx, "nav-network").with_notice(notice);
    let period = query.period(&state, &ctx);
    if auth.organization.kind == "network" {
        network_page(&state, &auth, &ctx, page, period, None).await
    } else {
        member_page(&state, &auth, &ctx, page, period).await
    }
}

// ----- The network's side -----

/// A member's form, as typed.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct MemberInput {
    name: String,
    region: String,
    joined_on: String,
    left_on: String,
    opened_on: String,
    public_key: String,
    organization_slug: String,
}

impl MemberInput {
    fn form(&self) -> MemberForm {
        let day = |s: &str| s.trim().parse::<NaiveDate>().ok();
        MemberForm {
            name: self.name.clone(),
            region: self.region.clone(),
            joined_on: day(&self.joined_on),
            left_on: day(&self.left_on),
            opened_on: day(&self.opened_on),
            public_key: Some(self.public_key.clone()),
            organization_slug: Some(self.organization_slug.clone()),
        }
    }

    fn of(m: &NetworkMember) -> MemberInput {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        MemberInput {
            name: m.name.clone(),
            region: m.region.clone(),
            joined_on: m.joined_on.to_string(),
            left_on: day(m.left_on),
            opened_on: day(m.opened_on),
            public_key: m.public_key.clone().unwrap_or_default(),
            organization_slug: String::new(),
        }
    }
}

struct MemberRow {
    id: String,
    name: String,
    region: String,
    joined_on: String,
    opened_on: String,
    left_on: String,
    /// How its submissions come: on this Havre, by file with its key, or not yet possible.
    link: String,
}

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage {
    page: Page,
    heading: String,
    from: String,
    to: String,
    this_year: (String, String, String),
    last_year: (String, String, String),
    query: String,
    sections: Vec<SectionView>,
    /// The members and the forms, for the network's administrator.
    manages: bool,
    members: Vec<MemberRow>,
    member: MemberInput,
}

async fn network_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    period: Period,
    typed: Option<MemberInput>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let report = compute(state, auth, ctx, period, "page").await?;
    let sections = crate::sections::network_sections(&report, lang)
        .into_iter()
        .map(|s| SectionView {
            lead: s.lead,
            paragraphs: Vec::new(),
            refused: false,
            text: String::new(),
            key: s.key,
            title: s.title,
            tables: s.tables.into_iter().map(|t| view(t, lang)).collect(),
        })
        .collect();
    let manages = allows(&auth.user.roles, Permission::ManageNetwork);
    let members = if manages {
        state
            .store
            .network_members(&auth.reader(ctx))
            .await?
            .into_iter()
            .map(|m| MemberRow {
                link: t(
                    lang,
                    if m.on_this_havre {
                        "network-link-here"
                    } else if m.public_key.is_some() {
                        "network-link-file"
                    } else {
                        "network-link-none"
                    },
                ),
                id: m.id.to_string(),
                name: m.name,
                region: m.region,
                joined_on: m.joined_on.to_string(),
                opened_on: m.opened_on.map(|d| d.to_string()).unwrap_or_default(),
                left_on: m.left_on.map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let today = ctx.zone().day_of(state.store.now());
    let year = Period::reporting_year(today, ctx.year_start());
    let quick = |p: Period| (p.first.to_string(), p.last.to_string(), p.title());
    Ok(render(&NetworkPage {
        page,
        heading: format!(
            "{} — {}",
            report.network,
            t_args(lang, "report-heading", &[("period", period.title())])
        ),
        from: period.first.to_string(),
        to: period.last.to_string(),
        this_year: quick(year),
        last_year: quick(year.previous().unwrap_or(year)),
        query: format!("from={}&to={}", period.first, period.last),
        sections,
        manages,
        members,
        member: typed.unwrap_or_default(),
    }))
}

/// Adds a member.
pub async fn add_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    Form(input): Form<MemberInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .add_network_member(&auth.reader(&ctx), &input.form())
        .await;
    super::answered(
        result,
        &ctx,
        "nav-network",
        |_| "/network#members".to_owned(),
        async |page| {
            let period = network_period(&state, &ctx, None, None);
            network_page(&state, &auth, &ctx, page, period, Some(input.clone())).await
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "network_member.html")]
struct MemberPage {
    page: Page,
    id: String,
    member: MemberInput,
}

/// A member's form, to change it.
pub async fn member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    Path(id): Path<NetworkMemberId>,
) -> Result<Response, WebError> {
    let members = state.store.network_members(&auth.reader(&ctx)).await?;
    let m = members
        .iter()
        .find(|m| m.id == id)
        .ok_or(WebError::NotFound)?;
    Ok(render(&MemberPage {
        page: Page::new(&ctx, "network-member-title"),
        id: id.to_string(),
        member: MemberInput::of(m),
    }))
}

/// Changes a member.
pub async fn change_member(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    Path(id): Path<NetworkMemberId>,
    Form(input): Form<MemberInput>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .change_network_member(&auth.reader(&ctx), id, &input.form())
        .await;
    super::answered(
        result,
        &ctx,
        "network-member-title",
        |()| "/network#members".to_owned(),
        async |page| {
            Ok(render(&MemberPage {
                page,
                id: id.to_string(),
                member: input.clone(),
            }))
        },
    )
    .await
}

/// Imports a submission sent as a file (multipart; `CheckedMultipart` has checked the CSRF
/// token of its first field).
pub async fn import(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageNetwork>,
    multipart: Result<CheckedMultipart, WebError>,
) -> Result<Response, WebError> {
    let mut multipart = multipart?;
    let mut text = String::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(|_| WebError::Invalid(vec![]))?;
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    let result = state
        .store
        .receive_submission(&auth.reader(&ctx), &text)
        .await;
    match result {
        Ok(received) => {
            let page = Page::new(&ctx, "nav-network").with_notice(Some(t_args(
                ctx.lang,
                if received.replaced {
                    "network-received-replaced"
                } else {
                    "network-received"
                },
                &[("member", received.member.clone())],
            )));
            let period = Period {
                first: received.first,
                last: received.last,
            };
            network_page(&state, &auth, &ctx, page, period, None).await
        }
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "nav-network").with_errors(errors);
            let period = network_period(&state, &ctx, None, None);
            let mut response = network_page(&state, &auth, &ctx, page, period, None).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

// ----- A member's side -----

/// One network the member shares with: what, and the year's submission as it would go.
struct ShareView {
    id: Option<String>,
    network_member_id: String,
    network: String,
    /// Each part it may share: its key, its label, whether it is shared.
    sections: Vec<(String, String, bool)>,
    /// The year's figures as they would be sent: label and value.
    preview: Vec<(String, String)>,
    /// Sent on this Havre, or handed as a file.
    here: bool,
}

#[derive(Template)]
#[template(path = "network_shares.html")]
struct SharesPage {
    page: Page,
    heading: String,
    from: String,
    to: String,
    public_key: String,
    shares: Vec<ShareView>,
    /// The sections a new network may be given, unticked.
    all_sections: Vec<(String, String)>,
}

fn section_label(lang: Lang, s: NetworkSection) -> String {
    t(lang, &format!("network-section-{}", s.key()))
}

/// The figures of a submission, as the member reads them before approving.
fn preview_lines(submission: &Submission, lang: Lang) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let mut line = |key: &str, n: i64| lines.push((t(lang, key), format_count(n, lang)));
    if let Some(h) = &submission.figures.housing {
        line("network-apartments", h.apartments);
        line("network-rooms", h.rooms);
        line("figures-women", h.women);
        line("figures-children", h.children);
        line("figures-persons", h.persons);
        line("figures-entries", h.entries);
        line("figures-exits", h.exits);
        line("network-turned-away", h.turned_away);
    }
    for (key, cell) in havre_report::network::shared_lines(&submission.figures) {
        let value = match cell {
            Cell::Minutes(m) => format_minutes(m, lang),
            Cell::Count(n) => format_count(n, lang),
            _ => String::new(),
        };
        lines.push((t(lang, &key), value));
    }
    lines
}

async fn member_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    period: Period,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let reader = auth.reader(ctx);
    let mut shares = Vec::new();
    for share in state.store.network_shares(&reader).await? {
        let preview = match share.id {
            Some(id) if !share.sections.is_empty() => preview_lines(
                &state
                    .store
                    .submission_preview(&reader, id, period.first, period.last)
                    .await?,
                lang,
            ),
            _ => Vec::new(),
        };
        shares.push(ShareView {
            id: share.id.map(|id| id.to_string()),
            network_member_id: share
                .network_member_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            here: share.network_member_id.is_some(),
            network: share.network,
            sections: NetworkSection::ALL
                .iter()
                .map(|s| {
                    (
                        s.key().to_owned(),
                        section_label(lang, *s),
                        share.sections.contains(s),
                    )
                })
                .collect(),
            preview,
        });
    }
    Ok(render(&SharesPage {
        page,
        heading: t_args(lang, "report-heading", &[("period", period.title())]),
        from: period.first.to_string(),
        to: period.last.to_string(),
        public_key: state.store.public_key(&reader).await?,
        shares,
        all_sections: NetworkSection::ALL
            .iter()
            .map(|s| (s.key().to_owned(), section_label(lang, *s)))
            .collect(),
    }))
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ShareInput {
    network_member_id: String,
    network: String,
    sections: Vec<String>,
}

/// Says what the member shares with a network.
pub async fn share(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
    Form(input): Form<ShareInput>,
) -> Result<Response, WebError> {
    let sections: Vec<NetworkSection> = input
        .sections
        .iter()
        .filter_map(|k| NetworkSection::parse(k))
        .collect();
    let result = state
        .store
        .share_with_network(
            &auth.reader(&ctx),
            input.network_member_id.trim().parse().ok(),
            &input.network,
            &sections,
        )
        .await;
    super::answered(
        result,
        &ctx,
        "nav-network",
        |_| "/network".to_owned(),
        async |page| {
            let period = network_period(&state, &ctx, None, None);
            member_page(&state, &auth, &ctx, page, period).await
        },
    )
    .await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ApproveInput {
    from: String,
    to: String,
}

/// Approves the year's submission: sent to a network on this Havre, or given as a file.
pub async fn approve(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ShareWithNetwork>,
    Path(id): Path<NetworkShareId>,
    Form(input): Form<ApproveInput>,
) -> Result<Response, WebError> {
    let period = network_period(&state, &ctx, input.from.parse().ok(), input.to.parse().ok());
    let reader = auth.reader(&ctx);
    let here = state
        .store
        .network_shares(&reader)
        .await?
        .iter()
        .any(|s| s.id == Some(id) && s.network_member_id.is_some());
    let file = state
        .store
        .submit_to_network(&reader, id, period.first, period.last)
        .await?;
    if here {
        return Ok(Redirect::to(&format!(
            "/network?from={}&to={}&sent=1",
            period.first, period.last
        ))
        .into_response());
    }
    Ok(submission_download(&file, period.first))
}
