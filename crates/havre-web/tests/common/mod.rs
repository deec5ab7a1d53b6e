//! A real Havre server on a real database for each test, on SQLite or PostgreSQL.
#![allow(dead_code)]

use havre_domain::policy::{Role, Roles};
use havre_store::accounts::{NewUser, User};
use havre_store::organizations::{
    NewOrganization, Organization, OrganizationKind, PhoneLine, PublicInfo,
};
use havre_store::testing::{Engine, TestDatabase, database};
use havre_store::{Actor, Clock, Keyring, Store};
use havre_web::{AppState, Config};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The API's responses against its OpenAPI document (issue 13): the status is one the route
/// documents (or its default, a problem document), and the body validates against the schema
/// documented for that status and content type.
mod conformance {
    use axum::body::Body;
    use axum::extract::{Request, State};
    use axum::middleware::Next;
    use axum::response::Response;
    use serde_json::Value;
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex};

    static DOC: LazyLock<Value> = LazyLock::new(|| {
        use utoipa::OpenApi;
        serde_json::to_value(havre_web::api::ApiDoc::openapi()).unwrap()
    });

    type Validators = Mutex<HashMap<String, Arc<jsonschema::Validator>>>;
    static VALIDATORS: LazyLock<Validators> = LazyLock::new(Default::default);

    /// The documented path that a concrete path is an instance of.
    fn template(path: &str) -> Option<&'static str> {
        let segments: Vec<&str> = path.split('/').collect();
        DOC["paths"].as_object()?.keys().find_map(|t| {
            let parts: Vec<&str> = t.split('/').collect();
            (parts.len() == segments.len()
                && parts
                    .iter()
                    .zip(&segments)
                    .all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty())))
            .then_some(t.as_str())
        })
    }

    pub async fn check(
        State(found): State<Arc<Mutex<Vec<String>>>>,
        request: Request,
        next: Next,
    ) -> Response {
        let method = request.method().as_str().to_lowercase();
        let path = request.uri().path().to_owned();
        let response = next.run(request).await;
        if !path.starts_with("/api/v1/") || path == "/api/v1/openapi.json" {
            return response;
        }
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let mime = parts
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or_default()
            .trim()
            .to_owned();
        if let Err(problem) = conforms(&method, &path, parts.status.as_u16(), &mime, &bytes) {
            found.lock().unwrap().push(problem);
        }
        Response::from_parts(parts, Body::from(bytes))
    }

    fn conforms(
        method: &str,
        path: &str,
        status: u16,
        mime: &str,
        body: &[u8],
    ) -> Result<(), String> {
        let here = format!("{} {path} → {status}", method.to_uppercase());
        let Some(template) = template(path) else {
            // An unknown path answers 404 like any other: the fallback's problem document.
            return if status == 404 {
                Ok(())
            } else {
                Err(format!("{here}: the path is not documented"))
            };
        };
        let operation = &DOC["paths"][template][method];
        if !operation.is_object() {
            return if status == 405 {
                Ok(())
            } else {
                Err(format!("{here}: {method} is not documented for {template}"))
            };
        }
        let responses = &operation["responses"];
        let documented = responses
            .get(status.to_string())
            .filter(|r| r.is_object())
            .or_else(|| responses.get("default"));
        let Some(documented) = documented else {
            return Err(format!("{here}: status not documented for {template}"));
        };
        if body.is_empty() {
            return Ok(());
        }
        let Some(content) = documented["content"].as_object() else {
            return Err(format!(
                "{here}: a body ({mime}) where {template} documents none"
            ));
        };
        let Some(media) = content.get(mime) else {
            return Err(format!(
                "{here}: {mime} is not among {:?}",
                content.keys().collect::<Vec<_>>()
            ));
        };
        let Some(schema) = media.get("schema") else {
            return Ok(());
        };
        if !mime.ends_with("json") {
            return Ok(());
        }
        let instance: Value = serde_json::from_slice(body)
            .map_err(|e| format!("{here}: the body is not JSON: {e}"))?;
        let key = format!("{template} {method} {status} {mime}");
        let validator = {
            let mut cache = VALIDATORS.lock().unwrap();
            match cache.get(&key) {
                Some(v) => v.clone(),
                None => {
                    // The schema with the document's components beside it, so that its
                    // references resolve.
                    let root = serde_json::json!({
                        "$schema": "https://json-schema.org/draft/2020-12/schema",
                        "components": DOC["components"],
                        "allOf": [schema],
                    });
                    let v = Arc::new(jsonschema::validator_for(&root).map_err(|e| {
                        format!("{here}: the documented schema does not compile: {e}")
                    })?);
                    cache.insert(key, v.clone());
                    v
                }
            }
        };
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .take(5)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{here}: {}", errors.join("; ")))
        }
    }
}

pub const PASSWORD: &str = "une phrase de passe solide";

pub struct TestServer {
    pub base: String,
    pub store: Store,
    pub clock: Clock,
    pub db: TestDatabase,
    /// The keyring's text: a second store opens the same data with it.
    keys: String,
    shutdown: Option<oneshot::Sender<()>>,
    /// What the API answered that its OpenAPI document does not describe.
    nonconforming: Arc<Mutex<Vec<String>>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let found = std::mem::take(&mut *self.nonconforming.lock().unwrap());
        if !found.is_empty() && !std::thread::panicking() {
            panic!(
                "{} API responses do not match the OpenAPI document:\n{}",
                found.len(),
                found.join("\n")
            );
        }
    }
}

/// Runs a test body once per engine, as two tests: `name::sqlite` and `name::postgres`. The
/// body runs on the test's own thread, where insta's `allow_duplicates` holds: the same inline
/// snapshot is asserted for both engines (and in a loop, each time with the same text).
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                $crate::common::run(super::$name(havre_store::testing::Engine::Sqlite))
            }
            #[test]
            fn postgres() {
                $crate::common::run(super::$name(havre_store::testing::Engine::Postgres))
            }
        }
    )*};
}

/// Runs a test's body on a runtime of two workers, as `#[tokio::test(flavor = "multi_thread")]`
/// does, with the body itself polled on the test's thread.
pub fn run(body: impl std::future::Future<Output = ()>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    insta::allow_duplicates! {
        runtime.block_on(body)
    }
}

impl TestServer {
    pub async fn start(engine: Engine) -> Option<TestServer> {
        Self::start_with(engine, Config::default()).await
    }

    pub async fn start_with(engine: Engine, config: Config) -> Option<TestServer> {
        let db = database(engine).await?;
        // A clock that only moves when a test moves it: delays are checked without waiting.
        let clock = Clock::fixed(chrono::Utc::now());
        let keys = Keyring::new_entry();
        let store = Store::open(&db.url, Keyring::parse(&keys).unwrap(), clock.clone())
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel();
        let state = AppState::new(store.clone(), config);
        // The application as `havre serve` runs it, with every API response checked against
        // the OpenAPI document on its way out.
        let nonconforming = Arc::new(Mutex::new(Vec::new()));
        let app = havre_web::app(state).layer(axum::middleware::from_fn_with_state(
            nonconforming.clone(),
            conformance::check,
        ));
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
        });
        Some(TestServer {
            base,
            store,
            clock,
            db,
            keys,
            shutdown: Some(tx),
            nonconforming,
        })
    }

    /// The server's keyring, again: for a second store over the same data (a restore).
    pub fn keyring(&self) -> Keyring {
        Keyring::parse(&self.keys).unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn organization(
        &self,
        name: &str,
        kind: OrganizationKind,
        require_totp: bool,
    ) -> Organization {
        let info = PublicInfo {
            phone_lines: vec![PhoneLine {
                label: "Ligne principale".into(),
                number: "418 555-0100".into(),
                hours: "lun-ven 9 h-17 h".into(),
            }],
            opening_hours: "Du lundi au vendredi".into(),
            territory: "MRC d'essai".into(),
            services: "Suivi individuel\nGroupes de soutien".into(),
        };
        self.store
            .create_organization(
                &Actor::operator(),
                NewOrganization {
                    name: name.into(),
                    kind,
                    require_totp,
                    public_info: info,
                    time_zone: Default::default(),
                    year_start: Default::default(),
                    country: Default::default(),
                },
            )
            .await
            .unwrap()
    }

    /// The store's reader for an operator acting as the organization's coordinator: to set
    /// up what a test needs without going through the pages.
    pub fn coordinator_reader(&self, org: &Organization) -> havre_store::files::Reader {
        havre_store::files::Reader {
            actor: Actor {
                organization_id: Some(org.id),
                ..Actor::operator()
            },
            organization_id: org.id,
            user_id: uuid::Uuid::nil().into(),
            roles: Roles::new(vec![Role::Coordinator]),
            profession: None,
            partner_id: None,
            known: Default::default(),
        }
    }

    /// A member partner of the organization since 1 January 2020.
    pub async fn partner(&self, org: &Organization, name: &str) -> havre_domain::ids::PartnerId {
        self.store
            .add_partner(
                &self.coordinator_reader(org),
                havre_store::missions::PartnerForm {
                    name: name.into(),
                    joined_on: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
                    left_on: None,
                },
            )
            .await
            .unwrap()
    }

    /// An account for a caseworker of a member partner.
    pub async fn partner_caseworker(
        &self,
        org: &Organization,
        partner: havre_domain::ids::PartnerId,
        email: &str,
    ) -> User {
        self.store
            .add_partner_account(
                &self.coordinator_reader(org),
                partner,
                havre_store::missions::PartnerAccount {
                    email: email.into(),
                    name: format!("Personne {email}"),
                    password: PASSWORD.into(),
                },
            )
            .await
            .unwrap()
    }

    pub async fn user(&self, org: &Organization, email: &str, roles: &[Role]) -> User {
        // A partner's caseworker is made for a member partner (docs/missions.md).
        if roles == [Role::PartnerCaseworker] {
            let partner = self.partner(org, &format!("Partenaire de {email}")).await;
            return self.partner_caseworker(org, partner, email).await;
        }
        self.store
            .create_user(
                &Actor::operator(),
                org.id,
                NewUser {
                    email: email.into(),
                    name: format!("Personne {email}"),
                    roles: Roles::new(roles.to_vec()),
                    password: PASSWORD.into(),
                },
            )
            .await
            .unwrap()
    }

    /// A client with its own cookie jar, as one browser.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Logs in through the login form; returns the client, its session's CSRF token.
    pub async fn login(&self, email: &str) -> (reqwest::Client, String) {
        let client = self.client();
        let response = self.login_with(&client, email, PASSWORD).await;
        assert_eq!(response.status(), 303, "login of {email}");
        let csrf = self.csrf_of(&client, "/account").await;
        (client, csrf)
    }

    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let csrf = self.csrf_of(client, "/login").await;
        client
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    /// Sets the server's clock to an instant: a test that needs a day of the year.
    /// Sets the clock to 14 h UTC (9 or 10 h in Québec) on a day.
    pub fn on_day(&self, y: i32, m: u32, d: u32) {
        use chrono::TimeZone;
        self.set_clock(chrono::Utc.with_ymd_and_hms(y, m, d, 14, 0, 0).unwrap());
    }

    pub fn set_clock(&self, at: chrono::DateTime<chrono::Utc>) {
        self.clock.advance(at - self.store.now());
    }

    /// A page as a browser set to `lang` gets it.
    pub async fn html_in(&self, client: &reqwest::Client, path: &str, lang: &str) -> String {
        text_of(client.get(self.url(path)).header("accept-language", lang)).await
    }

    /// A page as the browser gets it, for a client signed in or not.
    pub async fn html(&self, client: &reqwest::Client, path: &str) -> String {
        text_of(client.get(self.url(path))).await
    }

    /// The CSRF token a page carries in its forms.
    pub async fn csrf_of(&self, client: &reqwest::Client, path: &str) -> String {
        let html = client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        extract(&html, "name=\"csrf\" value=\"", "\"").unwrap_or_default()
    }

    pub async fn token(&self, user: &User, scope: havre_store::tokens::Scope) -> String {
        self.store
            .create_token(&Actor::operator(), user, "tests", scope)
            .await
            .unwrap()
            .0
    }
}

pub fn extract(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(text[from..to].to_owned())
}

/// The current code of a TOTP secret in base32, as an authenticator app computes it, at the
/// time of the store's clock.
pub fn totp_code(secret_base32: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    let bytes = totp_rs::Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .unwrap();
    let totp =
        totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, None, "x".into()).unwrap();
    totp.generate(at.timestamp() as u64)
}

/// A waiting help request of an organization, recorded through the store with the first
/// values of its lists.
pub async fn waiting_request(
    server: &TestServer,
    org: &Organization,
    name: &str,
    days_ago: i64,
) -> havre_domain::ids::HelpRequestId {
    request_of(server, org, name, days_ago, Default::default())
        .await
        .0
}

/// A help request as the intake records it today, for a woman of this name, with the third
/// value of each list: a test changes what it is about.
pub async fn new_request(
    server: &TestServer,
    org: havre_domain::ids::OrganizationId,
    name: &str,
) -> havre_store::intake::NewHelpRequest {
    use havre_domain::lists::ListKind;
    let first = |kind: ListKind| {
        let store = server.store.clone();
        async move { store.list_values(org, kind, false).await.unwrap()[2].id }
    };
    havre_store::intake::NewHelpRequest {
        from_online: None,
        received_at: server.store.now(),
        channel: havre_domain::intake::Channel::Phone,
        voluntary: true,
        network_consent: true,
        exception_reason: None,
        name: name.into(),
        phone: None,
        birth_year: None,
        safe_contact: Default::default(),
        teenager: false,
        service_area: havre_domain::intake::ServiceArea::DirectHelp,
        requester: first(ListKind::Requester).await,
        age_at_request: first(ListKind::AgeAtRequest).await,
        age_at_assault: first(ListKind::AgeAtAssault).await,
        referral_source: first(ListKind::ReferralSource).await,
        residence: first(ListKind::Residence).await,
        disposition: None,
        assault_forms: vec![first(ListKind::AssaultForm).await],
        relations: vec![first(ListKind::Relation).await],
        answers: Default::default(),
        exploitation: None,
        chosen_code: None,
        override_reason: None,
    }
}

/// A waiting help request with its safe-contact instructions: (request id, person id).
pub async fn request_of(
    server: &TestServer,
    org: &Organization,
    name: &str,
    days_ago: i64,
    safe_contact: havre_store::intake::SafeContact,
) -> (
    havre_domain::ids::HelpRequestId,
    havre_domain::ids::PersonId,
) {
    let new = havre_store::intake::NewHelpRequest {
        received_at: server.store.now() - chrono::TimeDelta::days(days_ago),
        safe_contact,
        ..new_request(server, org.id, name).await
    };
    server
        .store
        .record_help_request(&Actor::operator(), org.id, new)
        .await
        .map(|r| (r.id, r.person_id))
        .unwrap()
}

/// A call to the JSON API with a token, in French: its status and its body (null when none).
pub async fn call(
    s: &TestServer,
    token: &str,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let client = reqwest::Client::new();
    let req = match method {
        "GET" => client.get(s.url(path)),
        "PUT" => client.put(s.url(path)).json(&body),
        "PATCH" => client.patch(s.url(path)).json(&body),
        _ => client.post(s.url(path)).json(&body),
    };
    let r = req
        .bearer_auth(token)
        .header("accept-language", "fr-CA")
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

/// A call that must succeed with `status`; its body.
pub async fn ok(
    s: &TestServer,
    token: &str,
    method: &str,
    path: &str,
    body: serde_json::Value,
    status: u16,
) -> serde_json::Value {
    let (got, answer) = call(s, token, method, path, body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    answer
}

/// A creation that must succeed (201); the id it answers.
pub async fn id_of(s: &TestServer, token: &str, path: &str, body: serde_json::Value) -> String {
    ok(s, token, "POST", path, body, 201).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

impl TestServer {
    /// A server with one centre: the first line of most tests.
    pub async fn centre(engine: Engine, name: &str) -> Option<(TestServer, Organization)> {
        let server = TestServer::start(engine).await?;
        let org = server
            .organization(name, OrganizationKind::Centre, false)
            .await;
        Some((server, org))
    }

    /// A care unit in Seine-Saint-Denis (docs/care.md): in France, calendar year, Paris's
    /// clock.
    pub async fn care_unit(&self, name: &str) -> Organization {
        self.store
            .create_organization(
                &Actor::operator(),
                NewOrganization {
                    name: name.into(),
                    kind: OrganizationKind::Centre,
                    require_totp: false,
                    public_info: Default::default(),
                    time_zone: havre_domain::zone::Zone::parse("Europe/Paris").unwrap(),
                    year_start: havre_domain::year::YearStart::JANUARY,
                    country: havre_domain::year::Country::France,
                },
            )
            .await
            .unwrap()
    }

    /// A member of the team (a caseworker) with her profession, a key of Havre's list
    /// (doctor, legal, police, reception…), and her API token.
    pub async fn professional(
        &self,
        org: &Organization,
        email: &str,
        profession: &str,
    ) -> (User, String) {
        let (user, token) = self.member(org, email, &[Role::Caseworker]).await;
        let id = self
            .store
            .list_values(org.id, havre_domain::lists::ListKind::Profession, false)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.key.as_deref() == Some(profession))
            .unwrap()
            .id;
        let user = self
            .store
            .update_user(
                &Actor::operator(),
                org.id,
                user.id,
                havre_store::accounts::UserChanges {
                    profession: Some(Some(id)),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        (user, token)
    }

    /// An account of the organization with the roles given, and its API token (read and
    /// write).
    pub async fn member(&self, org: &Organization, email: &str, roles: &[Role]) -> (User, String) {
        let user = self.user(org, email, roles).await;
        let token = self.token(&user, havre_store::tokens::Scope::Write).await;
        (user, token)
    }
}

/// The field errors of a problem document: (field, message) in the order given.
pub fn messages(problem: &serde_json::Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["message"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The field errors of a problem document as the person reads them, one "field: message" a
/// line, for a snapshot. The narrow no-break spaces of French numbers are shown as "⍽" so that
/// a snapshot tells them from ordinary spaces.
pub fn said(problem: &serde_json::Value) -> String {
    messages(problem)
        .into_iter()
        .map(|(field, message)| format!("{field}: {}", message.replace('\u{202F}', "⍽")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many entries the audit log holds: a refused change adds none.
pub async fn audit_entries(s: &TestServer) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    havre_store::entity::audit_entry::Entity::find()
        .count(s.store.db())
        .await
        .unwrap()
}

/// Follows the redirect after a form (303 See Other) and reads the page it leads to.
pub async fn follow(client: &reqwest::Client, s: &TestServer, r: reqwest::Response) -> String {
    assert_eq!(r.status(), 303, "the form redirects");
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let page = client.get(s.url(&location)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    page.text().await.unwrap()
}

/// The text of a PDF as pdftotext (poppler-utils) reads it back: what a reader would copy.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF");
    String::from_utf8(out.stdout).unwrap()
}

/// The body of the answer to a request, as text.
async fn text_of(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
}
