//! Designated-centre referrals: received when and from which centre, each call attempt,
//! reached or not; those not reached 24 hours after receipt are overdue.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{referral, referral_attempt};
use crate::{Actor, FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::{OrganizationId, PersonId, ReferralId};
use havre_domain::referrals::{Callback, callback};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct Referral {
    pub id: ReferralId,
    pub received_at: DateTime<Utc>,
    pub centre: String,
    pub teenager: bool,
    pub reached_at: Option<DateTime<Utc>>,
    /// The person whose file it led to, once linked.
    pub person_id: Option<PersonId>,
    pub attempts: usize,
    pub callback: Callback,
}

impl Store {
    /// A referral as the pages and the API show it, with the attempts made to reach her.
    async fn referral_counted(&self, m: referral::Model) -> Result<Referral, StoreError> {
        let attempts = referral_attempt::Entity::find()
            .filter(referral_attempt::Column::ReferralId.eq(m.id))
            .all(self.db())
            .await?
            .len();
        Ok(self.referral_view(m, attempts))
    }

    pub(crate) fn referral_view(&self, m: referral::Model, attempts: usize) -> Referral {
        Referral {
            callback: callback(m.received_at, m.reached_at.is_some(), self.now()),
            id: m.id.into(),
            received_at: m.received_at,
            centre: m.centre,
            teenager: m.teenager,
            reached_at: m.reached_at,
            person_id: m.person_id.map(Into::into),
            attempts,
        }
    }

    pub async fn receive_referral(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        received_at: DateTime<Utc>,
        centre: &str,
        teenager: bool,
    ) -> Result<Referral, StoreError> {
        let mut problems = Vec::new();
        if received_at > self.now() {
            problems.push(FieldError {
                field: "received_at",
                message_key: "date-in-future",
            });
        }
        let centre = centre.trim();
        if centre.is_empty() || centre.chars().count() > 200 {
            problems.push(FieldError {
                field: "centre",
                message_key: "field-required",
            });
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(actor, async |txn| {
            let model = referral::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(organization_id.into()),
                received_at: Set(received_at),
                centre: Set(centre.to_owned()),
                teenager: Set(teenager),
                reached_at: Set(None),
                person_id: Set(None),
                created_by: Set(actor.user_id.map(Into::into)),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            let event = Event::new(Action::ReferralReceived).target("referral", model.id);
            Ok((self.referral_view(model, 0), event))
        })
        .await
    }

    /// Records a call made to reach a referred person. Another organization's referral
    /// answers NotFound.
    pub async fn record_referral_attempt(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        referral_id: ReferralId,
        at: DateTime<Utc>,
        reached: bool,
        note: Option<&str>,
    ) -> Result<Referral, StoreError> {
        let m = self
            .write(actor, async |txn| {
                let m = referral::Entity::find_by_id(referral_id)
                    .filter(referral::Column::OrganizationId.eq(organization_id))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let mut problems = Vec::new();
                if at > self.now() {
                    problems.push(FieldError {
                        field: "at",
                        message_key: "date-in-future",
                    });
                }
                if at < m.received_at {
                    problems.push(FieldError {
                        field: "at",
                        message_key: "attempt-before-referral",
                    });
                }
                if note.is_some_and(|n| n.chars().count() > 2000) {
                    problems.push(FieldError {
                        field: "note",
                        message_key: "field-too-long",
                    });
                }
                if !problems.is_empty() {
                    return Err(StoreError::Invalid(problems));
                }
                let id = Uuid::new_v4();
                let row = id.to_string();
                referral_attempt::ActiveModel {
                    id: Set(id),
                    referral_id: Set(referral_id.into()),
                    organization_id: Set(organization_id.into()),
                    at: Set(at),
                    reached: Set(reached),
                    note_sealed: Set(note.map(str::trim).filter(|n| !n.is_empty()).map(|n| {
                        self.keys().seal(
                            FieldRef {
                                table: "referral_attempts",
                                column: "note",
                                row: &row,
                            },
                            n,
                        )
                    })),
                    made_by: Set(actor.user_id.map(Into::into)),
                }
                .insert(txn)
                .await?;
                let m = if reached && m.reached_at.is_none() {
                    let mut model: referral::ActiveModel = m.into();
                    model.reached_at = Set(Some(at));
                    model.update(txn).await?
                } else {
                    m
                };
                Ok((
                    m,
                    Event::new(Action::ReferralAttempt)
                        .target("referral", referral_id)
                        .detail(serde_json::json!({ "reached": reached })),
                ))
            })
            .await?;
        self.referral_counted(m).await
    }

    /// Links a referral to the file of the person it led to (her request recorded after she
    /// was reached). From then on the report counts her meetings after the referral as the
    /// meetings that follow it (`Store::service_summary`). Another organization's referral
    /// answers NotFound; a person of another organization is not in the list.
    pub async fn link_referral(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        referral_id: ReferralId,
        person_id: Option<PersonId>,
    ) -> Result<Referral, StoreError> {
        let m = self
            .write(actor, async |txn| {
                let m = referral::Entity::find_by_id(referral_id)
                    .filter(referral::Column::OrganizationId.eq(organization_id))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                // The referral first: another organization's answers NotFound whatever the body.
                let Some(person_id) = person_id else {
                    return Err(StoreError::invalid("person_id", "value-required"));
                };
                let known = crate::entity::person::Entity::find_by_id(person_id)
                    .filter(crate::entity::person::Column::OrganizationId.eq(organization_id))
                    .one(txn)
                    .await?
                    .is_some();
                if !known {
                    return Err(StoreError::invalid("person_id", "value-not-in-list"));
                }
                let mut model: referral::ActiveModel = m.into();
                model.person_id = Set(Some(person_id.into()));
                let m = model.update(txn).await?;
                Ok((
                    m,
                    Event::new(Action::ReferralLinked)
                        .target("referral", referral_id)
                        .detail(serde_json::json!({ "person": person_id })),
                ))
            })
            .await?;
        self.referral_counted(m).await
    }

    /// The referrals reached in the last 90 days and not yet linked to a file, for the intake
    /// page, each with the persons whose requests were received from a week before it on
    /// (the file it led to is among them), newest request first.
    pub async fn referrals_to_link(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<(Referral, Vec<(PersonId, String)>)>, StoreError> {
        use crate::entity::{help_request, person};
        let since = self.now() - chrono::TimeDelta::days(90);
        let rows = referral::Entity::find()
            .filter(referral::Column::OrganizationId.eq(organization_id))
            .filter(referral::Column::ReachedAt.is_not_null())
            .filter(referral::Column::PersonId.is_null())
            .filter(referral::Column::ReceivedAt.gte(since))
            .order_by_asc(referral::Column::ReceivedAt)
            .all(self.db())
            .await?;
        let Some(earliest) = rows.first().map(|r| r.received_at) else {
            return Ok(Vec::new());
        };
        let week = chrono::TimeDelta::days(7);
        let requests = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::ReceivedAt.gte(earliest - week))
            .order_by_desc(help_request::Column::ReceivedAt)
            .all(self.db())
            .await?;
        let mut names: std::collections::HashMap<PersonId, String> = Default::default();
        for r in &requests {
            if names.contains_key(&PersonId::from(r.person_id)) {
                continue;
            }
            if let Some(p) = person::Entity::find_by_id(r.person_id)
                .one(self.db())
                .await?
            {
                let name = self.person_name(&p)?;
                names.insert(p.id.into(), name);
            }
        }
        let mut out = Vec::new();
        for m in rows {
            let mut persons: Vec<(PersonId, String)> = Vec::new();
            for r in requests
                .iter()
                .filter(|r| r.received_at >= m.received_at - week)
            {
                if !persons.iter().any(|(id, _)| *id == r.person_id)
                    && let Some(name) = names.get(&PersonId::from(r.person_id))
                {
                    persons.push((r.person_id.into(), name.clone()));
                }
            }
            let attempts = referral_attempt::Entity::find()
                .filter(referral_attempt::Column::ReferralId.eq(m.id))
                .all(self.db())
                .await?
                .len();
            out.push((self.referral_view(m, attempts), persons));
        }
        Ok(out)
    }

    /// The organization's referrals not yet reached, oldest first (for the callback list and
    /// the home pages).
    pub async fn open_referrals(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<Referral>, StoreError> {
        Ok(self
            .open_referral_rows(organization_id)
            .await?
            .into_iter()
            .map(|(r, attempts)| self.referral_view(r, attempts))
            .collect())
    }
}
