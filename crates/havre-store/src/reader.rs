//! Who reads or changes records: every capability's module takes one, so it lives apart from
//! them all (docs/architecture.md "No import circles").

use crate::entity::list_value;
use crate::{Actor, Store, StoreError};
use havre_domain::care::ProfessionKind;
use havre_domain::ids::{ListValueId, OrganizationId, PartnerId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::policy::{self, Record, Roles};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A member of the team reading or changing files: who she is and what her roles allow.
#[derive(Clone, Debug)]
pub struct Reader {
    pub actor: Actor,
    pub organization_id: OrganizationId,
    pub user_id: UserId,
    pub roles: Roles,
    /// The kind of her profession: what she reads in the files she opens (docs/care.md).
    pub profession: Option<ProfessionKind>,
    /// The member partner she files requests for, for a partner's caseworker
    /// (docs/missions.md): she reads that partner's requests and nothing else.
    pub partner_id: Option<PartnerId>,
}

impl Reader {
    /// Who asks, as the policy sees her.
    pub fn policy_actor(&self) -> policy::Actor<'_> {
        policy::Actor {
            user_id: self.user_id.into(),
            roles: &self.roles,
            profession: self.profession,
        }
    }

    /// Whether the policy lets her do this with the record.
    pub fn may(&self, action: policy::Action, record: &Record) -> bool {
        policy::may(self.policy_actor(), action, record)
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

impl Store {
    /// The kind of a profession of the organization's list; none for no profession. A
    /// profession retired from the list still says what its holders read.
    pub async fn profession_kind(
        &self,
        organization_id: OrganizationId,
        profession: Option<ListValueId>,
    ) -> Result<Option<ProfessionKind>, StoreError> {
        let Some(id) = profession else {
            return Ok(None);
        };
        let value = list_value::Entity::find_by_id(id)
            .filter(list_value::Column::OrganizationId.eq(organization_id))
            .filter(list_value::Column::List.eq(ListKind::Profession.key()))
            .one(self.db())
            .await?;
        // A profession whose kind cannot be read reads the least: what is shared for a
        // complaint, as the reception does not even.
        Ok(Some(
            value
                .and_then(|v| v.category)
                .and_then(|c| ProfessionKind::parse(&c))
                .unwrap_or(ProfessionKind::Reception),
        ))
    }

    /// The reader an account is, her profession's kind read from the list.
    pub async fn reader_for(
        &self,
        user: &crate::accounts::User,
        actor: Actor,
    ) -> Result<Reader, StoreError> {
        Ok(Reader {
            actor,
            organization_id: user.organization_id,
            user_id: user.id,
            roles: user.roles.clone(),
            profession: self
                .profession_kind(user.organization_id, user.profession_id)
                .await?,
            partner_id: user.partner_id,
        })
    }
}
