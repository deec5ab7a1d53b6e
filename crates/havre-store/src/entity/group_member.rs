use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A woman enrolled in a group, from her request; `left_at` when she withdrew.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "group_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub group_id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    pub help_request_id: Option<Uuid>,
    pub enrolled_at: DateTimeUtc,
    pub left_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
