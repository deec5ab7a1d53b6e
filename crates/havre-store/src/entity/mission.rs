use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A mission for a service request: a time window, a place, workers, a supervisor.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "missions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub request_id: Uuid,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub place_sealed: String,
    pub supervisor_id: Option<Uuid>,
    pub partner_attends: bool,
    /// havre_domain::missions::MissionStatus.
    pub status: String,
    /// The short report to the partner.
    pub report_sealed: Option<String>,
    pub done_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
