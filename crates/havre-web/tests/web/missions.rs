//! Missions on both engines (docs/missions.md): only a member partner's caseworker files a
//! service request, and each partner reads its own and nothing else, never the pay; an ended
//! partner files no more and reads its past for 90 days; pay statements to the cent across a
//! raise, locked once approved and then corrected; a year of the Brigade counted in the report.

use crate::common::*;

use havre_domain::lists::ListKind;
use havre_domain::policy::Role;
use havre_store::testing::Engine;
use serde_json::{Value, json};

crate::on_both_engines!(
    only_partners_file_and_each_reads_only_its_own,
    pay_statements_count_each_day_at_its_rate_to_the_cent,
    a_brigade_year_is_counted_in_the_report,
);

/// A partner's caseworker's account, opened by the coordinator, and its token.
async fn partner_account(
    s: &TestServer,
    org: &havre_store::organizations::Organization,
    coordinator: &str,
    partner: &str,
    email: &str,
) -> String {
    let id = id_of(
        s,
        coordinator,
        &format!("/api/v1/partners/{partner}/accounts"),
        json!({ "name": format!("Intervenante {email}"), "email": email, "password": PASSWORD }),
    )
    .await;
    let user = s
        .store
        .user(org.id, id.parse::<uuid::Uuid>().unwrap().into())
        .await
        .unwrap();
    s.token(&user, havre_store::tokens::Scope::Write).await
}

/// A request as a partner files it, for a tenant.
fn request_for(tenant: &str) -> Value {
    json!({
        "tenant_name": tenant,
        "tenant_phone": "418 555-0199",
        "dwelling": "1200, rue des Lilas, app. 4",
        "household": 1,
        "consent": true,
        "risk": "inspection",
        "risk_on": "2027-03-20",
        "needs": "Désencombrer la cuisine et le salon avant l'inspection.",
        "availability": "En semaine, le matin.",
        "safety": "Un chat craintif.",
    })
}

/// The ids of a list's values by key.
async fn task(s: &TestServer, org: &havre_store::organizations::Organization, key: &str) -> String {
    s.store
        .list_values(org.id, ListKind::MissionTask, false)
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.key.as_deref() == Some(key))
        .unwrap()
        .id
        .to_string()
}

/// A worker with her first rate.
async fn worker(s: &TestServer, coordinator: &str, name: &str, cents: i64) -> String {
    id_of(
        s,
        coordinator,
        "/api/v1/workers",
        json!({ "name": name, "phone": "418 555-0101", "notes": "Suivi en réinsertion.", "started_on": "2026-01-01", "cents_per_hour": cents }),
    )
    .await
}

/// Plans a mission for a request on a day, from `start` to `end`, with workers.
async fn plan(
    s: &TestServer,
    coordinator: &str,
    request: &str,
    day: &str,
    (start, end): (&str, &str),
    workers: &[&str],
    tasks: &[&str],
) -> (u16, Value) {
    call(
        s,
        coordinator,
        "POST",
        "/api/v1/missions",
        json!({
            "request_id": request, "day": day, "start": start, "end": end,
            "place": "1200, rue des Lilas, app. 4", "tasks": tasks, "workers": workers,
            "partner_attends": true,
        }),
    )
    .await
}

/// Records a mission done, each worker's hours as (worker, start, end, break).
async fn done(
    s: &TestServer,
    coordinator: &str,
    mission: &str,
    hours: &[(&str, &str, &str, i64)],
) -> (u16, Value) {
    let hours: Vec<Value> = hours
        .iter()
        .map(|(w, start, end, pause)| json!({ "worker_id": w, "start": start, "end": end, "break_minutes": pause }))
        .collect();
    call(
        s,
        coordinator,
        "POST",
        &format!("/api/v1/missions/{mission}/done"),
        json!({ "hours": hours, "tasks_done": [], "report": "Cuisine et salon dégagés." }),
    )
    .await
}

/// Partner A files; partner B cannot list, read, guess or count A's requests; the team files
/// nothing; no partner ever sees a worker, her pay or the team's note. A partner whose
/// membership ended is refused at `partner` with the reason, and reads its past requests for
/// 90 days, not a day more.
async fn only_partners_file_and_each_reads_only_its_own(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Brigade d'entraide").await else {
        return;
    };
    s.on_day(2027, 3, 1);
    let (_, coordinator) = s
        .member(&org, "coordination@brigade.example", &[Role::Coordinator])
        .await;
    let (supervisor, caseworker) = s
        .member(&org, "accompagnement@brigade.example", &[Role::Caseworker])
        .await;
    let pech = id_of(
        &s,
        &coordinator,
        "/api/v1/partners",
        json!({ "name": "PECH", "joined_on": "2024-01-01" }),
    )
    .await;
    let archipel = id_of(
        &s,
        &coordinator,
        "/api/v1/partners",
        json!({ "name": "L'Archipel d'entraide", "joined_on": "2024-01-01" }),
    )
    .await;
    let a = partner_account(&s, &org, &coordinator, &pech, "a@pech.example").await;
    let b = partner_account(&s, &org, &coordinator, &archipel, "b@archipel.example").await;

    // The team files no request: the Brigade serves its members' tenants.
    for token in [&coordinator, &caseworker] {
        ok(
            &s,
            token,
            "POST",
            "/api/v1/service-requests",
            request_for("Jeanne Tremblay"),
            403,
        )
        .await;
    }
    // Without the tenant's consent and her name, nothing is filed, and each is said.
    let refused = ok(
        &s,
        &a,
        "POST",
        "/api/v1/service-requests",
        json!({ "dwelling": "12, rue Saint-Jean", "risk": "penalty", "needs": "Ménage", "availability": "Lundi" }),
        422,
    )
    .await;
    let fields: Vec<String> = messages(&refused).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["tenant_name", "consent"]);
    let mine = id_of(
        &s,
        &a,
        "/api/v1/service-requests",
        request_for("Jeanne Tremblay"),
    )
    .await;
    id_of(
        &s,
        &a,
        "/api/v1/service-requests",
        request_for("Lucie Paradis"),
    )
    .await;
    let theirs = id_of(&s, &b, "/api/v1/service-requests", request_for("Rita Côté")).await;

    // Each partner lists its own: B cannot count A's.
    let listed = |lines: &Value| -> Vec<String> {
        lines
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["tenant_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let a_list = ok(&s, &a, "GET", "/api/v1/service-requests", json!(null), 200).await;
    assert_eq!(listed(&a_list), ["Lucie Paradis", "Jeanne Tremblay"]);
    let b_list = ok(&s, &b, "GET", "/api/v1/service-requests", json!(null), 200).await;
    assert_eq!(listed(&b_list), ["Rita Côté"]);
    let team_list = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/service-requests",
        json!(null),
        200,
    )
    .await;
    assert_eq!(team_list.as_array().unwrap().len(), 3);
    // B guessing A's id learns nothing: the answer is the one for an id that does not exist.
    let guessed = ok(
        &s,
        &b,
        "GET",
        &format!("/api/v1/service-requests/{mine}"),
        json!(null),
        404,
    )
    .await;
    let nothing = ok(
        &s,
        &b,
        "GET",
        &format!("/api/v1/service-requests/{}", uuid::Uuid::new_v4()),
        json!(null),
        404,
    )
    .await;
    assert_eq!(guessed, nothing);
    ok(
        &s,
        &b,
        "POST",
        &format!("/api/v1/service-requests/{mine}/kept-in-home"),
        json!({ "kept_in_home": true }),
        404,
    )
    .await;
    // A partner moves no request, and reads no figure.
    ok(
        &s,
        &a,
        "POST",
        &format!("/api/v1/service-requests/{theirs}/status"),
        json!({ "status": "accepted" }),
        403,
    )
    .await;
    ok(&s, &a, "GET", "/api/v1/missions/figures", json!(null), 403).await;

    // The coordinator accepts A's request, notes what the team must know, and plans a
    // mission with a worker.
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/service-requests/{mine}/status"),
        json!({ "status": "accepted", "message": "Nous planifions une mission." }),
        204,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "PUT",
        &format!("/api/v1/service-requests/{mine}/internal-note"),
        json!({ "note": "Se méfie des hommes : une équipe de femmes." }),
        204,
    )
    .await;
    let line = worker(&s, &coordinator, "Line Bouchard", 1_610).await;
    let decluttering = task(&s, &org, "decluttering").await;
    let (status, mission) = plan(
        &s,
        &coordinator,
        &mine,
        "2027-03-10",
        ("09:00", "12:00"),
        &[&line],
        &[&decluttering],
    )
    .await;
    assert_eq!(status, 201, "{mission}");
    let mission = mission["id"].as_str().unwrap().to_owned();

    // A is told: the request is news until she reads it.
    let a_list = ok(&s, &a, "GET", "/api/v1/service-requests", json!(null), 200).await;
    let news: Vec<bool> = a_list
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["news"].as_bool().unwrap())
        .collect();
    assert_eq!(news, [false, true]);
    let seen = ok(
        &s,
        &a,
        "GET",
        &format!("/api/v1/service-requests/{mine}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(seen["status"], "planned");
    let events: Vec<&str> = seen["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["received", "accepted", "planned"]);
    assert_eq!(seen["events"][1]["message"], "Nous planifions une mission.");
    assert_eq!(seen["missions"][0]["tasks"][0]["name"], "Désencombrement");
    // She never reads the team's note, a worker's name or her pay.
    assert_eq!(seen["internal_note"], Value::Null);
    let text = seen.to_string();
    for secret in ["méfie", "Line", "Bouchard", "1610", "16,10"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let a_list = ok(&s, &a, "GET", "/api/v1/service-requests", json!(null), 200).await;
    assert!(
        a_list
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["news"] == false)
    );
    for path in [
        "/api/v1/workers".to_owned(),
        format!("/api/v1/workers/{line}"),
        format!("/api/v1/workers/{line}/pay-statement"),
        "/api/v1/pay-statements".to_owned(),
        "/api/v1/pay-statements.csv".to_owned(),
        format!("/api/v1/missions/{mission}"),
        "/api/v1/missions".to_owned(),
        "/api/v1/partners".to_owned(),
    ] {
        ok(&s, &a, "GET", &path, json!(null), 403).await;
    }
    // The team reads the note; the caseworker who does not run missions reads no pay.
    let team_view = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/service-requests/{mine}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        team_view["internal_note"],
        "Se méfie des hommes : une équipe de femmes."
    );
    ok(
        &s,
        &caseworker,
        "GET",
        &format!("/api/v1/workers/{line}"),
        json!(null),
        403,
    )
    .await;
    ok(
        &s,
        &caseworker,
        "GET",
        "/api/v1/pay-statements",
        json!(null),
        403,
    )
    .await;
    // The caseworker reads the missions she supervises, and signs in their hours; not the
    // others, nor the requests.
    ok(
        &s,
        &caseworker,
        "GET",
        &format!("/api/v1/missions/{mission}"),
        json!(null),
        404,
    )
    .await;
    let supervised = id_of(
        &s,
        &coordinator,
        "/api/v1/missions",
        json!({
            "request_id": mine, "day": "2027-03-11", "start": "09:00", "end": "12:00",
            "place": "1200, rue des Lilas", "tasks": [decluttering], "workers": [line],
            "supervisor_id": supervisor.id,
        }),
    )
    .await;
    let listed = ok(
        &s,
        &caseworker,
        "GET",
        "/api/v1/missions?from=2027-03-01&to=2027-03-31",
        json!(null),
        200,
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(
        ok(
            &s,
            &caseworker,
            "GET",
            &format!("/api/v1/missions/{supervised}"),
            json!(null),
            200
        )
        .await["id"],
        supervised
    );
    ok(
        &s,
        &caseworker,
        "GET",
        &format!("/api/v1/service-requests/{mine}"),
        json!(null),
        404,
    )
    .await;
    let (status, body) = done(
        &s,
        &caseworker,
        &supervised,
        &[(&line, "09:00", "11:30", 0)],
    )
    .await;
    assert_eq!(status, 204, "{body}");

    // PECH leaves the Brigade today: A files no more, told why at `partner`.
    ok(
        &s,
        &coordinator,
        "PUT",
        &format!("/api/v1/partners/{pech}"),
        json!({ "name": "PECH", "joined_on": "2024-01-01", "left_on": "2027-03-01" }),
        204,
    )
    .await;
    let refused = ok(
        &s,
        &a,
        "POST",
        "/api/v1/service-requests",
        request_for("Nadia Roy"),
        422,
    )
    .await;
    assert_eq!(
        messages(&refused),
        [(
            "partner".to_owned(),
            "Votre organisme n’est plus membre de la Brigade : il ne peut plus faire de demande. Vous pouvez encore consulter vos demandes passées pendant 90 jours.".to_owned()
        )]
    );
    // For 90 days she still reads what PECH filed.
    s.on_day(2027, 5, 29);
    assert_eq!(
        ok(&s, &a, "GET", "/api/v1/service-requests", json!(null), 200)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    ok(
        &s,
        &a,
        "GET",
        &format!("/api/v1/service-requests/{mine}"),
        json!(null),
        200,
    )
    .await;
    // Then no more.
    s.on_day(2027, 5, 30);
    assert_eq!(
        ok(&s, &a, "GET", "/api/v1/service-requests", json!(null), 200).await,
        json!([])
    );
    ok(
        &s,
        &a,
        "GET",
        &format!("/api/v1/service-requests/{mine}"),
        json!(null),
        404,
    )
    .await;
    // B, still a member, files and reads as before.
    ok(
        &s,
        &b,
        "GET",
        &format!("/api/v1/service-requests/{theirs}"),
        json!(null),
        200,
    )
    .await;
}

/// Two pay periods of two weeks, a raise on the Wednesday of the first: each worker's hours
/// and gross amount to the cent. The first period, approved, is locked: hours on its days are
/// refused, and a forgotten quarter of an hour is a correction of its own, audited. A worker
/// cannot be on two missions at once, and the refusal names the other.
async fn pay_statements_count_each_day_at_its_rate_to_the_cent(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Brigade d'entraide").await else {
        return;
    };
    s.on_day(2027, 1, 4);
    let (_, coordinator) = s
        .member(&org, "coordination@brigade.example", &[Role::Coordinator])
        .await;
    ok(
        &s,
        &coordinator,
        "PUT",
        "/api/v1/pay-schedule",
        json!({ "frequency": "biweekly", "first_day": "2027-01-04" }),
        204,
    )
    .await;
    let pech = id_of(
        &s,
        &coordinator,
        "/api/v1/partners",
        json!({ "name": "PECH", "joined_on": "2024-01-01" }),
    )
    .await;
    let a = partner_account(&s, &org, &coordinator, &pech, "a@pech.example").await;
    let request = id_of(
        &s,
        &a,
        "/api/v1/service-requests",
        request_for("Jeanne Tremblay"),
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/service-requests/{request}/status"),
        json!({ "status": "accepted" }),
        204,
    )
    .await;
    let line = worker(&s, &coordinator, "Line Bouchard", 1_610).await;
    let paul = worker(&s, &coordinator, "Paul Gagnon", 1_700).await;
    // Line's raise, from Wednesday 13 January.
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/workers/{line}/rates"),
        json!({ "from": "2027-01-13", "cents_per_hour": 1_675 }),
        204,
    )
    .await;
    let cleaning = task(&s, &org, "cleaning").await;

    let mut missions = Vec::new();
    for (day, window, workers) in [
        ("2027-01-05", ("08:30", "12:10"), vec![&line, &paul]),
        ("2027-01-05", ("13:00", "16:15"), vec![&line]),
        ("2027-01-12", ("09:00", "15:20"), vec![&line, &paul]),
        ("2027-01-13", ("09:00", "11:47"), vec![&line]),
        ("2027-01-18", ("09:00", "12:00"), vec![&line]),
    ] {
        let workers: Vec<&str> = workers.iter().map(|w| w.as_str()).collect();
        let (status, body) = plan(
            &s,
            &coordinator,
            &request,
            day,
            window,
            &workers,
            &[&cleaning],
        )
        .await;
        assert_eq!(status, 201, "{body}");
        missions.push(body["id"].as_str().unwrap().to_owned());
    }
    // Paul is on the mission of the 12th until 15 h 20: the refusal names it.
    let (status, busy) = plan(
        &s,
        &coordinator,
        &request,
        "2027-01-12",
        ("14:00", "16:00"),
        &[&paul],
        &[&cleaning],
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        messages(&busy),
        [(
            "workers".to_owned(),
            "Paul Gagnon est déjà en mission le mardi 12 janvier 2027 de 9 h à 15 h 20.".to_owned()
        )]
    );
    for (mission, hours) in missions.iter().zip([
        vec![(&line, "08:30", "12:10", 0), (&paul, "08:30", "12:10", 0)],
        vec![(&line, "13:00", "16:15", 15)],
        vec![(&line, "09:00", "15:20", 30), (&paul, "09:00", "15:20", 30)],
        vec![(&line, "09:00", "11:47", 0)],
        vec![(&line, "09:00", "12:00", 0)],
    ]) {
        let hours: Vec<(&str, &str, &str, i64)> = hours
            .into_iter()
            .map(|(w, a, b, p)| (w.as_str(), a, b, p))
            .collect();
        let (status, body) = done(&s, &coordinator, mission, &hours).await;
        assert_eq!(status, 204, "{body}");
    }

    s.on_day(2027, 1, 20);
    let statement =
        |worker: &str, day: &str| format!("/api/v1/workers/{worker}/pay-statement?day={day}");
    let lines = |st: &Value| -> Vec<(String, i64, i64, i64)> {
        st["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["day"].as_str().unwrap().to_owned(),
                    l["minutes"].as_i64().unwrap(),
                    l["cents_per_hour"].as_i64().unwrap(),
                    l["amount_cents"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let first = ok(
        &s,
        &coordinator,
        "GET",
        &statement(&line, "2027-01-10"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        (first["period_start"].as_str(), first["period_end"].as_str()),
        (Some("2027-01-04"), Some("2027-01-17"))
    );
    assert_eq!(
        lines(&first),
        [
            // 3 h 40 + 3 h 00 = 400 min at 16,10 $ = 107,33 $.
            ("2027-01-05".to_owned(), 400, 1_610, 10_733),
            // 5 h 50 at 16,10 $ = 93,92 $ (93,9166…).
            ("2027-01-12".to_owned(), 350, 1_610, 9_392),
            // 2 h 47 at 16,75 $ = 46,62 $ (46,6208…), the raise's day.
            ("2027-01-13".to_owned(), 167, 1_675, 4_662),
        ]
    );
    assert_eq!(
        (first["minutes"].as_i64(), first["total_cents"].as_i64()),
        (Some(917), Some(24_787))
    );
    let paul_first = ok(
        &s,
        &coordinator,
        "GET",
        &statement(&paul, "2027-01-10"),
        json!(null),
        200,
    )
    .await;
    // 220 min at 17,00 $ = 62,33 $; 350 min = 99,17 $ (99,1666…).
    assert_eq!(
        lines(&paul_first),
        [
            ("2027-01-05".to_owned(), 220, 1_700, 6_233),
            ("2027-01-12".to_owned(), 350, 1_700, 9_917)
        ]
    );
    assert_eq!(paul_first["total_cents"], 16_150);
    let second = ok(
        &s,
        &coordinator,
        "GET",
        &statement(&line, "2027-01-20"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        lines(&second),
        [("2027-01-18".to_owned(), 180, 1_675, 5_025)]
    );
    // The period's statements, every worker.
    let all = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/pay-statements?day=2027-01-05",
        json!(null),
        200,
    )
    .await;
    let totals: Vec<(&str, i64)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["worker_name"].as_str().unwrap(),
                s["total_cents"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(totals, [("Line Bouchard", 24_787), ("Paul Gagnon", 16_150)]);

    // The first period is approved; the second, not over, cannot be.
    let approved = id_of(
        &s,
        &coordinator,
        &format!("/api/v1/workers/{line}/pay-statement/approve"),
        json!({ "day": "2027-01-10" }),
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/workers/{line}/pay-statement/approve"),
        json!({ "day": "2027-01-10" }),
        422,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/workers/{line}/pay-statement/approve"),
        json!({ "day": "2027-01-20" }),
        422,
    )
    .await;
    // The periods are fixed now.
    ok(
        &s,
        &coordinator,
        "PUT",
        "/api/v1/pay-schedule",
        json!({ "frequency": "weekly", "first_day": "2027-01-04" }),
        422,
    )
    .await;
    // Hours on a day of the approved period are refused: it cannot be edited.
    let (status, late) = plan(
        &s,
        &coordinator,
        &request,
        "2027-01-14",
        ("09:00", "10:00"),
        &[&line],
        &[&cleaning],
    )
    .await;
    assert_eq!(status, 201, "{late}");
    let late = late["id"].as_str().unwrap().to_owned();
    let (status, refused) = done(&s, &coordinator, &late, &[(&line, "09:00", "10:00", 0)]).await;
    assert_eq!(status, 422);
    assert_eq!(messages(&refused)[0].0, "hours");
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/missions/{late}/cancel"),
        json!(null),
        204,
    )
    .await;
    let unchanged = ok(
        &s,
        &coordinator,
        "GET",
        &statement(&line, "2027-01-10"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(lines(&unchanged), lines(&first));
    // Fifteen minutes forgotten on the 12th: a correction, its own line, at that day's rate.
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/pay-statements/{approved}/corrections"),
        json!({ "day": "2027-01-20", "minutes": 15, "reason": "Hors période" }),
        422,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/pay-statements/{approved}/corrections"),
        json!({ "day": "2027-01-12", "minutes": 15, "reason": "15 minutes oubliées" }),
        204,
    )
    .await;
    let corrected = ok(
        &s,
        &coordinator,
        "GET",
        &statement(&line, "2027-01-10"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        lines(&corrected),
        lines(&first),
        "the approved lines never change"
    );
    assert_eq!(corrected["corrections"][0]["line"]["amount_cents"], 403);
    assert_eq!(corrected["corrections"][0]["reason"], "15 minutes oubliées");
    assert_eq!(
        (
            corrected["minutes"].as_i64(),
            corrected["total_cents"].as_i64()
        ),
        (Some(932), Some(25_190))
    );
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let audited = havre_store::entity::audit_entry::Entity::find()
        .filter(havre_store::entity::audit_entry::Column::Action.eq("pay_statement.corrected"))
        .all(s.store.db())
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].target_id.as_deref(), Some(approved.as_str()));

    // The payroll's CSV: a line per day and per correction, in dollars with a point.
    let csv = reqwest::Client::new()
        .get(s.url("/api/v1/pay-statements.csv?day=2027-01-10"))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows,
        [
            "Travailleuse ou travailleur,Début de la période,Fin de la période,Jour,Ligne,Minutes,Heures,Taux horaire,Montant brut",
            "Line Bouchard,2027-01-04,2027-01-17,2027-01-05,Heures travaillées,400,6.67,16.10,107.33",
            "Line Bouchard,2027-01-04,2027-01-17,2027-01-12,Heures travaillées,350,5.83,16.10,93.92",
            "Line Bouchard,2027-01-04,2027-01-17,2027-01-13,Heures travaillées,167,2.78,16.75,46.62",
            "Line Bouchard,2027-01-04,2027-01-17,2027-01-12,Correction : 15 minutes oubliées,15,0.25,16.10,4.03",
            "Paul Gagnon,2027-01-04,2027-01-17,2027-01-05,Heures travaillées,220,3.67,17.00,62.33",
            "Paul Gagnon,2027-01-04,2027-01-17,2027-01-12,Heures travaillées,350,5.83,17.00,99.17",
        ]
    );

    // Hours of a period not approved are corrected on the mission: the 18th, half an hour
    // more, 210 min at 16,75 $ = 58,63 $ (58,625). On an approved day, they are refused.
    let eighteenth = &missions[4];
    let twelfth = &missions[2];
    ok(
        &s,
        &coordinator,
        "PUT",
        &format!("/api/v1/missions/{eighteenth}/hours"),
        json!({ "worker_id": line, "start": "09:00", "end": "12:30", "break_minutes": 0 }),
        204,
    )
    .await;
    let second = ok(
        &s,
        &coordinator,
        "GET",
        &statement(&line, "2027-01-20"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        lines(&second),
        [("2027-01-18".to_owned(), 210, 1_675, 5_863)]
    );
    let refused = ok(
        &s,
        &coordinator,
        "PUT",
        &format!("/api/v1/missions/{twelfth}/hours"),
        json!({ "worker_id": line, "start": "09:00", "end": "15:35", "break_minutes": 30 }),
        422,
    )
    .await;
    assert_eq!(messages(&refused)[0].0, "hours");
    assert_eq!(
        lines(
            &ok(
                &s,
                &coordinator,
                "GET",
                &statement(&line, "2027-01-10"),
                json!(null),
                200
            )
            .await
        ),
        lines(&first)
    );

    // Line's statement as a PDF: her days, her correction and the total.
    let pdf = reqwest::Client::new()
        .get(s.url(&format!(
            "/api/v1/workers/{line}/pay-statement.pdf?day=2027-01-10"
        )))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("releve.pdf");
    std::fs::write(&file, &pdf).unwrap();
    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&file)
        .arg("-")
        .output()
    {
        let text = String::from_utf8(out.stdout)
            .unwrap()
            .replace(['\u{202F}', '\u{A0}'], " ");
        for expected in [
            "Relevé de paie — Line Bouchard",
            "107,33 $",
            "Correction : 15 minutes oubliées",
            "15 h 32",
            "251,90 $",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
    }
}

/// Two years of a Brigade built through the API; the report of the second, on Québec's
/// fiscal year, gives what a coordinator counts by hand from the same requests.
async fn a_brigade_year_is_counted_in_the_report(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "Brigade d'entraide").await else {
        return;
    };
    s.on_day(2026, 5, 1);
    let (_, coordinator) = s
        .member(&org, "coordination@brigade.example", &[Role::Coordinator])
        .await;
    let partner = async |name: &str| {
        id_of(
            &s,
            &coordinator,
            "/api/v1/partners",
            json!({ "name": name, "joined_on": "2024-01-01" }),
        )
        .await
    };
    let pech = partner("PECH").await;
    let cles = partner("Clés en main").await;
    let archipel = partner("L'Archipel d'entraide").await;
    let a = partner_account(&s, &org, &coordinator, &pech, "a@pech.example").await;
    let c = partner_account(&s, &org, &coordinator, &cles, "c@cles.example").await;
    let r = partner_account(&s, &org, &coordinator, &archipel, "r@archipel.example").await;
    let line = worker(&s, &coordinator, "Line Bouchard", 1_610).await;
    let paul = worker(&s, &coordinator, "Paul Gagnon", 1_700).await;
    let mona = worker(&s, &coordinator, "Mona Lévesque", 1_650).await;
    let cleaning = task(&s, &org, "cleaning").await;

    // Files a request on a day; accepts it; each mission (day, start, end, workers' breaks)
    // planned then done the same day.
    let file = async |token: &str, tenant: &str, (y, m, d): (i32, u32, u32)| {
        s.on_day(y, m, d);
        id_of(&s, token, "/api/v1/service-requests", request_for(tenant)).await
    };
    let accept = async |request: &str| {
        ok(
            &s,
            &coordinator,
            "POST",
            &format!("/api/v1/service-requests/{request}/status"),
            json!({ "status": "accepted" }),
            204,
        )
        .await;
    };
    let mission = async |request: &str,
                         (y, m, d): (i32, u32, u32),
                         start: &str,
                         end: &str,
                         workers: &[(&str, i64)]| {
        s.on_day(y, m, d);
        let day = format!("{y}-{m:02}-{d:02}");
        let ids: Vec<&str> = workers.iter().map(|(w, _)| *w).collect();
        let (status, body) = plan(
            &s,
            &coordinator,
            request,
            &day,
            (start, end),
            &ids,
            &[&cleaning],
        )
        .await;
        assert_eq!(status, 201, "{body}");
        let hours: Vec<(&str, &str, &str, i64)> = workers
            .iter()
            .map(|(w, pause)| (*w, start, end, *pause))
            .collect();
        let (status, body) = done(&s, &coordinator, body["id"].as_str().unwrap(), &hours).await;
        assert_eq!(status, 204, "{body}");
    };

    // The year before (April 2026 to March 2027): two tenants of PECH, Line three hours each.
    let alice = file(&a, "Alice Roy", (2026, 6, 1)).await;
    accept(&alice).await;
    mission(&alice, (2026, 6, 10), "09:00", "12:00", &[(&line, 0)]).await;
    let rita = file(&a, "Rita Côté", (2026, 9, 1)).await;
    accept(&rita).await;
    mission(&rita, (2026, 9, 15), "09:00", "12:00", &[(&line, 0)]).await;
    // Six months after, PECH reports Alice lost her home.
    s.on_day(2027, 1, 15);
    ok(
        &s,
        &a,
        "POST",
        &format!("/api/v1/service-requests/{alice}/kept-in-home"),
        json!({ "kept_in_home": false }),
        204,
    )
    .await;

    // The year (April 2027 to March 2028).
    let jeanne = file(&a, "Jeanne Tremblay", (2027, 4, 5)).await;
    accept(&jeanne).await;
    mission(
        &jeanne,
        (2027, 4, 12),
        "09:00",
        "13:30",
        &[(&line, 30), (&paul, 30)],
    )
    .await;
    // Jeanne again, a month later: one person helped, two requests.
    let again = file(&a, "jeanne  tremblay", (2027, 5, 3)).await;
    accept(&again).await;
    mission(&again, (2027, 5, 20), "09:00", "12:00", &[(&mona, 0)]).await;
    let marc = file(&c, "Marc Gagnon", (2027, 6, 1)).await;
    accept(&marc).await;
    mission(&marc, (2027, 6, 8), "13:00", "15:00", &[(&line, 0)]).await;
    mission(&marc, (2027, 6, 15), "13:00", "14:30", &[(&line, 0)]).await;
    let refused = file(&c, "Paul Hébert", (2027, 7, 2)).await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/service-requests/{refused}/status"),
        json!({ "status": "refused", "message": "Hors de notre territoire." }),
        204,
    )
    .await;
    let planned = file(&r, "Sophie Morin", (2027, 8, 10)).await;
    accept(&planned).await;
    s.on_day(2027, 8, 12);
    let (status, body) = plan(
        &s,
        &coordinator,
        &planned,
        "2027-08-30",
        ("09:00", "12:00"),
        &[&mona],
        &[&cleaning],
    )
    .await;
    assert_eq!(status, 201, "{body}");
    file(&r, "Diane Caron", (2027, 9, 1)).await;
    // Six months after Jeanne's first mission, PECH reports she kept her home; not before.
    s.on_day(2027, 10, 11);
    ok(
        &s,
        &a,
        "POST",
        &format!("/api/v1/service-requests/{jeanne}/kept-in-home"),
        json!({ "kept_in_home": true }),
        422,
    )
    .await;
    s.on_day(2027, 10, 20);
    ok(
        &s,
        &a,
        "POST",
        &format!("/api/v1/service-requests/{jeanne}/kept-in-home"),
        json!({ "kept_in_home": true }),
        204,
    )
    .await;

    s.on_day(2028, 4, 10);
    let report = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/reports/activity?from=2027-04-01&to=2028-03-31",
        json!(null),
        200,
    )
    .await;
    let now = &report["current"]["missions"];
    let before = &report["previous"]["missions"];
    let figures = |f: &Value| -> Vec<i64> {
        [
            "persons_helped",
            "requests",
            "referring_partners",
            "missions",
            "active_workers",
            "minutes_worked",
            "kept_in_home",
            "kept_reported",
        ]
        .iter()
        .map(|k| f[*k].as_i64().unwrap_or_else(|| panic!("{k} in {f}")))
        .collect()
    };
    // Jeanne and Marc; six requests of three partners; four missions done; Line, Paul and
    // Mona; 4 h + 4 h + 3 h + 2 h + 1 h 30 = 14 h 30; Jeanne kept her home.
    assert_eq!(figures(now), [2, 6, 3, 4, 3, 870, 1, 1]);
    // Delays of 7, 17 and 7 days to the first mission done.
    assert_eq!(now["median_days_to_first_mission"], 7.0);
    assert_eq!(figures(before), [2, 2, 1, 2, 1, 360, 0, 1]);
    // 9 and 14 days.
    assert_eq!(before["median_days_to_first_mission"], 11.5);
    let per_partner: Vec<(String, Vec<i64>)> = now["per_partner"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name = now["partners"]
                .as_array()
                .unwrap()
                .iter()
                .find(|q| q["id"] == p["partner"])
                .unwrap()["name"]
                .as_str()
                .unwrap()
                .to_owned();
            (
                name,
                ["requests", "done", "planned", "pending", "refused"]
                    .iter()
                    .map(|k| p[*k].as_i64().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        per_partner,
        [
            ("Clés en main".to_owned(), vec![2, 1, 0, 0, 1]),
            ("L'Archipel d'entraide".to_owned(), vec![2, 0, 1, 1, 0]),
            ("PECH".to_owned(), vec![2, 2, 0, 0, 0]),
        ]
    );
    // The figures' own route says the same; the report's page shows the section.
    let figures_route = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/missions/figures?from=2027-04-01&to=2028-03-31",
        json!(null),
        200,
    )
    .await;
    assert_eq!(&figures_route["current"], now);
    let (client, _) = s.login("coordination@brigade.example").await;
    let page = s
        .html(&client, "/reports?from=2027-04-01&to=2028-03-31")
        .await;
    assert!(page.contains("Missions de la Brigade"), "{page}");
    assert!(page.contains("14 h 30"));
}
