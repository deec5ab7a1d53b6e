use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The single row that holds the end of the audit chain. Appending locks it, which
/// serializes appends across connections and instances, and it makes a truncated tail
/// detectable.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_head")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub seq: i64,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
