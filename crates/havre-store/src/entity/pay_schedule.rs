use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How often an organization pays its workers, and the first day of its first period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "pay_schedules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: Uuid,
    /// havre_domain::missions::PayFrequency.
    pub frequency: String,
    pub first_day: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
