use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A worker in reintegration, paid by the hour: only the coordinator reads the personal
/// data (docs/missions.md).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "workers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name_sealed: String,
    /// JSON of her personal data: phone, notes.
    pub personal_sealed: Option<String>,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
