use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A worker's pay statement for a period, as approved: its lines are never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "pay_statements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub worker_id: Uuid,
    pub period_start: Date,
    pub period_end: Date,
    /// JSON of havre_domain::missions::PayLine.
    pub lines: String,
    pub total_cents: i64,
    pub approved_by: Option<Uuid>,
    pub approved_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
