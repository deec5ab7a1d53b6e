use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A service request a partner's caseworker filed for a tenant (docs/missions.md). What
/// identifies the tenant, her dwelling and what the team must know is sealed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub partner_id: Uuid,
    pub filed_by: Uuid,
    /// Blind index of the tenant's normalized name: persons helped are counted once.
    pub tenant_index: String,
    /// JSON of the tenant: name, phone.
    pub tenant_sealed: String,
    pub dwelling_sealed: String,
    /// Persons living in the dwelling.
    pub household: i32,
    /// The day the tenant consented to the request.
    pub consent_on: Date,
    /// Whether she agrees to be counted, without her name, in the figures shared with the
    /// organization's network.
    pub network_consent: bool,
    /// havre_domain::missions::Risk.
    pub risk: String,
    /// The date of the notice, the penalty or the inspection.
    pub risk_on: Option<Date>,
    pub needs_sealed: String,
    pub availability_sealed: String,
    pub safety_sealed: Option<String>,
    /// havre_domain::missions::RequestStatus.
    pub status: String,
    /// Why it was refused, as the partner reads it.
    pub reason_sealed: Option<String>,
    /// The team's own note: never shown to the partner.
    pub internal_sealed: Option<String>,
    pub filed_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// How many of its changes its partner had when she last read it: the ones after are
    /// new to her (counted, not timed, so that two changes in one second are both told).
    pub partner_seen_events: i32,
    /// Whether the tenant still lives in her home six months after, as the partner reports.
    pub kept_in_home: Option<bool>,
    pub kept_reported_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
