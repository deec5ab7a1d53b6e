//! Complaints and the privacy duties on both engines (docs/privacy.md): only the complaints
//! officer and the coordinator read the register, and nobody reads or handles a complaint
//! about herself; a complaint sent from the public page without a session reaches it; a year
//! of complaints is reported as counted by hand; Havre opens an incident for a broken audit
//! chain, a series of refused reads and a break-the-glass access, for the person in charge to
//! assess.

use crate::common::*;

use havre_domain::lists::ListKind;
use havre_domain::policy::Role;
use havre_store::testing::Engine;
use serde_json::{Value, json};

crate::on_both_engines!(
    only_its_handlers_read_a_complaint_and_never_the_one_it_is_about,
    a_year_of_complaints_is_reported_as_counted_by_hand,
    havre_opens_an_incident_for_what_it_detects,
    an_access_request_is_answered_with_third_parties_withheld,
    a_file_due_is_destroyed_in_the_database_and_its_backups_and_the_report_stays,
    complaints_incidents_and_calls_due_lose_what_identifies_and_keep_their_figures,
    the_texts_are_published_in_versions_and_handed_out_at_the_first_meeting,
);

/// The id of a nature of complaint by its key.
async fn nature(
    s: &TestServer,
    org: &havre_store::organizations::Organization,
    key: &str,
) -> String {
    s.store
        .list_values(org.id, ListKind::ComplaintNature, false)
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.key.as_deref() == Some(key))
        .unwrap()
        .id
        .to_string()
}

/// A complaint as the team enters it.
fn complaint(received_on: &str, nature: &str, about: Option<&str>) -> Value {
    json!({
        "received_on": received_on,
        "complainant_kind": "woman",
        "complainant": "Marie Lavoie, 418 555-0142 (laisser un message)",
        "nature": nature,
        "service": "Accueil téléphonique",
        "about": about,
        "summary": "On m'a rappelée trois semaines plus tard, sans excuse.",
    })
}

/// The natures of the complaints a token lists, newest first.
async fn listed(s: &TestServer, token: &str) -> Vec<String> {
    ok(s, token, "GET", "/api/v1/complaints", json!(null), 200)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["service"].as_str().unwrap().to_owned())
        .collect()
}

/// The complaints officer and the coordinator read the register, no other role. A
/// complaint about the coordinator is not in her list, answers her 404 like one that does not
/// exist, and cannot be given to her to handle; she cannot enter one about herself. A woman
/// complains from the public page without a session; a bad form tells her at its fields and
/// enters nothing.
async fn only_its_handlers_read_a_complaint_and_never_the_one_it_is_about(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS de la Rive").await else {
        return;
    };
    s.on_day(2027, 3, 1);
    let (coordinator_user, coordinator) = s
        .member(&org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (officer_user, officer) = s
        .member(&org, "plaintes@rive.example", &[Role::ComplaintsOfficer])
        .await;
    let reception = nature(&s, &org, "reception").await;

    // Every other role is refused the register and its forms.
    for role in Role::ALL {
        // A network's analyst has no account in a centre.
        if matches!(
            role,
            Role::Coordinator | Role::ComplaintsOfficer | Role::NetworkAnalyst
        ) {
            continue;
        }
        let (_, token) = s
            .member(&org, &format!("{}@rive.example", role.as_str()), &[role])
            .await;
        ok(&s, &token, "GET", "/api/v1/complaints", json!(null), 403).await;
        ok(
            &s,
            &token,
            "POST",
            "/api/v1/complaints",
            complaint("2027-02-27", &reception, None),
            403,
        )
        .await;
    }

    // The officer enters a complaint about the coordinator; the coordinator cannot enter one
    // about herself.
    let about_coordinator = coordinator_user.id.to_string();
    let mut body = complaint("2027-02-27", &reception, Some(&about_coordinator));
    body["service"] = json!("Coordination");
    let hers = id_of(&s, &officer, "/api/v1/complaints", body.clone()).await;
    ok(&s, &coordinator, "POST", "/api/v1/complaints", body, 403).await;
    let other = id_of(
        &s,
        &coordinator,
        "/api/v1/complaints",
        complaint("2027-02-28", &reception, None),
    )
    .await;

    // The coordinator lists the other one only; hers answers 404 as a missing one does.
    assert_eq!(
        listed(&s, &officer).await,
        ["Accueil téléphonique", "Coordination"]
    );
    assert_eq!(listed(&s, &coordinator).await, ["Accueil téléphonique"]);
    let (status, refused) = call(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/complaints/{hers}"),
        json!(null),
    )
    .await;
    let missing = uuid::Uuid::new_v4();
    let (_, nothing) = call(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/complaints/{missing}"),
        json!(null),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        refused.to_string().replace(&hers, "ID"),
        nothing.to_string().replace(&missing.to_string(), "ID")
    );

    // She cannot be given it to handle; the officer can, and handles it.
    let refused = ok(
        &s,
        &officer,
        "PUT",
        &format!("/api/v1/complaints/{hers}/handler"),
        json!({ "handler_id": about_coordinator }),
        422,
    )
    .await;
    insta::assert_snapshot!(said(&refused), @"handler_id: Cette personne ne peut pas traiter cette plainte : elle ne lit pas le registre, ou la plainte la vise.");
    ok(
        &s,
        &officer,
        "PUT",
        &format!("/api/v1/complaints/{hers}/handler"),
        json!({ "handler_id": officer_user.id }),
        204,
    )
    .await;
    let read = ok(
        &s,
        &officer,
        "GET",
        &format!("/api/v1/complaints/{hers}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(read["handler"], "Personne plaintes@rive.example");
    assert_eq!(
        read["complainant"],
        "Marie Lavoie, 418 555-0142 (laisser un message)"
    );
    assert_eq!(read["due_on"], "2027-03-29");
    // The coordinator's page does not name it either.
    let (client, _) = s.login("coordination@rive.example").await;
    let page = s.html(&client, "/complaints").await;
    assert!(page.contains(&other) && !page.contains(&hers), "{page}");

    // A woman complains from the public page, without a session and without a cookie.
    let slug = format!("/o/{}", org.slug);
    let visitor = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = visitor
        .get(s.url(&format!("{slug}/complaint")))
        .send()
        .await
        .unwrap();
    assert!(form.headers().get("set-cookie").is_none());
    assert!(form.text().await.unwrap().contains("id=\"quick-exit\""));
    let before = listed(&s, &officer).await.len();
    let r = visitor
        .post(s.url(&format!("{slug}/complaint")))
        .form(&[
            ("complainant_kind", "woman"),
            ("service", ""),
            ("summary", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    for field in ["complainant", "nature", "service", "summary"] {
        assert!(
            page.contains(&format!("id=\"err-{field}\"")),
            "{field}: {page}"
        );
    }
    assert_eq!(listed(&s, &officer).await.len(), before);
    let r = visitor
        .post(s.url(&format!("{slug}/complaint")))
        .form(&[
            ("complainant_kind", "anonymous"),
            ("complainant", "Ne pas garder"),
            ("nature", reception.as_str()),
            ("service", "Groupe du jeudi"),
            (
                "summary",
                "L'animatrice a parlé de mon histoire devant une autre femme.",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("set-cookie").is_none());
    assert!(r.text().await.unwrap().contains("id=\"sent\""));
    let lines = ok(&s, &officer, "GET", "/api/v1/complaints", json!(null), 200).await;
    let sent = &lines[0];
    assert_eq!(
        (sent["service"].as_str(), sent["channel"].as_str()),
        (Some("Groupe du jeudi"), Some("public_page"))
    );
    let sent = ok(
        &s,
        &officer,
        "GET",
        &format!("/api/v1/complaints/{}", sent["id"].as_str().unwrap()),
        json!(null),
        200,
    )
    .await;
    // Anonymous: nothing of who sent it is kept, even typed.
    assert_eq!(sent["complainant"], Value::Null);
    assert_eq!(sent["received_on"], "2027-03-01");

    // Every reading of a complaint is audited.
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let reads = havre_store::entity::audit_entry::Entity::find()
        .filter(havre_store::entity::audit_entry::Column::Action.eq("complaint.read"))
        .count(s.store.db())
        .await
        .unwrap();
    assert_eq!(reads, 2);
}

/// A reporting year (April 2026 to March 2027) of six complaints, one received the year
/// before: five received, three answered in the year, two still open at its end (one answered
/// after it), two late on the 30 days, the median of 4, 10 and 44 days: 10.
async fn a_year_of_complaints_is_reported_as_counted_by_hand(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS de la Rive").await else {
        return;
    };
    s.on_day(2027, 4, 15);
    let (_, officer) = s
        .member(&org, "plaintes@rive.example", &[Role::ComplaintsOfficer])
        .await;
    let reception = nature(&s, &org, "reception").await;
    let delays = nature(&s, &org, "delays").await;
    let confidentiality = nature(&s, &org, "confidentiality").await;
    let other = nature(&s, &org, "other").await;
    let entries = [
        ("2026-03-15", &reception, Some(("founded", "2026-04-10"))),
        ("2026-05-10", &reception, Some(("founded", "2026-05-20"))),
        ("2026-06-01", &other, Some(("withdrawn", "2026-06-05"))),
        ("2026-09-01", &delays, Some(("unfounded", "2026-10-15"))),
        ("2027-02-01", &confidentiality, None),
        (
            "2027-03-20",
            &reception,
            Some(("partly_founded", "2027-04-10")),
        ),
    ];
    for (received_on, nature, conclusion) in entries {
        let id = id_of(
            &s,
            &officer,
            "/api/v1/complaints",
            complaint(received_on, nature, None),
        )
        .await;
        if let Some((outcome, answered_on)) = conclusion {
            ok(
                &s,
                &officer,
                "PUT",
                &format!("/api/v1/complaints/{id}/conclusion"),
                json!({ "outcome": outcome, "answered_on": answered_on }),
                204,
            )
            .await;
        }
    }
    // An answer before the complaint was received is refused at its field.
    let id = id_of(
        &s,
        &officer,
        "/api/v1/complaints",
        complaint("2027-04-01", &other, None),
    )
    .await;
    let refused = ok(
        &s,
        &officer,
        "PUT",
        &format!("/api/v1/complaints/{id}/conclusion"),
        json!({ "outcome": "founded", "answered_on": "2027-03-31" }),
        422,
    )
    .await;
    insta::assert_snapshot!(said(&refused), @"answered_on: Cette date précède la réception de la plainte.");

    let report = ok(
        &s,
        &officer,
        "GET",
        "/api/v1/complaints/report?from=2026-04-01&to=2027-03-31",
        json!(null),
        200,
    )
    .await;
    let per = |list: &str, key: &str| -> Vec<(String, i64)> {
        report[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                let name = if key == "nature" {
                    n["nature"]["key"].as_str().unwrap().to_owned()
                } else {
                    n[key].as_str().unwrap().to_owned()
                };
                (name, n["complaints"].as_i64().unwrap())
            })
            .collect()
    };
    assert_eq!(
        (
            &report["received"],
            &report["answered"],
            &report["open"],
            &report["past_deadline"],
            &report["median_answer_days"],
        ),
        (&json!(5), &json!(3), &json!(2), &json!(2), &json!(10.0))
    );
    let count = |pairs: &[(&str, i64)]| -> Vec<(String, i64)> {
        pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(
        per("per_nature", "nature"),
        count(&[
            ("reception", 2),
            ("delays", 1),
            ("service_quality", 0),
            ("confidentiality", 1),
            ("accessibility", 0),
            ("discrimination", 0),
            ("other", 1),
        ])
    );
    assert_eq!(
        per("per_outcome", "outcome"),
        count(&[
            ("founded", 1),
            ("partly_founded", 0),
            ("unfounded", 1),
            ("withdrawn", 1),
            ("referred", 0),
        ])
    );

    // The same figures are the annual report's section, and the document of its own.
    let (client, _) = s.login("plaintes@rive.example").await;
    let document = s.html(&client, "/complaints/report?year=2026").await;
    assert!(document.contains("2026-2027"), "{document}");
    let figures = extract(&document, "id=\"t-complaints_figures\"", "</table>").unwrap();
    let cells: Vec<&str> = figures
        .split("<td class=\"figure\">")
        .skip(1)
        .map(|c| c.split('<').next().unwrap())
        .collect();
    assert_eq!(cells, ["5", "3", "2", "2", "10,0", "30"]);
    // And as a PDF, its text read back.
    let pdf = client
        .get(s.url("/complaints/report.pdf?year=2026"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    for line in [
        "2026-2027",
        "Plaintes reçues 5",
        "Réponses en retard sur le délai 2",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    let coordinator = s
        .user(&org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let token = s
        .token(&coordinator, havre_store::tokens::Scope::Read)
        .await;
    let annual = ok(
        &s,
        &token,
        "GET",
        "/api/v1/reports/activity?from=2026-04-01&to=2027-03-31",
        json!(null),
        200,
    )
    .await;
    let section = &annual["current"]["complaints"];
    assert_eq!(
        (&section["received"], &section["past_deadline"]),
        (&json!(5), &json!(2))
    );
    assert_eq!(
        section["natures"][0]["label"],
        "Accueil et attitude du personnel"
    );
}

/// Havre opens an incident, once, for a broken audit chain, for a series of refused reads of
/// files, and for each break-the-glass access; the person in charge assesses it, told at
/// its fields what is missing, and the notices owed show until they are given.
async fn havre_opens_an_incident_for_what_it_detects(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS de la Rive").await else {
        return;
    };
    s.on_day(2027, 3, 1);
    let (_, privacy) = s
        .member(&org, "vie-privee@rive.example", &[Role::PrivacyOfficer])
        .await;
    let (_, caseworker) = s
        .member(&org, "intervenante@rive.example", &[Role::Caseworker])
        .await;
    let incidents = async || -> Vec<Value> {
        ok(&s, &privacy, "GET", "/api/v1/incidents", json!(null), 200)
            .await
            .as_array()
            .unwrap()
            .clone()
    };
    // Opened at the same instant of the test's clock: compared in the order of their names.
    let detected = |list: &[Value]| -> Vec<String> {
        let mut seen: Vec<String> = list
            .iter()
            .map(|i| i["detected"].as_str().unwrap_or_default().to_owned())
            .collect();
        seen.sort();
        seen
    };
    // One incident of the list, by the anomaly it is for.
    let of = |list: &[Value], anomaly: &str| -> Value {
        list.iter()
            .find(|i| i["detected"] == anomaly)
            .cloned()
            .unwrap()
    };
    // The caseworker is refused the register.
    ok(
        &s,
        &caseworker,
        "GET",
        "/api/v1/incidents",
        json!(null),
        403,
    )
    .await;

    // Five refused reads of files within the hour: one incident, not one per refusal.
    let mut files = Vec::new();
    for name in ["Une", "Deux", "Trois"] {
        let (_, person) =
            request_of(&s, &org, &format!("Femme {name}"), 6, Default::default()).await;
        files.push(person);
    }
    for i in 0..4 {
        let file = files[i % 3];
        ok(
            &s,
            &caseworker,
            "GET",
            &format!("/api/v1/files/{file}"),
            json!(null),
            403,
        )
        .await;
    }
    assert!(incidents().await.is_empty(), "four refusals open nothing");
    for _ in 0..3 {
        ok(
            &s,
            &caseworker,
            "GET",
            &format!("/api/v1/files/{}", files[0]),
            json!(null),
            403,
        )
        .await;
    }
    assert_eq!(detected(&incidents().await), ["refused_reads"]);
    let refused = ok(
        &s,
        &privacy,
        "GET",
        &format!(
            "/api/v1/incidents/{}",
            incidents().await[0]["id"].as_str().unwrap()
        ),
        json!(null),
        200,
    )
    .await;
    // The files by their references, never the women's names.
    let concerned = refused["files_concerned"].as_str().unwrap();
    for file in &files {
        assert!(concerned.contains(&file.to_string()), "{concerned}");
    }
    assert!(!refused.to_string().contains("Femme"), "{refused}");

    // A break-the-glass access: an incident to assess.
    ok(
        &s,
        &caseworker,
        "POST",
        &format!("/api/v1/files/{}/access", files[1]),
        json!({ "reason": "Elle rappelle pendant l'absence de son intervenante." }),
        200,
    )
    .await;
    assert_eq!(
        detected(&incidents().await),
        ["break_the_glass", "refused_reads"]
    );
    // Who opened it and why, for the person in charge to judge.
    let glass = ok(
        &s,
        &privacy,
        "GET",
        &format!(
            "/api/v1/incidents/{}",
            of(&incidents().await, "break_the_glass")["id"]
                .as_str()
                .unwrap()
        ),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        glass["description"],
        "Personne intervenante@rive.example : « Elle rappelle pendant l'absence de son intervenante. »"
    );
    assert_eq!(glass["files_concerned"], files[1].to_string());

    // Someone alters an entry of the audit log: the watch finds the break and opens an
    // incident; seen again, it is not entered twice.
    use sea_orm::ConnectionTrait;
    s.store
        .db()
        .execute_unprepared("UPDATE audit_entries SET action = 'audit.nothing' WHERE seq = 3")
        .await
        .unwrap();
    let verification = s.store.watch_audit_chain().await.unwrap();
    assert!(verification.first_break.is_some());
    s.store.watch_audit_chain().await.unwrap();
    let list = incidents().await;
    assert_eq!(
        detected(&list),
        ["break_the_glass", "broken_audit_chain", "refused_reads"]
    );
    let broken = of(&list, "broken_audit_chain")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(of(&list, "broken_audit_chain")["assessed_on"], Value::Null);
    let read = ok(
        &s,
        &privacy,
        "GET",
        &format!("/api/v1/incidents/{broken}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        (read["description"].as_str(), read["opened_by"].as_str()),
        (Some("#3"), None)
    );

    // The person in charge assesses it: what is missing is said at its field.
    let path = format!("/api/v1/incidents/{broken}/assessment");
    let refused = ok(
        &s,
        &privacy,
        "PUT",
        &path,
        json!({ "kind": "unauthorized_access" }),
        422,
    )
    .await;
    insta::assert_snapshot!(said(&refused), @r"
    data: Ce champ est obligatoire.
    sensitivity: Ce champ est obligatoire.
    consequences: Ce champ est obligatoire.
    probability: Ce champ est obligatoire.
    serious_risk: Ce champ est obligatoire.
    ");
    let assessment = json!({
        "kind": "unauthorized_access",
        "data": "Le journal d'audit : qui a lu quels dossiers.",
        "sensitivity": "high",
        "consequences": "Une lecture de dossier effacée de la trace.",
        "probability": "medium",
        "serious_risk": true,
        "regulator_notified_on": "2027-03-01",
        "measures": "Serveur isolé, clés changées, sauvegarde du 28 février comparée.",
    });
    ok(&s, &privacy, "PUT", &path, assessment.clone(), 204).await;
    let line = of(&incidents().await, "broken_audit_chain");
    assert_eq!(
        (&line["kind"], &line["assessed_on"], &line["notices_owed"]),
        (
            &json!("unauthorized_access"),
            &json!("2027-03-01"),
            &json!(true)
        )
    );
    let mut given = assessment;
    given["persons_notified_on"] = json!("2027-03-01");
    ok(&s, &privacy, "PUT", &path, given, 204).await;
    // The whole register, printed for the regulator: each incident with its assessment.
    let (client, _) = s.login("vie-privee@rive.example").await;
    let register = s.html(&client, "/privacy/incidents/register").await;
    assert_eq!(register.matches("class=\"report-section\"").count(), 3);
    assert!(
        register.contains("Serveur isolé, clés changées"),
        "{register}"
    );
    assert!(!register.contains("Femme"), "{register}");
    assert_eq!(
        of(&incidents().await, "broken_audit_chain")["notices_owed"],
        json!(false)
    );
}

/// A woman asks what the CALACS holds on her. The person in charge records the request,
/// sees those near their 30 days, and makes her export: the PDF holds her file with the
/// names of her relative, of another woman of the organization and of the aggressor she named
/// withheld; the JSON of what she provided validates against the published schema; the CSV
/// holds the same. Then the answer is dated. Nobody else reads the requests.
async fn an_access_request_is_answered_with_third_parties_withheld(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS de la Rive").await else {
        return;
    };
    s.on_day(2027, 3, 1);
    let (_, coordinator) = s
        .member(&org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (_, privacy) = s
        .member(&org, "vie-privee@rive.example", &[Role::PrivacyOfficer])
        .await;
    let (_, caseworker) = s
        .member(&org, "intervenante@rive.example", &[Role::Caseworker])
        .await;
    let (request, julie) = request_of(&s, &org, "Julie Tremblay", 6, Default::default()).await;
    let (_, other) = request_of(&s, &org, "Sophie Roy", 6, Default::default()).await;
    // She is in a group: her other services are in the PDF too.
    let group = id_of(
        &s,
        &coordinator,
        "/api/v1/groups",
        json!({
            "name": "Groupe du jeudi",
            "service_area": "direct_help",
            "capacity": 8,
            "starts_on": s.store.now(),
            "facilitators": [],
        }),
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/groups/{group}/members"),
        json!({ "help_request_id": request }),
        201,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/files/{julie}/relatives"),
        json!({ "name": "Marc-André Gagnon", "relation": "partner" }),
        201,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/files/{julie}/notes"),
        json!({ "body": "Marc-André Gagnon l'a menacée hier; Gagnon rappelle le soir. Elle en a parlé à Sophie Roy, et Robert Lemieux la suit en voiture. Julie veut porter plainte." }),
        201,
    )
    .await;

    // Only the person in charge and the coordinator see the requests.
    ok(
        &s,
        &caseworker,
        "GET",
        "/api/v1/access-requests",
        json!(null),
        403,
    )
    .await;
    let body = |person: &str, on: &str| json!({ "person_id": person, "received_on": on });
    let refused = ok(
        &s,
        &privacy,
        "POST",
        "/api/v1/access-requests",
        body(&julie.to_string(), "2027-03-02"),
        422,
    )
    .await;
    insta::assert_snapshot!(said(&refused), @"received_on: Cette date est dans le futur.");
    let request = id_of(
        &s,
        &privacy,
        "/api/v1/access-requests",
        body(&julie.to_string(), "2027-02-20"),
    )
    .await;
    id_of(
        &s,
        &privacy,
        "/api/v1/access-requests",
        body(&other.to_string(), "2027-02-05"),
    )
    .await;
    let lines = ok(
        &s,
        &privacy,
        "GET",
        "/api/v1/access-requests",
        json!(null),
        200,
    )
    .await;
    let seen: Vec<(&str, &str, bool)> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap(),
                l["due_on"].as_str().unwrap(),
                l["nearing"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Sophie Roy", "2027-03-07", true),
            ("Julie Tremblay", "2027-03-22", false)
        ]
    );

    // Her home page tells the person in charge.
    let (client, _) = s.login("vie-privee@rive.example").await;
    let home = s.html(&client, "/").await;
    assert!(
        home.contains("Une demande d’accès près de son échéance de 30 jours."),
        "{home}"
    );

    // The PDF: her file, the others' names withheld.
    let export = |format: &str| {
        let path = format!("/api/v1/access-requests/{request}/export");
        let token = privacy.clone();
        let s = &s;
        let format = format.to_owned();
        async move {
            let r = reqwest::Client::new()
                .post(s.url(&path))
                .bearer_auth(token)
                .header("accept-language", "fr-CA")
                .json(&json!({ "format": format, "withhold": ["Robert Lemieux"] }))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{format}");
            r.bytes().await.unwrap().to_vec()
        }
    };
    let pdf = export("pdf").await;
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf).replace('\n', " ");
    for kept in [
        "Julie Tremblay",
        "[renseignement retenu : tiers]",
        "Julie veut porter plainte",
        "Groupe Groupe du jeudi 2027-03-01",
    ] {
        assert!(text.contains(kept), "{kept} in {text}");
    }
    for withheld in ["Gagnon", "Marc-André", "Sophie Roy", "Lemieux"] {
        assert!(!text.contains(withheld), "{withheld} in {text}");
    }

    // The JSON of what she provided, against the schema Havre publishes.
    let json: Value = serde_json::from_slice(&export("json").await).unwrap();
    assert_eq!(json["name"], "Julie Tremblay");
    let schema: Value = reqwest::get(s.url("/api/v1/access-export.schema.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut wrong = json.clone();
    wrong["safe_contact"]["may_call"] = json!("oui");
    assert!(
        !validator.is_valid(&wrong),
        "the schema holds the export to its types"
    );
    let csv = String::from_utf8(export("csv").await).unwrap();
    assert!(csv.starts_with("Partie,Question,Réponse"), "{csv}");
    assert!(csv.contains("Identité,Nom,Julie Tremblay"), "{csv}");

    // The answer is dated, never before the request.
    let path = format!("/api/v1/access-requests/{request}/answer");
    ok(
        &s,
        &privacy,
        "PUT",
        &path,
        json!({ "answered_on": "2027-02-19" }),
        422,
    )
    .await;
    ok(
        &s,
        &privacy,
        "PUT",
        &path,
        json!({ "answered_on": "2027-03-01" }),
        204,
    )
    .await;
    let line = ok(
        &s,
        &privacy,
        "GET",
        &format!("/api/v1/access-requests/{request}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        (&line["answered_on"], &line["nearing"]),
        (&json!("2027-03-01"), &json!(false))
    );

    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let exports = havre_store::entity::audit_entry::Entity::find()
        .filter(havre_store::entity::audit_entry::Column::Action.eq("access.exported"))
        .count(s.store.db())
        .await
        .unwrap();
    assert_eq!(exports, 3);
}

/// A file she was served in, closed in June 2018, is kept seven years; a request never
/// served, closed the same day, two. In July 2025 both are in the preview; the person in
/// charge approves; Havre destroys them. Neither the database (its file and its log
/// included, on SQLite) nor a backup taken before holds her key or her sealed name any more,
/// her notes are gone from both, and the backup still restores; the report of 2018-2019 is
/// the same, figure for figure.
async fn a_file_due_is_destroyed_in_the_database_and_its_backups_and_the_report_stays(
    engine: Engine,
) {
    let backups = tempfile::tempdir().unwrap();
    let config = havre_web::Config {
        backup_dir: Some(backups.path().to_owned()),
        ..Default::default()
    };
    let Some(s) = TestServer::start_with(engine, config).await else {
        return;
    };
    let org = s
        .organization(
            "CALACS de la Rive",
            havre_store::organizations::OrganizationKind::Centre,
            false,
        )
        .await;
    s.on_day(2018, 6, 1);
    let (_, coordinator) = s
        .member(&org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (_, privacy) = s
        .member(&org, "vie-privee@rive.example", &[Role::PrivacyOfficer])
        .await;
    let (_, julie) = request_of(&s, &org, "Julie Tremblay", 6, Default::default()).await;
    let (_, kept) = request_of(&s, &org, "Sophie Roy", 6, Default::default()).await;
    let (unserved, chloe) = request_of(&s, &org, "Chloé Bédard", 6, Default::default()).await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/files/{julie}/meetings"),
        json!({
            "kind": "first_meeting",
            "held_at": s.store.now(),
            "place": "centre",
            "duration_minutes": 60,
        }),
        201,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/files/{julie}/notes"),
        json!({ "body": "Julie Tremblay a rappelé; elle déménage chez sa sœur." }),
        201,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/files/{julie}/close"),
        json!({ "reason": "objectives_met" }),
        204,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/help-requests/{unserved}/close"),
        json!({ "reason": "no_longer_wishes_help" }),
        200,
    )
    .await;
    let year = "/api/v1/reports/activity?from=2018-04-01&to=2019-03-31";
    let report_before = ok(&s, &coordinator, "GET", year, json!(null), 200).await;

    // Seven years and a month later, a backup is taken in Havre's folder.
    s.on_day(2025, 7, 2);
    let person = |id: havre_domain::ids::PersonId| {
        let s = &s;
        async move {
            use sea_orm::EntityTrait;
            havre_store::entity::person::Entity::find_by_id(id)
                .one(s.store.db())
                .await
                .unwrap()
                .unwrap()
        }
    };
    let before = person(julie).await;
    let key = before.file_key_sealed.clone().expect("a key of its own");
    let backup = backups.path().join("havre-2025.backup");
    s.store
        .backup(&havre_store::Actor::operator(), &backup)
        .await
        .unwrap();
    let backup_text = std::fs::read_to_string(&backup).unwrap();
    let her_note = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        havre_store::entity::note::Entity::find()
            .filter(havre_store::entity::note::Column::PersonId.eq(julie))
            .one(s.store.db())
            .await
            .unwrap()
            .unwrap()
            .body_sealed
    };
    assert!(backup_text.contains(&key) && backup_text.contains(&before.name_sealed));
    assert!(backup_text.contains(&her_note));
    // What a copy of the database's files holds (SQLite: the file and its log).
    let database_copy = || {
        let mut copy = Vec::new();
        for entry in std::fs::read_dir(s.db.data_dir()).unwrap().flatten() {
            if entry.path().is_file() && entry.path().extension().is_none_or(|e| e != "backup") {
                copy.extend(std::fs::read(entry.path()).unwrap());
            }
        }
        String::from_utf8_lossy(&copy).into_owned()
    };
    if engine == Engine::Sqlite {
        assert!(database_copy().contains(&key), "the copy is read as it is");
    }

    // The preview lists their files, by reference, oldest due first; the other one is
    // still open.
    let preview = ok(&s, &privacy, "GET", "/api/v1/retention", json!(null), 200).await;
    let due: Vec<(&str, &str, &str)> = preview["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["person_id"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["due_on"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            (chloe.to_string().as_str(), "unserved_request", "2020-06-01"),
            (julie.to_string().as_str(), "closed_file", "2025-06-01"),
        ]
    );
    assert!(!preview.to_string().contains("Julie"), "{preview}");
    // A page of the wait list is kept in memory until a change, names sealed.
    s.store
        .wait_list_window(&s.coordinator_reader(&org), None, 0, 100)
        .await
        .unwrap();
    assert_eq!(s.store.kept_wait_windows(), 1);
    // Approving a file not due destroys nothing of it.
    let done = ok(
        &s,
        &privacy,
        "POST",
        "/api/v1/retention/destroy",
        json!({ "person_ids": [julie, chloe, kept] }),
        200,
    )
    .await;
    assert_eq!((&done["files"], &done["backups"]), (&json!(2), &json!(1)));
    assert_eq!(
        s.store.kept_wait_windows(),
        0,
        "nothing of the destroyed files stays in memory"
    );

    // The database: her row holds her reference, no key; her note is gone.
    let after = person(julie).await;
    assert_eq!(after.file_key_sealed, None);
    assert!(after.destroyed_at.is_some());
    let reader = s.coordinator_reader(&org);
    let file = s.store.person_file(&reader, julie).await.unwrap();
    assert_eq!(file.name, format!("#{}", &julie.to_string()[..8]));
    assert!(file.notes.is_empty());
    assert_eq!(
        s.store.person_file(&reader, kept).await.unwrap().name,
        "Sophie Roy"
    );
    // A copy of the database file and its log holds neither her key nor her sealed name.
    if engine == Engine::Sqlite {
        let copy = database_copy();
        assert!(!copy.contains(&key), "her key in a copy of the database");
        assert!(
            !copy.contains(&her_note),
            "her note in a copy of the database"
        );
        assert!(
            !copy.contains(&before.name_sealed),
            "her name in a copy of the database"
        );
    }
    // The backup taken before: rewritten without her key, her name nor her note, and whole.
    let backup_text = std::fs::read_to_string(&backup).unwrap();
    assert!(!backup_text.contains(&key));
    assert!(!backup_text.contains(&before.name_sealed));
    assert!(!backup_text.contains(&her_note));
    let restored = havre_store::testing::database(Engine::Sqlite)
        .await
        .unwrap();
    let other = havre_store::Store::open(&restored.url, s.keyring(), s.clock.clone())
        .await
        .unwrap();
    other
        .restore(&havre_store::Actor::operator(), &backup, false)
        .await
        .unwrap();
    let file = other.person_file(&reader, julie).await.unwrap();
    assert_eq!(file.name, format!("#{}", &julie.to_string()[..8]));
    assert!(file.notes.is_empty());

    // The year's report is the same, figure for figure.
    let report_after = ok(&s, &coordinator, "GET", year, json!(null), 200).await;
    assert_eq!(report_before, report_after);
    // Audited, without what it held.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let entries = havre_store::entity::audit_entry::Entity::find()
        .filter(havre_store::entity::audit_entry::Column::Action.eq("file.destroyed"))
        .all(s.store.db())
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| !e.detail.contains("Julie")));
}

/// The organization keeps its complaints and its calls one year, its incidents the five the
/// law asks at least (four is refused at its field, and nothing changes). In June 2024, a
/// complaint answered in May 2019, an incident assessed then and a call of that day are due:
/// Havre's daily review tells the person in charge on her home page; she approves; the
/// complainant, the complaint's words and steps, the incident's description and assessment
/// and the resource given are gone, in the database and in a backup taken before, while the
/// year's complaint report and activity report are the same, figure for figure.
async fn complaints_incidents_and_calls_due_lose_what_identifies_and_keep_their_figures(
    engine: Engine,
) {
    let backups = tempfile::tempdir().unwrap();
    let config = havre_web::Config {
        backup_dir: Some(backups.path().to_owned()),
        ..Default::default()
    };
    let Some(s) = TestServer::start_with(engine, config).await else {
        return;
    };
    let org = s
        .organization(
            "CALACS de la Rive",
            havre_store::organizations::OrganizationKind::Centre,
            false,
        )
        .await;
    s.on_day(2019, 5, 25);
    let (_, coordinator) = s
        .member(&org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (_, privacy) = s
        .member(&org, "vie-privee@rive.example", &[Role::PrivacyOfficer])
        .await;

    // The years: four for the incident register is refused, and nothing changes.
    let refused = ok(
        &s,
        &privacy,
        "PUT",
        "/api/v1/retention",
        json!({ "complaint": 1, "incident": 4 }),
        422,
    )
    .await;
    insta::assert_snapshot!(said(&refused), @"years_incident: Le registre des incidents est gardé au moins 5 ans : inscrivez un nombre de 5 à 100.");
    let preview = ok(&s, &privacy, "GET", "/api/v1/retention", json!(null), 200).await;
    assert_eq!(preview["years"]["complaint"], 5);
    ok(
        &s,
        &privacy,
        "PUT",
        "/api/v1/retention",
        json!({ "complaint": 1, "call": 1 }),
        204,
    )
    .await;

    // A complaint answered on 20 May 2019, with a step; a second one still open.
    let reception = nature(&s, &org, "reception").await;
    let answered = id_of(
        &s,
        &coordinator,
        "/api/v1/complaints",
        complaint("2019-05-01", &reception, None),
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/complaints/{answered}/steps"),
        json!({ "day": "2019-05-10", "body": "Rencontre avec Marie Lavoie au centre." }),
        204,
    )
    .await;
    ok(
        &s,
        &coordinator,
        "PUT",
        &format!("/api/v1/complaints/{answered}/conclusion"),
        json!({ "outcome": "founded", "answered_on": "2019-05-20" }),
        204,
    )
    .await;
    let open = id_of(
        &s,
        &coordinator,
        "/api/v1/complaints",
        complaint("2019-05-02", &reception, None),
    )
    .await;
    // An incident, assessed the day it was known.
    let incident = id_of(
        &s,
        &privacy,
        "/api/v1/incidents",
        json!({
            "known_on": "2019-05-01",
            "kind": "loss",
            "description": "Un cahier oublié dans l'autobus, avec le nom de Julie Tremblay.",
            "files_concerned": "#0a1b2c3d",
            "persons_count": 1,
        }),
    )
    .await;
    ok(
        &s,
        &privacy,
        "PUT",
        &format!("/api/v1/incidents/{incident}/assessment"),
        json!({
            "kind": "loss",
            "data": "Son nom et son numéro de téléphone.",
            "sensitivity": "high",
            "consequences": "Son ex-conjoint pourrait la joindre.",
            "probability": "low",
            "serious_risk": false,
            "measures": "Cahiers interdits hors du centre.",
        }),
        204,
    )
    .await;
    // A listening call that gave a resource.
    let topic = s
        .store
        .list_values(org.id, ListKind::CallTopic, false)
        .await
        .unwrap()[0]
        .id;
    ok(
        &s,
        &coordinator,
        "POST",
        "/api/v1/calls",
        json!({
            "at": s.store.now(),
            "duration_minutes": 25,
            "topic": topic,
            "referral_given": "Ligne d'aide 24/7",
        }),
        201,
    )
    .await;
    let year = "/api/v1/reports/activity?from=2019-04-01&to=2020-03-31";
    let complaint_year = "/api/v1/complaints/report?from=2019-04-01&to=2020-03-31";
    let report_before = ok(&s, &coordinator, "GET", year, json!(null), 200).await;
    let complaints_before = ok(&s, &coordinator, "GET", complaint_year, json!(null), 200).await;

    // Five years on, a backup is taken; Havre's daily review counts what is due.
    s.on_day(2024, 6, 1);
    let backup = backups.path().join("havre-2024.backup");
    s.store
        .backup(&havre_store::Actor::operator(), &backup)
        .await
        .unwrap();
    assert!(
        std::fs::read_to_string(&backup)
            .unwrap()
            .contains("Ligne d'aide 24/7")
    );
    s.store.review_retention().await.unwrap();
    let (client, _) = s.login("vie-privee@rive.example").await;
    let home = s.html(&client, "/").await;
    assert!(
        home.contains("3 élément(s) à détruire attendent votre accord"),
        "{home}"
    );
    let preview = ok(&s, &privacy, "GET", "/api/v1/retention", json!(null), 200).await;
    assert_eq!(preview["complaints"].as_array().unwrap().len(), 1);
    assert_eq!(preview["complaints"][0]["id"], json!(answered));
    assert_eq!(preview["complaints"][0]["due_on"], "2020-05-20");
    assert_eq!(preview["incidents"][0]["due_on"], "2024-05-25");
    assert_eq!(preview["calls"], 1);
    let sealed = |id: &str| {
        let s = &s;
        let id: uuid::Uuid = id.parse().unwrap();
        async move {
            use sea_orm::EntityTrait;
            let c = havre_store::entity::complaint::Entity::find_by_id(id)
                .one(s.store.db())
                .await
                .unwrap()
                .unwrap();
            (c.complainant_sealed.unwrap_or_default(), c.summary_sealed)
        }
    };
    let (complainant, summary) = sealed(&answered).await;

    // On the page: the years typed wrong are said at their field; then she approves the
    // preview as it is ticked (the open complaint, not due, is left).
    let csrf = s.csrf_of(&client, "/privacy").await;
    let years = |incident: &str| {
        [
            ("csrf", csrf.clone()),
            ("years_closed_file", "7".to_owned()),
            ("years_unserved_request", "2".to_owned()),
            ("years_call", "1".to_owned()),
            ("years_complaint", "1".to_owned()),
            ("years_incident", incident.to_owned()),
        ]
    };
    let r = client
        .post(s.url("/privacy/retention"))
        .form(&years("4"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(
            "id=\"err-years_incident\">Le registre des incidents est gardé au moins 5 ans"
        ),
        "{page}"
    );
    let page = client
        .post(s.url("/privacy/destruction"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("complaint_ids", answered.as_str()),
            ("complaint_ids", open.as_str()),
            ("incident_ids", incident.as_str()),
            ("calls", "1"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(
            "0 dossier(s), 1 plainte(s), 1 incident(s) et 1 appel(s) détruits; 1 sauvegarde(s) réécrite(s)."
        ),
        "{page}"
    );

    // The complaint: its nature, outcome and dates stay; who and what she said are gone.
    let read = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/complaints/{answered}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        (&read["complainant"], &read["summary"], &read["steps"]),
        (&Value::Null, &json!(""), &json!([]))
    );
    assert_eq!(
        (&read["outcome"], &read["answered_on"]),
        (&json!("founded"), &json!("2019-05-20"))
    );
    let still = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/complaints/{open}"),
        json!(null),
        200,
    )
    .await;
    assert!(
        still["complainant"]
            .as_str()
            .unwrap()
            .contains("Marie Lavoie")
    );
    let read = ok(
        &s,
        &privacy,
        "GET",
        &format!("/api/v1/incidents/{incident}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        (&read["description"], &read["measures"], &read["kind"]),
        (&json!(""), &json!(""), &json!("loss"))
    );
    // The backup taken before holds neither the complaint's words nor the resource given.
    let text = std::fs::read_to_string(&backup).unwrap();
    assert!(!text.contains(&complainant) && !text.contains(&summary));
    assert!(!text.contains("Ligne d'aide 24/7"));
    assert!(!text.contains("Rencontre avec"));

    // The figures of the year are the same.
    assert_eq!(
        ok(&s, &coordinator, "GET", year, json!(null), 200).await,
        report_before
    );
    assert_eq!(
        ok(&s, &coordinator, "GET", complaint_year, json!(null), 200).await,
        complaints_before
    );
    // Audited without what they held; the home page has nothing left to approve.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let entries = havre_store::entity::audit_entry::Entity::find()
        .filter(havre_store::entity::audit_entry::Column::Action.is_in([
            "complaint.destroyed",
            "incident.destroyed",
            "calls.anonymised",
        ]))
        .all(s.store.db())
        .await
        .unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| !e.detail.contains("Marie")));
    let home = s.html(&client, "/").await;
    assert!(!home.contains("id=\"destruction-due\""), "{home}");
}

/// The service declaration and the complaint process start from Havre's model, are published
/// once every placeholder is filled, in numbered versions, on the public page without the raw
/// HTML typed in them; a first meeting records the versions handed to her, and is refused
/// while one of them is not published.
async fn the_texts_are_published_in_versions_and_handed_out_at_the_first_meeting(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS de la Rive").await else {
        return;
    };
    s.on_day(2027, 3, 1);
    let (_, coordinator) = s
        .member(&org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (_, officer) = s
        .member(&org, "plaintes@rive.example", &[Role::ComplaintsOfficer])
        .await;
    let (_, caseworker) = s
        .member(&org, "intervenante@rive.example", &[Role::Caseworker])
        .await;
    let (_, julie) = request_of(&s, &org, "Julie Tremblay", 6, Default::default()).await;
    let declaration = "/api/v1/texts/service_declaration";
    ok(&s, &caseworker, "GET", declaration, json!(null), 403).await;
    let texts = ok(&s, &officer, "GET", declaration, json!(null), 200).await;
    let model = texts["model"].as_str().unwrap();
    assert!(
        model.contains("Déclaration de services de CALACS de la Rive"),
        "{model}"
    );
    assert_eq!(texts["versions"], json!([]));
    // The model as it is still holds what Havre does not know: refused, said at its field.
    let refused = ok(
        &s,
        &officer,
        "POST",
        declaration,
        json!({ "body": model }),
        422,
    )
    .await;
    insta::assert_snapshot!(said(&refused), @"body: Il reste des {{…}} à remplacer dans ce texte.");
    let v1 = "# Déclaration de services\n\nNous vous écoutons.";
    let published = ok(
        &s,
        &officer,
        "POST",
        declaration,
        json!({ "body": v1 }),
        201,
    )
    .await;
    assert_eq!(published["version"], 1);
    let v2 = "# Déclaration de services\n\nNous vous écoutons, <script>alert(1)</script>sans vous juger.";
    let published = ok(
        &s,
        &coordinator,
        "POST",
        declaration,
        json!({ "body": v2 }),
        201,
    )
    .await;
    assert_eq!(published["version"], 2);

    // A first meeting cannot say they were handed out while the process is not published.
    let meeting = json!({
        "kind": "first_meeting",
        "held_at": s.store.now(),
        "place": "centre",
        "duration_minutes": 60,
        "texts_given": true,
    });
    let path = format!("/api/v1/files/{julie}/meetings");
    let refused = ok(&s, &coordinator, "POST", &path, meeting.clone(), 422).await;
    insta::assert_snapshot!(said(&refused), @"texts_given: Publiez d’abord la déclaration de services et la procédure de plainte (Vie privée › Textes).");
    ok(
        &s,
        &officer,
        "POST",
        "/api/v1/texts/complaint_process",
        json!({ "body": "# Procédure de traitement des plaintes\n\n- Écrivez-nous." }),
        201,
    )
    .await;
    ok(&s, &coordinator, "POST", &path, meeting, 201).await;
    let file = ok(
        &s,
        &coordinator,
        "GET",
        &format!("/api/v1/files/{julie}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        file["timeline"][0]["texts_given"],
        "service_declaration:2,complaint_process:1"
    );
    let (client, _) = s.login("coordination@rive.example").await;
    let page = s.html(&client, &format!("/files/{julie}")).await;
    assert!(
        page.contains(
            "Remis : Déclaration de services (v2), Procédure de traitement des plaintes (v1)"
        ),
        "{page}"
    );

    // The public page links the texts; the current version reads, its raw HTML left out.
    let visitor = reqwest::Client::new();
    let public = visitor
        .get(s.url(&format!("/o/{}", org.slug)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        public.contains("/texts/service_declaration") && !public.contains("/texts/privacy_policy")
    );
    let text = visitor
        .get(s.url(&format!("/o/{}/texts/service_declaration", org.slug)))
        .send()
        .await
        .unwrap();
    assert!(text.headers().get("set-cookie").is_none());
    let text = text.text().await.unwrap();
    assert!(text.contains("<h1>Déclaration de services</h1>"), "{text}");
    assert!(
        text.contains("sans vous juger") && !text.contains("<script>alert"),
        "{text}"
    );
    assert!(text.contains("Version 2"), "{text}");
    let missing = visitor
        .get(s.url(&format!("/o/{}/texts/privacy_policy", org.slug)))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}
