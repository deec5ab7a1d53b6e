use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A line of the emergency fund: money put in (deposit), or a woman's request with the
/// committee's decision. Amounts in cents; what was asked and why the committee decided are
/// sealed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fund_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// deposit or request.
    pub kind: String,
    pub person_id: Option<Uuid>,
    pub at: DateTimeUtc,
    pub amount_cents: i64,
    /// gift_card, bill, food, transport, other (requests).
    pub purpose: Option<String>,
    /// received (deposits); pending, approved or refused (requests).
    pub status: String,
    pub granted_cents: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub note_sealed: Option<String>,
    pub decision_note_sealed: Option<String>,
    pub created_by: Option<Uuid>,
    pub decided_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
