//! Help requests (docs/domain.md §2.1-2.2): the person, her safe-contact instructions, the
//! statistical profile, the proposed and decided priority codes. A returning person is found
//! through keyed blind indexes (phone; name with year of birth) without opening the table,
//! and her new request opens a new episode that counts as a second request or more.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{help_request, help_request_value, person};
use crate::{Actor, FieldError, Store, StoreError};
use chrono::{DateTime, Datelike, Utc};
use havre_domain::ids::{HelpRequestId, ListValueId, OnlineRequestId, OrganizationId, PersonId};
use havre_domain::intake::{
    Channel, Decision, ExploitationAnswers, PriorityAnswers, PriorityCode, Proposal,
    RequestContext, ServiceArea, decide, normalize_name_year, normalize_phone, propose,
    propose_exploitation,
};
use havre_domain::lists::ListKind;
use havre_domain::validation::{is_valid_name, is_valid_phone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

// Its rules are the domain's; named here too, where the request that carries it is.
pub use havre_domain::intake::SafeContact;

pub struct NewHelpRequest {
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub voluntary: bool,
    /// She agreed to be counted, without her name, in the figures shared with the
    /// organization's networks (docs/networks.md); asked at each request, the last answer
    /// holds.
    pub network_consent: bool,
    pub exception_reason: Option<String>,
    pub name: String,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub safe_contact: SafeContact,
    pub teenager: bool,
    pub service_area: ServiceArea,
    pub requester: ListValueId,
    pub age_at_request: ListValueId,
    pub age_at_assault: ListValueId,
    pub referral_source: ListValueId,
    pub residence: ListValueId,
    /// The disposition after the request, from its list.
    pub disposition: Option<ListValueId>,
    pub assault_forms: Vec<ListValueId>,
    pub relations: Vec<ListValueId>,
    pub answers: PriorityAnswers,
    /// The exploitation track's criteria, for a request to that service area.
    pub exploitation: Option<ExploitationAnswers>,
    /// The caseworker's code when she overrides the proposal, with her reason.
    pub chosen_code: Option<PriorityCode>,
    pub override_reason: Option<String>,
    /// The request received online she is called back for: it is handled in the same
    /// transaction, and her words become the first note of her file (docs/public.md).
    pub from_online: Option<OnlineRequestId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecordedRequest {
    pub id: HelpRequestId,
    pub person_id: PersonId,
    /// 1 for a first request, 2 or more for a returning person.
    pub sequence: i32,
    pub proposal: Proposal,
    pub decision: Decision,
}

/// The answers of a request as sealed: an import, which kept none, seals the default.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct SealedAnswers {
    general: PriorityAnswers,
    exploitation: Option<ExploitationAnswers>,
}

const PERSONS: &str = "persons";
const REQUESTS: &str = "help_requests";

/// A person as intake or an import opens her file.
pub(crate) struct NewPerson<'a> {
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub birth_year: Option<i32>,
    pub safe_contact: &'a SafeContact,
    pub network_consent: bool,
}

impl Store {
    /// The row of a new person, with her file's own key: what identifies her is sealed with
    /// it, and her blind indexes let a returning person be found without opening the table.
    pub(crate) fn new_person(
        &self,
        organization_id: OrganizationId,
        new: NewPerson<'_>,
        now: DateTime<Utc>,
    ) -> (Uuid, person::ActiveModel) {
        let id = Uuid::new_v4();
        let (key, key_sealed) = self.new_file_key(id);
        let key = Some(&key);
        let seal = |column, value: &str| self.seal_in(key, PERSONS, column, id, value.as_bytes());
        let row = person::ActiveModel {
            id: Set(id),
            organization_id: Set(organization_id.into()),
            name_sealed: Set(seal("name", new.name.trim())),
            phone_sealed: Set(new.phone.map(|p| seal("phone", p))),
            birth_year_sealed: Set(new.birth_year.map(|y| seal("birth_year", &y.to_string()))),
            safe_contact_sealed: Set(seal(
                "safe_contact",
                &serde_json::to_string(new.safe_contact).unwrap_or_default(),
            )),
            phone_index: Set(new.phone.and_then(|p| self.phone_index(p))),
            name_year_index: Set(new.birth_year.map(|y| self.name_year_index(new.name, y))),
            network_consent: Set(new.network_consent),
            created_at: Set(now),
            file_key_sealed: Set(Some(key_sealed)),
            destroyed_at: Set(None),
        };
        (id, row)
    }

    pub(crate) fn phone_index(&self, phone: &str) -> Option<String> {
        normalize_phone(phone).map(|p| self.keys().blind_index("person-phone", &p))
    }

    pub(crate) fn name_year_index(&self, name: &str, birth_year: i32) -> String {
        self.keys()
            .blind_index("person-name-year", &normalize_name_year(name, birth_year))
    }

    /// Records a help request. Every problem with the input is reported at its field, and
    /// then nothing is written.
    pub async fn record_help_request(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        new: NewHelpRequest,
    ) -> Result<RecordedRequest, StoreError> {
        let now = self.now();
        let mut problems = Vec::new();
        if new.received_at > now {
            problems.push(FieldError {
                field: "received_at",
                message_key: "date-in-future",
            });
        }
        if !is_valid_name(&new.name) {
            problems.push(FieldError {
                field: "name",
                message_key: "field-required",
            });
        }
        let phone = new
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        if phone.is_some_and(|p| !is_valid_phone(p)) {
            problems.push(FieldError {
                field: "phone",
                message_key: "phone-invalid",
            });
        }
        for (field, message_key) in new.safe_contact.problems() {
            problems.push(FieldError { field, message_key });
        }
        if let Some(year) = new.birth_year {
            if year > new.received_at.year() {
                problems.push(FieldError {
                    field: "birth_year",
                    message_key: "birth-year-after-request",
                });
            } else if year < new.received_at.year() - 120 {
                problems.push(FieldError {
                    field: "birth_year",
                    message_key: "field-invalid",
                });
            }
        }
        let exception_reason = new
            .exception_reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if !new.voluntary && exception_reason.is_none() {
            problems.push(FieldError {
                field: "exception_reason",
                message_key: "exception-reason-required",
            });
        }
        let single = [
            (ListKind::Requester, new.requester, "requester"),
            (ListKind::AgeAtRequest, new.age_at_request, "age_at_request"),
            (ListKind::AgeAtAssault, new.age_at_assault, "age_at_assault"),
            (
                ListKind::ReferralSource,
                new.referral_source,
                "referral_source",
            ),
            (ListKind::Residence, new.residence, "residence"),
        ];
        for (kind, id, field) in single {
            if let Err(e) = self
                .check_list_values(self.db(), organization_id, kind, &[id], field)
                .await
            {
                problems.push(e);
            }
        }
        if let Some(disposition) = new.disposition
            && let Err(e) = self
                .check_list_values(
                    self.db(),
                    organization_id,
                    ListKind::DispositionAfterRequest,
                    &[disposition],
                    "disposition",
                )
                .await
        {
            problems.push(e);
        }
        for (kind, ids, field) in [
            (ListKind::AssaultForm, &new.assault_forms, "assault_forms"),
            (ListKind::Relation, &new.relations, "relations"),
        ] {
            if let Err(e) = self
                .check_list_values(self.db(), organization_id, kind, ids, field)
                .await
            {
                problems.push(e);
            }
        }

        // The returning person, by phone or by name with year of birth.
        let phone_index = phone.and_then(|p| self.phone_index(p));
        let name_year_index = new.birth_year.map(|y| self.name_year_index(&new.name, y));
        let mut known = Condition::any();
        if let Some(index) = &phone_index {
            known = known.add(person::Column::PhoneIndex.eq(index.clone()));
        }
        if let Some(index) = &name_year_index {
            known = known.add(person::Column::NameYearIndex.eq(index.clone()));
        }
        let returning = if phone_index.is_some() || name_year_index.is_some() {
            person::Entity::find()
                .filter(person::Column::OrganizationId.eq(organization_id))
                .filter(known)
                .one(self.db())
                .await?
        } else {
            None
        };
        let earlier = match &returning {
            Some(p) => {
                help_request::Entity::find()
                    .filter(help_request::Column::PersonId.eq(p.id))
                    .count(self.db())
                    .await? as u32
            }
            None => 0,
        };
        let context = RequestContext {
            teenager: new.teenager,
            earlier_requests: earlier,
        };
        let proposal = match (new.service_area, &new.exploitation) {
            (ServiceArea::Exploitation, Some(exploitation)) => {
                propose_exploitation(exploitation, &new.answers, context)
            }
            _ => propose(&new.answers, context),
        };
        let decision = match decide(
            &proposal,
            new.chosen_code,
            new.override_reason.as_deref(),
            context,
        ) {
            Ok(d) => Some(d),
            Err(p) => {
                problems.push(FieldError {
                    field: "decided_code",
                    message_key: p.message_key(),
                });
                None
            }
        };
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let decision = decision.expect("a decision when there is no problem");

        let (id, person_id, sequence) = self.write(actor, async |txn| {
            let person_id = match &returning {
                Some(p) => {
                    // The latest instructions are the ones to follow.
                    let key = self.file_key(p)?;
                    let key = key.as_ref();
                    let mut model: person::ActiveModel = p.clone().into();
                    model.safe_contact_sealed = Set(self.seal_in(
                        key,
                        PERSONS,
                        "safe_contact",
                        p.id,
                        serde_json::to_string(&new.safe_contact)
                            .unwrap_or_default()
                            .as_bytes(),
                    ));
                    if let (Some(phone), Some(index)) = (phone, &phone_index) {
                        model.phone_sealed =
                            Set(Some(self.seal_in(key, PERSONS, "phone", p.id, phone.as_bytes())));
                        model.phone_index = Set(Some(index.clone()));
                    }
                    if let (Some(year), Some(index)) = (new.birth_year, &name_year_index) {
                        model.birth_year_sealed = Set(Some(self.seal_in(
                            key,
                            PERSONS,
                            "birth_year",
                            p.id,
                            year.to_string().as_bytes(),
                        )));
                        model.name_year_index = Set(Some(index.clone()));
                    }
                    model.network_consent = Set(new.network_consent);
                    model.update(txn).await?;
                    p.id
                }
                None => {
                    let (id, person) = self.new_person(
                        organization_id,
                        NewPerson {
                            name: &new.name,
                            phone,
                            birth_year: new.birth_year,
                            safe_contact: &new.safe_contact,
                            network_consent: new.network_consent,
                        },
                        now,
                    );
                    person.insert(txn).await?;
                    id
                }
            };
            let id = Uuid::new_v4();
            let row = id.to_string();
            let at = |column| FieldRef {
                table: REQUESTS,
                column,
                row: &row,
            };
            let answers = SealedAnswers {
                general: new.answers.clone(),
                exploitation: new.exploitation.clone(),
            };
            let sequence = earlier as i32 + 1;
            help_request::ActiveModel {
                id: Set(id),
                organization_id: Set(organization_id.into()),
                person_id: Set(person_id),
                sequence: Set(sequence),
                received_at: Set(new.received_at),
                channel: Set(new.channel.key().to_owned()),
                voluntary: Set(new.voluntary),
                exception_reason_sealed: Set(exception_reason
                    .filter(|_| !new.voluntary)
                    .map(|r| self.keys().seal(at("exception_reason"), r))),
                teenager: Set(new.teenager),
                service_area: Set(new.service_area.key().to_owned()),
                requester_id: Set(new.requester.into()),
                age_at_request_id: Set(new.age_at_request.into()),
                age_at_assault_id: Set(new.age_at_assault.into()),
                referral_source_id: Set(new.referral_source.into()),
                residence_id: Set(new.residence.into()),
                disposition_id: Set(new.disposition.map(Into::into)),
                answers_sealed: Set(self.keys().seal(
                    at("answers"),
                    &serde_json::to_string(&answers).unwrap_or_default(),
                )),
                proposed_code: Set(decision.proposed.number()),
                decided_code: Set(decision.decided.number()),
                override_reason_sealed: Set(decision
                    .override_reason
                    .as_deref()
                    .map(|r| self.keys().seal(at("override_reason"), r))),
                status: Set("waiting".to_owned()),
                assigned_to: Set(None),
                first_meeting_at: Set(None),
                first_meeting_place: Set(None),
                services_started_at: Set(None),
                closed_at: Set(None),
                close_reason: Set(None),
                created_by: Set(actor.user_id.map(Into::into)),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            let mut values = Vec::new();
            for (kind, ids) in [
                (ListKind::AssaultForm, &new.assault_forms),
                (ListKind::Relation, &new.relations),
            ] {
                let mut ids = ids.clone();
                ids.sort();
                ids.dedup();
                for value_id in ids {
                    values.push(help_request_value::ActiveModel {
                        help_request_id: Set(id),
                        value_id: Set(value_id.into()),
                        organization_id: Set(organization_id.into()),
                        list: Set(kind.key().to_owned()),
                    });
                }
            }
            help_request_value::Entity::insert_many(values)
                .exec_without_returning(txn)
                .await?;
            if let Some(online) = new.from_online {
                self.record_from_online(txn, actor, organization_id, online, person_id.into(), id.into())
                    .await?;
            }
                Ok(((id, person_id, sequence), Event::new(Action::HelpRequestRecorded)
                .target("help_request", id)
                .detail(serde_json::json!({ "sequence": sequence, "proposed": decision.proposed.number(), "decided": decision.decided.number(), "online_request": new.from_online }))))
        }).await?;
        Ok(RecordedRequest {
            id: id.into(),
            person_id: person_id.into(),
            sequence,
            proposal,
            decision,
        })
    }
}
