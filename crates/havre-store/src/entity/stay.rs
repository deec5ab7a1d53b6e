use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A woman's stay in a unit: entry (the HMIS project start), move-in, exit and where she went.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "stays")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub house_id: Uuid,
    pub unit_id: Uuid,
    pub person_id: Uuid,
    pub request_id: Option<Uuid>,
    pub entered_on: Date,
    pub moved_in_on: Option<Date>,
    pub exited_on: Option<Date>,
    pub destination: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
