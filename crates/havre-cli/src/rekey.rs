//! `havre admin rotate-key`: the key-rotation procedure of docs/keys.md.

use anyhow::{Context, Result};
use havre_store::crypto::{AUDIT_ID, KEY_FILE_NAME, write_private};
use havre_store::{Actor, Clock, Keyring, Store};
use std::path::Path;

/// The audit chain's key line, which every rotation keeps as it is: entries written years ago
/// must still verify.
fn audit_line(store: &Store, keyring_text: &str) -> Result<String> {
    if let Some(line) = store.keys().audit_entry_to_keep() {
        return Ok(line);
    }
    keyring_text
        .split([',', '\n'])
        .map(str::trim)
        .find(|entry| entry.starts_with(&format!("{AUDIT_ID}:")))
        .map(str::to_owned)
        .context("the keyring names an audit key but it cannot be found")
}

/// The field keys of a keyring text, without its audit line.
fn field_keys(keyring_text: &str) -> Vec<&str> {
    keyring_text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty() && !e.starts_with('#') && !e.starts_with(&format!("{AUDIT_ID}:")))
        .collect()
}

pub async fn rotate(data_dir: &Path, store: &Store, retire_old: bool) -> Result<()> {
    let new_entry = Keyring::new_entry();
    let new_id = new_entry.split(':').next().unwrap_or_default().to_owned();
    let url = store.url().to_owned();
    let from_env = std::env::var("HAVRE_MASTER_KEY").ok();
    let path = data_dir.join(KEY_FILE_NAME);
    let old = match &from_env {
        Some(value) => value.clone(),
        None => std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?,
    };
    let audit = audit_line(store, &old)?;
    // The new key goes first; the old ones stay so that nothing becomes unreadable if the
    // re-encryption stops halfway.
    let mut entries = vec![new_entry.as_str()];
    entries.extend(field_keys(&old));
    entries.push(&audit);
    let during = entries.join("\n") + "\n";
    let after = if retire_old {
        format!("{new_entry}\n{audit}\n")
    } else {
        during.clone()
    };
    if from_env.is_none() {
        replace_key_file(&path, &during)?;
    }
    let rotated = Store::open(&url, Keyring::parse(&during)?, Clock::system()).await?;
    let summary = rotated.reseal_all(&Actor::operator()).await?;
    println!(
        "{} fields re-encrypted with key {new_id}.",
        summary.fields_resealed
    );
    match from_env {
        Some(_) => {
            println!("Set HAVRE_MASTER_KEY to this value before the next start, and back it up:");
            println!("{}", after.trim_end().replace('\n', ","));
        }
        None => {
            replace_key_file(&path, &after)?;
            if retire_old {
                println!(
                    "The older keys were removed from {}. Backups made before today need them: keep a copy with those backups.",
                    path.display()
                );
            } else {
                println!(
                    "The older keys stay in {} until you run this again with --retire-old.",
                    path.display()
                );
            }
            println!("Back up the key file now.");
        }
    }
    Ok(())
}

/// Replaces the key file atomically: a crash leaves the old file or the new one, never half.
fn replace_key_file(path: &Path, contents: &str) -> Result<()> {
    let tmp = path.with_extension("key.new");
    let _ = std::fs::remove_file(&tmp);
    write_private(&tmp, contents)?;
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}
