use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A request for help that could not be met, with its reason: unmet demand is counted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "turn_aways")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub at: DateTimeUtc,
    /// direct_help or exploitation.
    pub service_area: String,
    /// no_capacity, outside_mandate, outside_territory, referred_elsewhere, other.
    pub reason: String,
    pub referral_given: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
