//! Login throttling counters, shared by every instance through the database.

use crate::entity::login_throttle;
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::throttle::delay_after;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// A counter: its key and the failures allowed before the delay starts.
#[derive(Clone, Debug)]
pub struct ThrottleKey {
    pub key: String,
    pub threshold: i32,
}

impl Store {
    /// If any key is locked, when it opens again.
    pub async fn throttled_until(
        &self,
        keys: &[ThrottleKey],
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let now = self.now();
        let mut until: Option<DateTime<Utc>> = None;
        for k in keys {
            if let Some(row) = login_throttle::Entity::find_by_id(k.key.clone())
                .one(self.db())
                .await?
                && let Some(locked) = row.locked_until
                && locked > now
            {
                until = Some(until.map_or(locked, |u| u.max(locked)));
            }
        }
        Ok(until)
    }

    pub async fn record_login_failure(&self, keys: &[ThrottleKey]) -> Result<(), StoreError> {
        let now = self.now();
        for k in keys {
            let existing = login_throttle::Entity::find_by_id(k.key.clone())
                .one(self.db())
                .await?;
            let failures = existing.as_ref().map_or(0, |r| r.failures) + 1;
            let locked_until = delay_after(failures, k.threshold).map(|d| now + d);
            let model = login_throttle::ActiveModel {
                key: Set(k.key.clone()),
                failures: Set(failures),
                locked_until: Set(locked_until),
                updated_at: Set(now),
            };
            if existing.is_some() {
                model.update(self.db()).await?;
            } else {
                model.insert(self.db()).await?;
            }
        }
        Ok(())
    }

    /// A successful login clears its account's counter (not the address's: one success must
    /// not reset the count of a guesser who also holds one valid account).
    pub async fn clear_login_failures(&self, key: &ThrottleKey) -> Result<(), StoreError> {
        login_throttle::Entity::delete_by_id(key.key.clone())
            .exec(self.db())
            .await?;
        Ok(())
    }
}
