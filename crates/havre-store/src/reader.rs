//! Who reads or changes records: every capability's module takes one, so it lives apart from
//! them all (docs/architecture.md "No import circles").

use crate::Actor;
use havre_domain::policy::Roles;
use uuid::Uuid;

/// A member of the team reading or changing files: who she is and what her roles allow.
#[derive(Clone, Debug)]
pub struct Reader {
    pub actor: Actor,
    pub organization_id: Uuid,
    pub user_id: Uuid,
    pub roles: Roles,
}
