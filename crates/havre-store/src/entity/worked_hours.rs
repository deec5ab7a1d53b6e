use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The hours a worker signed in for a mission, on the organization's clock.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "worked_hours")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub mission_id: Uuid,
    pub worker_id: Uuid,
    pub day: Date,
    /// Minutes since midnight.
    pub start_minute: i32,
    pub end_minute: i32,
    pub break_minutes: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
