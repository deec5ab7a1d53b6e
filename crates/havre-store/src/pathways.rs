//! Care pathways (docs/care.md "Pathways"): agreements with partners, pathways and their steps,
//! the women on them and the steps they have done. A step booked for an appointment is done
//! when she is seen. The figures are counted by havre-domain's `pathways` from these rows.

use crate::audit::{Action, Event};
use crate::entity::{agreement, pathway, pathway_enrolment, pathway_step, step_completion};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::NaiveDate;
use havre_domain::ids::{
    AgreementId, AppointmentId, CompletionId, EnrolmentId, ListValueId, OrganizationId, PathwayId,
    PersonId, StepId,
};
use havre_domain::lists::ListKind;
use havre_domain::pathways::{
    AgreementFigure, AgreementKind, CompletionFacts, EnrolmentFacts, NewAgreement, PathwayFacts,
    StepFacts, name_problem,
};
use havre_domain::policy::{self, Record, RecordKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use std::collections::HashMap;

/// An agreement with a partner, as the pages and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Agreement {
    pub id: AgreementId,
    pub partner: String,
    pub kind: AgreementKind,
    pub signed_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// The figures it asks for.
    pub figures: Vec<AgreementFigure>,
}

impl From<agreement::Model> for Agreement {
    fn from(m: agreement::Model) -> Self {
        Agreement {
            id: m.id.into(),
            partner: m.partner,
            kind: AgreementKind::parse(&m.kind).unwrap_or(AgreementKind::Other),
            signed_on: m.signed_on,
            ends_on: m.ends_on,
            figures: m
                .figures
                .split(',')
                .filter_map(AgreementFigure::parse)
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Step {
    pub id: StepId,
    pub position: i32,
    pub name: String,
    /// The profession that takes it.
    pub profession_id: Option<ListValueId>,
    /// The step is the complaint filed on site.
    pub complaint: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Pathway {
    pub id: PathwayId,
    pub name: String,
    pub agreement_id: Option<AgreementId>,
    pub retired: bool,
    /// In order.
    pub steps: Vec<Step>,
}

/// A step of a woman's pathway: done on a day, or not yet.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StepOnFile {
    #[serde(flatten)]
    pub step: Step,
    pub done_on: Option<NaiveDate>,
}

/// Where a woman is on one pathway she follows.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PathwayOnFile {
    pub enrolment_id: EnrolmentId,
    pub pathway_id: PathwayId,
    pub name: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub steps: Vec<StepOnFile>,
}

impl PathwayOnFile {
    /// The first step not done yet: where she is.
    pub fn next(&self) -> Option<&StepOnFile> {
        self.steps.iter().find(|s| s.done_on.is_none())
    }
}

/// A step to add at the end of a pathway.
pub struct NewStep {
    pub name: String,
    pub profession_id: Option<ListValueId>,
    pub complaint: bool,
}

impl Store {
    pub(crate) fn check_pathways(
        reader: &Reader,
        action: policy::Action,
    ) -> Result<(), StoreError> {
        reader.check(action, &Record::new(RecordKind::Pathway))
    }

    /// The organization's agreements, the latest signed first.
    pub async fn agreements(&self, reader: &Reader) -> Result<Vec<Agreement>, StoreError> {
        Self::check_pathways(reader, policy::Action::Read)?;
        Ok(agreement::Entity::find()
            .filter(agreement::Column::OrganizationId.eq(reader.organization_id))
            .order_by_desc(agreement::Column::SignedOn)
            .all(self.db())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Records an agreement with a partner and the figures it asks for.
    pub async fn create_agreement(
        &self,
        reader: &Reader,
        new: NewAgreement,
    ) -> Result<AgreementId, StoreError> {
        Self::check_pathways(reader, policy::Action::Create)?;
        let problems = new.problems();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(&reader.actor, async |txn| {
            let id = AgreementId::new();
            let mut figures = new.figures.clone();
            figures.sort();
            figures.dedup();
            agreement::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                partner: Set(new.partner.trim().to_owned()),
                kind: Set(new.kind.map(|k| k.key()).unwrap_or_default().to_owned()),
                signed_on: Set(new.signed_on.unwrap_or_default()),
                ends_on: Set(new.ends_on),
                figures: Set(figures
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(",")),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::PathwayChanged).target("agreement", id),
            ))
        })
        .await
    }

    /// The organization's pathways with their steps, in the order they were opened.
    pub async fn pathways(&self, reader: &Reader) -> Result<Vec<Pathway>, StoreError> {
        Self::check_pathways(reader, policy::Action::Read)?;
        self.pathways_of_organization(self.db(), reader.organization_id)
            .await
    }

    pub(crate) async fn pathways_of_organization<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
    ) -> Result<Vec<Pathway>, StoreError> {
        let mut steps: HashMap<uuid::Uuid, Vec<Step>> = HashMap::new();
        for s in pathway_step::Entity::find()
            .filter(pathway_step::Column::OrganizationId.eq(organization_id))
            .order_by_asc(pathway_step::Column::Position)
            .all(conn)
            .await?
        {
            steps.entry(s.pathway_id).or_default().push(Step {
                id: s.id.into(),
                position: s.position,
                name: s.name,
                profession_id: s.profession_id.map(Into::into),
                complaint: s.complaint,
            });
        }
        Ok(pathway::Entity::find()
            .filter(pathway::Column::OrganizationId.eq(organization_id))
            .order_by_asc(pathway::Column::CreatedAt)
            .all(conn)
            .await?
            .into_iter()
            .map(|p| Pathway {
                id: p.id.into(),
                name: p.name,
                agreement_id: p.agreement_id.map(Into::into),
                retired: p.retired_at.is_some(),
                steps: steps.remove(&p.id).unwrap_or_default(),
            })
            .collect())
    }

    /// Opens a pathway, perhaps under an agreement; its steps are added after.
    pub async fn create_pathway(
        &self,
        reader: &Reader,
        name: &str,
        agreement_id: Option<AgreementId>,
    ) -> Result<PathwayId, StoreError> {
        Self::check_pathways(reader, policy::Action::Create)?;
        self.write(&reader.actor, async |txn| {
            let mut problems: Vec<FieldError> = name_problem(name, "name").into_iter().collect();
            if let Some(a) = agreement_id
                && agreement::Entity::find_by_id(a)
                    .filter(agreement::Column::OrganizationId.eq(reader.organization_id))
                    .one(txn)
                    .await?
                    .is_none()
            {
                problems.push(FieldError::new("agreement_id", "value-not-in-list"));
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = PathwayId::new();
            pathway::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                name: Set(name.trim().to_owned()),
                agreement_id: Set(agreement_id.map(Into::into)),
                retired_at: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((id, Event::new(Action::PathwayChanged).target("pathway", id)))
        })
        .await
    }

    /// Adds a step at the end of a pathway.
    pub async fn add_step(
        &self,
        reader: &Reader,
        pathway_id: PathwayId,
        new: NewStep,
    ) -> Result<StepId, StoreError> {
        Self::check_pathways(reader, policy::Action::Edit)?;
        self.write(&reader.actor, async |txn| {
            pathway::Entity::find_by_id(pathway_id)
                .filter(pathway::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let mut problems: Vec<FieldError> =
                name_problem(&new.name, "name").into_iter().collect();
            if let Some(p) = new.profession_id
                && let Err(e) = self
                    .check_list_values(
                        txn,
                        reader.organization_id,
                        ListKind::Profession,
                        &[p],
                        "profession_id",
                    )
                    .await
            {
                problems.push(e);
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let position = pathway_step::Entity::find()
                .filter(pathway_step::Column::PathwayId.eq(pathway_id))
                .count(txn)
                .await? as i32
                + 1;
            let id = StepId::new();
            pathway_step::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                pathway_id: Set(pathway_id.into()),
                position: Set(position),
                name: Set(new.name.trim().to_owned()),
                profession_id: Set(new.profession_id.map(Into::into)),
                complaint: Set(new.complaint),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::PathwayChanged)
                    .target("pathway", pathway_id)
                    .detail(serde_json::json!({ "step": id, "position": position })),
            ))
        })
        .await
    }

    /// Where a woman is on each pathway she follows, for a reader of her file.
    pub async fn pathways_on_file(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<Vec<PathwayOnFile>, StoreError> {
        let access = self.read_access(reader, person_id).await?;
        if !reader.may(policy::Action::Read, &access.record(RecordKind::Enrolment))
            || !self.in_use(reader).await?.enrolments
        {
            return Ok(Vec::new());
        }
        let enrolments = pathway_enrolment::Entity::find()
            .filter(pathway_enrolment::Column::OrganizationId.eq(reader.organization_id))
            .filter(pathway_enrolment::Column::PersonId.eq(person_id))
            .order_by_asc(pathway_enrolment::Column::StartedOn)
            .all(self.db())
            .await?;
        if enrolments.is_empty() {
            return Ok(Vec::new());
        }
        let pathways = self
            .pathways_of_organization(self.db(), reader.organization_id)
            .await?;
        let done: HashMap<(uuid::Uuid, uuid::Uuid), NaiveDate> = step_completion::Entity::find()
            .filter(step_completion::Column::OrganizationId.eq(reader.organization_id))
            .filter(
                step_completion::Column::EnrolmentId
                    .is_in(enrolments.iter().map(|e| e.id).collect::<Vec<_>>()),
            )
            .all(self.db())
            .await?
            .into_iter()
            .map(|c| ((c.enrolment_id, c.step_id), c.done_on))
            .collect();
        Ok(enrolments
            .into_iter()
            .filter_map(|e| {
                let p = pathways.iter().find(|p| p.id.uuid() == e.pathway_id)?;
                Some(PathwayOnFile {
                    enrolment_id: e.id.into(),
                    pathway_id: p.id,
                    name: p.name.clone(),
                    started_on: e.started_on,
                    ended_on: e.ended_on,
                    steps: p
                        .steps
                        .iter()
                        .map(|s| StepOnFile {
                            step: s.clone(),
                            done_on: done.get(&(e.id, s.id.uuid())).copied(),
                        })
                        .collect(),
                })
            })
            .collect())
    }

    /// Puts a woman on a pathway from a day (today when none). She is not put twice on a
    /// pathway she still follows.
    pub async fn enrol_in_pathway(
        &self,
        reader: &Reader,
        person_id: PersonId,
        pathway_id: Option<PathwayId>,
        started_on: Option<NaiveDate>,
    ) -> Result<EnrolmentId, StoreError> {
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            let access = self.file_access(txn, reader, person_id).await?;
            reader.check(
                policy::Action::Create,
                &access.record(RecordKind::Enrolment),
            )?;
            let mut problems = Vec::new();
            let pathway = match pathway_id {
                Some(id) => {
                    pathway::Entity::find_by_id(id)
                        .filter(pathway::Column::OrganizationId.eq(reader.organization_id))
                        .filter(pathway::Column::RetiredAt.is_null())
                        .one(txn)
                        .await?
                }
                None => None,
            };
            let started_on = started_on.unwrap_or(today);
            match &pathway {
                None => problems.push(FieldError::new("pathway_id", "value-not-in-list")),
                Some(p) => {
                    let already = pathway_enrolment::Entity::find()
                        .filter(pathway_enrolment::Column::PathwayId.eq(p.id))
                        .filter(pathway_enrolment::Column::PersonId.eq(person_id))
                        .filter(pathway_enrolment::Column::EndedOn.is_null())
                        .count(txn)
                        .await?;
                    if already > 0 {
                        problems.push(FieldError::new("pathway_id", "pathway-already-followed"));
                    }
                }
            }
            if started_on > today || started_on < crate::earliest_day() {
                problems.push(FieldError::new("started_on", "date-out-of-range"));
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let pathway = pathway.expect("checked above");
            let id = EnrolmentId::new();
            pathway_enrolment::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                pathway_id: Set(pathway.id),
                person_id: Set(person_id.into()),
                started_on: Set(started_on),
                ended_on: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::PathwayChanged)
                    .target("person", person_id)
                    .detail(serde_json::json!({ "pathway": pathway.id, "enrolment": id })),
            ))
        })
        .await
    }

    /// Marks a step of her pathway done on a day (today when none): not before she entered
    /// it, not after today, not twice.
    pub async fn complete_step(
        &self,
        reader: &Reader,
        enrolment_id: EnrolmentId,
        step_id: Option<StepId>,
        done_on: Option<NaiveDate>,
    ) -> Result<CompletionId, StoreError> {
        let today = self.today(reader).await?;
        self.write(&reader.actor, async |txn| {
            let e = pathway_enrolment::Entity::find_by_id(enrolment_id)
                .filter(pathway_enrolment::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let access = self.file_access(txn, reader, e.person_id.into()).await?;
            reader.check(policy::Action::Edit, &access.record(RecordKind::Enrolment))?;
            let done_on = done_on.unwrap_or(today);
            let id = self
                .record_completion(txn, reader, &e, step_id, done_on, today, None)
                .await?;
            Ok((
                id,
                Event::new(Action::PathwayChanged)
                    .target("person", e.person_id)
                    .detail(serde_json::json!({ "enrolment": enrolment_id, "step": step_id })),
            ))
        })
        .await
    }

    /// A step done, checked: of her pathway, on a day from her entry to today, once.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn record_completion<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        e: &pathway_enrolment::Model,
        step_id: Option<StepId>,
        done_on: NaiveDate,
        today: NaiveDate,
        appointment: Option<AppointmentId>,
    ) -> Result<CompletionId, StoreError> {
        let mut problems = Vec::new();
        let step = match step_id {
            Some(id) => {
                pathway_step::Entity::find_by_id(id)
                    .filter(pathway_step::Column::PathwayId.eq(e.pathway_id))
                    .one(conn)
                    .await?
            }
            None => None,
        };
        match &step {
            None => problems.push(FieldError::new("step_id", "value-not-in-list")),
            Some(s) => {
                let done = step_completion::Entity::find()
                    .filter(step_completion::Column::EnrolmentId.eq(e.id))
                    .filter(step_completion::Column::StepId.eq(s.id))
                    .count(conn)
                    .await?;
                if done > 0 {
                    problems.push(FieldError::new("step_id", "step-already-done"));
                }
            }
        }
        if done_on < e.started_on || done_on > today {
            problems.push(FieldError::new("done_on", "step-date-out-of-range"));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = CompletionId::new();
        step_completion::ActiveModel {
            id: Set(id.into()),
            organization_id: Set(reader.organization_id.into()),
            enrolment_id: Set(e.id),
            step_id: Set(step.expect("checked above").id),
            done_on: Set(done_on),
            appointment_id: Set(appointment.map(Into::into)),
            created_by: Set(Some(reader.user_id.into())),
            created_at: Set(self.now()),
        }
        .insert(conn)
        .await?;
        Ok(id)
    }

    /// The open enrolment of a woman on the pathway of a step, for an appointment booked for
    /// it: refused at `step_id` when she does not follow that pathway.
    pub(crate) async fn enrolment_for_step<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        person_id: PersonId,
        step_id: StepId,
    ) -> Result<pathway_enrolment::Model, StoreError> {
        let step = pathway_step::Entity::find_by_id(step_id)
            .filter(pathway_step::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?;
        let enrolment = match step {
            Some(s) => {
                pathway_enrolment::Entity::find()
                    .filter(pathway_enrolment::Column::PathwayId.eq(s.pathway_id))
                    .filter(pathway_enrolment::Column::PersonId.eq(person_id))
                    .filter(pathway_enrolment::Column::EndedOn.is_null())
                    .one(conn)
                    .await?
            }
            None => None,
        };
        enrolment.ok_or_else(|| StoreError::invalid("step_id", "step-not-on-her-pathway"))
    }

    /// The pathways, enrolments and steps done of an organization, for its figures.
    pub(crate) async fn pathway_facts(
        &self,
        organization_id: OrganizationId,
    ) -> Result<(Vec<PathwayFacts>, Vec<EnrolmentFacts>, Vec<CompletionFacts>), StoreError> {
        let pathways = self
            .pathways_of_organization(self.db(), organization_id)
            .await?
            .into_iter()
            .map(|p| PathwayFacts {
                id: p.id,
                name: p.name,
                agreement: p.agreement_id,
                steps: p
                    .steps
                    .into_iter()
                    .map(|s| StepFacts {
                        id: s.id,
                        name: s.name,
                        complaint: s.complaint,
                    })
                    .collect(),
            })
            .collect();
        let enrolments = pathway_enrolment::Entity::find()
            .filter(pathway_enrolment::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|e| EnrolmentFacts {
                id: e.id.into(),
                pathway: e.pathway_id.into(),
                person: e.person_id.into(),
                started_on: e.started_on,
                ended_on: e.ended_on,
            })
            .collect();
        let completions = step_completion::Entity::find()
            .filter(step_completion::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|c| CompletionFacts {
                enrolment: c.enrolment_id.into(),
                step: c.step_id.into(),
                done_on: c.done_on,
            })
            .collect();
        Ok((pathways, enrolments, completions))
    }
}
