//! Passwords refused with the reason at their field, and organizations named in any script
//! reached at a readable address, on both engines.

use crate::common::*;
use havre_domain::policy::Role;
use havre_store::organizations::OrganizationKind;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::on_both_engines!(
    a_weak_password_is_explained_at_its_field_and_nothing_changes,
    organizations_named_in_any_script_have_a_readable_address_that_works,
);

/// What the field shows for "Motdepasse2024!": that it is refused, why, and what to do.
const WEAK: &str = "Motdepasse2024!";
const WEAK_EXPLAINED: &str = "Ce mot de passe serait trop facile à deviner. Il ressemble à un mot courant suivi d'une année, parmi les premiers essayés. Ajoutez un ou deux mots inattendus.";

/// The message shown under a field of a form page.
fn field_error(html: &str, field: &str) -> String {
    extract(html, &format!("id=\"err-{field}\">"), "</p>")
        .unwrap_or_else(|| panic!("no message at the field {field}"))
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
}

async fn a_weak_password_is_explained_at_its_field_and_nothing_changes(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    let admin = s
        .user(&org, "admin@rive.example", &[Role::Administrator])
        .await;
    let (client, csrf) = s.login("admin@rive.example").await;

    // Her own password: refused at the field, in French, and the old one still opens.
    let r = client
        .post(s.url("/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", WEAK),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    let message = field_error(&html, "new_password");
    assert!(message.starts_with(WEAK_EXPLAINED), "{message}");
    assert_ne!(
        s.login_with(&s.client(), "admin@rive.example", WEAK)
            .await
            .status(),
        303,
        "the weak password was not saved"
    );
    assert_eq!(
        s.login_with(&s.client(), "admin@rive.example", PASSWORD)
            .await
            .status(),
        303
    );

    // A new account built on its own name: refused, and told why.
    let r = client
        .post(s.url("/users"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Marie Tremblay"),
            ("email", "marie.tremblay@rive.example"),
            ("roles", "volunteer"),
            ("password", "MarieTremblay2024"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = field_error(&r.text().await.unwrap(), "password");
    assert!(
        message.contains("Il reprend un nom ou un courriel du compte ou de l'organisme"),
        "{message}"
    );
    assert!(
        s.store
            .user_by_email("marie.tremblay@rive.example")
            .await
            .is_err(),
        "nothing was created"
    );

    // Through the API: every message at the password field, in the problem document.
    let token = s.token(&admin, Scope::Write).await;
    let r = s
        .client()
        .post(s.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&json!({"name": "Nadia", "email": "nadia@rive.example", "roles": ["volunteer"], "password": WEAK}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let problem: Value = r.json().await.unwrap();
    let messages: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "password")
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.join(" ").starts_with(WEAK_EXPLAINED),
        "{messages:?}"
    );
    assert!(s.store.user_by_email("nadia@rive.example").await.is_err());

    // A passphrase is taken.
    let r = client
        .post(s.url("/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", "cheval-agrafe-pile-correcte"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        s.login_with(
            &s.client(),
            "admin@rive.example",
            "cheval-agrafe-pile-correcte"
        )
        .await
        .status(),
        303
    );
}

async fn organizations_named_in_any_script_have_a_readable_address_that_works(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    for (name, slug) in [
        ("ᐃᓄᒃᑎᑐᑦ", "ᐃᓄᒃᑎᑐᑦ"),
        ("مركز", "مركز"),
        ("CALACS Coup de cœur", "calacs-coup-de-cœur"),
    ] {
        let org = s.organization(name, OrganizationKind::Centre, false).await;
        assert_eq!(org.slug, slug);
        let path = havre_web::public_path(&org.slug);
        assert!(path.is_ascii(), "{path}");
        // The address as written, which the client encodes, and as encoded.
        for address in [format!("/o/{slug}"), path.clone()] {
            let r = reqwest::get(s.url(&address)).await.unwrap();
            assert_eq!(r.status(), 200, "{address}");
            assert!(r.text().await.unwrap().contains(name), "{address}");
        }

        // The administrator's link to the page is the encoded address, and it opens.
        let email = format!("admin@{}.example", org.id);
        s.user(&org, &email, &[Role::Administrator]).await;
        let (client, _) = s.login(&email).await;
        let html = s.html(&client, "/organization").await;
        assert!(
            html.contains(&format!("<a href=\"{path}\">")),
            "the link to the public page is {path}"
        );

        // The language switch of the public page comes back to it.
        let public = reqwest::get(s.url(&path))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let switch = extract(&public, "class=\"lang\" href=\"", "\"")
            .unwrap()
            .replace("&amp;", "&");
        let r = s.client().get(s.url(&switch)).send().await.unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"].to_str().unwrap(), path);
    }
    // An address typed without its accents, from a poster, still reaches the page.
    s.organization("Maison Hélène", OrganizationKind::Centre, false)
        .await;
    let r = reqwest::get(s.url("/o/maison-helene")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Maison Hélène"));
    assert_eq!(
        reqwest::get(s.url("/o/%D9%85%D8%B1%D9%83"))
            .await
            .unwrap()
            .status(),
        404,
        "a slug is matched whole"
    );
}
