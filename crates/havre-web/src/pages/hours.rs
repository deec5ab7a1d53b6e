//! The hours page: a worker's (or a volunteer's) weekly timesheet, categories by service area
//! down the side and the days of the week across, what she already logged, and for those who
//! run reports the year's hours per service area.

use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::Authenticated;
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::t;
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use havre_domain::hours::parse_duration;
use havre_domain::ids::{HourCategoryId, TrainingReceivedId};
use havre_domain::policy::{Action, Record, RecordKind};
use havre_domain::text::{format_minutes, in_lang};
use havre_domain::validation::FieldError;
use havre_store::StoreError;
use havre_store::hours::Cell;
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::{BTreeMap, HashMap};

pub struct GridCell {
    pub name: String,
    pub label: String,
    pub value: String,
    /// The minutes the cell held when the form was shown, sent back to catch a week changed
    /// meanwhile in another window.
    pub was: String,
    pub was_name: String,
    /// The cell does not read as a length.
    pub invalid: bool,
}

/// The rows of one service area: a table body of their own, under the area's title.
pub struct AreaBlock {
    pub title: String,
    pub rows: Vec<GridRow>,
}

pub struct GridRow {
    pub index: usize,
    pub category_id: HourCategoryId,
    pub label: String,
    pub cells: Vec<GridCell>,
    /// What she already logged on this category this week.
    pub logged: String,
}

pub struct AreaRow {
    pub area: String,
    pub hours: String,
}

#[derive(Template)]
#[template(path = "hours.html")]
struct HoursPage {
    page: Page,
    week: String,
    /// The week's Monday, sent back with the timesheet.
    monday: String,
    previous: String,
    next: String,
    days: Vec<String>,
    blocks: Vec<AreaBlock>,
    /// Whether the reader may record the team's trainings received.
    team: bool,
    day_totals: Vec<String>,
    week_total: String,
    areas: Option<Vec<AreaRow>>,
    year: String,
    received: Vec<ReceivedRow>,
    received_form: ReceivedForm,
    /// The timesheet's problems (the training form shows its own at its fields).
    timesheet_errors: Vec<String>,
}

/// A training the team received, as listed.
pub struct ReceivedRow {
    pub id: TrainingReceivedId,
    /// She noted it, or she runs the reports: she may take it back.
    pub removable: bool,
    pub day: String,
    pub title: String,
    pub trainer: String,
    pub hours: String,
    pub workers: i32,
}

/// The training-received form, as typed; its fields are named `r_…` on the page, beside the
/// timesheet's.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ReceivedForm {
    #[serde(rename = "r_day")]
    pub day: String,
    #[serde(rename = "r_title")]
    pub title: String,
    #[serde(rename = "r_trainer")]
    pub trainer: String,
    #[serde(rename = "r_length")]
    pub length: String,
    #[serde(rename = "r_workers")]
    pub workers: String,
}

#[derive(Deserialize)]
pub struct Week {
    /// Any day of the week shown; this week when absent.
    week: Option<NaiveDate>,
}

/// The Monday of a day's week, the day kept between 2000 and 2100 so that no date arithmetic
/// can leave chrono's range.
fn monday_of(day: NaiveDate) -> NaiveDate {
    let low = NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default();
    let high = NaiveDate::from_ymd_opt(2100, 12, 27).unwrap_or_default();
    let day = day.clamp(low, high);
    day - chrono::Days::new(day.weekday().num_days_from_monday() as u64)
}

/// A timesheet as she sent it, by category and day rather than by row: shown again after a
/// problem, each value stays on its category even if the list of categories changed meanwhile.
#[derive(Default)]
pub struct TypedGrid {
    /// What she typed in each cell, and what the cell held when her form was shown.
    cells: HashMap<(HourCategoryId, usize), (String, String)>,
    /// The cells that do not read as a length.
    bad: Vec<(HourCategoryId, usize)>,
}

/// The timesheet's form: the week, and its grid.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct TimesheetForm {
    week: String,
    #[serde(flatten)]
    rows: GridRows,
}

/// The grid's fields by row, as the page numbers them: `c_i` names row i's category, `m_i_d`
/// and `o_i_d` its cell of day d as typed and as it was.
#[derive(Default)]
pub struct GridRows(BTreeMap<usize, GridRowForm>);

#[derive(Default)]
pub struct GridRowForm {
    category: String,
    typed: [String; 7],
    was: [String; 7],
}

impl GridRows {
    /// Where a field goes: its row, and its day with whether it is the cell as it was; no day
    /// for the row's category. None for a field of no row.
    fn place(key: &str) -> Option<(usize, Option<(bool, usize)>)> {
        let cell = |rest: &str, was: bool| {
            let (index, d) = rest.split_once('_')?;
            let d = d.parse::<usize>().ok().filter(|d| *d < 7)?;
            Some((index.parse().ok()?, Some((was, d))))
        };
        if let Some(index) = key.strip_prefix("c_") {
            Some((index.parse().ok()?, None))
        } else if let Some(rest) = key.strip_prefix("m_") {
            cell(rest, false)
        } else {
            cell(key.strip_prefix("o_")?, true)
        }
    }
}

impl<'de> Deserialize<'de> for GridRows {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = GridRows;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the timesheet's cells")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GridRows, A::Error> {
                let mut rows = GridRows::default();
                while let Some(key) = map.next_key::<String>()? {
                    match GridRows::place(&key) {
                        Some((index, cell)) => {
                            let row = rows.0.entry(index).or_default();
                            let slot = match cell {
                                None => &mut row.category,
                                Some((false, d)) => &mut row.typed[d],
                                Some((true, d)) => &mut row.was[d],
                            };
                            *slot = map.next_value()?;
                        }
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(rows)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

impl TypedGrid {
    /// The grid as sent, by category and day; a row whose category does not read is left out.
    fn read(rows: GridRows) -> Self {
        let mut cells = HashMap::new();
        for row in rows.0.into_values() {
            let Ok(category) = row.category.parse::<HourCategoryId>() else {
                continue;
            };
            for (d, (typed, was)) in row.typed.into_iter().zip(row.was).enumerate() {
                cells.insert((category, d), (typed, was));
            }
        }
        TypedGrid {
            cells,
            bad: Vec::new(),
        }
    }
}

/// The hours page. `grid` is the timesheet as she sent it when it is shown again after a
/// problem; otherwise every cell shows what is stored. `received` is the training-received
/// form as typed.
async fn hours_page(
    state: &AppState,
    auth: &Authenticated,
    ctx: &RequestCtx,
    page: Page,
    monday: NaiveDate,
    grid: Option<&TypedGrid>,
    typed: Option<ReceivedForm>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let org = auth.organization.id;
    let reader = auth.reader(ctx);
    let sunday = monday + chrono::Days::new(6);
    let logged = state.store.my_hours(&reader, monday, sunday).await?;
    let categories = week_categories(state, org, &logged).await?;
    let day_labels = day_labels(monday, lang);
    let sums = WeekSums::of(&logged, monday);
    let blocks = grid_blocks(&categories, &sums, &day_labels, grid, lang);
    let (first, last) = ctx.year_start().year_of(monday);
    let areas = if auth.may(Action::Read, &Record::new(RecordKind::Report)) {
        Some(area_rows(state, org, first, last, lang).await?)
    } else {
        None
    };
    let received = received_rows(state, auth, first, last, lang).await?;
    let received_form = received_form(state, ctx, typed);
    let timesheet_errors = page
        .errors
        .iter()
        .filter(|e| !e.field.starts_with("r_"))
        .map(|e| t(lang, e.message_key))
        .collect();
    let team = auth.may(Action::Create, &Record::new(RecordKind::TrainingReceived));
    let per_day = sums.per_day;
    Ok(render(&HoursPage {
        team,
        blocks,
        timesheet_errors,
        received,
        received_form,
        week: crate::i18n::t_args(
            lang,
            "week-of",
            &[("date", monday.format("%Y-%m-%d").to_string())],
        ),
        monday: monday.to_string(),
        previous: (monday - chrono::Days::new(7)).to_string(),
        next: (monday + chrono::Days::new(7)).to_string(),
        days: day_labels,
        day_totals: per_day.iter().map(|m| format_minutes(*m, lang)).collect(),
        week_total: format_minutes(per_day.iter().sum(), lang),
        year: format!("{}-{}", first.format("%Y"), last.format("%Y")),
        page,
        areas,
    }))
}

/// The offered categories, and a retired one only where she logged hours this week: she
/// sees them, and may clear them.
async fn week_categories(
    state: &AppState,
    org: havre_domain::ids::OrganizationId,
    logged: &[havre_store::hours::Entry],
) -> Result<Vec<havre_store::hours::HourCategory>, WebError> {
    Ok(state
        .store
        .hour_categories(org, true)
        .await?
        .into_iter()
        .filter(|c| c.recorded.is_none())
        .filter(|c| !c.retired || logged.iter().any(|e| e.category_id == c.id))
        .collect())
}

/// The week's days as the grid heads them: "Lundi 03".
fn day_labels(monday: NaiveDate, lang: crate::i18n::Lang) -> Vec<String> {
    let day_names = [
        "day-monday",
        "day-tuesday",
        "day-wednesday",
        "day-thursday",
        "day-friday",
        "day-saturday",
        "day-sunday",
    ];
    let days: Vec<NaiveDate> = (0..7).map(|i| monday + chrono::Days::new(i)).collect();
    days.iter()
        .zip(day_names)
        .map(|(d, n)| format!("{} {}", t(lang, n), d.format("%d")))
        .collect()
}

/// The minutes she logged this week, by category, by cell and by day.
struct WeekSums {
    per_category: HashMap<HourCategoryId, i64>,
    per_cell: HashMap<(HourCategoryId, usize), i64>,
    per_day: [i64; 7],
}

impl WeekSums {
    fn of(logged: &[havre_store::hours::Entry], monday: NaiveDate) -> WeekSums {
        let mut sums = WeekSums {
            per_category: HashMap::new(),
            per_cell: HashMap::new(),
            per_day: [0i64; 7],
        };
        for e in logged {
            *sums.per_category.entry(e.category_id).or_default() += e.minutes as i64;
            let i = (e.day - monday).num_days();
            if (0..7).contains(&i) {
                sums.per_day[i as usize] += e.minutes as i64;
                *sums
                    .per_cell
                    .entry((e.category_id, i as usize))
                    .or_default() += e.minutes as i64;
            }
        }
        sums
    }
}

/// The grid's rows, one block per service area, in the categories' order.
fn grid_blocks(
    categories: &[havre_store::hours::HourCategory],
    sums: &WeekSums,
    day_labels: &[String],
    grid: Option<&TypedGrid>,
    lang: crate::i18n::Lang,
) -> Vec<AreaBlock> {
    let mut blocks: Vec<AreaBlock> = Vec::new();
    for (index, c) in categories.iter().enumerate() {
        let title = t(lang, &format!("hours_area-{}", c.area));
        if blocks.last().is_none_or(|b| b.title != title) {
            blocks.push(AreaBlock {
                title,
                rows: Vec::new(),
            });
        }
        let row = grid_row(index, c, sums, day_labels, grid, lang);
        if let Some(block) = blocks.last_mut() {
            block.rows.push(row);
        }
    }
    blocks
}

/// One category's row: a cell per day, and what she logged on it this week.
fn grid_row(
    index: usize,
    c: &havre_store::hours::HourCategory,
    sums: &WeekSums,
    day_labels: &[String],
    grid: Option<&TypedGrid>,
    lang: crate::i18n::Lang,
) -> GridRow {
    let name = match in_lang(lang, &c.label_fr, &c.label_en).to_owned() {
        name if c.retired => format!("{name} ({})", t(lang, "value-retired")),
        name => name,
    };
    GridRow {
        index,
        category_id: c.id,
        cells: (0..7)
            .map(|d| {
                let field = format!("m_{index}_{d}");
                let stored = sums.per_cell.get(&(c.id, d)).copied().unwrap_or(0);
                // Shown again after a problem: what she typed, and what the cell held
                // when she first saw it.
                let (value, was) = match grid.and_then(|g| g.cells.get(&(c.id, d))) {
                    Some(typed) => typed.clone(),
                    None if stored > 0 => (format_minutes(stored, lang), stored.to_string()),
                    None => (String::new(), stored.to_string()),
                };
                GridCell {
                    value,
                    was,
                    was_name: format!("o_{index}_{d}"),
                    label: format!("{name}, {}", day_labels[d]),
                    invalid: grid.is_some_and(|g| g.bad.contains(&(c.id, d))),
                    name: field,
                }
            })
            .collect(),
        logged: sums
            .per_category
            .get(&c.id)
            .map(|m| format_minutes(*m, lang))
            .unwrap_or_default(),
        label: name,
    }
}

/// The hours invested over the reporting year, per service area, for those who run reports.
async fn area_rows(
    state: &AppState,
    org: havre_domain::ids::OrganizationId,
    first: NaiveDate,
    last: NaiveDate,
    lang: crate::i18n::Lang,
) -> Result<Vec<AreaRow>, WebError> {
    let hours = havre_report::activity::invested_hours(
        &state.store,
        org,
        havre_report::Period { first, last },
        lang,
    )
    .await?;
    Ok(hours
        .iter()
        .map(|a| AreaRow {
            area: t(lang, &format!("hours_area-{}", a.area)),
            hours: format_minutes(a.minutes, lang),
        })
        .collect())
}

/// The trainings the team received over the reporting year.
async fn received_rows(
    state: &AppState,
    auth: &Authenticated,
    first: NaiveDate,
    last: NaiveDate,
    lang: crate::i18n::Lang,
) -> Result<Vec<ReceivedRow>, WebError> {
    Ok(state
        .store
        .trainings_received(auth.organization.id, first, last)
        .await?
        .into_iter()
        .map(|r| ReceivedRow {
            id: r.id.into(),
            removable: auth.may(
                Action::TakeBack,
                &Record::new(RecordKind::TrainingReceived).noted_by(r.created_by),
            ),
            day: r.day.to_string(),
            hours: format_minutes(r.minutes as i64, lang),
            workers: r.workers,
            title: r.title,
            trainer: r.trainer,
        })
        .collect())
}

/// The training-received form: as typed, its day today when none was.
fn received_form(state: &AppState, ctx: &RequestCtx, typed: Option<ReceivedForm>) -> ReceivedForm {
    let mut received_form = typed.unwrap_or_default();
    if received_form.day.is_empty() {
        received_form.day = state
            .store
            .now()
            .with_timezone(&ctx.zone().tz())
            .format("%Y-%m-%d")
            .to_string();
    }
    received_form
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Query(week): Query<Week>,
) -> Result<Response, WebError> {
    let today = ctx.zone().day_of(state.store.now());
    let monday = monday_of(week.week.unwrap_or(today));
    let page = Page::new(&ctx, "nav-hours");
    hours_page(&state, &auth, &ctx, page, monday, None, None).await
}

/// Saves the week's timesheet: every cell she changed is set to what she typed (an emptied
/// cell clears it); the cells she left alone are not touched.
pub async fn save(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Form(form): Form<TimesheetForm>,
) -> Result<Response, WebError> {
    let Ok(monday) = form.week.parse::<NaiveDate>() else {
        return Err(WebError::Invalid(vec![FieldError {
            field: "week",
            message_key: "date-time-required",
        }]));
    };
    let monday = monday_of(monday);
    let mut grid = TypedGrid::read(form.rows);
    let mut cells = Vec::new();
    let mut problems = Vec::new();
    let mut keys: Vec<(HourCategoryId, usize)> = grid.cells.keys().copied().collect();
    keys.sort();
    for (category_id, d) in keys {
        let (raw, was) = &grid.cells[&(category_id, d)];
        let was = was.parse::<i64>().ok();
        let typed = if raw.trim().is_empty() {
            Some(0)
        } else {
            parse_duration(raw)
        };
        match typed {
            Some(minutes) if Some(minutes) == was || (was.is_none() && minutes == 0) => {}
            Some(minutes) => cells.push(Cell {
                category_id,
                day: monday + chrono::Days::new(d as u64),
                minutes,
                was,
            }),
            None => {
                grid.bad.push((category_id, d));
                if problems.is_empty() {
                    problems.push(FieldError {
                        field: "minutes",
                        message_key: "hours-invalid",
                    });
                }
            }
        }
    }
    let result = if problems.is_empty() {
        state
            .store
            .set_hours(&auth.reader(&ctx), &cells)
            .await
            .map(|_| ())
    } else {
        Err(StoreError::Invalid(problems))
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/hours?week={monday}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "nav-hours").with_errors(errors);
            let mut response =
                hours_page(&state, &auth, &ctx, page, monday, Some(&grid), None).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// Records a training the team received.
pub async fn training_received(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    Form(form): Form<ReceivedForm>,
) -> Result<Response, WebError> {
    let today = ctx.zone().day_of(state.store.now());
    let mut problems = Vec::new();
    let day = form.day.parse::<NaiveDate>().ok();
    if day.is_none() {
        problems.push(FieldError {
            field: "r_day",
            message_key: "date-time-required",
        });
    }
    let minutes = parse_duration(&form.length);
    if minutes.is_none() {
        problems.push(FieldError {
            field: "r_length",
            message_key: "hours-invalid",
        });
    }
    let workers = form.workers.trim().parse::<i32>().ok();
    if workers.is_none() {
        problems.push(FieldError {
            field: "r_workers",
            message_key: "number-invalid",
        });
    }
    let result = match (day, minutes, workers) {
        (Some(day), Some(minutes), Some(workers)) if problems.is_empty() => state
            .store
            .record_training_received(
                &auth.reader(&ctx),
                day,
                &form.title,
                &form.trainer,
                minutes,
                workers,
            )
            .await
            .map(|_| ())
            .map_err(received_fields),
        _ => Err(StoreError::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/hours#trainings-received").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = Page::new(&ctx, "nav-hours").with_errors(errors);
            let mut response = hours_page(
                &state,
                &auth,
                &ctx,
                page,
                monday_of(today),
                None,
                Some(form),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// The store names the training's fields without the form's prefix.
fn received_fields(e: StoreError) -> StoreError {
    match e {
        StoreError::Invalid(list) => StoreError::Invalid(
            list.into_iter()
                .map(|f| FieldError {
                    field: match f.field {
                        "title" => "r_title",
                        "trainer" => "r_trainer",
                        "minutes" => "r_length",
                        "workers" => "r_workers",
                        _ => "r_day",
                    },
                    message_key: f.message_key,
                })
                .collect(),
        ),
        other => other,
    }
}

/// Takes back a training received noted in error.
pub async fn remove_training_received(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::LogOwnHours>,
    axum::extract::Path(id): axum::extract::Path<TrainingReceivedId>,
) -> Result<Response, WebError> {
    state
        .store
        .remove_training_received(&auth.reader(&ctx), id)
        .await?;
    Ok(Redirect::to("/hours#trainings-received").into_response())
}
