//! Housing on both engines (docs/housing.md): the figures a second-stage shelter reports, counted
//! from raw stays; the secret address, read only by its house's team; the length of stays and
//! the coordinator's extension; capacity and the dated inventory; bed nights in the
//! organization's clock.

use crate::common::*;
use chrono::{NaiveDate, TimeZone, Utc};
use havre_domain::policy::Role;
use havre_store::organizations::{Organization, OrganizationKind};
use havre_store::testing::Engine;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, OnceLock};

crate::on_both_engines!(
    the_alliance_sentence_from_raw_stays,
    a_secret_address_is_read_by_its_house_team_only,
    stays_are_warned_extended_and_kept_within_capacity,
    bed_nights_split_at_the_year_end_in_the_organization_clock,
    a_request_for_a_place_is_met_from_the_house_page,
);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A house with `n` units of one kind, opened on `opened_on`.
async fn units(
    s: &TestServer,
    token: &str,
    house: &str,
    kind: &str,
    n: usize,
    opened_on: NaiveDate,
) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let body = if kind == "room" {
            json!({ "name": format!("Chambre {i}"), "kind": "room", "places": 1, "opened_on": opened_on })
        } else {
            json!({ "name": format!("App. {i}"), "kind": "apartment", "bedrooms": 2, "places": 4, "opened_on": opened_on })
        };
        ids.push(id_of(s, token, &format!("/api/v1/houses/{house}/units"), body).await);
    }
    ids
}

async fn stay(
    s: &TestServer,
    token: &str,
    unit: &str,
    name: &str,
    entered_on: NaiveDate,
    exited_on: Option<NaiveDate>,
    children: &[u8],
) -> String {
    let id = id_of(
        s,
        token,
        "/api/v1/stays",
        json!({ "unit_id": unit, "name": name, "entered_on": entered_on, "children": children }),
    )
    .await;
    if let Some(e) = exited_on {
        ok(
            s,
            token,
            "POST",
            &format!("/api/v1/stays/{id}/exit"),
            json!({ "exited_on": e, "destination": "social_housing" }),
            204,
        )
        .await;
    }
    id
}

/// The Alliance's 2018-2019 report: "119 logements et 16 chambres ont hébergé 203 femmes et 258
/// enfants … 461 personnes … une augmentation de 16 %", from stays entered one by one. Five rooms
/// closed before the year began: 21 rooms in the inventory, 16 in service.
async fn the_alliance_sentence_from_raw_stays(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Maisons de l'Alliance").await else {
        return;
    };
    let (_, coordinator) = s
        .member(&org, "coord@alliance.example", &[Role::Coordinator])
        .await;
    let house = id_of(
        &s,
        &coordinator,
        "/api/v1/houses",
        json!({ "name": "Maison des Érables", "region": "Capitale-Nationale" }),
    )
    .await;
    let opened = d(2015, 1, 1);
    let apartments = units(&s, &coordinator, &house, "apartment", 119, opened).await;
    let rooms = units(&s, &coordinator, &house, "room", 21, opened).await;

    // 2017-2018: every apartment housed a woman with two or three children (100 × 2 + 19 × 3 =
    // 257), every room a woman alone: 140 women, 397 persons. Five rooms then closed.
    for (i, unit) in apartments.iter().enumerate() {
        let children: &[u8] = if i < 19 { &[2, 6, 11] } else { &[4, 9] };
        let name = format!("Femme A{i}");
        stay(
            &s,
            &coordinator,
            unit,
            &name,
            d(2017, 5, 1),
            Some(d(2018, 3, 31)),
            children,
        )
        .await;
    }
    for (i, unit) in rooms.iter().enumerate() {
        let name = format!("Femme B{i}");
        stay(
            &s,
            &coordinator,
            unit,
            &name,
            d(2017, 6, 1),
            Some(d(2018, 1, 15)),
            &[],
        )
        .await;
    }
    for unit in &rooms[16..] {
        ok(
            &s,
            &coordinator,
            "POST",
            &format!("/api/v1/units/{unit}/close"),
            json!({ "closed_on": d(2018, 2, 1) }),
            204,
        )
        .await;
    }

    // 2018-2019: 119 apartments, 68 of them twice, house 187 women with 258 children (71 × 2
    // + 48 × 1 + 68 × 1); 16 rooms house 16 women alone.
    let mut women = 0;
    for (i, unit) in apartments.iter().enumerate() {
        let children: &[u8] = if i < 71 { &[1, 8] } else { &[5] };
        women += 1;
        stay(
            &s,
            &coordinator,
            unit,
            &format!("Femme C{i}"),
            d(2018, 4, 10),
            Some(d(2018, 10, 1)),
            children,
        )
        .await;
        if i < 68 {
            women += 1;
            stay(
                &s,
                &coordinator,
                unit,
                &format!("Femme D{i}"),
                d(2018, 10, 15),
                None,
                &[3],
            )
            .await;
        }
    }
    for (i, unit) in rooms[..16].iter().enumerate() {
        women += 1;
        stay(
            &s,
            &coordinator,
            unit,
            &format!("Femme E{i}"),
            d(2018, 5, 1),
            Some(d(2019, 1, 15)),
            &[],
        )
        .await;
    }
    assert_eq!(women, 203);

    let figures = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/housing/figures?from=2018-04-01&to=2019-03-31",
        json!(null),
        200,
    )
    .await;
    let c = &figures["current"];
    let p = &figures["previous"];
    let line = format!(
        "{} logements et {} chambres ont hébergé {} femmes et {} enfants, {} personnes ({} l'année d'avant, {} chambres alors) : {:+} %",
        c["apartments"]["units"],
        c["rooms"]["units"],
        c["women"],
        c["children"],
        c["persons"],
        p["persons"],
        p["rooms"]["units"],
        figures["persons_change_percent"].as_i64().unwrap(),
    );
    insta::assert_snapshot!(line, @"119 logements et 16 chambres ont hébergé 203 femmes et 258 enfants, 461 personnes (397 l'année d'avant, 21 chambres alors) : +16 %");

    // The figures page says it in one sentence, as the report will.
    let (client, _) = s.login("coord@alliance.example").await;
    let page = s
        .html(&client, "/housing/figures?from=2018-04-01&to=2019-03-31")
        .await;
    let summary = extract(&page, "<p id=\"summary\">", "</p>")
        .unwrap()
        .replace("&#39;", "'");
    insta::assert_snapshot!(summary, @"119 logements et 16 chambres ont hébergé 203 femmes et 258 enfants, soit 461 personnes, une augmentation de 16 % par rapport à l'année précédente.");
    // The activity report opens with the same figures and the same sentence, published too.
    let report = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/reports/activity?from=2018-04-01&to=2019-03-31",
        json!(null),
        200,
    )
    .await;
    assert_eq!(report["current"]["housing"], figures["current"]);
    assert_eq!(report["previous"]["housing"], figures["previous"]);
    let published = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/reports/activity?from=2018-04-01&to=2019-03-31&publishable=true",
        json!(null),
        200,
    )
    .await;
    let housing = &published["sections"][0];
    assert_eq!(housing["key"], "housing");
    assert_eq!(housing["lead"].as_str().unwrap(), summary);
    let page = s
        .html(&client, "/reports?from=2018-04-01&to=2019-03-31")
        .await;
    assert!(page.contains(&format!(
        "<p class=\"lead\" id=\"lead-housing\">{}</p>",
        summary.replace('\'', "&#39;")
    )));
}

/// A staff member of another house, a coordinator who works in no house, a board member and a
/// network analyst never read a secret address: not in a list, a house's page, the API, the
/// figures, the audit log, the report or the server's log. Its own team reads it, and the read
/// is audited.
async fn a_secret_address_is_read_by_its_house_team_only(engine: Engine) {
    const ADDRESS: &str = "4521, rue des Pruches-Cachées";
    let log = server_log();
    let Some((s, org)) = TestServer::centre(engine, "Maison Mon Palier").await else {
        return;
    };
    let (_, lead) = s
        .member(&org, "resp@palier.example", &[Role::ServiceAreaLead])
        .await;
    let (a_worker, a_token) = s
        .member(&org, "a@palier.example", &[Role::Caseworker])
        .await;
    let (b_worker, b_token) = s
        .member(&org, "b@palier.example", &[Role::Caseworker])
        .await;
    let (_, coordinator) = s
        .member(&org, "coord@palier.example", &[Role::Coordinator])
        .await;
    let (_, board) = s
        .member(&org, "ca@palier.example", &[Role::BoardMember])
        .await;
    let (_, admin) = s
        .member(&org, "admin@palier.example", &[Role::Administrator])
        .await;
    let network = s
        .organization("Regroupement des maisons", OrganizationKind::Network, false)
        .await;
    let (_, analyst) = s
        .member(&network, "analyste@reseau.example", &[Role::NetworkAnalyst])
        .await;

    let secret = id_of(
        &s,
        &lead,
        "/api/v1/houses",
        json!({ "name": "Maison A", "address": ADDRESS, "address_secret": true }),
    )
    .await;
    let open = id_of(
        &s,
        &lead,
        "/api/v1/houses",
        json!({ "name": "Maison B", "address": "10, rue Publique" }),
    )
    .await;
    ok(
        &s,
        &lead,
        "PUT",
        &format!("/api/v1/houses/{secret}/staff"),
        json!({ "staff": [a_worker.id] }),
        204,
    )
    .await;
    ok(
        &s,
        &lead,
        "PUT",
        &format!("/api/v1/houses/{open}/staff"),
        json!({ "staff": [b_worker.id] }),
        204,
    )
    .await;
    let unit = units(&s, &lead, &secret, "apartment", 1, d(2024, 1, 1))
        .await
        .remove(0);
    stay(
        &s,
        &a_token,
        &unit,
        "Amina Résidente",
        d(2024, 2, 1),
        None,
        &[3],
    )
    .await;

    // Its own team reads it; the read is in the audit log, the address is not.
    let read = ok(
        &s,
        &a_token,
        "GET",
        &format!("/api/v1/houses/{secret}/address"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(read["address"], ADDRESS);
    let audit = ok(&s, &admin, "GET", "/api/v1/audit", json!(null), 200).await;
    assert!(
        audit.to_string().contains("housing.address_read"),
        "the read is audited"
    );

    // Everyone else: refused, and the address nowhere in what they get.
    let mut seen = Vec::new();
    for (who, token) in [
        ("b", &b_token),
        ("coordinator", &coordinator),
        ("board", &board),
        ("analyst", &analyst),
    ] {
        let (status, _) = call(
            &s,
            token,
            "GET",
            &format!("/api/v1/houses/{secret}/address"),
            json!(null),
        )
        .await;
        seen.push(format!("{who}: address {status}"));
        for path in [
            "/api/v1/houses".to_owned(),
            format!("/api/v1/houses/{secret}"),
            format!("/api/v1/houses/{open}"),
            "/api/v1/housing/figures".to_owned(),
            "/api/v1/housing/snapshot".to_owned(),
            "/api/v1/housing/requests".to_owned(),
            "/api/v1/reports/activity".to_owned(),
            "/api/v1/reports/activity?publishable=true".to_owned(),
        ] {
            let (_, body) = call(&s, token, "GET", &path, json!(null)).await;
            assert!(
                !body.to_string().contains("Pruches"),
                "{who} {path}: {body}"
            );
        }
    }
    insta::assert_snapshot!(seen.join("\n"), @r"
    b: address 403
    coordinator: address 403
    board: address 403
    analyst: address 403
    ");
    // The house B team reads its own address, which is not secret, and the house A page
    // without the residents of A.
    let b_open = ok(
        &s,
        &b_token,
        "GET",
        &format!("/api/v1/houses/{open}/address"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(b_open["address"], "10, rue Publique");
    let a_page = ok(
        &s,
        &b_token,
        "GET",
        &format!("/api/v1/houses/{secret}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        a_page["stays"],
        Value::Null,
        "another house's team does not see its residents"
    );
    // The coordinator sees the residents, not the address.
    let c_page = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/houses/{secret}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(c_page["stays"][0]["name"], "Amina Résidente");
    // Her stay on its own: the coordinator reads it; the other house's team does not.
    let stay_id = c_page["stays"][0]["id"].as_str().unwrap().to_owned();
    let one = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/stays/{stay_id}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(one["stay"]["name"], "Amina Résidente");
    assert!(!one.to_string().contains("Pruches"));
    let (status, _) = call(
        &s,
        &b_token,
        "GET",
        &format!("/api/v1/stays/{stay_id}"),
        json!(null),
    )
    .await;
    assert_eq!(status, 403, "another house's team does not read her stay");
    // The audit log, read whole by the administrator, never holds it.
    let audit = ok(&s, &admin, "GET", "/api/v1/audit", json!(null), 200).await;
    assert!(!audit.to_string().contains("Pruches"));
    // Another organization's house is not found, as a missing one: never its zeros.
    let elsewhere = s
        .organization("Maison d'ailleurs", OrganizationKind::Centre, false)
        .await;
    let (_, their_coordinator) = s
        .member(&elsewhere, "coord@ailleurs.example", &[Role::Coordinator])
        .await;
    let theirs = id_of(
        &s,
        &their_coordinator,
        "/api/v1/houses",
        json!({ "name": "Maison d'ailleurs" }),
    )
    .await;
    for path in ["figures", "snapshot"] {
        let (status, _) = call(
            &s,
            &coordinator,
            "GET",
            &format!("/api/v1/housing/{path}?house={theirs}"),
            json!(null),
        )
        .await;
        assert_eq!(status, 404, "{path}");
    }
    // Nor the report's files, which do hold the housing section.
    let files = exports(&s, &coordinator, "").await;
    assert!(files.contains("Hébergement") && files.contains("Personnes hébergées"));
    assert!(!files.contains("Pruches"), "the address is in no export");
    // Nor does the database outside its sealed column.
    assert_sealed(&s, ADDRESS).await;
    // Nor the server's log, at its most detailed (the database driver's statements are never
    // logged: the store turns them off).
    let log = String::from_utf8_lossy(&log.lock().unwrap()).into_owned();
    assert!(log.contains("m0017_housing"), "the log was captured");
    assert!(
        !log.contains("Pruches"),
        "the address is not in the server's log"
    );
}

/// The text of the activity report's files for the reporting year (PDF, XLSX, the CSV archive)
/// as the coordinator downloads them with `query`: what a reader of each would see.
async fn exports(s: &TestServer, token: &str, query: &str) -> String {
    let mut text = String::new();
    for format in ["csv", "xlsx", "pdf"] {
        let bytes = reqwest::Client::new()
            .get(s.url(&format!("/api/v1/reports/activity?format={format}{query}")))
            .bearer_auth(token)
            .header("accept-language", "fr-CA")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec();
        match format {
            "csv" => {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                for i in 0..zip.len() {
                    let mut file = zip.by_index(i).unwrap();
                    text.push_str(file.name());
                    std::io::Read::read_to_string(&mut file, &mut text).unwrap();
                }
            }
            "xlsx" => {
                use calamine::{Reader as _, Xlsx};
                let mut book: Xlsx<_> =
                    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
                for name in book.sheet_names() {
                    text.push_str(&name);
                    for row in book.worksheet_range(&name).unwrap().rows() {
                        for cell in row {
                            text.push_str(&cell.to_string());
                            text.push('\n');
                        }
                    }
                }
            }
            _ => {
                let dir = tempfile::tempdir().unwrap();
                let file = dir.path().join("rapport.pdf");
                std::fs::write(&file, &bytes).unwrap();
                match std::process::Command::new("pdftotext")
                    .arg(&file)
                    .arg("-")
                    .output()
                {
                    Ok(out) => text.push_str(&String::from_utf8_lossy(&out.stdout)),
                    Err(_) => {
                        havre_store::testing::missing("pdftotext (poppler-utils) is not on PATH")
                    }
                }
            }
        }
    }
    text
}

/// Everything the servers of this test binary log from the first call on, at the most
/// detailed level of Havre's crates, the HTTP layer and the database layer.
fn server_log() -> Arc<Mutex<Vec<u8>>> {
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        // Some libraries log through `log`: `try_init` forwards it too.
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "havre=trace,havre_web=trace,havre_store=trace,havre_report=trace,tower_http=trace,sqlx=trace,sea_orm=trace",
            ))
            .with_writer(move || Sink(sink.clone()))
            .with_ansi(false)
            .try_init()
            .expect("the only subscriber");
        log
    })
    .clone()
}

/// The address is sealed: no column of the houses table holds it in clear.
async fn assert_sealed(s: &TestServer, address: &str) {
    use sea_orm::EntityTrait;
    for h in havre_store::entity::house::Entity::find()
        .all(s.store.db())
        .await
        .unwrap()
    {
        let row = serde_json::to_string(&h).unwrap();
        assert!(!row.contains(address) && !row.contains("Pruches"), "{row}");
    }
}

/// Moves the test clock to an instant.
async fn house_with_apartment(
    s: &TestServer,
    token: &str,
    places: i32,
    opened_on: NaiveDate,
) -> (String, String) {
    let house = id_of(
        s,
        token,
        "/api/v1/houses",
        json!({ "name": "Maison du Tournant" }),
    )
    .await;
    let unit = id_of(
        s,
        token,
        &format!("/api/v1/houses/{house}/units"),
        json!({ "name": "App. 1", "kind": "apartment", "bedrooms": 2, "places": places, "opened_on": opened_on }),
    )
    .await;
    (house, unit)
}

/// Two years a house allows: the page warns from three months before; the coordinator extends,
/// with a reason; a unit's places are never exceeded; a unit out of service or closed takes no
/// stay, and its inventory keeps its history.
async fn stays_are_warned_extended_and_kept_within_capacity(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Maison du Tournant").await else {
        return;
    };
    s.set_clock(Utc.with_ymd_and_hms(2026, 6, 1, 16, 0, 0).unwrap());
    let (_, coordinator) = s
        .member(&org, "coord@tournant.example", &[Role::Coordinator])
        .await;
    let (_, worker) = s
        .member(&org, "inter@tournant.example", &[Role::Caseworker])
        .await;
    let (house, unit) = house_with_apartment(&s, &coordinator, 3, d(2023, 1, 1)).await;

    // A woman with two children fills the three places; nobody else fits.
    let first = stay(
        &s,
        &coordinator,
        &unit,
        "Rose Première",
        d(2024, 8, 15),
        None,
        &[4, 7],
    )
    .await;
    let before = audit_entries(&s).await;
    let (status, problem) = call(
        &s,
        &coordinator,
        "POST",
        "/api/v1/stays",
        json!({ "unit_id": unit, "name": "Lina Seconde", "entered_on": d(2026, 5, 1) }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"unit_id: Les places de cette unité sont déjà occupées à ces dates : choisissez une autre unité.");
    assert_eq!(
        audit_entries(&s).await,
        before,
        "a refused admission writes nothing"
    );

    // 22 months in: the limit of 24 months is 2 months away.
    let page = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/houses/{house}"),
        json!(null),
        200,
    )
    .await;
    insta::assert_json_snapshot!(page["stays"][0]["warning"], @r#"
    {
      "kind": "approaching",
      "limit_on": "2026-08-15"
    }
    "#);
    // A caseworker may not extend; the coordinator may, with a reason.
    let path = format!("/api/v1/stays/{first}/extensions");
    let (status, _) = call(
        &s,
        &worker,
        "POST",
        &path,
        json!({ "until_on": d(2027, 2, 15), "reason": "Logement social promis en janvier" }),
    )
    .await;
    assert_eq!(status, 403);
    let (status, problem) = call(
        &s,
        &coordinator,
        "POST",
        &path,
        json!({ "until_on": d(2027, 2, 15), "reason": " " }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"reason: Ce champ est obligatoire.");
    ok(
        &s,
        &coordinator,
        "POST",
        &path,
        json!({ "until_on": d(2027, 2, 15), "reason": "Logement social promis en janvier" }),
        201,
    )
    .await;
    let page = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/houses/{house}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(page["stays"][0]["warning"], Value::Null);
    assert_eq!(page["stays"][0]["limit_on"], "2027-02-15");
    assert_eq!(
        page["stays"][0]["extensions"][0]["reason"],
        "Logement social promis en janvier"
    );

    // Past the limit without an extension: the page says so.
    let (_, other_unit) = house_with_apartment(&s, &coordinator, 2, d(2023, 1, 1)).await;
    stay(
        &s,
        &coordinator,
        &other_unit,
        "Maude Longue",
        d(2024, 5, 1),
        None,
        &[],
    )
    .await;
    let houses = ok(&s, &coordinator, "GET", "/api/v1/houses", json!(null), 200).await;
    let second = houses
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] != house.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/houses/{second}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        page["stays"][0]["warning"],
        json!({ "kind": "over", "limit_on": "2026-05-01" })
    );

    // The first woman leaves; the unit goes out of service for repairs, then closes.
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/stays/{first}/exit"),
        json!({ "exited_on": d(2026, 5, 31), "destination": "private_housing" }),
        204,
    )
    .await;
    let outage = id_of(
        &s,
        &coordinator,
        &format!("/api/v1/units/{unit}/outages"),
        json!({ "from": d(2026, 6, 10) }),
    )
    .await;
    let (status, problem) = call(
        &s,
        &coordinator,
        "POST",
        "/api/v1/stays",
        json!({ "unit_id": unit, "name": "Lina Seconde", "entered_on": d(2026, 6, 2) }),
    )
    .await;
    assert_eq!(status, 422, "an open-ended stay would meet the repairs");
    insta::assert_snapshot!(said(&problem), @"unit_id: Cette unité n'est pas en service pendant tout le séjour (fermée ou en réparation).");
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/outages/{outage}/back"),
        json!({ "back_on": d(2026, 7, 1) }),
        204,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/units/{unit}/close"),
        json!({ "closed_on": d(2026, 9, 1) }),
        204,
    )
    .await;
    let (status, problem) = call(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/units/{unit}/close"),
        json!({ "closed_on": d(2026, 10, 1) }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"closed_on: Cette unité est déjà fermée.");

    // The inventory keeps every date; the nights in service of 2026-2027 count them.
    let page = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/houses/{house}"),
        json!(null),
        200,
    )
    .await;
    insta::assert_json_snapshot!(page["units"][0]["inventory"], @r#"
    {
      "closed_on": "2026-09-01",
      "opened_on": "2023-01-01",
      "outages": [
        {
          "back_on": "2026-07-01",
          "from": "2026-06-10"
        }
      ]
    }
    "#);
    // In June, the year's nights in service are those so far: April 1 to tonight.
    let in_service = async || {
        ok(
            &s,
            &coordinator,
            "GET",
            &format!("/api/v1/housing/figures?from=2026-04-01&to=2027-03-31&house={house}"),
            json!(null),
            200,
        )
        .await["current"]["apartments"]["unit_nights_in_service"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(in_service().await, 30 + 31 + 1);
    // When the year is over, the whole of it.
    s.set_clock(Utc.with_ymd_and_hms(2027, 4, 5, 16, 0, 0).unwrap());
    let figures = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/housing/figures?from=2026-04-01&to=2027-03-31&house={house}"),
        json!(null),
        200,
    )
    .await;
    // April 1 to August 31 is 153 nights, 21 of them under repair.
    assert_eq!(
        figures["current"]["apartments"]["unit_nights_in_service"],
        153 - 21
    );
}

/// A stay that crosses 31 March splits its nights between the two reporting years, and the
/// stay going on counts up to today on the organization's clock: at 22 h 30 in Montréal on
/// 31 March, it is already 1 April in UTC, and not yet there.
async fn bed_nights_split_at_the_year_end_in_the_organization_clock(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Maison de l'Équinoxe").await else {
        return;
    };
    let org: Organization = org;
    assert_eq!(org.time_zone.name(), "America/Montreal");
    // 2025-04-01 02:30 UTC is 2025-03-31 22:30 in Montréal.
    s.set_clock(Utc.with_ymd_and_hms(2025, 4, 1, 2, 30, 0).unwrap());
    let (_, coordinator) = s
        .member(&org, "coord@equinoxe.example", &[Role::Coordinator])
        .await;
    let (house, unit) = house_with_apartment(&s, &coordinator, 4, d(2024, 1, 1)).await;
    let stay_id = stay(
        &s,
        &coordinator,
        &unit,
        "Nadia Mars",
        d(2025, 3, 20),
        None,
        &[5, 9],
    )
    .await;
    let nights = async |from: &str, to: &str| {
        let f = ok(
            &s,
            &coordinator,
            "GET",
            &format!("/api/v1/housing/figures?from={from}&to={to}&house={house}"),
            json!(null),
            200,
        )
        .await;
        (
            f["current"]["bed_nights"].as_i64().unwrap(),
            f["current"]["unit_nights"].as_i64().unwrap(),
        )
    };
    // March 20 to 31: 12 nights, 3 persons.
    assert_eq!(nights("2024-04-01", "2025-03-31").await, (36, 12));
    assert_eq!(
        nights("2025-04-01", "2026-03-31").await,
        (0, 0),
        "it is still March in Montréal"
    );
    // She leaves on 10 April: 9 nights in April.
    s.clock.advance(chrono::TimeDelta::days(10));
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/stays/{stay_id}/exit"),
        json!({ "exited_on": d(2025, 4, 10), "destination": "with_family" }),
        204,
    )
    .await;
    assert_eq!(nights("2024-04-01", "2025-03-31").await, (36, 12));
    assert_eq!(nights("2025-04-01", "2026-03-31").await, (27, 9));
    let snapshot = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/housing/snapshot?day=2025-04-05&house={house}"),
        json!(null),
        200,
    )
    .await;
    // The report of each year counts her nights in it; published, the family of three is
    // too few to show, and so is the sentence that would name them.
    let published = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/reports/activity?from=2025-04-01&to=2026-03-31&publishable=true",
        json!(null),
        200,
    )
    .await;
    let housing = &published["sections"][0];
    assert_eq!(housing["key"], "housing");
    assert_eq!(housing["lead"], Value::Null);
    let housed: Vec<String> = housing["tables"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| format!("{} {}", row[1]["type"], row[1]["value"]))
        .collect();
    insta::assert_snapshot!(housed.join(" | "), @r#""hidden" null | "hidden" null | "hidden" null | "count" 0 | "hidden" null | "withheld" null | "withheld" null"#);
    insta::assert_json_snapshot!(snapshot, @r#"
    {
      "children": 2,
      "day": "2025-04-05",
      "residents": 3,
      "turned_away": 0,
      "units_in_service": 1,
      "units_occupied": 1,
      "women": 1
    }
    "#);
}

/// A request for a place, on the wait list, is met from the house's page: the stay opens her
/// file under the request's name and the request is admitted; a request already met, or
/// another one's, is refused at its field and changes nothing.
async fn a_request_for_a_place_is_met_from_the_house_page(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Maison de la Passerelle").await else {
        return;
    };
    s.set_clock(Utc.with_ymd_and_hms(2026, 6, 1, 16, 0, 0).unwrap());
    let (_, coordinator) = s
        .member(&org, "coord@passerelle.example", &[Role::Coordinator])
        .await;
    let (house, unit) = house_with_apartment(&s, &coordinator, 3, d(2025, 1, 1)).await;
    let request = id_of(
        &s,
        &coordinator,
        "/api/v1/housing/requests",
        json!({ "received_on": d(2026, 5, 20), "source": "shelter", "alias": "Mme Lune", "children": 1 }),
    )
    .await;
    let (client, csrf) = s.login("coord@passerelle.example").await;
    let page = s.html(&client, &format!("/housing/houses/{house}")).await;
    assert!(page.contains("Mme Lune"), "the waiting request is offered");
    let admit = async |request: &str| {
        client
            .post(s.url(&format!("/housing/houses/{house}/stays")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("unit", unit.as_str()),
                ("request", request),
                ("name", ""),
                ("entered_on", "2026-05-28"),
                ("children", "7"),
            ])
            .send()
            .await
            .unwrap()
    };
    assert_eq!(admit(&request).await.status(), 303);
    let requests = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/housing/requests",
        json!(null),
        200,
    )
    .await;
    assert_eq!(requests[0]["status"], "admitted");
    let detail = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/houses/{house}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(detail["stays"][0]["name"], "Mme Lune");
    assert_eq!(detail["stays"][0]["children"], json!([7]));
    // Met once: the same request again is no longer on the list.
    let before = audit_entries(&s).await;
    let again = admit(&request).await;
    assert_eq!(again.status(), 422);
    let page = again.text().await.unwrap();
    assert!(
        page.contains("id=\"err-request\""),
        "the message is at its field"
    );
    assert_eq!(audit_entries(&s).await, before, "nothing changed");
}
