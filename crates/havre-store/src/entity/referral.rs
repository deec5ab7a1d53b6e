use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A designated centre's referral: received (often by fax) after a forensic exam.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub received_at: DateTimeUtc,
    /// The designated centre (hospital) that referred.
    pub centre: String,
    pub teenager: bool,
    /// The first attempt that reached her.
    pub reached_at: Option<DateTimeUtc>,
    /// The person whose file the referral led to, once linked.
    pub person_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
