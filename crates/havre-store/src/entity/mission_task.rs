use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A task of a mission, from the organization's list, and whether it was done.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mission_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub mission_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub task_id: Uuid,
    pub organization_id: Uuid,
    pub done: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
