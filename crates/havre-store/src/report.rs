//! The aggregate queries of the activity report (docs/domain.md §9): counts and sums over a span of
//! time, computed by the database with `GROUP BY`, never by loading the records. Each query
//! takes the organization and a span `[from, to)`; the report crate gives them their labels,
//! their order, the comparison with the previous period and the suppression of small cells.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{
    help_request, help_request_value, meeting, referral, referral_attempt, report_narrative,
};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::{ListValueId, OrganizationId};
use havre_domain::lists::ListKind;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::report::{NARRATIVE_MAX_CHARS, SECTIONS};
use sea_orm::sea_query::{Expr, Func, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DbBackend, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, QueryTrait, Set,
};
use serde::Serialize;
use uuid::Uuid;

/// A span of time, from its first instant to the instant after its last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// How many requests carry one value of one of the organization's lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueCount {
    pub list: ListKind,
    pub value_id: ListValueId,
    pub count: i64,
}

/// The new requests of a span: how many, and how they came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RequestCounts {
    pub total: i64,
    pub teenagers: i64,
    /// Second requests or later of the same person.
    pub returning: i64,
    /// Per channel (phone, text_line…), per service area and per decided code.
    pub by_channel: Vec<(String, i64)>,
    pub by_area: Vec<(String, i64)>,
    pub by_code: Vec<(i32, i64)>,
}

/// The meetings of one kind in a span (the seed's "En résumé pour l'intervention
/// individuelle"), for teenagers, for adults, or for all (`teenager` is None).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ServiceRow {
    pub kind: String,
    pub teenager: Option<bool>,
    /// Distinct persons met; for support to relatives, distinct relatives.
    pub persons: i64,
    pub meetings: i64,
    pub duration_minutes: i64,
    pub preparation_minutes: i64,
    pub debrief_minutes: i64,
    pub travel_minutes: i64,
}

/// Waits, in days, of the requests whose services began in a span, per decided code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ServedWait {
    pub code: i32,
    pub count: i64,
    pub mean_days: f64,
    pub longest_days: i64,
}

/// The designated-centre referrals of a span.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ReferralFigures {
    pub received: i64,
    pub teenagers: i64,
    /// Reached by a callback (at any time since).
    pub reached: i64,
    pub attempts: i64,
    /// The mean and the longest delay, in minutes, from reception to the first callback
    /// attempt, both rounded the same way.
    pub mean_callback_minutes: i64,
    pub longest_callback_minutes: i64,
}

/// The emergency fund over a span: money put in, and the requests decided.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FundFigures {
    pub deposits_cents: i64,
    /// Requests made in the span, by their status now.
    pub requests: i64,
    pub approved: i64,
    pub refused: i64,
    pub pending: i64,
    /// What the committee granted to the requests approved.
    pub granted_cents: i64,
    /// The women whose requests were approved.
    pub women_helped: i64,
}

#[derive(FromQueryResult)]
struct FundRow {
    kind: String,
    status: String,
    entries: i64,
    persons: i64,
    amount: Option<i64>,
    granted: Option<i64>,
}

#[derive(FromQueryResult)]
struct ServiceQueryRow {
    kind: String,
    persons: i64,
    meetings: i64,
    duration_minutes: Option<i64>,
    preparation_minutes: Option<i64>,
    debrief_minutes: Option<i64>,
    travel_minutes: Option<i64>,
}

#[derive(FromQueryResult)]
struct KeyCount {
    key: Option<String>,
    count: i64,
}

#[derive(FromQueryResult)]
struct CodeCount {
    code: i32,
    count: i64,
}

#[derive(FromQueryResult)]
struct ValueRow {
    value_id: ListValueId,
    count: i64,
}

#[derive(FromQueryResult)]
struct WaitRow {
    code: i32,
    count: i64,
    mean_days: Option<f64>,
    longest_days: Option<f64>,
}

#[derive(FromQueryResult)]
struct DelayRow {
    count: i64,
    mean_hours: Option<f64>,
    longest_hours: Option<f64>,
}

fn count_all() -> SimpleExpr {
    Expr::cust("COUNT(*)")
}

impl Store {
    /// The number of days from one instant column to another, as a real number. SQLite and
    /// PostgreSQL count time differently; this is the one place that knows both.
    fn days_between(&self, later: &str, earlier: &str) -> SimpleExpr {
        match self.backend() {
            DbBackend::Postgres => Expr::cust(format!(
                "(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)::float8"
            )),
            _ => Expr::cust(format!("(julianday({later}) - julianday({earlier}))")),
        }
    }

    /// The new requests received in a span.
    pub async fn request_counts(
        &self,
        organization_id: OrganizationId,
        span: Span,
    ) -> Result<RequestCounts, StoreError> {
        let received = || {
            help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(organization_id))
                .filter(help_request::Column::ReceivedAt.gte(span.from))
                .filter(help_request::Column::ReceivedAt.lt(span.to))
        };
        let count = |query: sea_orm::Select<help_request::Entity>| async move {
            Ok::<i64, StoreError>(
                query
                    .select_only()
                    .column_as(count_all(), "count")
                    .into_tuple::<i64>()
                    .one(self.db())
                    .await?
                    .unwrap_or(0),
            )
        };
        let by = |column: help_request::Column| async move {
            Ok::<Vec<(String, i64)>, StoreError>(
                received()
                    .select_only()
                    .column_as(column, "key")
                    .column_as(count_all(), "count")
                    .group_by(column)
                    .into_model::<KeyCount>()
                    .all(self.db())
                    .await?
                    .into_iter()
                    .map(|r| (r.key.unwrap_or_default(), r.count))
                    .collect(),
            )
        };
        let mut by_code: Vec<(i32, i64)> = received()
            .select_only()
            .column_as(help_request::Column::DecidedCode, "code")
            .column_as(count_all(), "count")
            .group_by(help_request::Column::DecidedCode)
            .into_model::<CodeCount>()
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| (r.code, r.count))
            .collect();
        by_code.sort();
        let mut by_channel = by(help_request::Column::Channel).await?;
        by_channel.sort();
        let mut by_area = by(help_request::Column::ServiceArea).await?;
        by_area.sort();
        Ok(RequestCounts {
            total: count(received()).await?,
            teenagers: count(received().filter(help_request::Column::Teenager.eq(true))).await?,
            returning: count(received().filter(help_request::Column::Sequence.gt(1))).await?,
            by_channel,
            by_area,
            by_code,
        })
    }

    /// The statistical profile of the requests received in a span (docs/domain.md §3): how many
    /// carry each value of each list. A request counts once per value; the lists that take
    /// several values (forms of assault, relations to the aggressors) may count it more than
    /// once in all.
    pub async fn request_profile(
        &self,
        organization_id: OrganizationId,
        span: Span,
    ) -> Result<Vec<ValueCount>, StoreError> {
        let received = || {
            help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(organization_id))
                .filter(help_request::Column::ReceivedAt.gte(span.from))
                .filter(help_request::Column::ReceivedAt.lt(span.to))
        };
        let mut counts = Vec::new();
        for (list, column) in [
            (ListKind::Requester, help_request::Column::RequesterId),
            (ListKind::AgeAtRequest, help_request::Column::AgeAtRequestId),
            (ListKind::AgeAtAssault, help_request::Column::AgeAtAssaultId),
            (
                ListKind::ReferralSource,
                help_request::Column::ReferralSourceId,
            ),
            (ListKind::Residence, help_request::Column::ResidenceId),
            (
                ListKind::DispositionAfterRequest,
                help_request::Column::DispositionId,
            ),
        ] {
            let rows = received()
                .filter(column.is_not_null())
                .select_only()
                .column_as(column, "value_id")
                .column_as(count_all(), "count")
                .group_by(column)
                .into_model::<ValueRow>()
                .all(self.db())
                .await?;
            counts.extend(rows.into_iter().map(|r| ValueCount {
                list,
                value_id: r.value_id,
                count: r.count,
            }));
        }
        let requests = Query::select()
            .column(help_request::Column::Id)
            .from(help_request::Entity)
            .and_where(help_request::Column::OrganizationId.eq(organization_id))
            .and_where(help_request::Column::ReceivedAt.gte(span.from))
            .and_where(help_request::Column::ReceivedAt.lt(span.to))
            .to_owned();
        for list in [ListKind::AssaultForm, ListKind::Relation] {
            let rows = help_request_value::Entity::find()
                .filter(help_request_value::Column::OrganizationId.eq(organization_id))
                .filter(help_request_value::Column::List.eq(list.key()))
                .filter(help_request_value::Column::HelpRequestId.in_subquery(requests.clone()))
                .select_only()
                .column_as(help_request_value::Column::ValueId, "value_id")
                .column_as(count_all(), "count")
                .group_by(help_request_value::Column::ValueId)
                .into_model::<ValueRow>()
                .all(self.db())
                .await?;
            counts.extend(rows.into_iter().map(|r| ValueCount {
                list,
                value_id: r.value_id,
                count: r.count,
            }));
        }
        Ok(counts)
    }

    /// How many requests waited at an instant, per decided code: received before it, services
    /// not yet begun and not closed at it.
    pub async fn waiting_at(
        &self,
        organization_id: OrganizationId,
        at: DateTime<Utc>,
    ) -> Result<Vec<(i32, i64)>, StoreError> {
        let mut rows: Vec<(i32, i64)> = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::ReceivedAt.lt(at))
            .filter(
                Condition::any()
                    .add(help_request::Column::ServicesStartedAt.is_null())
                    .add(help_request::Column::ServicesStartedAt.gte(at)),
            )
            .filter(
                Condition::any()
                    .add(help_request::Column::ClosedAt.is_null())
                    .add(help_request::Column::ClosedAt.gte(at)),
            )
            .select_only()
            .column_as(help_request::Column::DecidedCode, "code")
            .column_as(count_all(), "count")
            .group_by(help_request::Column::DecidedCode)
            .into_model::<CodeCount>()
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| (r.code, r.count))
            .collect();
        rows.sort();
        Ok(rows)
    }

    /// The waits of the requests whose services began in a span, per decided code.
    pub async fn served_waits(
        &self,
        organization_id: OrganizationId,
        span: Span,
    ) -> Result<Vec<ServedWait>, StoreError> {
        let days = self.days_between("services_started_at", "received_at");
        let mut rows: Vec<ServedWait> = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::ServicesStartedAt.gte(span.from))
            .filter(help_request::Column::ServicesStartedAt.lt(span.to))
            .select_only()
            .column_as(help_request::Column::DecidedCode, "code")
            .column_as(count_all(), "count")
            .column_as(Expr::from(Func::avg(days.clone())), "mean_days")
            .column_as(Expr::from(Func::max(days)), "longest_days")
            .group_by(help_request::Column::DecidedCode)
            .into_model::<WaitRow>()
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| ServedWait {
                code: r.code,
                count: r.count,
                mean_days: r.mean_days.unwrap_or(0.0),
                // Whole days waited, as the wait list counts them.
                longest_days: r.longest_days.unwrap_or(0.0).floor() as i64,
            })
            .collect();
        rows.sort_by_key(|r| r.code);
        Ok(rows)
    }

    /// The meetings held in a span, per kind as the report counts them (`counted_kind`): distinct persons (or relatives), meetings, and
    /// the time in them and around them. With `by_age`, teenagers and adults apart (the seed
    /// splits follow-ups so); without, everyone together, each person counted once.
    pub async fn service_summary(
        &self,
        organization_id: OrganizationId,
        span: Span,
        by_age: bool,
    ) -> Result<Vec<ServiceRow>, StoreError> {
        let mut rows = Vec::new();
        let ages: &[Option<bool>] = if by_age {
            &[Some(false), Some(true)]
        } else {
            &[None]
        };
        for &teenager in ages {
            let mut query = meeting::Entity::find()
                .filter(meeting::Column::OrganizationId.eq(organization_id))
                .filter(meeting::Column::HeldAt.gte(span.from))
                .filter(meeting::Column::HeldAt.lt(span.to));
            if let Some(teenager) = teenager {
                let episodes = Query::select()
                    .column(help_request::Column::Id)
                    .from(help_request::Entity)
                    .and_where(help_request::Column::OrganizationId.eq(organization_id))
                    .and_where(help_request::Column::Teenager.eq(teenager))
                    .to_owned();
                query = query.filter(meeting::Column::HelpRequestId.in_subquery(episodes));
            }
            let sum = |c: meeting::Column| crate::sum_as_bigint(c);
            let counted_as = Expr::cust(counted_kind());
            let found: Vec<ServiceQueryRow> = query
                .select_only()
                .column_as(counted_as.clone(), "kind")
                // Support to relatives counts the relatives met; every other kind, the persons.
                .column_as(
                    // Inside the count: the rows are grouped by the kind they are counted
                    // under, not by their own.
                    Expr::cust(
                        "COUNT(DISTINCT CASE WHEN kind = 'relatives' THEN relative_id \
                         ELSE person_id END)",
                    ),
                    "persons",
                )
                .column_as(count_all(), "meetings")
                .column_as(sum(meeting::Column::DurationMinutes), "duration_minutes")
                .column_as(
                    sum(meeting::Column::PreparationMinutes),
                    "preparation_minutes",
                )
                .column_as(sum(meeting::Column::DebriefMinutes), "debrief_minutes")
                .column_as(sum(meeting::Column::TravelMinutes), "travel_minutes")
                .group_by(counted_as)
                .into_model::<ServiceQueryRow>()
                .all(self.db())
                .await?;
            rows.extend(found.into_iter().map(|r| ServiceRow {
                kind: r.kind,
                teenager,
                persons: r.persons,
                meetings: r.meetings,
                duration_minutes: r.duration_minutes.unwrap_or(0),
                preparation_minutes: r.preparation_minutes.unwrap_or(0),
                debrief_minutes: r.debrief_minutes.unwrap_or(0),
                travel_minutes: r.travel_minutes.unwrap_or(0),
            }));
        }
        rows.sort_by(|a, b| (&a.kind, a.teenager).cmp(&(&b.kind, b.teenager)));
        Ok(rows)
    }

    /// The designated-centre referrals received in a span, and how fast they were called back.
    pub async fn referral_figures(
        &self,
        organization_id: OrganizationId,
        span: Span,
    ) -> Result<ReferralFigures, StoreError> {
        let received = || {
            referral::Entity::find()
                .filter(referral::Column::OrganizationId.eq(organization_id))
                .filter(referral::Column::ReceivedAt.gte(span.from))
                .filter(referral::Column::ReceivedAt.lt(span.to))
        };
        let count = |query: sea_orm::Select<referral::Entity>| async move {
            Ok::<i64, StoreError>(
                query
                    .select_only()
                    .column_as(count_all(), "count")
                    .into_tuple::<i64>()
                    .one(self.db())
                    .await?
                    .unwrap_or(0),
            )
        };
        let ids = received()
            .select_only()
            .column(referral::Column::Id)
            .into_query();
        let attempts: i64 = referral_attempt::Entity::find()
            .filter(referral_attempt::Column::OrganizationId.eq(organization_id))
            .filter(referral_attempt::Column::ReferralId.in_subquery(ids))
            .select_only()
            .column_as(count_all(), "count")
            .into_tuple::<i64>()
            .one(self.db())
            .await?
            .unwrap_or(0);
        // The delay to the first attempt of each referral, in hours.
        let first_attempt =
            "(SELECT MIN(a.at) FROM referral_attempts a WHERE a.referral_id = referrals.id)";
        let hours = match self.backend() {
            DbBackend::Postgres => Expr::cust(format!(
                "(EXTRACT(EPOCH FROM ({first_attempt} - referrals.received_at)) / 3600.0)::float8"
            )),
            _ => Expr::cust(format!(
                "((julianday({first_attempt}) - julianday(referrals.received_at)) * 24.0)"
            )),
        };
        let delays = received()
            .filter(Expr::cust(format!("{first_attempt} IS NOT NULL")))
            .select_only()
            .column_as(count_all(), "count")
            .column_as(Expr::from(Func::avg(hours.clone())), "mean_hours")
            .column_as(Expr::from(Func::max(hours)), "longest_hours")
            .into_model::<DelayRow>()
            .one(self.db())
            .await?;
        let minutes = |hours: Option<f64>| (hours.unwrap_or(0.0) * 60.0).round() as i64;
        let (mean, longest) = match delays {
            Some(d) if d.count > 0 => (minutes(d.mean_hours), minutes(d.longest_hours)),
            _ => (0, 0),
        };
        Ok(ReferralFigures {
            received: count(received()).await?,
            teenagers: count(received().filter(referral::Column::Teenager.eq(true))).await?,
            reached: count(received().filter(referral::Column::ReachedAt.is_not_null())).await?,
            attempts,
            mean_callback_minutes: mean,
            longest_callback_minutes: longest,
        })
    }

    /// The emergency fund's figures of a span, summed in the database.
    pub async fn fund_figures(
        &self,
        organization_id: OrganizationId,
        span: Span,
    ) -> Result<FundFigures, StoreError> {
        use crate::entity::fund_entry;
        let rows = fund_entry::Entity::find()
            .filter(fund_entry::Column::OrganizationId.eq(organization_id))
            .filter(fund_entry::Column::At.gte(span.from))
            .filter(fund_entry::Column::At.lt(span.to))
            .select_only()
            .column(fund_entry::Column::Kind)
            .column(fund_entry::Column::Status)
            .column_as(count_all(), "entries")
            .column_as(Expr::cust("COUNT(DISTINCT person_id)"), "persons")
            .column_as(
                crate::sum_as_bigint(fund_entry::Column::AmountCents),
                "amount",
            )
            .column_as(
                crate::sum_as_bigint(fund_entry::Column::GrantedCents),
                "granted",
            )
            .group_by(fund_entry::Column::Kind)
            .group_by(fund_entry::Column::Status)
            .into_model::<FundRow>()
            .all(self.db())
            .await?;
        let mut figures = FundFigures::default();
        for r in rows {
            match (r.kind.as_str(), r.status.as_str()) {
                ("deposit", _) => figures.deposits_cents += r.amount.unwrap_or(0),
                (_, status) => {
                    figures.requests += r.entries;
                    match status {
                        "approved" => {
                            figures.approved += r.entries;
                            figures.granted_cents += r.granted.unwrap_or(0);
                            figures.women_helped += r.persons;
                        }
                        "refused" => figures.refused += r.entries,
                        _ => figures.pending += r.entries,
                    }
                }
            }
        }
        Ok(figures)
    }

    /// The team's texts of a period's report, per section.
    pub async fn narratives(
        &self,
        organization_id: OrganizationId,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut texts = Vec::new();
        for m in report_narrative::Entity::find()
            .filter(report_narrative::Column::OrganizationId.eq(organization_id))
            .filter(report_narrative::Column::FirstDay.eq(first))
            .filter(report_narrative::Column::LastDay.eq(last))
            .all(self.db())
            .await?
        {
            let row = m.id.to_string();
            let body = self.keys().open(
                FieldRef {
                    table: "report_narratives",
                    column: "body",
                    row: &row,
                },
                &m.body_sealed,
            )?;
            texts.push((m.section, body));
        }
        Ok(texts)
    }

    /// Saves the team's text of one section of a period's report, replacing the one before;
    /// an empty text removes it. Those who run the reports write them.
    pub async fn save_narrative(
        &self,
        reader: &Reader,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
        section: &str,
        text: &str,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Report))?;
        let mut problems = Vec::new();
        if !SECTIONS.contains(&section) {
            problems.push(FieldError {
                field: "section",
                message_key: "value-not-in-list",
            });
        }
        let text = text.trim();
        if text.chars().count() > NARRATIVE_MAX_CHARS {
            problems.push(FieldError {
                field: "text",
                message_key: "narrative-too-long",
            });
        }
        if first > last || first < crate::earliest_day() {
            problems.push(FieldError {
                field: "to",
                message_key: "report-period-invalid",
            });
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(&reader.actor, async |txn| {
            report_narrative::Entity::delete_many()
                .filter(report_narrative::Column::OrganizationId.eq(reader.organization_id))
                .filter(report_narrative::Column::FirstDay.eq(first))
                .filter(report_narrative::Column::LastDay.eq(last))
                .filter(report_narrative::Column::Section.eq(section))
                .exec(txn)
                .await?;
            let now = self.now();
            if !text.is_empty() {
                let id = Uuid::new_v4();
                let row = id.to_string();
                report_narrative::ActiveModel {
                    id: Set(id),
                    organization_id: Set(reader.organization_id.into()),
                    first_day: Set(first),
                    last_day: Set(last),
                    section: Set(section.to_owned()),
                    body_sealed: Set(self.keys().seal(
                        FieldRef {
                            table: "report_narratives",
                            column: "body",
                            row: &row,
                        },
                        text,
                    )),
                    updated_by: Set(Some(reader.user_id.into())),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await?;
            }
            Ok((
                (),
                Event::new(Action::ReportNarrativeSaved).detail(serde_json::json!({
                    "from": first,
                    "to": last,
                    "section": section,
                    "characters": text.chars().count(),
                })),
            ))
        })
        .await
    }
}

/// The kind a meeting is counted under in the report. The designated-centre line counts "the
/// meetings that follow" a designated centre's referral (docs/domain.md §2.9): the meetings noted as
/// such, and, once a referral is linked to the file it led to, her first meeting, emergency
/// meetings and follow-ups held from the referral's receipt on. Each of those is counted once
/// and in that line only: not also in the individual table, whose hours would then be counted
/// twice in direct help, and not once per referral when several lead to her (EXISTS, not a
/// join). Before any link, nothing moves: those meetings stay in their own kind.
fn counted_kind() -> String {
    use havre_domain::meetings::MeetingKind;
    format!(
        "CASE WHEN meetings.kind IN ('{first}', '{emergency}', '{follow_up}') AND EXISTS (\
         SELECT 1 FROM referrals r WHERE r.organization_id = meetings.organization_id \
         AND r.person_id = meetings.person_id AND r.received_at <= meetings.held_at) \
         THEN '{designated}' ELSE meetings.kind END",
        first = MeetingKind::FirstMeeting.key(),
        emergency = MeetingKind::Emergency.key(),
        follow_up = MeetingKind::FollowUp.key(),
        designated = MeetingKind::DesignatedCentre.key(),
    )
}
