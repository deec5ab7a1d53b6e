//! The activity report, on both engines: a year of activity whose figures are known in advance
//! (the seed report's individual-intervention table among them) comes out exactly.

mod common;

use common::*;
use havre_domain::meetings::{MeetingKind, MeetingTime, PlaceKind};
use havre_domain::policy::Role;
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
type Met = (uuid::Uuid, Option<uuid::Uuid>);

/// A help request received on a day, for an adult or a teenager: (request, person).
async fn request(
    s: &TestServer,
    org: &Organization,
    name: &str,
    received_at: chrono::DateTime<chrono::Utc>,
    teenager: bool,
) -> uuid::Uuid {
    use havre_domain::lists::ListKind;
    let value = |kind: ListKind, i: usize| {
        let store = s.store.clone();
        let org = org.id;
        async move { store.list_values(org, kind, false).await.unwrap()[i].id }
    };
    let new = havre_store::intake::NewHelpRequest {
        received_at,
        channel: havre_domain::intake::Channel::Phone,
        voluntary: true,
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
        .unwrap()
        .person_id
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
    };
    // Last reporting year, whole and past.
    let today = s.store.now().with_timezone(&chrono::Local).date_naive();
    let year = Period::reporting_year(today).previous().unwrap();
    let at = |day: chrono::NaiveDate, offset: i64| {
        use chrono::TimeZone;
        let day = day + chrono::Days::new(offset as u64);
        chrono::Local
            .from_local_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&chrono::Utc)
    };

    // 118 persons: P0..P93 adults, P94..P117 teenagers.
    let mut persons = Vec::new();
    for i in 0..118 {
        persons.push(
            request(
                &s,
                &org,
                &format!("Personne {i}"),
                at(year.first, 1),
                i >= 94,
            )
            .await,
        );
    }
    // Thirteen relatives, one for each of P0..P12.
    let mut relatives = Vec::new();
    for person in &persons[..13] {
        relatives.push(
            s.store
                .add_relative(&reader, *person, "Proche", "parent")
                .await
                .unwrap(),
        );
    }
    // The meetings of each row, as (person, relative) pairs, in the seed's numbers.
    let repeat = |who: &[uuid::Uuid], times: &dyn Fn(usize) -> usize| {
        who.iter()
            .enumerate()
            .flat_map(|(i, p)| std::iter::repeat_n(*p, times(i)))
            .collect::<Vec<_>>()
    };
    let first_meetings = repeat(&persons, &|i| if i < 11 { 2 } else { 1 });
    let emergencies = repeat(&persons[..61], &|i| if i < 20 { 3 } else { 2 });
    let women = repeat(&persons[..57], &|i| if i < 34 { 9 } else { 8 });
    let teenagers = repeat(&persons[94..], &|i| if i < 22 { 5 } else { 4 });
    let support: Vec<(uuid::Uuid, uuid::Uuid)> = (0..13)
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
                    &reader,
                    *person,
                    NewMeeting {
                        kind: *kind,
                        held_at: at(year.first, day),
                        place: PlaceKind::Centre,
                        place_id: None,
                        time: time_of(i as i64, n, *total),
                        staff: vec![coordinator.id],
                        relative_id: *relative,
                        over_limit_reason: None,
                    },
                )
                .await
                .unwrap();
            day = 2 + (day - 1) % 360;
        }
    }
    // Hours on a category whose name a spreadsheet would take for a formula.
    let admin = s
        .user(&org, "admin@coeur.example", &[Role::Administrator])
        .await;
    let admin_reader = Reader {
        actor: havre_store::Actor::operator(),
        organization_id: org.id,
        user_id: admin.id,
        roles: admin.roles.clone(),
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
    let earlier = request(&s, &org, "Personne d'avant", at(before.first, 1), false).await;
    s.store
        .record_meeting(
            &reader,
            earlier,
            NewMeeting {
                kind: MeetingKind::FirstMeeting,
                held_at: at(before.first, 5),
                place: PlaceKind::Phone,
                place_id: None,
                time: MeetingTime {
                    duration: 45,
                    ..Default::default()
                },
                staff: vec![coordinator.id],
                relative_id: None,
                over_limit_reason: None,
            },
        )
        .await
        .unwrap();

    // The JSON, in French.
    let token = s.token(&coordinator, Scope::Read).await;
    let get = |path: String, token: String| {
        let url = s.url(&path);
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .header("accept-language", "fr-CA")
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
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
    let download = |format: &str| {
        let url = s.url(&format!(
            "/api/v1/reports/activity?from={}&to={}&format={format}",
            year.first, year.last
        ));
        let token = token.clone();
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
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
        assert_eq!(book.sheet_names().len(), 10, "one sheet per section");
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
        let total = rows
            .iter()
            .find(|r| r[0].get_string() == Some("Total"))
            .unwrap();
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
    // The CSV archive: one file per table, the same figures, no cell a spreadsheet would run.
    let (_, archive) = download("csv").await;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut found_individual = false;
    let mut found_formula = false;
    for i in 0..zip.len() {
        use std::io::Read;
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let text = text.strip_prefix('\u{FEFF}').expect("a byte-order mark");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.unwrap();
            for cell in record.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{name}: {cell} could run as a formula"
                );
                found_formula |= cell == "'=HYPERLINK(\"http://exemple.test\")";
            }
            if name.ends_with("-individual-individual.csv") && &record[0] == "Premières rencontres"
            {
                found_individual = true;
                assert_eq!(
                    (&record[1], &record[2], &record[7]),
                    ("118", "129", "215 h 30")
                );
            }
        }
    }
    assert!(found_individual && found_formula);
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
    assert_eq!(
        exported, 7,
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
    let today = s.store.now().with_timezone(&chrono::Local).date_naive();
    let year = Period::reporting_year(today).previous().unwrap();
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
    let html = client
        .get(s.url(&format!("/reports?from={}&to={}", year.first, year.last)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
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
    let other = client
        .get(s.url("/reports"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
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
