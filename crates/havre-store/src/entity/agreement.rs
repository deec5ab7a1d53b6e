use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An agreement with a partner (a prosecutor's office, a ministry, the health insurer) that
/// pathways are counted for, with the figures it asks for (docs/care.md).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub partner: String,
    /// havre_domain::pathways::AgreementKind.
    pub kind: String,
    pub signed_on: Date,
    pub ends_on: Option<Date>,
    /// Comma-separated havre_domain::pathways::AgreementFigure keys.
    pub figures: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
