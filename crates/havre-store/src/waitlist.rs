//! The wait list (docs/domain.md §2.3): the requests not yet met, ordered by decided code then by
//! the date of the request, and for each code how many wait, the median wait and the longest.
//! Reducing the wait is the organization's first worry, so these figures are on its screen.

use crate::entity::{help_request, person};
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::{HelpRequestId, OrganizationId, PersonId, UserId};
use havre_domain::intake::ServiceArea;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, Statement, Value};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaitingRequest {
    pub id: HelpRequestId,
    pub person_id: PersonId,
    /// Her name, to call her back (never the narrative: answers and reasons stay in the file).
    pub name: String,
    pub received_at: DateTime<Utc>,
    pub code: i32,
    pub proposed_code: i32,
    pub teenager: bool,
    pub service_area: String,
    pub sequence: i32,
    pub assigned_to: Option<UserId>,
    pub first_meeting_at: Option<DateTime<Utc>>,
    /// Whole days since the request.
    pub waiting_days: i64,
}

impl WaitingRequest {
    /// The wait-list line of a request read whole, with the person's name opened.
    fn from_model(m: help_request::Model, name: String, now: DateTime<Utc>) -> Self {
        WaitingRequest {
            id: m.id.into(),
            person_id: m.person_id.into(),
            name,
            received_at: m.received_at,
            code: m.decided_code,
            proposed_code: m.proposed_code,
            teenager: m.teenager,
            service_area: m.service_area,
            sequence: m.sequence,
            assigned_to: m.assigned_to.map(Into::into),
            first_meeting_at: m.first_meeting_at,
            waiting_days: (now - m.received_at).num_days(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeWait {
    pub code: i32,
    pub count: usize,
    /// The median of the waits in days (the mean of the two middle ones for an even count).
    pub median_days: f64,
    pub longest_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaitList {
    /// How many wait in all (the window may show fewer).
    pub total: usize,
    pub requests: Vec<WaitingRequest>,
    /// Codes 1, 2 and 3, each present even when nobody waits with it.
    pub by_code: Vec<CodeWait>,
}

impl Store {
    /// The wait list: the figures per code over every waiting request, computed in the
    /// database, and the requests of one window of it (`offset`, `limit`), whose names alone
    /// are opened.
    ///
    /// Two queries, both walking the index `help_requests_wait_list` (m0012): one for the
    /// figures of the three codes, read from the index alone, and one for the window with the
    /// names, so that a page costs the same two round trips however long the list is. The
    /// figures are kept until a change, read at the count the reader's request is read at.
    pub async fn wait_list_window(
        &self,
        reader: &crate::reader::Reader,
        area: Option<ServiceArea>,
        offset: usize,
        limit: usize,
    ) -> Result<WaitList, StoreError> {
        let changes = self.changes_seen(reader).await?;
        self.window_at(reader.organization_id, changes, area, offset, limit)
            .await
    }

    /// The window of the wait list, its figures kept under the count of changes `changes`.
    pub(crate) async fn window_at(
        &self,
        organization_id: OrganizationId,
        changes: i64,
        area: Option<ServiceArea>,
        offset: usize,
        limit: usize,
    ) -> Result<WaitList, StoreError> {
        let backend = self.backend();
        // The waiting requests of the organization (`$1`), of one service area (`$2`) when
        // asked. Written by hand, with `$n` parameters that both engines read: the figures
        // need a LIMIT computed by a subquery, which the query builder does not write.
        let (waiting, values): (&str, Vec<Value>) = match area {
            None => (
                "organization_id = $1 AND status = 'waiting'",
                vec![organization_id.into()],
            ),
            Some(area) => (
                "organization_id = $1 AND status = 'waiting' AND service_area = $2",
                vec![organization_id.into(), area.key().into()],
            ),
        };
        let now = self.now();
        let days = |at: DateTime<Utc>| (now - at).num_days();

        // Per code: how many, the oldest request (the longest wait), and the middle request or
        // the two middle ones in order of date (the median wait): one row per middle request.
        // The middle is reached by skipping half the code's entries in the index, which costs
        // far less than numbering every row with a window function (measured in the sqlite3
        // shell with 5,000 requests: 7 ms against under 1 ms). SQLite accepts a subquery in
        // LIMIT and OFFSET but not a reference to the outer row, hence one branch per code.
        let middle = |code: i32| {
            format!(
                "SELECT * FROM (SELECT decided_code, received_at FROM help_requests \
                 WHERE {waiting} AND decided_code = {code} ORDER BY received_at \
                 LIMIT COALESCE((SELECT 2 - n % 2 FROM counts WHERE decided_code = {code}), 0) \
                 OFFSET COALESCE((SELECT (n - 1) / 2 FROM counts WHERE decided_code = {code}), 0)\
                 ) m{code}"
            )
        };
        let figures_sql = format!(
            "WITH counts AS (SELECT decided_code, COUNT(*) AS n, MIN(received_at) AS oldest \
             FROM help_requests WHERE {waiting} GROUP BY decided_code) \
             SELECT c.decided_code, c.n, c.oldest, m.received_at AS middle FROM counts c \
             LEFT JOIN ({} UNION ALL {} UNION ALL {}) m ON m.decided_code = c.decided_code",
            middle(1),
            middle(2),
            middle(3)
        );
        // The figures are dates, and the days of wait are counted from them below, at each
        // reading: kept until a change, they stay true (docs/benchmarks.md "Many at work on
        // one instance": counting was 44 % of the page on SQLite).
        let figures = self
            .wait_figures
            .get_at(changes, (organization_id, area), async {
                CodeFigures::find_by_statement(Statement::from_sql_and_values(
                    backend,
                    figures_sql,
                    values.clone(),
                ))
                .all(self.db())
                .await
                .map(std::sync::Arc::new)
                .map_err(StoreError::from)
            })
            .await?;
        let by_code: Vec<CodeWait> = (1..=3)
            .map(|code| {
                let rows: Vec<&CodeFigures> =
                    figures.iter().filter(|f| f.decided_code == code).collect();
                let middle: Vec<i64> = rows.iter().filter_map(|f| f.middle).map(days).collect();
                CodeWait {
                    code,
                    count: rows.first().map_or(0, |f| f.n as usize),
                    median_days: middle.iter().sum::<i64>() as f64 / middle.len().max(1) as f64,
                    longest_days: rows.first().map_or(0, |f| days(f.oldest)),
                }
            })
            .collect();
        let total = by_code.iter().map(|c| c.count).sum();

        // Only what the list shows is read: the sealed answers stay in the table, and of the
        // person only her sealed name. The window is cut before the names are looked up, so
        // that a page far down the list skips index entries, not persons; each name is then
        // read by its key (as a join, PostgreSQL's planner preferred to hash the whole table of
        // persons for a hundred names: 0.7 ms against 0.2 ms with 5,000 persons). The bounds
        // are written into the SQL rather than bound: SQLite prepares again, at every run, a
        // statement whose LIMIT or OFFSET is a parameter (its planner reads their values).
        let window_sql = format!(
            "SELECT w.id, w.person_id, w.received_at, w.decided_code, w.proposed_code, \
             w.teenager, w.service_area, w.sequence, w.assigned_to, w.first_meeting_at, \
             (SELECT p.name_sealed FROM persons p WHERE p.id = w.person_id) AS name_sealed, \
             (SELECT p.file_key_sealed FROM persons p WHERE p.id = w.person_id) AS file_key_sealed \
             FROM (SELECT id, person_id, received_at, decided_code, proposed_code, teenager, \
             service_area, sequence, assigned_to, first_meeting_at FROM help_requests \
             WHERE {waiting} ORDER BY decided_code, received_at, id LIMIT {} OFFSET {}) w \
             ORDER BY w.decided_code, w.received_at, w.id",
            limit.min(i64::MAX as usize),
            offset.min(i64::MAX as usize)
        );
        let read_window = async {
            WaitRow::find_by_statement(Statement::from_sql_and_values(backend, window_sql, values))
                .all(self.db())
                .await
                .map(std::sync::Arc::new)
                .map_err(StoreError::from)
        };
        // The window a page shows is kept until a change, as the figures are: the whole intake
        // team opens the same first page of the list again and again. Its rows are kept as the
        // database holds them, names sealed, and opened at each reading. A window larger than
        // a page (the API's, up to 5,000) is read each time rather than held in memory.
        let window = if limit <= KEPT_WINDOW {
            self.wait_windows
                .get_at(changes, (organization_id, area, offset, limit), read_window)
                .await?
        } else {
            read_window.await?
        };
        let requests = window
            .iter()
            .map(|r| {
                let name = match &r.name_sealed {
                    Some(sealed) => self.open_text_in(
                        self.file_key_from(r.person_id, r.file_key_sealed.as_deref())?
                            .as_ref(),
                        "persons",
                        "name",
                        r.person_id,
                        sealed,
                    )?,
                    None => String::new(),
                };
                Ok(WaitingRequest {
                    id: r.id,
                    name,
                    person_id: r.person_id,
                    received_at: r.received_at,
                    code: r.decided_code,
                    proposed_code: r.proposed_code,
                    teenager: r.teenager,
                    service_area: r.service_area.clone(),
                    sequence: r.sequence,
                    assigned_to: r.assigned_to,
                    first_meeting_at: r.first_meeting_at,
                    waiting_days: days(r.received_at),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(WaitList {
            requests,
            by_code,
            total,
        })
    }

    /// The whole wait list.
    pub async fn wait_list(
        &self,
        organization_id: OrganizationId,
        area: Option<ServiceArea>,
    ) -> Result<WaitList, StoreError> {
        let changes = self.data_changes().await?;
        self.window_at(organization_id, changes, area, 0, usize::MAX)
            .await
    }
}

/// The largest window of the wait list kept until a change: a page of the groups' choice.
const KEPT_WINDOW: usize = 500;

/// The rows of one window of an organization's wait list (of one service area, from an
/// offset, so many), kept until a change.
pub(crate) type KeptWindows = crate::kept::Kept<
    (OrganizationId, Option<ServiceArea>, usize, usize),
    std::sync::Arc<Vec<WaitRow>>,
>;

/// The figures query's rows of one organization's wait list (of one service area), kept
/// until a change.
pub(crate) type KeptFigures =
    crate::kept::Kept<(OrganizationId, Option<ServiceArea>), std::sync::Arc<Vec<CodeFigures>>>;

/// One row of the figures query: a code's count and oldest request, with one of its middle
/// requests.
#[derive(Debug, sea_orm::FromQueryResult)]
pub(crate) struct CodeFigures {
    decided_code: i32,
    n: i64,
    oldest: DateTime<Utc>,
    middle: Option<DateTime<Utc>>,
}

#[derive(Debug, sea_orm::FromQueryResult)]
pub(crate) struct WaitRow {
    id: HelpRequestId,
    person_id: PersonId,
    received_at: DateTime<Utc>,
    decided_code: i32,
    proposed_code: i32,
    teenager: bool,
    service_area: String,
    sequence: i32,
    assigned_to: Option<UserId>,
    first_meeting_at: Option<DateTime<Utc>>,
    name_sealed: Option<String>,
    file_key_sealed: Option<String>,
}

/// What a caseworker or the coordinator does with a waiting request.
#[derive(Clone, Debug)]
pub enum WaitListAction {
    /// Gives the request to a member of the team.
    Assign { user_id: UserId },
    /// Books the first meeting: when and where.
    BookFirstMeeting { at: DateTime<Utc>, place: String },
    /// Takes the request off the list before any meeting.
    Close {
        reason: havre_domain::intake::CloseReason,
    },
}

impl Store {
    /// Applies an action to a waiting request of the organization. Another organization's
    /// request, or one already closed, answers NotFound; bad input changes nothing.
    pub async fn act_on_waiting_request(
        &self,
        actor: &crate::Actor,
        organization_id: OrganizationId,
        id: HelpRequestId,
        action: WaitListAction,
    ) -> Result<WaitingRequest, StoreError> {
        use crate::audit::{Action, Event};
        use sea_orm::{ActiveModelTrait, Set};
        let (saved, now) = self
            .write(actor, async |txn| {
                let request = help_request::Entity::find_by_id(id)
                    .filter(help_request::Column::OrganizationId.eq(organization_id))
                    .filter(help_request::Column::Status.eq("waiting"))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let now = self.now();
                let received_at = request.received_at;
                let person_id = request.person_id;
                let first_request = request.sequence == 1;
                let mut model: help_request::ActiveModel = request.into();
                let detail = match &action {
                    WaitListAction::Assign { user_id } => {
                        // Only a member of this organization's intake team can take a request.
                        let member = self
                            .user(organization_id, *user_id)
                            .await
                            .map_err(|_| StoreError::invalid("user_id", "value-not-in-list"))?;
                        if !member.active
                            || !havre_domain::policy::may_be_given_files(&member.roles)
                        {
                            return Err(StoreError::invalid("user_id", "value-not-in-list"));
                        }
                        model.assigned_to = Set(Some((*user_id).into()));
                        // She who takes a first request has the file: it holds nothing yet that the
                        // request's page does not show. A returning woman's file holds her earlier
                        // episodes; only the coordinator gives it (on the file), or a reason opens it.
                        if first_request {
                            crate::files::assign_in(
                                txn,
                                organization_id,
                                person_id.into(),
                                *user_id,
                                now,
                            )
                            .await?;
                        }
                        serde_json::json!({ "assigned_to": user_id })
                    }
                    WaitListAction::BookFirstMeeting { at, place } => {
                        let place = place.trim();
                        let mut problems = Vec::new();
                        if *at < received_at {
                            problems.push(crate::FieldError {
                                field: "at",
                                message_key: "meeting-before-request",
                            });
                        }
                        if place.is_empty() || place.chars().count() > 200 {
                            problems.push(crate::FieldError {
                                field: "place",
                                message_key: "field-required",
                            });
                        }
                        if !problems.is_empty() {
                            return Err(StoreError::Invalid(problems));
                        }
                        model.first_meeting_at = Set(Some(*at));
                        model.first_meeting_place = Set(Some(place.to_owned()));
                        serde_json::json!({ "first_meeting_at": at })
                    }
                    WaitListAction::Close { reason } => {
                        model.status = Set("closed".to_owned());
                        model.closed_at = Set(Some(now));
                        model.close_reason = Set(Some(reason.key().to_owned()));
                        serde_json::json!({ "close_reason": reason.key() })
                    }
                };
                let saved = model.update(txn).await?;
                Ok((
                    (saved, now),
                    Event::new(Action::WaitListChanged)
                        .target("help_request", id)
                        .detail(detail),
                ))
            })
            .await?;
        let name = match person::Entity::find_by_id(saved.person_id)
            .one(self.db())
            .await?
        {
            Some(p) => self.person_name(&p)?,
            None => String::new(),
        };
        Ok(WaitingRequest::from_model(saved, name, now))
    }
}

/// A waiting request as the person who calls her back sees it: how to reach her safely comes
/// with it, to be read before any call.
#[derive(Clone, Debug, Serialize)]
pub struct WaitingRequestDetail {
    pub request: WaitingRequest,
    pub phone: Option<String>,
    pub safe_contact: havre_domain::intake::SafeContact,
}

impl Store {
    /// One waiting request with the person's contact instructions. Reading it is logged.
    pub async fn waiting_request_detail(
        &self,
        actor: &crate::Actor,
        organization_id: OrganizationId,
        id: HelpRequestId,
    ) -> Result<WaitingRequestDetail, StoreError> {
        use crate::audit::{Action, Event};
        let row = help_request::Entity::find_by_id(id)
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::Status.eq("waiting"))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        let p = person::Entity::find_by_id(row.person_id)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        let key = self.file_key(&p)?;
        let open =
            |column, sealed: &str| self.open_text_in(key.as_ref(), "persons", column, p.id, sealed);
        let name = open("name", &p.name_sealed)?;
        let phone = p
            .phone_sealed
            .as_deref()
            .map(|v| open("phone", v))
            .transpose()?;
        let safe_contact = serde_json::from_str(&open("safe_contact", &p.safe_contact_sealed)?)
            .unwrap_or_default();
        self.audit(
            actor,
            Event::new(Action::HelpRequestRead).target("help_request", id),
        )
        .await?;
        let now = self.now();
        Ok(WaitingRequestDetail {
            request: WaitingRequest::from_model(row, name, now),
            phone,
            safe_contact,
        })
    }
}
