//! Key rotation: re-seals every sealed field and recomputes every blind index with the
//! current key, in one transaction. The procedure around it is in docs/keys.md.

use crate::audit::{self, Action, Event};
use crate::crypto::FieldRef;
use crate::entity::user;
use crate::{Actor, Store, StoreError};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// Every sealed column, as (table, column in the associated data). A table added with sealed
/// columns must be re-sealed here; the test `every_sealed_column_is_rotated` reads the
/// entities to catch one that is not.
pub const SEALED_COLUMNS: &[(&str, &str)] = &[
    ("users", "email_sealed"),
    ("users", "name_sealed"),
    ("users", "totp_secret_sealed"),
];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RotationSummary {
    pub fields_resealed: u64,
}

impl Store {
    /// Re-seals everything not yet sealed with the current key. Safe to run again after an
    /// interruption: values already under the current key are left alone.
    pub async fn reseal_all(&self, actor: &Actor) -> Result<RotationSummary, StoreError> {
        let keys = self.keys();
        let txn = self.begin_write().await?;
        let mut summary = RotationSummary::default();
        for m in user::Entity::find().all(&txn).await? {
            let row = m.id.to_string();
            let at = |column| FieldRef {
                table: "users",
                column,
                row: &row,
            };
            let email = keys.open(at("email"), &m.email_sealed)?;
            let mut model: user::ActiveModel = m.clone().into();
            // The blind index key follows the current key too.
            model.email_index = Set(self.email_index(&email));
            if !keys.is_current(&m.email_sealed) {
                model.email_sealed = Set(keys.seal(at("email"), &email));
                summary.fields_resealed += 1;
            }
            if !keys.is_current(&m.name_sealed) {
                let name = keys.open(at("name"), &m.name_sealed)?;
                model.name_sealed = Set(keys.seal(at("name"), &name));
                summary.fields_resealed += 1;
            }
            if let Some(secret) = m
                .totp_secret_sealed
                .as_deref()
                .filter(|s| !keys.is_current(s))
            {
                let plain = keys.open(at("totp_secret"), secret)?;
                model.totp_secret_sealed = Set(Some(keys.seal(at("totp_secret"), &plain)));
                summary.fields_resealed += 1;
            }
            model.update(&txn).await?;
        }
        audit::append(
            &txn,
            self.keys(),
            self.now(),
            actor,
            Event::new(Action::KeysRotated).detail(
                serde_json::json!({ "key": keys.current_id(), "fields": summary.fields_resealed }),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    /// Every column whose name ends in `_sealed` in an entity file is listed in
    /// SEALED_COLUMNS.
    #[test]
    fn every_sealed_column_is_rotated() {
        let entities = [("users", include_str!("entity/user.rs"))];
        for (table, source) in entities {
            for line in source.lines() {
                let line = line.trim();
                if let Some(rest) = line.strip_prefix("pub ")
                    && let Some((name, _)) = rest.split_once(':')
                    && name.ends_with("_sealed")
                {
                    assert!(
                        super::SEALED_COLUMNS.contains(&(table, name)),
                        "{table}.{name} is not re-sealed by key rotation"
                    );
                }
            }
        }
        let dir = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/entity")).unwrap();
        for file in dir.flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap();
            let has_sealed_column = text
                .lines()
                .any(|l| l.trim().starts_with("pub ") && l.contains("_sealed:"));
            if has_sealed_column {
                assert!(
                    file.file_name() == "user.rs",
                    "{:?} has sealed columns: add it to the rotation and to this test",
                    file.file_name()
                );
            }
        }
    }
}
