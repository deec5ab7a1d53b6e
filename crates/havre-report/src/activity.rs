//! The activity report's model (docs/domain.md §9): every figure of the seed report's tables for a
//! period and for the one before it, computed by the store's aggregate queries. Words the team
//! chose (list values, categories, workshops, places) come resolved in the reader's language;
//! the report's own words (section and row titles) are keys the renderers translate.

use chrono::{Datelike, NaiveDate};
use havre_domain::hours::{HoursArea, Recorded};
use havre_domain::ids::{HourCategoryId, ListValueId, OrganizationId, UserId, WorkshopId};
use havre_domain::lists::ListKind;
use havre_domain::meetings::MeetingKind;
use havre_domain::text::{Lang, in_lang};
use havre_domain::zone::Zone;
use havre_store::prevention::AnimationKey;
use havre_store::report::{
    FundFigures, ReferralFigures, RequestCounts, ServedWait, ServiceRow, Span,
};
use havre_store::{Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The period is empty, reversed, or outside the calendar Havre counts.
    #[error("invalid period")]
    Period,
}

/// A period of whole days, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// The reporting year that holds a day, for a year beginning at `start` (April 1 to
    /// March 31 in Québec, the calendar year in France).
    pub fn reporting_year(day: NaiveDate, start: havre_domain::year::YearStart) -> Self {
        let (first, last) = start.year_of(day);
        Period { first, last }
    }

    /// The period just before: the previous reporting year for a reporting year, the same
    /// number of whole months before for whole months (a calendar year, a quarter, March),
    /// otherwise the same number of days.
    pub fn previous(self) -> Option<Self> {
        // A year of twelve whole months is followed back by the twelve before it.
        let whole_months = self.first.day() == 1 && self.last.succ_opt()?.day() == 1;
        if whole_months {
            let months = (self.last.year() - self.first.year()) * 12 + self.last.month() as i32
                - self.first.month() as i32
                + 1;
            let first = self
                .first
                .checked_sub_months(chrono::Months::new(months as u32))?;
            return Some(Period {
                first,
                last: self.first.pred_opt()?,
            });
        }
        let days = (self.last - self.first).num_days() + 1;
        let last = self.first.pred_opt()?;
        let first = last.checked_sub_days(chrono::Days::new(days as u64 - 1))?;
        Some(Period { first, last })
    }

    /// Whether the period is a year: twelve whole months from the first of one, as every
    /// organization's reporting year is, whatever month it begins.
    pub fn is_year(self) -> bool {
        self.first.day() == 1
            && self
                .first
                .checked_add_months(chrono::Months::new(12))
                .and_then(|next| next.pred_opt())
                == Some(self.last)
    }

    /// "2024" for a calendar year, "2023-2024" for a year from another month (Québec's,
    /// April to March), "2024-01-01 – 2024-06-30" otherwise.
    pub fn title(self) -> String {
        if self.is_year() && self.first.month() == 1 {
            self.first.year().to_string()
        } else if self.is_year() {
            format!("{}-{}", self.first.year(), self.last.year())
        } else {
            format!("{} – {}", self.first, self.last)
        }
    }

    /// The instants the period covers on the organization's clock.
    pub fn span(self, zone: Zone) -> Result<Span, ReportError> {
        let (from, to) = zone
            .day_span(self.first, self.last)
            .filter(|(from, to)| from < to)
            .ok_or(ReportError::Period)?;
        Ok(Span { from, to })
    }
}

/// One value of a list and how many requests carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LabelledCount {
    pub label: String,
    pub count: i64,
}

/// The requests per value of one list (a table and a chart of the seed's statistics).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProfileTable {
    /// The list's key: requester, assault_form, age_at_assault…
    pub list: String,
    pub rows: Vec<LabelledCount>,
}

/// A row of the services tables: persons, meetings and hours invested with the time around
/// the meetings (preparation, debrief, travel), as the seed prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ServiceLine {
    /// first_meeting, emergency, follow_up_women, follow_up_teenagers, relatives…
    pub key: String,
    pub persons: i64,
    pub meetings: i64,
    pub duration_minutes: i64,
    pub preparation_minutes: i64,
    pub debrief_minutes: i64,
    pub travel_minutes: i64,
    /// Everything above: the hours invested.
    pub invested_minutes: i64,
}

impl ServiceLine {
    fn from_rows<'a>(key: &str, rows: impl Iterator<Item = &'a ServiceRow>) -> Self {
        let mut line = ServiceLine {
            key: key.to_owned(),
            ..ServiceLine::default()
        };
        for r in rows {
            line.persons += r.persons;
            line.meetings += r.meetings;
            line.duration_minutes += r.duration_minutes;
            line.preparation_minutes += r.preparation_minutes;
            line.debrief_minutes += r.debrief_minutes;
            line.travel_minutes += r.travel_minutes;
        }
        line.invested_minutes = line.duration_minutes
            + line.preparation_minutes
            + line.debrief_minutes
            + line.travel_minutes;
        line
    }
}

/// The individual-intervention table, and others built the same way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ServiceTable {
    pub lines: Vec<ServiceLine>,
    /// The hours invested of all the lines.
    pub invested_minutes: i64,
}

impl ServiceTable {
    fn new(lines: Vec<ServiceLine>) -> Self {
        let invested_minutes = lines.iter().map(|l| l.invested_minutes).sum();
        ServiceTable {
            lines,
            invested_minutes,
        }
    }
}

/// Requests waiting per priority code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CodeCount {
    pub code: i32,
    pub count: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct WaitListFigures {
    pub waiting_at_start: Vec<CodeCount>,
    pub waiting_at_end: Vec<CodeCount>,
    /// The waits of the requests whose services began in the period.
    pub served: Vec<ServedWait>,
}

/// One group of the seed's group table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GroupLine {
    pub name: String,
    pub starts_on: NaiveDate,
    /// The last day of its period: its last meeting held (the seed's "Avril à juin 2023").
    pub ends_on: Option<NaiveDate>,
    /// Its facilitators' names, as the seed's "Nathalie & Justine".
    pub facilitators: Vec<String>,
    pub women_at_start: i64,
    pub women_at_end: i64,
    pub meetings_held: i64,
    pub preparation_minutes: i64,
    pub facilitation_minutes: i64,
    pub information_headcount: i64,
    pub check_in_women: i64,
    pub invested_minutes: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DropinFigures {
    pub held: i64,
    pub attendance: i64,
    pub invested_minutes: i64,
}

/// A row of the prevention tables, per workshop or per place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AnimationLine {
    pub label: String,
    pub animations: i64,
    pub class_groups: i64,
    pub students: i64,
    pub staff_participants: i64,
    pub facilitation_minutes: i64,
    pub travel_minutes: i64,
    pub preparation_minutes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TrainingLine {
    /// school_staff, police, caseworkers, other.
    pub audience: String,
    pub trainings: i64,
    pub participants: i64,
    pub minutes: i64,
}

/// One question of a workshop's evaluations, compiled as the seed's annex prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EvaluationLine {
    pub question: String,
    /// How many answered 1 (pas du tout) to 4 (beaucoup).
    pub answers: [u32; 4],
    /// Whole percentages adding up to 100; none when nobody answered.
    pub percentages: Option<[u32; 4]>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EvaluationAnnex {
    pub workshop: String,
    pub respondents: i64,
    pub questions: Vec<EvaluationLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OutreachLine {
    /// material or social_media.
    pub kind: String,
    pub label: String,
    pub quantity: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PreventionFigures {
    pub by_workshop: Vec<AnimationLine>,
    pub by_place: Vec<AnimationLine>,
    pub trainings: Vec<TrainingLine>,
    pub evaluations: Vec<EvaluationAnnex>,
    pub outreach: Vec<OutreachLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CategoryHours {
    pub category_id: HourCategoryId,
    pub label: String,
    pub minutes: i64,
    /// The activity whose records carry these hours (individual_meetings, groups,
    /// animations…); none for the timesheet's hours.
    pub recorded: Option<Recorded>,
}

/// The seed's "En résumé pour le volet …" table of one service area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AreaHours {
    /// internal_management, direct_help, prevention, representation, exploitation, activism.
    pub area: String,
    pub categories: Vec<CategoryHours>,
    pub minutes: i64,
}

/// Every figure of one period.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Figures {
    pub requests: RequestCounts,
    pub profile: Vec<ProfileTable>,
    pub wait_list: WaitListFigures,
    /// First meetings, emergencies, follow-ups of women and of teenagers, relatives.
    pub individual: ServiceTable,
    /// Accompaniments: compensation (IVAC), court, rights, medical.
    pub accompaniments: ServiceTable,
    pub referrals: ReferralFigures,
    /// The meetings that followed designated-centre referrals.
    pub designated_centre: ServiceLine,
    /// The exploitation track's follow-ups and peer dialogues.
    pub exploitation: ServiceTable,
    /// The emergency fund of the exploitation track.
    pub fund: FundFigures,
    pub groups: Vec<GroupLine>,
    pub dropins: DropinFigures,
    pub prevention: PreventionFigures,
    pub hours: Vec<AreaHours>,
    /// The hours of every area.
    pub hours_minutes: i64,
    pub governance: GovernanceFigures,
    /// The houses' figures (docs/housing.md), when the organization has houses.
    pub housing: Option<havre_domain::housing::HousingFigures>,
    /// A care unit's figures (docs/care.md), when the organization has appointments,
    /// pathways or interns.
    pub care: Option<CareSection>,
    /// A missions organization's figures (docs/missions.md), when it has member partners.
    pub missions: Option<havre_store::missions::MissionReport>,
    /// The complaints received (docs/privacy.md "The yearly complaint report"): every
    /// organization reports them, none received included.
    pub complaints: ComplaintSection,
}

/// The yearly complaint report, its natures named in the report's language.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ComplaintSection {
    #[serde(flatten)]
    pub report: havre_store::complaints::ComplaintReport,
    /// Complaints per nature, in the list's order.
    pub natures: Vec<LabelledCount>,
}

/// A care unit's figures, with the professions named in the report's language.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CareSection {
    #[serde(flatten)]
    pub report: havre_store::care::CareReport,
    /// Appointments she came to per profession of the professional, most first; an empty
    /// label for a member without a profession.
    pub appointments_per_profession: Vec<LabelledCount>,
    /// The participants of the trainings given per profession.
    pub participants_per_profession: Vec<LabelledCount>,
}

/// Governance over the period (the seed's "Rencontres de collective" and "Assemblée générale
/// annuelle"): board meetings and their hours, the general meetings, the members at its end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GovernanceFigures {
    pub board_meetings: i64,
    /// Preparation, minutes and the workers' presence.
    pub board_internal_minutes: i64,
    /// The presence of activists and board members.
    pub board_activism_minutes: i64,
    pub annual_meetings: Vec<AnnualMeetingLine>,
    /// Members on the period's last day, per kind.
    pub members: Vec<MemberCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MemberCount {
    /// worker, activist, board_member or other_member.
    pub kind: String,
    pub members: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AnnualMeetingLine {
    /// Its day on the organization's clock.
    pub day: NaiveDate,
    pub members_present: i64,
    pub non_members_present: i64,
    pub invested_minutes: i64,
}

/// The activity report of one organization for one period, with the period before it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ActivityReport {
    pub organization: String,
    pub period: Period,
    pub previous_period: Period,
    /// The team's text of each section, by section key, for this period.
    pub narratives: std::collections::BTreeMap<String, String>,
    pub current: Figures,
    pub previous: Figures,
}

impl ActivityReport {
    /// Computes the report of an organization for a period, and the period before it.
    pub async fn compute(
        store: &Store,
        organization_id: OrganizationId,
        period: Period,
        lang: Lang,
    ) -> Result<Self, ReportError> {
        // Nothing in Havre is older than 2000; ten years is the longest period a report covers
        // (and each is computed beside the one before it).
        if period.first > period.last
            || period.first.year() < 2000
            || period.last.year() > 2100
            || (period.last - period.first).num_days() > 3_660
        {
            return Err(ReportError::Period);
        }
        let previous_period = period.previous().ok_or(ReportError::Period)?;
        let organization = store.organization(organization_id).await?;
        let labels = Labels::load(store, organization_id, lang).await?;
        let zone = organization.time_zone;
        let current = figures(store, organization_id, zone, period, &labels).await?;
        let previous = figures(store, organization_id, zone, previous_period, &labels).await?;
        Ok(ActivityReport {
            organization: organization.name,
            narratives: store
                .narratives(organization_id, period.first, period.last)
                .await?
                .into_iter()
                .collect(),
            period,
            previous_period,
            current,
            previous,
        })
    }
}

/// The activity reports computed, kept while the records they count have not changed
/// (docs/architecture.md "The report kept until a write"): the report reads every record of
/// two years, and a coordinator, her board and the network read it again and again between
/// two changes. Each is kept under the count of changes the database had before it was
/// computed; a change made since, by any path, moves that count, and the next reader gets a
/// report computed again. Two readers of the same report at the same moment compute it once.
pub struct Reports {
    kept: havre_store::kept::Kept<ReportKey, std::sync::Arc<ActivityReport>>,
}

/// One organization's report of one period in one language.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ReportKey {
    organization_id: OrganizationId,
    first: NaiveDate,
    last: NaiveDate,
    lang: Lang,
}

impl Default for Reports {
    fn default() -> Self {
        // A report is a few tens of kilobytes; 256 of them hold a network of 24 houses' two
        // languages and a few periods each.
        Reports {
            kept: havre_store::kept::Kept::new(256),
        }
    }
}

impl Reports {
    /// The report of an organization for a period, as `ActivityReport::compute` gives it now.
    pub async fn activity(
        &self,
        store: &Store,
        reader: &havre_store::reader::Reader,
        period: Period,
        lang: Lang,
    ) -> Result<std::sync::Arc<ActivityReport>, ReportError> {
        let organization_id = reader.organization_id;
        let key = ReportKey {
            organization_id,
            first: period.first,
            last: period.last,
            lang,
        };
        self.kept
            .get_seen(store, reader, key, async {
                ActivityReport::compute(store, organization_id, period, lang)
                    .await
                    .map(std::sync::Arc::new)
            })
            .await
    }
}

/// The hours invested per service area over a period, the records' own and the timesheet's,
/// exactly as the report counts them: the report, the hours page and the API read this one
/// computation.
pub async fn invested_hours(
    store: &Store,
    organization_id: OrganizationId,
    period: Period,
    lang: Lang,
) -> Result<Vec<AreaHours>, ReportError> {
    let zone = store.organization(organization_id).await?.time_zone;
    let labels = Labels::load(store, organization_id, lang).await?;
    Ok(figures(store, organization_id, zone, period, &labels)
        .await?
        .hours)
}

/// The organization's own words, in the reader's language: its lists, workshops, places and
/// categories of hours.
struct Labels {
    values: HashMap<ListValueId, (String, usize)>,
    workshops: Vec<(WorkshopId, String)>,
    /// The workshops of the exploitation track's programs: their hours are that track's.
    exploitation_workshops: Vec<WorkshopId>,
    categories: Vec<CategoryLabel>,
}

/// A category of hours, in the reader's language.
struct CategoryLabel {
    id: HourCategoryId,
    area: String,
    label: String,
    recorded: Option<Recorded>,
}

impl Labels {
    async fn load(
        store: &Store,
        organization_id: OrganizationId,
        lang: Lang,
    ) -> Result<Self, StoreError> {
        let mut values = HashMap::new();
        for kind in ListKind::ALL {
            for (position, v) in store
                .list_values(organization_id, kind, true)
                .await?
                .into_iter()
                .enumerate()
            {
                values.insert(
                    v.id,
                    (in_lang(lang, &v.label_fr, &v.label_en).to_owned(), position),
                );
            }
        }
        let programs = store.programs(organization_id).await?;
        let exploitation_workshops = programs
            .iter()
            .filter(|p| p.service_area == havre_domain::intake::ServiceArea::Exploitation.key())
            .flat_map(|p| p.workshops.iter().map(|w| w.id))
            .collect();
        let workshops = programs
            .into_iter()
            .flat_map(|p| {
                p.workshops.into_iter().map(move |w| {
                    let label =
                        havre_domain::prevention::workshop_label(&p.name, w.number, &w.title);
                    (w.id, label)
                })
            })
            .collect();
        let categories = store
            .hour_categories(organization_id, true)
            .await?
            .into_iter()
            .map(|c| CategoryLabel {
                id: c.id,
                area: c.area,
                label: in_lang(lang, &c.label_fr, &c.label_en).to_owned(),
                recorded: c.recorded,
            })
            .collect();
        Ok(Labels {
            values,
            workshops,
            exploitation_workshops,
            categories,
        })
    }

    fn value(&self, id: ListValueId) -> (String, usize) {
        self.values.get(&id).cloned().unwrap_or_default()
    }

    fn workshop(&self, id: WorkshopId) -> String {
        self.workshops
            .iter()
            .find(|(w, _)| *w == id)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    }
}

async fn figures(
    store: &Store,
    org: OrganizationId,
    zone: Zone,
    period: Period,
    labels: &Labels,
) -> Result<Figures, ReportError> {
    let span = period.span(zone)?;
    let requests = store.request_counts(org, span).await?;

    // The profile: one table per list, in the list's order, values nobody carried left out.
    let counts = store.request_profile(org, span).await?;
    let mut profile = Vec::new();
    for kind in [
        ListKind::Requester,
        ListKind::AssaultForm,
        ListKind::AgeAtAssault,
        ListKind::AgeAtRequest,
        ListKind::Relation,
        ListKind::ReferralSource,
        ListKind::Residence,
        ListKind::DispositionAfterRequest,
    ] {
        let mut rows: Vec<(usize, LabelledCount)> = counts
            .iter()
            .filter(|c| c.list == kind)
            .map(|c| {
                let (label, position) = labels.value(c.value_id);
                (
                    position,
                    LabelledCount {
                        label,
                        count: c.count,
                    },
                )
            })
            .collect();
        rows.sort_by_key(|(p, _)| *p);
        profile.push(ProfileTable {
            list: kind.key().to_owned(),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        });
    }

    let code_counts = |rows: Vec<(i32, i64)>| {
        (1..=3)
            .map(|code| CodeCount {
                code,
                count: rows
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map(|(_, n)| *n)
                    .unwrap_or(0),
            })
            .collect()
    };
    let wait_list = WaitListFigures {
        waiting_at_start: code_counts(store.waiting_at(org, span.from).await?),
        waiting_at_end: code_counts(store.waiting_at(org, span.to).await?),
        served: store.served_waits(org, span).await?,
    };

    // Services: everyone together, and follow-ups apart for women and teenagers.
    let all = store.service_summary(org, span, false).await?;
    let by_age = store.service_summary(org, span, true).await?;
    let kind = |k: MeetingKind| {
        let key = k.key();
        ServiceLine::from_rows(key, all.iter().filter(move |r| r.kind == key))
    };
    let follow_up = |teenager: bool, key: &str| {
        ServiceLine::from_rows(
            key,
            by_age.iter().filter(move |r| {
                r.kind == MeetingKind::FollowUp.key() && r.teenager == Some(teenager)
            }),
        )
    };
    let individual = ServiceTable::new(vec![
        kind(MeetingKind::FirstMeeting),
        kind(MeetingKind::Emergency),
        follow_up(false, "follow_up_women"),
        follow_up(true, "follow_up_teenagers"),
        kind(MeetingKind::Relatives),
        kind(MeetingKind::TextLine),
    ]);
    let accompaniments = ServiceTable::new(vec![
        kind(MeetingKind::AccompanimentCompensation),
        kind(MeetingKind::AccompanimentCourt),
        kind(MeetingKind::AccompanimentRights),
        kind(MeetingKind::AccompanimentMedical),
    ]);
    let exploitation = ServiceTable::new(vec![
        kind(MeetingKind::ExploitationFollowUp),
        kind(MeetingKind::PeerDialogue),
    ]);

    // Groups that met in the period, with the figures of their sessions in it.
    let team: std::collections::HashMap<UserId, String> = store
        .users(org)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let groups: Vec<GroupLine> = store
        .groups_between(org, span.from, span.to)
        .await?
        .into_iter()
        .map(|g| GroupLine {
            name: g.name,
            starts_on: zone.day_of(g.starts_on),
            ends_on: g.ends_on.map(|at| zone.day_of(at)),
            facilitators: {
                let mut names: Vec<String> = g
                    .facilitators
                    .iter()
                    .filter_map(|id| team.get(id).cloned())
                    .collect();
                names.sort();
                names
            },
            women_at_start: g.figures.women_at_start as i64,
            women_at_end: g.figures.women_at_end as i64,
            meetings_held: g.figures.meetings_held as i64,
            preparation_minutes: g.figures.preparation_minutes,
            facilitation_minutes: g.figures.facilitation_minutes,
            information_headcount: g.figures.information_headcount,
            check_in_women: g.figures.check_in_women as i64,
            invested_minutes: g.figures.invested_minutes,
        })
        .collect();
    let mut dropins = DropinFigures::default();
    // The exploitation track's drop-ins are its hours, not direct help's.
    let mut exploitation_dropin_minutes = 0;
    for d in store.dropins(org).await? {
        if d.held_at >= span.from && d.held_at < span.to {
            dropins.held += 1;
            dropins.attendance += i64::from(d.attendance);
            // The meeting and its preparation, as the seed counts its cafés-rencontres.
            let invested = i64::from(d.duration_minutes) + i64::from(d.preparation_minutes);
            dropins.invested_minutes += invested;
            if d.service_area == havre_domain::intake::ServiceArea::Exploitation.key() {
                exploitation_dropin_minutes += invested;
            }
        }
    }

    // Prevention.
    let animation_lines = |by_place: bool| async move {
        let totals = store
            .animation_totals(org, span.from, span.to, by_place, None)
            .await?;
        // The exploitation track's animations are its hours (per workshop, the only way
        // they are told apart).
        let exploitation_minutes: i64 = totals
            .iter()
            .filter(|t| {
                matches!(t.key, AnimationKey::Workshop(w) if labels.exploitation_workshops.contains(&w))
            })
            .map(|t| t.facilitation_minutes + t.travel_minutes + t.preparation_minutes)
            .sum();
        let mut lines: Vec<AnimationLine> = totals
            .into_iter()
            .map(|t| AnimationLine {
                label: match t.key {
                    AnimationKey::Place(place) => labels.value(place).0,
                    AnimationKey::Workshop(workshop) => labels.workshop(workshop),
                },
                animations: t.animations,
                class_groups: t.class_groups,
                students: t.students,
                staff_participants: t.staff_participants,
                facilitation_minutes: t.facilitation_minutes,
                travel_minutes: t.travel_minutes,
                preparation_minutes: t.preparation_minutes,
            })
            .collect();
        lines.sort_by(|a, b| a.label.cmp(&b.label));
        Ok::<_, StoreError>((lines, exploitation_minutes))
    };
    let mut trainings: Vec<TrainingLine> = Vec::new();
    // The hours a training given took: giving it, preparing it, going there.
    let mut trainings_given_minutes = 0;
    for t in store.trainings_given(org, span.from, span.to).await? {
        trainings_given_minutes +=
            i64::from(t.minutes) + i64::from(t.preparation_minutes) + i64::from(t.travel_minutes);
        match trainings.iter_mut().find(|l| l.audience == t.audience) {
            Some(line) => {
                line.trainings += 1;
                line.participants += i64::from(t.participants);
                line.minutes += i64::from(t.minutes);
            }
            None => trainings.push(TrainingLine {
                audience: t.audience.clone(),
                trainings: 1,
                participants: i64::from(t.participants),
                minutes: i64::from(t.minutes),
            }),
        }
    }
    trainings.sort_by(|a, b| a.audience.cmp(&b.audience));
    let mut evaluations = Vec::new();
    for (workshop, title) in &labels.workshops {
        let compiled = store
            .compiled_evaluation(org, *workshop, span.from, span.to)
            .await?;
        if compiled.respondents > 0 {
            evaluations.push(EvaluationAnnex {
                workshop: title.clone(),
                respondents: compiled.respondents,
                questions: compiled
                    .questions
                    .into_iter()
                    .map(|q| EvaluationLine {
                        question: q.text,
                        answers: q.answers,
                        percentages: q.percentages,
                    })
                    .collect(),
            });
        }
    }
    let outreach = store
        .outreach_totals(org, period.first, period.last)
        .await?
        .into_iter()
        .map(|(kind, label, quantity)| OutreachLine {
            kind,
            label,
            quantity,
        })
        .collect();
    let (by_workshop, exploitation_animation_minutes) = animation_lines(false).await?;
    let prevention = PreventionFigures {
        by_workshop,
        by_place: animation_lines(true).await?.0,
        trainings,
        evaluations,
        outreach,
    };

    // Hours invested per category, per service area, in the categories' order: the
    // records' own hours for the categories they carry, the timesheet's for the others.
    let per_category = store
        .hours_per_category(org, period.first, period.last)
        .await?;
    let designated_centre = kind(MeetingKind::DesignatedCentre);
    let trainings_received_minutes = store
        .trainings_received_minutes(org, period.first, period.last)
        .await?;
    let governance = store
        .governance_figures(org, span.from, span.to, period.last)
        .await?;
    let recorded_minutes = |recorded: Recorded| match recorded {
        Recorded::IndividualMeetings => individual.invested_minutes,
        Recorded::Groups => groups.iter().map(|g| g.invested_minutes).sum(),
        Recorded::Dropins => dropins.invested_minutes - exploitation_dropin_minutes,
        Recorded::Accompaniments => accompaniments.invested_minutes,
        Recorded::DesignatedCentre => designated_centre.invested_minutes,
        Recorded::ExploitationMeetings => exploitation.invested_minutes,
        Recorded::ExploitationDropins => exploitation_dropin_minutes,
        Recorded::Animations => {
            prevention
                .by_workshop
                .iter()
                .map(|a| a.facilitation_minutes + a.travel_minutes + a.preparation_minutes)
                .sum::<i64>()
                - exploitation_animation_minutes
        }
        Recorded::ExploitationAnimations => exploitation_animation_minutes,
        Recorded::TrainingsGiven => trainings_given_minutes,
        Recorded::TrainingsReceived => trainings_received_minutes,
        Recorded::BoardMeetings => governance.board_internal_minutes,
        Recorded::AnnualMeeting => governance.annual_minutes(),
        Recorded::ActivistBoardHours => governance.board_activism_minutes,
    };
    let hours: Vec<AreaHours> = HoursArea::ALL
        .iter()
        .map(|area| {
            let categories: Vec<CategoryHours> = labels
                .categories
                .iter()
                .filter(|c| c.area == area.key())
                .filter_map(|c| {
                    let minutes = match c.recorded {
                        Some(recorded) => recorded_minutes(recorded),
                        None => per_category
                            .iter()
                            .find(|(id, _)| *id == c.id)
                            .map(|(_, minutes)| *minutes)?,
                    };
                    (minutes > 0).then(|| CategoryHours {
                        category_id: c.id,
                        label: c.label.clone(),
                        minutes,
                        recorded: c.recorded,
                    })
                })
                .collect();
            AreaHours {
                area: area.key().to_owned(),
                minutes: categories.iter().map(|c| c.minutes).sum(),
                categories,
            }
        })
        .collect();
    // Housing counts in days of the organization's clock, as stays are dated.
    let housing = if store.has_houses(org).await? {
        Some(
            store
                .housing_figures(org, None, period.first, period.last)
                .await?,
        )
    } else {
        None
    };
    let care = if store.has_care(org).await? {
        let report = store.care_report(org, period.first, period.last).await?;
        // Most first; on a tie, in the order of the list of professions.
        let labelled = |counts: Vec<(Option<ListValueId>, i64)>| {
            let mut rows: Vec<(usize, LabelledCount)> = counts
                .into_iter()
                .map(|(id, count)| {
                    let (label, position) = id.map(|id| labels.value(id)).unwrap_or_default();
                    (position, LabelledCount { label, count })
                })
                .collect();
            rows.sort_by(|(p, a), (q, b)| b.count.cmp(&a.count).then(p.cmp(q)));
            rows.into_iter().map(|(_, row)| row).collect()
        };
        Some(CareSection {
            appointments_per_profession: labelled(
                report
                    .figures
                    .per_profession
                    .iter()
                    .map(|p| (p.profession_id, p.appointments))
                    .collect(),
            ),
            participants_per_profession: labelled(
                report
                    .trainings
                    .per_profession
                    .iter()
                    .map(|p| (Some(p.profession_id), p.participants))
                    .collect(),
            ),
            report,
        })
    } else {
        None
    };
    let missions = if store.has_missions(org).await? {
        Some(
            store
                .mission_figures(org, period.first, period.last)
                .await?,
        )
    } else {
        None
    };
    Ok(Figures {
        complaints: {
            let report = store
                .complaint_report(org, period.first, period.last)
                .await?;
            ComplaintSection {
                natures: report
                    .per_nature
                    .iter()
                    .map(|n| LabelledCount {
                        label: labels.value(n.nature.id).0,
                        count: n.complaints,
                    })
                    .collect(),
                report,
            }
        },
        care,
        missions,
        housing,
        requests,
        profile,
        wait_list,
        individual,
        accompaniments,
        referrals: store.referral_figures(org, span).await?,
        designated_centre,
        exploitation,
        fund: store.fund_figures(org, span).await?,
        groups,
        dropins,
        prevention,
        hours_minutes: hours.iter().map(|a| a.minutes).sum(),
        hours,
        governance: GovernanceFigures {
            board_meetings: governance.board_meetings,
            board_internal_minutes: governance.board_internal_minutes,
            board_activism_minutes: governance.board_activism_minutes,
            annual_meetings: governance
                .annual_meetings
                .iter()
                .map(|a| AnnualMeetingLine {
                    day: zone.day_of(a.held_at),
                    members_present: a.members_present,
                    non_members_present: a.non_members_present,
                    invested_minutes: a.invested_minutes,
                })
                .collect(),
            members: governance
                .members
                .iter()
                .map(|(kind, n)| MemberCount {
                    kind: kind.key().to_owned(),
                    members: *n,
                })
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_period_before_is_the_one_a_reader_expects() {
        let p = |a: NaiveDate, b: NaiveDate| Period { first: a, last: b };
        // A reporting year: the one before.
        assert_eq!(
            p(day(2023, 4, 1), day(2024, 3, 31)).previous(),
            Some(p(day(2022, 4, 1), day(2023, 3, 31)))
        );
        // A calendar year, a quarter, a month: the same months before.
        assert_eq!(
            p(day(2024, 1, 1), day(2024, 12, 31)).previous(),
            Some(p(day(2023, 1, 1), day(2023, 12, 31)))
        );
        assert_eq!(
            p(day(2024, 1, 1), day(2024, 3, 31)).previous(),
            Some(p(day(2023, 10, 1), day(2023, 12, 31)))
        );
        assert_eq!(
            p(day(2024, 3, 1), day(2024, 3, 31)).previous(),
            Some(p(day(2024, 2, 1), day(2024, 2, 29)))
        );
        // Any other span: as many days just before.
        assert_eq!(
            p(day(2024, 3, 10), day(2024, 3, 19)).previous(),
            Some(p(day(2024, 2, 29), day(2024, 3, 9)))
        );
        assert_eq!(p(day(2023, 4, 1), day(2024, 3, 31)).title(), "2023-2024");
    }
}
