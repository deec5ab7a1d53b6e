use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A document attached to a person's file. Its name and content are sealed; its type (checked
/// from its bytes) and size are not, to serve it and to count storage.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    pub file_name_sealed: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub content_sealed: String,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
