use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An exceptional access ("break the glass"): a member of the team opened a file that is not
/// hers, for a written reason the coordinator reads. It lasts a few hours.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "file_access_grants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    pub user_id: Uuid,
    pub reason_sealed: String,
    pub granted_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
