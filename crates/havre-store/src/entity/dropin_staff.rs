use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A facilitator of a drop-in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dropin_staff")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub dropin_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub organization_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
