use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A value of one of an organization's closed lists (who asks, forms of assault, age
/// brackets…). Requests point at values by id, so that renaming or retiring a value changes
/// no past request and no past report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "list_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// Which list: requester, assault_form, age_at_assault, age_at_request, relation,
    /// referral_source, residence, disposition_request, disposition_first_meeting.
    pub list: String,
    /// The stable key of a value shipped with Havre (for reports across organizations), or
    /// None for a value the organization added.
    pub key: Option<String>,
    pub label_fr: String,
    pub label_en: String,
    pub position: i32,
    /// For a profession, its kind (havre_domain::care::ProfessionKind), which the policy
    /// reads; none for the other lists.
    pub category: Option<String>,
    pub retired_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
