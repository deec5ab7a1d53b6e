//! Every number of the report can be traced: four sections recomputed from the raw records,
//! another way (every row read and counted in Rust, where the report asks the database to
//! group and sum), on the demo organization's activity, on both engines.

use havre_domain::text::Lang;
use havre_report::{ActivityReport, Period};
use havre_store::entity::{
    animation, annual_meeting, board_meeting, board_meeting_attendance, dropin, governance_member,
    help_request, help_request_value, hour_category, hour_entry, meeting, mission, program,
    service_request, training_given, training_received, worked_hours, workshop,
};
use havre_store::testing::{Engine, database};
use havre_store::{Clock, Keyring, Store};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap, HashSet};

macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(super::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(super::Engine::Postgres).await
            }
        }
    )*};
}

on_both_engines!(
    three_sections_recomputed_from_the_records_agree,
    the_generated_history_is_counted_whole,
);

async fn three_sections_recomputed_from_the_records_agree(engine: Engine) {
    let Some(db) = database(engine).await else {
        return;
    };
    let store = Store::open(
        &db.url,
        Keyring::parse(&Keyring::new_entry()).unwrap(),
        Clock::fixed(chrono::Utc::now()),
    )
    .await
    .unwrap();
    havre_store::demo::ensure_demo(&store).await.unwrap();
    havre_store::demo::ensure_demo_volume(&store, 120)
        .await
        .unwrap();
    let centre = store
        .organization_by_name(havre_store::demo::CENTRE_NAME)
        .await
        .unwrap();
    let (org, zone) = (centre.id, centre.time_zone);
    // The last 365 days: a period that is not a reporting year, across two of them.
    let today = zone.day_of(store.now());
    let period = Period {
        first: today - chrono::Days::new(364),
        last: today,
    };
    let report = ActivityReport::compute(&store, org, period, Lang::Fr)
        .await
        .unwrap();
    let span = period.span(zone).unwrap();
    let (from, to) = (span.from, span.to);
    let within = |at: chrono::DateTime<chrono::Utc>| at >= from && at < to;
    let db_conn = store.db();

    // 1. Individual intervention, from every meeting row and every episode's age.
    let episodes: HashMap<uuid::Uuid, help_request::Model> = help_request::Entity::find()
        .filter(help_request::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let meetings: Vec<meeting::Model> = meeting::Entity::find()
        .filter(meeting::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| within(m.held_at))
        .collect();
    assert!(meetings.len() > 5, "the demo holds meetings to count");
    let line = |key: &str, keep: &dyn Fn(&meeting::Model) -> bool| {
        let mine: Vec<&meeting::Model> = meetings.iter().filter(|m| keep(m)).collect();
        let persons: HashSet<uuid::Uuid> = mine
            .iter()
            .map(|m| {
                if key == "relatives" {
                    m.relative_id.unwrap_or_default()
                } else {
                    m.person_id
                }
            })
            .collect();
        let minutes: i64 = mine
            .iter()
            .map(|m| {
                i64::from(
                    m.duration_minutes
                        + m.preparation_minutes
                        + m.debrief_minutes
                        + m.travel_minutes,
                )
            })
            .sum();
        (
            key.to_owned(),
            persons.len() as i64,
            mine.len() as i64,
            minutes,
        )
    };
    let teen = |m: &meeting::Model| episodes[&m.help_request_id].teenager;
    let expected = vec![
        line("first_meeting", &|m| m.kind == "first_meeting"),
        line("emergency", &|m| m.kind == "emergency"),
        line("follow_up_women", &|m| m.kind == "follow_up" && !teen(m)),
        line("follow_up_teenagers", &|m| m.kind == "follow_up" && teen(m)),
        line("relatives", &|m| m.kind == "relatives"),
        line("text_line", &|m| m.kind == "text_line"),
    ];
    let computed: Vec<(String, i64, i64, i64)> = report
        .current
        .individual
        .lines
        .iter()
        .map(|l| (l.key.clone(), l.persons, l.meetings, l.invested_minutes))
        .collect();
    assert_eq!(computed, expected, "individual intervention");
    let accompaniments: i64 = meetings
        .iter()
        .filter(|m| m.kind.starts_with("accompaniment_"))
        .count() as i64;
    assert_eq!(
        report
            .current
            .accompaniments
            .lines
            .iter()
            .map(|l| l.meetings)
            .sum::<i64>(),
        accompaniments
    );

    // Groups: the meetings held in the period and their facilitation (length × facilitators).
    use havre_store::entity::{group_session, group_session_staff};
    let sessions: Vec<group_session::Model> = group_session::Entity::find()
        .filter(group_session::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| within(s.held_at) && s.kind == "meeting")
        .collect();
    let staff = group_session_staff::Entity::find()
        .all(db_conn)
        .await
        .unwrap();
    let facilitation: i64 = sessions
        .iter()
        .map(|s| {
            i64::from(s.duration_minutes)
                * staff.iter().filter(|f| f.session_id == s.id).count() as i64
        })
        .sum();
    assert!(!sessions.is_empty(), "the demo's group met");
    assert_eq!(
        (
            report
                .current
                .groups
                .iter()
                .map(|g| g.meetings_held)
                .sum::<i64>(),
            report
                .current
                .groups
                .iter()
                .map(|g| g.facilitation_minutes)
                .sum::<i64>()
        ),
        (sessions.len() as i64, facilitation),
        "groups"
    );

    // The fund, from every line of it.
    let lines: Vec<havre_store::entity::fund_entry::Model> =
        havre_store::entity::fund_entry::Entity::find()
            .filter(havre_store::entity::fund_entry::Column::OrganizationId.eq(org))
            .all(db_conn)
            .await
            .unwrap()
            .into_iter()
            .filter(|l| within(l.at))
            .collect();
    let fund = &report.current.fund;
    assert!(fund.deposits_cents > 0, "the demo's fund has money");
    assert_eq!(
        (fund.deposits_cents, fund.requests, fund.granted_cents),
        (
            lines
                .iter()
                .filter(|l| l.kind == "deposit")
                .map(|l| l.amount_cents)
                .sum(),
            lines.iter().filter(|l| l.kind == "request").count() as i64,
            lines
                .iter()
                .filter(|l| l.status == "approved")
                .filter_map(|l| l.granted_cents)
                .sum(),
        ),
        "the fund"
    );

    // The waits, in days, from the requests' own dates: how many waited at the period's end,
    // and the waits of those whose services began in it (the engines' date arithmetic).
    for code in 1..=3 {
        let waiting = episodes
            .values()
            .filter(|r| r.decided_code == code && r.received_at < to)
            .filter(|r| r.services_started_at.is_none_or(|s| s >= to))
            .filter(|r| r.closed_at.is_none_or(|c| c >= to))
            .count() as i64;
        let reported = report
            .current
            .wait_list
            .waiting_at_end
            .iter()
            .find(|c| c.code == code)
            .unwrap()
            .count;
        assert_eq!(reported, waiting, "waiting at the end, code {code}");
        let waits: Vec<f64> = episodes
            .values()
            .filter(|r| r.decided_code == code)
            .filter_map(|r| {
                r.services_started_at
                    .filter(|s| within(*s))
                    .map(|s| (s - r.received_at).num_seconds() as f64 / 86_400.0)
            })
            .collect();
        let served = report
            .current
            .wait_list
            .served
            .iter()
            .find(|w| w.code == code);
        match served {
            None => assert!(waits.is_empty(), "code {code}: {waits:?}"),
            Some(w) => {
                let mean = waits.iter().sum::<f64>() / waits.len() as f64;
                let longest = waits.iter().cloned().fold(0.0, f64::max).floor() as i64;
                assert_eq!(w.count, waits.len() as i64);
                assert!(
                    (w.mean_days - mean).abs() < 1e-3,
                    "{} ≠ {mean}",
                    w.mean_days
                );
                assert_eq!(w.longest_days, longest);
            }
        }
    }
    assert!(
        !report.current.wait_list.served.is_empty(),
        "the demo has services that began this year"
    );
    // Designated-centre referrals and the delay to their first callback.
    let referrals: Vec<havre_store::entity::referral::Model> =
        havre_store::entity::referral::Entity::find()
            .filter(havre_store::entity::referral::Column::OrganizationId.eq(org))
            .all(db_conn)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| within(r.received_at))
            .collect();
    let attempts = havre_store::entity::referral_attempt::Entity::find()
        .filter(havre_store::entity::referral_attempt::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap();
    let delays: Vec<f64> = referrals
        .iter()
        .filter_map(|r| {
            attempts
                .iter()
                .filter(|a| a.referral_id == r.id)
                .map(|a| a.at)
                .min()
                .map(|first| (first - r.received_at).num_seconds() as f64 / 60.0)
        })
        .collect();
    assert!(!delays.is_empty(), "the demo called a referral back");
    let f = &report.current.referrals;
    assert_eq!(f.received, referrals.len() as i64);
    assert_eq!(
        f.mean_callback_minutes,
        (delays.iter().sum::<f64>() / delays.len() as f64).round() as i64
    );
    assert_eq!(
        f.longest_callback_minutes,
        delays.iter().cloned().fold(0.0, f64::max).round() as i64
    );

    // 2. The requests' profile, from every request received and every multi-valued answer.
    let received: Vec<&help_request::Model> = episodes
        .values()
        .filter(|r| within(r.received_at))
        .collect();
    assert!(received.len() > 20);
    assert_eq!(report.current.requests.total, received.len() as i64);
    assert_eq!(
        report.current.requests.teenagers,
        received.iter().filter(|r| r.teenager).count() as i64
    );
    let mut labels: HashMap<uuid::Uuid, String> = HashMap::new();
    for kind in havre_domain::lists::ListKind::ALL {
        for v in store.list_values(org, kind, true).await.unwrap() {
            labels.insert(v.id.uuid(), v.label_fr);
        }
    }
    let mut expected: BTreeMap<(String, String), i64> = BTreeMap::new();
    for r in &received {
        for (list, value) in [
            ("requester", Some(r.requester_id)),
            ("age_at_request", Some(r.age_at_request_id)),
            ("age_at_assault", Some(r.age_at_assault_id)),
            ("referral_source", Some(r.referral_source_id)),
            ("residence", Some(r.residence_id)),
            ("disposition_request", r.disposition_id),
        ] {
            if let Some(v) = value {
                *expected
                    .entry((list.to_owned(), labels[&v].clone()))
                    .or_default() += 1;
            }
        }
    }
    let ids: HashSet<uuid::Uuid> = received.iter().map(|r| r.id).collect();
    for v in help_request_value::Entity::find()
        .filter(help_request_value::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
    {
        if ids.contains(&v.help_request_id) {
            *expected
                .entry((v.list.clone(), labels[&v.value_id].clone()))
                .or_default() += 1;
        }
    }
    let mut computed: BTreeMap<(String, String), i64> = BTreeMap::new();
    for table in &report.current.profile {
        for row in &table.rows {
            computed.insert((table.list.clone(), row.label.clone()), row.count);
        }
    }
    assert_eq!(computed, expected, "the requests' profile");

    // 3. Hours invested per service area: every timesheet entry of the period, and the hours
    // every record of the period carries, each in its area (docs/hours.md).
    let areas: HashMap<uuid::Uuid, String> = hour_category::Entity::find()
        .filter(hour_category::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.area))
        .collect();
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    let mut add =
        |area: &str, minutes: i64| *expected.entry(area.to_owned()).or_default() += minutes;
    for e in hour_entry::Entity::find()
        .filter(hour_entry::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
    {
        if e.day >= period.first && e.day <= period.last {
            add(&areas[&e.category_id], i64::from(e.minutes));
        }
    }
    for m in &meetings {
        let area = match m.kind.as_str() {
            "exploitation_follow_up" | "peer_dialogue" => "exploitation",
            _ => "direct_help",
        };
        add(
            area,
            i64::from(
                m.duration_minutes + m.preparation_minutes + m.debrief_minutes + m.travel_minutes,
            ),
        );
    }
    let staff = group_session_staff::Entity::find()
        .filter(group_session_staff::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap();
    for g in group_session::Entity::find()
        .filter(group_session::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|g| within(g.held_at))
    {
        // Facilitation counts once per facilitator; preparation once.
        let facilitators = staff.iter().filter(|s| s.session_id == g.id).count() as i64;
        add(
            "direct_help",
            i64::from(g.duration_minutes) * facilitators + i64::from(g.preparation_minutes),
        );
    }
    for d in dropin::Entity::find()
        .filter(dropin::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| within(d.held_at))
    {
        let area = if d.service_area == "exploitation" {
            "exploitation"
        } else {
            "direct_help"
        };
        add(area, i64::from(d.duration_minutes + d.preparation_minutes));
    }
    let program_area: HashMap<uuid::Uuid, String> = program::Entity::find()
        .filter(program::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.service_area))
        .collect();
    let workshop_area: HashMap<uuid::Uuid, String> = workshop::Entity::find()
        .filter(workshop::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .map(|w| (w.id, program_area[&w.program_id].clone()))
        .collect();
    for a in animation::Entity::find()
        .filter(animation::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| within(a.held_at))
    {
        let area = if workshop_area[&a.workshop_id] == "exploitation" {
            "exploitation"
        } else {
            "prevention"
        };
        add(
            area,
            i64::from(a.facilitation_minutes + a.travel_minutes + a.preparation_minutes),
        );
    }
    for t in training_given::Entity::find()
        .filter(training_given::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| within(t.held_at))
    {
        add(
            "prevention",
            i64::from(t.minutes + t.preparation_minutes + t.travel_minutes),
        );
    }
    for t in training_received::Entity::find()
        .filter(training_received::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
    {
        if t.day >= period.first && t.day <= period.last {
            add(
                "internal_management",
                i64::from(t.minutes) * i64::from(t.workers),
            );
        }
    }
    // The board's meetings: preparation, minutes and length × the workers present are
    // internal management; length × the other members present is activism. The general
    // meeting's work is internal management.
    let kinds: HashMap<uuid::Uuid, String> = governance_member::Entity::find()
        .filter(governance_member::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m.kind))
        .collect();
    let attendance = board_meeting_attendance::Entity::find()
        .filter(board_meeting_attendance::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap();
    let mut board_meetings = 0;
    for b in board_meeting::Entity::find()
        .filter(board_meeting::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|b| within(b.held_at))
    {
        board_meetings += 1;
        let present: Vec<&str> = attendance
            .iter()
            .filter(|a| a.board_meeting_id == b.id)
            .map(|a| kinds[&a.member_id].as_str())
            .collect();
        let workers = present.iter().filter(|k| **k == "worker").count() as i64;
        let others = present.len() as i64 - workers;
        let length = i64::from(b.length_minutes);
        add(
            "internal_management",
            i64::from(b.preparation_minutes + b.minutes_writing_minutes) + length * workers,
        );
        add("activism", length * others);
    }
    assert!(board_meetings > 0, "the demo holds board meetings");
    for a in annual_meeting::Entity::find()
        .filter(annual_meeting::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| within(a.held_at))
    {
        add(
            "internal_management",
            i64::from(a.preparation_minutes + a.report_minutes + a.presence_minutes),
        );
    }
    expected.retain(|_, minutes| *minutes > 0);
    let computed: BTreeMap<String, i64> = report
        .current
        .hours
        .iter()
        .filter(|a| a.minutes > 0)
        .map(|a| (a.area.clone(), a.minutes))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(computed, expected, "hours per service area");
    assert_eq!(report.current.hours_minutes, expected.values().sum::<i64>());

    // 4. The demo Brigade's missions, from every request, mission and signed-in row.
    let brigade = store
        .organization_by_name(havre_store::demo::BRIGADE_NAME)
        .await
        .unwrap();
    let (org, zone) = (brigade.id, brigade.time_zone);
    let report = ActivityReport::compute(&store, org, period, Lang::Fr)
        .await
        .unwrap();
    let figures = &report.current.missions.as_ref().unwrap().figures;
    let requests: HashMap<uuid::Uuid, service_request::Model> = service_request::Entity::find()
        .filter(service_request::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let done: Vec<mission::Model> = mission::Entity::find()
        .filter(mission::Column::OrganizationId.eq(org))
        .filter(mission::Column::Status.eq("done"))
        .all(db_conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| within(m.starts_at))
        .collect();
    let helped: HashSet<&str> = done
        .iter()
        .map(|m| requests[&m.request_id].tenant_index.as_str())
        .collect();
    let filed = requests.values().filter(|r| within(r.filed_at)).count() as i64;
    let minutes: i64 = worked_hours::Entity::find()
        .filter(worked_hours::Column::OrganizationId.eq(org))
        .all(db_conn)
        .await
        .unwrap()
        .iter()
        .filter(|h| period.first <= h.day && h.day <= period.last)
        .map(|h| i64::from(h.end_minute - h.start_minute - h.break_minutes))
        .sum();
    assert!(done.len() > 100, "the demo Brigade has missions to count");
    assert_eq!(
        (
            figures.persons_helped,
            figures.missions,
            figures.requests,
            figures.minutes_worked
        ),
        (helped.len() as i64, done.len() as i64, filed, minutes),
        "missions on {}",
        zone.name()
    );
}

/// The benchmarks' fictional history: a year of it is about 5,000 events, and the report of
/// that year counts exactly what was made for it.
async fn the_generated_history_is_counted_whole(engine: Engine) {
    let Some(db) = database(engine).await else {
        return;
    };
    let store = Store::open(
        &db.url,
        Keyring::parse(&Keyring::new_entry()).unwrap(),
        Clock::fixed(chrono::Utc::now()),
    )
    .await
    .unwrap();
    let plan = havre_store::history::HistoryPlan {
        organizations: 2,
        years: 2,
        seed: 7,
    };
    let summary = havre_store::history::generate(&store, plan).await.unwrap();
    assert_eq!(summary.organizations.len(), 2);
    let per_year = summary.events() / 4;
    assert!(
        (4_500..=6_000).contains(&per_year),
        "{per_year} events an organization-year"
    );
    let today = havre_domain::zone::Zone::default().day_of(store.now());
    let year = Period::reporting_year(today, Default::default())
        .previous()
        .unwrap();
    let report = ActivityReport::compute(&store, summary.organizations[1], year, Lang::Fr)
        .await
        .unwrap();
    let f = &report.current;
    assert_eq!(f.requests.total, 180);
    assert_eq!(
        f.prevention
            .by_workshop
            .iter()
            .map(|l| l.animations)
            .sum::<i64>(),
        150
    );
    assert_eq!(f.referrals.received, 40);
    assert!(
        f.individual.lines[0].meetings > 100,
        "first meetings were held"
    );
    // The year before is its own: the same amounts, other figures.
    assert_eq!(report.previous.requests.total, 180);
}
