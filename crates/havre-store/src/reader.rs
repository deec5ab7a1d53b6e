//! Who reads or changes records: every capability's module takes one, so it lives apart from
//! them all (docs/architecture.md "No import circles").

use crate::{Actor, StoreError};
use havre_domain::ids::{OrganizationId, UserId};
use havre_domain::policy::{self, Record, Roles};

/// A member of the team reading or changing files: who she is and what her roles allow.
#[derive(Clone, Debug)]
pub struct Reader {
    pub actor: Actor,
    pub organization_id: OrganizationId,
    pub user_id: UserId,
    pub roles: Roles,
}

impl Reader {
    /// Who asks, as the policy sees her.
    pub fn policy_actor(&self) -> policy::Actor<'_> {
        policy::Actor {
            user_id: self.user_id.into(),
            roles: &self.roles,
        }
    }

    /// `Forbidden` unless the policy lets her do this with the record.
    pub fn check(&self, action: policy::Action, record: &Record) -> Result<(), StoreError> {
        if policy::may(self.policy_actor(), action, record) {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }
}
