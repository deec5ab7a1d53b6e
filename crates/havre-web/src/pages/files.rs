//! The person file: the safe-contact banner first, then the episodes, the limits, the form to
//! record a meeting, the timeline, notes, attachments, relatives and caseworkers. A file that
//! is not hers opens only after she writes why; the coordinator sees those accesses.

use super::intake::{Boxes, Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::csrf::CheckedMultipart;
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::{AttachmentId, MeetingId, OrganizationId, PersonId, RelativeId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::meetings::{ClosingReason, LimitCheck, MeetingKind, MeetingTime, PlaceKind};
use havre_domain::policy::{Action, Record, RecordKind, Rights, may_be_given_files};
use havre_domain::text::format_minutes;
use havre_domain::validation::{FieldError, minutes};
use havre_domain::zone::Zone;
use havre_store::StoreError;
use havre_store::files::{Meetings, PersonFile, RELATIONS};
use havre_store::meetings::NewMeeting;
use serde::Deserialize;
use std::collections::HashMap;

pub struct FileRow {
    pub id: PersonId,
    pub name: String,
    pub status: String,
    pub last_meeting: String,
    pub near: String,
}

pub struct GrantRow {
    pub person_id: PersonId,
    pub person: String,
    pub user: String,
    pub reason: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "files.html")]
struct FilesPage {
    page: Page,
    mine: Vec<FileRow>,
    /// Every open file, for the coordinator.
    all: Option<Vec<FileRow>>,
    grants: Option<Vec<GrantRow>>,
}

/// The near-limit labels of a file, as "Suivi individuel : 14 / 15".
pub(crate) fn near_label(uses: &[havre_store::files::LimitUse], lang: crate::i18n::Lang) -> String {
    uses.iter()
        .map(|u| {
            t_args(
                lang,
                "limit-use",
                &[
                    ("kind", t(lang, &format!("meeting_kind-{}", u.kind.key()))),
                    ("used", u.used.to_string()),
                    ("limit", u.limit.to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(crate) fn file_rows(files: Vec<havre_store::files::FileSummary>, page: &Page) -> Vec<FileRow> {
    files
        .into_iter()
        .map(|f| FileRow {
            id: f.person_id,
            status: f
                .episode
                .as_ref()
                .map(|e| page.t(&format!("episode-{}", e.status)))
                .unwrap_or_default(),
            last_meeting: f
                .last_meeting_at
                .map(|at| page.date_time(&at))
                .unwrap_or_default(),
            near: near_label(&f.near_limits, page.lang),
            name: f.name,
        })
        .collect()
}

pub async fn list(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
) -> Result<Response, WebError> {
    let org = auth.organization.id;
    let page = Page::new(&ctx, "nav-files");
    let reader = auth.reader(&ctx);
    let mine = file_rows(state.store.files_of(&reader).await?, &page);
    let (all, grants) = if auth.may(Action::Oversee, &Record::new(RecordKind::PersonFile)) {
        let team = super::team_names(&state, org).await?;
        let since = state.store.now() - chrono::TimeDelta::days(30);
        let grants = state
            .store
            .access_grants(org, since)
            .await?
            .into_iter()
            .map(|g| GrantRow {
                person_id: g.person_id,
                person: g.person_name,
                user: team.get(&g.user_id).cloned().unwrap_or_default(),
                reason: g.reason,
                at: page.date_time(&g.granted_at),
            })
            .collect();
        (
            Some(file_rows(state.store.open_files(&reader).await?, &page)),
            Some(grants),
        )
    } else {
        (None, None)
    };
    Ok(render(&FilesPage {
        page,
        mine,
        all,
        grants,
    }))
}

pub struct EpisodeRow {
    pub sequence: i32,
    pub received: String,
    pub status: String,
    pub code: i32,
    pub started: String,
    pub closed: String,
}

pub struct LimitRow {
    pub label: String,
    pub near: bool,
}

pub struct TimelineRow {
    pub id: MeetingId,
    /// Whether the reader may take it back (she noted it, or she is the coordinator).
    pub removable: bool,
    pub when: String,
    pub kind: String,
    pub place: String,
    pub staff: String,
    pub duration: String,
    pub around: String,
    pub invested: String,
    pub over_limit_reason: Option<String>,
    /// "Service declaration (v3) and complaint process (v2) handed out."
    pub texts_given: Option<String>,
}

pub struct NoteRow {
    pub at: String,
    pub author: String,
    pub body: String,
    /// Who reads it, when it is not the whole team.
    pub scope: Option<String>,
}

/// One of her appointments, as her file lists it.
pub struct AppointmentRow {
    pub when: String,
    pub professional: String,
    pub room: String,
    pub status: String,
}

/// Where she is on one pathway, as her file shows it.
pub struct PathwayRow {
    pub enrolment_id: String,
    pub name: String,
    pub started: String,
    pub next: String,
    pub steps: Vec<(String, String)>,
    /// The steps not done yet, to note one done.
    pub to_do: Select,
}

/// The booking form, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct BookingForm {
    pub professional_id: String,
    pub room_id: String,
    /// Named apart from the meeting form's date and hour, on the same page.
    pub booking_date: String,
    pub booking_time: String,
    pub minutes: String,
    /// The step of a pathway she follows it is booked for.
    pub step_id: String,
}

pub struct AttachmentRow {
    pub id: AttachmentId,
    pub name: String,
    pub size: String,
    pub at: String,
}

/// The meeting form, as typed, shown back with the messages.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub date: String,
    pub time: String,
    pub duration: String,
    pub preparation: String,
    pub debrief: String,
    pub travel: String,
    pub over_limit_reason: String,
    /// The service declaration and complaint process handed out, ticked.
    #[serde(deserialize_with = "crate::api::body::ticked")]
    pub texts_given: bool,
    pub kind: String,
    pub place: String,
    pub place_id: String,
    pub relative_id: String,
    /// The team who met her, ticked.
    pub staff: Vec<String>,
}

/// Which of the file page's forms comes back with its problems, to be shown as typed.
pub(crate) enum Typed {
    Nothing,
    Meeting,
    Person(PersonForm),
    Booking(BookingForm),
}

#[derive(Template)]
#[template(path = "file.html")]
struct FilePage {
    page: Page,
    /// Said under the latest meetings when the file has more, with the link to all of them.
    more_meetings: Option<MoreMeetings>,
    id: PersonId,
    name: String,
    phone: Option<String>,
    birth_year: Option<String>,
    safe: havre_store::intake::SafeContact,
    access_until: Option<String>,
    episodes: Vec<EpisodeRow>,
    open: bool,
    limits: Vec<LimitRow>,
    kinds: Select,
    places: Select,
    partner_places: Select,
    relatives_select: Select,
    staff: Boxes,
    form: MeetingForm,
    /// The limit warning of the last meeting recorded, or of the form's kind.
    timeline: Vec<TimelineRow>,
    notes: Vec<NoteRow>,
    attachments: Vec<AttachmentRow>,
    relatives: Vec<String>,
    relations: Select,
    caseworkers: Vec<String>,
    team: Select,
    close_reasons: Select,
    reads: Option<Vec<(String, String, String)>>,
    fund_requests: Vec<FundRow>,
    /// Her stays in the houses, those the reader may read.
    stays: Vec<super::housing::StayRow>,
    purposes: Select,
    /// Whether the reader gives files (the coordinator).
    /// What she may do with this file.
    rights: Rights,
    /// Whether the reader reads the team's part of the file: the police officer on site
    /// and the reception read only what their profession reaches (docs/care.md).
    team_part: bool,
    appointments: Vec<AppointmentRow>,
    /// Whether she may book an appointment from the file.
    books: bool,
    /// Her pathways, when the reader's profession reads them.
    pathways: Vec<PathwayRow>,
    /// The pathways she may be put on; none offered when there is none or the reader may not.
    enrol_choice: Option<Select>,
    booking_steps: Select,
    booking: BookingForm,
    professionals: Select,
    rooms: Select,
    /// The scopes she may write a note under: a choice when there are several, none when
    /// she writes no note (the reception).
    note_scopes: Select,
    /// Who she is and how to reach her, as the rectification form shows it.
    person: PersonForm,
    /// Whether that form has a problem (it is then shown open).
    person_errors: bool,
}

/// The rectification form's values: what is on file, or what was typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub name: String,
    pub phone: String,
    pub birth_year: String,
    pub may_call: bool,
    pub may_leave_message: bool,
    pub may_say_our_name: bool,
    pub safe_hours: String,
    pub safe_number: String,
}

const PERSON_FIELDS: [&str; 5] = ["name", "phone", "birth_year", "safe_hours", "safe_number"];

/// A request to the emergency fund, on her file.
pub struct FundRow {
    pub when: String,
    pub amount: String,
    pub purpose: String,
    pub status: String,
    pub granted: String,
}

fn options<I: IntoIterator<Item = (String, String)>>(
    first: Option<String>,
    items: I,
    selected: &str,
) -> Vec<SelectOption> {
    first
        .map(|label| SelectOption {
            value: String::new(),
            label,
            selected: selected.is_empty(),
        })
        .into_iter()
        .chain(items.into_iter().map(|(value, label)| SelectOption {
            selected: value == selected,
            value,
            label,
        }))
        .collect()
}

/// The meetings the file page shows first; the link under them shows all of them. A file
/// followed for years has hundreds: the page stays light on a phone, and quick to build when
/// a whole network works on one instance (docs/benchmarks.md "Many at work on one instance").
const MEETINGS_SHOWN: Meetings = Meetings::Latest(25);

struct MoreMeetings {
    said: String,
    link: String,
}

/// How the file page is drawn, beyond the file: the page (its notice or its errors), the
/// meeting form as it comes back, what was typed in another of its forms, and how many
/// meetings to show.
struct FileView {
    page: Page,
    form: MeetingForm,
    typed: Typed,
    meetings: Meetings,
}

impl FileView {
    /// The forms empty, the latest meetings.
    fn new(page: Page) -> Self {
        FileView {
            page,
            form: MeetingForm::default(),
            typed: Typed::Nothing,
            meetings: MEETINGS_SHOWN,
        }
    }
}

/// The file page, for a file the reader may open (the read is audited by the store).
async fn file_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    person_id: PersonId,
    view: FileView,
) -> Result<Response, WebError> {
    let FileView {
        page,
        form,
        typed,
        meetings,
    } = view;
    let reader = auth.reader(ctx);
    // The page's lists, and what the store keeps for it, are read at one count of changes.
    let lists = state.store.lists_for(&reader).await?;
    let org = auth.organization.id;
    let file: PersonFile = state
        .store
        .person_file_showing(&reader, person_id, meetings)
        .await?;
    let rights = Rights::of(auth.actor(), &file.access.record(RecordKind::PersonFile));
    // Nothing sent: the meeting form ticks her who opens it.
    let ticked = matches!(typed, Typed::Nothing).then_some(auth.user.id);
    let sent_staff: Vec<UserId> = form.staff.iter().filter_map(|v| v.parse().ok()).collect();
    // The rectification form sent back with its problems shows what was typed.
    let (typed_person, booking) = match typed {
        Typed::Person(person) => (Some(person), BookingForm::default()),
        Typed::Booking(booking) => (None, booking),
        _ => (None, BookingForm::default()),
    };
    let lang = ctx.lang;
    let team = lists.team().await?;
    let names: HashMap<UserId, String> = team.iter().map(|u| (u.id, u.name.clone())).collect();
    let places = lists.values(ListKind::Place, true).await?;
    // Who read the file: the coordinator's question (docs/safety.md "Audit").
    let reads = if rights.oversee {
        Some(file_reads(state, org, person_id, &page, &names).await?)
    } else {
        None
    };
    let fund_requests = if file.team_part {
        fund_rows(state, &reader, person_id, &page).await?
    } else {
        Vec::new()
    };
    let professions = lists.values(ListKind::Profession, true).await?;
    let rooms = lists.values(ListKind::Room, true).await?;
    let by_id: HashMap<UserId, &havre_store::accounts::User> =
        team.iter().map(|u| (u.id, u)).collect();
    let appointments = file
        .appointments
        .iter()
        .map(|a| AppointmentRow {
            when: page.date_time(&a.starts_at),
            professional: super::care::professional_name(
                &by_id,
                &professions,
                a.professional_id,
                lang,
            ),
            room: a
                .room_id
                .map(|r| super::value_label(&rooms, r, lang))
                .unwrap_or_default(),
            status: t(lang, &format!("appointment_status-{}", a.status.key())),
        })
        .collect();
    let books = auth.may(Action::Create, &Record::new(RecordKind::Appointment));
    let on_file = state.store.pathways_on_file(&reader, person_id).await?;
    let may_enrol = auth.may(Action::Create, &file.access.record(RecordKind::Enrolment));
    let all_pathways = lists.pathways(&reader).await?;
    let open_pathways: Vec<_> = all_pathways
        .iter()
        .filter(|p| !p.retired && !p.steps.is_empty())
        .collect();
    let enrol_choice = (may_enrol && !open_pathways.is_empty()).then(|| Select {
        name: "pathway_id",
        label: t(lang, "field-pathway_id"),
        options: open_pathways
            .iter()
            .map(|p| SelectOption {
                value: p.id.to_string(),
                label: p.name.clone(),
                selected: false,
            })
            .collect(),
    });
    let mut booking_steps = vec![SelectOption {
        value: String::new(),
        label: t(lang, "step-none"),
        selected: booking.step_id.is_empty(),
    }];
    let pathways = on_file
        .iter()
        .map(|p| {
            let open = p.ended_on.is_none();
            let to_do: Vec<_> = p.steps.iter().filter(|s| s.done_on.is_none()).collect();
            if open {
                booking_steps.extend(to_do.iter().map(|s| SelectOption {
                    value: s.step.id.to_string(),
                    label: format!("{} — {}", p.name, s.step.name),
                    selected: booking.step_id == s.step.id.to_string(),
                }));
            }
            PathwayRow {
                enrolment_id: p.enrolment_id.to_string(),
                name: p.name.clone(),
                started: t_args(
                    lang,
                    "file-pathway-started",
                    &[("day", p.started_on.to_string())],
                ),
                next: match p.next() {
                    Some(s) => t_args(lang, "file-pathway-next", &[("step", s.step.name.clone())]),
                    None => t(lang, "file-pathway-done"),
                },
                steps: p
                    .steps
                    .iter()
                    .map(|s| {
                        (
                            s.step.name.clone(),
                            match s.done_on {
                                Some(d) => {
                                    t_args(lang, "file-step-done-on", &[("day", d.to_string())])
                                }
                                None => t(lang, "file-step-to-do"),
                            },
                        )
                    })
                    .collect(),
                to_do: Select {
                    name: "step_id",
                    label: t(lang, "field-step_id"),
                    options: if open && may_enrol {
                        to_do
                            .iter()
                            .map(|s| SelectOption {
                                value: s.step.id.to_string(),
                                label: s.step.name.clone(),
                                selected: false,
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                },
            }
        })
        .collect();
    let note_scopes = Select {
        name: "scope",
        label: t(lang, "field-note_scope"),
        options: file
            .note_scopes
            .iter()
            .map(|s| SelectOption {
                value: s.key().to_owned(),
                label: t(lang, &format!("note_scope-{}", s.key())),
                selected: *s == havre_domain::care::NoteScope::Team,
            })
            .collect(),
    };
    let stays = super::housing::file_stays(state, &reader, person_id, lang).await?;
    let more_meetings = (file.timeline.len() < file.meetings_count as usize).then(|| {
        let total = havre_domain::text::format_count(file.meetings_count.into(), lang);
        MoreMeetings {
            said: t_args(
                lang,
                "timeline-latest",
                &[
                    ("shown", file.timeline.len().to_string()),
                    ("total", total.clone()),
                ],
            ),
            link: t_args(lang, "timeline-all", &[("total", total)]),
        }
    });
    Ok(render(&FilePage {
        more_meetings,
        stays,
        id: person_id,
        name: file.name.clone(),
        phone: file.phone.clone(),
        birth_year: file.birth_year.clone(),
        safe: file.safe_contact.clone(),
        access_until: access_until(&file, &page),
        open: file.open_episode().is_some(),
        episodes: episodes(&file, &page),
        limits: limits(&file, lang),
        kinds: kind_select(lang, &form.kind),
        places: place_kind_select(lang, &form.place),
        partner_places: partner_place_select(lang, &places, &form.place_id),
        relatives_select: relative_select(lang, &file, &form.relative_id),
        staff: super::team_boxes(
            "staff",
            t(lang, "field-staff"),
            &team,
            ticked.is_none().then_some(&sent_staff[..]),
            auth.user.id,
        ),
        form,
        timeline: timeline(auth, &file, &page, &names, &places),
        notes: notes(&file, &page, &names),
        attachments: attachments(&file, &page),
        relatives: relatives(&file, lang),
        relations: relation_select(lang),
        caseworkers: caseworkers(&file, &names),
        team: team_select(lang, &team),
        close_reasons: close_reason_select(lang),
        reads,
        fund_requests,
        purposes: purpose_select(lang),
        rights,
        team_part: file.team_part,
        appointments,
        books,
        pathways,
        enrol_choice,
        booking_steps: Select {
            name: "step_id",
            label: t(lang, "field-booking_step"),
            options: booking_steps,
        },
        professionals: super::care::professional_select(
            lang,
            &team,
            &professions,
            &booking.professional_id,
        ),
        rooms: super::care::room_select(lang, &rooms, &booking.room_id),
        booking,
        note_scopes,
        person_errors: page.errors.iter().any(|e| PERSON_FIELDS.contains(&e.field)),
        person: typed_person.unwrap_or_else(|| person_form(&file)),
        page,
    }))
}

fn relative_name(file: &PersonFile, id: RelativeId) -> String {
    file.relatives
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.name.clone())
        .unwrap_or_default()
}

/// The meetings and accompaniments, newest first, each with whether the reader may take it back.
fn timeline(
    auth: &Authenticated,
    file: &PersonFile,
    page: &Page,
    names: &HashMap<UserId, String>,
    places: &[havre_store::lists::ListValue],
) -> Vec<TimelineRow> {
    let lang = page.lang;
    let minutes = |m: i32| format_minutes(m as i64, lang);
    file.timeline
        .iter()
        .map(|m| {
            let mut place = t(lang, &format!("place-{}", m.place_kind));
            if let Some(id) = m.place_id {
                place = format!("{place} ({})", super::value_label(places, id, lang));
            }
            let mut kind = t(lang, &format!("meeting_kind-{}", m.kind.key()));
            if let Some(r) = m.relative_id {
                kind = format!("{kind} : {}", relative_name(file, r));
            }
            TimelineRow {
                id: m.id,
                removable: auth.may(
                    Action::TakeBack,
                    &file
                        .access
                        .record(RecordKind::Meeting)
                        .noted_by(m.created_by.map(Into::into)),
                ),
                when: page.date_time(&m.held_at),
                kind,
                place,
                staff: m
                    .staff
                    .iter()
                    .filter_map(|id| names.get(id).cloned())
                    .collect::<Vec<_>>()
                    .join(", "),
                duration: minutes(m.time.duration),
                around: t_args(
                    lang,
                    "meeting-around",
                    &[
                        ("preparation", minutes(m.time.preparation)),
                        ("debrief", minutes(m.time.debrief)),
                        ("travel", minutes(m.time.travel)),
                    ],
                ),
                invested: minutes(m.time.invested()),
                over_limit_reason: m.over_limit_reason.clone(),
                texts_given: m
                    .texts_given
                    .as_deref()
                    .map(|given| texts_given(lang, given)),
            }
        })
        .collect()
}

fn episodes(file: &PersonFile, page: &Page) -> Vec<EpisodeRow> {
    let lang = page.lang;
    file.episodes
        .iter()
        .map(|e| EpisodeRow {
            sequence: e.sequence,
            received: page.date_time(&e.received_at),
            status: match &e.close_reason {
                Some(reason) if e.status == "closed" => format!(
                    "{} ({})",
                    t(lang, "episode-closed"),
                    t(lang, &format!("closing_reason-{reason}"))
                ),
                _ => t(lang, &format!("episode-{}", e.status)),
            },
            code: e.code,
            started: e
                .services_started_at
                .map(|at| page.date_time(&at))
                .unwrap_or_default(),
            closed: e
                .closed_at
                .map(|at| page.date_time(&at))
                .unwrap_or_default(),
        })
        .collect()
}

/// The meetings' limits: the open episode's, and each relative's.
fn limits(file: &PersonFile, lang: crate::i18n::Lang) -> Vec<LimitRow> {
    file.limits
        .iter()
        .map(|u| {
            let mut label = near_label(std::slice::from_ref(u), lang);
            if let Some(r) = u.relative_id {
                label = format!("{label} ({})", relative_name(file, r));
            }
            LimitRow {
                label,
                near: u.near(),
            }
        })
        .collect()
}

fn kind_select(lang: crate::i18n::Lang, selected: &str) -> Select {
    Select {
        name: "kind",
        label: t(lang, "field-meeting_kind"),
        options: options(
            None,
            MeetingKind::ALL.iter().map(|k| {
                (
                    k.key().to_owned(),
                    t(lang, &format!("meeting_kind-{}", k.key())),
                )
            }),
            selected,
        ),
    }
}

fn place_kind_select(lang: crate::i18n::Lang, selected: &str) -> Select {
    Select {
        name: "place",
        label: t(lang, "field-place_kind"),
        options: options(
            None,
            PlaceKind::ALL
                .iter()
                .map(|k| (k.key().to_owned(), t(lang, &format!("place-{}", k.key())))),
            selected,
        ),
    }
}

/// The partner places still in use.
fn partner_place_select(
    lang: crate::i18n::Lang,
    places: &[havre_store::lists::ListValue],
    selected: &str,
) -> Select {
    Select {
        name: "place_id",
        label: t(lang, "field-place_id"),
        options: options(
            Some(t(lang, "not-applicable")),
            places
                .iter()
                .filter(|p| !p.retired)
                .map(|p| (p.id.to_string(), super::value_label(places, p.id, lang))),
            selected,
        ),
    }
}

/// The relative a meeting may be with.
fn relative_select(lang: crate::i18n::Lang, file: &PersonFile, selected: &str) -> Select {
    Select {
        name: "relative_id",
        label: t(lang, "field-relative_id"),
        options: options(
            Some(t(lang, "not-applicable")),
            file.relatives
                .iter()
                .map(|r| (r.id.to_string(), r.name.clone())),
            selected,
        ),
    }
}

fn notes(file: &PersonFile, page: &Page, names: &HashMap<UserId, String>) -> Vec<NoteRow> {
    file.notes
        .iter()
        .map(|n| NoteRow {
            at: page.date_time(&n.created_at),
            author: n
                .author_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            body: n.body.clone(),
            scope: (n.scope != havre_domain::care::NoteScope::Team).then(|| {
                t_args(
                    page.lang,
                    "note-scope-is",
                    &[(
                        "scope",
                        t(page.lang, &format!("note_scope-{}", n.scope.key())),
                    )],
                )
            }),
        })
        .collect()
}

fn attachments(file: &PersonFile, page: &Page) -> Vec<AttachmentRow> {
    let lang = page.lang;
    file.attachments
        .iter()
        .map(|a| AttachmentRow {
            id: a.id,
            name: a.file_name.clone(),
            size: t_args(
                lang,
                "size-kb",
                &[(
                    "n",
                    havre_domain::text::format_count((a.size_bytes + 1023) / 1024, lang),
                )],
            ),
            at: page.date_time(&a.created_at),
        })
        .collect()
}

/// Her relatives, as "name (relation)".
fn relatives(file: &PersonFile, lang: crate::i18n::Lang) -> Vec<String> {
    file.relatives
        .iter()
        .map(|r| {
            format!(
                "{} ({})",
                r.name,
                t(lang, &format!("relation-{}", r.relation))
            )
        })
        .collect()
}

fn relation_select(lang: crate::i18n::Lang) -> Select {
    Select {
        name: "relation",
        label: t(lang, "field-relation"),
        options: options(
            None,
            RELATIONS
                .iter()
                .map(|r| (r.to_string(), t(lang, &format!("relation-{r}")))),
            "",
        ),
    }
}

fn caseworkers(file: &PersonFile, names: &HashMap<UserId, String>) -> Vec<String> {
    file.caseworkers
        .iter()
        .filter_map(|id| names.get(id).cloned())
        .collect()
}

/// Who the file may be given to: the active team who may be given files.
fn team_select(lang: crate::i18n::Lang, team: &[havre_store::accounts::User]) -> Select {
    Select {
        name: "user_id",
        label: t(lang, "field-user_id"),
        options: options(
            Some(t(lang, "choose")),
            team.iter()
                .filter(|u| u.active && may_be_given_files(&u.roles))
                .map(|u| (u.id.to_string(), u.name.clone())),
            "",
        ),
    }
}

fn close_reason_select(lang: crate::i18n::Lang) -> Select {
    Select {
        name: "reason",
        label: t(lang, "field-closing_reason"),
        options: options(
            None,
            ClosingReason::ALL.iter().map(|r| {
                (
                    r.key().to_owned(),
                    t(lang, &format!("closing_reason-{}", r.key())),
                )
            }),
            "",
        ),
    }
}

/// Who read the file, when, and how: the coordinator's part of the page.
async fn file_reads(
    state: &AppState,
    org: OrganizationId,
    person_id: PersonId,
    page: &Page,
    names: &HashMap<UserId, String>,
) -> Result<Vec<(String, String, String)>, WebError> {
    let lang = page.lang;
    Ok(state
        .store
        .file_reads(org, person_id)
        .await?
        .into_iter()
        .map(|e| {
            (
                page.date_time(&e.at),
                e.actor_id
                    .and_then(|id| names.get(&UserId::from(id)).cloned())
                    .unwrap_or_default(),
                t(
                    lang,
                    &format!("audit-action-{}", e.action.replace(['.', '_'], "-")),
                ),
            )
        })
        .collect())
}

/// Her requests to the emergency fund.
async fn fund_rows(
    state: &AppState,
    reader: &havre_store::files::Reader,
    person_id: PersonId,
    page: &Page,
) -> Result<Vec<FundRow>, WebError> {
    let lang = page.lang;
    let money = |c: i64| havre_domain::fund::format_amount(c, lang);
    Ok(state
        .store
        .fund_requests_of(reader, person_id)
        .await?
        .into_iter()
        .map(|e| FundRow {
            when: page.date_time(&e.at),
            amount: money(e.amount_cents),
            purpose: e
                .purpose
                .map(|p| t(lang, &format!("purpose-{p}")))
                .unwrap_or_default(),
            status: t(lang, &format!("fund-status-{}", e.status)),
            granted: e.granted_cents.map(money).unwrap_or_default(),
        })
        .collect())
}

fn purpose_select(lang: crate::i18n::Lang) -> Select {
    Select {
        name: "purpose",
        label: t(lang, "field-purpose"),
        options: options(
            None,
            havre_domain::fund::Purpose::ALL
                .iter()
                .map(|p| (p.key().to_owned(), t(lang, &format!("purpose-{}", p.key())))),
            "",
        ),
    }
}

/// Until when a file that is not hers stays open to her, after she wrote why.
fn access_until(file: &PersonFile, page: &Page) -> Option<String> {
    match file.access {
        havre_store::files::FileAccess::Exceptional { until } => Some(page.date_time(&until)),
        _ => None,
    }
}

/// The rectification form as on file.
fn person_form(file: &PersonFile) -> PersonForm {
    PersonForm {
        name: file.name.clone(),
        phone: file.phone.clone().unwrap_or_default(),
        birth_year: file.birth_year.clone().unwrap_or_default(),
        may_call: file.safe_contact.may_call,
        may_leave_message: file.safe_contact.may_leave_message,
        may_say_our_name: file.safe_contact.may_say_our_name,
        safe_hours: file.safe_contact.hours.clone(),
        safe_number: file.safe_contact.safe_number.clone(),
    }
}

/// The file page with its forms empty, under a page that may carry messages.
pub(crate) async fn file_page_with(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    person_id: PersonId,
    page: Page,
) -> Result<Response, WebError> {
    file_page(state, auth, ctx, person_id, FileView::new(page)).await
}

/// The file page again with the problems of a form sent and what was typed in it, answered
/// 422: nothing was changed.
async fn file_refused(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    person_id: PersonId,
    errors: Vec<havre_store::FieldError>,
    form: MeetingForm,
    typed: Typed,
) -> Result<Response, WebError> {
    let view = FileView {
        form,
        typed,
        ..FileView::new(Page::new(ctx, "file-title").with_errors(errors))
    };
    let mut response = file_page(state, auth, ctx, person_id, view).await?;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

#[derive(Template)]
#[template(path = "file_access.html")]
struct AccessPage {
    page: Page,
    id: PersonId,
    reason: String,
}

fn access_page(ctx: &RequestCtx, id: PersonId, reason: String, page: Option<Page>) -> Response {
    let page = page.unwrap_or_else(|| Page::new(ctx, "access-title"));
    let mut response = render(&AccessPage { page, id, reason });
    *response.status_mut() = StatusCode::FORBIDDEN;
    response
}

#[derive(Deserialize)]
pub struct Shown {
    /// Set after a meeting was recorded: what the limit said of it.
    recorded: Option<String>,
    /// Set after a note, an attachment, a relative… was added.
    saved: Option<String>,
    /// `all`: every meeting of the file, not only the latest.
    meetings: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Query(shown): Query<Shown>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let notice = match (shown.recorded.as_deref(), shown.saved.as_deref()) {
        (Some(limit), _) if limit.starts_with("last-") => Some(t_args(
            lang,
            "meeting-recorded-last",
            &[("limit", limit.trim_start_matches("last-").to_owned())],
        )),
        (Some(_), _) => Some(t(lang, "meeting-recorded")),
        (None, Some("note")) => Some(t(lang, "note-saved")),
        (None, Some("attachment")) => Some(t(lang, "attachment-saved")),
        (None, Some("fund")) => Some(t(lang, "fund-request-saved")),
        (None, Some("person")) => Some(t(lang, "person-saved")),
        (None, Some("removed")) => Some(t(lang, "meeting-removed")),
        (None, Some(_)) => Some(t(lang, "saved")),
        _ => None,
    };
    let page = Page::new(&ctx, "file-title").with_notice(notice);
    // A meeting is usually noted just after it: the form starts at today's date and hour.
    let now = ctx.zone().local(state.store.now());
    let form = MeetingForm {
        date: now.format("%Y-%m-%d").to_string(),
        time: now.format("%H:%M").to_string(),
        ..MeetingForm::default()
    };
    let meetings = if shown.meetings.as_deref() == Some("all") {
        Meetings::All
    } else {
        MEETINGS_SHOWN
    };
    let view = FileView {
        form,
        meetings,
        ..FileView::new(page)
    };
    // Not hers: the form asking why.
    match file_page(&state, &auth, &ctx, id, view).await {
        Err(WebError::AccessNeedsReason) => Ok(access_page(&ctx, id, String::new(), None)),
        other => other,
    }
}

/// Why a file is opened, or closed, as given.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ReasonForm {
    reason: String,
}

/// Opens a file that is not hers, for a written reason.
pub async fn open_with_reason(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(ReasonForm { reason }): Form<ReasonForm>,
) -> Result<Response, WebError> {
    match state
        .store
        .open_file_with_reason(&auth.reader(&ctx), id, &reason)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/files/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "access-title").with_errors(errors);
            let mut response = access_page(&ctx, id, reason, Some(page));
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// A meeting from the file page's form, or the problems found before the store is asked.
pub(crate) fn meeting_from_form(
    form: &MeetingForm,
    zone: Zone,
) -> Result<NewMeeting, Vec<FieldError>> {
    let mut problems = Vec::new();
    let kind = MeetingKind::parse(&form.kind);
    if kind.is_none() {
        problems.push(FieldError::new("kind", "value-not-in-list"));
    }
    let place = PlaceKind::parse(&form.place);
    if place.is_none() {
        problems.push(FieldError::new("place", "value-not-in-list"));
    }
    let held_at = zone.parse_local(&form.date, &form.time);
    if held_at.is_none() {
        problems.push(FieldError::new("date", "date-time-required"));
    }
    let time = MeetingTime {
        duration: minutes(&form.duration, "duration", false, &mut problems),
        preparation: minutes(&form.preparation, "preparation", true, &mut problems),
        debrief: minutes(&form.debrief, "debrief", true, &mut problems),
        travel: minutes(&form.travel, "travel", true, &mut problems),
    };
    let staff = form.staff.iter().filter_map(|v| v.parse().ok()).collect();
    match (kind, place, held_at) {
        (Some(kind), Some(place), Some(held_at)) if problems.is_empty() => Ok(NewMeeting {
            kind,
            held_at,
            place,
            place_id: form.place_id.parse().ok(),
            time,
            staff,
            relative_id: form.relative_id.parse().ok(),
            over_limit_reason: Some(form.over_limit_reason.clone()),
            texts_given: form.texts_given,
        }),
        _ => Err(problems),
    }
}

/// Records a meeting from the file page.
pub async fn record_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<MeetingForm>,
) -> Result<Response, WebError> {
    let reader = auth.reader(&ctx);
    let result = match meeting_from_form(&form, ctx.zone()) {
        Ok(new) => state.store.record_meeting(&reader, id, new).await,
        Err(problems) => {
            // A file she may not open answers as such before any message about the form.
            state.store.person_file(&reader, id).await?;
            Err(StoreError::Invalid(problems))
        }
    };
    match result {
        Ok(recorded) => {
            let flag = match recorded.limit {
                LimitCheck::Last { limit } => format!("last-{limit}"),
                _ => "ok".to_owned(),
            };
            Ok(Redirect::to(&format!("/files/{id}?recorded={flag}#timeline")).into_response())
        }
        Err(StoreError::Invalid(errors)) => {
            file_refused(&state, &auth, &ctx, id, errors, form, Typed::Meeting).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Takes back a meeting noted in error.
pub async fn remove_meeting(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, meeting_id)): Path<(PersonId, MeetingId)>,
) -> Result<Response, WebError> {
    state
        .store
        .remove_meeting(&auth.reader(&ctx), id, meeting_id)
        .await?;
    Ok(Redirect::to(&format!("/files/{id}?saved=removed#timeline")).into_response())
}

/// Rectifies who she is and how to reach her.
pub async fn update_person(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(f): Form<PersonForm>,
) -> Result<Response, WebError> {
    let reader = auth.reader(&ctx);
    state.store.may_open_file(&reader, id).await?;
    let birth_year = f.birth_year.trim();
    let result = match (birth_year.is_empty(), birth_year.parse::<i32>()) {
        (false, Err(_)) => Err(StoreError::invalid("birth_year", "field-invalid")),
        (_, parsed) => {
            state
                .store
                .update_person(
                    &reader,
                    id,
                    havre_store::files::PersonChanges {
                        name: f.name.clone(),
                        phone: Some(f.phone.clone()),
                        birth_year: parsed.ok(),
                        safe_contact: havre_store::intake::SafeContact {
                            may_call: f.may_call,
                            may_leave_message: f.may_leave_message,
                            may_say_our_name: f.may_say_our_name,
                            hours: f.safe_hours.clone(),
                            safe_number: f.safe_number.clone(),
                        },
                    },
                )
                .await
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/files/{id}?saved=person")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            file_refused(
                &state,
                &auth,
                &ctx,
                id,
                errors,
                MeetingForm::default(),
                Typed::Person(f),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Answers a small form of the file page: back to the file, or the file with the message.
async fn after_form(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: PersonId,
    result: Result<(), StoreError>,
    saved: &str,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/files/{id}?saved={saved}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            file_refused(
                state,
                auth,
                ctx,
                id,
                errors,
                MeetingForm::default(),
                Typed::Nothing,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// A pathway to put her on, or a step of hers done, as chosen.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PathwayForm {
    pathway_id: String,
    started_on: String,
    enrolment_id: String,
    step_id: String,
    done_on: String,
}

/// Puts her on a pathway.
pub async fn enrol(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<PathwayForm>,
) -> Result<Response, WebError> {
    state.store.may_open_file(&auth.reader(&ctx), id).await?;
    let result = state
        .store
        .enrol_in_pathway(
            &auth.reader(&ctx),
            id,
            form.pathway_id.parse().ok(),
            crate::api::body::optional(&form.started_on).ok().flatten(),
        )
        .await
        .map(|_| ());
    after_form(&state, &auth, &ctx, id, result, "pathway").await
}

/// Notes a step of her pathway done.
pub async fn complete_step(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<PathwayForm>,
) -> Result<Response, WebError> {
    state.store.may_open_file(&auth.reader(&ctx), id).await?;
    // Her own enrolment, or nothing: another file's is not found from hers.
    let enrolment = state
        .store
        .pathways_on_file(&auth.reader(&ctx), id)
        .await?
        .into_iter()
        .find(|p| p.enrolment_id.to_string() == form.enrolment_id)
        .ok_or(WebError::NotFound)?;
    let result = state
        .store
        .complete_step(
            &auth.reader(&ctx),
            enrolment.enrolment_id,
            form.step_id.parse().ok(),
            crate::api::body::optional(&form.done_on).ok().flatten(),
        )
        .await
        .map(|_| ());
    after_form(&state, &auth, &ctx, id, result, "step").await
}

/// A note, as written, and who may read it.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    body: String,
    scope: String,
}

/// Her next appointment, booked from her file (docs/care.md).
pub async fn book_appointment(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<BookingForm>,
) -> Result<Response, WebError> {
    // Checked first, so that another organization's file answers 404 before any message.
    state.store.may_open_file(&auth.reader(&ctx), id).await?;
    let mut problems = Vec::new();
    let professional_id = form.professional_id.parse().ok();
    if professional_id.is_none() {
        problems.push(FieldError::new("professional_id", "value-required"));
    }
    let room_id = crate::api::body::optional(&form.room_id).unwrap_or_else(|_| {
        problems.push(FieldError::new("room_id", "value-not-in-list"));
        None
    });
    let step_id = crate::api::body::optional(&form.step_id).unwrap_or_else(|_| {
        problems.push(FieldError::new("step_id", "value-not-in-list"));
        None
    });
    let minutes = form.minutes.trim().parse::<i32>().unwrap_or_else(|_| {
        problems.push(FieldError::new("minutes", "appointment-minutes-invalid"));
        0
    });
    let result = match professional_id {
        Some(professional_id) if problems.is_empty() => state
            .store
            .book_appointment(
                &auth.reader(&ctx),
                havre_store::care::NewAppointment {
                    person_id: id,
                    professional_id,
                    room_id,
                    starts_at: ctx
                        .zone()
                        .parse_local(&form.booking_date, &form.booking_time),
                    minutes,
                    step_id,
                },
            )
            .await
            .map(|_| ()),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(
            Redirect::to(&format!("/files/{id}?saved=appointment#appointments")).into_response(),
        ),
        Err(StoreError::Invalid(errors)) => {
            file_refused(
                &state,
                &auth,
                &ctx,
                id,
                errors,
                MeetingForm::default(),
                Typed::Booking(form),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add_note(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(NoteForm { body, scope }): Form<NoteForm>,
) -> Result<Response, WebError> {
    // An empty choice is the team's; one that is not a scope is refused at its field.
    let scope = match scope.as_str() {
        "" => Some(havre_domain::care::NoteScope::Team),
        key => havre_domain::care::NoteScope::parse(key),
    };
    let Some(scope) = scope else {
        let result = Err(StoreError::invalid("scope", "value-not-in-list"));
        return after_form(&state, &auth, &ctx, id, result, "note").await;
    };
    let result = state
        .store
        .add_note(&auth.reader(&ctx), id, &body, scope)
        .await
        .map(|_| ());
    after_form(&state, &auth, &ctx, id, result, "note").await
}

/// A relative of hers, as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct RelativeForm {
    relative_name: String,
    relation: String,
}

pub async fn add_relative(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<RelativeForm>,
) -> Result<Response, WebError> {
    let result = state
        .store
        .add_relative(&auth.reader(&ctx), id, &form.relative_name, &form.relation)
        .await
        .map(|_| ());
    after_form(&state, &auth, &ctx, id, result, "relative").await
}

/// The caseworker chosen for a file.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    user_id: String,
}

pub async fn assign(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<AssignForm>,
) -> Result<Response, WebError> {
    let result = match form.user_id.parse() {
        Ok(user_id) => {
            state
                .store
                .assign_caseworker(&auth.reader(&ctx), id, user_id)
                .await
        }
        Err(_) => state
            .store
            .person_file(&auth.reader(&ctx), id)
            .await
            .and(Err(StoreError::invalid("user_id", "value-required"))),
    };
    after_form(&state, &auth, &ctx, id, result, "caseworker").await
}

pub async fn close(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, WebError> {
    let reason = ClosingReason::parse(&form.reason);
    let result = state
        .store
        .close_episode(&auth.reader(&ctx), id, reason)
        .await;
    after_form(&state, &auth, &ctx, id, result, "closed").await
}

/// Attaches a document sent from the file page (multipart; `CheckedMultipart` has checked the
/// CSRF token of its first field).
pub async fn upload(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path(id): Path<PersonId>,
    multipart: Result<CheckedMultipart, WebError>,
) -> Result<Response, WebError> {
    // A refused token answers first; then a file she may not open answers as such before
    // anything about the upload.
    if let Err(WebError::Csrf) = multipart {
        return Err(WebError::Csrf);
    }
    state.store.may_open_file(&auth.reader(&ctx), id).await?;
    let mut multipart = multipart.map_err(|_| {
        WebError::Invalid(vec![havre_store::FieldError {
            field: "file",
            message_key: "value-required",
        }])
    })?;
    // A body over the limit is refused as such; another broken body ends the form there.
    let too_large =
        |e: &axum::extract::multipart::MultipartError| e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Err(e) if too_large(&e) => return Err(WebError::TooLarge),
            _ => break,
        };
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|e| {
                if too_large(&e) {
                    WebError::TooLarge
                } else {
                    WebError::Invalid(vec![])
                }
            })?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    let result = state
        .store
        .add_attachment(&auth.reader(&ctx), id, &name, &bytes)
        .await
        .map(|_| ());
    after_form(&state, &auth, &ctx, id, result, "attachment").await
}

/// Serves an attachment as a download, never rendered in Havre's origin.
pub async fn download(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ReadAssignedFiles>,
    Path((id, attachment_id)): Path<(PersonId, AttachmentId)>,
) -> Result<Response, WebError> {
    let content = state
        .store
        .attachment(&auth.reader(&ctx), id, attachment_id)
        .await?;
    Ok(crate::api::files::attachment_response(content))
}

/// The texts a meeting records as handed out, as the timeline says it: each with its version.
fn texts_given(lang: crate::i18n::Lang, given: &str) -> String {
    let texts: Vec<String> = given
        .split(',')
        .filter_map(|t| t.split_once(':'))
        .map(|(kind, version)| {
            crate::i18n::t_args(
                lang,
                "text-with-version",
                &[
                    ("text", crate::i18n::t(lang, &format!("text-{kind}"))),
                    ("version", version.to_owned()),
                ],
            )
        })
        .collect();
    crate::i18n::t_args(lang, "meeting-texts-given", &[("texts", texts.join(", "))])
}
