//! The web server on both engines: sessions, throttling, CSRF, the second factor, tenant
//! isolation, the API, the security headers.

mod common;
// Passwords refused at their field, organizations named in any script.
#[path = "web/passwords_and_names.rs"]
mod passwords_and_names;
// Houses, units, stays and the secret address.
#[path = "web/housing.rs"]
mod housing;
// An organization in France: its calendar year on Paris's clock.
#[path = "web/france.rs"]
mod france;

#[path = "web/care.rs"]
mod care;
// Missions: partners, requests, workers and their pay.
#[path = "web/complaints.rs"]
mod complaints;

#[path = "web/missions.rs"]
mod missions;
// Networks: member houses' signed submissions and the network's report.
#[path = "web/network.rs"]
mod network;

use common::*;
use havre_domain::policy::{Role, navigation};
use havre_store::organizations::OrganizationKind;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both_engines!(
    health_headers_and_metrics,
    known_and_unknown_accounts_get_the_same_answer_and_are_throttled,
    session_cookie_flags_and_rotation,
    forms_without_the_csrf_token_are_refused,
    second_factor_enrolment_and_login,
    every_route_with_an_identifier_hides_other_organizations,
    api_users_and_problems,
    each_role_sees_its_navigation_and_nothing_more,
    role_change_and_password_change_end_sessions,
    audit_page_shows_logins_to_the_coordinator_only,
    public_page_sets_no_cookie_and_has_a_quick_exit,
    language_follows_accept_language_then_the_choice,
    a_session_ends_after_twelve_hours_even_when_used,
    under_load_requests_queue_then_get_a_clean_503,
    what_users_type_cannot_break_a_page,
    an_administrator_resets_a_password_and_a_lost_second_factor,
    the_administrator_sets_the_public_page_and_the_second_factor_rule,
);

on_both_engines!(governance_is_kept_by_the_administration_and_read_by_the_board);

on_both_engines!(a_script_works_with_its_token_and_sets_up_the_second_factor_through_the_api);

async fn health_headers_and_metrics(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let r = reqwest::get(s.url("/healthz")).await.unwrap();
    assert_eq!(r.status(), 200);
    let r = reqwest::get(s.url("/login")).await.unwrap();
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
    let html = r.text().await.unwrap();
    assert!(
        !html.contains("<script>") && !html.contains(" onclick="),
        "no inline script"
    );
    let metrics = reqwest::get(s.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics
            .contains("havre_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"}"),
        "{metrics}"
    );
    // Through a proxy, the figures are not there.
    let proxied = s
        .client()
        .get(s.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), 404);
    // An unknown path is a 404 page in French.
    let r = reqwest::get(s.url("/nulle-part")).await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Page introuvable"));
}

async fn known_and_unknown_accounts_get_the_same_answer_and_are_throttled(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "connue@centre-a.example", &[Role::Caseworker])
        .await;
    let client = s.client();

    let known = s
        .login_with(&client, "connue@centre-a.example", "mauvais mot de passe")
        .await;
    let (known_status, known_body) = (known.status(), known.text().await.unwrap());
    let unknown = s
        .login_with(&client, "inconnue@centre-a.example", "mauvais mot de passe")
        .await;
    let (unknown_status, unknown_body) = (unknown.status(), unknown.text().await.unwrap());
    assert_eq!(known_status, StatusCode::UNAUTHORIZED);
    assert_eq!(known_status, unknown_status);
    assert!(known_body.contains("Courriel ou mot de passe incorrect."));
    // The pages differ only by the email typed back into the field.
    assert_eq!(
        known_body.replace("connue@", "X@"),
        unknown_body.replace("inconnue@", "X@")
    );

    // Four more failures reach the threshold of five: then even the right password waits.
    for _ in 0..4 {
        s.login_with(&client, "connue@centre-a.example", "mauvais mot de passe")
            .await;
        s.login_with(&client, "inconnue@centre-a.example", "mauvais mot de passe")
            .await;
    }
    let r = s
        .login_with(&client, "connue@centre-a.example", PASSWORD)
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let known_throttled = r.text().await.unwrap();
    assert!(known_throttled.contains("Trop de tentatives"));
    let r = s
        .login_with(&client, "inconnue@centre-a.example", PASSWORD)
        .await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "an unknown account is throttled the same way"
    );
    assert_eq!(
        known_throttled.replace("connue@", "X@"),
        r.text().await.unwrap().replace("inconnue@", "X@")
    );

    // The delay passes (15 s after the fifth failure): the right password works again.
    s.clock.advance(chrono::TimeDelta::seconds(16));
    let r = s
        .login_with(&client, "connue@centre-a.example", PASSWORD)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Nothing in the answers said which account exists; the audit log knows both attempts.
    let entries = s.store.audit_entries(org.id, None, 100).await.unwrap();
    assert!(entries.iter().any(|e| e.action == "login.throttled"));
    assert!(
        entries
            .iter()
            .filter(|e| e.action == "login.failed")
            .count()
            >= 5
    );
}

async fn session_cookie_flags_and_rotation(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "a@centre-a.example", &[Role::Coordinator])
        .await;
    let client = s.client();
    let first = s.login_with(&client, "a@centre-a.example", PASSWORD).await;
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    let (first_value, flags) = cookie_parts(&cookie);
    assert!(first_value.starts_with("havre_session="), "{cookie}");
    assert!(first_value.len() > "havre_session=".len() + 30, "{cookie}");
    // No Secure flag over plain HTTP, or the browser would drop it; no expiry, so that it
    // ends with the browser session.
    assert_eq!(flags, ["HttpOnly", "Path=/", "SameSite=Strict"], "{cookie}");
    // Logout ends the session on the server, not only in the browser.
    let csrf = s.csrf_of(&client, "/account").await;
    let r = client
        .post(s.url("/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let removal = r.headers()["set-cookie"].to_str().unwrap();
    assert_eq!(
        cookie_parts(removal),
        (
            "havre_session=".to_owned(),
            vec!["HttpOnly", "Max-Age=0", "Path=/", "SameSite=Strict"]
        ),
        "the browser deletes the cookie: {removal}"
    );
    let old = s
        .client()
        .get(s.url("/api/v1/me"))
        .header("cookie", &first_value)
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401, "the old session id opens nothing");
    // The next login from the same browser gets a new session id.
    let second = s.login_with(&client, "a@centre-a.example", PASSWORD).await;
    let second_value = second.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(first_value, second_value);
    // An idle session ends after 30 minutes.
    assert_eq!(
        client
            .get(s.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    s.clock.advance(chrono::TimeDelta::minutes(31));
    assert_eq!(
        client
            .get(s.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // Behind TLS: Secure, with the __Host- prefix, and HSTS.
    let Some(tls) = TestServer::start_with(
        engine,
        havre_web::Config {
            behind_tls: true,
            ..Default::default()
        },
    )
    .await
    else {
        return;
    };
    let org = tls
        .organization("Centre B", OrganizationKind::Centre, false)
        .await;
    tls.user(&org, "b@centre-b.example", &[Role::Coordinator])
        .await;
    // The client itself speaks plain HTTP to the test server, so it would not send back a Secure
    // cookie: the token is copied by hand.
    let client = tls.client();
    let page = client.get(tls.url("/login")).send().await.unwrap();
    assert!(page.headers().get("strict-transport-security").is_some());
    let anon = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = extract(&page.text().await.unwrap(), "name=\"csrf\" value=\"", "\"").unwrap();
    let r = client
        .post(tls.url("/login"))
        .header("cookie", &anon)
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "b@centre-b.example"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    let (value, flags) = cookie_parts(cookie);
    assert!(value.starts_with("__Host-havre_session="), "{cookie}");
    assert_eq!(
        flags,
        ["HttpOnly", "Path=/", "SameSite=Strict", "Secure"],
        "{cookie}"
    );
    let csrf = extract(
        &client
            .get(tls.url("/account"))
            .header("cookie", &value)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "name=\"csrf\" value=\"",
        "\"",
    )
    .unwrap();
    let r = client
        .post(tls.url("/logout"))
        .header("cookie", &value)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let removal = r.headers()["set-cookie"].to_str().unwrap();
    assert_eq!(
        cookie_parts(removal),
        (
            "__Host-havre_session=".to_owned(),
            vec![
                "HttpOnly",
                "Max-Age=0",
                "Path=/",
                "SameSite=Strict",
                "Secure"
            ]
        ),
        "{removal}"
    );
}

/// A Set-Cookie header as its `name=value` and its attributes, sorted.
fn cookie_parts(header: &str) -> (String, Vec<&str>) {
    let mut parts = header.split(';').map(str::trim);
    let value = parts.next().unwrap_or_default().to_owned();
    let mut flags: Vec<&str> = parts.collect();
    flags.sort_unstable();
    (value, flags)
}

async fn forms_without_the_csrf_token_are_refused(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    let admin = s
        .user(&org, "admin@centre-a.example", &[Role::Administrator])
        .await;
    // Login without the anonymous token.
    let r = s
        .client()
        .post(s.url("/login"))
        .form(&[("email", "admin@centre-a.example"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let (client, csrf) = s.login("admin@centre-a.example").await;
    let form = |token: &str| {
        vec![
            ("csrf", token.to_owned()),
            ("name", "Nouvelle".to_owned()),
            ("email", "nouvelle@centre-a.example".to_owned()),
            ("roles", "volunteer".to_owned()),
            ("password", PASSWORD.to_owned()),
        ]
    };
    for bad in ["", "faux-jeton"] {
        let r = client
            .post(s.url("/users"))
            .form(&form(bad))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "token {bad:?}");
        assert!(r.text().await.unwrap().contains("Formulaire expiré"));
    }
    assert!(
        s.store
            .user_by_email("nouvelle@centre-a.example")
            .await
            .is_err(),
        "nothing was created"
    );
    // Another session's token does not do either.
    let (_, other_csrf) = s.login("admin@centre-a.example").await;
    assert_eq!(
        client
            .post(s.url("/users"))
            .form(&form(&other_csrf))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    // JSON with the session cookie needs the header.
    let r = client.post(s.url("/api/v1/users")).json(&json!({"name": "N", "email": "n@centre-a.example", "roles": ["volunteer"], "password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    // The right token works.
    let r = client
        .post(s.url("/users"))
        .form(&form(&csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        s.store
            .user_by_email("nouvelle@centre-a.example")
            .await
            .is_ok()
    );
    // A bearer token carries no cookie, and needs no CSRF token.
    let token = s.token(&admin, Scope::Write).await;
    let r = s.client().post(s.url("/api/v1/users")).bearer_auth(&token).json(&json!({"name": "Autre", "email": "autre@centre-a.example", "roles": ["volunteer"], "password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}

async fn second_factor_enrolment_and_login(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, true)
        .await;
    s.user(&org, "intervenante@centre-a.example", &[Role::Caseworker])
        .await;
    s.user(&org, "militante@centre-a.example", &[Role::Volunteer])
        .await;

    // A volunteer reads no file: no second factor is forced on her.
    let (volunteer, _) = s.login("militante@centre-a.example").await;
    assert_eq!(
        volunteer.get(s.url("/")).send().await.unwrap().status(),
        200
    );

    // A partner's caseworker reads her tenants' names and homes: she enrols too.
    let pech = s.partner(&org, "PECH").await;
    s.partner_caseworker(&org, pech, "partenaire@pech.example")
        .await;
    let partner = s.client();
    assert_eq!(
        s.login_with(&partner, "partenaire@pech.example", PASSWORD)
            .await
            .status(),
        303
    );
    let home = partner.get(s.url("/")).send().await.unwrap();
    assert_eq!(home.headers()["location"], "/account/totp");

    // A caseworker must enrol before anything else.
    let (client, csrf) = {
        let client = s.client();
        assert_eq!(
            s.login_with(&client, "intervenante@centre-a.example", PASSWORD)
                .await
                .status(),
            303
        );
        let home = client.get(s.url("/")).send().await.unwrap();
        assert_eq!(home.status(), 303);
        assert_eq!(home.headers()["location"], "/account/totp");
        let api = client.get(s.url("/api/v1/me")).send().await.unwrap();
        assert_eq!(api.status(), 403);
        let csrf = s.csrf_of(&client, "/account/totp").await;
        (client, csrf)
    };
    let page = s.html(&client, "/account/totp").await;
    let secret = extract(&page, "<code id=\"totp-secret\">", "</code>").unwrap();
    let wrong = client
        .post(s.url("/account/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", "000000")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A wrong code gives a new secret.
    let page = wrong.text().await.unwrap();
    let secret = extract(&page, "<code id=\"totp-secret\">", "</code>")
        .filter(|n| *n != secret)
        .expect("a new secret");
    let code = totp_code(&secret, s.store.now());
    let ok = client
        .post(s.url("/account/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    assert!(
        ok.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("havre_session="),
        "the session gets a new id with its new access"
    );
    assert_eq!(client.get(s.url("/")).send().await.unwrap().status(), 200);

    // The next login asks for the code; the password alone opens nothing.
    let client = s.client();
    let r = s
        .login_with(&client, "intervenante@centre-a.example", PASSWORD)
        .await;
    assert_eq!(r.headers()["location"], "/login/totp");
    assert_eq!(
        client.get(s.url("/")).send().await.unwrap().headers()["location"],
        "/login/totp"
    );
    assert_eq!(
        client
            .get(s.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let csrf = s.csrf_of(&client, "/login/totp").await;
    // The code used at enrolment cannot be replayed.
    let replay = client
        .post(s.url("/login/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    s.clock.advance(chrono::TimeDelta::seconds(30));
    let fresh = totp_code(&secret, s.store.now());
    let r = client
        .post(s.url("/login/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", fresh.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/");
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("havre_session="),
        "the session id is rotated"
    );
    assert_eq!(client.get(s.url("/")).send().await.unwrap().status(), 200);
}

/// docs/safety.md: "a foreign identifier answers exactly like a missing one (404)". Every route of
/// the route table that takes an identifier must have a case here; a new one without a case
/// fails this test.
async fn every_route_with_an_identifier_hides_other_organizations(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let a = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    let b = s
        .organization("Centre B", OrganizationKind::Centre, false)
        .await;
    let admin_a = s
        .user(
            &a,
            "admin@centre-a.example",
            &[Role::Administrator, Role::Coordinator],
        )
        .await;
    let admin_a_id = admin_a.id;
    let admin_b = s
        .user(&b, "admin@centre-b.example", &[Role::Administrator])
        .await;
    let victim = s
        .user(&b, "intervenante@centre-b.example", &[Role::Caseworker])
        .await;
    let (_, token_b) = s
        .store
        .create_token(&havre_store::Actor::operator(), &admin_b, "b", Scope::Write)
        .await
        .unwrap();
    let (client, csrf) = s.login("admin@centre-a.example").await;
    let bearer = s.token(&admin_a, Scope::Write).await;
    let missing = uuid::Uuid::new_v4();
    let (request_b, person_b) = request_of(&s, &b, "Personne de B", 3, Default::default()).await;
    // A file of B with an attachment, read by B's coordinator.
    let coordinator_b = s
        .user(&b, "coord@centre-b.example", &[Role::Coordinator])
        .await;
    let reader_b = havre_store::files::Reader {
        actor: havre_store::Actor::operator(),
        organization_id: b.id,
        user_id: coordinator_b.id,
        roles: coordinator_b.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    let attachment_b = s
        .store
        .add_attachment(&reader_b, person_b, "b.txt", b"Document de B")
        .await
        .unwrap();
    // A meeting in the file of another woman of B.
    let (_, met_b) = request_of(&s, &b, "Troisième personne de B", 6, Default::default()).await;
    let meeting_b = s
        .store
        .record_meeting(
            &reader_b,
            met_b,
            havre_store::meetings::NewMeeting {
                kind: havre_domain::meetings::MeetingKind::FirstMeeting,
                held_at: s.store.now(),
                place: havre_domain::meetings::PlaceKind::Centre,
                place_id: None,
                time: havre_domain::meetings::MeetingTime {
                    duration: 60,
                    ..Default::default()
                },
                staff: vec![coordinator_b.id],
                relative_id: None,
                over_limit_reason: None,
                texts_given: false,
            },
        )
        .await
        .unwrap()
        .id;
    // A program of B with a workshop.
    let program_b = s
        .store
        .create_program(
            &reader_b,
            "Programme de B",
            havre_domain::intake::ServiceArea::DirectHelp,
        )
        .await
        .unwrap();
    let workshop_b = s
        .store
        .add_workshop(
            &reader_b,
            program_b,
            havre_domain::prevention::NewWorkshop {
                number: Some(1),
                title: "Atelier de B".into(),
                objective: String::new(),
                questions: vec!["Question de B".into()],
            },
        )
        .await
        .unwrap();
    // An animation of B at one of its schools, and one of its categories of hours.
    let school_b = s
        .store
        .add_list_value(b.id, havre_domain::lists::ListKind::Place, "École de B", "")
        .await
        .unwrap()
        .id;
    let animation_b = s
        .store
        .record_animation(
            &reader_b,
            havre_store::prevention::NewAnimation {
                workshop_id: workshop_b,
                held_at: s.store.now(),
                place_id: school_b,
                class_groups: 1,
                students: 25,
                staff_participants: 1,
                facilitation_minutes: 75,
                travel_minutes: 0,
                preparation_minutes: 0,
                staff: vec![coordinator_b.id],
            },
        )
        .await
        .unwrap();
    let category_b = s.store.hour_categories(b.id, false).await.unwrap()[0].clone();
    // A figure, a training given and a training received of B.
    let figure_b = s
        .store
        .record_outreach_figure(
            &reader_b,
            s.store.now().date_naive(),
            "material",
            "Signets",
            40,
        )
        .await
        .unwrap();
    let training_b = s
        .store
        .record_training(
            &reader_b,
            havre_domain::prevention::NewTraining {
                held_at: s.store.now(),
                audience: havre_domain::prevention::Audience::SchoolStaff,
                title: "Formation de B".into(),
                participants: 30,
                professions: Vec::new(),
                module: None,
                minutes: 120,
                preparation_minutes: 0,
                travel_minutes: 0,
            },
        )
        .await
        .unwrap();
    let received_b = s
        .store
        .record_training_received(
            &reader_b,
            s.store.now().date_naive(),
            "Formation reçue par B",
            "Formatrice",
            240,
            4,
        )
        .await
        .unwrap();
    // A group of B with a woman, and a request to B's fund.
    let group_b = s
        .store
        .create_group(
            &reader_b,
            havre_store::groups::NewGroup {
                name: "Groupe de B".into(),
                service_area: havre_domain::intake::ServiceArea::DirectHelp,
                capacity: 8,
                planned_meetings: 22,
                meeting_minutes: 180,
                starts_on: s.store.now(),
                facilitators: vec![coordinator_b.id],
            },
        )
        .await
        .unwrap();
    let member_b = s
        .store
        .enrol(
            &reader_b,
            group_b,
            waiting_request(&s, &b, "Autre personne de B", 5).await,
            None,
        )
        .await
        .unwrap();
    let fund_request_b = s
        .store
        .request_fund(
            &reader_b,
            person_b,
            Some(5000),
            Some(havre_domain::fund::Purpose::Food),
            "",
        )
        .await
        .unwrap();
    let value_b = s
        .store
        .list_values(b.id, havre_domain::lists::ListKind::Residence, false)
        .await
        .unwrap()[2]
        .id;
    let referral_b = s
        .store
        .receive_referral(
            &havre_store::Actor::operator(),
            b.id,
            s.store.now(),
            "Hôpital de B",
            false,
        )
        .await
        .unwrap()
        .id;
    // A member of B's collective.
    let governance_member_b = s
        .store
        .add_member(
            &reader_b,
            havre_store::governance::NewMember {
                name: "Membre de B".into(),
                kind: havre_domain::governance::MemberKind::BoardMember,
                joined_on: s.store.now().date_naive(),
                left_on: None,
            },
        )
        .await
        .unwrap();

    // A house of B with a unit out of service, a stay and a request for a place.
    let house_b = s
        .store
        .create_house(
            &reader_b,
            havre_store::housing::NewHouse {
                name: "Maison de B".into(),
                region: None,
                address: Some("1, rue de B".into()),
                address_secret: true,
                max_stay_months: 24,
            },
        )
        .await
        .unwrap();
    let today_b = b.time_zone.day_of(s.store.now());
    let unit_b = s
        .store
        .add_unit(
            &reader_b,
            house_b,
            havre_domain::housing::NewUnit {
                name: "App. B".into(),
                kind: havre_domain::housing::UnitKind::Apartment,
                bedrooms: Some(2),
                places: 4,
                opened_on: today_b - chrono::Days::new(30),
            },
        )
        .await
        .unwrap();
    let stay_b = s
        .store
        .admit_to_house(
            &reader_b,
            havre_store::housing::NewStay {
                unit_id: unit_b,
                resident: havre_store::housing::Resident::File(person_b),
                entered_on: today_b - chrono::Days::new(20),
                moved_in_on: None,
                children: vec![4],
                request_id: None,
            },
        )
        .await
        .unwrap();
    // An appointment and a note in B's file, for the agenda's and the note's routes.
    let appointment_b = s
        .store
        .book_appointment(
            &reader_b,
            havre_store::care::NewAppointment {
                person_id: person_b,
                professional_id: victim.id,
                room_id: None,
                starts_at: Some(s.store.now() + chrono::TimeDelta::hours(2)),
                minutes: 30,
                step_id: None,
            },
        )
        .await
        .unwrap();
    let note_b = s
        .store
        .add_note(
            &reader_b,
            person_b,
            "Note de B",
            havre_domain::care::NoteScope::Team,
        )
        .await
        .unwrap();
    // A pathway of B with a step, and B's woman on it.
    let pathway_b = s
        .store
        .create_pathway(&reader_b, "Parcours de B", None)
        .await
        .unwrap();
    s.store
        .add_step(
            &reader_b,
            pathway_b,
            havre_store::pathways::NewStep {
                name: "Étape de B".into(),
                profession_id: None,
                complaint: false,
            },
        )
        .await
        .unwrap();
    let enrolment_b = s
        .store
        .enrol_in_pathway(&reader_b, person_b, Some(pathway_b), None)
        .await
        .unwrap();
    let outage_b = s
        .store
        .put_out_of_service(
            &reader_b,
            unit_b,
            today_b - chrono::Days::new(30),
            Some(today_b - chrono::Days::new(25)),
        )
        .await
        .unwrap();
    let housing_request_b = s
        .store
        .record_housing_request(
            &reader_b,
            havre_store::housing::NewHousingRequest {
                received_on: today_b,
                source: havre_domain::housing::RequestSource::Shelter,
                alias: Some("Demande de B".into()),
                person_id: None,
                children: 1,
                wants_kind: None,
                bedrooms_needed: None,
                note: None,
            },
        )
        .await
        .unwrap();
    // B's missions: a partner, its request, a worker, a mission done and its pay approved.
    let zone_b = b.time_zone;
    let partner_b = s.partner(&b, "Partenaire de B").await;
    let partner_user_b = s
        .partner_caseworker(&b, partner_b, "p@partenaire-b.example")
        .await;
    let partner_reader_b = s
        .store
        .reader_for(&partner_user_b, havre_store::Actor::operator())
        .await
        .unwrap();
    let service_request_b = s
        .store
        .file_request(
            &partner_reader_b,
            zone_b,
            havre_domain::missions::RequestForm {
                tenant_name: "Locataire de B".into(),
                dwelling: "1, rue de B".into(),
                consent: true,
                risk: Some(havre_domain::missions::Risk::Inspection),
                needs: "Ménage".into(),
                availability: "Lundi".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    s.store
        .move_request(
            &reader_b,
            zone_b,
            service_request_b,
            havre_domain::missions::ServiceRequestStatus::Accepted,
            "",
        )
        .await
        .unwrap();
    let worker_b = s
        .store
        .add_worker(
            &reader_b,
            havre_store::missions::NewWorker {
                name: "Travailleuse de B".into(),
                personal: Default::default(),
                started_on: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
                cents_per_hour: Some(1_700),
            },
        )
        .await
        .unwrap();
    let worked_on = today_b - chrono::Days::new(30);
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap();
    let mission_b = s
        .store
        .plan_mission(
            &reader_b,
            zone_b,
            havre_store::missions::NewMission {
                request_id: service_request_b,
                day: Some(worked_on),
                start: Some(nine),
                end: Some(noon),
                place: "1, rue de B".into(),
                tasks: vec![
                    s.store
                        .list_values(b.id, havre_domain::lists::ListKind::MissionTask, true)
                        .await
                        .unwrap()[0]
                        .id,
                ],
                workers: vec![worker_b],
                supervisor_id: None,
                partner_attends: false,
            },
        )
        .await
        .unwrap();
    s.store
        .complete_mission(
            &reader_b,
            zone_b,
            mission_b,
            havre_store::missions::MissionDone {
                hours: vec![(
                    worker_b,
                    havre_domain::missions::WorkedTime {
                        day: worked_on,
                        start: nine,
                        end: noon,
                        break_minutes: 0,
                    },
                )],
                tasks_done: Vec::new(),
                report: String::new(),
            },
        )
        .await
        .unwrap();
    let statement_b = s
        .store
        .approve_statement(&reader_b, zone_b, worker_b, worked_on)
        .await
        .unwrap();
    // A complaint and an incident in B's registers.
    let nature_b = s
        .store
        .list_values(b.id, havre_domain::lists::ListKind::ComplaintNature, false)
        .await
        .unwrap()[0]
        .id;
    let complaint_b = s
        .store
        .receive_complaint(
            &reader_b,
            havre_domain::complaints::ComplaintForm {
                received_on: Some(today_b),
                complainant_kind: Some(havre_domain::complaints::ComplainantKind::Anonymous),
                nature: Some(nature_b),
                service: "Accueil".into(),
                summary: "Plainte de B".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    // What B shares with a network, and a member on the list of a network of its own.
    let share_b = s
        .store
        .share_with_network(
            &reader_b,
            None,
            "Regroupement de B",
            &[havre_domain::network::NetworkSection::Help],
        )
        .await
        .unwrap();
    let network_b = s
        .organization("Regroupement B", OrganizationKind::Network, false)
        .await;
    let network_admin_b = s
        .user(
            &network_b,
            "admin@regroupement-b.example",
            &[Role::Administrator],
        )
        .await;
    let network_member_b = s
        .store
        .add_network_member(
            &havre_store::files::Reader {
                actor: havre_store::Actor::operator(),
                organization_id: network_b.id,
                user_id: network_admin_b.id,
                roles: network_admin_b.roles.clone(),
                profession: None,
                partner_id: None,
                known: Default::default(),
            },
            &havre_store::networks::MemberForm {
                name: "Membre de B".into(),
                region: "Estrie".into(),
                joined_on: Some(today_b),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let incident_b = s
        .store
        .record_incident(
            &reader_b,
            havre_domain::privacy::IncidentForm {
                known_on: Some(today_b),
                kind: Some(havre_domain::privacy::IncidentKind::Loss),
                description: "Incident de B".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let access_b = s
        .store
        .record_access_request(&reader_b, person_b, Some(today_b))
        .await
        .unwrap();
    let import_b = s
        .store
        .start_import(
            &havre_store::Actor::operator(),
            b.id,
            havre_domain::import::ImportKind::HelpRequests,
            "liste.csv",
            b"Date;Nom;Code\n2024-03-04;Zo\xc3\xa9;1\n",
            &Default::default(),
        )
        .await
        .unwrap();
    let online_b = s
        .store
        .receive_online_request(
            &havre_store::Actor::operator(),
            b.id,
            havre_domain::online::OnlineRequestForm {
                reply_by: Some(havre_domain::online::ReplyBy::Call),
                phone: "418 555-0199".into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();

    // Routes whose identifier is not tenant data, and why.
    let exempt: &[(&str, &str, &str)] = &[
        (
            "GET",
            "/static/{file}",
            "the same public files for everybody",
        ),
        (
            "GET",
            "/o/{slug}",
            "the public page of an organization, public by design",
        ),
        (
            "GET",
            "/o/{slug}/complaint",
            "the public complaint form of an organization, public by design",
        ),
        (
            "POST",
            "/o/{slug}/complaint",
            "a complaint sent to an organization's register, which nobody reads back there",
        ),
        (
            "GET",
            "/o/{slug}/help",
            "the public form to ask for help, public by design",
        ),
        (
            "POST",
            "/o/{slug}/help",
            "a request for help sent to an organization's wait list, which nobody reads back there",
        ),
        (
            "GET",
            "/o/{slug}/texts/{kind}",
            "a text an organization publishes, public by design",
        ),
        (
            "GET",
            "/api/v1/texts/{kind}",
            "a kind of text, the same in every organization; the versions are one's own",
        ),
        (
            "POST",
            "/api/v1/texts/{kind}",
            "a kind of text, the same in every organization; the version goes to one's own",
        ),
        (
            "POST",
            "/privacy/texts/{kind}",
            "a kind of text, the same in every organization; the version goes to one's own",
        ),
        (
            "POST",
            "/api/v1/lists/{list}/values",
            "a list's name, the same in every organization; the value goes to one's own",
        ),
        (
            "POST",
            "/organization/lists/{list}/values",
            "a list's name, the same in every organization; the value goes to one's own",
        ),
    ];
    let mut covered = Vec::new();
    for route in havre_web::routes::route_table()
        .into_iter()
        .filter(|r| r.takes_identifier())
    {
        if exempt
            .iter()
            .any(|(m, p, _)| *m == route.method && *p == route.path)
        {
            continue;
        }
        let send = |id: uuid::Uuid| {
            let path = route
                .path
                .replace("{id}", &id.to_string())
                .replace("{attachment_id}", &attachment_b.to_string())
                .replace("{member_id}", &member_b.to_string())
                .replace("{meeting_id}", &meeting_b.to_string())
                .replace("{note_id}", &note_b.to_string())
                .replace("{action}", "close");
            let url = s.url(&path);
            let client = client.clone();
            let csrf = csrf.clone();
            let bearer = bearer.clone();
            async move {
                let req = match (route.method, path.starts_with("/api/")) {
                    ("GET", false) => client.get(url),
                    ("POST", false) => client.post(url).form(&[
                        ("csrf", csrf.as_str()),
                        ("name", "Changée"),
                        ("roles", "volunteer"),
                        ("active", "on"),
                        // Valid enough for the housing forms to reach the record they name.
                        ("unit", &missing.to_string()),
                        ("unit_name", "Changée"),
                        ("kind", "room"),
                        ("places", "1"),
                        ("opened_on", &today_b.to_string()),
                        ("entered_on", &today_b.to_string()),
                        ("closed_on", &today_b.to_string()),
                        ("from", &today_b.to_string()),
                        ("back_on", &(today_b + chrono::Days::new(1)).to_string()),
                        ("moved_in_on", &today_b.to_string()),
                        ("exited_on", &today_b.to_string()),
                        ("destination", "unknown"),
                        ("until_on", &(today_b + chrono::Days::new(800)).to_string()),
                        ("reason", "Changée"),
                        ("decision", "no_place"),
                        ("decided_on", &today_b.to_string()),
                        (
                            "to",
                            if route.path.starts_with("/service-requests/") {
                                "accepted"
                            } else {
                                "arrived"
                            },
                        ),
                        ("professional_id", &admin_a_id.to_string()),
                        ("minutes", "30"),
                        ("kept_in_home", "yes"),
                        ("cents_per_hour", "17,00"),
                    ]),
                    ("GET", true) => reqwest::Client::new().get(url).bearer_auth(bearer),
                    ("POST", true) => reqwest::Client::new().post(url).bearer_auth(bearer).json(&json!({
                        "user_id": admin_a_id, "at": "2030-01-01T10:00:00Z", "place": "Au centre", "reason": "unreachable", "reached": true, "label_fr": "Changée",
                        "name": "Changée", "kind": "room", "places": 1, "opened_on": today_b, "closed_on": today_b,
                        "from": today_b, "back_on": today_b + chrono::Days::new(1), "moved_in_on": today_b,
                        "exited_on": today_b, "destination": "unknown", "until_on": today_b + chrono::Days::new(800),
                        "decided_on": today_b, "turn_away_reason": "no_place",
                        "status": if route.path.starts_with("/api/v1/service-requests/") { "accepted" } else { "arrived" },
                        "kept_in_home": true, "cents_per_hour": 1_700, "day": today_b, "minutes": 15, "hours": [],
                        "email": "compte@centre-a.example", "password": PASSWORD
                    })),
                    ("PUT", true) => reqwest::Client::new()
                        .put(url)
                        .bearer_auth(bearer)
                        .json(&json!({ "staff": [admin_a_id] })),
                    ("PATCH", true) => reqwest::Client::new()
                        .patch(url)
                        .bearer_auth(bearer)
                        .json(&json!({"name": "Changée", "roles": ["volunteer"]})),
                    (m, _) => panic!("add a way to call {m} {} in this test", route.path),
                };
                let r = req.send().await.unwrap();
                (r.status(), r.text().await.unwrap())
            }
        };
        let foreign = match route.path {
            "/users/{id}"
            | "/api/v1/users/{id}"
            | "/users/{id}/password"
            | "/users/{id}/second-factor/reset" => uuid::Uuid::from(victim.id),
            "/account/tokens/{id}/revoke" => uuid::Uuid::from(token_b.id),
            "/api/v1/help-requests/{id}/assign"
            | "/api/v1/help-requests/{id}/first-meeting"
            | "/api/v1/help-requests/{id}/close" => uuid::Uuid::from(request_b),
            "/api/v1/referrals/{id}/attempts"
            | "/intake/referrals/{id}/attempts"
            | "/api/v1/referrals/{id}/person"
            | "/intake/referrals/{id}/person" => uuid::Uuid::from(referral_b),
            "/waitlist/{id}" | "/waitlist/{id}/{action}" => uuid::Uuid::from(request_b),
            "/waitlist/online/{id}"
            | "/waitlist/online/{id}/close"
            | "/api/v1/online-requests/{id}"
            | "/api/v1/online-requests/{id}/close" => uuid::Uuid::from(online_b),
            path if path.starts_with("/imports/{id}") => uuid::Uuid::from(import_b),
            path if path.starts_with("/files/{id}") || path.starts_with("/api/v1/files/{id}") => {
                uuid::Uuid::from(person_b)
            }
            path if path.starts_with("/groups/{id}") || path.starts_with("/api/v1/groups/{id}") => {
                uuid::Uuid::from(group_b)
            }
            "/fund/requests/{id}/decision" | "/api/v1/fund/requests/{id}/decision" => {
                uuid::Uuid::from(fund_request_b)
            }
            "/api/v1/prevention/programs/{id}/workshops" => uuid::Uuid::from(program_b),
            "/api/v1/prevention/workshops/{id}/evaluations" => uuid::Uuid::from(workshop_b),
            "/prevention/animations/{id}/remove" | "/api/v1/prevention/animations/{id}/remove" => {
                uuid::Uuid::from(animation_b)
            }
            "/api/v1/hours/categories/{id}"
            | "/organization/hour-categories/{id}"
            | "/organization/hour-categories/{id}/retire" => uuid::Uuid::from(category_b.id),
            "/prevention/outreach/{id}/remove" | "/api/v1/prevention/outreach/{id}/remove" => {
                uuid::Uuid::from(figure_b)
            }
            "/prevention/trainings/{id}/remove" | "/api/v1/prevention/trainings/{id}/remove" => {
                uuid::Uuid::from(training_b)
            }
            "/hours/trainings-received/{id}/remove"
            | "/api/v1/hours/trainings-received/{id}/remove" => uuid::Uuid::from(received_b),
            "/api/v1/governance/members/{id}" | "/governance/members/{id}/left" => {
                uuid::Uuid::from(governance_member_b)
            }
            "/api/v1/houses/{id}"
            | "/api/v1/houses/{id}/address"
            | "/api/v1/houses/{id}/staff"
            | "/api/v1/houses/{id}/units"
            | "/housing/houses/{id}"
            | "/housing/houses/{id}/address"
            | "/housing/houses/{id}/staff"
            | "/housing/houses/{id}/units"
            | "/housing/houses/{id}/stays" => uuid::Uuid::from(house_b),
            "/housing/units/{id}" => uuid::Uuid::from(unit_b),
            "/housing/stays/{id}" => uuid::Uuid::from(stay_b),
            "/api/v1/units/{id}"
            | "/api/v1/units/{id}/close"
            | "/api/v1/units/{id}/outages"
            | "/housing/units/{id}/close"
            | "/housing/units/{id}/outages" => uuid::Uuid::from(unit_b),
            "/api/v1/outages/{id}/back" | "/housing/outages/{id}/back" => {
                uuid::Uuid::from(outage_b)
            }
            "/api/v1/stays/{id}"
            | "/api/v1/stays/{id}/move-in"
            | "/api/v1/stays/{id}/exit"
            | "/api/v1/stays/{id}/extensions"
            | "/housing/stays/{id}/move-in"
            | "/housing/stays/{id}/exit"
            | "/housing/stays/{id}/extensions" => uuid::Uuid::from(stay_b),
            "/api/v1/housing/requests/{id}/decision" | "/housing/requests/{id}/decision" => {
                uuid::Uuid::from(housing_request_b)
            }
            "/agenda/appointments/{id}/status" | "/api/v1/appointments/{id}/status" => {
                uuid::Uuid::from(appointment_b)
            }
            "/care/pathways/{id}/steps" | "/api/v1/pathways/{id}/steps" => {
                uuid::Uuid::from(pathway_b)
            }
            "/api/v1/enrolments/{id}/steps" => uuid::Uuid::from(enrolment_b),
            "/api/v1/partners/{id}" | "/api/v1/partners/{id}/accounts" => {
                uuid::Uuid::from(partner_b)
            }
            path if path.starts_with("/api/v1/service-requests/{id}")
                || path.starts_with("/service-requests/{id}") =>
            {
                uuid::Uuid::from(service_request_b)
            }
            path if path.starts_with("/api/v1/workers/{id}")
                || path.starts_with("/missions/workers/{id}") =>
            {
                uuid::Uuid::from(worker_b)
            }
            "/api/v1/pay-statements/{id}/corrections" | "/missions/pay/{id}/corrections" => {
                uuid::Uuid::from(statement_b)
            }
            "/missions/partners/{id}" | "/missions/partners/{id}/accounts" => {
                uuid::Uuid::from(partner_b)
            }
            path if path.starts_with("/api/v1/missions/{id}")
                || path.starts_with("/missions/{id}") =>
            {
                uuid::Uuid::from(mission_b)
            }
            path if path.starts_with("/api/v1/complaints/{id}")
                || path.starts_with("/complaints/{id}") =>
            {
                uuid::Uuid::from(complaint_b)
            }
            path if path.starts_with("/api/v1/access-requests/{id}")
                || path.starts_with("/privacy/access/{id}") =>
            {
                uuid::Uuid::from(access_b)
            }
            path if path.starts_with("/api/v1/incidents/{id}")
                || path.starts_with("/privacy/incidents/{id}") =>
            {
                uuid::Uuid::from(incident_b)
            }
            "/network/members/{id}" | "/api/v1/network/members/{id}" => {
                uuid::Uuid::from(network_member_b)
            }
            "/network/shares/{id}/submission" | "/api/v1/network/shares/{id}/submission" => {
                uuid::Uuid::from(share_b)
            }
            "/api/v1/list-values/{id}"
            | "/api/v1/list-values/{id}/retire"
            | "/organization/list-values/{id}"
            | "/organization/list-values/{id}/retire" => uuid::Uuid::from(value_b),
            other => panic!(
                "{} {other} takes an identifier and has no isolation case: add one here",
                route.method
            ),
        };
        let (foreign_status, foreign_body) = send(foreign).await;
        let (missing_status, missing_body) = send(missing).await;
        assert_eq!(
            foreign_status, 404,
            "{} {} with another organization's id",
            route.method, route.path
        );
        assert_eq!(
            (
                foreign_status,
                foreign_body.replace(&foreign.to_string(), "ID")
            ),
            (
                missing_status,
                missing_body.replace(&missing.to_string(), "ID")
            ),
            "{} {}",
            route.method,
            route.path
        );
        covered.push(route.path);
    }
    assert!(covered.len() >= 5, "the table was walked: {covered:?}");
    // B's program still has its one workshop, without evaluations.
    let programs_b = s.store.programs(b.id).await.unwrap();
    assert_eq!(programs_b[0].workshops.len(), 1);
    assert_eq!(
        s.store
            .compiled_evaluation(
                b.id,
                workshop_b,
                s.store.now() - chrono::TimeDelta::days(1),
                s.store.now() + chrono::TimeDelta::days(1)
            )
            .await
            .unwrap()
            .respondents,
        0
    );
    // B's animation and its category of hours are untouched.
    let (from, to) = (
        s.store.now() - chrono::TimeDelta::days(1),
        s.store.now() + chrono::TimeDelta::days(1),
    );
    assert_eq!(
        s.store
            .animations(b.id, from, to, None)
            .await
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [animation_b]
    );
    let year = (
        s.store.now().date_naive() - chrono::Days::new(1),
        s.store.now().date_naive() + chrono::Days::new(1),
    );
    assert_eq!(
        s.store
            .outreach_figures(b.id, year.0, year.1)
            .await
            .unwrap()[0]
            .id,
        figure_b,
        "B's figure stays"
    );
    assert_eq!(
        s.store.trainings_given(b.id, from, to).await.unwrap()[0].id,
        training_b
    );
    assert_eq!(
        s.store
            .trainings_received(b.id, year.0, year.1)
            .await
            .unwrap()[0]
            .id,
        received_b
    );
    let categories_b = s.store.hour_categories(b.id, true).await.unwrap();
    let after = categories_b.iter().find(|c| c.id == category_b.id).unwrap();
    assert!(!after.retired, "B's category was not retired");
    // B's meeting is still there.
    assert_eq!(
        s.store
            .person_file(&reader_b, met_b)
            .await
            .unwrap()
            .timeline
            .len(),
        1
    );
    // Nothing of B's group or fund changed.
    let group = s.store.group_detail(&reader_b, group_b).await.unwrap();
    assert_eq!(group.members.len(), 1);
    assert!(group.members[0].left_at.is_none() && group.sessions.is_empty());
    let fund = s.store.fund(&reader_b).await.unwrap();
    assert_eq!(fund.entries.len(), 1);
    assert_eq!(fund.entries[0].status, "pending");
    // Nothing of B's file changed: no meeting, note, relative, caseworker or access; its one
    // note and its one appointment as they were.
    let file_b = s.store.person_file(&reader_b, person_b).await.unwrap();
    assert!(file_b.timeline.is_empty());
    assert_eq!(file_b.notes.len(), 1);
    assert_eq!(file_b.appointments.len(), 1);
    assert_eq!(
        file_b.appointments[0].status,
        havre_domain::care::AppointmentStatus::Expected
    );
    assert!(file_b.relatives.is_empty() && file_b.caseworkers.is_empty());
    assert_eq!(file_b.attachments.len(), 1);
    assert_eq!(file_b.episodes[0].status, "waiting");
    assert!(
        s.store
            .access_grants(b.id, s.store.now() - chrono::TimeDelta::days(1))
            .await
            .unwrap()
            .is_empty()
    );
    // Nothing of B changed: its request still waits, unassigned, with no meeting.
    let waiting = s.store.wait_list(b.id, None).await.unwrap();
    assert_eq!(waiting.requests.len(), 1);
    assert_eq!(
        (
            waiting.requests[0].assigned_to,
            waiting.requests[0].first_meeting_at
        ),
        (None, None)
    );
    assert_eq!(
        s.store.open_referrals(b.id).await.unwrap()[0].attempts,
        0,
        "no attempt was added to B's referral"
    );
    let residence_b = s
        .store
        .list_values(b.id, havre_domain::lists::ListKind::Residence, false)
        .await
        .unwrap();
    assert!(
        residence_b
            .iter()
            .any(|v| v.id == value_b && v.label_fr == "Hors du territoire"),
        "B's list is untouched"
    );
    // Her password still opens her account.
    assert!(matches!(
        s.store
            .login(None, "intervenante@centre-b.example", PASSWORD)
            .await
            .unwrap(),
        havre_store::accounts::LoginOutcome::Success(_)
    ));
    let after = s.store.user(b.id, victim.id).await.unwrap();
    assert_eq!(after.name, victim.name);
    assert_eq!(after.roles, victim.roles);
    assert!(
        s.store.tokens(b.id, admin_b.id).await.unwrap()[0]
            .revoked_at
            .is_none()
    );
    // Lists never show another organization's accounts.
    let list: Value = reqwest::Client::new()
        .get(s.url("/api/v1/users"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|u| u["email"].as_str().unwrap().ends_with("@centre-a.example"))
    );
    let page = s.html(&client, "/users").await;
    assert!(!page.contains("centre-b.example"));
}

async fn api_users_and_problems(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    let admin = s
        .user(&org, "admin@centre-a.example", &[Role::Administrator])
        .await;
    let write = s.token(&admin, Scope::Write).await;
    let read = s.token(&admin, Scope::Read).await;
    let api = reqwest::Client::new();

    let me: Value = api
        .get(s.url("/api/v1/me"))
        .bearer_auth(&write)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "admin@centre-a.example");
    assert_eq!(me["authenticated_by"], "token");

    let created = api.post(s.url("/api/v1/users")).bearer_auth(&write).json(&json!({"name": "Marie Tremblay", "email": "marie@centre-a.example", "roles": ["caseworker", "coordinator"], "password": PASSWORD})).send().await.unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["roles"], json!(["coordinator", "caseworker"]));
    let id = created["id"].as_str().unwrap();
    let got: Value = api
        .get(s.url(&format!("/api/v1/users/{id}")))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["name"], "Marie Tremblay");
    let patched: Value = api
        .patch(s.url(&format!("/api/v1/users/{id}")))
        .bearer_auth(&write)
        .json(&json!({"roles": ["caseworker"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(patched["roles"], json!(["caseworker"]));

    // Bad input: every problem at its field, in French by default and in English on demand,
    // and nothing written.
    let before = s.store.users(org.id).await.unwrap().len();
    let bad = json!({"name": " ", "email": "pas-un-courriel", "roles": [], "password": "court"});
    let r = api
        .post(s.url("/api/v1/users"))
        .bearer_auth(&write)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["status"], 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "name", "roles", "password"]);
    assert!(
        problem["errors"][3]["message"]
            .as_str()
            .unwrap()
            .contains("au moins 12 caractères")
    );
    let english: Value = api
        .post(s.url("/api/v1/users"))
        .bearer_auth(&write)
        .header("accept-language", "en-CA,en;q=0.9")
        .json(&bad)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        english["errors"][3]["message"]
            .as_str()
            .unwrap()
            .contains("at least 12 characters")
    );
    let taken: Value = api.post(s.url("/api/v1/users")).bearer_auth(&write).json(&json!({"name": "Double", "email": "MARIE@centre-a.example", "roles": ["volunteer"], "password": PASSWORD})).send().await.unwrap().json().await.unwrap();
    assert_eq!(taken["errors"][0]["field"], "email");
    let unknown_role = api.post(s.url("/api/v1/users")).bearer_auth(&write).json(&json!({"name": "R", "email": "r@centre-a.example", "roles": ["network_analyst"], "password": PASSWORD})).send().await.unwrap();
    assert_eq!(unknown_role.status(), 422);
    assert_eq!(
        s.store.users(org.id).await.unwrap().len(),
        before,
        "nothing was written"
    );

    // Nobody removes her own administration by mistake.
    let own = api
        .patch(s.url(&format!("/api/v1/users/{}", admin.id)))
        .bearer_auth(&write)
        .json(&json!({"roles": ["volunteer"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 422);
    assert!(
        s.store
            .user(org.id, admin.id)
            .await
            .unwrap()
            .roles
            .contains(Role::Administrator)
    );

    // A read token cannot write; a revoked or unknown token is refused.
    let r = api
        .post(s.url("/api/v1/users"))
        .bearer_auth(&read)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let token_id = s
        .store
        .tokens(org.id, admin.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.scope == Scope::Read)
        .unwrap()
        .id;
    s.store
        .revoke_token(&havre_store::Actor::operator(), org.id, token_id)
        .await
        .unwrap();
    assert_eq!(
        api.get(s.url("/api/v1/me"))
            .bearer_auth(&read)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        api.get(s.url("/api/v1/me"))
            .bearer_auth("havre_inventé")
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // The OpenAPI document describes the routes.
    let doc: Value = api
        .get(s.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/me",
        "/api/v1/users",
        "/api/v1/users/{id}",
        "/api/v1/audit",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} is not in the OpenAPI document"
        );
    }
    // And every API route of the route table is in it.
    for route in havre_web::routes::route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
    {
        let method = route.method.to_lowercase();
        let operation = &doc["paths"][route.path][&method];
        assert!(
            operation.is_object(),
            "{} {} is not in the OpenAPI document",
            route.method,
            route.path
        );
        // Its path parameters are exactly the path's {segments}; everything else it declares
        // is in the query.
        let segments: Vec<&str> = route
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let parameters = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let in_path: Vec<&str> = parameters
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(in_path, segments, "{} {}", route.method, route.path);
        for p in &parameters {
            assert!(
                p["in"] == "path" || p["in"] == "query",
                "{} {}: {p}",
                route.method,
                route.path
            );
        }
    }
}

async fn each_role_sees_its_navigation_and_nothing_more(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let centre = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    let network = s
        .organization("Regroupement A", OrganizationKind::Network, false)
        .await;
    for role in Role::ALL {
        let org = match role {
            Role::NetworkAnalyst => &network,
            _ => &centre,
        };
        let email = format!("{}@exemple.org", role.as_str());
        s.user(org, &email, &[role]).await;
        let (client, _) = s.login(&email).await;
        let roles = havre_domain::policy::Roles::new(vec![role]);
        let expected: Vec<&str> = navigation(&roles).iter().map(|n| n.key()).collect();
        let me: Value = client
            .get(s.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["navigation"], json!(expected), "{role}");
        // Every section outside the navigation is refused.
        for section in havre_domain::policy::NavSection::ALL {
            let href = if section.key() == "home" {
                "/".to_owned()
            } else {
                format!("/{}", section.key())
            };
            let status = client.get(s.url(&href)).send().await.unwrap().status();
            if expected.contains(&section.key()) {
                assert_eq!(status, 200, "{role} opens {href}");
            } else {
                assert_eq!(status, 403, "{role} is refused {href}");
            }
        }
    }
}

async fn role_change_and_password_change_end_sessions(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "admin@centre-a.example", &[Role::Administrator])
        .await;
    let worker = s
        .user(&org, "worker@centre-a.example", &[Role::Coordinator])
        .await;
    let (worker_client, worker_csrf) = s.login("worker@centre-a.example").await;
    let (admin_client, admin_csrf) = s.login("admin@centre-a.example").await;
    assert_eq!(
        worker_client
            .get(s.url("/audit"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = admin_client
        .post(s.url(&format!("/users/{}", worker.id)))
        .form(&[
            ("csrf", admin_csrf.as_str()),
            ("name", "Travailleuse"),
            ("roles", "volunteer"),
            ("active", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Her session ended with the change of privileges.
    assert_eq!(
        worker_client
            .get(s.url("/audit"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let (worker_client, _) = s.login("worker@centre-a.example").await;
    assert_eq!(
        worker_client
            .get(s.url("/audit"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let _ = worker_csrf;

    // A password change ends the other sessions and keeps this one under a new id.
    let (other, _) = s.login("admin@centre-a.example").await;
    let new_password = "un autre long mot de passe";
    let r = admin_client
        .post(s.url("/account/password"))
        .form(&[
            ("csrf", admin_csrf.as_str()),
            ("current_password", "faux mot de passe"),
            ("new_password", new_password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Le mot de passe actuel est incorrect.")
    );
    let r = admin_client
        .post(s.url("/account/password"))
        .form(&[
            ("csrf", admin_csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", "password1234"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = admin_client
        .post(s.url("/account/password"))
        .form(&[
            ("csrf", admin_csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", new_password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        admin_client
            .get(s.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        other.get(s.url("/account")).send().await.unwrap().status(),
        303
    );
    assert_eq!(
        s.login_with(&s.client(), "admin@centre-a.example", new_password)
            .await
            .status(),
        303
    );
}

async fn audit_page_shows_logins_to_the_coordinator_only(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "coord@centre-a.example", &[Role::Coordinator])
        .await;
    s.user(&org, "int@centre-a.example", &[Role::Caseworker])
        .await;
    let (caseworker, _) = s.login("int@centre-a.example").await;
    assert_eq!(
        caseworker
            .get(s.url("/audit"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        caseworker
            .get(s.url("/api/v1/audit"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let (coord, _) = s.login("coord@centre-a.example").await;
    let page = s.html(&coord, "/audit").await;
    assert!(page.contains("Connexion réussie"));
    assert!(
        page.contains("Personne int@centre-a.example"),
        "the page names who logged in"
    );
    let entries: Value = coord
        .get(s.url("/api/v1/audit"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "audit.read"),
        "reading the log is itself logged"
    );
}

async fn public_page_sets_no_cookie_and_has_a_quick_exit(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, true)
        .await;
    let network = s
        .organization("Regroupement", OrganizationKind::Network, false)
        .await;
    let r = reqwest::get(s.url(&format!("/o/{}", org.slug)))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no cookie on a public page"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"quick-exit\"") && html.contains("Sortie rapide"));
    assert!(html.contains("418 555-0100") && html.contains("lun-ven 9 h-17 h"));
    assert!(
        !html.contains("http://") && !html.contains("src=\"https://"),
        "nothing loaded from elsewhere"
    );
    assert_eq!(
        reqwest::get(s.url(&format!("/o/{}", network.slug)))
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        reqwest::get(s.url("/o/nulle-part")).await.unwrap().status(),
        404
    );
    let js = reqwest::get(s.url("/static/havre.js"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        js.contains("location.replace"),
        "the quick exit replaces the history entry"
    );
}

async fn language_follows_accept_language_then_the_choice(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let client = s.client();
    let fr = s.html(&client, "/login").await;
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("Connexion"));
    let en = client
        .get(s.url("/login"))
        .header("accept-language", "en-US,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<html lang=\"en\">") && en.contains("Log in"));
    let r = client
        .get(s.url("/language?lang=fr&back=/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/login");
    let chosen = client
        .get(s.url("/login"))
        .header("accept-language", "en-US")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        chosen.contains("<html lang=\"fr\">"),
        "the choice wins over the browser's language"
    );
    let r = client
        .get(s.url("/language?lang=en&back=https://ailleurs.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
}

async fn a_session_ends_after_twelve_hours_even_when_used(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "a@centre-a.example", &[Role::Coordinator])
        .await;
    let (client, _) = s.login("a@centre-a.example").await;
    // Used every 25 minutes, it never goes idle; it still ends at 12 hours.
    let mut minutes = 0;
    while minutes + 25 < 12 * 60 {
        s.clock.advance(chrono::TimeDelta::minutes(25));
        minutes += 25;
        assert_eq!(
            client
                .get(s.url("/api/v1/me"))
                .send()
                .await
                .unwrap()
                .status(),
            200,
            "after {minutes} minutes"
        );
    }
    s.clock.advance(chrono::TimeDelta::minutes(25));
    assert_eq!(
        client
            .get(s.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

async fn under_load_requests_queue_then_get_a_clean_503(engine: Engine) {
    // One request at a time, and no patience: the others are refused at once.
    let config = havre_web::Config {
        max_in_flight: 1,
        queue_timeout: std::time::Duration::ZERO,
        ..Default::default()
    };
    let Some(s) = TestServer::start_with(engine, config).await else {
        return;
    };
    let csrf_client = s.client();
    let csrf = s.csrf_of(&csrf_client, "/login").await;
    // Wrong passwords cost an Argon2 hash each, so the requests overlap.
    let attempts = (0..10)
        .map(|i| {
            let client = csrf_client.clone();
            let csrf = csrf.clone();
            let url = s.url("/login");
            tokio::spawn(async move {
                let r = client
                    .post(url)
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("email", format!("personne{i}@exemple.org").as_str()),
                        ("password", "mauvais mot de passe"),
                    ])
                    .send()
                    .await
                    .unwrap();
                (r.status(), r.headers().get("retry-after").cloned())
            })
        })
        .collect::<Vec<_>>();
    let mut refused = 0;
    for attempt in attempts {
        let (status, retry_after) = attempt.await.unwrap();
        match status.as_u16() {
            401 => {}
            503 => {
                assert_eq!(retry_after.unwrap(), "5");
                refused += 1;
            }
            other => panic!("only answers or clean refusals, not {other}"),
        }
    }
    assert!(
        refused > 0,
        "some of ten simultaneous logins were refused with 503"
    );
    assert_eq!(
        reqwest::get(s.url("/healthz")).await.unwrap().status(),
        200,
        "and the server goes on"
    );
}

async fn what_users_type_cannot_break_a_page(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    let admin = s
        .user(&org, "admin@centre-a.example", &[Role::Administrator])
        .await;
    let token = s.token(&admin, Scope::Write).await;
    let name = "<script>alert(1)</script>' OR 1=1; DROP TABLE users; --";
    let r = reqwest::Client::new().post(s.url("/api/v1/users")).bearer_auth(&token).json(&json!({"name": name, "email": "x@centre-a.example", "roles": ["volunteer"], "password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let (client, _) = s.login("admin@centre-a.example").await;
    let page = s.html(&client, "/users").await;
    assert!(!page.contains("<script>alert"), "the name is escaped");
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;")
            || page.contains("&lt;script&gt;alert(1)&lt;"),
        "and shown as text"
    );
    assert_eq!(
        s.store
            .users(org.id)
            .await
            .unwrap()
            .iter()
            .filter(|u| u.name == name)
            .count(),
        1,
        "stored as typed, tables intact"
    );
}

async fn an_administrator_resets_a_password_and_a_lost_second_factor(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "admin@centre-a.example", &[Role::Administrator])
        .await;
    let worker = s
        .user(&org, "int@centre-a.example", &[Role::Caseworker])
        .await;
    let enrolment = s.store.begin_totp_enrolment(worker.id).await.unwrap();
    let code = totp_code(&enrolment.secret, s.store.now());
    assert!(
        s.store
            .confirm_totp(&havre_store::Actor::operator(), worker.id, &code)
            .await
            .unwrap()
    );
    let (worker_client, _) = {
        let c = s.client();
        assert_eq!(
            s.login_with(&c, "int@centre-a.example", PASSWORD)
                .await
                .headers()["location"],
            "/login/totp"
        );
        (c, ())
    };

    let (admin, csrf) = s.login("admin@centre-a.example").await;
    let new_password = "le fleuve gèle en janvier";
    let short = admin
        .post(s.url(&format!("/users/{}/password", worker.id)))
        .form(&[("csrf", csrf.as_str()), ("password", "court")])
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short
            .text()
            .await
            .unwrap()
            .contains("au moins 12 caractères")
    );
    let ok = admin
        .post(s.url(&format!("/users/{}/password", worker.id)))
        .form(&[("csrf", csrf.as_str()), ("password", new_password)])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert!(
        ok.text()
            .await
            .unwrap()
            .contains("Le mot de passe a été changé")
    );
    let r = admin
        .post(s.url(&format!("/users/{}/second-factor/reset", worker.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Her half-open session is gone; the old password no longer works; the new one opens her
    // account without a code.
    assert_eq!(
        worker_client
            .get(s.url("/login/totp"))
            .send()
            .await
            .unwrap()
            .headers()["location"],
        "/login"
    );
    assert_eq!(
        s.login_with(&s.client(), "int@centre-a.example", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let r = s
        .login_with(&s.client(), "int@centre-a.example", new_password)
        .await;
    assert_eq!(r.headers()["location"], "/");
    let actions: Vec<String> = s
        .store
        .audit_entries(org.id, Some(("user", &worker.id.to_string())), 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"totp.reset".to_owned())
            && actions.contains(&"password.changed".to_owned()),
        "{actions:?}"
    );
}

async fn the_administrator_sets_the_public_page_and_the_second_factor_rule(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, true)
        .await;
    let admin = s
        .user(&org, "admin@rive.example", &[Role::Administrator])
        .await;
    s.user(&org, "coord@rive.example", &[Role::Coordinator])
        .await;
    // The administrator reads files too: she enrols first.
    let client = s.client();
    s.login_with(&client, "admin@rive.example", PASSWORD).await;
    let page = s.html(&client, "/account/totp").await;
    let secret = extract(&page, "<code id=\"totp-secret\">", "</code>").unwrap();
    let csrf = extract(&page, "name=\"csrf\" value=\"", "\"").unwrap();
    let code = totp_code(&secret, s.store.now());
    client
        .post(s.url("/account/totp"))
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    let csrf = s.csrf_of(&client, "/organization").await;

    let form = |number: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("line_label_0", "Ligne principale".to_owned()),
            ("line_number_0", "418 555-0142".to_owned()),
            ("line_hours_0", "lun-ven 9 h-17 h".to_owned()),
            ("line_label_1", "Ligne texto".to_owned()),
            ("line_number_1", number.to_owned()),
            ("line_hours_1", "8 h-22 h, 7 jours".to_owned()),
            ("opening_hours", "Du lundi au vendredi".to_owned()),
            ("territory", "MRC de la Rive".to_owned()),
            ("limit_emergency", "5".to_owned()),
            ("limit_follow_up", "20".to_owned()),
            ("limit_relatives", "5".to_owned()),
            ("time_zone", "America/Montreal".to_owned()),
        ]
    };
    // A limit of zero is refused at its field, and nothing is saved.
    let mut zero = form("418 555-0177");
    zero.retain(|(k, _)| *k != "limit_emergency");
    zero.push(("limit_emergency", "0".to_owned()));
    let r = client
        .post(s.url("/organization"))
        .form(&zero)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        extract(&html, "id=\"err-limit_emergency\"", "</p>")
            .unwrap()
            .contains("La limite doit être un nombre de 1 à 100.")
    );
    assert_eq!(
        s.store.organization(org.id).await.unwrap().limits.follow_up,
        15
    );
    let bad = client
        .post(s.url("/organization"))
        .form(&form("pas un numéro"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("id=\"err-line_number_1\"") && html.contains("Entrez un numéro de téléphone"),
        "the message is at the field"
    );
    assert!(
        html.contains("value=\"pas un numéro\""),
        "what was typed is shown back"
    );
    assert_eq!(
        s.store
            .organization(org.id)
            .await
            .unwrap()
            .public_info
            .phone_lines
            .len(),
        1,
        "nothing was saved"
    );

    // Saved, with the second factor no longer required (the box is left unchecked).
    let ok = client
        .post(s.url("/organization"))
        .form(&form("418 555-0177"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(
        s.store.organization(org.id).await.unwrap().limits.follow_up,
        20,
        "the organization's own limit"
    );
    let public = reqwest::get(s.url(&format!("/o/{}", org.slug)))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        public.contains("418 555-0177")
            && public.contains("8 h-22 h, 7 jours")
            && public.contains("MRC de la Rive")
    );
    let saved = s.store.organization(org.id).await.unwrap();
    assert!(!saved.require_totp);
    let (coord, _) = s.login("coord@rive.example").await;
    assert_eq!(
        coord.get(s.url("/")).send().await.unwrap().status(),
        200,
        "no enrolment asked any more"
    );
    assert_eq!(
        coord
            .get(s.url("/organization"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );

    // The API twin, with a token.
    let token = s.token(&admin, Scope::Write).await;
    let api = reqwest::Client::new();
    let r = api.patch(s.url("/api/v1/organization")).bearer_auth(&token).json(&json!({"require_totp": true, "phone_lines": [{"label": "", "number": "12", "hours": ""}]})).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let problem: Value = r.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["line_label_0", "line_number_0"]);
    let r: Value = api
        .patch(s.url("/api/v1/organization"))
        .bearer_auth(&token)
        .json(&json!({"require_totp": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["require_totp"], true);
    assert_eq!(
        r["phone_lines"].as_array().unwrap().len(),
        2,
        "lines not sent are kept"
    );
    let changes = s
        .store
        .audit_entries(org.id, Some(("organization", &org.id.to_string())), 10)
        .await
        .unwrap();
    assert_eq!(
        changes
            .iter()
            .filter(|e| e.action == "organization.updated")
            .count(),
        2
    );
}

/// A token issued on the server (`havre admin token`) works for an account that has not set up
/// the second factor its organization requires of people, where its sessions are held at the
/// enrolment page; the second factor is set up through the API, after which logins ask for it.
async fn a_script_works_with_its_token_and_sets_up_the_second_factor_through_the_api(
    engine: Engine,
) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, true)
        .await;
    let caseworker = s
        .user(&org, "intervenante@centre-a.example", &[Role::Caseworker])
        .await;
    let token = s
        .token(&caseworker, havre_store::tokens::Scope::Write)
        .await;
    let (status, me) = call(&s, &token, "GET", "/api/v1/me", Value::Null).await;
    assert_eq!(
        (status, me["user"]["totp_enabled"].clone()),
        (200, json!(false))
    );
    let (status, _) = call(&s, &token, "GET", "/api/v1/files", Value::Null).await;
    assert_eq!(status, 200, "her files, through her token");
    // Her browser session, the same minute, is held until she sets it up.
    let (browser, _) = s.login("intervenante@centre-a.example").await;
    let api = browser.get(s.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(api.status(), 403);

    // Set up through the API: a secret, a wrong code refused at its field, then the right one.
    let (status, enrolment) = call(&s, &token, "POST", "/api/v1/me/totp", Value::Null).await;
    assert_eq!(status, 201, "{enrolment}");
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    assert!(
        enrolment["uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    let (status, problem) = call(
        &s,
        &token,
        "POST",
        "/api/v1/me/totp/confirm",
        json!({ "code": "000000" }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("code")),
        "{problem}"
    );
    let code = totp_code(&secret, s.store.now());
    let (status, enabled) = call(
        &s,
        &token,
        "POST",
        "/api/v1/me/totp/confirm",
        json!({ "code": code }),
    )
    .await;
    assert_eq!((status, enabled), (200, json!({ "totp_enabled": true })));
    let (_, me) = call(&s, &token, "GET", "/api/v1/me", Value::Null).await;
    assert_eq!(me["user"]["totp_enabled"], json!(true));
    // Once set up, it cannot be started again over her back, and a login asks for the code.
    let (status, _) = call(&s, &token, "POST", "/api/v1/me/totp", Value::Null).await;
    assert_eq!(status, 422);
    let client = s.client();
    let r = s
        .login_with(&client, "intervenante@centre-a.example", PASSWORD)
        .await;
    assert_eq!(r.headers()["location"], "/login/totp");
}

/// Governance (issue 13): the coordinator keeps the members, the board meetings and the
/// general meeting, through the API and the page; a board member reads them and records
/// nothing; a caseworker sees none of it. Bad input is refused at its field and changes
/// nothing; every write is audited.
async fn governance_is_kept_by_the_administration_and_read_by_the_board(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS de la Gouvernance", OrganizationKind::Centre, false)
        .await;
    let coordinator = s
        .user(&org, "coord@gouv.example", &[Role::Coordinator])
        .await;
    let board = s.user(&org, "ca@gouv.example", &[Role::BoardMember]).await;
    let caseworker = s
        .user(&org, "inter@gouv.example", &[Role::Caseworker])
        .await;
    let writer = s.token(&coordinator, Scope::Write).await;
    let today = org.time_zone.day_of(s.store.now());
    let joined = today - chrono::Days::new(400);

    // Members, through the API.
    let mut ids = Vec::new();
    for (name, kind) in [
        ("Sophie Travailleuse", "worker"),
        ("Louise Administratrice", "board_member"),
        ("Carole Militante", "activist"),
    ] {
        let (status, body) = call(
            &s,
            &writer,
            "POST",
            "/api/v1/governance/members",
            json!({ "name": name, "kind": kind, "joined_on": joined }),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        ids.push(body["id"].as_str().unwrap().to_owned());
    }
    // Bad input is refused at its field and adds nobody.
    for (body, field) in [
        (
            json!({ "name": "X", "kind": "president", "joined_on": joined }),
            "kind",
        ),
        (
            json!({ "name": "X", "kind": "worker", "joined_on": joined, "left_on": joined - chrono::Days::new(1) }),
            "left_on",
        ),
        (
            json!({ "name": "  ", "kind": "worker", "joined_on": joined }),
            "name",
        ),
    ] {
        let (status, problem) = call(&s, &writer, "POST", "/api/v1/governance/members", body).await;
        assert_eq!(
            (status, problem["errors"][0]["field"].clone()),
            (422, json!(field)),
            "{problem}"
        );
    }
    let (_, members) = call(
        &s,
        &writer,
        "GET",
        "/api/v1/governance/members",
        Value::Null,
    )
    .await;
    assert_eq!(members.as_array().unwrap().len(), 3, "{members}");

    // A board meeting through the page: 3 h with the three, 3 h of preparation, 2 h of
    // minutes: 3 + 2 + 3 = 8 h of internal management, 6 h of activism.
    let (client, csrf) = s.login("coord@gouv.example").await;
    let day = (today - chrono::Days::new(10)).to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("csrf", csrf.as_str()),
        ("date", day.as_str()),
        ("time", "18:30"),
        ("length", "trois heures"),
        ("preparation", "3"),
        ("minutes_writing", "2 h"),
    ];
    for id in &ids {
        form.push(("present", id.as_str()));
    }
    let r = client
        .post(s.url("/governance/board-meetings"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"err-length\""), "the error at its field");
    assert!(html.contains("aria-invalid"), "{html}");
    form[3] = ("length", "3 h");
    let r = client
        .post(s.url("/governance/board-meetings"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, meetings) = call(
        &s,
        &writer,
        "GET",
        "/api/v1/governance/board-meetings",
        Value::Null,
    )
    .await;
    assert_eq!(meetings.as_array().unwrap().len(), 1, "{meetings}");
    assert_eq!(meetings[0]["internal_minutes"], json!(8 * 60));
    assert_eq!(meetings[0]["activism_minutes"], json!(6 * 60));
    // Someone who was not yet a member that day, through the API: refused at `present`.
    let (_, late) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/governance/members",
        json!({ "name": "Nouvelle", "kind": "activist", "joined_on": today }),
    )
    .await;
    let (status, problem) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/governance/board-meetings",
        json!({ "held_at": org.time_zone.instant((today - chrono::Days::new(3)).and_hms_opt(18, 0, 0).unwrap()).unwrap(), "length_minutes": 120, "present": [late["id"]] }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("present")),
        "{problem}"
    );
    let (status, problem) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/governance/board-meetings",
        json!({ "held_at": "2020-01-01T18:00:00-05:00", "length_minutes": 0, "present": [ids[0]] }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("length_minutes")),
        "{problem}"
    );

    // A member leaves, on the page: a date that does not read is refused at the row.
    let left_path = format!("/governance/members/{}/left", ids[2]);
    let r = client
        .post(s.url(&left_path))
        .form(&[("csrf", csrf.as_str()), ("left_on", "hier")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("id=\"err-member_left_on\"")
    );
    let yesterday = (today - chrono::Days::new(1)).to_string();
    let r = client
        .post(s.url(&left_path))
        .form(&[("csrf", csrf.as_str()), ("left_on", yesterday.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, members) = call(
        &s,
        &writer,
        "GET",
        "/api/v1/governance/members",
        Value::Null,
    )
    .await;
    let carole = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Carole Militante")
        .unwrap();
    assert_eq!(carole["left_on"], json!(yesterday));

    // The general meeting, through the API: 33 persons, 230 h.
    let (status, body) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/governance/annual-meetings",
        json!({ "held_at": org.time_zone.instant((today - chrono::Days::new(20)).and_hms_opt(18, 30, 0).unwrap()).unwrap(), "members_present": 21, "non_members_present": 12, "preparation_minutes": 7200, "report_minutes": 5400, "presence_minutes": 1200 }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, problem) = call(
        &s,
        &writer,
        "POST",
        "/api/v1/governance/annual-meetings",
        json!({ "held_at": "2024-05-24T18:30:00-04:00", "members_present": -1 }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].clone()),
        (422, json!("members_present")),
        "{problem}"
    );
    let (_, annual) = call(
        &s,
        &writer,
        "GET",
        "/api/v1/governance/annual-meetings",
        Value::Null,
    )
    .await;
    assert_eq!(annual.as_array().unwrap().len(), 1, "{annual}");
    assert_eq!(annual[0]["invested_minutes"], json!(230 * 60));

    // The board member reads it all, on the page and through the API, and records nothing.
    let reader = s.token(&board, Scope::Write).await;
    let (status, listed) = call(
        &s,
        &reader,
        "GET",
        "/api/v1/governance/members",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), 4);
    let (status, _) = call(
        &s,
        &reader,
        "POST",
        "/api/v1/governance/members",
        json!({ "name": "Intruse", "kind": "worker", "joined_on": today }),
    )
    .await;
    assert_eq!(status, 403);
    let (board_client, board_csrf) = s.login("ca@gouv.example").await;
    let html = s.html(&board_client, "/governance").await;
    assert!(html.contains("Louise Administratrice"), "{html}");
    assert!(html.contains("Administratrice"));
    assert!(!html.contains("action=\"/governance/members\""), "no form");
    let r = board_client
        .post(s.url("/governance/members"))
        .form(&[
            ("csrf", board_csrf.as_str()),
            ("name", "Intruse"),
            ("kind", "worker"),
            ("joined_on", today.to_string().as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The caseworker sees none of it.
    let (case_client, _) = s.login("inter@gouv.example").await;
    let r = case_client.get(s.url("/governance")).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let case_token = s.token(&caseworker, Scope::Read).await;
    let (status, _) = call(
        &s,
        &case_token,
        "GET",
        "/api/v1/governance/members",
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);

    // Every write is audited, without the members' names.
    let (_, audit) = call(&s, &writer, "GET", "/api/v1/audit", Value::Null).await;
    let text = audit.to_string();
    assert_eq!(
        text.matches("governance.changed").count(),
        4 + 1 + 1 + 1,
        "{text}"
    );
    assert!(!text.contains("Louise"));
}

/// issue 13: every JSON body the API takes, sent empty, is refused with problems that name
/// the body's own fields, as the OpenAPI document spells them, and a field reported missing is
/// one the document marks as required.
/// The Rust sources of the crates that hold what users read: the domain, the store, the
/// report and the web layer.
fn workspace_sources() -> Vec<std::path::PathBuf> {
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in ["havre-domain", "havre-store", "havre-report", "havre-web"] {
        sources(&crates.join(krate).join("src"), &mut files);
    }
    files
}

/// Every message a field error names in the workspace's sources has its text in both
/// languages: a key without one would show the user the key itself.
#[test]
fn every_field_error_is_told_in_both_languages() {
    use havre_web::i18n::{Lang, t};
    let files = workspace_sources();
    // The second literal of `FieldError::new` and of `StoreError::invalid` (the field,
    // then the key), and the literal of `message_key:`.
    let mut keys = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let compact: String = text.split_whitespace().collect::<Vec<_>>().join("");
        for opener in ["FieldError::new(\"", "StoreError::invalid(\""] {
            for (i, _) in compact.match_indices(opener) {
                let rest = &compact[i + opener.len()..];
                // `field","key"`: two literals, nothing computed.
                if let Some((_, after)) = rest.split_once("\",\"")
                    && let Some(end) = after.find('"')
                    && !rest[..rest.find('"').unwrap_or(0)].contains(',')
                {
                    keys.push((file.clone(), after[..end].to_owned()));
                }
            }
        }
        for (i, _) in compact.match_indices("message_key:\"") {
            let rest = &compact[i + "message_key:\"".len()..];
            if let Some(end) = rest.find('"') {
                keys.push((file.clone(), rest[..end].to_owned()));
            }
        }
    }
    assert!(keys.len() > 100, "the scan found the field errors");
    let mut missing: Vec<String> = keys
        .into_iter()
        .filter(|(_, key)| t(Lang::Fr, key) == *key || t(Lang::En, key) == *key)
        .map(|(file, key)| format!("{key} ({})", file.display()))
        .collect();
    missing.sort();
    missing.dedup();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "field errors without their text"
    );
}

/// The OpenAPI document names each schema by its type's name alone: two schemas of the same
/// name anywhere in the workspace would make one route's schema describe the other's (care's
/// enrolment once hid the groups' one, and the service requests' statuses the housing
/// requests').
#[test]
fn every_api_schema_has_its_own_name() {
    let files = workspace_sources();
    let mut names = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut schema = false;
        let mut keyed = false;
        for line in &lines {
            let trimmed = line.trim();
            // Query parameters are written inline; only schemas are named.
            if trimmed.starts_with("#[derive(") {
                schema = trimmed.contains("ToSchema");
            }
            if trimmed == "keyed! {" {
                keyed = true;
                continue;
            }
            let named = if keyed && !trimmed.starts_with("///") && trimmed.ends_with('{') {
                keyed = false;
                trimmed.trim_end_matches('{').trim()
            } else if schema
                && let Some(rest) = trimmed
                    .strip_prefix("pub struct ")
                    .or_else(|| trimmed.strip_prefix("pub enum "))
            {
                schema = false;
                rest
            } else {
                continue;
            };
            let name: String = named.chars().take_while(|c| c.is_alphanumeric()).collect();
            let file = file.file_name().unwrap().to_string_lossy().into_owned();
            names.push((name, file));
        }
    }
    assert!(names.len() > 50, "the scan found the schemas");
    names.sort();
    let twice: Vec<_> = names.windows(2).filter(|w| w[0].0 == w[1].0).collect();
    assert!(twice.is_empty(), "{twice:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_body_names_its_own_fields() {
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let org = s
        .organization("Centre A", OrganizationKind::Centre, false)
        .await;
    let everything = s
        .user(
            &org,
            "tout@centre-a.example",
            &[
                Role::Administrator,
                Role::Coordinator,
                Role::Caseworker,
                Role::PreventionWorker,
            ],
        )
        .await;
    let token = s.token(&everything, Scope::Write).await;
    let doc: Value = reqwest::get(s.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let resolve = |schema: &Value| -> Value {
        match schema["$ref"].as_str() {
            Some(r) => doc["components"]["schemas"][r.rsplit('/').next().unwrap()].clone(),
            None => schema.clone(),
        }
    };
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(schema) = operation["requestBody"]["content"]["application/json"]
                .get("schema")
                .map(resolve)
            else {
                continue;
            };
            let properties = schema["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let concrete = path
                .replace("{list}", "requester")
                .split('/')
                .map(|segment| {
                    if segment.starts_with('{') {
                        uuid::Uuid::new_v4().to_string()
                    } else {
                        segment.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let (status, problem) =
                call(&s, &token, &method.to_uppercase(), &concrete, json!({})).await;
            if status != 422 {
                continue;
            }
            checked += 1;
            for error in problem["errors"].as_array().unwrap() {
                let field = error["field"].as_str().unwrap();
                let top = field.split(['.', '[']).next().unwrap();
                if !properties.contains_key(top) {
                    wrong.push(format!(
                        "{method} {path}: {field} is not a field of the body"
                    ));
                } else if error["message"] == json!("Ce champ est obligatoire.")
                    && !field.contains(['.', '['])
                    && !required.contains(&field)
                {
                    wrong.push(format!(
                        "{method} {path}: {field} is required but not marked so"
                    ));
                }
            }
        }
    }
    assert!(checked >= 20, "only {checked} bodies checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Every 4xx is a problem document in the client's language: a method the route does not
    // answer, a path that is no route, a body that is not JSON.
    for (method, path, expected) in [
        ("PUT", "/api/v1/me", 405),
        ("GET", "/api/v1/nulle-part", 404),
        ("POST", "/api/v1/referrals", 422),
    ] {
        let r = reqwest::Client::new()
            .request(method.parse().unwrap(), s.url(path))
            .bearer_auth(&token)
            .header("accept-language", "fr-CA")
            .header("content-type", "application/json")
            .body("pas du JSON")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), expected, "{method} {path}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["status"], json!(expected));
        assert!(
            problem["title"]
                .as_str()
                .unwrap()
                .chars()
                .any(|c| c.is_alphabetic())
        );
    }
}
