use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An intern or an observer hosted by the team: her school and the days, never her name.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "hostings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// intern or observer.
    pub kind: String,
    pub school: String,
    pub profession_id: Option<Uuid>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
