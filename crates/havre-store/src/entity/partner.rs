use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A member partner of a missions organization (docs/missions.md): its caseworkers file
/// service requests while it is a member.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub joined_on: Date,
    /// The first day it is no longer a member.
    pub left_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
