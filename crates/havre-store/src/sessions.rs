//! Server-side sessions (docs/safety.md "Authentication"): random 256-bit ids, only
//! their hash stored, idle and absolute timeouts, rotation, logout everywhere.

use crate::accounts::User;
use crate::entity::{organization, session, user};
use crate::organizations::Organization;
use crate::{Store, StoreError};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use chrono::TimeDelta;
use havre_domain::ids::UserId;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

pub const IDLE_TIMEOUT: TimeDelta = TimeDelta::minutes(30);
pub const ABSOLUTE_TIMEOUT: TimeDelta = TimeDelta::hours(12);
/// last_seen_at is written at most this often, so that reading pages does not write on
/// every request.
const TOUCH_EVERY: TimeDelta = TimeDelta::seconds(60);

/// A random secret of 256 bits, URL-safe.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    B64URL.encode(bytes)
}

pub fn sha256_hex(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Clone, Debug)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub second_factor_pending: bool,
    id_hash: String,
}

impl Session {
    pub fn id_hash(&self) -> &str {
        &self.id_hash
    }
}

impl Store {
    /// Opens a session for an account; returns the cookie value, shown to nobody else.
    pub async fn create_session(
        &self,
        user: &User,
        second_factor_pending: bool,
    ) -> Result<String, StoreError> {
        let token = random_secret();
        let now = self.now();
        session::ActiveModel {
            id_hash: Set(sha256_hex(&token)),
            user_id: Set(user.id.into()),
            organization_id: Set(user.organization_id.into()),
            csrf_token: Set(random_secret()),
            second_factor_pending: Set(second_factor_pending),
            created_at: Set(now),
            last_seen_at: Set(now),
        }
        .insert(self.db())
        .await?;
        Ok(token)
    }

    /// The live session behind a cookie value, with its account's organization and the count
    /// of changes (`Store::data_changes`) as the same question found them, or None when
    /// unknown, expired, or its account was deactivated. Expired sessions are deleted on sight.
    pub async fn session(
        &self,
        token: &str,
    ) -> Result<Option<(Session, Organization, i64)>, StoreError> {
        use sea_orm::{ConnectionTrait, FromQueryResult, QuerySelect, QueryTrait, sea_query::Expr};
        let id_hash = sha256_hex(token);
        // The session, its account, the account's organization and the count of changes in
        // one query: every request asks, and a page that reads keeps its values at that count
        // (docs/architecture.md "The lists kept until a change").
        let query = session::Entity::find_by_id(id_hash.clone())
            .find_also_related(user::Entity)
            .and_also_related(organization::Entity)
            .expr_as(
                Expr::cust("(SELECT seq FROM data_changes WHERE id = 1)"),
                "changes",
            )
            .into_query();
        let Some(found) = self.db().query_one(&query).await? else {
            return Ok(None);
        };
        // The prefixes SeaORM gives the three models' columns.
        let row = session::Model::from_query_result(&found, "A_")?;
        let account = user::Model::from_query_result_optional(&found, "B_")?;
        let organization = organization::Model::from_query_result_optional(&found, "C_")?;
        let changes: i64 = found.try_get("", "changes")?;
        let now = self.now();
        if now - row.last_seen_at > IDLE_TIMEOUT || now - row.created_at > ABSOLUTE_TIMEOUT {
            session::Entity::delete_by_id(id_hash)
                .exec(self.db())
                .await?;
            return Ok(None);
        }
        let (Some(account), Some(organization)) = (account, organization) else {
            return Ok(None);
        };
        let organization = Organization::from(organization);
        if !account.active {
            return Ok(None);
        }
        let (csrf_token, second_factor_pending) =
            (row.csrf_token.clone(), row.second_factor_pending);
        if now - row.last_seen_at > TOUCH_EVERY {
            let mut model: session::ActiveModel = row.into();
            model.last_seen_at = Set(now);
            model.update(self.db()).await?;
        }
        let session = Session {
            user: self.open_user_model(account)?,
            csrf_token,
            second_factor_pending,
            id_hash,
        };
        Ok(Some((session, organization, changes)))
    }

    /// Replaces a session by a new one (new id, new CSRF token), e.g. once the second factor
    /// is checked. Returns the new cookie value.
    pub async fn rotate_session(
        &self,
        old: &Session,
        second_factor_pending: bool,
    ) -> Result<String, StoreError> {
        session::Entity::delete_by_id(old.id_hash.clone())
            .exec(self.db())
            .await?;
        self.create_session(&old.user, second_factor_pending).await
    }

    pub async fn end_session(&self, session: &Session) -> Result<(), StoreError> {
        session::Entity::delete_by_id(session.id_hash.clone())
            .exec(self.db())
            .await?;
        Ok(())
    }

    /// Logout everywhere: every session of the account.
    pub async fn end_all_sessions(&self, user_id: UserId) -> Result<u64, StoreError> {
        Ok(session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(self.db())
            .await?
            .rows_affected)
    }
}
