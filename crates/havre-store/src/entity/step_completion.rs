use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A step done on a woman's pathway, on a day; the appointment it was done at, if any.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "step_completions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub enrolment_id: Uuid,
    pub step_id: Uuid,
    pub done_on: Date,
    pub appointment_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
