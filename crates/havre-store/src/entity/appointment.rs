use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An appointment of a woman with a professional, perhaps in a room, on the day's agenda
/// (docs/care.md). Nothing here identifies her: her name is in her sealed file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "appointments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    pub professional_id: Uuid,
    pub room_id: Option<Uuid>,
    pub starts_at: DateTimeUtc,
    pub minutes: i32,
    /// havre_domain::care::AppointmentStatus.
    pub status: String,
    /// She came without an appointment and was added on arrival.
    pub walk_in: bool,
    pub arrived_at: Option<DateTimeUtc>,
    pub seen_at: Option<DateTimeUtc>,
    pub left_at: Option<DateTimeUtc>,
    pub booked_by: Option<Uuid>,
    /// The step of her pathway it is booked for: seen, the step is done.
    pub step_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
