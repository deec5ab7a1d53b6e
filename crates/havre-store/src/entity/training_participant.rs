use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How many of a training's participants practise one profession.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training_participants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub training_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub profession_id: Uuid,
    pub organization_id: Uuid,
    pub participants: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
