//! API tokens for scripts (docs/safety.md): scoped, revocable, shown once, stored hashed.

use crate::accounts::User;
use crate::audit::{Action, Event};
use crate::entity::{api_token, user};
use crate::sessions::{random_secret, sha256_hex};
use crate::{Actor, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::{OrganizationId, TokenId, UserId};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use uuid::Uuid;

const PREFIX: &str = "havre_";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// GET only.
    Read,
    /// Everything the account's roles allow.
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }
    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub label: String,
    pub scope: Scope,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for ApiToken {
    fn from(m: api_token::Model) -> Self {
        ApiToken {
            id: m.id.into(),
            user_id: m.user_id.into(),
            label: m.label,
            scope: Scope::parse(&m.scope).unwrap_or(Scope::Read),
            created_at: m.created_at,
            last_used_at: m.last_used_at,
            revoked_at: m.revoked_at,
        }
    }
}

impl Store {
    /// Creates a token for an account; the returned secret is shown once and never again.
    pub async fn create_token(
        &self,
        actor: &Actor,
        user: &User,
        label: &str,
        scope: Scope,
    ) -> Result<(String, ApiToken), StoreError> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 100 {
            return Err(StoreError::invalid("label", "field-required"));
        }
        let secret = format!("{PREFIX}{}", random_secret());
        let now = self.now();
        let actor = &Actor {
            organization_id: Some(user.organization_id),
            ..actor.clone()
        };
        self.write(actor, async |txn| {
            let model = api_token::ActiveModel {
                id: Set(Uuid::new_v4()),
                user_id: Set(user.id.into()),
                organization_id: Set(user.organization_id.into()),
                label: Set(label.to_owned()),
                token_hash: Set(sha256_hex(&secret)),
                scope: Set(scope.as_str().to_owned()),
                created_at: Set(now),
                last_used_at: Set(None),
                revoked_at: Set(None),
            }
            .insert(txn)
            .await?;
            let id = model.id;
            Ok((
                (secret, model.into()),
                Event::new(Action::TokenCreated)
                    .target("api_token", id)
                    .detail(serde_json::json!({ "user": user.id, "scope": scope.as_str() })),
            ))
        })
        .await
    }

    /// The account behind a bearer token, if the token is live and the account active.
    pub async fn token_user(&self, secret: &str) -> Result<Option<(ApiToken, User)>, StoreError> {
        if !secret.starts_with(PREFIX) {
            return Ok(None);
        }
        let Some(token) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(sha256_hex(secret)))
            .one(self.db())
            .await?
        else {
            return Ok(None);
        };
        if token.revoked_at.is_some() {
            return Ok(None);
        }
        let Some(account) = user::Entity::find_by_id(token.user_id)
            .one(self.db())
            .await?
        else {
            return Ok(None);
        };
        if !account.active {
            return Ok(None);
        }
        let now = self.now();
        let stale = token
            .last_used_at
            .is_none_or(|t| now - t > chrono::TimeDelta::minutes(5));
        let token = if stale {
            let mut model: api_token::ActiveModel = token.into();
            model.last_used_at = Set(Some(now));
            model.update(self.db()).await?
        } else {
            token
        };
        Ok(Some((token.into(), self.open_user_model(account)?)))
    }

    pub async fn tokens(
        &self,
        organization_id: OrganizationId,
        user_id: UserId,
    ) -> Result<Vec<ApiToken>, StoreError> {
        Ok(api_token::Entity::find()
            .filter(api_token::Column::OrganizationId.eq(organization_id))
            .filter(api_token::Column::UserId.eq(user_id))
            .order_by_desc(api_token::Column::CreatedAt)
            .all(self.db())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub async fn revoke_token(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        token_id: TokenId,
    ) -> Result<(), StoreError> {
        let now = self.now();
        self.write(actor, async |txn| {
            let token = api_token::Entity::find_by_id(token_id)
                .filter(api_token::Column::OrganizationId.eq(organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            // A token already revoked stays as it was, and the log says it once.
            if token.revoked_at.is_some() {
                return Ok(((), None));
            }
            let mut model: api_token::ActiveModel = token.into();
            model.revoked_at = Set(Some(now));
            model.update(txn).await?;
            Ok((
                (),
                Some(Event::new(Action::TokenRevoked).target("api_token", token_id)),
            ))
        })
        .await
    }
}
