//! Access is decided in one place, `havre-domain/src/policy.rs` (docs/safety.md "Access"):
//! this test fails when a rule of who may do what is written anywhere else in the sources,
//! so that a page cannot show a right the store refuses, or the other way round.

use havre_domain::policy::Role;
use std::path::{Path, PathBuf};

/// Files that name roles only to create accounts: the demonstration, the tests' fixtures, the
/// generated histories for benchmarks.
const NAME_ROLES_TO_CREATE_ACCOUNTS: [&str; 8] = [
    "crates/havre-store/src/demo.rs",
    "crates/havre-store/src/demo_care.rs",
    "crates/havre-store/src/testing.rs",
    "crates/havre-store/src/history.rs",
    "crates/havre-cli/src/bench_housing.rs",
    "crates/havre-cli/src/bench_care.rs",
    "crates/havre-cli/src/bench_missions.rs",
    "crates/havre-cli/src/bench_network.rs",
];

const POLICY: &str = "crates/havre-domain/src/policy.rs";

/// Comparing who noted a record with who asks: an ownership rule.
const OWNERSHIP: [&str; 10] = [
    "created_by ==",
    "created_by !=",
    "noted_by ==",
    "noted_by !=",
    "author_id ==",
    "author_id !=",
    "== Some(auth.user.id)",
    "!= Some(auth.user.id)",
    "== Some(reader.user_id)",
    "!= Some(reader.user_id)",
];

/// What is wrong with one source file, as `path:line: why`.
fn violations(path: &str, text: &str) -> Vec<String> {
    if path == POLICY {
        return Vec::new();
    }
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("//") {
            continue;
        }
        let at = format!("{path}:{}", i + 1);
        if let Some(p) = OWNERSHIP.iter().find(|p| line.contains(*p)) {
            found.push(format!(
                "{at}: ownership compared outside the policy (`{p}`)"
            ));
        }
        if !NAME_ROLES_TO_CREATE_ACCOUNTS.contains(&path)
            && let Some(r) = Role::ALL
                .iter()
                .find(|r| line.contains(&format!("Role::{r:?}")))
        {
            found.push(format!(
                "{at}: a role matched outside the policy (`Role::{r:?}`)"
            ));
        }
        if line.contains("allows(") {
            let before = i.checked_sub(1).map_or("", |j| lines[j].as_str());
            let after = lines.get(i + 1).map_or("", String::as_str);
            let combined = ["||", "&&", ".any(", ".all("]
                .iter()
                .any(|op| line.contains(op))
                || before.ends_with("||")
                || before.ends_with("&&")
                || after.starts_with("||")
                || after.starts_with("&&");
            if combined {
                found.push(format!("{at}: a permission combined outside the policy"));
            }
        }
    }
    found
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn no_access_rule_is_written_outside_the_policy() {
    let root = workspace();
    let mut found = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        let src = entry.unwrap().path().join("src");
        for file in walkdir::WalkDir::new(&src) {
            let file = file.unwrap();
            if file.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = file.path().strip_prefix(&root).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(file.path()).unwrap();
            found.extend(violations(&relative, &text));
            files += 1;
        }
    }
    // The walk saw the crates: from a wrong root it would find nothing wrong in nothing.
    assert!(files > 50, "{files} files read under {}", root.display());
    assert!(
        found.is_empty(),
        "who may do what is decided in {POLICY} (docs/safety.md \"Access\"):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_rules_the_check_finds() {
    let page = "crates/havre-web/src/pages/outreach.rs";
    let found = |text| violations(page, text);
    // The take-back rule written again in a page.
    assert_eq!(
        found("removable: runs_reports || x.created_by == Some(auth.user.id),").len(),
        1
    );
    assert_eq!(
        found("if m.created_by != Some(reader.user_id) && !coordinator {").len(),
        1
    );
    // A permission combined with a fact or with another permission, on one line or two.
    assert_eq!(
        found("if facilitator && allows(&reader.roles, P) {").len(),
        1
    );
    assert_eq!(
        found("if !member.active\n    || !allows(&member.roles, P)").len(),
        1
    );
    assert_eq!(
        found("[P, Q].into_iter().any(|p| allows(&roles, p))").len(),
        1
    );
    // A role matched by name.
    assert_eq!(found("if roles.contains(Role::Coordinator) {").len(), 1);
    assert!(violations(NAME_ROLES_TO_CREATE_ACCOUNTS[0], "Role::Coordinator,").is_empty());
    assert!(violations(POLICY, "x.created_by == Some(me) || allows(r, P)").is_empty());
    // What decides nothing: a coarse capability, a selected option, a comment, role names.
    assert!(found("if !allows(&auth.user.roles, P::PERMISSION) {").is_empty());
    assert!(found("selected: r.assigned_to == Some(u.id),").is_empty());
    assert!(found("// whoever noted it (created_by == the author) may").is_empty());
    assert!(found("Role::ALL.map(|r| r.as_str())").is_empty());
}
