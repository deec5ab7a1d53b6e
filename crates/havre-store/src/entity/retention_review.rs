use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What Havre's daily review of retention last found due in an organization (docs/privacy.md
/// "Destruction"): the home page of the person in charge reads it, without counting again.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "retention_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: Uuid,
    /// Files, complaints, incidents and calls due for destruction, awaiting her approval.
    pub due_records: i64,
    pub reviewed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
