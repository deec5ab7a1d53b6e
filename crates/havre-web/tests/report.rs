//! The activity report, on both engines: a year of activity whose figures are known in advance
//! (the seed report's individual-intervention table among them) comes out exactly.

mod common;

use common::*;
use havre_domain::hours::Recorded;
use havre_domain::ids::{GroupId, HelpRequestId, PersonId, RelativeId, UserId, WorkshopId};
use havre_domain::meetings::{MeetingKind, MeetingTime, PlaceKind};
use havre_domain::policy::Role;
use havre_domain::text::Lang;
use havre_report::Period;
use havre_store::files::Reader;
use havre_store::meetings::NewMeeting;
use havre_store::organizations::{Organization, OrganizationKind};
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};

on_both_engines!(
    the_report_shows_a_known_year_exactly,
    the_team_writes_a_text_per_section_and_period,
);

on_both_engines!(
    the_organization_clock_decides_the_day_and_the_year,
    the_hours_by_service_area_are_the_seeds,
    the_report_kept_follows_every_change,
);

/// The seed report's "En résumé pour l'intervention individuelle", 2023-2024: persons,
/// meetings and minutes invested (with preparation, debrief and travel).
const SEED: [(&str, i64, i64, i64); 5] = [
    ("first_meeting", 118, 129, 215 * 60 + 30),
    ("emergency", 61, 142, 229 * 60),
    ("follow_up_women", 57, 490, 684 * 60 + 30),
    ("follow_up_teenagers", 24, 118, 207 * 60 + 30),
    ("relatives", 13, 29, 42 * 60),
];

/// The time of meeting `i` of `n` that together make `total` minutes: the same length for
/// all, the remainder spread one minute at a time; 30 minutes of it around the meeting.
fn time_of(i: i64, n: i64, total: i64) -> MeetingTime {
    let length = total / n + i64::from(i < total % n);
    MeetingTime {
        duration: (length - 30) as i32,
        preparation: 15,
        debrief: 5,
        travel: 10,
    }
}

/// Who a meeting is with: the person, and the relative for support to relatives.
type Met = (PersonId, Option<RelativeId>);

/// A help request received on a day, for an adult or a teenager: (request, person).
async fn request(
    s: &TestServer,
    org: &Organization,
    name: &str,
    received_at: chrono::DateTime<chrono::Utc>,
    teenager: bool,
) -> PersonId {
    request_ids(s, org, name, received_at, teenager).await.1
}

/// A help request received on a day: (request, person).
async fn request_ids(
    s: &TestServer,
    org: &Organization,
    name: &str,
    received_at: chrono::DateTime<chrono::Utc>,
    teenager: bool,
) -> (HelpRequestId, PersonId) {
    use havre_domain::lists::ListKind;
    let value = |kind: ListKind, i: usize| {
        let store = s.store.clone();
        let org = org.id;
        async move { store.list_values(org, kind, false).await.unwrap()[i].id }
    };
    let new = havre_store::intake::NewHelpRequest {
        from_online: None,
        received_at,
        channel: havre_domain::intake::Channel::Phone,
        voluntary: true,
        network_consent: false,
        exception_reason: None,
        name: name.into(),
        phone: None,
        birth_year: None,
        safe_contact: Default::default(),
        teenager,
        service_area: havre_domain::intake::ServiceArea::DirectHelp,
        // The requester: the person herself for adults, a parent for teenagers.
        requester: value(ListKind::Requester, usize::from(teenager)).await,
        age_at_request: value(ListKind::AgeAtRequest, 2).await,
        age_at_assault: value(ListKind::AgeAtAssault, 2).await,
        referral_source: value(ListKind::ReferralSource, 2).await,
        residence: value(ListKind::Residence, 2).await,
        disposition: None,
        assault_forms: vec![value(ListKind::AssaultForm, 0).await],
        relations: vec![value(ListKind::Relation, 1).await],
        answers: Default::default(),
        exploitation: None,
        chosen_code: None,
        override_reason: None,
    };
    s.store
        .record_help_request(&havre_store::Actor::operator(), org.id, new)
        .await
        .map(|r| (r.id, r.person_id))
        .unwrap()
}

/// Ten in the morning, `offset` days after `day`, on the organization's clock.
fn at(org: &Organization, day: chrono::NaiveDate, offset: i64) -> chrono::DateTime<chrono::Utc> {
    let day = day + chrono::Days::new(offset as u64);
    org.time_zone
        .instant(day.and_hms_opt(10, 0, 0).unwrap())
        .unwrap()
}

/// The seed's individual intervention over a reporting year, meeting by meeting: 118 persons
/// (P0..P93 adults, P94..P117 teenagers) and 13 relatives met 908 times in all, for the
/// 1 378 h 30 of its "En résumé" table. Returns the persons.
async fn enter_individual_year(
    s: &TestServer,
    org: &Organization,
    reader: &Reader,
    staff: UserId,
    year: Period,
) -> Vec<PersonId> {
    let at = |day: chrono::NaiveDate, offset: i64| at(org, day, offset);
    // 118 persons: P0..P93 adults, P94..P117 teenagers.
    let mut persons = Vec::new();
    for i in 0..118 {
        persons.push(request(s, org, &format!("Personne {i}"), at(year.first, 1), i >= 94).await);
    }
    // Thirteen relatives, one for each of P0..P12.
    let mut relatives = Vec::new();
    for person in &persons[..13] {
        relatives.push(
            s.store
                .add_relative(reader, *person, "Proche", "parent")
                .await
                .unwrap(),
        );
    }
    // The meetings of each row, as (person, relative) pairs, in the seed's numbers.
    let repeat = |who: &[PersonId], times: &dyn Fn(usize) -> usize| {
        who.iter()
            .enumerate()
            .flat_map(|(i, p)| std::iter::repeat_n(*p, times(i)))
            .collect::<Vec<_>>()
    };
    let first_meetings = repeat(&persons, &|i| if i < 11 { 2 } else { 1 });
    let emergencies = repeat(&persons[..61], &|i| if i < 20 { 3 } else { 2 });
    let women = repeat(&persons[..57], &|i| if i < 34 { 9 } else { 8 });
    let teenagers = repeat(&persons[94..], &|i| if i < 22 { 5 } else { 4 });
    let support: Vec<(PersonId, RelativeId)> = (0..13)
        .flat_map(|i| std::iter::repeat_n((persons[i], relatives[i]), if i < 3 { 3 } else { 2 }))
        .collect();
    assert_eq!(
        (
            first_meetings.len(),
            emergencies.len(),
            women.len(),
            teenagers.len(),
            support.len()
        ),
        (129, 142, 490, 118, 29)
    );
    let rows: Vec<(MeetingKind, Vec<Met>, i64)> = vec![
        (
            MeetingKind::FirstMeeting,
            first_meetings.iter().map(|p| (*p, None)).collect(),
            SEED[0].3,
        ),
        (
            MeetingKind::Emergency,
            emergencies.iter().map(|p| (*p, None)).collect(),
            SEED[1].3,
        ),
        (
            MeetingKind::FollowUp,
            women.iter().map(|p| (*p, None)).collect(),
            SEED[2].3,
        ),
        (
            MeetingKind::FollowUp,
            teenagers.iter().map(|p| (*p, None)).collect(),
            SEED[3].3,
        ),
        (
            MeetingKind::Relatives,
            support.iter().map(|(p, r)| (*p, Some(*r))).collect(),
            SEED[4].3,
        ),
    ];
    let mut day = 2;
    for (kind, who, total) in &rows {
        let n = who.len() as i64;
        for (i, (person, relative)) in who.iter().enumerate() {
            s.store
                .record_meeting(
                    reader,
                    *person,
                    NewMeeting {
                        kind: *kind,
                        held_at: at(year.first, day),
                        place: PlaceKind::Centre,
                        place_id: None,
                        time: time_of(i as i64, n, *total),
                        staff: vec![staff],
                        relative_id: *relative,
                        over_limit_reason: None,
                        texts_given: false,
                    },
                )
                .await
                .unwrap();
            day = 2 + (day - 1) % 360;
        }
    }
    persons
}

/// The report is kept between two readings (docs/architecture.md "The report kept until a
/// write") and computed again after any change to what it counts, whichever way it was made: a
/// request recorded, a value of a list renamed, a row changed in the database by hand. Reading,
/// the report's own audited reading included, throws nothing away. The wait list's figures,
/// kept the same way, follow the same changes.
async fn the_report_kept_follows_every_change(engine: Engine) {
    use sea_orm::ConnectionTrait;
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS Mémoire vive", OrganizationKind::Centre, false)
        .await;
    let coordinator = s
        .user(&org, "coord@memoire.example", &[Role::Coordinator])
        .await;
    let token = s.token(&coordinator, Scope::Read).await;
    let today = org.time_zone.day_of(s.store.now());
    let year = Period::reporting_year(today, Default::default());
    let path = format!(
        "/api/v1/reports/activity?from={}&to={}",
        year.first, year.last
    );
    let report = || async {
        let (status, report) = call(&s, &token, "GET", &path, Value::Null).await;
        assert_eq!(status, 200, "{report}");
        report["current"].clone()
    };
    let requester_label = |figures: &Value| {
        figures["profile"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["list"] == "requester")
            .unwrap()["rows"][0]["label"]
            .clone()
    };
    // The wait list's figures per code are kept the same way.
    let waiting = || async {
        let (status, list) = call(&s, &token, "GET", "/api/v1/waitlist", Value::Null).await;
        assert_eq!(status, 200, "{list}");
        let by_code: i64 = list["by_code"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_i64().unwrap())
            .sum();
        (list["total"].clone(), by_code)
    };
    assert_eq!(report().await["requests"]["total"], 0);
    assert_eq!(waiting().await, (json!(0), 0));

    // Reading changes nothing the report counts.
    let changes = s.store.data_changes().await.unwrap();
    report().await;
    assert_eq!(s.store.data_changes().await.unwrap(), changes);

    // A request recorded is counted at the next reading.
    request(
        &s,
        &org,
        "Aube Marchand",
        s.store.now() - chrono::TimeDelta::minutes(1),
        false,
    )
    .await;
    let figures = report().await;
    assert_eq!(figures["requests"]["total"], 1);
    assert_eq!(waiting().await, (json!(1), 1));
    assert_eq!(figures["requests"]["teenagers"], 0);
    assert_ne!(requester_label(&figures), "La personne elle-même");

    // The value she came through, renamed: the lists are kept apart from the audited changes.
    let requester = s
        .store
        .list_values(org.id, havre_domain::lists::ListKind::Requester, false)
        .await
        .unwrap()[0]
        .id;
    s.store
        .rename_list_value(org.id, requester, "La personne elle-même", "")
        .await
        .unwrap();
    assert_eq!(requester_label(&report().await), "La personne elle-même");

    // A row changed by hand in the database, outside Havre's code.
    s.store
        .db()
        .execute_unprepared("UPDATE help_requests SET teenager = TRUE")
        .await
        .unwrap();
    assert_eq!(report().await["requests"]["teenagers"], 1);
    s.store
        .db()
        .execute_unprepared("UPDATE help_requests SET status = 'closed'")
        .await
        .unwrap();
    assert_eq!(waiting().await, (json!(0), 0));
}

async fn the_report_shows_a_known_year_exactly(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS Coup de cœur", OrganizationKind::Centre, false)
        .await;
    let coordinator = s
        .user(&org, "coord@coeur.example", &[Role::Coordinator])
        .await;
    let caseworker = s.user(&org, "int@coeur.example", &[Role::Caseworker]).await;
    let reader = Reader {
        actor: havre_store::Actor::operator(),
        organization_id: org.id,
        user_id: coordinator.id,
        roles: coordinator.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    // Last reporting year, whole and past.
    let today = havre_domain::zone::Zone::default().day_of(s.store.now());
    let year = Period::reporting_year(today, Default::default())
        .previous()
        .unwrap();
    enter_individual_year(&s, &org, &reader, coordinator.id, year).await;
    // Hours on a category whose name a spreadsheet would take for a formula.
    let admin = s
        .user(&org, "admin@coeur.example", &[Role::Administrator])
        .await;
    let admin_reader = Reader {
        actor: havre_store::Actor::operator(),
        organization_id: org.id,
        user_id: admin.id,
        roles: admin.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    let formula = s
        .store
        .add_hour_category(
            &admin_reader,
            havre_domain::hours::HoursArea::Activism,
            "=HYPERLINK(\"http://exemple.test\")",
            "",
        )
        .await
        .unwrap();
    s.store
        .log_hours(
            &reader,
            &[havre_store::hours::NewEntry {
                category_id: formula,
                day: year.first + chrono::Days::new(10),
                minutes: 150,
            }],
        )
        .await
        .unwrap();
    // The year before: one first meeting, which this year's figures do not count.
    let before = year.previous().unwrap();
    let earlier = request(
        &s,
        &org,
        "Personne d'avant",
        at(&org, before.first, 1),
        false,
    )
    .await;
    s.store
        .record_meeting(
            &reader,
            earlier,
            NewMeeting {
                kind: MeetingKind::FirstMeeting,
                held_at: at(&org, before.first, 5),
                place: PlaceKind::Phone,
                place_id: None,
                time: MeetingTime {
                    duration: 45,
                    ..Default::default()
                },
                staff: vec![coordinator.id],
                relative_id: None,
                over_limit_reason: None,
                texts_given: false,
            },
        )
        .await
        .unwrap();

    // The JSON, in French.
    let token = s.token(&coordinator, Scope::Read).await;
    let get = |path: String, token: String| {
        let s = &s;
        async move { call(s, &token, "GET", &path, Value::Null).await }
    };
    let (status, report) = get(
        format!(
            "/api/v1/reports/activity?from={}&to={}",
            year.first, year.last
        ),
        token.clone(),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let lines = report["current"]["individual"]["lines"].as_array().unwrap();
    for (line, (key, persons, meetings, minutes)) in lines.iter().zip(SEED) {
        assert_eq!(
            (
                line["key"].as_str().unwrap(),
                line["persons"].as_i64().unwrap(),
                line["meetings"].as_i64().unwrap(),
                line["invested_minutes"].as_i64().unwrap(),
            ),
            (key, persons, meetings, minutes)
        );
    }
    assert_eq!(
        report["current"]["individual"]["invested_minutes"],
        json!(1378 * 60 + 30),
        "the seed's total: 1 378 h 30"
    );
    assert_eq!(
        havre_domain::text::format_minutes(
            report["current"]["individual"]["invested_minutes"]
                .as_i64()
                .unwrap(),
            havre_domain::text::Lang::Fr
        ),
        "1\u{202F}378 h 30"
    );
    // The time around the meetings is counted apart too: 30 minutes of each of the 908.
    let around: i64 = lines
        .iter()
        .map(|l| {
            l["preparation_minutes"].as_i64().unwrap()
                + l["debrief_minutes"].as_i64().unwrap()
                + l["travel_minutes"].as_i64().unwrap()
        })
        .sum();
    assert_eq!(around, 908 * 30);
    // The requests: 118 new ones, 24 of teenagers, the requester split as given.
    let requests = &report["current"]["requests"];
    assert_eq!(
        (requests["total"].clone(), requests["teenagers"].clone()),
        (json!(118), json!(24))
    );
    let requester = report["current"]["profile"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["list"] == "requester")
        .unwrap();
    let counts: Vec<i64> = requester["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [94, 24]);
    // Nobody waits at the end of the year: every request had its first meeting.
    let waiting_at_end: i64 = report["current"]["wait_list"]["waiting_at_end"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_i64().unwrap())
        .sum();
    assert_eq!(waiting_at_end, 0);
    // The year before holds only its own first meeting.
    let previous = &report["previous"]["individual"]["lines"][0];
    assert_eq!(
        (previous["persons"].clone(), previous["meetings"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(report["period"]["first"], json!(year.first.to_string()));
    assert_eq!(
        report["previous_period"]["first"],
        json!(before.first.to_string())
    );

    // The page shows the same table, as the seed prints it.
    let (client, _) = s.login("coord@coeur.example").await;
    let page = |query: String| {
        let client = client.clone();
        let url = s.url(&format!("/reports?{query}"));
        async move {
            let r = client.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.text().await.unwrap()
        }
    };
    let html = page(format!("from={}&to={}", year.first, year.last)).await;
    let table = extract(&html, "id=\"t-individual\"", "</table>").unwrap();
    for (label, persons, meetings, hours) in [
        ("Premières rencontres", "118", "129", "215 h 30"),
        ("Rencontres d&#39;urgence", "61", "142", "229 h"),
        ("Suivis individuels femmes", "57", "490", "684 h 30"),
        ("Suivis individuels adolescentes", "24", "118", "207 h 30"),
        ("Soutien à l&#39;entourage", "13", "29", "42 h"),
    ] {
        let row = extract(&table, &format!("<th scope=\"row\">{label}</th>"), "</tr>")
            .unwrap_or_else(|| panic!("{label} in {table}"));
        assert!(
            row.starts_with(&format!(
                "<td class=\"figure\">{persons}</td><td class=\"figure\">{meetings}</td>"
            )) && row.ends_with(&format!("<td class=\"figure\">{hours}</td>")),
            "{label}: {row}"
        );
    }
    let total = extract(&table, "<tfoot>", "</tfoot>").unwrap();
    assert!(total.contains("1\u{202F}378 h 30"), "{total}");

    // The workbook opens, and its individual-intervention sheet holds the same figures: counts
    // as numbers, hours as durations.
    // `what`: the format, and whatever else the query asks; in the reader's language.
    let download_in = |what: &str, language: &'static str| {
        let url = s.url(&format!(
            "/api/v1/reports/activity?from={}&to={}&format={what}",
            year.first, year.last
        ));
        let token = token.clone();
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .header("accept-language", language)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let disposition = r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .to_owned();
            (disposition, r.bytes().await.unwrap().to_vec())
        }
    };
    let download = |what: &str| download_in(what, "fr-CA");
    let (disposition, xlsx) = download("xlsx").await;
    assert!(
        disposition.starts_with("attachment; filename=\"rapport-"),
        "{disposition}"
    );
    {
        use calamine::{Data, DataType, Reader as _, Xlsx};
        // Hours are durations: the spreadsheet's time, in days.
        let hours = |cell: &Data| cell.get_datetime().map(|d| d.as_f64()).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        // One sheet per section, named by its short title: whole words, never cut.
        assert_eq!(
            book.sheet_names(),
            [
                "Demandes d'aide",
                "Liste d'attente",
                "Intervention individuelle",
                "Accompagnements",
                "Références des centres désignés",
                "Exploitation sexuelle",
                "Groupes et cafés-rencontres",
                "Prévention",
                "Gouvernance",
                "Plaintes",
                "Heures investies",
                "Comparaison",
            ]
        );
        let sheet = book.worksheet_range("Intervention individuelle").unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        for (label, (_, persons, meetings, minutes)) in [
            "Premières rencontres",
            "Rencontres d'urgence",
            "Suivis individuels femmes",
            "Suivis individuels adolescentes",
            "Soutien à l'entourage",
        ]
        .into_iter()
        .zip(SEED)
        {
            let row = rows
                .iter()
                .find(|r| r[0].get_string() == Some(label))
                .unwrap_or_else(|| panic!("{label} in the sheet"));
            assert_eq!(
                (
                    row[1].as_f64().unwrap() as i64,
                    row[2].as_f64().unwrap() as i64,
                    (hours(&row[7]) * 1440.0).round() as i64
                ),
                (persons, meetings, minutes),
                "{label}"
            );
        }
        // Every figure of the table is a number, and each column adds up to its total:
        // meetings as counts, the five durations as durations.
        let first = rows
            .iter()
            .position(|r| r[0].get_string() == Some("Premières rencontres"))
            .unwrap();
        let total = rows
            .iter()
            .find(|r| r[0].get_string() == Some("Total"))
            .unwrap();
        let lines = &rows[first..first + 5];
        let numeric = |c: &Data| {
            matches!(
                c,
                Data::Float(_) | Data::Int(_) | Data::DateTime(_) | Data::DurationIso(_)
            )
        };
        for line in lines {
            assert!(line[1..8].iter().all(numeric), "{line:?}");
        }
        assert!(total[2..8].iter().all(numeric), "{total:?}");
        let sum = |col: usize, value: &dyn Fn(&Data) -> f64| -> f64 {
            lines.iter().map(|l| value(&l[col])).sum()
        };
        let count = |c: &Data| c.as_f64().unwrap();
        assert_eq!((sum(2, &count), count(&total[2])), (908.0, 908.0));
        for col in 3..8 {
            let minutes = |c: &Data| (hours(c) * 1440.0).round();
            assert_eq!(sum(col, &minutes), minutes(&total[col]), "column {col}");
        }
        assert_eq!((hours(&total[7]) * 1440.0).round() as i64, 82_710);
        let hours = book.worksheet_range("Heures investies").unwrap();
        assert!(
            hours
                .rows()
                .any(|r| r[0].get_string() == Some("=HYPERLINK(\"http://exemple.test\")")),
            "a name is written as text, not as a formula"
        );
        assert!(
            book.worksheet_formula("Heures investies")
                .unwrap()
                .used_cells()
                .count()
                == 0,
            "no formula anywhere"
        );
    }
    // The CSV archive: one file per table, figures as plain numbers, no cell a spreadsheet
    // would run.
    let (_, archive) = download("csv").await;
    let files = csv_files(&archive);
    let mut found_formula = false;
    for (name, text) in &files {
        for record in csv_records(text, b';') {
            for cell in &record {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']) || number(cell, Lang::Fr).is_some(),
                    "{name}: {cell} could run as a formula"
                );
                found_formula |= cell == "'=HYPERLINK(\"http://exemple.test\")";
            }
        }
    }
    assert!(found_formula);
    // The individual table: numbers without units, each duration in decimal hours and in
    // minutes.
    let (_, individual) = files
        .iter()
        .find(|(name, _)| name.ends_with("-individual-individual.csv"))
        .unwrap();
    let records = csv_records(individual, b';');
    assert_eq!(
        records[0][1..5],
        [
            "Personnes",
            "Rencontres",
            "Durée (heures)",
            "Durée (minutes)"
        ]
    );
    assert_eq!(
        records[0][11..],
        ["Heures investies (heures)", "Heures investies (minutes)"]
    );
    let first = records
        .iter()
        .find(|r| r[0] == "Premières rencontres")
        .unwrap();
    assert_eq!(
        [&first[1], &first[2], &first[11], &first[12]],
        ["118", "129", "215,5", "12930"]
    );
    let total = records.last().unwrap();
    assert_eq!(
        [&total[0], &total[11], &total[12]],
        ["Total", "1378,5", "82710"]
    );
    // Opened in LibreOffice set to the file's language, every figure is a number and the
    // columns of every table add up to its total. The files do not depend on the engine:
    // once is enough.
    if engine == Engine::Sqlite {
        let (_, english) = download_in("csv", "en-CA").await;
        let (_, published) = download("csv&publishable=true").await;
        spreadsheet_reads_the_csv_files(&archive, &english, &published);
    }
    // The PDF opens: poppler reads its text back and renders every page.
    let (disposition, pdf) = download("pdf").await;
    assert!(disposition.contains(".pdf\""), "{disposition}");
    assert!(pdf.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rapport.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let tool = |name: &str| {
        std::process::Command::new(name)
            .arg("-v")
            .output()
            .is_ok()
            .then(|| name.to_owned())
    };
    match (tool("pdftotext"), tool("pdftoppm")) {
        (Some(pdftotext), Some(pdftoppm)) => {
            let out = std::process::Command::new(pdftotext)
                .arg("-raw")
                .arg(&file)
                .arg("-")
                .output()
                .unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout)
                .unwrap()
                .replace(['\u{202F}', '\u{A0}'], " ");
            for expected in [
                "En résumé pour l'intervention individuelle",
                "Premières rencontres",
                "215 h 30",
                "1 378 h 30",
            ] {
                assert!(text.contains(expected), "{expected} missing from the PDF");
            }
            // In reading order: the title page lists the sections, then each section comes
            // with its heading, a table's title, the table's header cells and its rows.
            let (cover, body) = text.split_once('\u{c}').unwrap();
            assert!(cover.contains("Intervention individuelle"), "{cover}");
            let mut rest = body;
            for expected in [
                "Statistiques des demandes d'aide",
                "Intervention individuelle",
                "En résumé pour l'intervention individuelle",
                "Service",
                "Personnes",
                "Premières rencontres",
                "215 h 30",
                "Accompagnements et défense de droits",
            ] {
                let at = rest
                    .find(expected)
                    .unwrap_or_else(|| panic!("{expected} out of order in:\n{body}"));
                rest = &rest[at + expected.len()..];
            }
            // Tagged, its fonts embedded: what a screen reader and any printer need.
            let info = std::process::Command::new("pdfinfo")
                .arg(&file)
                .output()
                .unwrap();
            let info = String::from_utf8_lossy(&info.stdout);
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Tagged:") && l.ends_with(" yes")),
                "{info}"
            );
            let fonts = std::process::Command::new("pdffonts")
                .arg(&file)
                .output()
                .unwrap();
            let fonts = String::from_utf8_lossy(&fonts.stdout);
            let listed: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!listed.is_empty(), "{fonts}");
            for font in listed {
                assert!(font.contains("DejaVu") && font.contains(" yes "), "{fonts}");
            }
            let out = std::process::Command::new(pdftoppm)
                .args(["-r", "30", "-png"])
                .arg(&file)
                .arg(dir.path().join("page"))
                .output()
                .unwrap();
            assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
            let pages = std::fs::read_dir(dir.path())
                .unwrap()
                .filter(|f| {
                    f.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|e| e == "png")
                })
                .count();
            assert!(pages >= 10, "a page per section at least: {pages}");
            if let Some(keep) = std::env::var_os("HAVRE_TEST_PDF_KEEP") {
                std::fs::copy(&file, keep).unwrap();
            }
        }
        _ => {
            havre_store::testing::missing("pdftotext and pdftoppm (poppler-utils) are not on PATH")
        }
    }
    // PDF/UA-1, by a checker independent of the library that writes it: pdfua, whose checks
    // (tagging, artifacts, language, title, figures' alternative text, tables' headers…) must
    // find nothing (docs/architecture.md).
    let pdfua = std::process::Command::new("python3")
        .args(["-c", "import pdfua"])
        .output()
        .is_ok_and(|out| out.status.success());
    if pdfua {
        let out = std::process::Command::new("python3")
            .args(["-m", "pdfua", "check"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "PDF/UA-1: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        havre_store::testing::missing("pdfua (the PDF/UA-1 checker .ci/run installs) is missing");
    }

    // Publishable: no count from 1 to 4 anywhere, in the JSON or on the page.
    let (status, published) = get(
        format!(
            "/api/v1/reports/activity?from={}&to={}&publishable=true",
            year.first, year.last
        ),
        token.clone(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(published.get("current").is_none(), "no raw figures");
    // Its workbook holds the same figures, each a number (hours a duration), each hidden or
    // withheld one words.
    let (_, xlsx) = download("xlsx&publishable=true").await;
    let (figures, markers) = workbook_holds(xlsx, &published["sections"]);
    assert!(
        figures > 100 && markers > 0,
        "{figures} figures, {markers} markers"
    );
    let mut hidden = 0;
    let mut counts = 0;
    for section in published["sections"].as_array().unwrap() {
        for table in section["tables"].as_array().unwrap() {
            let rows = table["rows"].as_array().unwrap().iter();
            let total = table.get("total").filter(|t| !t.is_null());
            for row in rows.chain(total) {
                for cell in row.as_array().unwrap() {
                    match cell["type"].as_str().unwrap() {
                        "count" => {
                            counts += 1;
                            let n = cell["value"].as_i64().unwrap();
                            assert!(!(1..=4).contains(&n), "{} shows {n}", table["key"]);
                        }
                        // A share names how many it stands for only to the suppression.
                        "share" => {
                            let n = cell["value"][1].as_i64().unwrap();
                            assert!(
                                !(1..=4).contains(&n),
                                "{} shows a share of {n}",
                                table["key"]
                            );
                        }
                        "hidden" | "withheld" => hidden += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(
        counts > 20 && hidden > 0,
        "{counts} counts, {hidden} hidden"
    );
    let html = page(format!(
        "from={}&to={}&publishable=true",
        year.first, year.last
    ))
    .await;
    for small in ["1", "2", "3", "4"] {
        assert!(
            !html.contains(&format!("<td class=\"figure\">{small}</td>")),
            "the publishable page shows {small}"
        );
    }
    assert!(html.contains("&#60; 5"), "hidden counts show as < 5");

    // The report is the coordinator's: a caseworker gets 403; a reversed period is refused
    // at its field.
    let caseworker_token = s.token(&caseworker, Scope::Read).await;
    let (status, _) = get("/api/v1/reports/activity".into(), caseworker_token).await;
    assert_eq!(status, 403);
    let (status, problem) = get(
        format!(
            "/api/v1/reports/activity?from={}&to={}",
            year.last, year.first
        ),
        token.clone(),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("to"))
    );
    // Every export is in the audit log.
    let exported = s
        .store
        .audit_entries(org.id, None, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "report.exported")
        .count();
    // SQLite also exports the CSV files in English and publishable, for LibreOffice.
    let files = if engine == Engine::Sqlite { 2 } else { 0 };
    assert_eq!(
        exported,
        8 + files,
        "the page, the JSON and the files, not the refused ones"
    );
}

/// The team's text per section and period: written on the page or through the API, shown before
/// the section's figures, in the JSON and the workbook; too long or for no section, refused at
/// its field and nothing changes.
async fn the_team_writes_a_text_per_section_and_period(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS Coup de cœur", OrganizationKind::Centre, false)
        .await;
    let coordinator = s
        .user(&org, "coord@coeur.example", &[Role::Coordinator])
        .await;
    let caseworker = s.user(&org, "int@coeur.example", &[Role::Caseworker]).await;
    let today = havre_domain::zone::Zone::default().day_of(s.store.now());
    let year = Period::reporting_year(today, Default::default())
        .previous()
        .unwrap();
    let (client, csrf) = s.login("coord@coeur.example").await;
    let text = "Les suivis individuels occupent toujours une place prépondérante.\n\nNous avons continué de rencontrer les adolescentes à l'école.";
    let save = |section: &'static str, text: String| {
        let client = client.clone();
        let url = s.url("/reports/narratives");
        let form = vec![
            ("csrf".to_owned(), csrf.clone()),
            ("from".to_owned(), year.first.to_string()),
            ("to".to_owned(), year.last.to_string()),
            ("section".to_owned(), section.to_owned()),
            ("text".to_owned(), text),
        ];
        async move { client.post(url).form(&form).send().await.unwrap() }
    };
    let r = save("individual", text.to_owned()).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/reports?from={}&to={}#individual", year.first, year.last).as_str()
    );
    let html = s
        .html(
            &client,
            &format!("/reports?from={}&to={}", year.first, year.last),
        )
        .await;
    let section = extract(&html, "id=\"individual\"", "</section>").unwrap();
    let first = section
        .find("<p class=\"narrative\">Les suivis individuels occupent toujours une place prépondérante.</p>")
        .expect("the first paragraph");
    let second = section
        .find("<p class=\"narrative\">Nous avons continué de rencontrer les adolescentes à l&#39;école.</p>")
        .expect("the second paragraph");
    let table = section.find("<table").unwrap();
    assert!(
        first < second && second < table,
        "the text comes before the figures"
    );
    // Another period has its own text: none yet.
    let other = s.html(&client, "/reports").await;
    assert!(!other.contains("place prépondérante"));

    // Too long, or for no section: refused at the field, what was typed kept, nothing saved.
    let long = "é".repeat(30_001);
    let r = save("individual", long.clone()).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Ce texte est trop long : 30 000 caractères au plus par section."));
    assert!(html.contains(&long), "what she typed is shown back");
    let r = save("nulle-part", "Un texte".into()).await;
    assert_eq!(r.status(), 422);

    // Through the API, in the JSON and in the workbook.
    let token = s.token(&coordinator, Scope::Write).await;
    let put = |token: String, section: &'static str| {
        let url = s.url("/api/v1/reports/narratives");
        let body = json!({ "from": year.first, "to": year.last, "section": section, "text": "Nous avons formé 144 personnes." });
        async move {
            reqwest::Client::new()
                .put(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(put(token.clone(), "prevention").await, 204);
    let caseworker_token = s.token(&caseworker, Scope::Write).await;
    assert_eq!(put(caseworker_token, "prevention").await, 403);
    let report: Value = reqwest::Client::new()
        .get(s.url(&format!(
            "/api/v1/reports/activity?from={}&to={}",
            year.first, year.last
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["narratives"]["individual"], json!(text));
    assert_eq!(
        report["narratives"]["prevention"],
        json!("Nous avons formé 144 personnes.")
    );
    let xlsx = reqwest::Client::new()
        .get(s.url(&format!(
            "/api/v1/reports/activity?from={}&to={}&format=xlsx",
            year.first, year.last
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    {
        use calamine::{DataType, Reader as _, Xlsx};
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        let sheet = book.worksheet_range("Intervention individuelle").unwrap();
        let texts: Vec<String> = sheet
            .rows()
            .filter_map(|r| r[0].get_string().map(str::to_owned))
            .collect();
        let at = |needle: &str| texts.iter().position(|t| t == needle).unwrap();
        assert!(
            at("Les suivis individuels occupent toujours une place prépondérante.")
                < at("En résumé pour l'intervention individuelle")
        );
    }
    // An empty text removes it.
    let r = save("individual", "  ".into()).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        s.store
            .narratives(org.id, year.first, year.last)
            .await
            .unwrap()
            .into_iter()
            .map(|(section, _)| section)
            .collect::<Vec<_>>(),
        ["prevention"]
    );
}

/// Every instant is shown and counted on the organization's clock, never the server's (which
/// runs in UTC here): meetings typed on the file page on both sides of the two changes of time
/// of 2024, and in the last half hour of the reporting year 2023-2024, appear at the hour typed
/// and fall in the day and the year they were held in; when the organization moves to another
/// zone, the same instants are shown and grouped on its new clock.
async fn the_organization_clock_decides_the_day_and_the_year(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS de l'Horloge", OrganizationKind::Centre, false)
        .await;
    assert_eq!(
        org.time_zone.name(),
        "America/Montreal",
        "Québec's by default"
    );
    let coordinator = s
        .user(&org, "coord@horloge.example", &[Role::Coordinator])
        .await;
    let admin = s
        .user(&org, "admin@horloge.example", &[Role::Administrator])
        .await;
    let received = org.time_zone.parse_local("2023-06-01", "10:00").unwrap();
    let person = request(&s, &org, "Personne à l'heure", received, false).await;

    let (client, csrf) = s.login("coord@horloge.example").await;
    let typed = [
        ("2024-03-10", "01:30"), // EST, half an hour before clocks spring forward
        ("2024-03-10", "03:30"), // EDT, an hour after
        ("2024-03-31", "23:30"), // the last half hour of the reporting year 2023-2024
        ("2024-11-03", "00:30"), // EDT, on the day clocks fall back
        ("2024-11-03", "23:30"), // EST, the 25th hour of that day
    ];
    let staff = coordinator.id.to_string();
    for (date, time) in typed {
        let r = client
            .post(s.url(&format!("/files/{person}/meetings")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "follow_up"),
                ("place", "centre"),
                ("date", date),
                ("time", time),
                ("duration", "60"),
                ("staff", staff.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{date} {time}");
    }
    let file_page = |client: reqwest::Client| {
        let url = s.url(&format!("/files/{person}"));
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = file_page(client.clone()).await;
    for (date, time) in typed {
        let shown = format!("{date} {}", time.replace(':', " h "));
        assert!(html.contains(&shown), "the file shows {shown}");
    }

    // The report counts each meeting in its own day and reporting year.
    let token = s.token(&coordinator, Scope::Read).await;
    let follow_ups = |first: &'static str, last: &'static str| {
        let token = token.clone();
        let s = &s;
        async move {
            let (status, report) = call(
                s,
                &token,
                "GET",
                &format!("/api/v1/reports/activity?from={first}&to={last}"),
                Value::Null,
            )
            .await;
            assert_eq!(status, 200, "{report}");
            report["current"]["individual"]["lines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["key"] == "follow_up_women")
                .map(|l| l["meetings"].as_i64().unwrap())
                .unwrap()
        }
    };
    assert_eq!(follow_ups("2023-04-01", "2024-03-31").await, 3, "2023-2024");
    assert_eq!(follow_ups("2024-04-01", "2025-03-31").await, 2, "2024-2025");
    assert_eq!(follow_ups("2024-03-31", "2024-03-31").await, 1, "March 31");
    assert_eq!(follow_ups("2024-04-01", "2024-04-01").await, 0, "April 1");
    assert_eq!(
        follow_ups("2024-03-10", "2024-03-10").await,
        2,
        "a 23-hour day"
    );
    assert_eq!(
        follow_ups("2024-11-03", "2024-11-03").await,
        2,
        "a 25-hour day"
    );
    assert_eq!(follow_ups("2024-11-04", "2024-11-04").await, 0);
    // And so do the exports: the meetings of the individual table's total line, in the CSV
    // files of each reporting year.
    for (first, last, meetings) in [
        ("2023-04-01", "2024-03-31", "3"),
        ("2024-04-01", "2025-03-31", "2"),
    ] {
        let archive = reqwest::Client::new()
            .get(s.url(&format!(
                "/api/v1/reports/activity?from={first}&to={last}&format=csv"
            )))
            .bearer_auth(&token)
            .header("accept-language", "fr-CA")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let files = csv_files(&archive);
        let (_, individual) = files
            .iter()
            .find(|(name, _)| name.ends_with("-individual-individual.csv"))
            .unwrap();
        let total = csv_records(individual, b';').pop().unwrap();
        assert_eq!(
            (total[0].as_str(), total[2].as_str()),
            ("Total", meetings),
            "{first}"
        );
    }

    // A day that does not exist in the query, or a date without its time where an instant is
    // expected, is a problem document naming the field, in French.
    let (status, problem) = call(
        &s,
        &token,
        "GET",
        "/api/v1/reports/activity?from=2024-02-30&to=2024-03-31",
        Value::Null,
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("from")),
        "{problem}"
    );
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("forme attendue"),
        "{problem}"
    );
    let writer = s.token(&coordinator, Scope::Write).await;
    let (status, problem) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/referrals",
        json!({ "received_at": "2024-03-31", "centre": "Centre désigné" }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("received_at")),
        "{problem}"
    );

    // The administrator names a zone that does not exist: refused at its field, nothing changes.
    let admin_token = s.token(&admin, Scope::Write).await;
    let (status, problem) = call(
        &s,
        &admin_token,
        "PATCH",
        "/api/v1/organization",
        json!({ "time_zone": "Mars/Olympus" }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("time_zone")),
        "{problem}"
    );
    assert_eq!(
        s.store.organization(org.id).await.unwrap().time_zone,
        org.time_zone
    );
    // The organization moves to Paris: the same instants, on its new clock.
    let (status, saved) = call(
        &s,
        &admin_token,
        "PATCH",
        "/api/v1/organization",
        json!({ "time_zone": "Europe/Paris" }),
    )
    .await;
    assert_eq!(
        (status, saved["time_zone"].clone()),
        (200, json!("Europe/Paris"))
    );
    let html = file_page(client).await;
    assert!(
        html.contains("2024-04-01 05 h 30"),
        "23:30 in Montréal is 05:30 in Paris"
    );
    assert_eq!(follow_ups("2024-03-31", "2024-03-31").await, 0);
    assert_eq!(follow_ups("2024-04-01", "2024-04-01").await, 1);
    assert_eq!(follow_ups("2024-04-01", "2025-03-31").await, 3);
}

/// `total` minutes in `n` parts as equal as whole minutes allow.
fn split(total: i64, n: i64) -> impl Iterator<Item = i32> {
    (0..n).map(move |i| (total / n + i64::from(i < total % n)) as i32)
}

/// The reader an account is to the store.
fn reader_of(org: &Organization, user: &havre_store::accounts::User) -> Reader {
    Reader {
        actor: havre_store::Actor::operator(),
        organization_id: org.id,
        user_id: user.id,
        roles: user.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    }
}

/// The seed's "En résumé" tables of hours per service area, 2023-2024, found by entering the
/// year as the team lives it: meetings, accompaniments, designated-centre referrals and their
/// meetings, both closed groups, the drop-in, the Empreinte animations with their travel and
/// the other animations, the trainings given and received, the exploitation follow-ups, and the
/// timesheet for what no record carries. The records' hours flow into their areas on their own;
/// the same hours entered on the timesheet as well are refused, and the totals do not move.
async fn the_hours_by_service_area_are_the_seeds(engine: Engine) {
    use havre_domain::governance::MemberKind;
    use havre_domain::groups::SessionKind;
    use havre_domain::hours::HoursArea;
    use havre_domain::intake::ServiceArea;
    use havre_domain::lists::ListKind;
    use havre_domain::prevention::{NewTraining, NewWorkshop};
    use havre_store::governance::{NewAnnualMeeting, NewBoardMeeting, NewMember};
    use havre_store::groups::{NewDropin, NewGroup, NewSession};
    use havre_store::prevention::NewAnimation;

    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS Coup de cœur", OrganizationKind::Centre, false)
        .await;
    let coordinator = s
        .user(&org, "coord@coeur.example", &[Role::Coordinator])
        .await;
    let nathalie = s
        .user(&org, "nathalie@coeur.example", &[Role::Caseworker])
        .await;
    let justine = s
        .user(&org, "justine@coeur.example", &[Role::Caseworker])
        .await;
    let prevention = s
        .user(&org, "prevention@coeur.example", &[Role::PreventionWorker])
        .await;
    let admin = s
        .user(&org, "admin@coeur.example", &[Role::Administrator])
        .await;
    let reader = reader_of(&org, &coordinator);
    let today = org.time_zone.day_of(s.store.now());
    let year = Period::reporting_year(today, Default::default())
        .previous()
        .unwrap();
    let on = |offset: i64| at(&org, year.first, offset);

    // A meeting held `day` days into the year, with the coordinator.
    let meet = |person: PersonId, kind: MeetingKind, day: i64, place: PlaceKind, time| {
        let new = NewMeeting {
            kind,
            held_at: on(day),
            place,
            place_id: None,
            time,
            staff: vec![coordinator.id],
            relative_id: None,
            over_limit_reason: None,
            texts_given: false,
        };
        let (s, reader) = (&s, &reader);
        async move {
            s.store.record_meeting(reader, person, new).await.unwrap();
        }
    };

    // Direct help. Individual intervention: 1 378 h 30.
    let persons = enter_individual_year(&s, &org, &reader, coordinator.id, year).await;
    // Accompaniments: compensation (IVAC) 73 h 30 in 46 meetings, court 73 h 30 in 42, rights
    // 17 h in 7: 164 h.
    for (kind, meetings, total) in [
        (MeetingKind::AccompanimentCompensation, 46, 73 * 60 + 30),
        (MeetingKind::AccompanimentCourt, 42, 73 * 60 + 30),
        (MeetingKind::AccompanimentRights, 7, 17 * 60),
    ] {
        for (i, minutes) in split(total, meetings).enumerate() {
            let time = MeetingTime {
                duration: minutes - 20,
                travel: 20,
                ..Default::default()
            };
            meet(
                persons[i % 32],
                kind,
                20 + i as i64 * 7,
                PlaceKind::Phone,
                time,
            )
            .await;
        }
    }
    // Designated-centre referrals: 41 received, 28 reached, then 70 meetings for 94 h.
    for i in 0..41 {
        let referral = s
            .store
            .receive_referral(
                &reader.actor,
                org.id,
                on(3 + i * 8),
                "Centre désigné",
                false,
            )
            .await
            .unwrap();
        s.store
            .record_referral_attempt(
                &reader.actor,
                org.id,
                referral.id,
                on(4 + i * 8),
                i < 28,
                None,
            )
            .await
            .unwrap();
    }
    for (i, minutes) in split(94 * 60, 70).enumerate() {
        let time = MeetingTime {
            duration: minutes - 10,
            preparation: 5,
            debrief: 5,
            travel: 0,
        };
        let kind = MeetingKind::DesignatedCentre;
        meet(
            persons[40 + i % 28],
            kind,
            5 + i as i64 * 5,
            PlaceKind::Phone,
            time,
        )
        .await;
    }
    // Both closed groups: 221 h 30.
    let mut women = Vec::new();
    for i in 0..12 {
        women.push(request_ids(&s, &org, &format!("Participante {i}"), on(1), false).await);
    }
    let group = |name: &str, starts: i64, facilitators: Vec<UserId>| {
        let s = &s;
        let reader = &reader;
        let name = name.to_owned();
        async move {
            s.store
                .create_group(
                    reader,
                    NewGroup {
                        name,
                        service_area: ServiceArea::DirectHelp,
                        capacity: 8,
                        planned_meetings: 12,
                        meeting_minutes: 210,
                        starts_on: on(starts),
                        facilitators,
                    },
                )
                .await
                .unwrap()
        }
    };
    let session = |group: GroupId, new: NewSession| {
        let s = &s;
        let reader = &reader;
        async move {
            s.store
                .record_group_session(reader, group, new)
                .await
                .unwrap()
        }
    };
    let meeting = |day: i64, prep: i32, staff: Vec<UserId>| NewSession {
        kind: SessionKind::Meeting,
        held_at: on(day),
        duration_minutes: 210,
        preparation_minutes: prep,
        staff,
        present: Vec::new(),
        headcount: None,
        person_id: None,
    };
    let check_in = |day: i64, minutes: i32, person: PersonId| NewSession {
        kind: SessionKind::CheckIn,
        held_at: on(day),
        duration_minutes: minutes,
        preparation_minutes: 0,
        staff: vec![nathalie.id],
        present: Vec::new(),
        headcount: None,
        person_id: Some(person),
    };
    // April to June: Nathalie, 11 meetings of 3 h 30 (38 h 30) with 22 h of preparation and
    // debrief, then 5 women met for a review (7 h 30).
    let spring = group("Groupe du printemps", 2, vec![nathalie.id]).await;
    for (request, _) in &women[..5] {
        s.store
            .enrol(&reader, spring, *request, Some(on(1)))
            .await
            .unwrap();
    }
    for i in 0..11 {
        session(spring, meeting(3 + i * 7, 120, vec![nathalie.id])).await;
    }
    for (_, person) in &women[..5] {
        session(spring, check_in(85, 90, *person)).await;
    }
    // November: the information meeting, 8 women, 3 h of preparation and 6 h.
    // December to March: Nathalie and Justine, 12 meetings of 3 h 30 (84 h) with 36 h of
    // preparation and debrief; 7 women met midway (24 h 30).
    let winter = group("Groupe de l'hiver", 245, vec![nathalie.id, justine.id]).await;
    session(
        winter,
        NewSession {
            kind: SessionKind::Information,
            held_at: on(225),
            duration_minutes: 180,
            preparation_minutes: 180,
            staff: vec![nathalie.id, justine.id],
            present: Vec::new(),
            headcount: Some(8),
            person_id: None,
        },
    )
    .await;
    for (request, _) in &women[5..] {
        s.store
            .enrol(&reader, winter, *request, Some(on(240)))
            .await
            .unwrap();
    }
    for i in 0..12 {
        session(
            winter,
            meeting(245 + i * 9, 180, vec![nathalie.id, justine.id]),
        )
        .await;
    }
    for (_, person) in &women[5..] {
        session(winter, check_in(300, 210, *person)).await;
    }
    // The last drop-in of the series: 5 h with its preparation.
    s.store
        .record_dropin(
            &reader,
            NewDropin {
                service_area: ServiceArea::DirectHelp,
                theme: "Bilan".into(),
                held_at: on(10),
                duration_minutes: 180,
                preparation_minutes: 120,
                attendance: 4,
                staff: vec![coordinator.id],
            },
        )
        .await
        .unwrap();

    // The exploitation track's follow-ups: its own area, not direct help's.
    for i in 0..20 {
        let time = MeetingTime {
            duration: 60,
            preparation: 15,
            ..Default::default()
        };
        let kind = MeetingKind::ExploitationFollowUp;
        meet(
            persons[100 + i % 10],
            kind,
            30 + i as i64 * 15,
            PlaceKind::Centre,
            time,
        )
        .await;
    }

    // Prevention. Empreinte's workshops in schools: 188 class groups, facilitation 329 h,
    // travel 81 h 15, preparation 22 h 45.
    let prevention_reader = reader_of(&org, &prevention);
    let school = s
        .store
        .add_list_value(
            org.id,
            ListKind::Place,
            "École secondaire",
            "École secondaire",
        )
        .await
        .unwrap()
        .id;
    let program = |name: &'static str, area: ServiceArea, workshops: &'static [&'static str]| {
        let s = &s;
        let r = &prevention_reader;
        async move {
            let id = s.store.create_program(r, name, area).await.unwrap();
            let mut ids = Vec::new();
            for (i, title) in workshops.iter().enumerate() {
                ids.push(
                    s.store
                        .add_workshop(
                            r,
                            id,
                            NewWorkshop {
                                // The seed's adapted workshop has no number.
                                number: (!title.starts_with("Adaptation")).then_some(i as i32 + 1),
                                title: (*title).into(),
                                objective: String::new(),
                                questions: Vec::new(),
                            },
                        )
                        .await
                        .unwrap(),
                );
            }
            ids
        }
    };
    let empreinte = program(
        "Empreinte",
        ServiceArea::DirectHelp,
        &[
            "Les agressions à caractère sexuel",
            "Le consentement sexuel",
            "Dévoilement et soutien",
            "Pouvoir d'agir des jeunes",
            "Adaptation (ateliers 1 et 2 condensés)",
        ],
    )
    .await;
    let others = program(
        "Sensibilisation et présentations",
        ServiceArea::DirectHelp,
        &["Sensibilisation", "Soupers causerie (Défis-Logis)"],
    )
    .await;
    let beyond = program(
        "Au-delà des apparences",
        ServiceArea::Exploitation,
        &["L'exploitation sexuelle"],
    )
    .await;
    let animate = |workshop: WorkshopId,
                   visits: i64,
                   groups: i64,
                   students: i64,
                   facilitation: i64,
                   travel: i64,
                   preparation: i64| {
        let s = &s;
        let r = &prevention_reader;
        let by = prevention.id;
        async move {
            let parts = |total: i64| split(total, visits).collect::<Vec<_>>();
            let (g, st, f, t, p) = (
                parts(groups),
                parts(students),
                parts(facilitation),
                parts(travel),
                parts(preparation),
            );
            for i in 0..visits as usize {
                s.store
                    .record_animation(
                        r,
                        NewAnimation {
                            workshop_id: workshop,
                            held_at: on(5 + i as i64 * 3),
                            place_id: school,
                            class_groups: g[i],
                            students: st[i],
                            staff_participants: 1,
                            facilitation_minutes: f[i],
                            travel_minutes: t[i],
                            preparation_minutes: p[i],
                            staff: vec![by],
                        },
                    )
                    .await
                    .unwrap();
            }
        }
    };
    // Per workshop: visits, class groups, students, facilitation, travel, preparation.
    let table = [
        (39, 995, 68 * 60 + 15, 15 * 60 + 45, 4 * 60 + 45),
        (80, 2064, 140 * 60, 40 * 60, 9 * 60),
        (40, 1109, 70 * 60, 17 * 60 + 45, 5 * 60),
        (21, 617, 36 * 60 + 45, 7 * 60, 3 * 60),
        (8, 198, 14 * 60, 45, 60),
    ];
    for (workshop, (groups, students, facilitation, travel, preparation)) in
        empreinte.iter().zip(table)
    {
        animate(
            *workshop,
            groups / 4 + 1,
            groups,
            students,
            facilitation,
            travel,
            preparation,
        )
        .await;
    }
    // Other animations and presentations (35 h 15), and the suppers at Défis-Logis (9 h 30).
    animate(others[0], 10, 10, 172, 20 * 60, 9 * 60, 6 * 60 + 15).await;
    animate(others[1], 2, 2, 12, 3 * 60 + 30, 0, 6 * 60).await;
    // The exploitation workshop in schools: the exploitation track's hours.
    animate(beyond[0], 8, 25, 512, 60 * 60, 15 * 60, 12 * 60).await;
    // Empreinte's training of school staff: 144 trained, 44 h with preparation and travel.
    for (participants, minutes, preparation, travel) in [
        (48, 6 * 60, 8 * 60, 60),
        (48, 6 * 60, 8 * 60, 60),
        (48, 6 * 60, 6 * 60, 2 * 60),
    ] {
        s.store
            .record_training(
                &prevention_reader,
                NewTraining {
                    held_at: on(150),
                    audience: havre_domain::prevention::Audience::SchoolStaff,
                    title: "Empreinte — personnel scolaire".into(),
                    module: None,
                    participants,
                    professions: Vec::new(),
                    minutes,
                    preparation_minutes: preparation,
                    travel_minutes: travel,
                },
            )
            .await
            .unwrap();
    }

    // Internal management: trainings received, 455 h for the team (length × workers).
    for (day, title, minutes, workers) in [
        (40, "Transidentité et variance de genre", 7 * 60, 10),
        (90, "Colloque en violence sexuelle", 14 * 60, 8),
        (160, "Webinaires du Regroupement", 3 * 60, 25),
        (200, "Formation sur l'exploitation sexuelle", 6 * 60, 12),
        (260, "Premiers soins psychologiques", 7 * 60 + 30, 4),
        (300, "Intervention féministe intersectionnelle", 8 * 60, 12),
    ] {
        s.store
            .record_training_received(
                &reader,
                year.first + chrono::Days::new(day),
                title,
                "Formatrice",
                minutes,
                workers,
            )
            .await
            .unwrap();
    }

    // Governance: the collective of 3 workers, 4 board members and 2 activists met 12 times,
    // 168 h of internal management (preparation, presence of the workers, minutes) and
    // 158 h 30 of activism (presence of the others); the general meeting of May 24 took 230 h.
    let mut workers = Vec::new();
    let mut volunteers = Vec::new();
    for (i, kind) in [
        MemberKind::Worker,
        MemberKind::Worker,
        MemberKind::Worker,
        MemberKind::BoardMember,
        MemberKind::BoardMember,
        MemberKind::BoardMember,
        MemberKind::BoardMember,
        MemberKind::Activist,
        MemberKind::Activist,
    ]
    .into_iter()
    .enumerate()
    {
        let id = s
            .store
            .add_member(
                &reader,
                NewMember {
                    name: format!("Membre {i}"),
                    kind,
                    joined_on: year.first - chrono::Days::new(400),
                    left_on: None,
                },
            )
            .await
            .unwrap();
        if kind == MemberKind::Worker {
            workers.push(id);
        } else {
            volunteers.push(id);
        }
    }
    // Eleven meetings of 3 h with the 3 workers and 4 of the others (14 h of internal
    // management, 12 h of activism each); the twelfth of 4 h 25 with all 6 of the others.
    for month in 0..12u64 {
        let last = month == 11;
        let mut present = workers.clone();
        present.extend(volunteers.iter().take(if last { 6 } else { 4 }));
        let length = if last { 265 } else { 180 };
        s.store
            .record_board_meeting(
                &reader,
                NewBoardMeeting {
                    held_at: on(5 + 30 * month as i64),
                    length_minutes: length,
                    preparation_minutes: if last { 30 } else { 180 },
                    minutes_writing_minutes: if last { 15 } else { 120 },
                    present,
                },
            )
            .await
            .unwrap();
    }
    s.store
        .record_annual_meeting(
            &reader,
            NewAnnualMeeting {
                held_at: on(53),
                members_present: 21,
                non_members_present: 12,
                preparation_minutes: 120 * 60,
                report_minutes: 90 * 60,
                presence_minutes: 20 * 60,
            },
        )
        .await
        .unwrap();

    // The timesheet, for what no record carries: at most 7 h an entry, spread over the year's
    // days and the team (a volunteer logs the activists' hours).
    let volunteer = s
        .user(&org, "militante@coeur.example", &[Role::Volunteer])
        .await;
    let team: Vec<Reader> = [&coordinator, &nathalie, &justine, &prevention]
        .into_iter()
        .map(|u| reader_of(&org, u))
        .collect();
    let categories = s.store.hour_categories(org.id, false).await.unwrap();
    let category = |fr: &str| {
        categories
            .iter()
            .find(|c| c.label_fr == fr)
            .unwrap_or_else(|| panic!("category {fr}"))
            .id
    };
    let lines: Vec<(&str, i64, bool)> = vec![
        // Internal management: 2 622 h 30 besides the trainings received, the board's
        // meetings and the general meeting. (The seed's lines add up to 3 493 h 30 where its
        // total says 3 475 h 30; the total is what the team published, so its internal tasks
        // are entered 18 h shorter than the line says; the supervision of the board members,
        // 5 h, is one of them.)
        ("Rencontres d'équipe", 1105 * 60, false),
        ("Comités internes", (73 + 56 + 85 + 89 + 20) * 60, false),
        ("Compilation statistique", 35 * 60, false),
        ("Demandes de subvention", 80 * 60, false),
        ("Processus d'embauche", (35 + 30) * 60, false),
        (
            "Gestion des ressources humaines",
            (110 + 167) * 60 + 30,
            false,
        ),
        ("Gestion informatique", (89 + 64) * 60, false),
        ("Ménage et aménagement des locaux", 61 * 60 + 30, false),
        ("Planification annuelle", (259 * 60 + 30) + 13 * 60, false),
        ("Tâches en gestion interne", (222 + 3 + 20 + 5) * 60, false),
        // Direct help: clinical supervision and intervention meetings, 625 h.
        ("Supervisions de groupe", 436 * 60, false),
        ("Supervisions individuelles", 79 * 60, false),
        ("Rencontres d'intervention", 110 * 60, false),
        // Prevention: 257 h 30 besides the animations and trainings.
        ("Organisation et planification des demandes", 10 * 60, false),
        (
            "Tâches des programmes (hors animation)",
            217 * 60 + 30,
            false,
        ),
        ("Encadrement", 10 * 60, false),
        ("Réseaux sociaux", 20 * 60, false),
        // Representation: 479 h 30.
        ("Regroupement provincial", 232 * 60, false),
        (
            "Tables de concertation",
            (181 + 48 + 2) * 60 + 10 * 60 + 30,
            false,
        ),
        ("Comités régionaux", 6 * 60, false),
        // Activism: 400 h 45, of which the board's meetings carry 158 h 30; the rest logged
        // by the activist.
        ("Heures militantes", 242 * 60 + 15, true),
    ];
    let mut slot = 0i64;
    let mut sheets: Vec<Vec<havre_store::hours::NewEntry>> = vec![Vec::new(); team.len()];
    let mut activist = Vec::new();
    for (label, total, by_activist) in &lines {
        let id = category(label);
        for minutes in split(*total, (*total + 419) / 420) {
            let entry = |day: i64| havre_store::hours::NewEntry {
                category_id: id,
                day: year.first + chrono::Days::new(day as u64),
                minutes: minutes as i64,
            };
            if *by_activist {
                activist.push(entry(activist.len() as i64));
            } else {
                sheets[(slot % 4) as usize].push(entry(slot / 4));
                slot += 1;
            }
        }
    }
    assert!(slot / 4 < 365, "every entry in the year");
    for (r, entries) in team.iter().zip(&sheets) {
        s.store.log_hours(r, entries).await.unwrap();
    }
    s.store
        .log_hours(&reader_of(&org, &volunteer), &activist)
        .await
        .unwrap();

    // The report's hours by service area are the seed's.
    let token = s.token(&coordinator, Scope::Read).await;
    let areas = |path: String| {
        let s = &s;
        let token = token.clone();
        async move {
            let (status, body) = call(s, &token, "GET", &path, Value::Null).await;
            assert_eq!(status, 200, "{body}");
            body
        }
    };
    let report_path = format!(
        "/api/v1/reports/activity?from={}&to={}",
        year.first, year.last
    );
    let area_minutes = |report: &Value| -> Vec<(String, i64)> {
        report["current"]["hours"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["area"].as_str().unwrap().to_owned(),
                    a["minutes"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let report = areas(report_path.clone()).await;
    // Each group with its period and its facilitators, as the seed's table: "Avril à juin
    // 2023 | Nathalie", "Décembre à mars 2024 | Nathalie & Justine".
    let groups: Vec<(String, String, String, Vec<String>)> = report["current"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_owned(),
                g["starts_on"].as_str().unwrap().to_owned(),
                g["ends_on"].as_str().unwrap().to_owned(),
                serde_json::from_value(g["facilitators"].clone()).unwrap(),
            )
        })
        .collect();
    let day = |offset: u64| (year.first + chrono::Days::new(offset)).to_string();
    let mut both = vec![justine.name.clone(), nathalie.name.clone()];
    both.sort();
    assert_eq!(
        groups,
        vec![
            (
                "Groupe du printemps".to_owned(),
                day(2),
                day(3 + 10 * 7),
                vec![nathalie.name.clone()]
            ),
            (
                "Groupe de l'hiver".to_owned(),
                day(245),
                day(245 + 11 * 9),
                both
            )
        ]
    );
    let seed = |area: HoursArea, minutes: i64| (area.key().to_owned(), minutes);
    let exploitation = (20 * 75) + (60 + 15 + 12) * 60;
    assert_eq!(
        area_minutes(&report),
        vec![
            seed(HoursArea::InternalManagement, 3475 * 60 + 30),
            seed(HoursArea::DirectHelp, 2488 * 60),
            seed(HoursArea::Prevention, 779 * 60 + 15),
            seed(HoursArea::Representation, 479 * 60 + 30),
            seed(HoursArea::Exploitation, exploitation),
            seed(HoursArea::Activism, 400 * 60 + 45),
        ]
    );
    // Governance as the seed tells it: 12 board meetings, 168 h in internal management and
    // 158 h 30 of activism, the general meeting of May 24 with 33 persons and 230 h, and the
    // members at the year's end.
    let governance = &report["current"]["governance"];
    assert_eq!(governance["board_meetings"], json!(12), "{governance}");
    assert_eq!(governance["board_internal_minutes"], json!(168 * 60));
    assert_eq!(governance["board_activism_minutes"], json!(158 * 60 + 30));
    let agm = &governance["annual_meetings"][0];
    assert_eq!(
        agm["day"],
        json!((year.first + chrono::Days::new(53)).to_string())
    );
    assert_eq!(
        agm["members_present"].as_i64().unwrap() + agm["non_members_present"].as_i64().unwrap(),
        33
    );
    assert_eq!(agm["invested_minutes"], json!(230 * 60));
    assert_eq!(
        governance["members"],
        json!([
            { "kind": "worker", "members": 3 },
            { "kind": "activist", "members": 2 },
            { "kind": "board_member", "members": 4 },
            { "kind": "other_member", "members": 0 },
        ])
    );
    let internal: Vec<(String, i64)> = report["current"]["hours"][0]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    for (recorded, minutes) in [
        (Recorded::BoardMeetings, 168 * 60),
        (Recorded::AnnualMeeting, 230 * 60),
    ] {
        assert!(
            internal.contains(&(recorded.labels().0.to_owned(), minutes)),
            "{internal:?}"
        );
    }
    // The report's governance section, which every renderer walks, shows them whole even
    // when publishable: they count the organization's own members and meetings.
    let published = areas(format!("{report_path}&publishable=true")).await;
    let section = published["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "governance")
        .expect("a governance section");
    assert_eq!(section["title"], json!("Vie associative et gouvernance"));
    let table = |key: &str| {
        section["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == key)
            .unwrap_or_else(|| panic!("{key}"))
            .clone()
    };
    assert_eq!(
        table("governance-board")["rows"][0],
        json!([
            { "type": "number", "value": 12 },
            { "type": "minutes", "value": 168 * 60 },
            { "type": "minutes", "value": 158 * 60 + 30 },
        ])
    );
    assert_eq!(
        table("governance-annual")["rows"][0],
        json!([
            { "type": "text", "value": (year.first + chrono::Days::new(53)).to_string() },
            { "type": "number", "value": 21 },
            { "type": "number", "value": 12 },
            { "type": "minutes", "value": 230 * 60 },
        ])
    );
    assert_eq!(
        table("governance-members")["total"],
        json!([{ "type": "text", "value": "Total" }, { "type": "number", "value": 9 }])
    );
    // The timesheet offers no category for the same hours: they cannot count twice.
    let offered = s.store.hour_categories(org.id, false).await.unwrap();
    assert!(
        !offered
            .iter()
            .any(|c| c.label_fr == "Rapports et assemblée générale annuelle"),
    );
    // Direct help as the seed's table prints it: the records' lines, then the timesheet's.
    let direct: Vec<(String, i64)> = report["current"]["hours"][1]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, i64)> = [
        (Recorded::IndividualMeetings, 1378 * 60 + 30),
        (Recorded::Groups, 221 * 60 + 30),
        (Recorded::Dropins, 5 * 60),
        (Recorded::Accompaniments, 164 * 60),
        (Recorded::DesignatedCentre, 94 * 60),
    ]
    .iter()
    .map(|(r, m)| (r.labels().0.to_owned(), *m))
    .chain([
        ("Supervisions de groupe".to_owned(), 436 * 60),
        ("Supervisions individuelles".to_owned(), 79 * 60),
        ("Rencontres d'intervention".to_owned(), 110 * 60),
    ])
    .collect();
    assert_eq!(direct, expected);
    // The hours page's totals are the report's.
    let totals = areas(format!(
        "/api/v1/hours/totals?from={}&to={}",
        year.first, year.last
    ))
    .await;
    let page_areas: Vec<(String, i64)> = totals["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["area"].as_str().unwrap().to_owned(),
                a["minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(page_areas, area_minutes(&report));

    // Nothing is counted twice: the same hours typed on the timesheet as well, on a category
    // the records carry, are refused at the field, through the API and the page, and the
    // totals do not move.
    let all = s.store.hour_categories(org.id, true).await.unwrap();
    let individual = all
        .iter()
        .find(|c| c.recorded == Some(Recorded::IndividualMeetings))
        .unwrap()
        .id;
    let writer = s.token(&coordinator, Scope::Write).await;
    let (status, problem) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [{ "category_id": individual, "day": year.first + chrono::Days::new(2), "minutes": 90 }] }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("entries.category_id")),
        "{problem}"
    );
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("viennent des dossiers"),
        "{problem}"
    );
    let err = s
        .store
        .log_hours(
            &reader,
            &[havre_store::hours::NewEntry {
                category_id: individual,
                day: year.first + chrono::Days::new(2),
                minutes: 90,
            }],
        )
        .await
        .unwrap_err();
    assert!(matches!(err, havre_store::StoreError::Invalid(_)));
    // The category is not even offered on the timesheet, nor can it be retired.
    let (client, _) = s.login("coord@coeur.example").await;
    let sheet = s.html(&client, "/hours").await;
    assert!(!sheet.contains(&individual.to_string()));
    assert!(
        s.store
            .set_hour_category_retired(&reader_of(&org, &admin), individual, true)
            .await
            .is_err()
    );
    assert_eq!(
        area_minutes(&areas(report_path).await),
        area_minutes(&report)
    );
}

/// The CSV files of an archive: (name, text without its byte-order mark).
fn csv_files(archive: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            let text = text.strip_prefix('\u{FEFF}').expect("a byte-order mark");
            (file.name().to_owned(), text.to_owned())
        })
        .collect()
}

fn csv_records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A CSV field as a number, when it is a plain one in the language's decimal separator.
fn number(field: &str, lang: Lang) -> Option<f64> {
    let plain = field.strip_prefix('-').unwrap_or(field);
    let separator = if lang == Lang::Fr { ',' } else { '.' };
    let ok = !plain.is_empty()
        && plain.chars().all(|c| c.is_ascii_digit() || c == separator)
        && plain.matches(separator).count() <= 1
        && !plain.starts_with(separator)
        && !plain.ends_with(separator);
    ok.then(|| field.replace(',', ".").parse().unwrap())
}

/// Every table of the publishable JSON, found in its sheet of the workbook (the sections'
/// sheets in order, each table under its title and its columns' titles): every figure is a
/// number of the same value, hours a duration, every hidden or withheld figure words.
/// Returns how many figures and markers it compared.
fn workbook_holds(xlsx: Vec<u8>, sections: &Value) -> (usize, usize) {
    use calamine::{Data, DataType, Reader as _, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let names = book.sheet_names();
    let sections = sections.as_array().unwrap();
    assert_eq!(names.len(), sections.len());
    let (mut figures, mut markers) = (0, 0);
    for (name, section) in names.iter().zip(sections) {
        let sheet = book.worksheet_range(name).unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        let mut from = 0;
        for table in section["tables"].as_array().unwrap() {
            let title = table["title"].as_str().unwrap();
            let first_column = table["columns"][0].as_str().unwrap();
            let at = (from..rows.len().saturating_sub(1))
                .find(|&i| {
                    rows[i][0].get_string() == Some(title)
                        && rows[i + 1][0].get_string() == Some(first_column)
                })
                .unwrap_or_else(|| panic!("{title} in the sheet {name}"));
            let lines = table["rows"].as_array().unwrap();
            let total = table.get("total").filter(|t| !t.is_null());
            for (k, cells) in lines.iter().chain(total).enumerate() {
                let row = rows[at + 2 + k];
                for (col, cell) in cells.as_array().unwrap().iter().enumerate() {
                    let got = &row[col];
                    let value = &cell["value"];
                    let fraction = |v: &Value| v.as_f64().unwrap() / 100.0;
                    let expected = match cell["type"].as_str().unwrap() {
                        "count" | "number" | "difference" | "days" => value.as_f64(),
                        "percent" | "money" => Some(fraction(value)),
                        "share" => Some(fraction(&value[0])),
                        "change" if !value.is_null() => Some(fraction(value)),
                        "minutes" => {
                            let minutes = got
                                .get_datetime()
                                .filter(|d| d.is_duration())
                                .map(|d| (d.as_f64() * 1440.0).round());
                            assert_eq!(minutes, value.as_f64(), "{title}: {got:?}");
                            figures += 1;
                            continue;
                        }
                        "text" => {
                            assert_eq!(got.get_string(), value.as_str(), "{title}");
                            continue;
                        }
                        "empty" => {
                            assert_eq!(got, &Data::Empty, "{title}");
                            continue;
                        }
                        marker => {
                            let text = match marker {
                                "hidden" => "< 5",
                                "withheld" => "x",
                                _ => "—",
                            };
                            assert_eq!(got.get_string(), Some(text), "{title}: {cell}");
                            markers += 1;
                            continue;
                        }
                    };
                    match (got, expected) {
                        (Data::Float(n), Some(e)) if (n - e).abs() < 1e-9 => figures += 1,
                        _ => panic!("{title}: {cell} written as {got:?}"),
                    }
                }
            }
            from = at + 2;
        }
    }
    (figures, markers)
}

/// LibreOffice, when it is here: its program and a profile of its own in `dir`.
fn libreoffice(dir: &std::path::Path) -> Option<std::process::Command> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join("soffice").is_file()))
        .unwrap_or(false);
    if !found {
        havre_store::testing::missing(
            "LibreOffice's soffice is not on PATH (Debian: apt-get install libreoffice-calc-nogui)",
        );
        return None;
    }
    let mut soffice = std::process::Command::new("soffice");
    soffice
        .env("HOME", dir)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--norestore"]);
    Some(soffice)
}

/// Converts the CSV files of archives to XLSX with LibreOffice's CSV import set as a
/// spreadsheet in this language would be (its field separator, its decimal separator), in
/// one run: for each archive, (name, CSV text, the workbook LibreOffice wrote).
type Converted = Vec<(String, String, Vec<u8>)>;
fn convert(
    dir: &std::path::Path,
    archives: &[(&str, &[u8])],
    lang: Lang,
) -> Option<Vec<Converted>> {
    let (separator, locale) = match lang {
        // Semicolon, and the language identifier of French (Canada); comma and English
        // (Canada).
        Lang::Fr => (59, 3084),
        // French (France).
        Lang::FrFr => (59, 1036),
        Lang::En => (44, 4105),
    };
    let input = dir.join(format!("{}-csv", lang.code()));
    let output = dir.join(format!("{}-xlsx", lang.code()));
    std::fs::create_dir_all(&input).unwrap();
    let mut paths = Vec::new();
    let files: Vec<(&str, Vec<(String, String)>)> = archives
        .iter()
        .map(|(prefix, archive)| (*prefix, csv_files(archive)))
        .collect();
    for (prefix, files) in &files {
        for (name, text) in files {
            let path = input.join(format!("{prefix}-{name}"));
            std::fs::write(&path, format!("\u{FEFF}{text}")).unwrap();
            paths.push(path);
        }
    }
    let mut soffice = libreoffice(dir)?;
    // Field separator, text delimiter ("), UTF-8, from line 1, no column types, the
    // language, quoted fields not forced to text, no special numbers detected: only plain
    // numbers (and ISO dates) become numbers.
    let run = soffice
        .arg(format!(
            "--infilter=Text - txt - csv (StarCalc):{separator},34,76,1,,{locale},false,false"
        ))
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(&output)
        .args(&paths)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    Some(
        files
            .into_iter()
            .map(|(prefix, files)| {
                files
                    .into_iter()
                    .map(|(name, text)| {
                        let converted =
                            output.join(format!("{prefix}-{}", name.replace(".csv", ".xlsx")));
                        let bytes = std::fs::read(&converted)
                            .unwrap_or_else(|e| panic!("{}: {e} ({run:?})", converted.display()));
                        (name, text, bytes)
                    })
                    .collect()
            })
            .collect(),
    )
}

/// The cells of the first sheet of a workbook.
fn first_sheet(xlsx: Vec<u8>) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader as _, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet.rows().map(<[_]>::to_vec).collect()
}

/// The CSV archives opened by LibreOffice: in French and in English, every plain number of
/// a file is a number in the spreadsheet and every other field words, and every column of a
/// table with a total line adds up to it (decimal hours to the hundredth of each line);
/// published, the hidden and withheld figures stay words, never 0.
fn spreadsheet_reads_the_csv_files(french: &[u8], english: &[u8], published: &[u8]) {
    use calamine::{Data, DataType};
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let Some(mut french) = convert(
        dir.path(),
        &[("full", french), ("published", published)],
        Lang::Fr,
    ) else {
        return;
    };
    let (published, converted) = (french.pop().unwrap(), french.pop().unwrap());
    let english = convert(dir.path(), &[("full", english)], Lang::En)
        .unwrap()
        .remove(0);
    eprintln!(
        "LibreOffice converted the CSV files in {:?}",
        started.elapsed()
    );
    let mut sums = 0;
    for (lang, files) in [(Lang::Fr, &converted), (Lang::En, &english)] {
        let delimiter = if lang == Lang::Fr { b';' } else { b',' };
        for (name, text, xlsx) in files {
            let records = csv_records(text, delimiter);
            let sheet = first_sheet(xlsx.clone());
            assert_eq!(sheet.len(), records.len(), "{name}");
            for (record, row) in records.iter().zip(&sheet) {
                for (col, field) in record.iter().enumerate() {
                    let got = row.get(col).unwrap_or(&Data::Empty);
                    match number(field, lang) {
                        Some(n) => assert!(
                            matches!(got, Data::Float(v) if (v - n).abs() < 1e-9),
                            "{name}: {field} read as {got:?}"
                        ),
                        None if field.is_empty() => assert_eq!(got, &Data::Empty, "{name}"),
                        // A group's first day: a date is a date.
                        None if chrono::NaiveDate::parse_from_str(field, "%Y-%m-%d").is_ok() => {
                            assert!(got.is_datetime(), "{name}: {field} read as {got:?}")
                        }
                        // This year's tables hold no words with digits beyond their first
                        // column: a figure there that is words was misread.
                        None if col > 0 && field.contains(|c: char| c.is_ascii_digit()) => {
                            panic!("{name}: the figure {field} read as {got:?}")
                        }
                        None => assert!(
                            matches!(got, Data::String(_)),
                            "{name}: {field} read as {got:?}"
                        ),
                    }
                }
            }
            // The columns of the lines add up to the total line.
            let Some(total) = sheet
                .last()
                .filter(|r| r[0] == Data::String("Total".into()))
            else {
                continue;
            };
            let lines = &sheet[1..sheet.len() - 1];
            for (col, expected) in total.iter().enumerate().skip(1) {
                let Data::Float(expected) = expected else {
                    continue;
                };
                let values: Vec<f64> = lines
                    .iter()
                    .map(|l| match &l[col] {
                        Data::Float(v) => *v,
                        Data::Empty => 0.0,
                        other => panic!("{name}: {other:?} in a column with a total"),
                    })
                    .collect();
                let sum: f64 = values.iter().sum();
                // Decimal hours are to the hundredth: each line may be half of one off.
                let rounding = 0.005 * (values.len() + 1) as f64;
                assert!(
                    (sum - expected).abs() <= rounding,
                    "{name}, column {col}: {sum} for a total of {expected}"
                );
                sums += 1;
            }
            if name.ends_with("-individual-individual.csv") {
                assert_eq!(
                    (&total[11], &total[12]),
                    (&Data::Float(1378.5), &Data::Float(82_710.0)),
                    "{name}: 1 378 h 30"
                );
            }
        }
    }
    assert!(sums > 20, "{sums} columns added up");
    let (_, text, _) = english
        .iter()
        .find(|(name, ..)| name.ends_with("-individual-individual.csv"))
        .unwrap();
    assert_eq!(
        csv_records(text, b',')[0][3..5],
        ["Length (hours)", "Length (minutes)"]
    );
    // Published: what is hidden or withheld is words in the spreadsheet, and stays out of
    // a sum.
    let mut markers = 0;
    for (name, text, xlsx) in published {
        let sheet = first_sheet(xlsx);
        for (record, row) in csv_records(&text, b';').iter().zip(&sheet) {
            for (field, got) in record.iter().zip(row) {
                if field == "< 5" || field == "x" {
                    assert_eq!(got, &Data::String(field.clone()), "{name}");
                    markers += 1;
                }
            }
        }
    }
    assert!(markers > 0, "the published files hide some figures");
}
