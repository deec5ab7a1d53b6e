//! A large fictional history, for the report's benchmarks: organizations with years of
//! activity shaped like the seed report's (about 5,000 events an organization-year: help
//! requests, meetings, animations, hours, referrals). Requests go through intake, so that names
//! are sealed as in life; the rest is written in bulk, as no person types it, and is not in the
//! audit log. Drawn from a seeded generator: the same plan gives the same history.

use crate::accounts::NewUser;
use crate::entity::{animation, help_request, hour_entry, meeting, referral, referral_attempt};
use crate::intake::{NewHelpRequest, SafeContact};
use crate::organizations::{NewOrganization, OrganizationKind, PublicInfo};
use crate::reader::Reader;
use crate::{Actor, Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use havre_domain::ids::{HourCategoryId, ListValueId, OrganizationId};
use havre_domain::intake::{Channel, PriorityAnswers, ServiceArea};
use havre_domain::lists::ListKind;
use havre_domain::policy::{Role, Roles};
use havre_domain::prevention::NewWorkshop;
use havre_domain::zone::Zone;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// How much history to make.
#[derive(Clone, Copy, Debug)]
pub struct HistoryPlan {
    pub organizations: usize,
    /// Whole reporting years, the last one ending on the March 31 before today.
    pub years: usize,
    pub seed: u64,
}

/// What was made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistorySummary {
    pub organizations: Vec<OrganizationId>,
    pub requests: u64,
    pub meetings: u64,
    pub animations: u64,
    pub hour_entries: u64,
    pub referrals: u64,
}

impl HistorySummary {
    /// Every recorded event: requests, meetings, animations, hour entries, referrals.
    pub fn events(&self) -> u64 {
        self.requests + self.meetings + self.animations + self.hour_entries + self.referrals
    }
}

/// Rows are written in chunks that stay under both engines' limits on bound values.
const CHUNK: usize = 1_000;

/// Ten in the morning of a day, on the fictional centres' clock (Québec's).
fn local_morning(day: NaiveDate) -> DateTime<Utc> {
    Zone::default()
        .instant(day.and_hms_opt(10, 0, 0).unwrap_or_default())
        .unwrap_or_default()
}

/// The meeting kinds of one episode, in order: a first meeting, sometimes emergencies, then
/// follow-ups for most, support to a relative for a few, an accompaniment now and then.
fn episode_meetings(rng: &mut StdRng) -> Vec<&'static str> {
    let mut kinds = vec!["first_meeting"];
    if rng.gen_bool(0.35) {
        kinds.extend(std::iter::repeat_n("emergency", rng.gen_range(1..=4)));
    }
    if rng.gen_bool(0.6) {
        kinds.extend(std::iter::repeat_n("follow_up", rng.gen_range(3..=12)));
    }
    if rng.gen_bool(0.1) {
        kinds.extend(std::iter::repeat_n("relatives", rng.gen_range(1..=3)));
    }
    if rng.gen_bool(0.25) {
        let kind = [
            "accompaniment_compensation",
            "accompaniment_court",
            "accompaniment_rights",
        ][rng.gen_range(0..3)];
        kinds.extend(std::iter::repeat_n(kind, rng.gen_range(1..=3)));
    }
    kinds
}

/// Makes the history the plan asks for, in new organizations named "Centre fictif N".
pub async fn generate(store: &Store, plan: HistoryPlan) -> Result<HistorySummary, StoreError> {
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let mut summary = HistorySummary::default();
    let today = Zone::default().day_of(store.now());
    // The fictional centres keep Québec's year, the default.
    let current = havre_domain::year::YearStart::default().year_of(today).0;
    for n in 0..plan.organizations {
        let org = store
            .create_organization(
                &Actor::operator(),
                NewOrganization {
                    name: format!("Centre fictif {} ({})", n + 1, plan.seed),
                    kind: OrganizationKind::Centre,
                    require_totp: false,
                    public_info: PublicInfo::default(),
                    time_zone: Default::default(),
                    year_start: Default::default(),
                    country: Default::default(),
                },
            )
            .await?;
        summary.organizations.push(org.id);
        let coordinator = store
            .create_user(
                &Actor::operator(),
                org.id,
                NewUser {
                    email: format!("coordination-{}-{}@fictif.example", n + 1, plan.seed),
                    name: format!("Coordonnatrice {}", n + 1),
                    roles: Roles::new(vec![Role::Coordinator]),
                    password: crate::sessions::random_secret(),
                },
            )
            .await?;
        let reader = Reader {
            actor: Actor::operator(),
            organization_id: org.id,
            user_id: coordinator.id,
            roles: coordinator.roles.clone(),
            profession: None,
            partner_id: None,
            known: Default::default(),
        };
        let lists = Lists::load(store, org.id).await?;
        // Six schools and a program of four workshops, for the animations.
        let mut places = Vec::new();
        for s in 1..=6 {
            places.push(
                store
                    .add_list_value(org.id, ListKind::Place, &format!("École fictive {s}"), "")
                    .await?
                    .id,
            );
        }
        let program = store
            .create_program(&reader, "Empreinte", ServiceArea::DirectHelp)
            .await?;
        let mut workshops = Vec::new();
        for number in 1..=4 {
            workshops.push(
                store
                    .add_workshop(
                        &reader,
                        program,
                        NewWorkshop {
                            number: Some(number),
                            title: format!("Atelier {number}"),
                            objective: String::new(),
                            questions: vec!["L'information était facile à comprendre".into()],
                        },
                    )
                    .await?,
            );
        }
        let categories: Vec<HourCategoryId> = store
            .hour_categories(org.id, false)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        for y in (1..=plan.years).rev() {
            let first = NaiveDate::from_ymd_opt(current.year() - y as i32, 4, 1)
                .ok_or(StoreError::Other("year out of range".into()))?;
            let day = |rng: &mut StdRng| first + chrono::Days::new(rng.gen_range(0..365));
            year_of_requests(
                store,
                &mut rng,
                &org.id,
                &reader,
                &lists,
                first,
                &mut summary,
            )
            .await?;
            // Animations: about 150 a year in the six schools.
            let animations: Vec<animation::ActiveModel> = (0..150)
                .map(|_| {
                    let minutes = [75, 150][rng.gen_range(0..2)];
                    animation::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        organization_id: Set(org.id.into()),
                        workshop_id: Set(workshops[rng.gen_range(0..workshops.len())].into()),
                        held_at: Set(local_morning(day(&mut rng))),
                        place_id: Set(places[rng.gen_range(0..places.len())].into()),
                        class_groups: Set(rng.gen_range(1..=2)),
                        students: Set(rng.gen_range(18..=60)),
                        staff_participants: Set(rng.gen_range(1..=2)),
                        facilitation_minutes: Set(minutes),
                        travel_minutes: Set(rng.gen_range(0..=60)),
                        preparation_minutes: Set(rng.gen_range(0..=30)),
                        created_by: Set(Some(coordinator.id.into())),
                        created_at: Set(store.now()),
                    }
                })
                .collect();
            summary.animations += animations.len() as u64;
            insert_chunks(store, animations).await?;
            // Hours: about 3,600 entries a year, a team's meetings, committees and the rest.
            let entries: Vec<hour_entry::ActiveModel> = (0..3_600)
                .map(|_| hour_entry::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set(org.id.into()),
                    user_id: Set(coordinator.id.into()),
                    category_id: Set(categories[rng.gen_range(0..categories.len())].into()),
                    day: Set(day(&mut rng)),
                    minutes: Set(rng.gen_range(2..=16) * 15),
                    created_at: Set(store.now()),
                })
                .collect();
            summary.hour_entries += entries.len() as u64;
            insert_chunks(store, entries).await?;
            // Designated-centre referrals: about 40 a year, most reached within two days.
            let mut referrals = Vec::new();
            let mut attempts = Vec::new();
            for _ in 0..40 {
                let id = Uuid::new_v4();
                let received = local_morning(day(&mut rng));
                let called = received + chrono::TimeDelta::hours(rng.gen_range(2..=60));
                let reached = rng.gen_bool(0.7);
                referrals.push(referral::ActiveModel {
                    id: Set(id),
                    organization_id: Set(org.id.into()),
                    received_at: Set(received),
                    centre: Set("Hôpital fictif".into()),
                    teenager: Set(rng.gen_bool(0.2)),
                    reached_at: Set(reached.then_some(called)),
                    person_id: Set(None),
                    created_by: Set(Some(coordinator.id.into())),
                    created_at: Set(received),
                });
                attempts.push(referral_attempt::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    referral_id: Set(id),
                    organization_id: Set(org.id.into()),
                    at: Set(called),
                    reached: Set(reached),
                    note_sealed: Set(None),
                    made_by: Set(Some(coordinator.id.into())),
                });
            }
            summary.referrals += referrals.len() as u64;
            insert_chunks(store, referrals).await?;
            insert_chunks(store, attempts).await?;
        }
    }
    Ok(summary)
}

/// The organization's list values that a request carries.
struct Lists {
    values: Vec<(ListKind, Vec<ListValueId>)>,
}

impl Lists {
    async fn load(store: &Store, organization_id: OrganizationId) -> Result<Self, StoreError> {
        let mut values = Vec::new();
        for kind in [
            ListKind::Requester,
            ListKind::AgeAtRequest,
            ListKind::AgeAtAssault,
            ListKind::ReferralSource,
            ListKind::Residence,
            ListKind::AssaultForm,
            ListKind::Relation,
            ListKind::DispositionAfterRequest,
        ] {
            let ids = store
                .list_values(organization_id, kind, false)
                .await?
                .into_iter()
                .map(|v| v.id)
                .collect();
            values.push((kind, ids));
        }
        Ok(Lists { values })
    }

    fn pick(&self, kind: ListKind, rng: &mut StdRng) -> ListValueId {
        let ids = self
            .values
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, ids)| ids.as_slice())
            .unwrap_or_default();
        if ids.is_empty() {
            ListValueId::nil()
        } else {
            ids[rng.gen_range(0..ids.len())]
        }
    }
}

/// About 180 requests received over a year, each with its episode of meetings.
async fn year_of_requests(
    store: &Store,
    rng: &mut StdRng,
    organization_id: &OrganizationId,
    reader: &Reader,
    lists: &Lists,
    first: NaiveDate,
    summary: &mut HistorySummary,
) -> Result<(), StoreError> {
    let mut meetings = Vec::new();
    let mut started = Vec::new();
    for i in 0..180 {
        let received = local_morning(first + chrono::Days::new(rng.gen_range(0..300)));
        let new = NewHelpRequest {
            from_online: None,
            received_at: received,
            channel: [Channel::Phone, Channel::TextLine, Channel::WalkIn][rng.gen_range(0..3)],
            voluntary: true,
            network_consent: true,
            exception_reason: None,
            name: format!("Personne fictive {i}"),
            phone: None,
            birth_year: None,
            safe_contact: SafeContact::default(),
            teenager: rng.gen_bool(0.2),
            service_area: ServiceArea::DirectHelp,
            requester: lists.pick(ListKind::Requester, rng),
            age_at_request: lists.pick(ListKind::AgeAtRequest, rng),
            age_at_assault: lists.pick(ListKind::AgeAtAssault, rng),
            referral_source: lists.pick(ListKind::ReferralSource, rng),
            residence: lists.pick(ListKind::Residence, rng),
            disposition: Some(lists.pick(ListKind::DispositionAfterRequest, rng)),
            assault_forms: vec![lists.pick(ListKind::AssaultForm, rng)],
            relations: vec![lists.pick(ListKind::Relation, rng)],
            answers: PriorityAnswers {
                high_distress: rng.gen_bool(0.3),
                ..Default::default()
            },
            exploitation: None,
            chosen_code: None,
            override_reason: None,
        };
        let recorded = store
            .record_help_request(&reader.actor, *organization_id, new)
            .await?;
        summary.requests += 1;
        // Most are met, after a wait of days to months.
        if rng.gen_bool(0.9) {
            let mut at = received + chrono::TimeDelta::days(rng.gen_range(3..=60));
            started.push((recorded.id, at));
            for kind in episode_meetings(rng) {
                let duration = if kind == "first_meeting" { 75 } else { 60 };
                meetings.push(meeting::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set((*organization_id).into()),
                    person_id: Set(recorded.person_id.into()),
                    help_request_id: Set(recorded.id.into()),
                    relative_id: Set(None),
                    kind: Set(kind.to_owned()),
                    held_at: Set(at),
                    place_kind: Set("centre".into()),
                    place_id: Set(None),
                    duration_minutes: Set(duration),
                    preparation_minutes: Set(15),
                    debrief_minutes: Set(10),
                    travel_minutes: Set(if rng.gen_bool(0.2) { 40 } else { 0 }),
                    over_limit_reason_sealed: Set(None),
                    texts_given: Set(None),
                    created_by: Set(Some(reader.user_id.into())),
                    created_at: Set(at),
                });
                at += chrono::TimeDelta::days(rng.gen_range(5..=10));
            }
        }
    }
    summary.meetings += meetings.len() as u64;
    insert_chunks(store, meetings).await?;
    // The episodes whose first meeting was held are in service from that day.
    for (id, at) in started {
        help_request::Entity::update_many()
            .col_expr(help_request::Column::Status, Expr::value("in_service"))
            .col_expr(help_request::Column::ServicesStartedAt, Expr::value(at))
            .filter(help_request::Column::Id.eq(id))
            .exec(store.db())
            .await?;
    }
    Ok(())
}

/// Inserts rows in chunks, each chunk one statement.
async fn insert_chunks<A>(store: &Store, rows: Vec<A>) -> Result<(), StoreError>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let mut rows = rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(CHUNK));
        <A::Entity as EntityTrait>::insert_many(std::mem::replace(&mut rows, rest))
            .exec_without_returning(store.db())
            .await?;
    }
    Ok(())
}
