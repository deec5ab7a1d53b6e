//! Importing the spreadsheets kept before Havre (docs/import.md): the upload, the columns
//! guessed and corrected, the preview with every problem at its cell, the import in one
//! transaction, and its undo. The coordinator's alone.

use super::intake::{Select, SelectOption};
use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::csrf::CheckedMultipart;
use crate::ctx::{Authenticated, RequestCtx};
use crate::error::WebError;
use crate::i18n::{t, t_args};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::ImportId;
use havre_domain::import::{
    CellError, ImportKind, ImportedAnimation, ImportedHours, ImportedMeeting, ImportedRequest,
    Mapping, Named, Sheet, Target, column_letter, guess, read_animations, read_help_requests,
    read_hours, read_meetings,
};
use havre_domain::meetings::MeetingKind;
use havre_store::StoreError;
use havre_store::imports::{Import, ImportOutcome, ImportStatus};
use std::collections::{HashMap, HashSet};

/// The rows shown in the preview; the problems are all listed, whatever their number.
const PREVIEW_ROWS: usize = 20;

/// Reads an uploaded spreadsheet: the first sheet of an XLSX, or a CSV (UTF-8, or Windows-1252
/// as a French Excel writes it; separated by semicolons or commas). The first row is the
/// headers. A problem is the key of the message that says it.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet, &'static str> {
    // An XLSX is a zip archive.
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    if file_name.to_lowercase().ends_with(".csv") || std::str::from_utf8(bytes).is_ok() {
        return read_csv(bytes);
    }
    Err("import-unreadable")
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, &'static str> {
    use calamine::{Data, Reader as _, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| "import-unreadable")?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("import-empty")?
        .map_err(|_| "import-unreadable")?;
    let text = |cell: &Data| match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_owned(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    };
    let mut rows = range.rows().map(|r| r.iter().map(text).collect::<Vec<_>>());
    let headers = rows.next().ok_or("import-empty")?;
    Ok(Sheet {
        headers,
        rows: rows.collect(),
    })
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, &'static str> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text.trim_start_matches('\u{feff}')),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
    };
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| "import-unreadable")?;
        rows.push(record.iter().map(str::to_owned).collect::<Vec<_>>());
    }
    if rows.is_empty() {
        return Err("import-empty");
    }
    let headers = rows.remove(0);
    Ok(Sheet { headers, rows })
}

pub struct ImportRow {
    pub id: ImportId,
    pub file_name: String,
    pub kind: String,
    pub status: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "imports.html")]
struct ImportsPage {
    page: Page,
    imports: Vec<ImportRow>,
    kinds: Select,
}

fn kinds(lang: crate::i18n::Lang) -> Select {
    Select {
        name: "kind",
        label: t(lang, "field-import_kind"),
        options: ImportKind::ALL
            .iter()
            .map(|k| SelectOption {
                value: k.key().to_owned(),
                label: t(lang, &format!("import_kind-{}", k.key())),
                selected: false,
            })
            .collect(),
    }
}

/// The imports made, and the form to upload a spreadsheet.
pub async fn list(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
) -> Result<Response, WebError> {
    imports_page(&state, &auth, &ctx, Page::new(&ctx, "imports-title")).await
}

async fn imports_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let imports = state
        .store
        .imports(auth.organization.id)
        .await?
        .into_iter()
        .map(|i| ImportRow {
            id: i.id,
            kind: t(lang, &format!("import_kind-{}", i.kind.key())),
            status: status_words(&i, &page),
            when: page.date_time(&i.created_at),
            file_name: i.file_name,
        })
        .collect();
    Ok(render(&ImportsPage {
        imports,
        kinds: kinds(lang),
        page,
    }))
}

fn status_words(i: &Import, page: &Page) -> String {
    match (i.status, i.imported_at, i.undone_at) {
        (ImportStatus::Imported, Some(at), _) => t_args(
            page.lang,
            "import-status-imported",
            &[
                (
                    "n",
                    havre_domain::text::format_count(i64::from(i.rows), page.lang),
                ),
                ("when", page.date_time(&at)),
            ],
        ),
        (ImportStatus::Undone, _, Some(at)) => t_args(
            page.lang,
            "import-status-undone",
            &[("when", page.date_time(&at))],
        ),
        _ => page.t("import-status-draft"),
    }
}

/// Receives a spreadsheet (multipart; `CheckedMultipart` has checked the CSRF token of its
/// first field) and keeps it as a draft with the columns guessed from its headers. A file
/// that cannot be read is said at its field and nothing is kept.
pub async fn upload(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
    multipart: Result<CheckedMultipart, WebError>,
) -> Result<Response, WebError> {
    let mut multipart = multipart?;
    let too_large =
        |e: &axum::extract::multipart::MultipartError| e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    let mut kind = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Err(e) if too_large(&e) => return Err(WebError::TooLarge),
            _ => break,
        };
        match field.name() {
            Some("kind") => kind = field.text().await.ok().and_then(|k| ImportKind::parse(&k)),
            Some("file") => {
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
            _ => {}
        }
    }
    let refused = |field, key| {
        let page = Page::new(&ctx, "imports-title")
            .with_errors(vec![havre_domain::validation::FieldError::new(field, key)]);
        (page, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let (kind, (name, bytes)) = match (kind, file.filter(|(_, b)| !b.is_empty())) {
        (Some(kind), Some(file)) => (kind, file),
        (None, _) => {
            let (page, status) = refused("kind", "field-required");
            return with_status(imports_page(&state, &auth, &ctx, page).await, status);
        }
        (_, None) => {
            let (page, status) = refused("file", "value-required");
            return with_status(imports_page(&state, &auth, &ctx, page).await, status);
        }
    };
    let sheet = match read_sheet(&name, &bytes) {
        Ok(sheet) => sheet,
        Err(key) => {
            let (page, status) = refused("file", key);
            return with_status(imports_page(&state, &auth, &ctx, page).await, status);
        }
    };
    let id = state
        .store
        .start_import(
            &ctx.actor(),
            auth.organization.id,
            kind,
            &name,
            &bytes,
            &guess(kind, &sheet.headers),
        )
        .await?;
    Ok(Redirect::to(&format!("/imports/{id}")).into_response())
}

fn with_status(
    response: Result<Response, WebError>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let mut response = response?;
    *response.status_mut() = status;
    Ok(response)
}

/// A field of the mapping: the column that fills it, to choose among the sheet's.
pub struct ColumnChoice {
    pub required: bool,
    pub select: Select,
}

/// A problem as the preview lists it.
pub struct ProblemRow {
    pub cell: String,
    pub field: String,
    pub value: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    page: Page,
    id: ImportId,
    file_name: String,
    draft: bool,
    /// Imported, so it can be undone.
    undoable: bool,
    status: String,
    columns: Vec<ColumnChoice>,
    headers: Vec<String>,
    /// The first rows, each cell with whether it has a problem.
    preview: Vec<(usize, Vec<(String, bool)>)>,
    problems: Vec<ProblemRow>,
    /// The rows, the rows ready and the problems, as counted on the page (2 000).
    rows: String,
    ready: String,
    problem_count: String,
    /// Whether every row read can be imported.
    importable: bool,
}

/// What a draft would import, as read with its mapping, with every problem.
struct Reading {
    sheet: Sheet,
    rows: Rows,
    problems: Vec<CellError>,
}

/// The rows of a sheet that can be imported, by kind.
enum Rows {
    Requests(Vec<ImportedRequest>),
    Meetings(Vec<ImportedMeeting>),
    Animations(Vec<ImportedAnimation>),
    Hours(Vec<ImportedHours>),
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Requests(r) => r.len(),
            Rows::Meetings(m) => m.len(),
            Rows::Animations(a) => a.len(),
            Rows::Hours(h) => h.len(),
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The kinds of meeting as a sheet may name them: their key, or their name in French (of
/// Québec or of France) or English, as Havre's pages write them.
fn meeting_kinds() -> Named<MeetingKind> {
    use crate::i18n::Lang;
    let mut kinds = Named::default();
    for kind in MeetingKind::ALL {
        let key = format!("meeting_kind-{}", kind.key());
        let names = [Lang::Fr, Lang::FrFr, Lang::En].map(|lang| t(lang, &key));
        kinds.add(kind, &[kind.key(), &names[0], &names[1], &names[2]]);
    }
    kinds
}

async fn reading(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    import: &Import,
) -> Result<Option<Reading>, WebError> {
    let Some(file) = &import.file else {
        return Ok(None);
    };
    let sheet = read_sheet(&import.file_name, file)
        .map_err(|key| WebError::Internal(format!("a kept import no longer reads: {key}")))?;
    let org = auth.organization.id;
    let today = state.store.today(&auth.reader(ctx)).await?;
    let (rows, mut problems) = match import.kind {
        ImportKind::HelpRequests => {
            let choices = state.store.import_choices(org).await?;
            let (requests, mut problems) =
                read_help_requests(&sheet, &import.mapping, &choices, today);
            problems.extend(
                state
                    .store
                    .import_duplicates(
                        org,
                        ctx.zone(),
                        &requests,
                        import.mapping.get(&Target::Name).copied(),
                    )
                    .await?,
            );
            let refused: HashSet<usize> = problems.iter().map(|p| p.row).collect();
            let requests = requests
                .into_iter()
                .filter(|r| !refused.contains(&r.row))
                .collect();
            (Rows::Requests(requests), problems)
        }
        ImportKind::Meetings => {
            let (meetings, mut problems) =
                read_meetings(&sheet, &import.mapping, &meeting_kinds(), today);
            let (placed, refused) = state
                .store
                .place_meetings(org, ctx.zone(), &meetings, &import.mapping)
                .await?;
            problems.extend(refused);
            let placed: HashSet<usize> = placed.iter().map(|p| p.meeting.row).collect();
            let meetings = meetings
                .into_iter()
                .filter(|m| placed.contains(&m.row))
                .collect();
            (Rows::Meetings(meetings), problems)
        }
        ImportKind::Animations => {
            let workshops = state.store.import_workshops(org).await?;
            let choices = state.store.import_choices(org).await?;
            let (animations, problems) =
                read_animations(&sheet, &import.mapping, &workshops, &choices, today);
            (Rows::Animations(animations), problems)
        }
        ImportKind::Hours => {
            let accounts = state.store.import_accounts(org).await?;
            let categories = state.store.import_categories(org).await?;
            let (hours, mut problems) =
                read_hours(&sheet, &import.mapping, &accounts, &categories, today);
            let over = state
                .store
                .hours_over_a_day(org, &hours, &import.mapping)
                .await?;
            let refused: HashSet<usize> = over.iter().map(|p| p.row).collect();
            problems.extend(over);
            let hours = hours
                .into_iter()
                .filter(|h| !refused.contains(&h.row))
                .collect();
            (Rows::Hours(hours), problems)
        }
    };
    problems.sort_by_key(|p| (p.row, p.column));
    Ok(Some(Reading {
        sheet,
        rows,
        problems,
    }))
}

/// A draft: the columns guessed, to correct, and the preview with every problem at its cell;
/// an import done: what it did, and its undo.
pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
    Path(id): Path<ImportId>,
) -> Result<Response, WebError> {
    import_page(&state, &auth, &ctx, id, Page::new(&ctx, "import-title")).await
}

async fn import_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    id: ImportId,
    page: Page,
) -> Result<Response, WebError> {
    let import = state.store.import(auth.organization.id, id).await?;
    let lang = ctx.lang;
    let reading = reading(state, auth, ctx, &import).await?;
    let (headers, columns, preview, problems, rows, ready) = match &reading {
        None => Default::default(),
        Some(r) => {
            let headers: Vec<String> = r
                .sheet
                .headers
                .iter()
                .enumerate()
                .map(|(c, h)| format!("{} · {h}", column_letter(c)))
                .collect();
            let columns = import
                .kind
                .targets()
                .iter()
                .map(|target| {
                    let chosen = import.mapping.get(target).copied();
                    let mut options = vec![SelectOption {
                        value: String::new(),
                        label: t(lang, "import-no-column"),
                        selected: chosen.is_none(),
                    }];
                    options.extend(headers.iter().enumerate().map(|(c, h)| SelectOption {
                        value: c.to_string(),
                        label: h.clone(),
                        selected: chosen == Some(c),
                    }));
                    ColumnChoice {
                        required: import.kind.requires(*target),
                        select: Select {
                            name: target.key(),
                            label: t(lang, &format!("import-target-{}", target.key())),
                            options,
                        },
                    }
                })
                .collect();
            let bad: HashMap<(usize, usize), ()> = r
                .problems
                .iter()
                .filter_map(|p| p.column.map(|c| ((p.row, c), ())))
                .collect();
            let preview = r
                .sheet
                .filled_rows()
                .take(PREVIEW_ROWS)
                .map(|row| {
                    let cells = (0..r.sheet.headers.len())
                        .map(|c| {
                            (
                                r.sheet.cell(row, c).to_owned(),
                                bad.contains_key(&(row + 2, c)),
                            )
                        })
                        .collect();
                    (row + 2, cells)
                })
                .collect();
            let problems: Vec<ProblemRow> = r
                .problems
                .iter()
                .map(|p| ProblemRow {
                    cell: p.cell(),
                    field: t(lang, &format!("import-target-{}", p.target.key())),
                    value: p
                        .column
                        .map(|c| r.sheet.cell(p.row - 2, c).to_owned())
                        .unwrap_or_default(),
                    message: t(lang, p.message_key),
                })
                .collect();
            (
                headers,
                columns,
                preview,
                problems,
                r.sheet.filled_rows().count(),
                r.rows.len(),
            )
        }
    };
    let count = |n: usize| havre_domain::text::format_count(n as i64, lang);
    Ok(render(&ImportPage {
        importable: problems.is_empty() && ready > 0,
        problem_count: count(problems.len()),
        rows: count(rows),
        ready: count(ready),
        status: status_words(&import, &page),
        id,
        draft: import.status == ImportStatus::Draft,
        undoable: import.status == ImportStatus::Imported,
        file_name: import.file_name,
        columns,
        headers,
        preview,
        problems,
        page,
    }))
}

/// Keeps the columns chosen: a field's select names the column that fills it, or none.
pub async fn map(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
    Path(id): Path<ImportId>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let kind = state.store.import(auth.organization.id, id).await?.kind;
    let mapping: Mapping = kind
        .targets()
        .iter()
        .filter_map(|t| {
            let column = form.get(t.key())?.trim().parse::<usize>().ok()?;
            Some((*t, column))
        })
        .collect();
    state
        .store
        .set_import_mapping(&ctx.actor(), auth.organization.id, id, &mapping)
        .await?;
    Ok(Redirect::to(&format!("/imports/{id}")).into_response())
}

/// Imports every row, in one transaction, when no row has a problem; otherwise nothing, and
/// the preview says why.
pub async fn confirm(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
    Path(id): Path<ImportId>,
) -> Result<Response, WebError> {
    let import = state.store.import(auth.organization.id, id).await?;
    let refused = |key| {
        Page::new(&ctx, "import-title").with_errors(vec![
            havre_domain::validation::FieldError::new("import", key),
        ])
    };
    let Some(reading) = reading(&state, &auth, &ctx, &import).await? else {
        let page = refused("import-not-a-draft");
        return with_status(
            import_page(&state, &auth, &ctx, id, page).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    if !reading.problems.is_empty() || reading.rows.is_empty() {
        let page = refused("import-has-problems");
        return with_status(
            import_page(&state, &auth, &ctx, id, page).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let (actor, org, zone) = (ctx.actor(), auth.organization.id, ctx.zone());
    let outcome = match reading.rows {
        Rows::Requests(requests) => {
            state
                .store
                .import_help_requests(&actor, org, id, zone, requests)
                .await?
        }
        Rows::Meetings(meetings) => {
            state
                .store
                .import_meetings(&actor, org, id, zone, meetings)
                .await?
        }
        Rows::Animations(animations) => {
            state
                .store
                .import_animations(&actor, org, id, zone, animations)
                .await?
        }
        Rows::Hours(hours) => state.store.import_hours(&actor, org, id, hours).await?,
    };
    match outcome {
        ImportOutcome::Imported { .. } => {
            Ok(Redirect::to(&format!("/imports/{id}")).into_response())
        }
        // Recorded by someone else between the preview and now: the preview shows them.
        ImportOutcome::Refused(_) => {
            let page = refused("import-has-problems");
            with_status(
                import_page(&state, &auth, &ctx, id, page).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

/// Undoes an import: every row it wrote is deleted, or none.
pub async fn undo(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
    Path(id): Path<ImportId>,
) -> Result<Response, WebError> {
    match state
        .store
        .undo_import(&ctx.actor(), auth.organization.id, id)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/imports/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => with_status(
            import_page(
                &state,
                &auth,
                &ctx,
                id,
                Page::new(&ctx, "import-title").with_errors(errors),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(e.into()),
    }
}

/// Drops a draft: nothing of it was written, and its file is gone.
pub async fn drop(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ImportRecords>,
    Path(id): Path<ImportId>,
) -> Result<Response, WebError> {
    state
        .store
        .drop_import(&ctx.actor(), auth.organization.id, id)
        .await?;
    Ok(Redirect::to("/imports").into_response())
}
