use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A confidentiality incident of the register (docs/privacy.md "Incidents"): entered by the
/// team, or opened by Havre on an anomaly it detects, for the person in charge to assess.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "incidents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// The day the organization learned of it.
    pub known_on: Date,
    /// havre_domain::privacy::IncidentKind.
    pub kind: String,
    /// havre_domain::privacy::Anomaly, for an incident Havre opened.
    pub detected: Option<String>,
    /// What makes a detected anomaly the same one when it is seen again.
    pub fingerprint: Option<String>,
    pub description_sealed: String,
    /// The files concerned, by their references, never by names.
    pub files_concerned: String,
    pub persons_count: Option<i32>,
    pub data_sealed: Option<String>,
    /// havre_domain::privacy::Level.
    pub sensitivity: Option<String>,
    pub consequences_sealed: Option<String>,
    /// havre_domain::privacy::Level.
    pub probability: Option<String>,
    pub serious_risk: Option<bool>,
    pub regulator_notified_on: Option<Date>,
    pub persons_notified_on: Option<Date>,
    pub measures_sealed: Option<String>,
    pub assessed_on: Option<Date>,
    pub assessed_by: Option<Uuid>,
    /// None when Havre opened it.
    pub opened_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// When it was destroyed: what identified anyone erased, its figures kept.
    pub destroyed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
