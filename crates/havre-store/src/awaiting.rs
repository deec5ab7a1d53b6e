//! What awaits the team, as the home page says it first: the referrals to call back, the
//! requests received online, the incidents to assess, the access requests nearing their
//! deadline and the files due for destruction. The same for everyone of an organization, so
//! it is counted once and kept until a change (docs/architecture.md "The lists kept until a
//! change"); what depends on the hour (a callback overdue, a deadline near) is decided at each
//! reading, and what each reader is shown, by her rights.

use crate::entity::{access_request, incident, referral, referral_attempt, retention_review};
use crate::reader::Reader;
use crate::referrals::Referral;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use havre_domain::ids::OrganizationId;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::privacy::access_nearing;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::Arc;

/// What awaits the reader, each part only when her rights read it (None otherwise).
#[derive(Clone, Debug, Default)]
pub struct Awaiting {
    /// The referrals not reached yet, oldest first (who reads the help requests).
    pub referrals: Option<Vec<Referral>>,
    /// The requests received online waiting for a call back, those kept apart as likely sent
    /// by a script left out (who reads the help requests).
    pub online: Option<u64>,
    /// Incidents not assessed yet, and access requests near their deadline (the person in
    /// charge of personal information).
    pub privacy: Option<(u64, usize)>,
    /// Records the daily review found due for destruction (who decides it).
    pub destruction: Option<i64>,
}

/// The organization's part, kept: rows as the database holds them.
#[derive(Debug)]
pub(crate) struct Counted {
    referrals: Vec<(referral::Model, usize)>,
    online: u64,
    incidents: u64,
    access_received: Vec<NaiveDate>,
    due_records: Option<i64>,
}

impl Store {
    /// What awaits the reader, at the count of changes her request is read at.
    pub async fn awaiting(&self, reader: &Reader) -> Result<Awaiting, StoreError> {
        let actor = reader.policy_actor();
        let may = |action, kind| policy::may(actor, action, &Record::new(kind));
        let intake = may(policy::Action::Read, RecordKind::HelpRequest);
        let privacy = may(policy::Action::Read, RecordKind::Incident);
        let destruction = may(policy::Action::Decide, RecordKind::Retention);
        if !(intake || privacy || destruction) {
            return Ok(Awaiting::default());
        }
        let org = reader.organization_id;
        let counted = self
            .kept_awaiting
            .get_seen(self, reader, org, async {
                Ok::<_, StoreError>(Arc::new(self.count_awaiting(org).await?))
            })
            .await?;
        let today = self.today(reader).await?;
        Ok(Awaiting {
            referrals: intake.then(|| {
                counted
                    .referrals
                    .iter()
                    .map(|(m, attempts)| self.referral_view(m.clone(), *attempts))
                    .collect()
            }),
            online: intake.then_some(counted.online),
            privacy: privacy.then(|| {
                let nearing = if may(policy::Action::Read, RecordKind::AccessRequest) {
                    counted
                        .access_received
                        .iter()
                        .filter(|received| {
                            access_nearing(**received, today, crate::access::NEARING_DAYS)
                        })
                        .count()
                } else {
                    0
                };
                (counted.incidents, nearing)
            }),
            destruction: (destruction && may(policy::Action::Read, RecordKind::Retention))
                .then_some(counted.due_records)
                .flatten(),
        })
    }

    async fn count_awaiting(&self, org: OrganizationId) -> Result<Counted, StoreError> {
        let db = self.db();
        Ok(Counted {
            referrals: self.open_referral_rows(org).await?,
            online: self.pending_online_count(org).await?,
            incidents: incident::Entity::find()
                .filter(incident::Column::OrganizationId.eq(org))
                .filter(incident::Column::AssessedOn.is_null())
                .count(db)
                .await?,
            access_received: access_request::Entity::find()
                .filter(access_request::Column::OrganizationId.eq(org))
                .filter(access_request::Column::AnsweredOn.is_null())
                .select_only()
                .column(access_request::Column::ReceivedOn)
                .into_tuple()
                .all(db)
                .await?,
            due_records: retention_review::Entity::find_by_id(org)
                .one(db)
                .await?
                .map(|r| r.due_records),
        })
    }

    /// The referrals not reached yet, oldest first, each with how many attempts were made.
    pub(crate) async fn open_referral_rows(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<(referral::Model, usize)>, StoreError> {
        let rows = referral::Entity::find()
            .filter(referral::Column::OrganizationId.eq(organization_id))
            .filter(referral::Column::ReachedAt.is_null())
            .order_by_asc(referral::Column::ReceivedAt)
            .all(self.db())
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let attempts = referral_attempt::Entity::find()
            .filter(referral_attempt::Column::ReferralId.is_in(rows.iter().map(|r| r.id)))
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let n = attempts.iter().filter(|a| a.referral_id == r.id).count();
                (r, n)
            })
            .collect())
    }
}
