use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A training the team received: title, trainer, length, how many workers went.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "trainings_received")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub day: Date,
    pub title: String,
    pub trainer: String,
    pub minutes: i32,
    pub workers: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
