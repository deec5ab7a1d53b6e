use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A woman on a pathway, from the day she entered it (days of the organization's calendar).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "pathway_enrolments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub pathway_id: Uuid,
    pub person_id: Uuid,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
