//! The exploitation track's emergency fund (docs/domain.md §2.12): money put in, a woman's
//! requests and the committee's decisions, and the balance. What was asked and why the
//! committee decided are sealed; amounts and purposes stay in clear to be counted.

use crate::audit::{Action, Event};
use crate::entity::{fund_entry, person};
use crate::files::field;
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::fund::{MAX_CENTS, Purpose};
use havre_domain::ids::{FundEntryId, OrganizationId, PersonId};
use havre_domain::policy::{self, Record, RecordKind};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct FundEntry {
    pub id: FundEntryId,
    /// deposit or request.
    pub kind: String,
    pub person_id: Option<PersonId>,
    /// Her name, for the committee.
    pub person_name: Option<String>,
    pub at: DateTime<Utc>,
    pub amount_cents: i64,
    pub purpose: Option<String>,
    /// received, pending, approved or refused.
    pub status: String,
    pub granted_cents: Option<i64>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    pub decision_note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Fund {
    pub deposited_cents: i64,
    pub granted_cents: i64,
    /// What is left: put in minus granted.
    pub balance_cents: i64,
    pub pending_cents: i64,
    /// Newest first.
    pub entries: Vec<FundEntry>,
}

/// The committee's decision on a request.
pub enum Decision {
    Approve { granted_cents: i64 },
    Refuse,
}

fn check_note(note: &str, field_name: &'static str) -> Result<Option<String>, StoreError> {
    let note = note.trim();
    if note.chars().count() > 2000 {
        return Err(StoreError::invalid(field_name, "field-too-long"));
    }
    Ok((!note.is_empty()).then(|| note.to_owned()))
}

impl Store {
    /// The fund's balance, from its entries (computed in the database).
    async fn fund_totals<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
    ) -> Result<(i64, i64, i64), StoreError> {
        use sea_orm::QuerySelect;
        let sum = |kind: &'static str, status: &'static str, column: fund_entry::Column| {
            fund_entry::Entity::find()
                .filter(fund_entry::Column::OrganizationId.eq(organization_id))
                .filter(fund_entry::Column::Kind.eq(kind))
                .filter(fund_entry::Column::Status.eq(status))
                .select_only()
                .column_as(crate::sum_as_bigint(column), "total")
                .into_tuple::<Option<i64>>()
                .one(conn)
        };
        let deposited = sum("deposit", "received", fund_entry::Column::AmountCents)
            .await?
            .flatten()
            .unwrap_or(0);
        let granted = sum("request", "approved", fund_entry::Column::GrantedCents)
            .await?
            .flatten()
            .unwrap_or(0);
        let pending = sum("request", "pending", fund_entry::Column::AmountCents)
            .await?
            .flatten()
            .unwrap_or(0);
        Ok((deposited, granted, pending))
    }

    /// The fund, for those who decide on it.
    pub async fn fund(&self, reader: &Reader) -> Result<Fund, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Fund))?;
        let (deposited, granted, pending) =
            self.fund_totals(self.db(), reader.organization_id).await?;
        let rows = fund_entry::Entity::find()
            .filter(fund_entry::Column::OrganizationId.eq(reader.organization_id))
            .order_by_desc(fund_entry::Column::At)
            .all(self.db())
            .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for e in rows {
            // Her name and what was asked are shown only to those who may open her file;
            // the others on the committee see the amount, the purpose and the status.
            let readable = match e.person_id {
                Some(p) => self.may_open_file(reader, p.into()).await.is_ok(),
                None => true,
            };
            let person_name = match e.person_id.filter(|_| readable) {
                Some(p) => match person::Entity::find_by_id(p).one(self.db()).await? {
                    Some(p) => Some(self.person_name(&p)?),
                    None => None,
                },
                None => None,
            };
            let mut entry = self.open_entry(e, person_name)?;
            if !readable {
                entry.note = None;
                entry.decision_note = None;
            }
            entries.push(entry);
        }
        self.audit(&reader.actor, Event::new(Action::FundRead))
            .await?;
        Ok(Fund {
            deposited_cents: deposited,
            granted_cents: granted,
            balance_cents: deposited - granted,
            pending_cents: pending,
            entries,
        })
    }

    fn open_entry(
        &self,
        e: fund_entry::Model,
        person_name: Option<String>,
    ) -> Result<FundEntry, StoreError> {
        let row = e.id.to_string();
        let open = |column, v: &Option<String>| {
            v.as_deref()
                .map(|v| self.keys().open(field("fund_entries", column, &row), v))
                .transpose()
        };
        Ok(FundEntry {
            note: open("note", &e.note_sealed)?,
            decision_note: open("decision_note", &e.decision_note_sealed)?,
            id: e.id.into(),
            kind: e.kind,
            person_id: e.person_id.map(Into::into),
            person_name,
            at: e.at,
            amount_cents: e.amount_cents,
            purpose: e.purpose,
            status: e.status,
            granted_cents: e.granted_cents,
            decided_at: e.decided_at,
        })
    }

    /// The requests made for one woman, for her file.
    pub async fn fund_requests_of(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<Vec<FundEntry>, StoreError> {
        self.may_open_file(reader, person_id).await?;
        if !self.in_use(reader).await?.fund_requests {
            return Ok(Vec::new());
        }
        fund_entry::Entity::find()
            .filter(fund_entry::Column::OrganizationId.eq(reader.organization_id))
            .filter(fund_entry::Column::PersonId.eq(person_id))
            .order_by_desc(fund_entry::Column::At)
            .all(self.db())
            .await?
            .into_iter()
            .map(|e| self.open_entry(e, None))
            .collect()
    }

    /// Puts money in the fund (a donation, a grant).
    pub async fn deposit(
        &self,
        reader: &Reader,
        amount_cents: Option<i64>,
        source: &str,
    ) -> Result<FundEntryId, StoreError> {
        reader.check(policy::Action::Create, &Record::new(RecordKind::Fund))?;
        let Some(amount) = amount_cents.filter(|a| (1..=MAX_CENTS).contains(a)) else {
            return Err(StoreError::invalid("amount", "amount-invalid"));
        };
        let note = check_note(source, "source")?;
        self.insert_entry(reader, "deposit", None, amount, None, "received", note)
            .await
    }

    /// Asks the committee for a woman whose file the reader may open.
    pub async fn request_fund(
        &self,
        reader: &Reader,
        person_id: PersonId,
        amount_cents: Option<i64>,
        purpose: Option<Purpose>,
        note: &str,
    ) -> Result<FundEntryId, StoreError> {
        self.may_open_file(reader, person_id).await?;
        let mut problems = Vec::new();
        if !amount_cents.is_some_and(|a| (1..=MAX_CENTS).contains(&a)) {
            problems.push(FieldError {
                field: "amount",
                message_key: "amount-invalid",
            });
        }
        if purpose.is_none() {
            problems.push(FieldError {
                field: "purpose",
                message_key: "value-not-in-list",
            });
        }
        let note = match check_note(note, "note") {
            Ok(n) => n,
            Err(StoreError::Invalid(mut p)) => {
                problems.append(&mut p);
                None
            }
            Err(e) => return Err(e),
        };
        let (Some(amount), Some(purpose), true) = (amount_cents, purpose, problems.is_empty())
        else {
            return Err(StoreError::Invalid(problems));
        };
        self.insert_entry(
            reader,
            "request",
            Some(person_id),
            amount,
            Some(purpose.key()),
            "pending",
            note,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_entry(
        &self,
        reader: &Reader,
        kind: &str,
        person_id: Option<PersonId>,
        amount: i64,
        purpose: Option<&str>,
        status: &str,
        note: Option<String>,
    ) -> Result<FundEntryId, StoreError> {
        self.write(&reader.actor, async |txn| {
            let now = self.now();
            let id = FundEntryId::new();
            let row = id.to_string();
            fund_entry::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                kind: Set(kind.to_owned()),
                person_id: Set(person_id.map(Into::into)),
                at: Set(now),
                amount_cents: Set(amount),
                purpose: Set(purpose.map(str::to_owned)),
                status: Set(status.to_owned()),
                granted_cents: Set(None),
                decided_at: Set(None),
                note_sealed: Set(note
                    .as_deref()
                    .map(|n| self.keys().seal(field("fund_entries", "note", &row), n))),
                decision_note_sealed: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                decided_by: Set(None),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            let mut event = Event::new(Action::FundChanged)
                .detail(serde_json::json!({ "entry": id, "kind": kind, "amount_cents": amount }));
            if let Some(p) = person_id {
                event = event.target("person", p);
            }
            Ok((id, event))
        })
        .await
    }

    /// Whether a request of the organization waits for the committee (NotFound otherwise).
    pub async fn pending_fund_request(
        &self,
        reader: &Reader,
        id: FundEntryId,
    ) -> Result<(), StoreError> {
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::FundRequest),
        )?;
        fund_entry::Entity::find_by_id(id)
            .filter(fund_entry::Column::OrganizationId.eq(reader.organization_id))
            .filter(fund_entry::Column::Kind.eq("request"))
            .filter(fund_entry::Column::Status.eq("pending"))
            .one(self.db())
            .await?
            .map(|_| ())
            .ok_or(StoreError::NotFound)
    }

    /// The committee's decision on a pending request. A grant larger than the balance is
    /// refused: the fund cannot give what it does not have.
    pub async fn decide_fund_request(
        &self,
        reader: &Reader,
        id: FundEntryId,
        decision: Decision,
        note: &str,
    ) -> Result<(), StoreError> {
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::FundRequest),
        )?;
        self.write(&reader.actor, async |txn| {
            // Two decisions at once must not both spend the same balance: on PostgreSQL the
            // organization's row is locked for the decision; SQLite's write transaction already
            // is exclusive.
            if self.backend() == sea_orm::DbBackend::Postgres {
                use sea_orm::QuerySelect;
                crate::entity::organization::Entity::find_by_id(reader.organization_id)
                    .lock_exclusive()
                    .one(txn)
                    .await?;
            }
            let entry = fund_entry::Entity::find_by_id(id)
                .filter(fund_entry::Column::OrganizationId.eq(reader.organization_id))
                .filter(fund_entry::Column::Kind.eq("request"))
                .filter(fund_entry::Column::Status.eq("pending"))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let note = check_note(note, "decision_note")?;
            let (status, granted) = match decision {
                Decision::Approve { granted_cents } => {
                    if !(1..=MAX_CENTS).contains(&granted_cents) {
                        return Err(StoreError::invalid("granted", "amount-invalid"));
                    }
                    let (deposited, granted, _) =
                        self.fund_totals(txn, reader.organization_id).await?;
                    if granted_cents > deposited - granted {
                        return Err(StoreError::invalid("granted", "fund-insufficient"));
                    }
                    ("approved", Some(granted_cents))
                }
                Decision::Refuse => ("refused", None),
            };
            let now = self.now();
            let row = id.to_string();
            let person_id = entry.person_id;
            let mut model: fund_entry::ActiveModel = entry.into();
            model.status = Set(status.to_owned());
            model.granted_cents = Set(granted);
            model.decided_at = Set(Some(now));
            model.decided_by = Set(Some(reader.user_id.into()));
            model.decision_note_sealed = Set(note.as_deref().map(|n| {
                self.keys()
                    .seal(field("fund_entries", "decision_note", &row), n)
            }));
            model.update(txn).await?;
            let mut event = Event::new(Action::FundChanged).detail(
                serde_json::json!({ "entry": id, "decision": status, "granted_cents": granted }),
            );
            if let Some(p) = person_id {
                event = event.target("person", p);
            }
            Ok(((), event))
        })
        .await
    }
}
