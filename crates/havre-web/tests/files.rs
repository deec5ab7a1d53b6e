//! Person files, meetings and their limits, notes and attachments, through the API and the
//! pages, on both engines.

mod common;

use common::*;
use havre_domain::ids::PersonId;
use havre_domain::policy::Role;
use havre_store::organizations::{Organization, OrganizationKind};
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};
use uuid::Uuid;

on_both_engines!(
    limits_warn_at_the_limit_and_refuse_past_it_without_a_reason,
    a_caseworker_opens_another_file_only_with_a_reason_that_the_coordinator_sees,
    bad_meeting_input_gets_a_message_at_its_field_and_writes_nothing,
    attachments_over_the_limit_or_of_a_forbidden_type_are_refused,
    the_file_page_shows_the_banner_records_a_meeting_and_its_time_around,
    a_closed_episode_takes_no_meeting_until_a_new_request,
    the_caseworker_home_page_shows_her_files_her_week_and_her_limits,
    her_details_are_rectified_and_intake_finds_her_by_her_new_number,
    a_meeting_noted_in_error_is_taken_back,
    a_meeting_to_come_is_booked_not_recorded_as_held,
    a_file_opened_stays_open_for_its_reader_only,
    a_file_of_many_meetings_shows_the_latest_and_all_on_demand,
    the_lists_beside_a_file_follow_every_change,
);

struct Files {
    server: TestServer,
    org: Organization,
    caseworker: havre_store::accounts::User,
    token: String,
}

impl Files {
    async fn start(engine: Engine) -> Option<Files> {
        let server = TestServer::start(engine).await?;
        let org = server
            .organization("CALACS des Monts", OrganizationKind::Centre, false)
            .await;
        let caseworker = server
            .user(&org, "julie@monts.example", &[Role::Caseworker])
            .await;
        let token = server.token(&caseworker, Scope::Write).await;
        Some(Files {
            server,
            org,
            caseworker,
            token,
        })
    }

    /// A person whose request was received `days_ago`, assigned to the caseworker through
    /// the wait list (which gives her the file).
    async fn assigned_person(&self, name: &str, days_ago: i64) -> PersonId {
        let (request, person) = request_of(
            &self.server,
            &self.org,
            name,
            days_ago,
            havre_store::intake::SafeContact {
                may_call: true,
                may_leave_message: false,
                may_say_our_name: false,
                hours: "après 18 h".into(),
                safe_number: "418 555-0199".into(),
            },
        )
        .await;
        let r = self
            .post(
                &format!("/api/v1/help-requests/{request}/assign"),
                json!({ "user_id": self.caseworker.id }),
            )
            .await;
        assert_eq!(r.0, 200, "{}", r.1);
        person
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_as(&self.token, path, body, "fr-CA").await
    }

    async fn post_as(&self, token: &str, path: &str, body: Value, lang: &str) -> (u16, Value) {
        let r = reqwest::Client::new()
            .post(self.server.url(path))
            .bearer_auth(token)
            .header("accept-language", lang)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn get_as(&self, token: &str, path: &str) -> (u16, Value) {
        call(&self.server, token, "GET", path, Value::Null).await
    }

    async fn file(&self, person: PersonId) -> Value {
        let (status, file) = self
            .get_as(&self.token, &format!("/api/v1/files/{person}"))
            .await;
        assert_eq!(status, 200, "{file}");
        file
    }

    /// A meeting `days` after now, of `kind`, an hour long.
    fn meeting(&self, kind: &str, days: i64) -> Value {
        json!({
            "kind": kind,
            "held_at": self.server.store.now() + chrono::TimeDelta::days(days),
            "place": "centre",
            "duration_minutes": 60,
            "preparation_minutes": 15,
            "debrief_minutes": 10,
            "travel_minutes": 0,
            "staff": [self.caseworker.id],
        })
    }

    async fn meetings_in_database(&self) -> u64 {
        use sea_orm::{EntityTrait, PaginatorTrait};
        havre_store::entity::meeting::Entity::find()
            .count(self.server.store.db())
            .await
            .unwrap()
    }
}

async fn limits_warn_at_the_limit_and_refuse_past_it_without_a_reason(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Noémie Gauthier", 40).await;
    let path = format!("/api/v1/files/{person}/meetings");
    // Every meeting is in the past: a meeting is recorded once held.
    let r = f.post(&path, f.meeting("first_meeting", -39)).await;
    assert_eq!((r.0, r.1["limit_status"].as_str()), (201, Some("within")));

    // Emergency meetings: 5 at most. The fifth is the last one, and the answer says so.
    for n in 1..=5 {
        let r = f.post(&path, f.meeting("emergency", -38 + n)).await;
        assert_eq!(r.0, 201, "{}", r.1);
        let expected = if n == 5 { "last" } else { "within" };
        assert_eq!(r.1["limit_status"], expected, "emergency meeting {n}");
    }
    let file = f.file(person).await;
    let emergency = file["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "emergency")
        .unwrap()
        .clone();
    assert_eq!(
        (&emergency["used"], &emergency["limit"], &emergency["near"]),
        (&json!(5), &json!(5), &json!(true))
    );
    // The sixth needs a reason; without one, nothing is written.
    let before = f.meetings_in_database().await;
    let r = f.post(&path, f.meeting("emergency", -30)).await;
    assert_eq!(r.0, 422);
    assert_eq!(
        messages(&r.1),
        vec![(
            "over_limit_reason".to_owned(),
            "La limite est atteinte : écrivez la raison de la dépasser.".to_owned()
        )]
    );
    let mut blank = f.meeting("emergency", -30);
    blank["over_limit_reason"] = json!("   ");
    assert_eq!(f.post(&path, blank).await.0, 422, "a blank reason is none");
    assert_eq!(f.meetings_in_database().await, before);
    let mut with_reason = f.meeting("emergency", -30);
    with_reason["over_limit_reason"] = json!("Idées suicidaires, stabilisation avant le suivi");
    let r = f.post(&path, with_reason).await;
    assert_eq!((r.0, r.1["limit_status"].as_str()), (201, Some("beyond")));
    let file = f.file(person).await;
    assert_eq!(
        file["timeline"][0]["over_limit_reason"],
        "Idées suicidaires, stabilisation avant le suivi"
    );
    // The page says why, in each language's own words and spacing.
    let (client, _) = f.server.login("julie@monts.example").await;
    for (lang, said) in [
        ("fr-CA", "Au-delà de la limite : Idées suicidaires"),
        ("en", "Past the limit: Idées suicidaires"),
    ] {
        let page = f
            .server
            .html_in(&client, &format!("/files/{person}"), lang)
            .await;
        assert!(page.contains(said), "{lang}");
    }

    // Follow-up: 15 at most, counted apart from the emergency meetings.
    for n in 1..=15 {
        let r = f.post(&path, f.meeting("follow_up", -29 + n)).await;
        assert_eq!(r.0, 201, "{}", r.1);
        assert_eq!(
            r.1["limit_status"],
            if n == 15 { "last" } else { "within" },
            "follow-up {n}"
        );
    }
    assert_eq!(f.post(&path, f.meeting("follow_up", -13)).await.0, 422);
    // Kinds without a limit never ask for a reason.
    for _ in 0..20 {
        let r = f.post(&path, f.meeting("accompaniment_court", -12)).await;
        assert_eq!((r.0, r.1["limit_status"].as_str()), (201, Some("within")));
    }

    // Support to relatives: 5 per relative.
    let (status, partner) = f
        .post(
            &format!("/api/v1/files/{person}/relatives"),
            json!({ "name": "Luc Gauthier", "relation": "partner" }),
        )
        .await;
    assert_eq!(status, 201);
    let (_, mother) = f
        .post(
            &format!("/api/v1/files/{person}/relatives"),
            json!({ "name": "Hélène Gauthier", "relation": "parent" }),
        )
        .await;
    for n in 1..=5 {
        let mut m = f.meeting("relatives", -11 + n);
        m["relative_id"] = partner["id"].clone();
        let r = f.post(&path, m).await;
        assert_eq!(r.1["limit_status"], if n == 5 { "last" } else { "within" });
    }
    let mut sixth = f.meeting("relatives", -5);
    sixth["relative_id"] = partner["id"].clone();
    assert_eq!(f.post(&path, sixth).await.0, 422);
    let mut other = f.meeting("relatives", -5);
    other["relative_id"] = mother["id"].clone();
    let r = f.post(&path, other).await;
    assert_eq!(
        (r.0, r.1["limit_status"].as_str()),
        (201, Some("within")),
        "the limit is per relative"
    );

    // An organization sets its own limits, through its administrator.
    let admin = f
        .server
        .user(&f.org, "admin@monts.example", &[Role::Administrator])
        .await;
    let admin_token = f.server.token(&admin, Scope::Write).await;
    let patch = |body: Value| {
        let url = f.server.url("/api/v1/organization");
        let token = admin_token.clone();
        async move {
            let r = reqwest::Client::new()
                .patch(url)
                .bearer_auth(token)
                .header("accept-language", "fr-CA")
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, problem) = patch(json!({ "limit_follow_up": 0 })).await;
    assert_eq!(status, 422);
    assert_eq!(
        messages(&problem),
        vec![(
            "limit_follow_up".to_owned(),
            "La limite doit être un nombre de 1 à 100.".to_owned()
        )]
    );
    let (status, org) = patch(json!({ "limit_follow_up": 30 })).await;
    assert_eq!((status, &org["limit_follow_up"]), (200, &json!(30)));
    let r = f.post(&path, f.meeting("follow_up", -4)).await;
    assert_eq!((r.0, r.1["limit_status"].as_str()), (201, Some("within")));
}

async fn a_caseworker_opens_another_file_only_with_a_reason_that_the_coordinator_sees(
    engine: Engine,
) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let s = &f.server;
    let person = f.assigned_person("Rosalie Vachon", 10).await;
    f.post(
        &format!("/api/v1/files/{person}/notes"),
        json!({ "body": "Elle préfère les rencontres le matin." }),
    )
    .await;
    let other = s
        .user(&f.org, "maude@monts.example", &[Role::Caseworker])
        .await;
    let other_token = s.token(&other, Scope::Write).await;
    let coordinator = s
        .user(&f.org, "coord@monts.example", &[Role::Coordinator])
        .await;
    let coordinator_token = s.token(&coordinator, Scope::Write).await;

    // Her own file opens; the other caseworker's does not, and says a reason is needed.
    assert_eq!(f.file(person).await["access"], "assigned");
    let (status, problem) = f
        .get_as(&other_token, &format!("/api/v1/files/{person}"))
        .await;
    assert_eq!(status, 403);
    assert_eq!(problem["type"], "/api/v1/problems/access-reason-required");
    assert!(
        !problem.to_string().contains("Rosalie"),
        "the refusal reveals nothing of the file"
    );
    let (other_client, other_csrf) = s.login("maude@monts.example").await;
    let page = other_client
        .get(s.url(&format!("/files/{person}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    let html = page.text().await.unwrap();
    assert!(html.contains("id=\"f-reason\""), "the page asks why");
    assert!(!html.contains("Rosalie") && !html.contains("le matin"));

    // A reason too short is refused at its field, and grants nothing.
    let r = other_client
        .post(s.url(&format!("/files/{person}/access")))
        .form(&[("csrf", other_csrf.as_str()), ("reason", "urgent")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Écrivez la raison de l&#39;accès (au moins 10 caractères).")
    );
    assert_eq!(
        f.get_as(&other_token, &format!("/api/v1/files/{person}"))
            .await
            .0,
        403
    );

    // With a reason, she reads it: the page says until when, and the log and the
    // coordinator see it.
    let reason = "Julie est absente, Rosalie a appelé en détresse";
    let r = other_client
        .post(s.url(&format!("/files/{person}/access")))
        .form(&[("csrf", other_csrf.as_str()), ("reason", reason)])
        .send()
        .await
        .unwrap();
    let html = follow(&other_client, s, r).await;
    assert!(html.contains("id=\"exceptional-access\""));
    assert!(html.contains("Elle préfère les rencontres le matin."));
    let (status, file) = f
        .get_as(&other_token, &format!("/api/v1/files/{person}"))
        .await;
    assert_eq!(
        (status, file["access"].as_str()),
        (200, Some("exceptional"))
    );

    let entries = s.store.file_reads(f.org.id, person).await.unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.action == "file.access_exceptional" && e.actor_id == Some(other.id.into())),
        "the exceptional access is in the audit log"
    );
    assert!(
        entries
            .iter()
            .any(|e| e.action == "file.read" && e.actor_id == Some(other.id.into()))
    );
    assert_eq!(
        s.store.verify_audit_chain().await.unwrap().first_break,
        None
    );
    let (status, grants) = f
        .get_as(&coordinator_token, "/api/v1/files/access-grants")
        .await;
    assert_eq!(status, 200);
    assert_eq!(grants[0]["reason"], reason);
    assert_eq!(grants[0]["user_id"], json!(other.id));
    assert_eq!(grants[0]["person_name"], "Rosalie Vachon");
    let (coordinator_client, _) = s.login("coord@monts.example").await;
    let html = s.html(&coordinator_client, "/files").await;
    let section = extract(&html, "id=\"exceptional-accesses\"", "</section>").unwrap();
    assert!(section.contains(reason) && section.contains(&other.name));
    // The coordinator sees who read the file, on the file.
    let html = s
        .html(&coordinator_client, &format!("/files/{person}"))
        .await;
    let reads = extract(&html, "id=\"file-reads\"", "</section>").unwrap();
    assert!(reads.contains(&other.name) && reads.contains("Accès exceptionnel à un dossier"));
    // Caseworkers see neither the grants nor the reads.
    assert_eq!(
        f.get_as(&f.token, "/api/v1/files/access-grants").await.0,
        403
    );

    // An exceptional access does not turn itself into an assignment: only the coordinator
    // gives files.
    let (status, _) = f
        .post_as(
            &other_token,
            &format!("/api/v1/files/{person}/caseworkers"),
            json!({ "user_id": other.id }),
            "fr-CA",
        )
        .await;
    assert_eq!(status, 403);
    let other_view = s.html(&other_client, &format!("/files/{person}")).await;
    assert!(other_view.contains("Elle préfère les rencontres le matin."));
    assert!(
        !other_view.contains(&format!("action=\"/files/{person}/caseworkers\"")),
        "no form to give the file"
    );

    // After 8 hours the access ends.
    s.store.clock().advance(chrono::TimeDelta::hours(9));
    assert_eq!(
        f.get_as(&other_token, &format!("/api/v1/files/{person}"))
            .await
            .0,
        403
    );

    // A partner account and a board member see no file at all.
    let board = s
        .user(&f.org, "ca@monts.example", &[Role::BoardMember])
        .await;
    let board_token = s.token(&board, Scope::Read).await;
    let partner = s
        .user(&f.org, "p@partenaire.example", &[Role::PartnerCaseworker])
        .await;
    let partner_token = s.token(&partner, Scope::Write).await;
    for token in [&board_token, &partner_token] {
        assert_eq!(f.get_as(token, "/api/v1/files").await.0, 403);
        assert_eq!(
            f.get_as(token, &format!("/api/v1/files/{person}")).await.0,
            403
        );
        let r = f
            .post_as(
                token,
                &format!("/api/v1/files/{person}/access"),
                json!({ "reason": "Je veux seulement regarder ce dossier" }),
                "fr-CA",
            )
            .await;
        assert_eq!(r.0, 403);
    }
    let (board_client, _) = s.login("ca@monts.example").await;
    for path in ["/files".to_owned(), format!("/files/{person}")] {
        assert_eq!(
            board_client
                .get(s.url(&path))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
    }
}

async fn bad_meeting_input_gets_a_message_at_its_field_and_writes_nothing(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Béatrice Leclerc", 5).await;
    let path = format!("/api/v1/files/{person}/meetings");
    let elsewhere = f
        .server
        .organization("Ailleurs", OrganizationKind::Centre, false)
        .await;
    let stranger = f
        .server
        .user(&elsewhere, "x@ailleurs.example", &[Role::Caseworker])
        .await;
    let foreign_place = f
        .server
        .store
        .list_values(elsewhere.id, havre_domain::lists::ListKind::Place, false)
        .await
        .unwrap()[0]
        .id;
    let now = f.server.store.now();
    let with = |changes: Value| {
        let mut m = f.meeting("follow_up", 0);
        for (k, v) in changes.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    };
    let cases: Vec<(Value, &str, &str, &str)> = vec![
        (
            with(json!({ "duration_minutes": -5 })),
            "duration_minutes",
            "La durée doit être d'une minute à 12 heures.",
            "The length must be from one minute to 12 hours.",
        ),
        (
            with(json!({ "duration_minutes": 0 })),
            "duration_minutes",
            "La durée doit être d'une minute à 12 heures.",
            "The length must be from one minute to 12 hours.",
        ),
        (
            with(json!({ "duration_minutes": 6000 })),
            "duration_minutes",
            "La durée doit être d'une minute à 12 heures.",
            "The length must be from one minute to 12 hours.",
        ),
        (
            with(json!({ "travel_minutes": -30 })),
            "travel_minutes",
            "Ce temps doit être de 0 à 12 heures.",
            "This time must be from 0 to 12 hours.",
        ),
        (
            with(
                json!({ "duration_minutes": 720, "preparation_minutes": 700, "debrief_minutes": 60 }),
            ),
            "duration_minutes",
            "La rencontre et le temps autour dépassent 24 heures.",
            "The meeting and the time around it exceed 24 hours.",
        ),
        (
            with(json!({ "held_at": now - chrono::TimeDelta::days(6) })),
            "held_at",
            "La rencontre ne peut pas précéder la demande.",
            "The meeting cannot come before the request.",
        ),
        (
            with(json!({ "held_at": now + chrono::TimeDelta::minutes(10) })),
            "held_at",
            "Cette date est à venir : on ne note ici qu'une rencontre qui a eu lieu. Une première rencontre à venir se planifie depuis la liste d'attente.",
            "This date is still to come: only a meeting that has taken place is recorded here. A first meeting to come is booked from the wait list.",
        ),
        (
            with(json!({ "place": "partner_premises" })),
            "place_id",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            with(json!({ "place": "partner_premises", "place_id": foreign_place })),
            "place_id",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            with(json!({ "staff": [stranger.id] })),
            "staff",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            with(json!({ "kind": "relatives" })),
            "relative_id",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            with(json!({ "kind": "lunch" })),
            "kind",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
    ];
    for (body, field, fr, en) in cases {
        for (lang, expected) in [("fr-CA", fr), ("en-CA", en)] {
            let (status, problem) = f.post_as(&f.token, &path, body.clone(), lang).await;
            assert_eq!(status, 422, "{body} in {lang}: {problem}");
            assert_eq!(
                messages(&problem),
                vec![(field.to_owned(), expected.to_owned())],
                "{body} in {lang}"
            );
        }
    }
    assert_eq!(f.meetings_in_database().await, 0, "nothing was written");
    let file = f.file(person).await;
    assert_eq!(
        file["episodes"][0]["status"], "waiting",
        "still on the wait list"
    );

    // The page form: a number that is not one, at its field, with what was typed.
    let (client, csrf) = f.server.login("julie@monts.example").await;
    let r = client
        .post(f.server.url(&format!("/files/{person}/meetings")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "follow_up"),
            (
                "date",
                &havre_domain::zone::Zone::default()
                    .local(now)
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            ("time", "00:01"),
            ("place", "centre"),
            ("duration", "une heure"),
            ("travel", "-20"),
            ("staff", &f.caseworker.id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    let duration = extract(&html, "id=\"err-duration\"", "</p>").unwrap();
    assert!(duration.contains("Écrivez un nombre entier de minutes."));
    assert!(
        html.contains("value=\"une heure\""),
        "what was typed is shown back"
    );
    assert_eq!(f.meetings_in_database().await, 0);
}

async fn attachments_over_the_limit_or_of_a_forbidden_type_are_refused(engine: Engine) {
    use base64::Engine as _;
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Jade Ouellet", 5).await;
    let path = format!("/api/v1/files/{person}/attachments");
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut too_large = b"%PDF-1.7\n".to_vec();
    too_large.resize(havre_domain::files::ATTACHMENT_MAX_BYTES + 1, b'x');
    for (bytes, expected) in [
        (
            too_large,
            ("Ce document dépasse 5 Mo.", "This document is over 5 MB."),
        ),
        (
            b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
            (
                "Ce type de document n'est pas accepté : PDF, PNG, JPEG ou texte seulement.",
                "This type of document is not accepted: PDF, PNG, JPEG or text only.",
            ),
        ),
        (
            b"<html><script>alert(1)</script></html>".to_vec(),
            (
                "Ce type de document n'est pas accepté : PDF, PNG, JPEG ou texte seulement.",
                "This type of document is not accepted: PDF, PNG, JPEG or text only.",
            ),
        ),
    ] {
        for (lang, message) in [("fr-CA", expected.0), ("en-CA", expected.1)] {
            let (status, problem) = f
                .post_as(
                    &f.token,
                    &path,
                    json!({ "file_name": "piece.pdf", "content_base64": b64(&bytes) }),
                    lang,
                )
                .await;
            assert_eq!(status, 422, "{problem}");
            assert_eq!(
                messages(&problem),
                vec![("file".to_owned(), message.to_owned())]
            );
        }
    }
    assert!(
        f.file(person).await["attachments"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Through the page, as multipart: refused at the field; a PDF is kept and served back
    // as a download, never rendered in Havre's origin.
    let (client, csrf) = f.server.login("julie@monts.example").await;
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        client
            .post(f.server.url(&format!("/files/{person}/attachments")))
            .multipart(form)
            .send()
    };
    let r = upload("virus.exe", b"MZ\x90\x00".to_vec()).await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        extract(&html, "id=\"err-file\"", "</p>")
            .unwrap()
            .contains("Ce type de document n&#39;est pas accepté")
    );
    assert!(
        f.file(person).await["attachments"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let pdf = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let r = upload("Lettre à l'IVAC.pdf", pdf.clone()).await.unwrap();
    assert!(
        follow(&client, &f.server, r)
            .await
            .contains("Pièce jointe enregistrée.")
    );
    let file = f.file(person).await;
    assert_eq!(file["attachments"][0]["file_name"], "Lettre à l'IVAC.pdf");
    assert_eq!(file["attachments"][0]["media_type"], "application/pdf");
    let r = client
        .get(f.server.url(&format!(
            "/files/{person}/attachments/{}",
            file["attachments"][0]["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let headers = r.headers().clone();
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    // A document of 3 MB, over the 2 MB of ordinary forms, goes through the page.
    let mut large = b"%PDF-1.7\n".to_vec();
    large.resize(3 * 1024 * 1024, b'x');
    let r = upload("rapport.pdf", large.clone()).await.unwrap();
    assert!(follow(&client, &f.server, r).await.contains("rapport.pdf"));
    let named = |file: &Value, name: &str| {
        file["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["file_name"] == name)
            .cloned()
    };
    let file = f.file(person).await;
    assert_eq!(
        named(&file, "rapport.pdf").unwrap()["size_bytes"],
        json!(large.len())
    );
    // A script saved as text keeps a text extension: it never downloads as a program.
    let r = upload("relance.js", b"alert('x');\n".to_vec())
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(named(&f.file(person).await, "relance.js.txt").is_some());
    // Other forms take no multipart body, even with the token.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("body", "une note");
    let r = client
        .post(f.server.url(&format!("/files/{person}/notes")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // A multipart form without the CSRF token, with a wrong one, or with the token after the
    // document is refused before the document is read.
    let document =
        || reqwest::multipart::Part::bytes(b"%PDF-1.4 x".to_vec()).file_name("refused.pdf");
    let mut wrong = csrf.clone();
    wrong.replace_range(..1, if wrong.starts_with('A') { "B" } else { "A" });
    for form in [
        reqwest::multipart::Form::new().part("file", document()),
        reqwest::multipart::Form::new()
            .text("csrf", wrong)
            .part("file", document()),
        reqwest::multipart::Form::new()
            .text("csrf", "")
            .part("file", document()),
        reqwest::multipart::Form::new()
            .part("file", document())
            .text("csrf", csrf.clone()),
        reqwest::multipart::Form::new()
            .text("note", "avant")
            .text("csrf", csrf.clone())
            .part("file", document()),
    ] {
        let r = client
            .post(f.server.url(&format!("/files/{person}/attachments")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
    assert_eq!(
        f.file(person).await["attachments"]
            .as_array()
            .unwrap()
            .len(),
        3,
        "the refused forms wrote nothing"
    );
}

async fn the_file_page_shows_the_banner_records_a_meeting_and_its_time_around(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Léa Caron", 3).await;
    let (client, csrf) = f.server.login("julie@monts.example").await;
    let html = client
        .get(f.server.url(&format!("/files/{person}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The safe-contact banner comes before any form.
    let banner = html.find("id=\"safe-contact\"").unwrap();
    let first_form = html.find("<form method=\"post\" action=\"/files/").unwrap();
    assert!(banner < first_form);
    let section = extract(&html, "id=\"safe-contact\"", "</section>").unwrap();
    assert!(section.contains("Ne pas laisser de message"));
    assert!(section.contains("après 18 h") && section.contains("418 555-0199"));

    // Yesterday: a meeting is recorded once held.
    let yesterday = havre_domain::zone::Zone::default()
        .local(f.server.store.now() - chrono::TimeDelta::days(1));
    let r = client
        .post(f.server.url(&format!("/files/{person}/meetings")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "first_meeting"),
            ("date", &yesterday.format("%Y-%m-%d").to_string()),
            ("time", "09:30"),
            ("place", "centre"),
            ("duration", "75"),
            ("preparation", "20"),
            ("debrief", "15"),
            ("travel", "35"),
            ("staff", &f.caseworker.id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    let html = follow(&client, &f.server, r).await;
    assert!(html.contains("Rencontre enregistrée."));
    let timeline = extract(&html, "id=\"timeline\"", "</section>").unwrap();
    assert!(timeline.contains("Première rencontre"));
    assert!(timeline.contains("09 h 30"));
    assert!(timeline.contains("1 h 15"), "the meeting: {timeline}");
    assert!(timeline.contains("prép. 0 h 20 · bilan 0 h 15 · dépl. 0 h 35"));
    assert!(timeline.contains("2 h 25"), "hours invested, all together");
    assert!(timeline.contains(&f.caseworker.name));
    // Her first meeting took her off the wait list.
    let file = f.file(person).await;
    assert_eq!(file["episodes"][0]["status"], "in_service");
    assert!(
        f.server
            .store
            .wait_list(f.org.id, None)
            .await
            .unwrap()
            .requests
            .is_empty()
    );
    // A note, sealed, shown back escaped.
    let r = client
        .post(f.server.url(&format!("/files/{person}/notes")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("body", "<script>alert(1)</script> suivi"),
        ])
        .send()
        .await
        .unwrap();
    let html = follow(&client, &f.server, r).await;
    assert!(
        html.contains("&#60;script&#62;alert(1)"),
        "the note is shown escaped"
    );
    assert!(!html.contains("<script>alert(1)"));
}

async fn a_closed_episode_takes_no_meeting_until_a_new_request(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Florence Roy", 30).await;
    let path = format!("/api/v1/files/{person}/meetings");
    assert_eq!(f.post(&path, f.meeting("first_meeting", -20)).await.0, 201);
    let r = f
        .post(
            &format!("/api/v1/files/{person}/close"),
            json!({ "reason": "nothing" }),
        )
        .await;
    assert_eq!(r.0, 422);
    let r = f
        .post(
            &format!("/api/v1/files/{person}/close"),
            json!({ "reason": "objectives_met" }),
        )
        .await;
    assert_eq!(r.0, 204);
    let file = f.file(person).await;
    assert_eq!(file["episodes"][0]["status"], "closed");
    assert_eq!(file["episodes"][0]["close_reason"], "objectives_met");
    let (status, problem) = f.post(&path, f.meeting("follow_up", -1)).await;
    assert_eq!(status, 422);
    assert_eq!(messages(&problem)[0].0, "kind");
    // She calls again: a new request by the same phone opens a second episode.
    let r = reqwest::Client::new()
        .get(f.server.url("/api/v1/lists"))
        .bearer_auth(&f.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    use havre_store::entity::help_request;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    // The same person, through the store (intake's own tests cover finding her again).
    let first = help_request::Entity::find()
        .one(f.server.store.db())
        .await
        .unwrap()
        .unwrap();
    let mut again: help_request::ActiveModel = first.clone().into();
    again.id = Set(Uuid::new_v4());
    again.sequence = Set(2);
    again.status = Set("waiting".into());
    again.closed_at = Set(None);
    again.close_reason = Set(None);
    again.services_started_at = Set(None);
    again.received_at = Set(f.server.store.now());
    again.insert(f.server.store.db()).await.unwrap();
    let r = f.post(&path, f.meeting("first_meeting", 0)).await;
    assert_eq!(r.0, 201, "{}", r.1);
    let file = f.file(person).await;
    assert_eq!(file["episodes"][0]["sequence"], 2);
    assert_eq!(file["episodes"][0]["status"], "in_service");
    assert_eq!(file["timeline"][0]["episode_id"], file["episodes"][0]["id"]);
}

async fn the_caseworker_home_page_shows_her_files_her_week_and_her_limits(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let near = f.assigned_person("Alice Near", 40).await;
    let calm = f.assigned_person("Berthe Calm", 40).await;
    let not_hers = request_of(&f.server, &f.org, "Carole Autre", 40, Default::default())
        .await
        .1;
    for n in 0..4 {
        let r = f
            .post(
                &format!("/api/v1/files/{near}/meetings"),
                f.meeting("emergency", -30 + n),
            )
            .await;
        assert_eq!(r.0, 201);
    }
    let r = f
        .post(
            &format!("/api/v1/files/{calm}/meetings"),
            f.meeting("first_meeting", 0),
        )
        .await;
    assert_eq!(r.0, 201);
    // The coordinator notes a meeting on a file that is not Julie's, with Julie there.
    let coordinator = f
        .server
        .user(&f.org, "coord@monts.example", &[Role::Coordinator])
        .await;
    let coordinator = f.server.token(&coordinator, Scope::Write).await;
    let r = f
        .post_as(
            &coordinator,
            &format!("/api/v1/files/{not_hers}/meetings"),
            f.meeting("first_meeting", 0),
            "fr-CA",
        )
        .await;
    assert_eq!(r.0, 201, "{}", r.1);
    let (client, _) = f.server.login("julie@monts.example").await;
    let html = client
        .get(f.server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let files = extract(&html, "id=\"my-files\"", "</section>").unwrap();
    assert!(files.contains("Alice Near") && files.contains("Berthe Calm"));
    assert!(!html.contains("Carole Autre"));
    let near_section = extract(&html, "id=\"near-limits\"", "</section>").unwrap();
    assert!(near_section.contains("Alice Near"));
    assert!(near_section.contains("Rencontre d&#39;urgence : 4 / 5"));
    assert!(!near_section.contains("Berthe Calm"));
    let week = extract(&html, "id=\"my-week\"", "</section>").unwrap();
    assert!(week.contains("Berthe Calm") && week.contains("Première rencontre"));
    assert!(!week.contains("Alice Near"), "her meetings were weeks ago");
    // Her meeting on a file that is not hers is in her week, without the woman's name: the
    // link asks why she opens it.
    assert!(week.contains(&format!(
        "<a href=\"/files/{not_hers}\">Dossier qui n’est pas le vôtre</a>"
    )));
}

async fn her_details_are_rectified_and_intake_finds_her_by_her_new_number(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let s = &f.server;
    let person = f.assigned_person("Maude Pelletier", 12).await;
    let (client, csrf) = s.login("julie@monts.example").await;
    let send = |phone: &str, hours: &str| {
        client
            .post(s.url(&format!("/files/{person}/person")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Maude Pelletier"),
                ("phone", phone),
                ("birth_year", "1990"),
                ("may_call", "on"),
                ("safe_hours", hours),
                ("safe_number", ""),
            ])
            .send()
    };
    // A number that is not one: the message at its field, the form open with what was
    // typed, and nothing changed.
    let r = send("pas un numéro", "le matin seulement").await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("<details id=\"person\" open>"));
    assert!(extract(&html, "id=\"err-phone\"", "</p>").is_some());
    assert!(html.contains("value=\"le matin seulement\""));
    let file = f.file(person).await;
    assert_eq!(
        file["safe_contact"]["hours"], "après 18 h",
        "nothing changed"
    );
    // Saved: the banner follows her new instructions.
    let r = send("418 555-0777", "le matin seulement").await.unwrap();
    let html = follow(&client, s, r).await;
    let banner = extract(&html, "id=\"safe-contact\"", "</section>").unwrap();
    assert!(banner.contains("le matin seulement") && banner.contains("418 555-0777"));
    assert!(banner.contains("Ne pas laisser de message"));
    assert!(
        !banner.contains("418 555-0199"),
        "the old safe number is gone"
    );
    // Through the API, one instruction at a time.
    let r = reqwest::Client::new()
        .patch(s.url(&format!("/api/v1/files/{person}/person")))
        .bearer_auth(&f.token)
        .json(&json!({ "may_leave_message": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let file = f.file(person).await;
    assert_eq!(
        (
            &file["safe_contact"]["may_leave_message"],
            &file["safe_contact"]["hours"],
            &file["phone"]
        ),
        (
            &json!(true),
            &json!("le matin seulement"),
            &json!("418 555-0777")
        )
    );
    // She calls again from her new number, written another way: intake finds her.
    let again = s
        .store
        .record_help_request(
            &havre_store::Actor::operator(),
            f.org.id,
            havre_store::intake::NewHelpRequest {
                from_online: None,
                phone: Some("(418) 555.0777".into()),
                ..new_request(s, f.org.id, "M. Pelletier").await
            },
        )
        .await
        .unwrap();
    assert_eq!((again.person_id, again.sequence), (person, 2));
    let entries = s.store.file_reads(f.org.id, person).await.unwrap();
    assert!(entries.iter().any(|e| e.action == "file.person_updated"));
}

async fn a_meeting_noted_in_error_is_taken_back(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let s = &f.server;
    let person = f.assigned_person("Zoé Lapointe", 8).await;
    let path = format!("/api/v1/files/{person}/meetings");
    let (_, first) = f.post(&path, f.meeting("first_meeting", -2)).await;
    assert_eq!(f.file(person).await["episodes"][0]["status"], "in_service");
    // Her only meeting taken back: she waits again, as if it had never been noted.
    let remove = |meeting: &Value, token: &str| {
        let url = s.url(&format!(
            "/api/v1/files/{person}/meetings/{}/remove",
            meeting["id"].as_str().unwrap()
        ));
        let token = token.to_owned();
        async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(remove(&first, &f.token).await, 204);
    let file = f.file(person).await;
    assert!(file["timeline"].as_array().unwrap().is_empty());
    assert_eq!(file["episodes"][0]["status"], "waiting");
    assert_eq!(
        s.store
            .wait_list(f.org.id, None)
            .await
            .unwrap()
            .requests
            .len(),
        1
    );
    // Taken back once, it is gone: a second time is a 404.
    assert_eq!(remove(&first, &f.token).await, 404);

    let (_, kept) = f.post(&path, f.meeting("first_meeting", -2)).await;
    let (_, wrong) = f.post(&path, f.meeting("emergency", -1)).await;
    // A colleague who opened the file for a reason cannot take back what she did not note.
    let other = s
        .user(&f.org, "nadia@monts.example", &[Role::Caseworker])
        .await;
    let other_token = s.token(&other, Scope::Write).await;
    let (status, _) = f
        .post_as(
            &other_token,
            &format!("/api/v1/files/{person}/access"),
            json!({ "reason": "Remplacement pendant les vacances de Julie" }),
            "fr-CA",
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(remove(&wrong, &other_token).await, 403);
    // The coordinator can; the episode keeps its start, from the meeting that remains.
    let coordinator = s
        .user(&f.org, "coord@monts.example", &[Role::Coordinator])
        .await;
    let coordinator_token = s.token(&coordinator, Scope::Write).await;
    assert_eq!(remove(&wrong, &coordinator_token).await, 204);
    let file = f.file(person).await;
    assert_eq!(file["timeline"].as_array().unwrap().len(), 1);
    assert_eq!(file["timeline"][0]["id"], kept["id"]);
    assert_eq!(file["episodes"][0]["status"], "in_service");
    let entries = s.store.file_reads(f.org.id, person).await.unwrap();
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.action == "meeting.removed")
            .count(),
        2
    );
    // On the page, the caseworker's own meeting offers to be taken back.
    let (client, _) = s.login("julie@monts.example").await;
    let html = s.html(&client, &format!("/files/{person}")).await;
    assert!(html.contains(&format!(
        "action=\"/files/{person}/meetings/{}/remove\"",
        kept["id"].as_str().unwrap()
    )));
}

async fn a_meeting_to_come_is_booked_not_recorded_as_held(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let (request, person) = {
        let person = f.assigned_person("Inès Bouchard", 10).await;
        let file = f.file(person).await;
        (
            file["episodes"][0]["id"].as_str().unwrap().to_owned(),
            person,
        )
    };
    let path = format!("/api/v1/files/{person}/meetings");
    let now = f.server.store.now();
    let fr = "Cette date est à venir : on ne note ici qu'une rencontre qui a eu lieu. Une première rencontre à venir se planifie depuis la liste d'attente.";
    let audited = audit_entries(&f.server).await;
    // Tomorrow, and ten minutes from now: still to come, refused at the field the API names.
    for ahead in [chrono::TimeDelta::days(1), chrono::TimeDelta::minutes(10)] {
        let mut m = f.meeting("first_meeting", 0);
        m["held_at"] = json!(now + ahead);
        let (status, problem) = f.post(&path, m).await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(
            messages(&problem),
            vec![("held_at".to_owned(), fr.to_owned())]
        );
    }
    assert_eq!(f.meetings_in_database().await, 0, "nothing was written");
    assert_eq!(audit_entries(&f.server).await, audited, "nor audited");
    // The page: the same message at the date, with what was typed.
    let (client, csrf) = f.server.login("julie@monts.example").await;
    let tomorrow = havre_domain::zone::Zone::default().local(now + chrono::TimeDelta::days(1));
    let tomorrow = tomorrow.format("%Y-%m-%d").to_string();
    let r = client
        .post(f.server.url(&format!("/files/{person}/meetings")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "first_meeting"),
            ("date", tomorrow.as_str()),
            ("time", "10:00"),
            ("place", "centre"),
            ("duration", "60"),
            ("staff", &f.caseworker.id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    let date = extract(&html, "id=\"err-date\"", "</p>").unwrap();
    assert!(date.contains(&fr.replace('\'', "&#39;")), "{date}");
    assert!(html.contains(&format!("value=\"{tomorrow}\"")));
    assert_eq!(f.meetings_in_database().await, 0);
    let file = f.file(person).await;
    assert_eq!(file["episodes"][0]["status"], "waiting", "still waiting");
    // Planning stays possible: the wait list books her first meeting for tomorrow.
    let (status, booked) = f
        .post(
            &format!("/api/v1/help-requests/{request}/first-meeting"),
            json!({ "at": now + chrono::TimeDelta::days(1), "place": "Au centre" }),
        )
        .await;
    assert!(status < 300, "{booked}");
    // A device whose clock runs a minute ahead notes a meeting just held.
    let mut m = f.meeting("first_meeting", 0);
    m["held_at"] = json!(now + chrono::TimeDelta::minutes(1));
    let (status, recorded) = f.post(&path, m).await;
    assert_eq!(status, 201, "{recorded}");
    assert_eq!(f.meetings_in_database().await, 1);
}

/// A reader keeps, for her request, the files she was found allowed to open
/// (docs/architecture.md "One request, one decision per file"): a refusal is not kept, so a
/// reason given opens the file at once; a reader made from hers by a clone is someone else and
/// starts afresh; and the next request decides again.
async fn a_file_opened_stays_open_for_its_reader_only(engine: Engine) {
    use havre_store::StoreError;
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let s = &f.server;
    let person = f.assigned_person("Rosalie Vachon", 10).await;
    let other = s
        .user(&f.org, "maude@monts.example", &[Role::Caseworker])
        .await;
    let reader_of = |user: &havre_store::accounts::User| havre_store::files::Reader {
        actor: havre_store::Actor {
            organization_id: Some(f.org.id),
            user_id: Some(user.id),
            ..havre_store::Actor::operator()
        },
        organization_id: f.org.id,
        user_id: user.id,
        roles: user.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };

    // Her own file opens, and stays open for her reader; made from hers, the other
    // caseworker's reader does not inherit it.
    let hers = reader_of(&f.caseworker);
    assert!(s.store.person_file(&hers, person).await.is_ok());
    let other_from_hers = havre_store::files::Reader {
        user_id: other.id,
        actor: havre_store::Actor {
            user_id: Some(other.id),
            ..hers.actor.clone()
        },
        ..hers.clone()
    };
    assert!(matches!(
        s.store.person_file(&other_from_hers, person).await,
        Err(StoreError::AccessNeedsReason)
    ));

    // Refused, then a reason given with the same reader: the file opens at once.
    let theirs = reader_of(&other);
    assert!(matches!(
        s.store.person_file(&theirs, person).await,
        Err(StoreError::AccessNeedsReason)
    ));
    s.store
        .open_file_with_reason(&theirs, person, "Remplacement pendant son congé")
        .await
        .unwrap();
    assert!(s.store.person_file(&theirs, person).await.is_ok());

    // Her assignment taken away: the reader of her request still reads what it read, the
    // next request's reader is refused.
    {
        use havre_store::entity::file_caseworker;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        file_caseworker::Entity::delete_many()
            .filter(file_caseworker::Column::PersonId.eq(person.uuid()))
            .exec(s.store.db())
            .await
            .unwrap();
    }
    assert!(s.store.pathways_on_file(&hers, person).await.is_ok());
    assert!(matches!(
        s.store
            .pathways_on_file(&reader_of(&f.caseworker), person)
            .await,
        Err(StoreError::AccessNeedsReason)
    ));
}

/// The file page shows her 25 latest meetings and says how many there are; the link shows
/// them all. The limits and the home page count every meeting, shown or not.
async fn a_file_of_many_meetings_shows_the_latest_and_all_on_demand(engine: Engine) {
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Delphine Longue", 120).await;
    let path = format!("/api/v1/files/{person}/meetings");
    // The oldest is an emergency meeting; 27 accompaniments came after it, every other one
    // with a colleague too.
    let colleague = f
        .server
        .user(&f.org, "nadia@monts.example", &[Role::Caseworker])
        .await;
    let r = f.post(&path, f.meeting("emergency", -100)).await;
    assert_eq!(r.0, 201, "{}", r.1);
    for day in 0..27 {
        let mut meeting = f.meeting("accompaniment_court", -60 + day);
        if day % 2 == 0 {
            meeting["staff"] = json!([f.caseworker.id, colleague.id]);
        }
        let r = f.post(&path, meeting).await;
        assert_eq!(r.0, 201, "{}", r.1);
    }
    let (client, _) = f.server.login("julie@monts.example").await;
    let page = |query: &'static str| {
        let client = client.clone();
        let url = f.server.url(&format!("/files/{person}{query}"));
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let first = page("").await;
    let timeline = extract(&first, "id=\"timeline\"", "</section>").unwrap();
    assert_eq!(timeline.matches("<tr><td>").count(), 25);
    assert!(
        !timeline.contains("Rencontre d&#39;urgence"),
        "the oldest is not shown"
    );
    assert!(timeline.contains("Les 25 rencontres les plus récentes sur 28."));
    assert!(timeline.contains(&format!(
        "<a href=\"/files/{person}?meetings=all#timeline\">Voir les 28 rencontres</a>"
    )));
    // Her limits count the meeting the page does not show.
    let limits = extract(&first, "id=\"limits\"", "</ul>").unwrap();
    assert!(
        limits.contains("Rencontre d&#39;urgence : 1 / 5"),
        "{limits}"
    );
    let all = page("?meetings=all").await;
    let timeline = extract(&all, "id=\"timeline\"", "</section>").unwrap();
    assert_eq!(timeline.matches("<tr><td>").count(), 28);
    assert!(timeline.contains("Rencontre d&#39;urgence"));
    assert!(!timeline.contains("Voir les 28 rencontres"));
    // The API gives them all, each with who was there.
    let file = f.file(person).await;
    let timeline = file["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 28);
    let mut two = timeline[0]["staff"].as_array().unwrap().clone();
    two.sort_by_key(|v| v.to_string());
    let mut expected = vec![json!(f.caseworker.id), json!(colleague.id)];
    expected.sort_by_key(|v| v.to_string());
    assert_eq!(two, expected, "the latest, with a colleague");
    assert_eq!(timeline[1]["staff"], json!([f.caseworker.id]));
    assert_eq!(
        timeline
            .iter()
            .map(|m| m["staff"].as_array().unwrap().len())
            .sum::<usize>(),
        28 + 14
    );
}

async fn the_lists_beside_a_file_follow_every_change(engine: Engine) {
    use sea_orm::ConnectionTrait;
    let Some(f) = Files::start(engine).await else {
        return;
    };
    let person = f.assigned_person("Delphine Liste", 3).await;
    let (client, _) = f.server.login("julie@monts.example").await;
    let path = format!("/files/{person}");
    let page = async || f.server.html(&client, &path).await;
    let first = page().await;
    assert!(first.contains("Personne julie@monts.example"));
    assert!(
        first.contains(">Autre lieu partenaire<"),
        "the place offered"
    );
    assert!(!first.contains("Personne marie@monts.example"));
    // A colleague joins the team through Havre…
    f.server
        .user(&f.org, "marie@monts.example", &[Role::Caseworker])
        .await;
    let second = page().await;
    assert!(
        second.contains("Personne marie@monts.example"),
        "she can be ticked at once"
    );
    // …and a place is renamed by hand in the database: the count of changes moves all the same.
    f.server
        .store
        .db()
        .execute_unprepared(
            "UPDATE list_values SET label_fr = 'Salle des Érables' \
             WHERE list = 'place' AND key = 'other_partner'",
        )
        .await
        .unwrap();
    let third = page().await;
    assert!(
        third.contains("Salle des Érables"),
        "the new name is offered"
    );
    assert!(!third.contains(">Autre lieu partenaire<"));
    // The centre had no request to its fund: the page did not ask for hers. The first one
    // shows at the next opening.
    assert!(!third.contains("25,00\u{A0}$"));
    let reader = f
        .server
        .store
        .reader_for(&f.caseworker, havre_store::Actor::operator())
        .await
        .unwrap();
    f.server
        .store
        .request_fund(
            &reader,
            person,
            Some(2_500),
            Some(havre_domain::fund::Purpose::Food),
            "Épicerie",
        )
        .await
        .unwrap();
    let fourth = page().await;
    assert!(fourth.contains("25,00\u{A0}$"), "her request to the fund");
}
