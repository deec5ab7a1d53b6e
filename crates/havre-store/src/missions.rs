//! Missions (docs/missions.md): the member partners and their caseworkers' accounts, the
//! service requests those caseworkers file and follow, the missions the coordinator plans for
//! them, the workers and their hours. Pay is in `pay.rs`.
//!
//! A partner's caseworker reads her own partner's requests and nothing else: every query of a
//! request goes through [`Store::request_row`], which answers "not found" alike for a request
//! that does not exist and for another partner's.

use crate::audit::{Action, Event};
use crate::entity::{
    mission, mission_task, mission_worker, partner, service_request, service_request_event,
    worked_hours, worker, worker_rate,
};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use havre_domain::ids::{
    ListValueId, MissionId, OrganizationId, PartnerId, ServiceRequestId, UserId, WorkerId,
};
use havre_domain::lists::ListKind;
use havre_domain::missions::{
    Membership, MissionStatus, RequestForm, Risk, ServiceRequestStatus, TEXT_MAX, Window,
    WorkedTime, six_months_after, worker_name_ok,
};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::validation::{optional_text, text_ok};
use havre_domain::zone::Zone;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// A member partner and the dates of its membership.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    pub joined_on: NaiveDate,
    /// The first day it is no longer a member.
    pub left_on: Option<NaiveDate>,
}

impl Partner {
    pub fn membership(&self) -> Membership {
        Membership {
            joined_on: self.joined_on,
            left_on: self.left_on,
        }
    }
}

impl From<partner::Model> for Partner {
    fn from(m: partner::Model) -> Self {
        Partner {
            id: m.id.into(),
            name: m.name,
            joined_on: m.joined_on,
            left_on: m.left_on,
        }
    }
}

/// A partner to add, or its new name and dates.
#[derive(Clone, Debug)]
pub struct PartnerForm {
    pub name: String,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

/// An account to open for a partner's caseworker.
#[derive(Clone, Debug)]
pub struct PartnerAccount {
    pub name: String,
    pub email: String,
    /// A first password, under the same rules as the team's.
    pub password: String,
}

/// The tenant as the request names her.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Tenant {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
}

/// A line of the list of requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RequestLine {
    pub id: ServiceRequestId,
    pub partner_id: PartnerId,
    pub partner_name: String,
    pub tenant_name: String,
    pub filed_at: DateTime<Utc>,
    pub status: ServiceRequestStatus,
    pub risk: Risk,
    pub risk_on: Option<NaiveDate>,
    /// For a partner's caseworker: it changed since her partner last read it.
    pub news: bool,
}

/// A change of a request as its partner is told of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RequestEvent {
    pub at: DateTime<Utc>,
    pub status: ServiceRequestStatus,
    pub message: Option<String>,
}

/// A mission as the partner's caseworker sees it: its day, its tasks and its report. Never
/// its workers, their hours or their pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PartnerMission {
    pub id: MissionId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: MissionStatus,
    pub partner_attends: bool,
    /// Task names, done or not.
    pub tasks: Vec<MissionTaskLine>,
    pub report: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MissionTaskLine {
    pub task_id: ListValueId,
    pub name: String,
    pub done: bool,
}

/// A service request, whole, as the reader may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ServiceRequest {
    pub id: ServiceRequestId,
    pub partner_id: PartnerId,
    pub partner_name: String,
    pub filed_by: UserId,
    pub tenant: Tenant,
    pub dwelling: String,
    pub household: i32,
    pub consent_on: NaiveDate,
    /// Whether she agrees to be counted, without her name, in the network's figures.
    pub network_consent: bool,
    pub risk: Risk,
    pub risk_on: Option<NaiveDate>,
    pub needs: String,
    pub availability: String,
    pub safety: Option<String>,
    pub status: ServiceRequestStatus,
    /// Why it was refused.
    pub reason: Option<String>,
    /// The team's own note: none for a partner's caseworker.
    pub internal_note: Option<String>,
    pub filed_at: DateTime<Utc>,
    pub events: Vec<RequestEvent>,
    pub missions: Vec<PartnerMission>,
    /// What the partner reported six months after the first mission.
    pub kept_in_home: Option<bool>,
    pub kept_reported_on: Option<NaiveDate>,
    /// Whether the partner may now report it: six months after the first mission done.
    pub may_report_kept: bool,
}

/// A worker as the team plans with her: her name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WorkerName {
    pub id: WorkerId,
    pub name: String,
    pub active: bool,
}

/// A worker's personal data: only the coordinator reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WorkerPersonal {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// An hourly rate from a day on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Rate {
    pub from: NaiveDate,
    pub cents_per_hour: i64,
}

/// A worker's record, for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WorkerRecord {
    pub id: WorkerId,
    pub name: String,
    pub personal: WorkerPersonal,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub rates: Vec<Rate>,
}

/// A worker to add, with her first rate.
#[derive(Clone, Debug)]
pub struct NewWorker {
    pub name: String,
    pub personal: WorkerPersonal,
    pub started_on: Option<NaiveDate>,
    pub cents_per_hour: Option<i64>,
}

/// A mission to plan, on the organization's clock.
#[derive(Clone, Debug)]
pub struct NewMission {
    pub request_id: ServiceRequestId,
    pub day: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub tasks: Vec<ListValueId>,
    pub workers: Vec<WorkerId>,
    pub supervisor_id: Option<UserId>,
    pub partner_attends: bool,
}

/// The hours a worker signed in, as the mission shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SignedHours {
    pub worker_id: WorkerId,
    pub worked: WorkedTime,
    pub minutes: i64,
}

/// A mission, whole, for the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Mission {
    pub id: MissionId,
    pub request_id: ServiceRequestId,
    pub partner_name: String,
    pub tenant_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub safety: Option<String>,
    pub supervisor_id: Option<UserId>,
    pub partner_attends: bool,
    pub status: MissionStatus,
    pub tasks: Vec<MissionTaskLine>,
    pub workers: Vec<WorkerName>,
    pub hours: Vec<SignedHours>,
    pub report: Option<String>,
}

/// A line of the list of missions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MissionLine {
    pub id: MissionId,
    pub request_id: ServiceRequestId,
    pub partner_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: MissionStatus,
    pub workers: i64,
}

/// A worker's hours on a mission done, corrected.
#[derive(Clone, Copy, Debug)]
pub struct HoursChange {
    pub worker: WorkerId,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub break_minutes: i64,
}

/// What is recorded after a mission: each worker's hours, the tasks done, the report to
/// the partner.
#[derive(Clone, Debug)]
pub struct MissionDone {
    pub hours: Vec<(WorkerId, WorkedTime)>,
    pub tasks_done: Vec<ListValueId>,
    pub report: String,
}

pub(crate) const REQUESTS: &str = "service_requests";
pub(crate) const WORKERS: &str = "workers";

/// The blind index of a tenant's name: two requests for her count her once.
pub(crate) fn tenant_key(name: &str) -> String {
    havre_domain::intake::normalize_name_year(name, 0)
}

fn status_of(key: &str) -> ServiceRequestStatus {
    ServiceRequestStatus::parse(key).unwrap_or(ServiceRequestStatus::Received)
}

impl Store {
    // ----- Partners -----

    pub async fn partners(&self, reader: &Reader) -> Result<Vec<Partner>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Partner))?;
        self.partners_of(reader.organization_id).await
    }

    async fn partners_of(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<Partner>, StoreError> {
        Ok(partner::Entity::find()
            .filter(partner::Column::OrganizationId.eq(organization_id))
            .order_by_asc(partner::Column::Name)
            .all(self.db())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The partner a partner's caseworker files for.
    pub async fn own_partner(&self, reader: &Reader) -> Result<Partner, StoreError> {
        let id = reader.partner_id.ok_or(StoreError::Forbidden)?;
        self.partner_row(self.db(), reader.organization_id, id)
            .await
            .map(Into::into)
    }

    async fn partner_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        id: PartnerId,
    ) -> Result<partner::Model, StoreError> {
        partner::Entity::find_by_id(id)
            .filter(partner::Column::OrganizationId.eq(organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)
    }

    fn check_partner_form(form: &PartnerForm) -> Result<NaiveDate, StoreError> {
        let mut problems = Vec::new();
        if !text_ok(&form.name, 200) {
            problems.push(FieldError::new("name", "field-required"));
        }
        let joined = form.joined_on;
        if joined.is_none() {
            problems.push(FieldError::new("joined_on", "date-invalid"));
        }
        if let (Some(j), Some(l)) = (joined, form.left_on)
            && l <= j
        {
            problems.push(FieldError::new("left_on", "partner-left-before-joined"));
        }
        match joined {
            Some(j) if problems.is_empty() => Ok(j),
            _ => Err(StoreError::Invalid(problems)),
        }
    }

    /// Adds a member partner, with the day it joined.
    pub async fn add_partner(
        &self,
        reader: &Reader,
        form: PartnerForm,
    ) -> Result<PartnerId, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::Partner))?;
        let joined_on = Self::check_partner_form(&form)?;
        let id = Uuid::new_v4();
        self.write(&reader.actor, async |txn| {
            partner::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                name: Set(form.name.trim().to_owned()),
                joined_on: Set(joined_on),
                left_on: Set(form.left_on),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                PartnerId::from(id),
                Event::new(Action::PartnerChanged)
                    .target("partner", id)
                    .detail(serde_json::json!({ "joined_on": joined_on, "left_on": form.left_on })),
            ))
        })
        .await
    }

    /// Renames a partner or changes its dates: ending its membership is setting the first
    /// day it is no longer a member.
    pub async fn change_partner(
        &self,
        reader: &Reader,
        id: PartnerId,
        form: PartnerForm,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Partner))?;
        self.write(&reader.actor, async |txn| {
            let row = self.partner_row(txn, reader.organization_id, id).await?;
            let joined_on = Self::check_partner_form(&form)?;
            let before = (row.joined_on, row.left_on);
            let mut model: partner::ActiveModel = row.into();
            model.name = Set(form.name.trim().to_owned());
            model.joined_on = Set(joined_on);
            model.left_on = Set(form.left_on);
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::PartnerChanged)
                    .target("partner", id)
                    .detail(serde_json::json!({
                        "from": { "joined_on": before.0, "left_on": before.1 },
                        "to": { "joined_on": joined_on, "left_on": form.left_on },
                    })),
            ))
        })
        .await
    }

    /// An account for a caseworker of a member partner: she files and follows its requests,
    /// with the same password and second-factor rules as the team.
    pub async fn add_partner_account(
        &self,
        reader: &Reader,
        partner_id: PartnerId,
        account: PartnerAccount,
    ) -> Result<crate::accounts::User, StoreError> {
        let new = crate::accounts::NewUser {
            email: account.email,
            name: account.name,
            roles: policy::partner_account_roles(),
            password: account.password,
        };
        reader.check(policy::Action::Assign, &Record::new(RecordKind::Partner))?;
        self.partner_row(self.db(), reader.organization_id, partner_id)
            .await?;
        self.create_account(&reader.actor, reader.organization_id, new, Some(partner_id))
            .await
    }

    /// The accounts of a partner's caseworkers.
    pub async fn partner_accounts(
        &self,
        reader: &Reader,
        partner_id: PartnerId,
    ) -> Result<Vec<crate::accounts::User>, StoreError> {
        reader.check(policy::Action::Assign, &Record::new(RecordKind::Partner))?;
        self.partner_row(self.db(), reader.organization_id, partner_id)
            .await?;
        Ok(self
            .users(reader.organization_id)
            .await?
            .into_iter()
            .filter(|u| u.partner_id == Some(partner_id))
            .collect())
    }

    // ----- Service requests -----

    /// Whether the reader reads a request of this partner today: the team reads them all; a
    /// partner's caseworker her own partner's, while it is a member and for 90 days after.
    async fn request_record<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        partner_id: Uuid,
        today: NaiveDate,
    ) -> Result<Record, StoreError> {
        let hers = match reader.partner_id {
            Some(own) if Uuid::from(own) == partner_id => self
                .partner_row(conn, reader.organization_id, own)
                .await
                .map(|p| Partner::from(p).membership().reads_past_requests(today))
                .unwrap_or(false),
            _ => false,
        };
        Ok(Record::new(RecordKind::ServiceRequest).in_her_charge(hers))
    }

    /// A request the reader may do `action` with: "not found" alike for one that does not
    /// exist and one she may not read, so that an id cannot be guessed.
    async fn request_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        zone: Zone,
        id: ServiceRequestId,
        action: policy::Action,
    ) -> Result<service_request::Model, StoreError> {
        let row = service_request::Entity::find_by_id(id)
            .filter(service_request::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let today = zone.day_of(self.now());
        let record = self
            .request_record(conn, reader, row.partner_id, today)
            .await?;
        if !reader.may(policy::Action::Read, &record) {
            return Err(StoreError::NotFound);
        }
        reader.check(action, &record)?;
        Ok(row)
    }

    /// Files a request for a tenant: only a caseworker of a member partner, while her partner
    /// is a member. The partner is told it was received.
    pub async fn file_request(
        &self,
        reader: &Reader,
        zone: Zone,
        form: RequestForm,
    ) -> Result<ServiceRequestId, StoreError> {
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::ServiceRequest),
        )?;
        let partner = self.own_partner(reader).await?;
        let today = zone.day_of(self.now());
        if !partner.membership().may_file(today) {
            return Err(StoreError::invalid("partner", "partner-membership-ended"));
        }
        let household = form.check().map_err(StoreError::Invalid)?;
        let id = Uuid::new_v4();
        let now = self.now();
        let tenant = Tenant {
            name: form.tenant_name.trim().to_owned(),
            phone: optional_text(&form.tenant_phone),
        };
        let tenant_json =
            serde_json::to_string(&tenant).map_err(|e| StoreError::Other(e.to_string()))?;
        self.write(&reader.actor, async |txn| {
            service_request::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                partner_id: Set(partner.id.into()),
                filed_by: Set(reader.user_id.into()),
                tenant_index: Set(self
                    .keys()
                    .blind_index("tenant-name", &tenant_key(&tenant.name))),
                tenant_sealed: Set(self.seal_at(REQUESTS, "tenant", id, &tenant_json)),
                dwelling_sealed: Set(self.seal_at(REQUESTS, "dwelling", id, form.dwelling.trim())),
                household: Set(household),
                consent_on: Set(today),
                network_consent: Set(form.network_consent),
                risk: Set(form.risk.unwrap_or(Risk::Other).key().to_owned()),
                risk_on: Set(form.risk_on),
                needs_sealed: Set(self.seal_at(REQUESTS, "needs", id, form.needs.trim())),
                availability_sealed: Set(self.seal_at(
                    REQUESTS,
                    "availability",
                    id,
                    form.availability.trim(),
                )),
                safety_sealed: Set(
                    optional_text(&form.safety).map(|s| self.seal_at(REQUESTS, "safety", id, &s))
                ),
                status: Set(ServiceRequestStatus::Received.key().to_owned()),
                reason_sealed: Set(None),
                internal_sealed: Set(None),
                filed_at: Set(now),
                updated_at: Set(now),
                partner_seen_events: Set(1),
                kept_in_home: Set(None),
                kept_reported_on: Set(None),
            }
            .insert(txn)
            .await?;
            self.request_event(txn, reader, id, ServiceRequestStatus::Received, None)
                .await?;
            Ok((
                ServiceRequestId::from(id),
                Event::new(Action::ServiceRequestFiled)
                    .target("service_request", id)
                    .detail(serde_json::json!({ "partner": partner.id })),
            ))
        })
        .await
    }

    async fn request_event<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        request: Uuid,
        status: ServiceRequestStatus,
        message: Option<&str>,
    ) -> Result<(), StoreError> {
        let id = Uuid::new_v4();
        service_request_event::ActiveModel {
            id: Set(id),
            organization_id: Set(reader.organization_id.into()),
            request_id: Set(request),
            at: Set(self.now()),
            status: Set(status.key().to_owned()),
            message_sealed: Set(
                message.map(|m| self.seal_at("service_request_events", "message", id, m))
            ),
            by_user: Set(Some(reader.user_id.into())),
        }
        .insert(conn)
        .await?;
        Ok(())
    }

    /// The requests the reader may read, latest first: the team's all, a partner's
    /// caseworker her partner's (none once its 90 days after membership are over).
    pub async fn service_requests(
        &self,
        reader: &Reader,
        zone: Zone,
    ) -> Result<Vec<RequestLine>, StoreError> {
        let today = zone.day_of(self.now());
        let mut query = service_request::Entity::find()
            .filter(service_request::Column::OrganizationId.eq(reader.organization_id));
        if !reader.may(
            policy::Action::Read,
            &Record::new(RecordKind::ServiceRequest),
        ) {
            let Some(own) = reader.partner_id else {
                return Err(StoreError::Forbidden);
            };
            if !reader.may(
                policy::Action::Read,
                &self
                    .request_record(self.db(), reader, own.into(), today)
                    .await?,
            ) {
                return Ok(Vec::new());
            }
            query = query.filter(service_request::Column::PartnerId.eq(own));
        }
        let rows = query
            .order_by_desc(service_request::Column::FiledAt)
            .all(self.db())
            .await?;
        let names: HashMap<Uuid, String> = self
            .partners_of(reader.organization_id)
            .await?
            .into_iter()
            .map(|p| (p.id.into(), p.name))
            .collect();
        let mut events: HashMap<Uuid, i32> = HashMap::new();
        if reader.partner_id.is_some() {
            let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
            for chunk in ids.chunks(500) {
                for e in service_request_event::Entity::find()
                    .filter(service_request_event::Column::RequestId.is_in(chunk.to_vec()))
                    .all(self.db())
                    .await?
                {
                    *events.entry(e.request_id).or_default() += 1;
                }
            }
        }
        rows.into_iter()
            .map(|r| {
                let tenant: Tenant = serde_json::from_str(&self.open_at(
                    REQUESTS,
                    "tenant",
                    r.id,
                    &r.tenant_sealed,
                )?)
                .unwrap_or_default();
                Ok(RequestLine {
                    id: r.id.into(),
                    partner_id: r.partner_id.into(),
                    partner_name: names.get(&r.partner_id).cloned().unwrap_or_default(),
                    tenant_name: tenant.name,
                    filed_at: r.filed_at,
                    status: status_of(&r.status),
                    risk: Risk::parse(&r.risk).unwrap_or(Risk::Other),
                    risk_on: r.risk_on,
                    news: events
                        .get(&r.id)
                        .is_some_and(|n| *n > r.partner_seen_events),
                })
            })
            .collect()
    }

    /// How many of her partner's requests changed since she last read them: what a partner's
    /// caseworker is told on her home page.
    pub async fn request_news(&self, reader: &Reader, zone: Zone) -> Result<usize, StoreError> {
        Ok(self
            .service_requests(reader, zone)
            .await?
            .iter()
            .filter(|r| r.news)
            .count())
    }

    /// One request, whole, as the reader may see it. A partner's caseworker reading it marks
    /// its changes as seen.
    pub async fn service_request(
        &self,
        reader: &Reader,
        zone: Zone,
        id: ServiceRequestId,
    ) -> Result<ServiceRequest, StoreError> {
        let row = self
            .request_row(self.db(), reader, zone, id, policy::Action::Read)
            .await?;
        let team = reader.may(
            policy::Action::Read,
            &Record::new(RecordKind::ServiceRequest),
        );
        let partner = self
            .partner_row(self.db(), reader.organization_id, row.partner_id.into())
            .await?;
        let events = service_request_event::Entity::find()
            .filter(service_request_event::Column::RequestId.eq(row.id))
            .order_by_asc(service_request_event::Column::At)
            .all(self.db())
            .await?
            .into_iter()
            .map(|e| {
                Ok(RequestEvent {
                    at: e.at,
                    status: status_of(&e.status),
                    message: self.open_opt(
                        "service_request_events",
                        "message",
                        e.id,
                        &e.message_sealed,
                    )?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let missions = self
            .partner_missions(row.id, reader.organization_id)
            .await?;
        let first_done = missions
            .iter()
            .filter(|m| m.status == MissionStatus::Done)
            .map(|m| zone.day_of(m.starts_at))
            .min();
        let today = zone.day_of(self.now());
        let request = ServiceRequest {
            id: row.id.into(),
            partner_id: row.partner_id.into(),
            partner_name: partner.name,
            filed_by: row.filed_by.into(),
            tenant: serde_json::from_str(&self.open_at(
                REQUESTS,
                "tenant",
                row.id,
                &row.tenant_sealed,
            )?)
            .unwrap_or_default(),
            dwelling: self.open_at(REQUESTS, "dwelling", row.id, &row.dwelling_sealed)?,
            household: row.household,
            consent_on: row.consent_on,
            network_consent: row.network_consent,
            risk: Risk::parse(&row.risk).unwrap_or(Risk::Other),
            risk_on: row.risk_on,
            needs: self.open_at(REQUESTS, "needs", row.id, &row.needs_sealed)?,
            availability: self.open_at(
                REQUESTS,
                "availability",
                row.id,
                &row.availability_sealed,
            )?,
            safety: self.open_opt(REQUESTS, "safety", row.id, &row.safety_sealed)?,
            status: status_of(&row.status),
            reason: self.open_opt(REQUESTS, "reason", row.id, &row.reason_sealed)?,
            internal_note: if team {
                self.open_opt(REQUESTS, "internal", row.id, &row.internal_sealed)?
            } else {
                None
            },
            filed_at: row.filed_at,
            events,
            missions,
            kept_in_home: row.kept_in_home,
            kept_reported_on: row.kept_reported_on,
            may_report_kept: !team
                && row.kept_in_home.is_none()
                && first_done.is_some_and(|d| six_months_after(d, today)),
        };
        if reader.partner_id.is_some() {
            let mut model: service_request::ActiveModel = row.into();
            model.partner_seen_events = Set(request.events.len() as i32);
            model.update(self.db()).await?;
        }
        self.audit(
            &reader.actor,
            Event::new(Action::ServiceRequestRead).target("service_request", id),
        )
        .await?;
        Ok(request)
    }

    /// Moves a request along its statuses (accepted, refused with its reason, done, closed);
    /// the partner is told, with the message if there is one. Planned is set by planning a
    /// mission.
    pub async fn move_request(
        &self,
        reader: &Reader,
        zone: Zone,
        id: ServiceRequestId,
        to: ServiceRequestStatus,
        message: &str,
    ) -> Result<(), StoreError> {
        let message = optional_text(message);
        if message
            .as_ref()
            .is_some_and(|m| m.chars().count() > TEXT_MAX)
        {
            return Err(StoreError::invalid("message", "text-too-long"));
        }
        if to == ServiceRequestStatus::Refused && message.is_none() {
            return Err(StoreError::invalid("message", "refusal-reason-required"));
        }
        self.write(&reader.actor, async |txn| {
            let row = self
                .request_row(txn, reader, zone, id, policy::Action::Decide)
                .await?;
            let from = status_of(&row.status);
            if !from.may_move_to(to) || to == ServiceRequestStatus::Planned {
                return Err(StoreError::invalid("status", "request-status-invalid"));
            }
            let request = row.id;
            let mut model: service_request::ActiveModel = row.into();
            model.status = Set(to.key().to_owned());
            model.updated_at = Set(self.now());
            if to == ServiceRequestStatus::Refused {
                model.reason_sealed = Set(message
                    .as_deref()
                    .map(|m| self.seal_at(REQUESTS, "reason", request, m)));
            }
            model.update(txn).await?;
            self.request_event(txn, reader, request, to, message.as_deref())
                .await?;
            Ok((
                (),
                Event::new(Action::ServiceRequestChanged)
                    .target("service_request", id)
                    .detail(serde_json::json!({ "from": from.key(), "to": to.key() })),
            ))
        })
        .await
    }

    /// The team's own note on a request: the partner never reads it.
    pub async fn set_internal_note(
        &self,
        reader: &Reader,
        zone: Zone,
        id: ServiceRequestId,
        note: &str,
    ) -> Result<(), StoreError> {
        let note = optional_text(note);
        if note.as_ref().is_some_and(|m| m.chars().count() > TEXT_MAX) {
            return Err(StoreError::invalid("note", "text-too-long"));
        }
        self.write(&reader.actor, async |txn| {
            let row = self
                .request_row(txn, reader, zone, id, policy::Action::Edit)
                .await?;
            let request = row.id;
            let mut model: service_request::ActiveModel = row.into();
            model.internal_sealed = Set(note
                .as_deref()
                .map(|n| self.seal_at(REQUESTS, "internal", request, n)));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::ServiceRequestChanged)
                    .target("service_request", id)
                    .detail(serde_json::json!({ "internal_note": note.is_some() })),
            ))
        })
        .await
    }

    /// The partner's report, six months after the first mission done, of whether the tenant
    /// is still in her home: the program's figure.
    pub async fn report_kept_in_home(
        &self,
        reader: &Reader,
        zone: Zone,
        id: ServiceRequestId,
        kept: Option<bool>,
    ) -> Result<(), StoreError> {
        let today = zone.day_of(self.now());
        self.write(&reader.actor, async |txn| {
            let row = self
                .request_row(txn, reader, zone, id, policy::Action::Read)
                .await?;
            if reader.partner_id.is_none() {
                return Err(StoreError::Forbidden);
            }
            // The answer is asked for once the request is known to be hers to answer.
            let kept = kept.ok_or_else(|| StoreError::invalid("kept_in_home", "field-required"))?;
            let first_done = mission::Entity::find()
                .filter(mission::Column::RequestId.eq(row.id))
                .filter(mission::Column::Status.eq(MissionStatus::Done.key()))
                .order_by_asc(mission::Column::StartsAt)
                .one(txn)
                .await?
                .map(|m| zone.day_of(m.starts_at));
            if row.kept_in_home.is_some() || !first_done.is_some_and(|d| six_months_after(d, today))
            {
                return Err(StoreError::invalid("kept_in_home", "kept-in-home-not-due"));
            }
            let mut model: service_request::ActiveModel = row.into();
            model.kept_in_home = Set(Some(kept));
            model.kept_reported_on = Set(Some(today));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::ServiceRequestChanged)
                    .target("service_request", id)
                    .detail(serde_json::json!({ "kept_in_home": kept })),
            ))
        })
        .await
    }

    // ----- Workers -----

    /// The workers, by name, to plan missions with.
    pub async fn workers(
        &self,
        reader: &Reader,
        today: NaiveDate,
    ) -> Result<Vec<WorkerName>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Worker))?;
        let mut workers = worker::Entity::find()
            .filter(worker::Column::OrganizationId.eq(reader.organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|w| self.worker_name(&w, today))
            .collect::<Result<Vec<_>, _>>()?;
        workers.sort_by(|a, b| (!a.active, &a.name).cmp(&(!b.active, &b.name)));
        Ok(workers)
    }

    fn worker_name(&self, w: &worker::Model, today: NaiveDate) -> Result<WorkerName, StoreError> {
        Ok(WorkerName {
            id: w.id.into(),
            name: self.open_at(WORKERS, "name", w.id, &w.name_sealed)?,
            active: w.started_on <= today && w.ended_on.is_none_or(|e| today < e),
        })
    }

    pub(crate) async fn worker_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        id: WorkerId,
    ) -> Result<worker::Model, StoreError> {
        worker::Entity::find_by_id(id)
            .filter(worker::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Adds a worker with her first hourly rate, from the day she starts.
    pub async fn add_worker(
        &self,
        reader: &Reader,
        new: NewWorker,
    ) -> Result<WorkerId, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::Worker))?;
        let mut problems = Vec::new();
        if !worker_name_ok(&new.name) {
            problems.push(FieldError::new("name", "field-required"));
        }
        if new.started_on.is_none() {
            problems.push(FieldError::new("started_on", "date-invalid"));
        }
        if new.cents_per_hour.is_none_or(|c| c <= 0) {
            problems.push(FieldError::new("cents_per_hour", "worker-rate-invalid"));
        }
        if let Some(phone) = &new.personal.phone
            && !phone.trim().is_empty()
            && !havre_domain::validation::is_valid_phone(phone)
        {
            problems.push(FieldError::new("phone", "phone-invalid"));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let (started_on, cents) = (
            new.started_on.unwrap_or_default(),
            new.cents_per_hour.unwrap_or_default(),
        );
        let id = Uuid::new_v4();
        let personal = WorkerPersonal {
            phone: new.personal.phone.as_deref().and_then(optional_text),
            notes: new.personal.notes.as_deref().and_then(optional_text),
        };
        self.write(&reader.actor, async |txn| {
            worker::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                name_sealed: Set(self.seal_at(WORKERS, "name", id, new.name.trim())),
                personal_sealed: Set(Some(self.seal_at(
                    WORKERS,
                    "personal",
                    id,
                    &serde_json::to_string(&personal).unwrap_or_default(),
                ))),
                started_on: Set(started_on),
                ended_on: Set(None),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            self.insert_rate(txn, reader, id, started_on, cents).await?;
            Ok((
                WorkerId::from(id),
                Event::new(Action::WorkerChanged)
                    .target("worker", id)
                    .detail(
                        serde_json::json!({ "started_on": started_on, "cents_per_hour": cents }),
                    ),
            ))
        })
        .await
    }

    async fn insert_rate<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        worker: Uuid,
        from: NaiveDate,
        cents: i64,
    ) -> Result<(), StoreError> {
        worker_rate::ActiveModel {
            id: Set(Uuid::new_v4()),
            organization_id: Set(reader.organization_id.into()),
            worker_id: Set(worker),
            from_on: Set(from),
            cents_per_hour: Set(cents),
            created_by: Set(Some(reader.user_id.into())),
            created_at: Set(self.now()),
        }
        .insert(conn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                StoreError::invalid("from", "worker-rate-same-day")
            }
            _ => e.into(),
        })?;
        Ok(())
    }

    /// A new hourly rate from a day on. A statement already approved keeps the rate it was
    /// approved with.
    pub async fn change_rate(
        &self,
        reader: &Reader,
        id: WorkerId,
        from: Option<NaiveDate>,
        cents_per_hour: Option<i64>,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::WorkerRecord))?;
        let mut problems = Vec::new();
        if from.is_none() {
            problems.push(FieldError::new("from", "date-invalid"));
        }
        if cents_per_hour.is_none_or(|c| c <= 0) {
            problems.push(FieldError::new("cents_per_hour", "worker-rate-invalid"));
        }
        let (Some(from), Some(cents), true) = (from, cents_per_hour, problems.is_empty()) else {
            return Err(StoreError::Invalid(problems));
        };
        self.write(&reader.actor, async |txn| {
            let w = self.worker_row(txn, reader, id).await?;
            self.insert_rate(txn, reader, w.id, from, cents).await?;
            Ok((
                (),
                Event::new(Action::WorkerChanged)
                    .target("worker", id)
                    .detail(serde_json::json!({ "rate_from": from, "cents_per_hour": cents })),
            ))
        })
        .await
    }

    /// The last day a worker works with the organization, or none to take her back.
    pub async fn end_worker(
        &self,
        reader: &Reader,
        id: WorkerId,
        ended_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Worker))?;
        self.write(&reader.actor, async |txn| {
            let w = self.worker_row(txn, reader, id).await?;
            if ended_on.is_some_and(|e| e <= w.started_on) {
                return Err(StoreError::invalid("ended_on", "worker-ended-before-start"));
            }
            let mut model: worker::ActiveModel = w.into();
            model.ended_on = Set(ended_on);
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::WorkerChanged)
                    .target("worker", id)
                    .detail(serde_json::json!({ "ended_on": ended_on })),
            ))
        })
        .await
    }

    pub(crate) async fn rates_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        worker: Uuid,
    ) -> Result<Vec<Rate>, StoreError> {
        Ok(worker_rate::Entity::find()
            .filter(worker_rate::Column::WorkerId.eq(worker))
            .order_by_asc(worker_rate::Column::FromOn)
            .all(conn)
            .await?
            .into_iter()
            .map(|r| Rate {
                from: r.from_on,
                cents_per_hour: r.cents_per_hour,
            })
            .collect())
    }

    /// A worker's record: her personal data and rates, for the coordinator alone. The read
    /// is audited.
    pub async fn worker_record(
        &self,
        reader: &Reader,
        id: WorkerId,
    ) -> Result<WorkerRecord, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::WorkerRecord))?;
        let w = self.worker_row(self.db(), reader, id).await?;
        let personal = match &w.personal_sealed {
            Some(s) => serde_json::from_str(&self.open_at(WORKERS, "personal", w.id, s)?)
                .unwrap_or_default(),
            None => WorkerPersonal::default(),
        };
        let record = WorkerRecord {
            id,
            name: self.open_at(WORKERS, "name", w.id, &w.name_sealed)?,
            personal,
            started_on: w.started_on,
            ended_on: w.ended_on,
            rates: self.rates_of(self.db(), w.id).await?,
        };
        self.audit(
            &reader.actor,
            Event::new(Action::WorkerRead).target("worker", id),
        )
        .await?;
        Ok(record)
    }

    // ----- Missions -----

    /// Plans a mission for an accepted request: its window on the organization's clock, its
    /// place, tasks and workers. A worker already on a mission at that time is refused, with
    /// the mission named. The request is then planned, and its partner told.
    pub async fn plan_mission(
        &self,
        reader: &Reader,
        zone: Zone,
        new: NewMission,
    ) -> Result<MissionId, StoreError> {
        self.write(&reader.actor, async |txn| {
            let request = self
                .request_row(txn, reader, zone, new.request_id, policy::Action::Read)
                .await?;
            reader.check(policy::Action::Create, &Record::new(RecordKind::Mission))?;
            let status = status_of(&request.status);
            let mut problems = Vec::new();
            // A request done may get another mission: it is planned again.
            if !matches!(
                status,
                ServiceRequestStatus::Accepted
                    | ServiceRequestStatus::Planned
                    | ServiceRequestStatus::Done
            ) {
                problems.push(FieldError::new(
                    "request_id",
                    "mission-request-not-accepted",
                ));
            }
            let window = match (new.day, new.start, new.end) {
                (Some(day), Some(start), Some(end)) if start < end => Some(Window {
                    from: day.and_time(start),
                    to: day.and_time(end),
                }),
                (Some(_), Some(_), Some(_)) => {
                    problems.push(FieldError::new("end", "worked-end-before-start"));
                    None
                }
                (day, start, end) => {
                    for (v, f) in [
                        (day.is_some(), "day"),
                        (start.is_some(), "start"),
                        (end.is_some(), "end"),
                    ] {
                        if !v {
                            problems.push(FieldError::new(
                                f,
                                if f == "day" {
                                    "date-invalid"
                                } else {
                                    "time-invalid"
                                },
                            ));
                        }
                    }
                    None
                }
            };
            if !text_ok(&new.place, 500) {
                problems.push(FieldError::new("place", "field-required"));
            }
            if let Err(e) = self
                .check_list_values(
                    txn,
                    reader.organization_id,
                    ListKind::MissionTask,
                    &new.tasks,
                    "tasks",
                )
                .await
            {
                problems.push(e);
            }
            let mut workers = new.workers.clone();
            workers.sort();
            workers.dedup();
            if workers.is_empty() {
                problems.push(FieldError::new("workers", "mission-workers-required"));
            }
            let mut rows = Vec::new();
            for w in &workers {
                match self.worker_row(txn, reader, *w).await {
                    Ok(row) => rows.push(row),
                    Err(StoreError::NotFound) => {
                        problems.push(FieldError::new("workers", "value-not-in-list"))
                    }
                    Err(e) => return Err(e),
                }
            }
            if let Some(supervisor) = new.supervisor_id {
                let ok = self
                    .user(reader.organization_id, supervisor)
                    .await
                    .is_ok_and(|u| u.active && policy::may_supervise_missions(&u.roles));
                if !ok {
                    problems.push(FieldError::new("supervisor_id", "value-not-in-list"));
                }
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let window = window.expect("checked above");
            let (Some(starts_at), Some(ends_at)) =
                (zone.instant(window.from), zone.instant(window.to))
            else {
                return Err(StoreError::invalid("start", "time-invalid"));
            };
            for w in &rows {
                let name = self.worker_name(w, window.from.date())?;
                if !name.active {
                    return Err(StoreError::invalid("workers", "worker-not-active"));
                }
                if let Some(other) = self.busy(txn, w.id, starts_at, ends_at, None).await? {
                    return Err(StoreError::Busy {
                        worker: name.name,
                        from: zone.local(other.starts_at).naive_local(),
                        to: zone.local(other.ends_at).naive_local(),
                    });
                }
            }
            let id = Uuid::new_v4();
            mission::ActiveModel {
                id: Set(id),
                organization_id: Set(reader.organization_id.into()),
                request_id: Set(request.id),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                place_sealed: Set(self.seal_at("missions", "place", id, new.place.trim())),
                supervisor_id: Set(new.supervisor_id.map(Into::into)),
                partner_attends: Set(new.partner_attends),
                status: Set(MissionStatus::Planned.key().to_owned()),
                report_sealed: Set(None),
                done_at: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            let mut tasks = new.tasks.clone();
            tasks.sort();
            tasks.dedup();
            for t in tasks {
                mission_task::ActiveModel {
                    mission_id: Set(id),
                    task_id: Set(t.into()),
                    organization_id: Set(reader.organization_id.into()),
                    done: Set(false),
                }
                .insert(txn)
                .await?;
            }
            for w in &workers {
                mission_worker::ActiveModel {
                    mission_id: Set(id),
                    worker_id: Set((*w).into()),
                    organization_id: Set(reader.organization_id.into()),
                }
                .insert(txn)
                .await?;
            }
            let request_id = request.id;
            let mut model: service_request::ActiveModel = request.into();
            model.status = Set(ServiceRequestStatus::Planned.key().to_owned());
            model.updated_at = Set(self.now());
            model.update(txn).await?;
            self.request_event(txn, reader, request_id, ServiceRequestStatus::Planned, None)
                .await?;
            Ok((
                MissionId::from(id),
                Event::new(Action::MissionPlanned)
                    .target("mission", id)
                    .detail(serde_json::json!({
                        "request": new.request_id,
                        "starts_at": starts_at,
                        "ends_at": ends_at,
                        "workers": workers,
                    })),
            ))
        })
        .await
    }

    /// The mission a worker is on at some moment of a window, other than `except`.
    async fn busy<C: ConnectionTrait>(
        &self,
        conn: &C,
        worker: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        except: Option<Uuid>,
    ) -> Result<Option<mission::Model>, StoreError> {
        let missions: Vec<Uuid> = mission_worker::Entity::find()
            .filter(mission_worker::Column::WorkerId.eq(worker))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| m.mission_id)
            .filter(|m| Some(*m) != except)
            .collect();
        if missions.is_empty() {
            return Ok(None);
        }
        Ok(mission::Entity::find()
            .filter(mission::Column::Id.is_in(missions))
            .filter(mission::Column::Status.ne(MissionStatus::Cancelled.key()))
            .filter(mission::Column::StartsAt.lt(to))
            .filter(mission::Column::EndsAt.gt(from))
            .one(conn)
            .await?)
    }

    async fn mission_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        zone: Zone,
        id: MissionId,
        action: policy::Action,
    ) -> Result<mission::Model, StoreError> {
        let row = mission::Entity::find_by_id(id)
            .filter(mission::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let record = self.mission_record(conn, reader, zone, &row).await?;
        if !reader.may(policy::Action::Read, &record) {
            return Err(StoreError::NotFound);
        }
        reader.check(action, &record)?;
        Ok(row)
    }

    async fn mission_record<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        zone: Zone,
        row: &mission::Model,
    ) -> Result<Record, StoreError> {
        let hers = if reader.partner_id.is_some() {
            let request = service_request::Entity::find_by_id(row.request_id)
                .one(conn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let today = zone.day_of(self.now());
            self.request_record(conn, reader, request.partner_id, today)
                .await?
                .in_her_charge
        } else {
            row.supervisor_id == Some(reader.user_id.into())
        };
        Ok(Record::new(RecordKind::Mission).in_her_charge(hers))
    }

    async fn tasks_of(&self, mission: Uuid) -> Result<Vec<MissionTaskLine>, StoreError> {
        let rows = mission_task::Entity::find()
            .filter(mission_task::Column::MissionId.eq(mission))
            .all(self.db())
            .await?;
        let names = self
            .list_value_names(rows.iter().map(|r| r.task_id.into()).collect())
            .await?;
        let mut tasks: Vec<MissionTaskLine> = rows
            .into_iter()
            .map(|r| MissionTaskLine {
                task_id: r.task_id.into(),
                name: names.get(&r.task_id).cloned().unwrap_or_default(),
                done: r.done,
            })
            .collect();
        tasks.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tasks)
    }

    /// French labels of list values, by id.
    async fn list_value_names(
        &self,
        ids: Vec<ListValueId>,
    ) -> Result<HashMap<Uuid, String>, StoreError> {
        use crate::entity::list_value;
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        Ok(list_value::Entity::find()
            .filter(list_value::Column::Id.is_in(ids))
            .all(self.db())
            .await?
            .into_iter()
            .map(|v| (v.id, v.label_fr))
            .collect())
    }

    async fn partner_missions(
        &self,
        request: Uuid,
        organization_id: OrganizationId,
    ) -> Result<Vec<PartnerMission>, StoreError> {
        let rows = mission::Entity::find()
            .filter(mission::Column::OrganizationId.eq(organization_id))
            .filter(mission::Column::RequestId.eq(request))
            .order_by_asc(mission::Column::StartsAt)
            .all(self.db())
            .await?;
        let mut missions = Vec::with_capacity(rows.len());
        for m in rows {
            missions.push(PartnerMission {
                id: m.id.into(),
                starts_at: m.starts_at,
                ends_at: m.ends_at,
                status: MissionStatus::parse(&m.status).unwrap_or(MissionStatus::Planned),
                partner_attends: m.partner_attends,
                tasks: self.tasks_of(m.id).await?,
                report: self.open_opt("missions", "report", m.id, &m.report_sealed)?,
            });
        }
        Ok(missions)
    }

    /// A mission, whole, for the team: its workers and their hours too.
    pub async fn mission(
        &self,
        reader: &Reader,
        zone: Zone,
        id: MissionId,
    ) -> Result<Mission, StoreError> {
        if reader.partner_id.is_some() {
            return Err(StoreError::NotFound);
        }
        let m = self
            .mission_row(self.db(), reader, zone, id, policy::Action::Read)
            .await?;
        let request = service_request::Entity::find_by_id(m.request_id)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        let partner = self
            .partner_row(self.db(), reader.organization_id, request.partner_id.into())
            .await?;
        let day = zone.day_of(m.starts_at);
        let mut workers = Vec::new();
        for link in mission_worker::Entity::find()
            .filter(mission_worker::Column::MissionId.eq(m.id))
            .all(self.db())
            .await?
        {
            let w = self
                .worker_row(self.db(), reader, link.worker_id.into())
                .await?;
            workers.push(self.worker_name(&w, day)?);
        }
        workers.sort_by(|a, b| a.name.cmp(&b.name));
        let hours = worked_hours::Entity::find()
            .filter(worked_hours::Column::MissionId.eq(m.id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|h| {
                let worked = worked_time(&h);
                SignedHours {
                    worker_id: h.worker_id.into(),
                    minutes: worked.minutes(),
                    worked,
                }
            })
            .collect();
        let tenant: Tenant = serde_json::from_str(&self.open_at(
            REQUESTS,
            "tenant",
            request.id,
            &request.tenant_sealed,
        )?)
        .unwrap_or_default();
        Ok(Mission {
            id,
            request_id: request.id.into(),
            partner_name: partner.name,
            tenant_name: tenant.name,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            place: self.open_at("missions", "place", m.id, &m.place_sealed)?,
            safety: self.open_opt(REQUESTS, "safety", request.id, &request.safety_sealed)?,
            supervisor_id: m.supervisor_id.map(Into::into),
            partner_attends: m.partner_attends,
            status: MissionStatus::parse(&m.status).unwrap_or(MissionStatus::Planned),
            tasks: self.tasks_of(m.id).await?,
            workers,
            hours,
            report: self.open_opt("missions", "report", m.id, &m.report_sealed)?,
        })
    }

    /// The missions of a span of days on the organization's clock, that the reader may see.
    pub async fn missions(
        &self,
        reader: &Reader,
        zone: Zone,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<MissionLine>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Worker))?;
        let (from, to) = zone.day_span(first, last).ok_or(StoreError::NotFound)?;
        let rows = mission::Entity::find()
            .filter(mission::Column::OrganizationId.eq(reader.organization_id))
            .filter(mission::Column::StartsAt.gte(from))
            .filter(mission::Column::StartsAt.lt(to))
            .order_by_asc(mission::Column::StartsAt)
            .all(self.db())
            .await?;
        let partners: HashMap<Uuid, String> = self
            .partners_of(reader.organization_id)
            .await?
            .into_iter()
            .map(|p| (p.id.into(), p.name))
            .collect();
        let mut lines = Vec::new();
        for m in rows {
            if !reader.may(
                policy::Action::Read,
                &self.mission_record(self.db(), reader, zone, &m).await?,
            ) {
                continue;
            }
            let request = service_request::Entity::find_by_id(m.request_id)
                .one(self.db())
                .await?
                .ok_or(StoreError::NotFound)?;
            let workers = mission_worker::Entity::find()
                .filter(mission_worker::Column::MissionId.eq(m.id))
                .all(self.db())
                .await?
                .len() as i64;
            lines.push(MissionLine {
                id: m.id.into(),
                request_id: m.request_id.into(),
                partner_name: partners
                    .get(&request.partner_id)
                    .cloned()
                    .unwrap_or_default(),
                starts_at: m.starts_at,
                ends_at: m.ends_at,
                status: MissionStatus::parse(&m.status).unwrap_or(MissionStatus::Planned),
                workers,
            });
        }
        Ok(lines)
    }

    /// Records a mission done: each of its workers' hours, the tasks done and the report to
    /// the partner. Hours on a day of a pay statement already approved are refused: they are
    /// a correction of that statement. When no mission of the request is still planned, the
    /// request is done and its partner told.
    pub async fn complete_mission(
        &self,
        reader: &Reader,
        zone: Zone,
        id: MissionId,
        done: MissionDone,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let m = self
                .mission_row(txn, reader, zone, id, policy::Action::Edit)
                .await?;
            if m.status != MissionStatus::Planned.key() {
                return Err(StoreError::invalid("status", "mission-not-planned"));
            }
            let assigned: Vec<Uuid> = mission_worker::Entity::find()
                .filter(mission_worker::Column::MissionId.eq(m.id))
                .all(txn)
                .await?
                .into_iter()
                .map(|w| w.worker_id)
                .collect();
            let mut problems = Vec::new();
            let report = done.report.trim();
            if report.chars().count() > TEXT_MAX {
                problems.push(FieldError::new("report", "text-too-long"));
            }
            if done.hours.is_empty() {
                problems.push(FieldError::new("hours", "mission-hours-required"));
            }
            let mut seen = Vec::new();
            for (worker, worked) in &done.hours {
                if !assigned.contains(&Uuid::from(*worker)) || seen.contains(worker) {
                    problems.push(FieldError::new("hours", "value-not-in-list"));
                }
                seen.push(*worker);
                problems.extend(worked.problems());
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            for (worker, worked) in &done.hours {
                if self.approved_on(txn, (*worker).into(), worked.day).await? {
                    return Err(StoreError::invalid("hours", "pay-statement-approved"));
                }
                worked_hours::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set(reader.organization_id.into()),
                    mission_id: Set(m.id),
                    worker_id: Set((*worker).into()),
                    day: Set(worked.day),
                    start_minute: Set(minute_of(worked.start)),
                    end_minute: Set(minute_of(worked.end)),
                    break_minutes: Set(worked.break_minutes as i32),
                    created_by: Set(Some(reader.user_id.into())),
                    created_at: Set(self.now()),
                }
                .insert(txn)
                .await?;
            }
            for task in mission_task::Entity::find()
                .filter(mission_task::Column::MissionId.eq(m.id))
                .all(txn)
                .await?
            {
                let is_done = done.tasks_done.contains(&task.task_id.into());
                let mut model: mission_task::ActiveModel = task.into();
                model.done = Set(is_done);
                model.update(txn).await?;
            }
            let request = m.request_id;
            let mission = m.id;
            let mut model: mission::ActiveModel = m.into();
            model.status = Set(MissionStatus::Done.key().to_owned());
            model.done_at = Set(Some(self.now()));
            model.report_sealed =
                Set(optional_text(report).map(|r| self.seal_at("missions", "report", mission, &r)));
            model.update(txn).await?;
            self.settle_request(txn, reader, request).await?;
            let minutes: i64 = done.hours.iter().map(|(_, w)| w.minutes()).sum();
            Ok((
                (),
                Event::new(Action::MissionDone)
                    .target("mission", id)
                    .detail(serde_json::json!({ "workers": done.hours.len(), "minutes": minutes })),
            ))
        })
        .await
    }

    /// Changes a worker's hours on a mission done, while her pay period is not approved: once
    /// it is, a mistake is a correction of her statement. The change is audited with the
    /// minutes before and after.
    pub async fn change_hours(
        &self,
        reader: &Reader,
        zone: Zone,
        id: MissionId,
        change: HoursChange,
    ) -> Result<(), StoreError> {
        let HoursChange {
            worker,
            start,
            end,
            break_minutes,
        } = change;
        self.write(&reader.actor, async |txn| {
            let m = self
                .mission_row(txn, reader, zone, id, policy::Action::Edit)
                .await?;
            if m.status != MissionStatus::Done.key() {
                return Err(StoreError::invalid("status", "mission-not-done"));
            }
            let row = worked_hours::Entity::find()
                .filter(worked_hours::Column::MissionId.eq(m.id))
                .filter(worked_hours::Column::WorkerId.eq(worker))
                .one(txn)
                .await?
                .ok_or(StoreError::invalid("worker_id", "value-not-in-list"))?;
            let worked = WorkedTime {
                day: row.day,
                start,
                end,
                break_minutes,
            };
            let problems = worked.problems();
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            if self.approved_on(txn, row.worker_id, row.day).await? {
                return Err(StoreError::invalid("hours", "pay-statement-approved"));
            }
            let before = worked_time(&row).minutes();
            let mut model: worked_hours::ActiveModel = row.into();
            model.start_minute = Set(minute_of(start));
            model.end_minute = Set(minute_of(end));
            model.break_minutes = Set(break_minutes as i32);
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::MissionHoursChanged)
                    .target("mission", id)
                    .detail(serde_json::json!({
                        "worker": worker,
                        "minutes": { "from": before, "to": worked.minutes() },
                    })),
            ))
        })
        .await
    }

    /// Cancels a planned mission; its workers are free again.
    pub async fn cancel_mission(
        &self,
        reader: &Reader,
        zone: Zone,
        id: MissionId,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let m = self
                .mission_row(txn, reader, zone, id, policy::Action::Assign)
                .await?;
            if m.status != MissionStatus::Planned.key() {
                return Err(StoreError::invalid("status", "mission-not-planned"));
            }
            let request = m.request_id;
            let mut model: mission::ActiveModel = m.into();
            model.status = Set(MissionStatus::Cancelled.key().to_owned());
            model.update(txn).await?;
            self.settle_request(txn, reader, request).await?;
            Ok((
                (),
                Event::new(Action::MissionCancelled).target("mission", id),
            ))
        })
        .await
    }

    /// After a mission is done or cancelled: a planned request with no mission left to do is
    /// done if one was done, accepted again if none was; its partner is told.
    async fn settle_request<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        request: Uuid,
    ) -> Result<(), StoreError> {
        let missions = mission::Entity::find()
            .filter(mission::Column::RequestId.eq(request))
            .all(conn)
            .await?;
        if missions
            .iter()
            .any(|m| m.status == MissionStatus::Planned.key())
        {
            return Ok(());
        }
        let to = if missions
            .iter()
            .any(|m| m.status == MissionStatus::Done.key())
        {
            ServiceRequestStatus::Done
        } else {
            ServiceRequestStatus::Accepted
        };
        let row = service_request::Entity::find_by_id(request)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if status_of(&row.status) != ServiceRequestStatus::Planned {
            return Ok(());
        }
        let mut model: service_request::ActiveModel = row.into();
        model.status = Set(to.key().to_owned());
        model.updated_at = Set(self.now());
        model.update(conn).await?;
        self.request_event(conn, reader, request, to, None).await
    }
}

pub(crate) fn minute_of(t: NaiveTime) -> i32 {
    use chrono::Timelike;
    (t.hour() * 60 + t.minute()) as i32
}

pub(crate) fn time_of(minute: i32) -> NaiveTime {
    NaiveTime::from_hms_opt((minute / 60) as u32 % 24, (minute % 60) as u32, 0).unwrap_or_default()
}

pub(crate) fn worked_time(h: &worked_hours::Model) -> WorkedTime {
    WorkedTime {
        day: h.day,
        start: time_of(h.start_minute),
        end: time_of(h.end_minute),
        break_minutes: h.break_minutes.into(),
    }
}

/// A missions organization's figures for a period, with its partners named.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MissionReport {
    #[serde(flatten)]
    pub figures: havre_domain::missions::MissionFigures,
    /// Every partner, to name the figures' lines.
    pub partners: Vec<Partner>,
}

impl Store {
    /// Whether the organization has member partners: then its report has a missions
    /// section.
    pub async fn has_missions(&self, organization_id: OrganizationId) -> Result<bool, StoreError> {
        Ok(partner::Entity::find()
            .filter(partner::Column::OrganizationId.eq(organization_id))
            .one(self.db())
            .await?
            .is_some())
    }

    /// What the figures of `[first, last]` are counted from: every request (or only those
    /// whose tenant agreed to be counted in the network's figures), with the days of its
    /// missions done, and the hours worked in the period.
    pub(crate) async fn mission_facts(
        &self,
        organization_id: OrganizationId,
        first: NaiveDate,
        last: NaiveDate,
        consenting_only: bool,
    ) -> Result<
        (
            Vec<havre_domain::missions::RequestFacts>,
            Vec<havre_domain::missions::HoursFacts>,
        ),
        StoreError,
    > {
        use havre_domain::missions::{HoursFacts, RequestFacts};
        let zone = self.organization(organization_id).await?.time_zone;
        let mut done_on: HashMap<Uuid, Vec<NaiveDate>> = HashMap::new();
        for m in mission::Entity::find()
            .filter(mission::Column::OrganizationId.eq(organization_id))
            .filter(mission::Column::Status.eq(MissionStatus::Done.key()))
            .all(self.db())
            .await?
        {
            done_on
                .entry(m.request_id)
                .or_default()
                .push(zone.day_of(m.starts_at));
        }
        let mut requests = service_request::Entity::find()
            .filter(service_request::Column::OrganizationId.eq(organization_id));
        if consenting_only {
            requests = requests.filter(service_request::Column::NetworkConsent.eq(true));
        }
        let requests: Vec<RequestFacts> = requests
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| RequestFacts {
                done_on: done_on.remove(&r.id).unwrap_or_default(),
                partner: r.partner_id.into(),
                tenant: r.tenant_index,
                filed_on: zone.day_of(r.filed_at),
                status: status_of(&r.status),
                kept_in_home: r.kept_in_home.zip(r.kept_reported_on),
            })
            .collect();
        let hours: Vec<HoursFacts> = worked_hours::Entity::find()
            .filter(worked_hours::Column::OrganizationId.eq(organization_id))
            .filter(worked_hours::Column::Day.gte(first))
            .filter(worked_hours::Column::Day.lte(last))
            .all(self.db())
            .await?
            .iter()
            .map(|h| HoursFacts {
                worker: h.worker_id.into(),
                day: h.day,
                minutes: worked_time(h).minutes(),
            })
            .collect();
        Ok((requests, hours))
    }

    /// The figures of a period, both days included, on the organization's clock
    /// (docs/missions.md "Figures"). Nothing identifying is opened: a tenant is counted by
    /// her blind index.
    pub async fn mission_figures(
        &self,
        organization_id: OrganizationId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<MissionReport, StoreError> {
        use havre_domain::missions::figures;
        let (requests, hours) = self
            .mission_facts(organization_id, first, last, false)
            .await?;
        let partners = self.partners_of(organization_id).await?;
        let mut figures = figures(&requests, &hours, first, last);
        // Most requests first; on a tie, by name, as the partners are listed.
        let position = |id| partners.iter().position(|p| p.id == id);
        figures.per_partner.sort_by(|a, b| {
            b.requests
                .cmp(&a.requests)
                .then(position(a.partner).cmp(&position(b.partner)))
        });
        Ok(MissionReport { figures, partners })
    }
}
