use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The answers to one question in a batch: how many said 1, 2, 3 and 4.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "evaluation_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub batch_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: Uuid,
    pub organization_id: Uuid,
    pub answer1: i32,
    pub answer2: i32,
    pub answer3: i32,
    pub answer4: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
