use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A workshop of a program, with its objective; most are numbered, an adapted one may not be.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "workshops")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub program_id: Uuid,
    pub number: Option<i32>,
    pub title: String,
    pub objective: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
