use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A facilitator of an animation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "animation_staff")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub animation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub organization_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
