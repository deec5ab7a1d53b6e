//! `havre admin rotate-key`: the key-rotation procedure of docs/keys.md.

use anyhow::{Context, Result};
use havre_store::crypto::{KEY_FILE_NAME, write_private};
use havre_store::{Actor, Clock, Keyring, Store};
use std::path::Path;

pub async fn rotate(data_dir: &Path, store: &Store, retire_old: bool) -> Result<()> {
    let new_entry = Keyring::new_entry();
    let new_id = new_entry.split(':').next().unwrap_or_default().to_owned();
    let url = store.url().to_owned();
    if let Ok(env_keys) = std::env::var("HAVRE_MASTER_KEY") {
        let ring = Keyring::parse(&format!("{new_entry}\n{env_keys}"))?;
        let rotated = Store::open(&url, ring, Clock::system()).await?;
        let summary = rotated.reseal_all(&Actor::operator()).await?;
        println!(
            "{} fields re-encrypted with key {new_id}.",
            summary.fields_resealed
        );
        let value = if retire_old {
            new_entry
        } else {
            format!("{new_entry},{}", env_keys.trim())
        };
        println!(
            "Set HAVRE_MASTER_KEY to this value before the next start, and back it up:\n{value}"
        );
        return Ok(());
    }
    let path = data_dir.join(KEY_FILE_NAME);
    let old = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    // The new key goes first; the old ones stay so that nothing becomes unreadable if the
    // re-encryption stops halfway.
    replace_key_file(&path, &format!("{new_entry}\n{old}"))?;
    let ring = Keyring::parse(&format!("{new_entry}\n{old}"))?;
    let rotated = Store::open(&url, ring, Clock::system()).await?;
    let summary = rotated.reseal_all(&Actor::operator()).await?;
    println!(
        "{} fields re-encrypted with key {new_id}.",
        summary.fields_resealed
    );
    if retire_old {
        replace_key_file(&path, &format!("{new_entry}\n"))?;
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
