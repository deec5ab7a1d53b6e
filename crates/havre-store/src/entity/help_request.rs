use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A help request: the start of an episode of a person with the organization. Statistics
/// fields (channel, brackets, list values, codes, dates) stay in clear to be counted; what
/// was said (the answers, the reasons) is sealed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "help_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    /// 1 for the person's first request to the organization, 2 for the second…
    pub sequence: i32,
    pub received_at: DateTimeUtc,
    /// phone, text_line, social_network, web_form, walk_in, referral.
    pub channel: String,
    pub voluntary: bool,
    pub exception_reason_sealed: Option<String>,
    pub teenager: bool,
    /// direct_help or exploitation.
    pub service_area: String,
    pub requester_id: Uuid,
    pub age_at_request_id: Uuid,
    pub age_at_assault_id: Uuid,
    pub referral_source_id: Uuid,
    pub residence_id: Uuid,
    /// The disposition after the request (list disposition_request), when one was chosen.
    pub disposition_id: Option<Uuid>,
    /// JSON of the priority answers, sealed: they are health information.
    pub answers_sealed: String,
    pub proposed_code: i32,
    pub decided_code: i32,
    pub override_reason_sealed: Option<String>,
    /// waiting (a first meeting may be booked), in_service (from the first meeting held), closed.
    pub status: String,
    pub assigned_to: Option<Uuid>,
    pub first_meeting_at: Option<DateTimeUtc>,
    pub first_meeting_place: Option<String>,
    /// When services began: the first meeting held with her. The request then leaves the
    /// wait list and the episode is in service until it is closed.
    pub services_started_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// no_longer_wishes, referred_elsewhere, unreachable, first_meeting_held.
    pub close_reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
