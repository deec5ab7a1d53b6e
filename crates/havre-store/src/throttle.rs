//! Login throttling counters, shared by every instance through the database.
//!
//! An account's attempts are counted *before* the password or code is checked, with a
//! compare-and-set on the counter: a burst of simultaneous guesses gets the same allowance as
//! guesses one after the other (five, then one per delay), never five per request in flight.

use crate::entity::login_throttle;
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::throttle::delay_after;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

/// A counter: its key and the attempts allowed before the delay starts.
#[derive(Clone, Debug)]
pub struct ThrottleKey {
    pub key: String,
    pub threshold: i32,
    /// After this long without an attempt, the count starts again. None for logins: a
    /// guesser who waits is still bound by what she tried before.
    pub forget_after: Option<chrono::TimeDelta>,
}

impl Store {
    /// Takes one attempt on an account's counter, or says until when it is locked. The
    /// attempt counts as a failure until `clear_login_failures` forgives it.
    pub async fn take_attempt(
        &self,
        key: &ThrottleKey,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        // A few rounds are enough: each lost round means another request took an attempt.
        for _ in 0..20 {
            let now = self.now();
            let current = login_throttle::Entity::find_by_id(key.key.clone())
                .one(self.db())
                .await?;
            if let Some(row) = &current
                && let Some(locked) = row.locked_until
                && locked > now
            {
                return Ok(Some(locked));
            }
            let failures = current.as_ref().map_or(0, |r| r.failures);
            let forgotten = current.as_ref().is_some_and(|r| {
                key.forget_after
                    .is_some_and(|quiet| r.updated_at + quiet <= now)
            });
            let next = if forgotten { 1 } else { failures + 1 };
            // The lock for the attempt after this one is set now, in the same write.
            let locked_until = delay_after(next, key.threshold).map(|d| now + d);
            let won = match current {
                Some(_) => {
                    login_throttle::Entity::update_many()
                        .col_expr(login_throttle::Column::Failures, Expr::value(next))
                        .col_expr(
                            login_throttle::Column::LockedUntil,
                            Expr::value(locked_until),
                        )
                        .col_expr(login_throttle::Column::UpdatedAt, Expr::value(now))
                        .filter(login_throttle::Column::Key.eq(&key.key))
                        .filter(login_throttle::Column::Failures.eq(failures))
                        .exec(self.db())
                        .await?
                        .rows_affected
                        == 1
                }
                None => {
                    let row = login_throttle::ActiveModel {
                        key: Set(key.key.clone()),
                        failures: Set(next),
                        locked_until: Set(locked_until),
                        updated_at: Set(now),
                    };
                    login_throttle::Entity::insert(row)
                        .on_conflict(
                            OnConflict::column(login_throttle::Column::Key)
                                .do_nothing()
                                .to_owned(),
                        )
                        .exec_without_returning(self.db())
                        .await?
                        == 1
                }
            };
            if won {
                return Ok(None);
            }
        }
        Err(StoreError::Other("login counter too contended".into()))
    }

    /// Whether an address is locked (addresses are counted after failures only, so that a
    /// team's successful logins never lock its office out).
    pub async fn address_locked_until(
        &self,
        key: &ThrottleKey,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let now = self.now();
        Ok(login_throttle::Entity::find_by_id(key.key.clone())
            .one(self.db())
            .await?
            .and_then(|r| r.locked_until)
            .filter(|l| *l > now))
    }

    /// Counts a failure on an address, atomically.
    pub async fn record_address_failure(&self, key: &ThrottleKey) -> Result<(), StoreError> {
        let now = self.now();
        let row = login_throttle::ActiveModel {
            key: Set(key.key.clone()),
            failures: Set(1),
            locked_until: Set(None),
            updated_at: Set(now),
        };
        login_throttle::Entity::insert(row)
            .on_conflict(
                OnConflict::column(login_throttle::Column::Key)
                    .value(
                        login_throttle::Column::Failures,
                        Expr::col((login_throttle::Entity, login_throttle::Column::Failures))
                            .add(1),
                    )
                    .value(login_throttle::Column::UpdatedAt, Expr::value(now))
                    .to_owned(),
            )
            .exec_without_returning(self.db())
            .await?;
        let failures = login_throttle::Entity::find_by_id(key.key.clone())
            .one(self.db())
            .await?
            .map_or(1, |r| r.failures);
        if let Some(delay) = delay_after(failures, key.threshold) {
            login_throttle::Entity::update_many()
                .col_expr(
                    login_throttle::Column::LockedUntil,
                    Expr::value(Some(now + delay)),
                )
                .filter(login_throttle::Column::Key.eq(&key.key))
                .exec(self.db())
                .await?;
        }
        Ok(())
    }

    /// A successful login forgives its account's attempts (not its address's: one success must
    /// not reset the count of a guesser who also holds one valid account).
    pub async fn clear_login_failures(&self, key: &ThrottleKey) -> Result<(), StoreError> {
        login_throttle::Entity::delete_by_id(key.key.clone())
            .exec(self.db())
            .await?;
        Ok(())
    }
}
