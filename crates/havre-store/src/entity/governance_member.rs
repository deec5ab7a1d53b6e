use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A member of the organization (the collective, the association): her name sealed, what she
/// is to it, when she joined and left.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "governance_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name_sealed: String,
    pub kind: String,
    pub joined_on: Date,
    pub left_on: Option<Date>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
