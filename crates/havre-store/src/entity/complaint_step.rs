use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A step in the handling of a complaint, dated: a meeting, a call, a letter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "complaint_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub complaint_id: Uuid,
    pub day: Date,
    pub body_sealed: String,
    pub noted_by: Uuid,
    pub noted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
