//! Hours that are not about one person, through the API, on both engines.

mod common;

use common::*;
use havre_domain::policy::Role;
use havre_store::organizations::OrganizationKind;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};

on_both_engines!(hours_are_stored_exactly_summed_per_category_and_area_and_a_day_holds_24_hours);

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
