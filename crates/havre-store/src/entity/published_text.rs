use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A version of a text the organization publishes (docs/privacy.md "Service declaration and
/// complaint process"). A version is never changed: a new one is published.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "published_texts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// havre_domain::texts::TextKind.
    pub kind: String,
    pub version: i32,
    pub body: String,
    pub published_at: DateTimeUtc,
    pub published_by: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
