use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One call made to reach a referred person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "referral_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub referral_id: Uuid,
    pub organization_id: Uuid,
    pub at: DateTimeUtc,
    pub reached: bool,
    pub note_sealed: Option<String>,
    pub made_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
