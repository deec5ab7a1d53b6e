//! One type per kind of id, so that a meeting's id cannot be passed where a person's is
//! expected: the compiler refuses it. Every id is a UUID (version 4) underneath. It reads and
//! writes as its UUID in JSON and in paths (`serde(transparent)`), shows in the OpenAPI
//! document as a UUID string, and goes into a query as a UUID (SeaORM's `Value`, and reads back from a row, behind
//! the `store` feature that only havre-store turns on). Entities keep plain `Uuid` columns;
//! the store wraps them as it hands a record out (docs/architecture.md "Typed ids").

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A new, random id.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// The UUID underneath, for the database and for ids of another kind built from it.
            pub const fn uuid(self) -> Uuid {
                self.0
            }

            /// The nil id, for tests and for records not yet stored.
            pub const fn nil() -> Self {
                Self(Uuid::nil())
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        /// The entities keep plain `Uuid` columns: a row's id compares with a typed one.
        impl PartialEq<Uuid> for $name {
            fn eq(&self, other: &Uuid) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for Uuid {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::from_str(s).map(Self)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        #[cfg(feature = "store")]
        impl From<$name> for sea_orm::Value {
            fn from(id: $name) -> Self {
                id.0.into()
            }
        }

        #[cfg(feature = "store")]
        impl sea_orm::sea_query::Nullable for $name {
            fn null() -> sea_orm::Value {
                <Uuid as sea_orm::sea_query::Nullable>::null()
            }
        }

        #[cfg(feature = "store")]
        impl sea_orm::TryGetable for $name {
            fn try_get_by<I: sea_orm::ColIdx>(
                row: &sea_orm::QueryResult,
                index: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                <Uuid as sea_orm::TryGetable>::try_get_by(row, index).map(Self)
            }
        }
    )*};
}

ids! {
    /// An organization: a centre, a shelter, a partner, a network.
    OrganizationId;
    /// An account of a person who works in an organization.
    UserId;
    /// A person with a file: a woman, a teenager, a relative's file once opened.
    PersonId;
    /// A relative of a person (mother, partner…) met for her.
    RelativeId;
    /// A help request: a first call, on the wait list until it is answered.
    HelpRequestId;
    /// A value of a list the organization edits (age group, place, topic…).
    ListValueId;
    /// A meeting with a person, a relative or a group.
    MeetingId;
    /// A note in a file.
    NoteId;
    /// A document attached to a file.
    AttachmentId;
    /// A call logged at the intake line.
    CallId;
    /// A turn-away: a request the organization could not take.
    TurnAwayId;
    /// A referral received from a partner.
    ReferralId;
    /// A group (a season of meetings with its members).
    GroupId;
    /// One session of a group.
    GroupSessionId;
    /// A membership of a person in a group.
    GroupMemberId;
    /// A drop-in activity.
    DropinId;
    /// An entry of the emergency fund.
    FundEntryId;
    /// A prevention program.
    ProgramId;
    /// A workshop of a prevention program.
    WorkshopId;
    /// An animation: one workshop given to one audience.
    AnimationId;
    /// An evaluation question of a workshop.
    QuestionId;
    /// A batch of evaluation forms compiled together.
    EvaluationBatchId;
    /// An outreach figure (kiosk, T-shirts, posts…).
    OutreachFigureId;
    /// A training given by the organization.
    TrainingGivenId;
    /// A training received by a member of the team.
    TrainingReceivedId;
    /// A category of hours.
    HourCategoryId;
    /// An entry of hours.
    HourEntryId;
    /// A member of the board or of a committee.
    GovernanceMemberId;
    /// A board meeting.
    BoardMeetingId;
    /// An annual general meeting.
    AnnualMeetingId;
    /// An API token.
    TokenId;
    /// A spell of a file, from its opening to its closing.
    EpisodeId;
    /// A grant of access to a file opened with a reason.
    AccessGrantId;
    /// A house of a shelter: its units, its team, perhaps a secret address.
    HouseId;
    /// A unit of a house: an apartment or a room for a woman alone.
    UnitId;
    /// A period a unit was out of service (repairs).
    OutageId;
    /// A woman's stay in a unit, with her children.
    StayId;
    /// A coordinator's decision to let a stay go past the house's longest stay.
    ExtensionId;
    /// A request for a place in a house, on the housing wait list.
    HousingRequestId;
    /// An appointment on a care unit's agenda.
    AppointmentId;
    /// An agreement with a partner that a pathway is counted for.
    AgreementId;
    /// A care pathway (parcours).
    PathwayId;
    /// A step of a pathway.
    StepId;
    /// A woman on a pathway.
    EnrolmentId;
    /// A step done on a woman's pathway.
    CompletionId;
    /// An intern or an observer hosted.
    HostingId;
    /// A member partner of a missions organization (docs/missions.md).
    PartnerId;
    /// A service request a partner filed for a tenant.
    ServiceRequestId;
    /// A mission: a day's work for a request, with its workers.
    MissionId;
    /// A worker in reintegration, paid by the hour.
    WorkerId;
    /// The hours a worker signed in for a mission.
    WorkedHoursId;
    /// A worker's pay statement for a period.
    PayStatementId;
    /// A complaint of the register (docs/privacy.md).
    ComplaintId;
    /// A confidentiality incident of the register.
    IncidentId;
    /// A person's request for access to what Havre holds on her.
    AccessRequestId;
    /// A member of a network, as the network keeps it (docs/networks.md).
    NetworkMemberId;
    /// What a member shares with one of its networks.
    NetworkShareId;
    /// A member's yearly submission, as the network received it.
    NetworkSubmissionId;
    /// Help asked from the public page, until the team records her request or closes it.
    OnlineRequestId;
    /// A spreadsheet imported, or being imported (docs/import.md).
    ImportId;
}
