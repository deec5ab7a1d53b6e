//! Prevention (docs/domain.md §4): programs and workshops, animations, trainings given and
//! evaluations. Nobody is named here: animations count groups and people. Totals per workshop
//! and per place are computed in the database, as the report will.

use crate::audit::{Action, Event};
use crate::entity::{
    animation, animation_staff, evaluation_batch, evaluation_count, evaluation_question,
    list_value, outreach_figure, program, training_given, workshop,
};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use havre_domain::ids::{
    AnimationId, EvaluationBatchId, ListValueId, OrganizationId, OutreachFigureId, ProgramId,
    QuestionId, TrainingGivenId, UserId, WorkshopId,
};
use havre_domain::intake::ServiceArea;
use havre_domain::lists::ListKind;
use havre_domain::meetings::MeetingTime;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::prevention::{
    NewTraining, NewWorkshop, answers_fit, count_problems, outreach_figure_problems, percentages,
};
use havre_domain::validation::text_ok;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct Workshop {
    pub id: WorkshopId,
    /// None for a workshop without a number (an adapted one).
    pub number: Option<i32>,
    pub title: String,
    pub objective: String,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Question {
    pub id: QuestionId,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Program {
    pub id: ProgramId,
    pub name: String,
    pub service_area: String,
    pub workshops: Vec<Workshop>,
}

pub struct NewAnimation {
    pub workshop_id: WorkshopId,
    pub held_at: DateTime<Utc>,
    pub place_id: ListValueId,
    pub class_groups: i32,
    pub students: i32,
    pub staff_participants: i32,
    pub facilitation_minutes: i32,
    pub travel_minutes: i32,
    pub preparation_minutes: i32,
    pub staff: Vec<UserId>,
}

/// The answers of one question: how many said 1, 2, 3 and 4.
pub type Answers = [u32; 4];

/// What animations are summed by: their workshop or their place. It reads as the id alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnimationKey {
    Workshop(WorkshopId),
    Place(ListValueId),
}

impl std::fmt::Display for AnimationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnimationKey::Workshop(id) => id.fmt(f),
            AnimationKey::Place(id) => id.fmt(f),
        }
    }
}

/// The sums of animations, per workshop or per place (the seed's Empreinte table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnimationTotals {
    pub key: AnimationKey,
    pub animations: i64,
    pub class_groups: i64,
    pub students: i64,
    pub staff_participants: i64,
    pub facilitation_minutes: i64,
    pub travel_minutes: i64,
    pub preparation_minutes: i64,
}

#[derive(FromQueryResult)]
struct TotalsRow {
    key: Uuid,
    animations: i64,
    class_groups: Option<i64>,
    students: Option<i64>,
    staff_participants: Option<i64>,
    facilitation_minutes: Option<i64>,
    travel_minutes: Option<i64>,
    preparation_minutes: Option<i64>,
}

/// One question of a workshop's evaluations, compiled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CompiledQuestion {
    pub question_id: QuestionId,
    pub text: String,
    pub answers: Answers,
    /// Whole percentages adding up to 100; none when nobody answered.
    pub percentages: Option<[u32; 4]>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CompiledEvaluation {
    pub workshop_id: WorkshopId,
    pub respondents: i64,
    pub questions: Vec<CompiledQuestion>,
}

fn require(reader: &Reader) -> Result<(), StoreError> {
    reader.check(policy::Action::Create, &Record::new(RecordKind::Prevention))
}

impl Store {
    /// Creates a program of the organization.
    pub async fn create_program(
        &self,
        reader: &Reader,
        name: &str,
        service_area: ServiceArea,
    ) -> Result<ProgramId, StoreError> {
        require(reader)?;
        if !text_ok(name, 120) {
            return Err(StoreError::invalid("name", "field-required"));
        }
        self.write(&reader.actor, async |txn| {
            let id = ProgramId::new();
            let now = self.now();
            program::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                name: Set(name.trim().to_owned()),
                service_area: Set(service_area.key().to_owned()),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::PreventionChanged).target("program", id),
            ))
        })
        .await
    }

    /// Adds a workshop, numbered or not, with its objective and its questionnaire, to a program.
    pub async fn add_workshop(
        &self,
        reader: &Reader,
        program_id: ProgramId,
        new: NewWorkshop,
    ) -> Result<WorkshopId, StoreError> {
        require(reader)?;
        self.write(&reader.actor, async |txn| {
            program::Entity::find_by_id(program_id)
                .filter(program::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let problems = new.problems();
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = WorkshopId::new();
            let now = self.now();
            workshop::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                program_id: Set(program_id.into()),
                number: Set(new.number),
                title: Set(new.title.trim().to_owned()),
                objective: Set(new.objective.trim().to_owned()),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            if !new.questions.is_empty() {
                evaluation_question::Entity::insert_many(new.questions.iter().enumerate().map(
                    |(i, q)| evaluation_question::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        organization_id: Set(reader.organization_id.into()),
                        workshop_id: Set(id.into()),
                        position: Set(i as i32),
                        text: Set(q.trim().to_owned()),
                    },
                ))
                .exec_without_returning(txn)
                .await?;
            }
            Ok((
                id,
                Event::new(Action::PreventionChanged).target("workshop", id),
            ))
        })
        .await
    }

    /// The programs of the organization with their workshops and questions, in order.
    pub async fn programs(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<Program>, StoreError> {
        let db = self.db();
        let programs = program::Entity::find()
            .filter(program::Column::OrganizationId.eq(organization_id))
            .order_by_asc(program::Column::Name)
            .all(db)
            .await?;
        let workshops = workshop::Entity::find()
            .filter(workshop::Column::OrganizationId.eq(organization_id))
            .order_by_asc(workshop::Column::Number)
            .order_by_asc(workshop::Column::CreatedAt)
            .all(db)
            .await?;
        // Numbered workshops in their order, then those without a number (NULL sorts first
        // on SQLite and last on PostgreSQL: the order is made here, the same on both).
        let mut workshops = workshops;
        workshops.sort_by_key(|w| (w.number.is_none(), w.number));
        let mut questions: HashMap<Uuid, Vec<Question>> = HashMap::new();
        for q in evaluation_question::Entity::find()
            .filter(evaluation_question::Column::OrganizationId.eq(organization_id))
            .order_by_asc(evaluation_question::Column::Position)
            .all(db)
            .await?
        {
            questions.entry(q.workshop_id).or_default().push(Question {
                id: q.id.into(),
                text: q.text,
            });
        }
        Ok(programs
            .into_iter()
            .map(|p| Program {
                workshops: workshops
                    .iter()
                    .filter(|w| w.program_id == p.id)
                    .map(|w| Workshop {
                        id: w.id.into(),
                        number: w.number,
                        title: w.title.clone(),
                        objective: w.objective.clone(),
                        questions: questions.remove(&w.id).unwrap_or_default(),
                    })
                    .collect(),
                id: p.id.into(),
                name: p.name,
                service_area: p.service_area,
            })
            .collect())
    }

    async fn workshop_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        id: WorkshopId,
    ) -> Result<Option<workshop::Model>, StoreError> {
        Ok(workshop::Entity::find_by_id(id)
            .filter(workshop::Column::OrganizationId.eq(organization_id))
            .one(conn)
            .await?)
    }

    /// Records an animation; bad input is reported at its field and nothing is written.
    pub async fn record_animation(
        &self,
        reader: &Reader,
        new: NewAnimation,
    ) -> Result<AnimationId, StoreError> {
        require(reader)?;
        self.write(&reader.actor, async |txn| {
            let now = self.now();
            let mut problems: Vec<FieldError> =
                count_problems(new.class_groups, new.students, new.staff_participants)
                    .into_iter()
                    .map(|(field, message_key)| FieldError { field, message_key })
                    .collect();
            if self
                .workshop_of(txn, reader.organization_id, new.workshop_id)
                .await?
                .is_none()
            {
                problems.push(FieldError {
                    field: "workshop_id",
                    message_key: "value-not-in-list",
                });
            }
            let place = list_value::Entity::find_by_id(new.place_id)
                .filter(list_value::Column::OrganizationId.eq(reader.organization_id))
                .filter(list_value::Column::List.eq(ListKind::Place.key()))
                .filter(list_value::Column::RetiredAt.is_null())
                .one(txn)
                .await?;
            if place.is_none() {
                problems.push(FieldError {
                    field: "place_id",
                    message_key: "value-not-in-list",
                });
            }
            let time = MeetingTime {
                duration: new.facilitation_minutes,
                preparation: new.preparation_minutes,
                debrief: 0,
                travel: new.travel_minutes,
            };
            for (field, key) in time.problems() {
                problems.push(FieldError {
                    field: if field == "duration" {
                        "facilitation"
                    } else {
                        field
                    },
                    message_key: key,
                });
            }
            if self.is_to_come(new.held_at) {
                problems.push(FieldError {
                    field: "date",
                    message_key: "held-in-future",
                });
            } else if new.held_at < crate::earliest_instant() {
                problems.push(FieldError {
                    field: "date",
                    message_key: "date-out-of-range",
                });
            }
            let staff = crate::groups::dedup(new.staff.clone());
            crate::groups::check_staff(txn, reader.organization_id, &staff, "staff", &mut problems)
                .await?;
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = AnimationId::new();
            animation::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                workshop_id: Set(new.workshop_id.into()),
                held_at: Set(new.held_at),
                place_id: Set(new.place_id.into()),
                class_groups: Set(new.class_groups),
                students: Set(new.students),
                staff_participants: Set(new.staff_participants),
                facilitation_minutes: Set(new.facilitation_minutes),
                travel_minutes: Set(new.travel_minutes),
                preparation_minutes: Set(new.preparation_minutes),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            animation_staff::Entity::insert_many(staff.iter().map(|u| {
                animation_staff::ActiveModel {
                    animation_id: Set(id.into()),
                    user_id: Set((*u).into()),
                    organization_id: Set(reader.organization_id.into()),
                }
            }))
            .exec_without_returning(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::PreventionChanged).target("animation", id),
            ))
        })
        .await
    }

    /// Sums of the animations of a period `[from, to)`, grouped by workshop or by place; at one
    /// place only (a school's season) when it is given.
    pub async fn animation_totals(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        by_place: bool,
        place_id: Option<ListValueId>,
    ) -> Result<Vec<AnimationTotals>, StoreError> {
        let key = if by_place {
            animation::Column::PlaceId
        } else {
            animation::Column::WorkshopId
        };
        let sum = |c: animation::Column| crate::sum_as_bigint(c);
        let mut query = animation::Entity::find();
        if let Some(place) = place_id {
            query = query.filter(animation::Column::PlaceId.eq(place));
        }
        let rows = query
            .filter(animation::Column::OrganizationId.eq(organization_id))
            .filter(animation::Column::HeldAt.gte(from))
            .filter(animation::Column::HeldAt.lt(to))
            .select_only()
            .column_as(key, "key")
            .column_as(
                Expr::from(Func::count(Expr::col(animation::Column::Id))),
                "animations",
            )
            .column_as(sum(animation::Column::ClassGroups), "class_groups")
            .column_as(sum(animation::Column::Students), "students")
            .column_as(
                sum(animation::Column::StaffParticipants),
                "staff_participants",
            )
            .column_as(
                sum(animation::Column::FacilitationMinutes),
                "facilitation_minutes",
            )
            .column_as(sum(animation::Column::TravelMinutes), "travel_minutes")
            .column_as(
                sum(animation::Column::PreparationMinutes),
                "preparation_minutes",
            )
            .group_by(key)
            .into_model::<TotalsRow>()
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| AnimationTotals {
                key: if by_place {
                    AnimationKey::Place(r.key.into())
                } else {
                    AnimationKey::Workshop(r.key.into())
                },
                animations: r.animations,
                class_groups: r.class_groups.unwrap_or(0),
                students: r.students.unwrap_or(0),
                staff_participants: r.staff_participants.unwrap_or(0),
                facilitation_minutes: r.facilitation_minutes.unwrap_or(0),
                travel_minutes: r.travel_minutes.unwrap_or(0),
                preparation_minutes: r.preparation_minutes.unwrap_or(0),
            })
            .collect())
    }

    /// The animations of a period, newest first; those at one place only (a school's season)
    /// when it is given.
    pub async fn animations(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        place_id: Option<ListValueId>,
    ) -> Result<Vec<animation::Model>, StoreError> {
        let mut query = animation::Entity::find();
        if let Some(place) = place_id {
            query = query.filter(animation::Column::PlaceId.eq(place));
        }
        Ok(query
            .filter(animation::Column::OrganizationId.eq(organization_id))
            .filter(animation::Column::HeldAt.gte(from))
            .filter(animation::Column::HeldAt.lt(to))
            .order_by_desc(animation::Column::HeldAt)
            .all(self.db())
            .await?)
    }

    /// Records a figure entered by hand: material distributed, or social media.
    pub async fn record_outreach_figure(
        &self,
        reader: &Reader,
        day: NaiveDate,
        kind: &str,
        label: &str,
        quantity: i64,
    ) -> Result<OutreachFigureId, StoreError> {
        require(reader)?;
        let mut problems = outreach_figure_problems(kind, label, quantity);
        let label = label.trim();
        if !crate::day_accepted(day, self.today(reader).await?, 366) {
            problems.push(FieldError {
                field: "day",
                message_key: "date-out-of-range",
            });
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(&reader.actor, async |txn| {
            let id = OutreachFigureId::new();
            let now = self.now();
            outreach_figure::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                day: Set(day),
                kind: Set(kind.to_owned()),
                label: Set(label.to_owned()),
                quantity: Set(quantity),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::PreventionChanged).target("outreach_figure", id),
            ))
        })
        .await
    }

    /// The figures entered by hand over a period (inclusive days), newest first.
    pub async fn outreach_figures(
        &self,
        organization_id: OrganizationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<outreach_figure::Model>, StoreError> {
        Ok(outreach_figure::Entity::find()
            .filter(outreach_figure::Column::OrganizationId.eq(organization_id))
            .filter(outreach_figure::Column::Day.gte(from))
            .filter(outreach_figure::Column::Day.lte(to))
            .order_by_desc(outreach_figure::Column::Day)
            .order_by_desc(outreach_figure::Column::CreatedAt)
            .all(self.db())
            .await?)
    }

    /// The figures entered by hand over a period, summed per kind and label in the database
    /// (472 T-shirts over the year, whatever the number of entries).
    pub async fn outreach_totals(
        &self,
        organization_id: OrganizationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, String, i64)>, StoreError> {
        let rows: Vec<(String, String, Option<i64>)> = outreach_figure::Entity::find()
            .filter(outreach_figure::Column::OrganizationId.eq(organization_id))
            .filter(outreach_figure::Column::Day.gte(from))
            .filter(outreach_figure::Column::Day.lte(to))
            .select_only()
            .column(outreach_figure::Column::Kind)
            .column(outreach_figure::Column::Label)
            .column_as(
                crate::sum_as_bigint(outreach_figure::Column::Quantity),
                "quantity",
            )
            .group_by(outreach_figure::Column::Kind)
            .group_by(outreach_figure::Column::Label)
            .order_by_asc(outreach_figure::Column::Kind)
            .order_by_asc(outreach_figure::Column::Label)
            .into_tuple()
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(k, l, q)| (k, l, q.unwrap_or(0)))
            .collect())
    }

    /// Takes back a figure entered by hand in error (whoever entered it, or a member of the
    /// prevention team who runs the reports). The audit keeps what it said.
    pub async fn remove_outreach_figure(
        &self,
        reader: &Reader,
        id: OutreachFigureId,
    ) -> Result<(), StoreError> {
        require(reader)?;
        self.write(&reader.actor, async |txn| {
            let row = outreach_figure::Entity::find_by_id(id)
                .filter(outreach_figure::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            reader.check(
                policy::Action::TakeBack,
                &Record::new(RecordKind::OutreachFigure).noted_by(row.created_by),
            )?;
            outreach_figure::Entity::delete_by_id(id).exec(txn).await?;
            Ok(((), crate::removal_event("outreach_figure", id, &row)))
        })
        .await
    }

    /// Takes back a training given noted in error, as an outreach figure.
    pub async fn remove_training(
        &self,
        reader: &Reader,
        id: TrainingGivenId,
    ) -> Result<(), StoreError> {
        require(reader)?;
        self.write(&reader.actor, async |txn| {
            let row = training_given::Entity::find_by_id(id)
                .filter(training_given::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            reader.check(
                policy::Action::TakeBack,
                &Record::new(RecordKind::TrainingGiven).noted_by(row.created_by),
            )?;
            // Its participants per profession go with it.
            crate::entity::training_participant::Entity::delete_many()
                .filter(crate::entity::training_participant::Column::TrainingId.eq(id))
                .exec(txn)
                .await?;
            training_given::Entity::delete_by_id(id).exec(txn).await?;
            Ok(((), crate::removal_event("training_given", id, &row)))
        })
        .await
    }

    /// Takes back an animation noted in error: whoever noted it may, and so may a member of
    /// the prevention team who runs the reports (a coordinator, a service-area lead). Its
    /// evaluations stay, counted with their workshop; the audit keeps the animation's figures,
    /// its facilitators and the evaluations it carried, so that the report's totals can be
    /// traced and a wrong removal noted again.
    pub async fn remove_animation(
        &self,
        reader: &Reader,
        id: AnimationId,
    ) -> Result<(), StoreError> {
        require(reader)?;
        self.write(&reader.actor, async |txn| {
            let mut query = animation::Entity::find_by_id(id)
                .filter(animation::Column::OrganizationId.eq(reader.organization_id));
            // Evaluations being entered for it lock the same row: they are kept with it, or wait
            // and find it gone.
            if self.backend() == sea_orm::DbBackend::Postgres {
                query = query.lock_exclusive();
            }
            let a = query.one(txn).await?.ok_or(StoreError::NotFound)?;
            reader.check(
                policy::Action::TakeBack,
                &Record::new(RecordKind::Prevention).noted_by(a.created_by),
            )?;
            let batches: Vec<EvaluationBatchId> = evaluation_batch::Entity::find()
                .filter(evaluation_batch::Column::AnimationId.eq(id))
                .select_only()
                .column(evaluation_batch::Column::Id)
                .into_tuple()
                .all(txn)
                .await?;
            let staff: Vec<UserId> = animation_staff::Entity::find()
                .filter(animation_staff::Column::AnimationId.eq(id))
                .select_only()
                .column(animation_staff::Column::UserId)
                .into_tuple()
                .all(txn)
                .await?;
            evaluation_batch::Entity::update_many()
                .col_expr(
                    evaluation_batch::Column::AnimationId,
                    Expr::value(Option::<Uuid>::None),
                )
                .filter(evaluation_batch::Column::AnimationId.eq(id))
                .exec(txn)
                .await?;
            animation_staff::Entity::delete_many()
                .filter(animation_staff::Column::AnimationId.eq(id))
                .exec(txn)
                .await?;
            if animation::Entity::delete_by_id(id)
                .exec(txn)
                .await?
                .rows_affected
                != 1
            {
                return Err(StoreError::NotFound);
            }
            Ok((
                (),
                Event::new(Action::PreventionChanged)
                    .target("animation", id)
                    .detail(serde_json::json!({
                        "removed": true,
                        "workshop_id": a.workshop_id,
                        "place_id": a.place_id,
                        "held_at": a.held_at,
                        "class_groups": a.class_groups,
                        "students": a.students,
                        "staff_participants": a.staff_participants,
                        "facilitation_minutes": a.facilitation_minutes,
                        "travel_minutes": a.travel_minutes,
                        "preparation_minutes": a.preparation_minutes,
                        "staff": staff,
                        "evaluation_batches": batches,
                    })),
            ))
        })
        .await
    }

    /// The trainings given in a period, newest first.
    pub async fn trainings_given(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<training_given::Model>, StoreError> {
        Ok(training_given::Entity::find()
            .filter(training_given::Column::OrganizationId.eq(organization_id))
            .filter(training_given::Column::HeldAt.gte(from))
            .filter(training_given::Column::HeldAt.lt(to))
            .order_by_desc(training_given::Column::HeldAt)
            .all(self.db())
            .await?)
    }

    /// Records a training given.
    pub async fn record_training(
        &self,
        reader: &Reader,
        new: NewTraining,
    ) -> Result<TrainingGivenId, StoreError> {
        require(reader)?;
        let mut problems = new.problems();
        if new.held_at < crate::earliest_instant()
            || new.held_at > self.now() + chrono::TimeDelta::days(366)
        {
            problems.push(FieldError {
                field: "date",
                message_key: "date-out-of-range",
            });
        }
        if !new.professions.is_empty() {
            let ids: Vec<_> = new.professions.iter().map(|(id, _)| *id).collect();
            if let Err(e) = self
                .check_list_values_multi(
                    self.db(),
                    reader.organization_id,
                    havre_domain::lists::ListKind::Profession,
                    &ids,
                    "professions",
                )
                .await
            {
                problems.push(e);
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(&reader.actor, async |txn| {
            let id = TrainingGivenId::new();
            let now = self.now();
            let mut by_profession: std::collections::BTreeMap<uuid::Uuid, i32> = Default::default();
            for (profession, n) in &new.professions {
                *by_profession.entry(profession.uuid()).or_default() += n;
            }
            training_given::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                held_at: Set(new.held_at),
                audience: Set(new.audience.key().to_owned()),
                title: Set(new.title.trim().to_owned()),
                module: Set(new.module.as_deref().map(|m| m.trim().to_owned())),
                participants: Set(new.participants),
                minutes: Set(new.minutes),
                preparation_minutes: Set(new.preparation_minutes),
                travel_minutes: Set(new.travel_minutes),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            if !by_profession.is_empty() {
                crate::entity::training_participant::Entity::insert_many(
                    by_profession.into_iter().map(|(profession, n)| {
                        crate::entity::training_participant::ActiveModel {
                            training_id: Set(id.into()),
                            profession_id: Set(profession),
                            organization_id: Set(reader.organization_id.into()),
                            participants: Set(n),
                        }
                    }),
                )
                .exec_without_returning(txn)
                .await?;
            }
            Ok((
                id,
                Event::new(Action::PreventionChanged).target("training", id),
            ))
        })
        .await
    }

    /// Enters evaluations of a workshop: one filled form (`respondents` = 1, one answer per
    /// question) or the tallies of several. Answers to a question may not outnumber the
    /// respondents, nor the respondents the people at the animation they come from.
    pub async fn record_evaluations(
        &self,
        reader: &Reader,
        workshop_id: WorkshopId,
        animation_id: Option<AnimationId>,
        held_at: Option<DateTime<Utc>>,
        respondents: i32,
        answers: Vec<(QuestionId, Answers)>,
    ) -> Result<EvaluationBatchId, StoreError> {
        require(reader)?;
        self.write(&reader.actor, async |txn| {
            self.workshop_of(txn, reader.organization_id, workshop_id)
                .await?
                .ok_or(StoreError::NotFound)?;
            let mut problems = Vec::new();
            if !(1..=3000).contains(&respondents) {
                problems.push(FieldError {
                    field: "respondents",
                    message_key: "respondents-out-of-range",
                });
            }
            // Without an animation, the day the workshop was given, or the day the forms came in.
            let mut held_at = held_at.unwrap_or_else(|| self.now());
            if held_at < crate::earliest_instant()
                || held_at > self.now() + chrono::TimeDelta::days(1)
            {
                problems.push(FieldError {
                    field: "date",
                    message_key: "date-out-of-range",
                });
            }
            if let Some(a) = animation_id {
                // Two piles of forms of one animation at once must not both pass its headcount.
                let mut query = animation::Entity::find_by_id(a);
                if self.backend() == sea_orm::DbBackend::Postgres {
                    query = query.lock_exclusive();
                }
                match query
                    .filter(animation::Column::OrganizationId.eq(reader.organization_id))
                    .filter(animation::Column::WorkshopId.eq(workshop_id))
                    .one(txn)
                    .await?
                {
                    None => problems.push(FieldError {
                        field: "animation_id",
                        message_key: "value-not-in-list",
                    }),
                    Some(anim) => {
                        held_at = anim.held_at;
                        // Earlier batches of the same animation count too.
                        let earlier: Option<i64> = evaluation_batch::Entity::find()
                            .filter(evaluation_batch::Column::AnimationId.eq(a))
                            .select_only()
                            .column_as(
                                crate::sum_as_bigint(evaluation_batch::Column::Respondents),
                                "total",
                            )
                            .into_tuple::<Option<i64>>()
                            .one(txn)
                            .await?
                            .flatten();
                        let people = anim.students as i64 + anim.staff_participants as i64;
                        if earlier.unwrap_or(0) + respondents as i64 > people {
                            problems.push(FieldError {
                                field: "respondents",
                                message_key: "more-respondents-than-participants",
                            });
                        }
                    }
                }
            }
            let questions: Vec<QuestionId> = evaluation_question::Entity::find()
                .filter(evaluation_question::Column::WorkshopId.eq(workshop_id))
                .select_only()
                .column(evaluation_question::Column::Id)
                .into_tuple()
                .all(txn)
                .await?;
            let mut asked: Vec<QuestionId> = answers.iter().map(|(q, _)| *q).collect();
            asked.sort();
            asked.dedup();
            if asked.len() != answers.len() || answers.iter().any(|(q, _)| !questions.contains(q)) {
                problems.push(FieldError {
                    field: "answers",
                    message_key: "value-not-in-list",
                });
            }
            if answers
                .iter()
                .any(|(_, a)| !answers_fit(*a, respondents.max(0) as u32))
            {
                problems.push(FieldError {
                    field: "answers",
                    message_key: "more-answers-than-respondents",
                });
            }
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let id = EvaluationBatchId::new();
            let now = self.now();
            evaluation_batch::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                workshop_id: Set(workshop_id.into()),
                animation_id: Set(animation_id.map(Into::into)),
                respondents: Set(respondents),
                held_at: Set(held_at),
                entered_as: Set(if respondents == 1 { "form" } else { "tallies" }.to_owned()),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            if !answers.is_empty() {
                evaluation_count::Entity::insert_many(answers.iter().map(|(q, a)| {
                    evaluation_count::ActiveModel {
                        batch_id: Set(id.into()),
                        question_id: Set((*q).into()),
                        organization_id: Set(reader.organization_id.into()),
                        answer1: Set(a[0] as i32),
                        answer2: Set(a[1] as i32),
                        answer3: Set(a[2] as i32),
                        answer4: Set(a[3] as i32),
                    }
                }))
                .exec_without_returning(txn)
                .await?;
            }
            Ok((
                id,
                Event::new(Action::PreventionChanged)
                    .target("workshop", workshop_id)
                    .detail(serde_json::json!({ "evaluations": id, "respondents": respondents })),
            ))
        })
        .await
    }

    /// A workshop's evaluations of a period, compiled as the seed's annex prints them.
    pub async fn compiled_evaluation(
        &self,
        organization_id: OrganizationId,
        workshop_id: WorkshopId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<CompiledEvaluation, StoreError> {
        let db = self.db();
        self.workshop_of(db, organization_id, workshop_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let batches = evaluation_batch::Entity::find()
            .filter(evaluation_batch::Column::OrganizationId.eq(organization_id))
            .filter(evaluation_batch::Column::WorkshopId.eq(workshop_id))
            .filter(evaluation_batch::Column::HeldAt.gte(from))
            .filter(evaluation_batch::Column::HeldAt.lt(to))
            .all(db)
            .await?;
        let respondents = batches.iter().map(|b| b.respondents as i64).sum();
        let ids: Vec<Uuid> = batches.iter().map(|b| b.id).collect();
        let mut sums: HashMap<Uuid, Answers> = HashMap::new();
        if !ids.is_empty() {
            for c in evaluation_count::Entity::find()
                .filter(evaluation_count::Column::BatchId.is_in(ids))
                .all(db)
                .await?
            {
                let s = sums.entry(c.question_id).or_default();
                for (slot, n) in s
                    .iter_mut()
                    .zip([c.answer1, c.answer2, c.answer3, c.answer4])
                {
                    *slot += n.max(0) as u32;
                }
            }
        }
        let questions = evaluation_question::Entity::find()
            .filter(evaluation_question::Column::WorkshopId.eq(workshop_id))
            .order_by_asc(evaluation_question::Column::Position)
            .all(db)
            .await?
            .into_iter()
            .map(|q| {
                let answers = sums.remove(&q.id).unwrap_or_default();
                CompiledQuestion {
                    question_id: q.id.into(),
                    text: q.text,
                    percentages: percentages(answers),
                    answers,
                }
            })
            .collect();
        Ok(CompiledEvaluation {
            workshop_id,
            respondents,
            questions,
        })
    }
}
