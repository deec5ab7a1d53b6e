//! The complaint register (docs/privacy.md "Complaints"): complaints received by the team or
//! from the public page, who handles each, its dated steps, its outcome and the day the
//! complainant was answered against the organization's deadline; and the yearly complaint
//! figures of the annual report.
//!
//! The register is read by the person in charge of complaints and the coordinator, and a
//! complaint about one of them is hidden from her as if it did not exist: she learns of it
//! from who handles it, as the complaint process says.

use crate::audit::{Action, Event};
use crate::entity::{complaint, complaint_step, privacy_setting};
use crate::lists::ListValue;
use crate::reader::Reader;
use crate::{Actor, Store, StoreError};
use chrono::NaiveDate;
use havre_domain::complaints::{
    Channel, ComplainantKind, ComplaintFacts, ComplaintFigures, ComplaintForm, ComplaintOutcome,
    DEFAULT_ANSWER_DAYS, MAX_ANSWER_DAYS, check_conclusion, check_step, figures, past_deadline,
};
use havre_domain::ids::{ComplaintId, ListValueId, OrganizationId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::privacy::{RetentionKind, RetentionYears};
use havre_domain::validation::text_ok;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use uuid::Uuid;

const COMPLAINTS: &str = "complaints";
const STEPS: &str = "complaint_steps";

/// What the organization publishes of its duties: its person in charge of personal
/// information, and the days it gives itself to answer a complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PrivacySettings {
    /// The title of the person in charge of personal information, as published.
    pub officer_title: String,
    /// How to reach her: an email, a phone, an address.
    pub officer_contact: String,
    pub complaint_answer_days: u32,
    /// Years each kind of record is kept, then destroyed (docs/privacy.md "Destruction").
    pub retention: RetentionYears,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        PrivacySettings {
            officer_title: String::new(),
            officer_contact: String::new(),
            complaint_answer_days: DEFAULT_ANSWER_DAYS,
            retention: RetentionYears::default(),
        }
    }
}

/// A line of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ComplaintLine {
    pub id: ComplaintId,
    pub received_on: NaiveDate,
    #[schema(value_type = String)]
    pub channel: Channel,
    pub nature: ListValue,
    pub service: String,
    pub handler: Option<String>,
    #[schema(value_type = Option<String>)]
    pub outcome: Option<ComplaintOutcome>,
    pub answered_on: Option<NaiveDate>,
    /// The last day to answer, by the organization's deadline.
    pub due_on: NaiveDate,
    /// Answered after it, or still awaited past it.
    pub late: bool,
}

/// A complaint, with what the register holds of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Complaint {
    #[serde(flatten)]
    pub line: ComplaintLine,
    #[schema(value_type = String)]
    pub complainant_kind: ComplainantKind,
    /// Her name and how to answer her; none for an anonymous complaint.
    pub complainant: Option<String>,
    /// The member of the team it is about, if one.
    pub about: Option<UserId>,
    pub about_name: Option<String>,
    pub summary: String,
    pub handler_id: Option<UserId>,
    pub steps: Vec<ComplaintStep>,
}

/// A dated step of the handling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ComplaintStep {
    pub day: NaiveDate,
    pub body: String,
    pub noted_by: String,
}

/// The yearly complaint report of a period (docs/privacy.md "The yearly complaint report"):
/// the complaints received in it, answered or still open, late or in time, per nature and
/// per outcome.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ComplaintReport {
    pub received: i64,
    /// Of those, answered by the period's end; the others are still open.
    pub answered: i64,
    pub open: i64,
    /// Answered past the deadline, or still open past it at the period's end.
    pub past_deadline: i64,
    /// Median days to the answer, of those answered.
    pub median_answer_days: Option<f64>,
    /// The deadline the organization gives itself, in days.
    pub answer_days: u32,
    /// Per nature of the organization's list, in its order (a nature retired since is
    /// shown when the period holds one).
    pub per_nature: Vec<NatureCount>,
    /// Per outcome, every outcome in its order.
    pub per_outcome: Vec<OutcomeCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NatureCount {
    pub nature: ListValue,
    pub complaints: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OutcomeCount {
    #[schema(value_type = String)]
    pub outcome: ComplaintOutcome,
    pub complaints: i64,
}

impl Store {
    /// The organization's privacy settings, its defaults until it sets them.
    pub async fn privacy_settings(
        &self,
        organization_id: OrganizationId,
    ) -> Result<PrivacySettings, StoreError> {
        Ok(privacy_setting::Entity::find_by_id(organization_id)
            .one(self.db())
            .await?
            .map(|s| PrivacySettings {
                officer_title: s.officer_title,
                officer_contact: s.officer_contact,
                complaint_answer_days: s.complaint_answer_days.max(1) as u32,
                retention: {
                    let years = |kind: RetentionKind, chosen: Option<i32>| {
                        chosen.map_or(kind.default_years(), |y| {
                            (y.max(0) as u32).max(kind.floor_years())
                        })
                    };
                    RetentionYears {
                        closed_file: years(RetentionKind::ClosedFile, s.file_retention_years),
                        unserved_request: years(
                            RetentionKind::UnservedRequest,
                            s.unserved_request_retention_years,
                        ),
                        call: years(RetentionKind::Call, s.call_retention_years),
                        complaint: years(RetentionKind::Complaint, s.complaint_retention_years),
                        incident: years(RetentionKind::Incident, s.incident_retention_years),
                    }
                },
            })
            .unwrap_or_default())
    }

    /// Names the person in charge of personal information as the public page shows her: her
    /// title and how to reach her. Kept by whoever keeps the privacy duties.
    pub async fn set_privacy_officer(
        &self,
        reader: &Reader,
        title: &str,
        contact: &str,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Incident))?;
        let mut problems = Vec::new();
        if !text_ok(title, 200) {
            problems.push(crate::FieldError::new("officer_title", "field-required"));
        }
        if !text_ok(contact, 300) {
            problems.push(crate::FieldError::new("officer_contact", "field-required"));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let (title, contact) = (title.trim().to_owned(), contact.trim().to_owned());
        self.change_privacy_settings(reader, "officer", move |s| {
            s.officer_title = title;
            s.officer_contact = contact;
        })
        .await
    }

    /// Sets the days the organization gives itself to answer a complaint.
    pub async fn set_complaint_answer_days(
        &self,
        reader: &Reader,
        days: &str,
    ) -> Result<(), StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::Complaint))?;
        let days = days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=MAX_ANSWER_DAYS).contains(d))
            .ok_or_else(|| StoreError::invalid("complaint_answer_days", "answer-days-invalid"))?;
        self.change_privacy_settings(reader, "complaint_answer_days", move |s| {
            s.complaint_answer_days = days
        })
        .await
    }

    pub(crate) async fn change_privacy_settings(
        &self,
        reader: &Reader,
        what: &'static str,
        change: impl FnOnce(&mut PrivacySettings),
    ) -> Result<(), StoreError> {
        let org = reader.organization_id;
        self.write(&reader.actor, async |txn| {
            let row = privacy_setting::Entity::find_by_id(org).one(txn).await?;
            let mut settings = self.privacy_settings(org).await?;
            change(&mut settings);
            let model = privacy_setting::ActiveModel {
                organization_id: Set(org.into()),
                officer_title: Set(settings.officer_title.clone()),
                officer_contact: Set(settings.officer_contact.clone()),
                complaint_answer_days: Set(settings.complaint_answer_days as i32),
                file_retention_years: Set(Some(settings.retention.closed_file as i32)),
                unserved_request_retention_years: Set(Some(
                    settings.retention.unserved_request as i32,
                )),
                call_retention_years: Set(Some(settings.retention.call as i32)),
                complaint_retention_years: Set(Some(settings.retention.complaint as i32)),
                incident_retention_years: Set(Some(settings.retention.incident as i32)),
                updated_at: Set(self.now()),
            };
            match row {
                Some(_) => model.update(txn).await?,
                None => model.insert(txn).await?,
            };
            Ok((
                (),
                Event::new(Action::PrivacySettingsChanged)
                    .target("organization", org)
                    .detail(serde_json::json!({ "changed": what })),
            ))
        })
        .await
    }

    /// Enters a complaint received by the team.
    pub async fn receive_complaint(
        &self,
        reader: &Reader,
        form: ComplaintForm,
    ) -> Result<ComplaintId, StoreError> {
        // One who enters a complaint about herself could read it: she hands it on instead.
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::Complaint).about(form.about.map(Into::into)),
        )?;
        let today = self.today(reader).await?;
        self.enter_complaint(
            &reader.actor,
            reader.organization_id,
            Channel::Staff,
            form,
            today,
            Some(reader.user_id),
        )
        .await
    }

    /// A complaint sent from the public page: received today, nobody named by the form.
    pub async fn receive_public_complaint(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        form: ComplaintForm,
    ) -> Result<ComplaintId, StoreError> {
        let today = self.today_of(organization_id).await?;
        let form = ComplaintForm {
            received_on: Some(today),
            about: None,
            ..form
        };
        self.enter_complaint(
            actor,
            organization_id,
            Channel::PublicPage,
            form,
            today,
            None,
        )
        .await
    }

    async fn enter_complaint(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        channel: Channel,
        form: ComplaintForm,
        today: NaiveDate,
        by: Option<UserId>,
    ) -> Result<ComplaintId, StoreError> {
        let mut problems = form.check(today);
        let id = ComplaintId::new();
        let actor = Actor {
            organization_id: Some(organization_id),
            ..actor.clone()
        };
        self.write(&actor, async |txn| {
            if let Some(nature) = form.nature
                && let Err(p) = self
                    .check_list_values(
                        txn,
                        organization_id,
                        ListKind::ComplaintNature,
                        &[nature],
                        "nature",
                    )
                    .await
            {
                problems.push(p);
            }
            if let Some(about) = form.about
                && self.user(organization_id, about).await.is_err()
            {
                problems.push(crate::FieldError::new("about", "value-not-in-list"));
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let (Some(received_on), Some(kind), Some(nature)) =
                (form.received_on, form.complainant_kind, form.nature)
            else {
                unreachable!("checked by the form");
            };
            complaint::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(organization_id.into()),
                received_on: Set(received_on),
                channel: Set(channel.key().to_owned()),
                complainant_kind: Set(kind.key().to_owned()),
                complainant_sealed: Set(form
                    .complainant_kept()
                    .map(|c| self.seal_at(COMPLAINTS, "complainant", id, &c))),
                nature_id: Set(nature.into()),
                service: Set(form.service.trim().to_owned()),
                about_user_id: Set(form.about.map(Into::into)),
                summary_sealed: Set(self.seal_at(COMPLAINTS, "summary", id, form.summary.trim())),
                handler_id: Set(None),
                outcome: Set(None),
                answered_on: Set(None),
                created_by: Set(by.map(Into::into)),
                created_at: Set(self.now()),
                destroyed_at: Set(None),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::ComplaintReceived)
                    .target("complaint", id)
                    .detail(
                        serde_json::json!({ "channel": channel.key(), "complainant": kind.key() }),
                    ),
            ))
        })
        .await
    }

    /// The register, newest first, without the complaints about the reader; the complaints
    /// received in a period when one is given.
    pub async fn complaints(
        &self,
        reader: &Reader,
        period: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<Vec<ComplaintLine>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Complaint))?;
        let mut query = complaint::Entity::find()
            .filter(complaint::Column::OrganizationId.eq(reader.organization_id))
            .filter(
                sea_orm::Condition::any()
                    .add(complaint::Column::AboutUserId.is_null())
                    .add(complaint::Column::AboutUserId.ne(reader.user_id)),
            );
        if let Some((first, last)) = period {
            query = query
                .filter(complaint::Column::ReceivedOn.gte(first))
                .filter(complaint::Column::ReceivedOn.lte(last));
        }
        let rows = query
            .order_by_desc(complaint::Column::ReceivedOn)
            .order_by_desc(complaint::Column::CreatedAt)
            .all(self.db())
            .await?;
        let context = self.register_context(reader.organization_id, &rows).await?;
        Ok(rows.iter().map(|r| context.line(r)).collect())
    }

    /// One complaint, its reading audited. One about the reader is not found.
    pub async fn complaint(
        &self,
        reader: &Reader,
        id: ComplaintId,
    ) -> Result<Complaint, StoreError> {
        let row = self.complaint_row(self.db(), reader, id).await?;
        let context = self
            .register_context(reader.organization_id, std::slice::from_ref(&row))
            .await?;
        let steps = complaint_step::Entity::find()
            .filter(complaint_step::Column::ComplaintId.eq(row.id))
            .order_by_asc(complaint_step::Column::Day)
            .order_by_asc(complaint_step::Column::NotedAt)
            .all(self.db())
            .await?;
        let names = self
            .user_names(
                reader.organization_id,
                steps
                    .iter()
                    .map(|s| UserId::from(s.noted_by))
                    .chain(row.about_user_id.map(Into::into)),
            )
            .await?;
        let complaint = Complaint {
            line: context.line(&row),
            complainant_kind: ComplainantKind::parse(&row.complainant_kind)
                .unwrap_or(ComplainantKind::Other),
            complainant: self.open_opt(
                COMPLAINTS,
                "complainant",
                row.id,
                &row.complainant_sealed,
            )?,
            about: row.about_user_id.map(Into::into),
            about_name: row
                .about_user_id
                .and_then(|u| names.get(&UserId::from(u)).cloned()),
            summary: self.open_at(COMPLAINTS, "summary", row.id, &row.summary_sealed)?,
            handler_id: row.handler_id.map(Into::into),
            steps: steps
                .iter()
                .map(|s| {
                    Ok(ComplaintStep {
                        day: s.day,
                        body: self.open_at(STEPS, "body", s.id, &s.body_sealed)?,
                        noted_by: names
                            .get(&UserId::from(s.noted_by))
                            .cloned()
                            .unwrap_or_default(),
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        };
        self.audit(
            &reader.actor,
            Event::new(Action::ComplaintRead).target("complaint", id),
        )
        .await?;
        Ok(complaint)
    }

    /// The accounts that may be given a complaint to handle: those who read the register,
    /// less the one it is about.
    pub async fn complaint_handlers(
        &self,
        reader: &Reader,
        id: ComplaintId,
    ) -> Result<Vec<(UserId, String)>, StoreError> {
        let row = self.complaint_row(self.db(), reader, id).await?;
        Ok(self
            .users(reader.organization_id)
            .await?
            .into_iter()
            .filter(|u| {
                u.active && policy::may_handle_complaint(&u.roles, u.id.into(), row.about_user_id)
            })
            .map(|u| (u.id, u.name))
            .collect())
    }

    /// Gives a complaint to a member of the team to handle: never the one it is about.
    pub async fn assign_complaint(
        &self,
        reader: &Reader,
        id: ComplaintId,
        handler: UserId,
    ) -> Result<(), StoreError> {
        self.write(&reader.actor, async |txn| {
            let row = self.complaint_row(txn, reader, id).await?;
            reader.check(policy::Action::Assign, &Record::new(RecordKind::Complaint))?;
            let may = self
                .user(reader.organization_id, handler)
                .await
                .is_ok_and(|u| {
                    u.active
                        && policy::may_handle_complaint(&u.roles, handler.into(), row.about_user_id)
                });
            if !may {
                return Err(StoreError::invalid(
                    "handler_id",
                    "complaint-handler-refused",
                ));
            }
            let mut model: complaint::ActiveModel = row.into();
            model.handler_id = Set(Some(handler.into()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::ComplaintChanged)
                    .target("complaint", id)
                    .detail(serde_json::json!({ "handler": handler })),
            ))
        })
        .await
    }

    /// Notes a step of the handling, on its day.
    pub async fn add_complaint_step(
        &self,
        reader: &Reader,
        id: ComplaintId,
        day: Option<NaiveDate>,
        body: &str,
    ) -> Result<(), StoreError> {
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            let row = self.complaint_row(txn, reader, id).await?;
            reader.check(policy::Action::Edit, &Record::new(RecordKind::Complaint))?;
            let problems = check_step(day, body, row.received_on, today);
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let step = Uuid::new_v4();
            complaint_step::ActiveModel {
                id: Set(step),
                organization_id: Set(reader.organization_id.into()),
                complaint_id: Set(row.id),
                day: Set(day.expect("checked")),
                body_sealed: Set(self.seal_at(STEPS, "body", step, body.trim())),
                noted_by: Set(reader.user_id.into()),
                noted_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                (),
                Event::new(Action::ComplaintChanged)
                    .target("complaint", id)
                    .detail(serde_json::json!({ "step": step })),
            ))
        })
        .await
    }

    /// Ends a complaint: its outcome, and the day the complainant was answered.
    pub async fn conclude_complaint(
        &self,
        reader: &Reader,
        id: ComplaintId,
        outcome: Option<ComplaintOutcome>,
        answered_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            let row = self.complaint_row(txn, reader, id).await?;
            reader.check(policy::Action::Decide, &Record::new(RecordKind::Complaint))?;
            let problems = check_conclusion(outcome, answered_on, row.received_on, today);
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let outcome = outcome.expect("checked");
            let mut model: complaint::ActiveModel = row.into();
            model.outcome = Set(Some(outcome.key().to_owned()));
            model.answered_on = Set(answered_on);
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::ComplaintChanged)
                    .target("complaint", id)
                    .detail(
                        serde_json::json!({ "outcome": outcome.key(), "answered_on": answered_on }),
                    ),
            ))
        })
        .await
    }

    /// A complaint of the reader's organization that she may read: one about her, or of
    /// another organization, is not found.
    async fn complaint_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        id: ComplaintId,
    ) -> Result<complaint::Model, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::Complaint))?;
        let row = complaint::Entity::find_by_id(id)
            .filter(complaint::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !reader.may(
            policy::Action::Read,
            &Record::new(RecordKind::Complaint).about(row.about_user_id),
        ) {
            return Err(StoreError::NotFound);
        }
        Ok(row)
    }

    /// What the lines of the register need besides their rows: natures, handlers' names, the
    /// deadline and today.
    async fn register_context(
        &self,
        organization_id: OrganizationId,
        rows: &[complaint::Model],
    ) -> Result<RegisterContext, StoreError> {
        Ok(RegisterContext {
            natures: self
                .list_values(organization_id, ListKind::ComplaintNature, true)
                .await?,
            handlers: self
                .user_names(
                    organization_id,
                    rows.iter().filter_map(|r| r.handler_id.map(Into::into)),
                )
                .await?,
            answer_days: self
                .privacy_settings(organization_id)
                .await?
                .complaint_answer_days,
            today: self.today_of(organization_id).await?,
        })
    }

    /// The yearly complaint report of a period, both days included: the complaints received
    /// in it, counted as a coordinator would by hand (docs/privacy.md "The yearly complaint
    /// report"). Nothing identifying is opened.
    pub async fn complaint_report(
        &self,
        organization_id: OrganizationId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<ComplaintReport, StoreError> {
        let answer_days = self
            .privacy_settings(organization_id)
            .await?
            .complaint_answer_days;
        let rows = complaint::Entity::find()
            .filter(complaint::Column::OrganizationId.eq(organization_id))
            .filter(complaint::Column::ReceivedOn.gte(first))
            .filter(complaint::Column::ReceivedOn.lte(last))
            .all(self.db())
            .await?;
        let facts: Vec<ComplaintFacts> = rows
            .iter()
            .map(|r| ComplaintFacts {
                nature: r.nature_id.to_string(),
                received_on: r.received_on,
                answered_on: r.answered_on,
                outcome: r.outcome.as_deref().and_then(ComplaintOutcome::parse),
            })
            .collect();
        let ComplaintFigures {
            received,
            answered,
            open,
            per_nature,
            per_outcome,
            median_answer_days,
            past_deadline,
        } = figures(&facts, answer_days, first, last);
        let per_nature = self
            .list_values(organization_id, ListKind::ComplaintNature, true)
            .await?
            .into_iter()
            .filter_map(|nature| {
                let complaints = per_nature
                    .get(&Uuid::from(nature.id).to_string())
                    .copied()
                    .unwrap_or(0);
                (!nature.retired || complaints > 0).then_some(NatureCount { nature, complaints })
            })
            .collect();
        Ok(ComplaintReport {
            received,
            answered,
            open,
            past_deadline,
            median_answer_days,
            answer_days,
            per_nature,
            per_outcome: ComplaintOutcome::ALL
                .iter()
                .map(|&outcome| OutcomeCount {
                    outcome,
                    complaints: per_outcome.get(&outcome).copied().unwrap_or(0),
                })
                .collect(),
        })
    }
}

struct RegisterContext {
    natures: Vec<ListValue>,
    handlers: std::collections::HashMap<UserId, String>,
    answer_days: u32,
    today: NaiveDate,
}

impl RegisterContext {
    fn line(&self, r: &complaint::Model) -> ComplaintLine {
        let nature_id = ListValueId::from(r.nature_id);
        ComplaintLine {
            id: r.id.into(),
            received_on: r.received_on,
            channel: Channel::parse(&r.channel).unwrap_or(Channel::Staff),
            nature: self
                .natures
                .iter()
                .find(|v| v.id == nature_id)
                .cloned()
                .unwrap_or_else(|| ListValue {
                    // Every nature is read, the retired ones too: a row's is always found.
                    id: nature_id,
                    list: ListKind::ComplaintNature.key().to_owned(),
                    key: None,
                    label_fr: String::new(),
                    label_en: String::new(),
                    category: None,
                    retired: true,
                }),
            service: r.service.clone(),
            handler: r
                .handler_id
                .and_then(|h| self.handlers.get(&UserId::from(h)).cloned()),
            outcome: r.outcome.as_deref().and_then(ComplaintOutcome::parse),
            answered_on: r.answered_on,
            due_on: r.received_on + chrono::Days::new(u64::from(self.answer_days)),
            late: past_deadline(r.received_on, r.answered_on, self.today, self.answer_days),
        }
    }
}
