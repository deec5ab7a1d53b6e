use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A relative of the person (partner, parent, significant other) supported by the organization.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "relatives")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    pub name_sealed: String,
    /// partner, parent, child, sibling, friend, other.
    pub relation: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
