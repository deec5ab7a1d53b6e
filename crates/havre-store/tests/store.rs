//! The store on both engines: encryption at rest, the audit chain, backup and restore.

use havre_domain::policy::{Role, Roles};
use havre_store::accounts::NewUser;
use havre_store::organizations::{NewOrganization, OrganizationKind, PublicInfo};
use havre_store::testing::{Engine, TestDatabase, database};
use havre_store::{Actor, Clock, Keyring, Store};

async fn open(engine: Engine) -> Option<(Store, TestDatabase, Keyring)> {
    let db = database(engine).await?;
    let entry = Keyring::new_entry();
    let store = Store::open(&db.url, Keyring::parse(&entry).unwrap(), Clock::system())
        .await
        .unwrap();
    Some((store, db, Keyring::parse(&entry).unwrap()))
}

async fn centre(store: &Store) -> havre_domain::ids::OrganizationId {
    centre_named(store, "Centre d'essai").await.id
}

async fn centre_named(store: &Store, name: &str) -> havre_store::organizations::Organization {
    store
        .create_organization(
            &Actor::operator(),
            NewOrganization {
                name: name.into(),
                kind: OrganizationKind::Centre,
                require_totp: true,
                public_info: PublicInfo::default(),
                time_zone: Default::default(),
                year_start: Default::default(),
                country: Default::default(),
            },
        )
        .await
        .unwrap()
}

const NAME: &str = "Bérénice Quintal-Zephyrin";
const EMAIL: &str = "berenice.quintal@exemple-zephyrin.org";

async fn with_user(store: &Store) -> havre_domain::ids::OrganizationId {
    let org = centre(store).await;
    store
        .create_user(
            &Actor::operator(),
            org,
            NewUser {
                email: EMAIL.into(),
                name: NAME.into(),
                roles: Roles::new(vec![Role::Caseworker]),
                password: "une phrase de passe solide".into(),
            },
        )
        .await
        .unwrap();
    org
}

/// .cargo/config.toml: the bundled SQLite keeps a statement's plan whatever values are bound
/// and counts no memory under a shared lock (docs/benchmarks.md "Many at work on one
/// instance"); a build that loses either recompiles statements at every run.
#[tokio::test]
async fn the_bundled_sqlite_keeps_its_plans_and_counts_no_memory() {
    use sea_orm::{ConnectionTrait, Statement};
    let (store, _db, _) = open(Engine::Sqlite).await.unwrap();
    let options: Vec<String> = store
        .db()
        .query_all_raw(Statement::from_string(
            store.backend(),
            "SELECT compile_options FROM pragma_compile_options",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get::<String>("", "compile_options").unwrap())
        .collect();
    for wanted in ["ENABLE_QPSG", "DEFAULT_MEMSTATUS=0"] {
        assert!(
            options.iter().any(|o| o == wanted),
            "{wanted} is missing from {options:?}"
        );
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// docs/safety.md: "a copy of the database file alone reveals no name". Reads the SQLite file, its
/// WAL and a backup file byte by byte.
#[tokio::test]
async fn a_name_is_never_in_clear_in_the_database_file_its_wal_or_a_backup() {
    let (store, db, _) = open(Engine::Sqlite).await.unwrap();
    let org = with_user(&store).await;
    // A help request: a person with her name, phone, year of birth, safe-contact
    // instructions, and the clinical answers and the reason for a code.
    let first = |kind| {
        let store = store.clone();
        async move { store.list_values(org, kind, false).await.unwrap()[2].id }
    };
    use havre_domain::lists::ListKind;
    let recorded = store
        .record_help_request(
            &Actor::operator(),
            org,
            havre_store::intake::NewHelpRequest {
                from_online: None,
                received_at: store.now(),
                channel: havre_domain::intake::Channel::Phone,
                voluntary: false,
                network_consent: false,
                exception_reason: Some("Appel de sa soeur Zéphirine".into()),
                name: "Ophélie Quintal-Zephyrin".into(),
                phone: Some("418 555-0777".into()),
                birth_year: Some(1987),
                safe_contact: havre_store::intake::SafeContact {
                    may_call: true,
                    hours: "après Zéphyrinade".into(),
                    safe_number: "418 555-0778".into(),
                    ..Default::default()
                },
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
                answers: havre_domain::intake::PriorityAnswers {
                    suicidal_ideas: true,
                    ..Default::default()
                },
                exploitation: None,
                chosen_code: Some(havre_domain::intake::PriorityCode::One),
                override_reason: None,
            },
        )
        .await
        .unwrap();
    // Her file: a note, an attachment, a relative, a meeting past its limit with its reason,
    // and an exceptional access with its reason.
    let person = recorded.person_id;
    let user = store.user_by_email(EMAIL).await.unwrap();
    let coordinator = havre_store::files::Reader {
        actor: Actor::operator(),
        organization_id: org,
        user_id: user.id,
        roles: Roles::new(vec![Role::Coordinator]),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    store
        .add_note(
            &coordinator,
            person,
            "Elle parle de Zéphyrinus au tribunal",
            havre_domain::care::NoteScope::Team,
        )
        .await
        .unwrap();
    store
        .add_attachment(
            &coordinator,
            person,
            "plainte-Zephyrinus.txt",
            "Déclaration de Zéphyrinus, témoin".as_bytes(),
        )
        .await
        .unwrap();
    store
        .add_relative(&coordinator, person, "Zéphyrinette Quintal", "sibling")
        .await
        .unwrap();
    for _ in 0..6 {
        store
            .record_meeting(
                &coordinator,
                person,
                havre_store::meetings::NewMeeting {
                    kind: havre_domain::meetings::MeetingKind::Emergency,
                    held_at: store.now(),
                    place: havre_domain::meetings::PlaceKind::Centre,
                    place_id: None,
                    time: havre_domain::meetings::MeetingTime {
                        duration: 60,
                        ..Default::default()
                    },
                    staff: vec![user.id],
                    relative_id: None,
                    over_limit_reason: Some("Crise liée à Zéphyrinus".into()),
                    texts_given: false,
                },
            )
            .await
            .unwrap();
    }
    let caseworker = havre_store::files::Reader {
        roles: Roles::new(vec![Role::Caseworker]),
        profession: None,
        partner_id: None,
        user_id: store
            .create_user(
                &Actor::operator(),
                org,
                NewUser {
                    email: "autre@exemple.org".into(),
                    name: "Autre intervenante".into(),
                    roles: Roles::new(vec![Role::Caseworker]),
                    password: "une phrase de passe solide".into(),
                },
            )
            .await
            .unwrap()
            .id,
        ..coordinator.clone()
    };
    store
        .open_file_with_reason(&caseworker, person, "Remplacement, Zéphyrinus appelle")
        .await
        .unwrap();
    store
        .deposit(&coordinator, Some(10_000), "Don de Zéphyrinus")
        .await
        .unwrap();
    let asked = store
        .request_fund(
            &coordinator,
            person,
            Some(2_000),
            Some(havre_domain::fund::Purpose::Food),
            "Épicerie, Zéphyrinus a tout pris",
        )
        .await
        .unwrap();
    store
        .decide_fund_request(
            &coordinator,
            asked,
            havre_store::fund::Decision::Approve {
                granted_cents: 2_000,
            },
            "Comité du mardi, Zéphyrinus",
        )
        .await
        .unwrap();
    let file = store.person_file(&coordinator, person).await.unwrap();
    assert_eq!(file.notes[0].body, "Elle parle de Zéphyrinus au tribunal");
    assert_eq!(
        file.timeline[0].over_limit_reason.as_deref(),
        Some("Crise liée à Zéphyrinus"),
        "the sixth emergency meeting kept its reason"
    );
    let attachment = store
        .attachment(&coordinator, person, file.attachments[0].id)
        .await
        .unwrap();
    assert_eq!(
        attachment.bytes,
        "Déclaration de Zéphyrinus, témoin".as_bytes()
    );
    assert_eq!(attachment.file_name, "plainte-Zephyrinus.txt");
    // The report's text may quote a testimony: sealed too.
    let today = store.now().date_naive();
    store
        .save_narrative(
            &coordinator,
            today,
            today,
            "individual",
            "Le témoignage de Zéphyrinus",
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .narratives(coordinator.organization_id, today, today)
            .await
            .unwrap(),
        [(
            "individual".to_owned(),
            "Le témoignage de Zéphyrinus".to_owned()
        )]
    );
    // A member of the collective: her name sealed like a person's, read back by the store.
    store
        .add_member(
            &coordinator,
            havre_store::governance::NewMember {
                name: "Zéphyrine Administratrice".into(),
                kind: havre_domain::governance::MemberKind::BoardMember,
                joined_on: today,
                left_on: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        store.members(&coordinator).await.unwrap()[0].name,
        "Zéphyrine Administratrice"
    );
    let backup = db.data_dir().join("backup.havre");
    store.backup(&Actor::operator(), &backup).await.unwrap();
    assert_eq!(user.name, NAME, "the name reads back through the store");

    let mut checked = 0;
    for file in ["havre.sqlite3", "havre.sqlite3-wal", "backup.havre"] {
        let path = db.data_dir().join(file);
        let bytes = std::fs::read(&path).unwrap_or_default();
        if bytes.is_empty() {
            continue;
        }
        checked += 1;
        for needle in [
            "Quintal",
            "Bérénice",
            "Zephyrin",
            "berenice.quintal",
            "exemple-zephyrin",
            "Ophélie",
            "Zéphir",
            "555-0777",
            "555-0778",
            "4185550777",
            "suicidal_ideas",
            "Zéphyrinus",
            "Zephyrinus",
            "Zéphyrinette",
            "tribunal",
            "Déclaration",
            "Remplacement",
            "Administratrice",
        ] {
            assert!(
                !contains(&bytes, needle),
                "{file} holds {needle:?} in clear"
            );
        }
    }
    assert!(checked >= 2, "the database and the backup were read");
    // The WAL holds the latest writes until a checkpoint: it must have been read too.
    assert!(
        std::fs::metadata(db.data_dir().join("havre.sqlite3-wal"))
            .map(|m| m.len() > 0)
            .unwrap_or(false)
    );
}

async fn audit_chain_detects_alteration(engine: Engine) {
    let Some((store, _db, _)) = open(engine).await else {
        return;
    };
    with_user(&store).await;
    for _ in 0..3 {
        store
            .audit(
                &Actor::operator(),
                havre_store::audit::Event::new(havre_store::audit::Action::AuditRead),
            )
            .await
            .unwrap();
    }
    let ok = store.verify_audit_chain().await.unwrap();
    assert_eq!(ok.first_break, None);
    assert_eq!(ok.entries, 5);

    use sea_orm::ConnectionTrait;
    store
        .db()
        .execute_unprepared("UPDATE audit_entries SET action = 'audit.nothing' WHERE seq = 3")
        .await
        .unwrap();
    let broken = store.verify_audit_chain().await.unwrap();
    assert_eq!(
        broken.first_break,
        Some(havre_store::audit::ChainBreak::Altered { seq: 3 })
    );
}

#[tokio::test]
async fn audit_chain_detects_alteration_sqlite() {
    audit_chain_detects_alteration(Engine::Sqlite).await;
}

#[tokio::test]
async fn audit_chain_detects_alteration_postgres() {
    audit_chain_detects_alteration(Engine::Postgres).await;
}

/// Two hundred reads audited at the same moment, as a team opening files at once: their entries
/// are written together (docs/safety.md "Audit"), and every one is in the log, once, the chain
/// whole, when each read gets its answer.
async fn reads_audited_together_are_each_in_the_chain(engine: Engine) {
    let Some((store, _db, _)) = open(engine).await else {
        return;
    };
    with_user(&store).await;
    let before = store.audit_count().await.unwrap();
    let reads: Vec<_> = (0..200)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .audit(
                        &Actor::operator(),
                        havre_store::audit::Event::new(havre_store::audit::Action::AuditRead)
                            .target("read", i),
                    )
                    .await
            })
        })
        .collect();
    for read in reads {
        read.await.unwrap().unwrap();
    }
    assert_eq!(store.audit_count().await.unwrap(), before + 200);
    use sea_orm::{ConnectionTrait, Statement};
    let mut targets: Vec<i64> = store
        .db()
        .query_all_raw(Statement::from_string(
            store.backend(),
            "SELECT target_id FROM audit_entries WHERE target_kind = 'read'",
        ))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            row.try_get::<String>("", "target_id")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    targets.sort();
    assert_eq!(targets, (0..200).collect::<Vec<_>>());
    let chain = store.verify_audit_chain().await.unwrap();
    assert_eq!(chain.first_break, None);
    assert_eq!(chain.entries as u64, before + 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_audited_together_are_each_in_the_chain_sqlite() {
    reads_audited_together_are_each_in_the_chain(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_audited_together_are_each_in_the_chain_postgres() {
    reads_audited_together_are_each_in_the_chain(Engine::Postgres).await;
}

/// Every table of records counts its changes (migration m0028), so that a report kept until a
/// change cannot outlive one; only the tables written by reading are left out. A new table
/// that a migration forgets to watch fails here.
async fn every_table_of_records_counts_its_changes(engine: Engine) {
    use havre_store::migration::m0028_data_changes::{UNWATCHED, tables};
    use sea_orm::{ConnectionTrait, Statement};
    let Some((store, _db, _)) = open(engine).await else {
        return;
    };
    let sql = match store.backend() {
        sea_orm::DbBackend::Sqlite => {
            "SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' \
             AND sql LIKE '%UPDATE data_changes SET seq = seq + 1%'"
        }
        _ => {
            "SELECT DISTINCT c.relname::text AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND p.proname = 'havre_data_changed'"
        }
    };
    let mut watched: Vec<String> = store
        .db()
        .query_all_raw(Statement::from_string(store.backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect();
    watched.sort();
    let mut expected = tables(store.db()).await.unwrap();
    expected.retain(|t| !UNWATCHED.contains(&t.as_str()));
    expected.sort();
    assert_eq!(watched, expected);
    assert!(watched.len() > 50, "{watched:?}");

    // A change moves the count; an audited read and a login's session do not.
    let before = store.data_changes().await.unwrap();
    let org = with_user(&store).await;
    let after = store.data_changes().await.unwrap();
    assert!(after > before);
    store
        .audit(
            &Actor::operator(),
            havre_store::audit::Event::new(havre_store::audit::Action::AuditRead),
        )
        .await
        .unwrap();
    let user = store.users(org).await.unwrap().remove(0);
    store.create_session(&user, false).await.unwrap();
    assert_eq!(store.data_changes().await.unwrap(), after);
}

#[tokio::test]
async fn every_table_of_records_counts_its_changes_sqlite() {
    every_table_of_records_counts_its_changes(Engine::Sqlite).await;
}

#[tokio::test]
async fn every_table_of_records_counts_its_changes_postgres() {
    every_table_of_records_counts_its_changes(Engine::Postgres).await;
}

async fn audit_chain_detects_removal(engine: Engine) {
    let Some((store, _db, _)) = open(engine).await else {
        return;
    };
    with_user(&store).await;
    for _ in 0..3 {
        store
            .audit(
                &Actor::operator(),
                havre_store::audit::Event::new(havre_store::audit::Action::AuditRead),
            )
            .await
            .unwrap();
    }
    use sea_orm::ConnectionTrait;
    store
        .db()
        .execute_unprepared("DELETE FROM audit_entries WHERE seq = 5")
        .await
        .unwrap();
    let cut = store.verify_audit_chain().await.unwrap();
    assert!(
        matches!(
            cut.first_break,
            Some(havre_store::audit::ChainBreak::Truncated {
                expected_seq: 5,
                found_seq: 4
            })
        ),
        "{cut:?}"
    );
    store
        .db()
        .execute_unprepared("DELETE FROM audit_entries WHERE seq = 2")
        .await
        .unwrap();
    let holed = store.verify_audit_chain().await.unwrap();
    assert_eq!(
        holed.first_break,
        Some(havre_store::audit::ChainBreak::Missing { seq: 2 })
    );
}

#[tokio::test]
async fn audit_chain_detects_removal_sqlite() {
    audit_chain_detects_removal(Engine::Sqlite).await;
}

#[tokio::test]
async fn audit_chain_detects_removal_postgres() {
    audit_chain_detects_removal(Engine::Postgres).await;
}

/// Backup on one engine, restore on the other and on the same: the accounts, the audit chain
/// and the ability to log in come back.
async fn backup_round_trip(from: Engine, to: Engine) {
    let Some((store, db, keys)) = open(from).await else {
        return;
    };
    let org = with_user(&store).await;
    let file = db.data_dir().join("round-trip.havre");
    let summary = store.backup(&Actor::operator(), &file).await.unwrap();
    assert!(summary.rows() >= 5, "{summary:?}");
    // Every table of the schema is in the backup, but the sessions and the login throttle:
    // a restore logs everybody out and forgets the failed attempts.
    let mut backed_up: Vec<String> = summary.tables.iter().map(|(t, _)| t.clone()).collect();
    backed_up.sort();
    let mut tables = havre_store::migration::m0028_data_changes::tables(store.db())
        .await
        .unwrap();
    tables.sort();
    // The count of changes is not data: a restore moves it as it writes every row.
    tables.retain(|t| {
        ![
            "seaql_migrations",
            "sessions",
            "login_throttle",
            "data_changes",
        ]
        .contains(&t.as_str())
    });
    assert_eq!(backed_up, tables);

    let Some(target) = database(to).await else {
        return;
    };
    let restored = Store::open(&target.url, keys, Clock::system())
        .await
        .unwrap();
    restored
        .restore(&Actor::operator(), &file, false)
        .await
        .unwrap();
    let user = restored.user_by_email(EMAIL).await.unwrap();
    assert_eq!(user.name, NAME);
    assert_eq!(user.organization_id, org);
    assert_eq!(restored.users(org).await.unwrap().len(), 1);
    assert!(matches!(
        restored
            .login(None, EMAIL, "une phrase de passe solide")
            .await
            .unwrap(),
        havre_store::accounts::LoginOutcome::Success(_)
    ));
    assert_eq!(
        restored.verify_audit_chain().await.unwrap().first_break,
        None
    );
    // A second restore into a database that holds data is refused without --replace.
    assert!(
        restored
            .restore(&Actor::operator(), &file, false)
            .await
            .is_err()
    );
    restored
        .restore(&Actor::operator(), &file, true)
        .await
        .unwrap();
    assert_eq!(restored.users(org).await.unwrap().len(), 1);
}

#[tokio::test]
async fn backup_round_trip_sqlite() {
    backup_round_trip(Engine::Sqlite, Engine::Sqlite).await;
}

#[tokio::test]
async fn backup_round_trip_postgres() {
    backup_round_trip(Engine::Postgres, Engine::Postgres).await;
}

#[tokio::test]
async fn backup_moves_from_sqlite_to_postgres() {
    backup_round_trip(Engine::Sqlite, Engine::Postgres).await;
}

/// The backup is consistent while writes go on: every account in it has its audit entry.
#[tokio::test]
async fn a_backup_taken_during_writes_is_consistent_postgres() {
    let Some((store, db, keys)) = open(Engine::Postgres).await else {
        return;
    };
    let org = centre(&store).await;
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            for i in 0..20 {
                store
                    .create_user(
                        &Actor::operator(),
                        org,
                        NewUser {
                            email: format!("personne{i}@exemple.org"),
                            name: format!("Personne {i}"),
                            roles: Roles::new(vec![Role::Volunteer]),
                            password: "une phrase de passe solide".into(),
                        },
                    )
                    .await
                    .unwrap();
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let file = db.data_dir().join("during.havre");
    store.backup(&Actor::operator(), &file).await.unwrap();
    writer.await.unwrap();
    let Some(target) = database(Engine::Postgres).await else {
        return;
    };
    let restored = Store::open(&target.url, keys, Clock::system())
        .await
        .unwrap();
    restored
        .restore(&Actor::operator(), &file, false)
        .await
        .unwrap();
    let users = restored.users(org).await.unwrap().len() as i64;
    let created = restored
        .audit_entries(org, None, 1000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "user.created")
        .count() as i64;
    assert_eq!(
        users, created,
        "each restored account has its audit entry and no more"
    );
    assert_eq!(
        restored.verify_audit_chain().await.unwrap().first_break,
        None
    );
}

async fn a_burst_of_guesses_gets_five_tries_not_one_per_request(engine: Engine) {
    let Some((store, _db, _)) = open(engine).await else {
        return;
    };
    with_user(&store).await;
    let guesses = (0..20).map(|i| {
        let store = store.clone();
        async move {
            store
                .login(None, EMAIL, &format!("mauvaise phrase numéro {i}"))
                .await
                .unwrap()
        }
    });
    let outcomes = futures::future::join_all(guesses).await;
    let checked = outcomes
        .iter()
        .filter(|o| matches!(o, havre_store::accounts::LoginOutcome::Refused))
        .count();
    let throttled = outcomes
        .iter()
        .filter(|o| matches!(o, havre_store::accounts::LoginOutcome::Throttled(_)))
        .count();
    assert_eq!(
        checked, 5,
        "five passwords checked, however many arrive at once"
    );
    assert_eq!(throttled, 15);
    // Even the right password waits now.
    assert!(matches!(
        store
            .login(None, EMAIL, "une phrase de passe solide")
            .await
            .unwrap(),
        havre_store::accounts::LoginOutcome::Throttled(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_guesses_gets_five_tries_not_one_per_request_sqlite() {
    a_burst_of_guesses_gets_five_tries_not_one_per_request(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_guesses_gets_five_tries_not_one_per_request_postgres() {
    a_burst_of_guesses_gets_five_tries_not_one_per_request(Engine::Postgres).await;
}

async fn a_second_factor_code_opens_one_login_only(engine: Engine) {
    let Some(db) = database(engine).await else {
        return;
    };
    let clock = Clock::fixed(chrono::Utc::now());
    let store = Store::open(
        &db.url,
        Keyring::parse(&Keyring::new_entry()).unwrap(),
        clock.clone(),
    )
    .await
    .unwrap();
    with_user(&store).await;
    let user = store.user_by_email(EMAIL).await.unwrap();
    let enrolment = store.begin_totp_enrolment(user.id).await.unwrap();
    let code_at = |at: chrono::DateTime<chrono::Utc>| {
        let bytes = totp_rs::Secret::Encoded(enrolment.secret.clone())
            .to_bytes()
            .unwrap();
        totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, None, "x".into())
            .unwrap()
            .generate(at.timestamp() as u64)
    };
    assert!(
        store
            .confirm_totp(&Actor::operator(), user.id, &code_at(clock.now()))
            .await
            .unwrap()
    );
    clock.advance(chrono::TimeDelta::seconds(30));
    let user = store.user_by_email(EMAIL).await.unwrap();
    let code = code_at(clock.now());
    let tries = (0..4).map(|_| {
        let (store, user, code) = (store.clone(), user.clone(), code.clone());
        async move {
            store
                .check_totp(&Actor::operator(), &user, &code)
                .await
                .unwrap()
        }
    });
    let outcomes = futures::future::join_all(tries).await;
    let opened = outcomes
        .iter()
        .filter(|o| matches!(o, havre_store::accounts::LoginOutcome::Success(_)))
        .count();
    assert_eq!(
        opened, 1,
        "the same code, sent four times at once, opens one login"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_factor_code_opens_one_login_only_sqlite() {
    a_second_factor_code_opens_one_login_only(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_factor_code_opens_one_login_only_postgres() {
    a_second_factor_code_opens_one_login_only(Engine::Postgres).await;
}

/// A backup whose content was edited (a role raised, a password hash planted) is refused
/// whole, and the database stays as it was.
#[tokio::test]
async fn an_edited_backup_is_refused() {
    let (store, db, keys) = open(Engine::Sqlite).await.unwrap();
    with_user(&store).await;
    let file = db.data_dir().join("copie.backup");
    store.backup(&Actor::operator(), &file).await.unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"roles\":\"caseworker\""));
    let edited = db.data_dir().join("modifiee.backup");
    std::fs::write(
        &edited,
        text.replace("\"roles\":\"caseworker\"", "\"roles\":\"administrator\""),
    )
    .unwrap();

    let target = database(Engine::Sqlite).await.unwrap();
    let restored = Store::open(&target.url, keys, Clock::system())
        .await
        .unwrap();
    let error = restored
        .restore(&Actor::operator(), &edited, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("altered"), "{error}");
    assert!(
        restored.organizations().await.unwrap().is_empty(),
        "nothing was restored"
    );
    // Cut short: refused too.
    let cut = db.data_dir().join("coupee.backup");
    std::fs::write(&cut, text.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
    assert!(
        restored
            .restore(&Actor::operator(), &cut, false)
            .await
            .is_err()
    );
    // With another keyring: refused, nothing restored.
    let stranger = Store::open(
        &database(Engine::Sqlite).await.unwrap().url,
        Keyring::parse(&Keyring::new_entry()).unwrap(),
        Clock::system(),
    )
    .await
    .unwrap();
    assert!(
        stranger
            .restore(&Actor::operator(), &file, false)
            .await
            .is_err()
    );
    // The intact file restores.
    restored
        .restore(&Actor::operator(), &file, false)
        .await
        .unwrap();
    assert_eq!(
        restored.user_by_email(EMAIL).await.unwrap().roles,
        Roles::new(vec![Role::Caseworker])
    );
}

/// An organization from before the records carried their hours (docs/hours.md): at the next
/// start it gets each recorded category once, and the timesheet categories its trainings
/// received and board meetings were logged on are retired, their hours kept; starting again
/// changes nothing.
async fn older_organizations_get_the_recorded_categories(engine: Engine) {
    use havre_domain::hours::Recorded;
    use havre_store::entity::hour_category;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let Some(db) = database(engine).await else {
        return;
    };
    let entry = Keyring::new_entry();
    let start = || Store::open(&db.url, Keyring::parse(&entry).unwrap(), Clock::system());
    let store = start().await.unwrap();
    let org = centre(&store).await;
    // As it was: no recorded category, the timesheet's own "trainings received".
    hour_category::Entity::delete_many()
        .filter(hour_category::Column::Source.is_not_null())
        .exec(store.db())
        .await
        .unwrap();
    let legacy = uuid::Uuid::new_v4();
    hour_category::ActiveModel {
        id: Set(legacy),
        organization_id: Set(org.uuid()),
        area: Set("internal_management".into()),
        key: Set(Some("trainings_received".into())),
        label_fr: Set("Formations, conférences, colloques, webinaires".into()),
        label_en: Set("Trainings, conferences, webinars".into()),
        position: Set(7),
        retired_at: Set(None),
        source: Set(None),
    }
    .insert(store.db())
    .await
    .unwrap();
    // And the timesheet's own board meetings, now recorded on the governance page.
    let board = uuid::Uuid::new_v4();
    hour_category::ActiveModel {
        id: Set(board),
        organization_id: Set(org.uuid()),
        area: Set("internal_management".into()),
        key: Set(Some("collective".into())),
        label_fr: Set("Rencontres de collective ou du conseil d'administration".into()),
        label_en: Set("Board or collective meetings".into()),
        position: Set(2),
        retired_at: Set(None),
        source: Set(None),
    }
    .insert(store.db())
    .await
    .unwrap();
    drop(store);
    for _ in 0..2 {
        let store = start().await.unwrap();
        let categories = store.hour_categories(org, true).await.unwrap();
        for recorded in Recorded::ALL {
            assert_eq!(
                categories
                    .iter()
                    .filter(|c| c.recorded == Some(recorded))
                    .count(),
                1,
                "{recorded:?}"
            );
        }
        for id in [legacy, board] {
            let old = categories.iter().find(|c| c.id == id).unwrap();
            assert!(old.retired && old.recorded.is_none());
        }
    }
}

#[tokio::test]
async fn older_organizations_get_the_recorded_categories_sqlite() {
    older_organizations_get_the_recorded_categories(Engine::Sqlite).await;
}

#[tokio::test]
async fn older_organizations_get_the_recorded_categories_postgres() {
    older_organizations_get_the_recorded_categories(Engine::Postgres).await;
}

/// What a request knows of the reader's organization is hers or nothing: a reader cloned into
/// another centre, or handed another centre's organization, still reads her own clock and
/// limits (docs/architecture.md "One request, one decision per file").
#[tokio::test]
async fn a_reader_reads_her_own_organization_whatever_her_request_knew() {
    let Some((store, _db, _)) = open(Engine::Sqlite).await else {
        return;
    };
    let mine = with_user(&store).await;
    let other = centre_named(&store, "Autre centre").await;
    let user = store.user_by_email(EMAIL).await.unwrap();
    let reader = havre_store::reader::Reader {
        known: havre_store::reader::Known::with_rules(other.rules()),
        ..store.reader_for(&user, Actor::operator()).await.unwrap()
    };
    assert_eq!(store.rules_of(&reader).await.unwrap().id, mine);
    // Read once, it is kept for the rest of the request; a clone is someone else's and knows
    // nothing.
    let seeded = havre_store::reader::Reader {
        known: havre_store::reader::Known::with_rules(other.rules()),
        organization_id: other.id,
        ..reader.clone()
    };
    assert_eq!(store.rules_of(&seeded).await.unwrap(), other.rules());
    let moved = havre_store::reader::Reader {
        organization_id: mine,
        ..seeded.clone()
    };
    assert_eq!(store.rules_of(&moved).await.unwrap().id, mine);
}
