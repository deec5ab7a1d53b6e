use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Help asked from the public page (docs/public.md "Asking for help online").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "online_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub received_at: DateTimeUtc,
    pub reply_by: String,
    pub asked_by: Option<String>,
    pub age_group_id: Option<Uuid>,
    pub region_id: Option<Uuid>,
    /// The form's trap for scripts was filled: kept apart, never thrown away.
    pub suspected: bool,
    /// Her alias, her phone or email, when it is safe and what she needs, as one sealed JSON.
    pub details_sealed: String,
    /// pending, recorded or closed.
    pub status: String,
    pub help_request_id: Option<Uuid>,
    pub closing: Option<String>,
    pub handled_by: Option<Uuid>,
    pub handled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
