//! Workers' pay (docs/missions.md "Workers and pay"): the organization's pay periods, each
//! worker's statement for a period from the hours signed in at the rate of each day, its
//! approval that locks it, and the corrections that follow, each a line of its own.

use crate::audit::{Action, Event};
use crate::entity::{mission, pay_correction, pay_schedule, pay_statement, worked_hours, worker};
use crate::missions::worked_time;
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use havre_domain::ids::{MissionId, OrganizationId, PayStatementId, UserId, WorkerId};
use havre_domain::missions::{
    PayFrequency, PayLine, RateChange, WorkedTime, correction, pay_lines,
};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::zone::Zone;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use uuid::Uuid;

/// How often the organization pays, from the first day of its first period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PaySchedule {
    pub frequency: PayFrequency,
    pub first_day: NaiveDate,
}

impl Default for PaySchedule {
    /// Every two weeks from a Monday, until the organization says otherwise.
    fn default() -> Self {
        PaySchedule {
            frequency: PayFrequency::Biweekly,
            first_day: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
        }
    }
}

impl PaySchedule {
    /// The period a day falls in; the first period for a day before it.
    pub fn period_of(&self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        self.frequency
            .period_of(self.first_day, day)
            .or_else(|| self.frequency.period_of(self.first_day, self.first_day))
            .unwrap_or((day, day))
    }
}

/// The hours of one mission on a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WorkedMission {
    pub mission_id: MissionId,
    pub worked: WorkedTime,
    pub minutes: i64,
}

/// A correction to an approved statement, with why and by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Correction {
    pub line: PayLine,
    pub reason: String,
    pub by: Option<UserId>,
    pub at: DateTime<Utc>,
}

/// A worker's pay statement for a period: computed from the hours while it is a draft; as
/// approved, with its corrections, once it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PayStatement {
    /// Set once approved.
    pub id: Option<PayStatementId>,
    pub worker_id: WorkerId,
    pub worker_name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub missions: Vec<WorkedMission>,
    pub lines: Vec<PayLine>,
    pub corrections: Vec<Correction>,
    pub minutes: i64,
    /// The lines' amounts and the corrections', in cents.
    pub total_cents: i64,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<UserId>,
}

impl Store {
    pub async fn pay_schedule(
        &self,
        organization_id: OrganizationId,
    ) -> Result<PaySchedule, StoreError> {
        Ok(pay_schedule::Entity::find_by_id(organization_id)
            .one(self.db())
            .await?
            .and_then(|s| {
                Some(PaySchedule {
                    frequency: PayFrequency::parse(&s.frequency)?,
                    first_day: s.first_day,
                })
            })
            .unwrap_or_default())
    }

    /// Sets how often workers are paid. Once a statement is approved the periods are fixed:
    /// changing them would split an approved period.
    pub async fn set_pay_schedule(
        &self,
        reader: &Reader,
        schedule: PaySchedule,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::WorkerRecord))?;
        self.write(&reader.actor, async |txn| {
            let approved = pay_statement::Entity::find()
                .filter(pay_statement::Column::OrganizationId.eq(reader.organization_id))
                .count(txn)
                .await?;
            if approved > 0 {
                return Err(StoreError::invalid("frequency", "pay-schedule-locked"));
            }
            pay_schedule::Entity::delete_by_id(reader.organization_id)
                .exec(txn)
                .await?;
            pay_schedule::ActiveModel {
                organization_id: Set(reader.organization_id.into()),
                frequency: Set(schedule.frequency.key().to_owned()),
                first_day: Set(schedule.first_day),
            }
            .insert(txn)
            .await?;
            Ok((
                (),
                Event::new(Action::PayScheduleChanged).detail(serde_json::json!({
                    "frequency": schedule.frequency.key(),
                    "first_day": schedule.first_day,
                })),
            ))
        })
        .await
    }

    /// Whether a worker's day is in a period whose statement is approved.
    pub(crate) async fn approved_on<C: ConnectionTrait>(
        &self,
        conn: &C,
        worker: Uuid,
        day: NaiveDate,
    ) -> Result<bool, StoreError> {
        Ok(pay_statement::Entity::find()
            .filter(pay_statement::Column::WorkerId.eq(worker))
            .filter(pay_statement::Column::PeriodStart.lte(day))
            .filter(pay_statement::Column::PeriodEnd.gte(day))
            .count(conn)
            .await?
            > 0)
    }

    async fn worked_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        worker: Uuid,
        period: (NaiveDate, NaiveDate),
    ) -> Result<Vec<WorkedMission>, StoreError> {
        let rows = worked_hours::Entity::find()
            .filter(worked_hours::Column::WorkerId.eq(worker))
            .filter(worked_hours::Column::Day.gte(period.0))
            .filter(worked_hours::Column::Day.lte(period.1))
            .order_by_asc(worked_hours::Column::Day)
            .order_by_asc(worked_hours::Column::StartMinute)
            .all(conn)
            .await?;
        // Hours of a cancelled mission are not paid: a mission is cancelled before it is done.
        let mut missions = Vec::with_capacity(rows.len());
        for h in rows {
            let worked = worked_time(&h);
            missions.push(WorkedMission {
                mission_id: h.mission_id.into(),
                minutes: worked.minutes(),
                worked,
            });
        }
        Ok(missions)
    }

    async fn rate_changes<C: ConnectionTrait>(
        &self,
        conn: &C,
        worker: Uuid,
    ) -> Result<Vec<RateChange>, StoreError> {
        Ok(self
            .rates_of(conn, worker)
            .await?
            .into_iter()
            .map(|r| RateChange {
                from: r.from,
                cents_per_hour: r.cents_per_hour,
            })
            .collect())
    }

    async fn statement_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        w: &worker::Model,
        period: (NaiveDate, NaiveDate),
    ) -> Result<PayStatement, StoreError> {
        let missions = self.worked_in(conn, w.id, period).await?;
        let approved = pay_statement::Entity::find()
            .filter(pay_statement::Column::WorkerId.eq(w.id))
            .filter(pay_statement::Column::PeriodStart.eq(period.0))
            .one(conn)
            .await?;
        let name = self.open_at(crate::missions::WORKERS, "name", w.id, &w.name_sealed)?;
        let (id, lines, corrections, approved_at, approved_by) = match approved {
            Some(s) => {
                let lines: Vec<PayLine> =
                    serde_json::from_str(&s.lines).map_err(|e| StoreError::Other(e.to_string()))?;
                let corrections = pay_correction::Entity::find()
                    .filter(pay_correction::Column::StatementId.eq(s.id))
                    .order_by_asc(pay_correction::Column::CreatedAt)
                    .all(conn)
                    .await?
                    .into_iter()
                    .map(|c| Correction {
                        line: PayLine {
                            day: c.day,
                            minutes: c.minutes.into(),
                            cents_per_hour: c.cents_per_hour,
                            amount_cents: c.amount_cents,
                        },
                        reason: c.reason,
                        by: c.created_by.map(Into::into),
                        at: c.created_at,
                    })
                    .collect();
                (
                    Some(s.id.into()),
                    lines,
                    corrections,
                    Some(s.approved_at),
                    s.approved_by.map(Into::into),
                )
            }
            None => {
                let worked: Vec<WorkedTime> = missions.iter().map(|m| m.worked).collect();
                let lines = pay_lines(&worked, &self.rate_changes(conn, w.id).await?, period)
                    .map_err(|e| StoreError::Invalid(vec![e]))?;
                (None, lines, Vec::new(), None, None)
            }
        };
        let total_cents = lines.iter().map(|l| l.amount_cents).sum::<i64>()
            + corrections
                .iter()
                .map(|c: &Correction| c.line.amount_cents)
                .sum::<i64>();
        Ok(PayStatement {
            id,
            worker_id: w.id.into(),
            worker_name: name,
            period_start: period.0,
            period_end: period.1,
            minutes: lines.iter().map(|l| l.minutes).sum::<i64>()
                + corrections.iter().map(|c| c.line.minutes).sum::<i64>(),
            missions,
            lines,
            corrections,
            total_cents,
            approved_at,
            approved_by,
        })
    }

    /// The statements of the period holding `day`: every worker who worked in it or whose
    /// statement for it is approved, by name.
    pub async fn pay_statements(
        &self,
        reader: &Reader,
        day: NaiveDate,
    ) -> Result<Vec<PayStatement>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::WorkerRecord))?;
        let period = self
            .pay_schedule(reader.organization_id)
            .await?
            .period_of(day);
        let mut statements = Vec::new();
        for w in worker::Entity::find()
            .filter(worker::Column::OrganizationId.eq(reader.organization_id))
            .all(self.db())
            .await?
        {
            let s = self.statement_of(self.db(), &w, period).await?;
            if !s.lines.is_empty() || s.id.is_some() {
                statements.push(s);
            }
        }
        statements.sort_by(|a, b| a.worker_name.cmp(&b.worker_name));
        Ok(statements)
    }

    /// One worker's statement for the period holding `day`.
    pub async fn pay_statement(
        &self,
        reader: &Reader,
        worker_id: WorkerId,
        day: NaiveDate,
    ) -> Result<PayStatement, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::WorkerRecord))?;
        let period = self
            .pay_schedule(reader.organization_id)
            .await?
            .period_of(day);
        let w = self.worker_row(self.db(), reader, worker_id).await?;
        self.statement_of(self.db(), &w, period).await
    }

    /// Approves a worker's statement for the period holding `day`: its lines are kept as
    /// they are, and the hours of its days can no longer change. A period not yet over
    /// cannot be approved.
    pub async fn approve_statement(
        &self,
        reader: &Reader,
        zone: Zone,
        worker_id: WorkerId,
        day: NaiveDate,
    ) -> Result<PayStatementId, StoreError> {
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::WorkerRecord),
        )?;
        let today = zone.day_of(self.now());
        let period = self
            .pay_schedule(reader.organization_id)
            .await?
            .period_of(day);
        self.write(&reader.actor, async |txn| {
            let w = self.worker_row(txn, reader, worker_id).await?;
            if period.1 >= today {
                return Err(StoreError::invalid("day", "pay-period-not-over"));
            }
            let statement = self.statement_of(txn, &w, period).await?;
            if statement.id.is_some() {
                return Err(StoreError::invalid("day", "pay-statement-approved"));
            }
            // Planned missions of the period must be done or cancelled first: their hours
            // are not in yet.
            let planned = mission::Entity::find()
                .filter(mission::Column::OrganizationId.eq(reader.organization_id))
                .filter(
                    mission::Column::Status
                        .eq(havre_domain::missions::MissionStatus::Planned.key()),
                )
                .all(txn)
                .await?;
            for m in planned {
                let on = crate::entity::mission_worker::Entity::find()
                    .filter(crate::entity::mission_worker::Column::MissionId.eq(m.id))
                    .filter(crate::entity::mission_worker::Column::WorkerId.eq(w.id))
                    .count(txn)
                    .await?;
                let day = zone.day_of(m.starts_at);
                if on > 0 && period.0 <= day && day <= period.1 {
                    return Err(StoreError::invalid("day", "pay-period-missions-planned"));
                }
            }
            let id = Uuid::new_v4();
            pay_statement::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                worker_id: Set(w.id),
                period_start: Set(period.0),
                period_end: Set(period.1),
                lines: Set(serde_json::to_string(&statement.lines)
                    .map_err(|e| StoreError::Other(e.to_string()))?),
                total_cents: Set(statement.total_cents),
                approved_by: Set(Some(reader.user_id.into())),
                approved_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                PayStatementId::from(id),
                Event::new(Action::PayStatementApproved)
                    .target("pay_statement", id)
                    .detail(serde_json::json!({
                        "worker": worker_id,
                        "period": [period.0, period.1],
                        "minutes": statement.minutes,
                        "total_cents": statement.total_cents,
                    })),
            ))
        })
        .await
    }

    /// A correction to an approved statement: minutes added (or taken back, negative) on a
    /// day of its period, at that day's rate, with the reason. The approved lines are never
    /// changed; the correction is audited.
    pub async fn correct_statement(
        &self,
        reader: &Reader,
        id: PayStatementId,
        day: Option<NaiveDate>,
        minutes: Option<i64>,
        reason: &str,
    ) -> Result<(), StoreError> {
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::WorkerRecord),
        )?;
        self.write(&reader.actor, async |txn| {
            let s = pay_statement::Entity::find_by_id(id)
                .filter(pay_statement::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let mut problems = Vec::new();
            let day = day.filter(|d| s.period_start <= *d && *d <= s.period_end);
            if day.is_none() {
                problems.push(FieldError::new("day", "pay-correction-day-outside"));
            }
            let minutes = minutes.filter(|m| *m != 0 && m.abs() <= 24 * 60);
            if minutes.is_none() {
                problems.push(FieldError::new("minutes", "pay-correction-minutes-invalid"));
            }
            if !havre_domain::validation::text_ok(reason, 500) {
                problems.push(FieldError::new("reason", "field-required"));
            }
            let (Some(day), Some(minutes), true) = (day, minutes, problems.is_empty()) else {
                return Err(StoreError::Invalid(problems));
            };
            let line = correction(day, minutes, &self.rate_changes(txn, s.worker_id).await?)
                .ok_or(StoreError::invalid("day", "worker-rate-missing"))?;
            pay_correction::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(reader.organization_id.into()),
                statement_id: Set(s.id),
                day: Set(day),
                minutes: Set(minutes as i32),
                cents_per_hour: Set(line.cents_per_hour),
                amount_cents: Set(line.amount_cents),
                reason: Set(reason.trim().to_owned()),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                (),
                Event::new(Action::PayStatementCorrected)
                    .target("pay_statement", id)
                    .detail(serde_json::json!({
                        "day": day,
                        "minutes": minutes,
                        "amount_cents": line.amount_cents,
                    })),
            ))
        })
        .await
    }
}
