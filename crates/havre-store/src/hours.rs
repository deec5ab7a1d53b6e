//! Hours that are not about one person (docs/domain.md §5): each organization's categories per
//! service area (shipped with the seed report's), entries per person and day checked against
//! the length of a day, totals per category computed in the database, trainings received, and
//! the figures entered by hand.

use crate::audit::{Action, Event};
use crate::entity::{hour_category, hour_entry, organization, training_received};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::NaiveDate;
use havre_domain::hours::{DAY_MINUTES, HoursArea, Recorded, day_fits};
use havre_domain::ids::{HourCategoryId, HourEntryId, OrganizationId, TrainingReceivedId};
use havre_domain::policy::{self, Record, RecordKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct HourCategory {
    pub id: HourCategoryId,
    pub area: String,
    pub label_fr: String,
    pub label_en: String,
    pub retired: bool,
    /// The activity whose records carry its hours; none for a category of the timesheet.
    pub recorded: Option<Recorded>,
}

/// One entry to log: a category, a day, minutes.
#[derive(Clone, Copy, Debug)]
pub struct NewEntry {
    pub category_id: HourCategoryId,
    pub day: NaiveDate,
    pub minutes: i64,
}

/// One cell of the timesheet: her minutes on a category on a day, as they should now be (0
/// clears it), and what the cell held when her form was shown, if known.
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    pub category_id: HourCategoryId,
    pub day: NaiveDate,
    pub minutes: i64,
    pub was: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: HourEntryId,
    pub category_id: HourCategoryId,
    pub day: NaiveDate,
    pub minutes: i32,
}

/// The most cells (or entries) one save may carry: a week of 200 categories, far more than a
/// timesheet holds; larger is not a timesheet, and would hold the write lock for long.
const MAX_CELLS: usize = 1_400;

/// A category's labels, checked as the organization's lists' are; English defaults to French.
fn labels(label_fr: &str, label_en: &str) -> Result<(String, String), StoreError> {
    let label_fr = crate::lists::check_label(label_fr, "label_fr")?;
    let label_en = if label_en.trim().is_empty() {
        label_fr.clone()
    } else {
        crate::lists::check_label(label_en, "label_en")?
    };
    Ok((label_fr, label_en))
}

/// Adds a problem unless the same one is already listed.
fn push_once(problems: &mut Vec<FieldError>, field: &'static str, message_key: &'static str) {
    if !problems
        .iter()
        .any(|p| p.field == field && p.message_key == message_key)
    {
        problems.push(FieldError { field, message_key });
    }
}

/// The categories of an organization that has none yet (a new one, or one created before
/// hours existed), in the seed's order; and, for every organization, the categories its
/// records carry, which organizations created before them lack.
pub(crate) async fn seed_missing_categories<C: ConnectionTrait>(
    conn: &C,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    for org in organization::Entity::find().all(conn).await? {
        let count = hour_category::Entity::find()
            .filter(hour_category::Column::OrganizationId.eq(org.id))
            .count(conn)
            .await?;
        if count == 0 {
            seed_categories(conn, org.id.into()).await?;
        } else if seed_recorded_categories(conn, org.id.into()).await? {
            retire_legacy_categories(conn, org.id.into(), now).await?;
        }
    }
    Ok(())
}

/// The timesheet categories that trainings received, the board's meetings and the general
/// meeting were logged on before the records carried them (the last two are recorded on the
/// governance page): retired, so that their hours stay in the report and no new ones are
/// logged twice.
async fn retire_legacy_categories<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    hour_category::Entity::update_many()
        .col_expr(
            hour_category::Column::RetiredAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(hour_category::Column::OrganizationId.eq(organization_id))
        .filter(hour_category::Column::Key.is_in([
            "trainings_received",
            "collective",
            "annual_report",
        ]))
        .filter(hour_category::Column::Source.is_null())
        .filter(hour_category::Column::RetiredAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The categories whose hours the records carry, placed first in their areas, for an
/// organization that lacks them; whether any was missing.
async fn seed_recorded_categories<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
) -> Result<bool, StoreError> {
    let present: Vec<Option<String>> = hour_category::Entity::find()
        .filter(hour_category::Column::OrganizationId.eq(organization_id))
        .filter(hour_category::Column::Source.is_not_null())
        .select_only()
        .column(hour_category::Column::Source)
        .into_tuple()
        .all(conn)
        .await?;
    let missing: Vec<hour_category::ActiveModel> = Recorded::ALL
        .iter()
        .enumerate()
        .filter(|(_, r)| !present.iter().flatten().any(|p| p == r.key()))
        .map(|(i, r)| {
            let (fr, en) = r.labels();
            hour_category::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(organization_id.into()),
                area: Set(r.area().key().to_owned()),
                key: Set(None),
                label_fr: Set(fr.to_owned()),
                label_en: Set(en.to_owned()),
                // Before the timesheet's categories, in the order of `Recorded::ALL`.
                position: Set(i as i32 - Recorded::ALL.len() as i32),
                retired_at: Set(None),
                source: Set(Some(r.key().to_owned())),
            }
        })
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    hour_category::Entity::insert_many(missing)
        .exec_without_returning(conn)
        .await?;
    Ok(true)
}

pub(crate) async fn seed_categories<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
) -> Result<(), StoreError> {
    let mut rows = Vec::new();
    for area in HoursArea::ALL {
        for (position, (key, fr, en)) in area.default_categories().iter().enumerate() {
            rows.push(hour_category::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(organization_id.into()),
                area: Set(area.key().to_owned()),
                key: Set(Some((*key).to_owned())),
                label_fr: Set((*fr).to_owned()),
                label_en: Set((*en).to_owned()),
                position: Set(position as i32),
                retired_at: Set(None),
                source: Set(None),
            });
        }
    }
    hour_category::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    seed_recorded_categories(conn, organization_id).await?;
    Ok(())
}

impl Store {
    /// The categories of the organization, by area then position.
    pub async fn hour_categories(
        &self,
        organization_id: OrganizationId,
        with_retired: bool,
    ) -> Result<Vec<HourCategory>, StoreError> {
        let mut query = hour_category::Entity::find()
            .filter(hour_category::Column::OrganizationId.eq(organization_id));
        if !with_retired {
            query = query.filter(hour_category::Column::RetiredAt.is_null());
        }
        let mut rows: Vec<HourCategory> = query
            .order_by_asc(hour_category::Column::Position)
            .all(self.db())
            .await?
            .into_iter()
            .map(|c| HourCategory {
                id: c.id.into(),
                area: c.area,
                label_fr: c.label_fr,
                label_en: c.label_en,
                retired: c.retired_at.is_some(),
                recorded: c.source.as_deref().and_then(Recorded::parse),
            })
            .collect();
        let order = |a: &str| HoursArea::parse(a).map(|a| a as usize).unwrap_or(99);
        rows.sort_by_key(|c| order(&c.area));
        Ok(rows)
    }

    /// Adds a category to an area (the administrator's).
    pub async fn add_hour_category(
        &self,
        reader: &Reader,
        area: HoursArea,
        label_fr: &str,
        label_en: &str,
    ) -> Result<HourCategoryId, StoreError> {
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::HourCategory),
        )?;
        let (label_fr, label_en) = labels(label_fr, label_en)?;
        self.write(&reader.actor, async |txn| {
            let position = hour_category::Entity::find()
                .filter(hour_category::Column::OrganizationId.eq(reader.organization_id))
                .filter(hour_category::Column::Area.eq(area.key()))
                .count(txn)
                .await? as i32;
            let id = HourCategoryId::new();
            hour_category::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                area: Set(area.key().to_owned()),
                key: Set(None),
                label_fr: Set(label_fr),
                label_en: Set(label_en),
                position: Set(position),
                retired_at: Set(None),
                source: Set(None),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::HoursChanged).target("hour_category", id),
            ))
        })
        .await
    }

    /// Renames a category: the hours already logged follow it into the report.
    pub async fn rename_hour_category(
        &self,
        reader: &Reader,
        id: HourCategoryId,
        label_fr: &str,
        label_en: &str,
    ) -> Result<(), StoreError> {
        let category = self.own_hour_category(reader, id).await?;
        let (label_fr, label_en) = labels(label_fr, label_en)?;
        self.write(&reader.actor, async |txn| {
            let mut model: hour_category::ActiveModel = category.into();
            model.label_fr = Set(label_fr);
            model.label_en = Set(label_en);
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::HoursChanged).target("hour_category", id),
            ))
        })
        .await
    }

    /// Retires a category (no longer offered on the timesheet; its hours stay counted in the
    /// report) or offers it again.
    pub async fn set_hour_category_retired(
        &self,
        reader: &Reader,
        id: HourCategoryId,
        retired: bool,
    ) -> Result<(), StoreError> {
        let category = self.own_hour_category(reader, id).await?;
        // The records go on carrying their hours: retiring the category would hide them.
        if category.source.is_some() && retired {
            return Err(StoreError::invalid("retired", "category-from-records"));
        }
        self.write(&reader.actor, async |txn| {
            let mut model: hour_category::ActiveModel = category.into();
            model.retired_at = Set(retired.then(|| self.now()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::HoursChanged)
                    .target("hour_category", id)
                    .detail(serde_json::json!({ "retired": retired })),
            ))
        })
        .await
    }

    /// One of the reader's organization's categories, for its administrator; another
    /// organization's answers NotFound, as a missing one does.
    async fn own_hour_category(
        &self,
        reader: &Reader,
        id: HourCategoryId,
    ) -> Result<hour_category::Model, StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::HourCategory))?;
        hour_category::Entity::find_by_id(id)
            .filter(hour_category::Column::OrganizationId.eq(reader.organization_id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Logs the reader's own hours (a week of the timesheet, or one entry). Every entry is
    /// checked, and so is each day's total with what she already logged: a day holds at most
    /// 24 hours. Bad input writes nothing.
    pub async fn log_hours(
        &self,
        reader: &Reader,
        entries: &[NewEntry],
    ) -> Result<usize, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::HoursEntry))?;
        if entries.len() > MAX_CELLS {
            return Err(StoreError::invalid("minutes", "too-many-cells"));
        }
        // Read before the write lock: the day the team lives in, on its own clock.
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            // Two timesheets of hers at once must not both fit in the same day: on PostgreSQL her
            // account's row is locked; SQLite's write transaction is already exclusive.
            if self.backend() == sea_orm::DbBackend::Postgres {
                crate::entity::user::Entity::find_by_id(reader.user_id)
                    .lock_exclusive()
                    .one(txn)
                    .await?;
            }
            let mut problems = Vec::new();
            let categories: Vec<(Uuid, Option<String>)> = hour_category::Entity::find()
                .filter(hour_category::Column::OrganizationId.eq(reader.organization_id))
                .filter(hour_category::Column::RetiredAt.is_null())
                .select_only()
                .column(hour_category::Column::Id)
                .column(hour_category::Column::Source)
                .into_tuple()
                .all(txn)
                .await?;
            let mut per_day: HashMap<NaiveDate, Vec<i64>> = HashMap::new();
            for e in entries {
                match categories.iter().find(|(id, _)| *id == e.category_id) {
                    None => push_once(&mut problems, "category_id", "value-not-in-list"),
                    Some((_, Some(_))) => {
                        push_once(&mut problems, "category_id", "hours-come-from-records")
                    }
                    Some((_, None)) => {}
                }
                if e.minutes <= 0 || e.minutes > DAY_MINUTES {
                    push_once(&mut problems, "minutes", "hours-out-of-range");
                }
                // A week's timesheet may be filled on its Monday: up to a week ahead.
                if !crate::day_accepted(e.day, today, 7) {
                    push_once(&mut problems, "day", "date-out-of-range");
                }
                per_day.entry(e.day).or_default().push(e.minutes);
            }
            if entries.is_empty() {
                push_once(&mut problems, "minutes", "value-required");
            }
            for (day, mut minutes) in per_day {
                let logged: Vec<i32> = hour_entry::Entity::find()
                    .filter(hour_entry::Column::UserId.eq(reader.user_id))
                    .filter(hour_entry::Column::Day.eq(day))
                    .select_only()
                    .column(hour_entry::Column::Minutes)
                    .into_tuple()
                    .all(txn)
                    .await?;
                minutes.extend(logged.into_iter().map(i64::from));
                if minutes.iter().all(|m| *m > 0) && !day_fits(&minutes) {
                    push_once(&mut problems, "minutes", "day-over-24-hours");
                }
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let now = self.now();
            hour_entry::Entity::insert_many(entries.iter().map(|e| hour_entry::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(reader.organization_id.into()),
                user_id: Set(reader.user_id.into()),
                category_id: Set(e.category_id.into()),
                day: Set(e.day),
                minutes: Set(e.minutes as i32),
                created_at: Set(now),
            }))
            .exec_without_returning(txn)
            .await?;
            Ok((
                entries.len(),
                Event::new(Action::HoursChanged)
                    .detail(serde_json::json!({ "entries": entries.len() })),
            ))
        })
        .await
    }

    /// Sets cells of the reader's timesheet: each cell is her hours on one category and one
    /// day, replaced by what she typed (nothing clears it; a retired category can only be
    /// cleared). A cell is written only if it still
    /// holds what her form showed (`was`), so that a week edited in two windows loses nothing
    /// silently; each day's total, with the cells she did not touch, stays within 24 hours.
    /// Bad input writes nothing.
    pub async fn set_hours(&self, reader: &Reader, cells: &[Cell]) -> Result<usize, StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::HoursEntry))?;
        if cells.is_empty() {
            return Ok(0);
        }
        if cells.len() > MAX_CELLS {
            return Err(StoreError::invalid("minutes", "too-many-cells"));
        }
        // Read before the write lock: the day the team lives in, on its own clock.
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            if self.backend() == sea_orm::DbBackend::Postgres {
                crate::entity::user::Entity::find_by_id(reader.user_id)
                    .lock_exclusive()
                    .one(txn)
                    .await?;
            }
            let mut problems: Vec<FieldError> = Vec::new();
            // A retired category is no longer offered, but hours logged on it before may still be
            // cleared.
            let categories: Vec<(HourCategoryId, Option<chrono::DateTime<chrono::Utc>>)> =
                hour_category::Entity::find()
                    .filter(hour_category::Column::OrganizationId.eq(reader.organization_id))
                    .select_only()
                    .column(hour_category::Column::Id)
                    .column(hour_category::Column::RetiredAt)
                    .into_tuple()
                    .all(txn)
                    .await?;
            let recorded: Vec<HourCategoryId> = hour_category::Entity::find()
                .filter(hour_category::Column::OrganizationId.eq(reader.organization_id))
                .filter(hour_category::Column::Source.is_not_null())
                .select_only()
                .column(hour_category::Column::Id)
                .into_tuple()
                .all(txn)
                .await?;
            let mut days: Vec<NaiveDate> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for c in cells {
                let offered = categories.iter().any(|(id, retired)| {
                    *id == c.category_id && (retired.is_none() || c.minutes == 0)
                });
                if recorded.contains(&c.category_id) {
                    push_once(&mut problems, "category_id", "hours-come-from-records");
                } else if !offered {
                    push_once(&mut problems, "category_id", "value-not-in-list");
                }
                if !(0..=DAY_MINUTES).contains(&c.minutes) {
                    push_once(&mut problems, "minutes", "hours-out-of-range");
                }
                if !crate::day_accepted(c.day, today, 7) {
                    push_once(&mut problems, "day", "date-out-of-range");
                }
                if !seen.insert((c.category_id, c.day)) {
                    push_once(&mut problems, "minutes", "cell-repeated");
                }
                if !days.contains(&c.day) {
                    days.push(c.day);
                }
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            // What each changed cell held, for the audit.
            let mut before: Vec<i64> = vec![0; cells.len()];
            for day in days {
                let logged: Vec<(Uuid, i32)> = hour_entry::Entity::find()
                    .filter(hour_entry::Column::UserId.eq(reader.user_id))
                    .filter(hour_entry::Column::Day.eq(day))
                    .select_only()
                    .column(hour_entry::Column::CategoryId)
                    .column(hour_entry::Column::Minutes)
                    .into_tuple()
                    .all(txn)
                    .await?;
                let mut minutes: Vec<i64> = Vec::new();
                for (category, m) in &logged {
                    if !cells
                        .iter()
                        .any(|c| c.day == day && c.category_id == *category)
                    {
                        minutes.push(i64::from(*m));
                    }
                }
                for (i, c) in cells.iter().enumerate().filter(|(_, c)| c.day == day) {
                    let stored: i64 = logged
                        .iter()
                        .filter(|(category, _)| *category == c.category_id)
                        .map(|(_, m)| i64::from(*m))
                        .sum();
                    before[i] = stored;
                    if c.was.is_some_and(|was| was != stored) {
                        push_once(&mut problems, "minutes", "hours-changed-meanwhile");
                    }
                    if c.minutes > 0 {
                        minutes.push(c.minutes);
                    }
                }
                if !day_fits(&minutes) {
                    push_once(&mut problems, "minutes", "day-over-24-hours");
                }
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let now = self.now();
            for c in cells {
                hour_entry::Entity::delete_many()
                    .filter(hour_entry::Column::UserId.eq(reader.user_id))
                    .filter(hour_entry::Column::CategoryId.eq(c.category_id))
                    .filter(hour_entry::Column::Day.eq(c.day))
                    .exec(txn)
                    .await?;
            }
            let kept: Vec<hour_entry::ActiveModel> = cells
                .iter()
                .filter(|c| c.minutes > 0)
                .map(|c| hour_entry::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set(reader.organization_id.into()),
                    user_id: Set(reader.user_id.into()),
                    category_id: Set(c.category_id.into()),
                    day: Set(c.day),
                    minutes: Set(c.minutes as i32),
                    created_at: Set(now),
                })
                .collect();
            if !kept.is_empty() {
                hour_entry::Entity::insert_many(kept)
                    .exec_without_returning(txn)
                    .await?;
            }
            // The audit keeps what each cell held and now holds: hours are counted in the report,
            // and a correction must be traceable.
            let detail: Vec<serde_json::Value> = cells
                .iter()
                .zip(&before)
                .map(|(c, was)| {
                    serde_json::json!({
                        "category_id": c.category_id,
                        "day": c.day,
                        "was": was,
                        "minutes": c.minutes,
                    })
                })
                .collect();
            Ok((
                cells.len(),
                Event::new(Action::HoursChanged).detail(serde_json::json!({ "cells": detail })),
            ))
        })
        .await
    }

    /// The reader's own entries between two days (inclusive), oldest first.
    pub async fn my_hours(
        &self,
        reader: &Reader,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Entry>, StoreError> {
        Ok(hour_entry::Entity::find()
            .filter(hour_entry::Column::OrganizationId.eq(reader.organization_id))
            .filter(hour_entry::Column::UserId.eq(reader.user_id))
            .filter(hour_entry::Column::Day.gte(from))
            .filter(hour_entry::Column::Day.lte(to))
            .order_by_asc(hour_entry::Column::Day)
            .all(self.db())
            .await?
            .into_iter()
            .map(|e| Entry {
                id: e.id.into(),
                category_id: e.category_id.into(),
                day: e.day,
                minutes: e.minutes,
            })
            .collect())
    }

    /// Minutes per category over a period (inclusive days), summed in the database.
    pub async fn hours_per_category(
        &self,
        organization_id: OrganizationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(HourCategoryId, i64)>, StoreError> {
        Ok(hour_entry::Entity::find()
            .filter(hour_entry::Column::OrganizationId.eq(organization_id))
            .filter(hour_entry::Column::Day.gte(from))
            .filter(hour_entry::Column::Day.lte(to))
            .select_only()
            .column(hour_entry::Column::CategoryId)
            .column_as(crate::sum_as_bigint(hour_entry::Column::Minutes), "minutes")
            .group_by(hour_entry::Column::CategoryId)
            .into_tuple::<(HourCategoryId, Option<i64>)>()
            .all(self.db())
            .await?
            .into_iter()
            .map(|(c, m)| (c, m.unwrap_or(0)))
            .collect())
    }

    /// Records a training the team received.
    pub async fn record_training_received(
        &self,
        reader: &Reader,
        day: NaiveDate,
        title: &str,
        trainer: &str,
        minutes: i64,
        workers: i32,
    ) -> Result<TrainingReceivedId, StoreError> {
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::TrainingReceived),
        )?;
        let mut problems = Vec::new();
        for (field, value) in [("title", title), ("trainer", trainer)] {
            let v = value.trim();
            if v.is_empty() || v.chars().count() > 300 {
                problems.push(FieldError {
                    field,
                    message_key: "field-required",
                });
            }
        }
        if !(1..=DAY_MINUTES * 5).contains(&minutes) {
            problems.push(FieldError {
                field: "minutes",
                message_key: "hours-out-of-range",
            });
        }
        if !(1..=500).contains(&workers) {
            problems.push(FieldError {
                field: "workers",
                message_key: "count-out-of-range",
            });
        }
        if !crate::day_accepted(day, self.today(reader).await?, 366) {
            problems.push(FieldError {
                field: "day",
                message_key: "date-out-of-range",
            });
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(&reader.actor, async |txn| {
            let id = TrainingReceivedId::new();
            let now = self.now();
            training_received::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                day: Set(day),
                title: Set(title.trim().to_owned()),
                trainer: Set(trainer.trim().to_owned()),
                minutes: Set(minutes as i32),
                workers: Set(workers),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::HoursChanged).target("training_received", id),
            ))
        })
        .await
    }

    /// Takes back a training received noted in error: whoever noted it, or someone who runs
    /// the reports. The audit keeps what it said.
    pub async fn remove_training_received(
        &self,
        reader: &Reader,
        id: TrainingReceivedId,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let row = training_received::Entity::find_by_id(id)
                .filter(training_received::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            reader.check(
                policy::Action::TakeBack,
                &Record::new(RecordKind::TrainingReceived).noted_by(row.created_by),
            )?;
            training_received::Entity::delete_by_id(id)
                .exec(txn)
                .await?;
            Ok(((), crate::removal_event("training_received", id, &row)))
        })
        .await
    }

    /// The hours the team spent in trainings received over a period (inclusive days): each
    /// training's length for each worker who attended, summed in the database.
    pub async fn trainings_received_minutes(
        &self,
        organization_id: OrganizationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, StoreError> {
        use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, SimpleExpr};
        let worker_minutes = Expr::col(training_received::Column::Minutes)
            .mul(Expr::col(training_received::Column::Workers));
        let sum: SimpleExpr = Func::cast_as(Func::sum(worker_minutes), Alias::new("BIGINT")).into();
        let total: Option<Option<i64>> = training_received::Entity::find()
            .filter(training_received::Column::OrganizationId.eq(organization_id))
            .filter(training_received::Column::Day.gte(from))
            .filter(training_received::Column::Day.lte(to))
            .select_only()
            .column_as(sum, "minutes")
            .into_tuple()
            .one(self.db())
            .await?;
        Ok(total.flatten().unwrap_or(0))
    }

    /// The trainings received over a period, newest first.
    pub async fn trainings_received(
        &self,
        organization_id: OrganizationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<training_received::Model>, StoreError> {
        Ok(training_received::Entity::find()
            .filter(training_received::Column::OrganizationId.eq(organization_id))
            .filter(training_received::Column::Day.gte(from))
            .filter(training_received::Column::Day.lte(to))
            .order_by_desc(training_received::Column::Day)
            .all(self.db())
            .await?)
    }
}
