use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A spreadsheet uploaded to be imported (docs/import.md).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub kind: String,
    pub file_name: String,
    /// The file as uploaded, sealed; none once imported or dropped.
    pub file_sealed: Option<String>,
    /// The columns chosen for each field, as JSON.
    pub mapping: String,
    /// draft, imported or undone.
    pub status: String,
    /// The rows imported, once imported.
    pub rows: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub imported_at: Option<DateTimeUtc>,
    pub undone_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
