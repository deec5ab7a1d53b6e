use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An annual general meeting: when, who came (members and not), and the work it took.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "annual_meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub held_at: DateTimeUtc,
    pub members_present: i32,
    pub non_members_present: i32,
    pub preparation_minutes: i32,
    pub report_minutes: i32,
    pub presence_minutes: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
