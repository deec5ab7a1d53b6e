use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A category of hours not about one person, in a service area; the organization's own copy.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "hour_categories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub area: String,
    /// Havre's key for a shipped category; none for one the organization added.
    pub key: Option<String>,
    pub label_fr: String,
    pub label_en: String,
    pub position: i32,
    pub retired_at: Option<DateTimeUtc>,
    /// The activity whose records carry this category's hours (`Recorded`'s key); none for a
    /// category of the timesheet. Backups made before it restore as timesheet categories.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
