//! Hours that are not about one person, through the API, on both engines.

mod common;

use common::*;
use havre_domain::policy::Role;
use havre_store::organizations::OrganizationKind;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};

on_both_engines!(
    hours_are_stored_exactly_summed_per_category_and_area_and_a_day_holds_24_hours,
    the_weekly_timesheet_reads_hours_as_people_write_them,
);

async fn call(s: &TestServer, token: &str, method: &str, path: &str, body: Value) -> (u16, Value) {
    let client = reqwest::Client::new();
    let req = match method {
        "GET" => client.get(s.url(path)),
        _ => client.post(s.url(path)).json(&body),
    };
    let r = req
        .bearer_auth(token)
        .header("accept-language", "fr-CA")
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn hours_are_stored_exactly_summed_per_category_and_area_and_a_day_holds_24_hours(
    engine: Engine,
) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS du Lac", OrganizationKind::Centre, false)
        .await;
    let worker = s.user(&org, "marie@lac.example", &[Role::Caseworker]).await;
    let volunteer = s
        .user(&org, "militante@lac.example", &[Role::Volunteer])
        .await;
    let coordinator = s
        .user(&org, "coord@lac.example", &[Role::Coordinator])
        .await;
    let (worker_token, volunteer_token, coordinator_token) = (
        s.token(&worker, Scope::Write).await,
        s.token(&volunteer, Scope::Write).await,
        s.token(&coordinator, Scope::Read).await,
    );
    let (_, categories) = call(
        &s,
        &worker_token,
        "GET",
        "/api/v1/hours/categories",
        Value::Null,
    )
    .await;
    let category = |fr: &str| {
        categories
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["label_fr"] == fr)
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{fr} is a shipped category"))
    };
    let team = category("Rencontres d'équipe");
    let supervision = category("Supervisions de groupe");
    let action = category("Journées d'action");
    let day = |n: u64| (s.store.now().date_naive() - chrono::Days::new(n)).to_string();
    // A week of her timesheet: 7 h 30 of team meeting and 2 h 15 of supervision on Monday,
    // 3 h 45 of team meeting on Tuesday.
    let (status, r) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [
            { "category_id": team, "day": day(3), "minutes": 450 },
            { "category_id": supervision, "day": day(3), "minutes": 135 },
            { "category_id": team, "day": day(2), "minutes": 225 },
        ]}),
    )
    .await;
    assert_eq!((status, &r["entries"]), (201, &json!(3)), "{r}");
    let (status, _) = call(
        &s,
        &volunteer_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [{ "category_id": action, "day": day(2), "minutes": 255 }] }),
    )
    .await;
    assert_eq!(status, 201, "a volunteer logs her own hours");
    // Over 24 hours in a day with what is logged already: refused, nothing written.
    let (status, problem) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [
            // 7 h 30 + 2 h 15 already, and 14 h 16 more: 24 h 01 in the day.
            { "category_id": team, "day": day(3), "minutes": 856 },
            { "category_id": team, "day": day(1), "minutes": 60 },
        ]}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        problem["errors"][0]["message"],
        "Une journée compterait plus de 24 heures avec ce qui est déjà noté."
    );
    for bad in [
        json!({ "category_id": team, "day": day(1), "minutes": -30 }),
        json!({ "category_id": team, "day": day(1), "minutes": 0 }),
        json!({ "category_id": uuid::Uuid::new_v4(), "day": day(1), "minutes": 30 }),
        json!({ "category_id": team, "day": "1999-12-31", "minutes": 30 }),
    ] {
        let (status, _) = call(
            &s,
            &worker_token,
            "POST",
            "/api/v1/hours",
            json!({ "entries": [bad.clone()] }),
        )
        .await;
        assert_eq!(status, 422, "{bad}");
    }
    let (_, mine) = call(&s, &worker_token, "GET", "/api/v1/hours/mine", Value::Null).await;
    assert_eq!(
        mine.as_array().unwrap().len(),
        3,
        "nothing else was written"
    );

    // Totals, exact to the minute, per category and per area.
    assert_eq!(
        call(
            &s,
            &worker_token,
            "GET",
            "/api/v1/hours/totals",
            Value::Null
        )
        .await
        .0,
        403,
        "the organization's totals are for those who run reports"
    );
    let (status, totals) = call(
        &s,
        &coordinator_token,
        "GET",
        &format!("/api/v1/hours/totals?from={}&to={}", day(30), day(0)),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{totals}");
    let area = |key: &str| {
        totals["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == key)
            .unwrap()["minutes"]
            .clone()
    };
    assert_eq!(area("internal_management"), json!(675));
    assert_eq!(area("direct_help"), json!(135));
    assert_eq!(area("activism"), json!(255));
    assert_eq!(area("prevention"), json!(0));
    assert_eq!(totals["minutes"], json!(1065));
    assert_eq!(
        havre_domain::text::format_minutes(675, havre_domain::text::Lang::Fr),
        "11 h 15",
        "as the users write it"
    );

    // A training received, and a figure entered by hand.
    let (status, _) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours/trainings-received",
        json!({ "day": day(5), "title": "Intervenir en contexte de crise", "trainer": "CRISE", "minutes": 390, "workers": 6 }),
    )
    .await;
    assert_eq!(status, 201);
    let (status, _) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours/trainings-received",
        json!({ "day": day(5), "title": "", "trainer": "X", "minutes": 60, "workers": 0 }),
    )
    .await;
    assert_eq!(status, 422);
    let prevention = s
        .user(&org, "prev@lac.example", &[Role::PreventionWorker])
        .await;
    let prevention_token = s.token(&prevention, Scope::Write).await;
    let (status, _) = call(
        &s,
        &prevention_token,
        "POST",
        "/api/v1/hours/figures",
        json!({ "day": day(10), "kind": "material", "label": "T-shirts de la journée d'action", "quantity": 472 }),
    )
    .await;
    assert_eq!(status, 201);
}

async fn the_weekly_timesheet_reads_hours_as_people_write_them(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS du Lac", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "marie@lac.example", &[Role::Caseworker]).await;
    let (client, csrf) = s.login("marie@lac.example").await;
    let html = client
        .get(s.url("/hours"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // A week far outside the calendar answers a page, not a crash.
    for week in ["%2B262142-12-31", "-262143-01-01", "1970-01-01"] {
        let r = client
            .get(s.url(&format!("/hours?week={week}")))
            .send()
            .await
            .unwrap();
        assert!(
            r.status() == 200 || r.status() == 400,
            "{week}: {}",
            r.status()
        );
    }
    // The grid's first rows: internal management, team meetings first.
    let category = extract(&html, "name=\"c_0\" value=\"", "\"").unwrap();
    let monday = extract(&html, "name=\"week\" value=\"", "\"").unwrap();
    let send = |cells: Vec<(&'static str, &'static str)>| {
        let mut form = vec![
            ("csrf".to_owned(), csrf.clone()),
            ("week".to_owned(), monday.clone()),
            ("c_0".to_owned(), category.clone()),
        ];
        form.extend(cells.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())));
        client.post(s.url("/hours")).form(&form).send()
    };
    let r = send(vec![
        ("m_0_0", "3 h 30"),
        ("m_0_1", "1,5"),
        ("m_0_2", "45 min"),
    ])
    .await
    .unwrap();
    assert_eq!(r.status(), 303);
    let html = client
        .get(s.url(&format!("/hours?week={monday}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let footer = extract(&html, "<tfoot>", "</tfoot>").unwrap();
    assert!(
        footer.contains("<td>3 h 30</td><td>1 h 30</td><td>0 h 45</td>")
            && footer.contains("<td>5 h 45</td>"),
        "{footer}"
    );
    // A cell that is not a length, and a day over 24 hours: refused, nothing written.
    let r = send(vec![("m_0_3", "trois heures")]).await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"err-timesheet\""));
    assert!(
        html.contains("value=\"trois heures\""),
        "what was typed is shown back"
    );
    assert!(
        html.contains("value=\"trois heures\" autocomplete=\"off\" aria-invalid=\"true\""),
        "the cell is marked"
    );
    let r = send(vec![("m_0_0", "20 h 31")]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Une journée compterait plus de 24 heures avec ce qui est déjà noté.")
    );
    let reader_total: i64 = {
        use sea_orm::{EntityTrait, PaginatorTrait};
        havre_store::entity::hour_entry::Entity::find()
            .count(s.store.db())
            .await
            .unwrap() as i64
    };
    assert_eq!(
        reader_total, 3,
        "only the first week's three cells were kept"
    );
    // A training the team received: its length as written, refused when it is not one.
    let received = |length: &'static str| {
        client
            .post(s.url("/hours/trainings-received"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("r_day", &s.store.now().date_naive().to_string()),
                ("r_title", "Intervenir en contexte de crise"),
                ("r_trainer", "Centre de crise"),
                ("r_length", length),
                ("r_workers", "6"),
            ])
            .send()
    };
    let r = received("une journée").await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(extract(&html, "id=\"err-r_length\"", "</p>").is_some());
    assert!(
        !html.contains("id=\"err-timesheet\""),
        "the timesheet has no problem"
    );
    let r = received("6 h 30").await.unwrap();
    assert_eq!(r.status(), 303);
    let html = client
        .get(s.url("/hours"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let section = extract(&html, "id=\"trainings-received\"", "</section>").unwrap();
    assert!(section.contains("Intervenir en contexte de crise") && section.contains("6 h 30"));
}
