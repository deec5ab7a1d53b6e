use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A listening or information call that opens no file (écoute téléphonique et références):
/// anonymous by design, nothing in it names the caller.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub at: DateTimeUtc,
    pub duration_minutes: i32,
    pub topic_id: Uuid,
    /// The resource she was referred to, if any (a resource, never a person).
    pub referral_given: Option<String>,
    pub taken_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
