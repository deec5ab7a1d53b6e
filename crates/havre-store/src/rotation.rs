//! Key rotation: re-seals every sealed field and recomputes every blind index with the
//! current key, in one transaction. The procedure around it is in docs/keys.md.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{
    attachment, complaint, complaint_step, file_access_grant, fund_entry, governance_member,
    help_request, house, housing_request, import, incident, meeting, mission, note, online_request,
    organization, person, referral_attempt, relative, report_narrative, service_request,
    service_request_event, stay_extension, user, worker,
};
use crate::{Actor, Store, StoreError};
use havre_domain::intake::{normalize_name_year, normalize_phone};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect, Set};

/// Every sealed column, as (table, column in the associated data). A table added with sealed
/// columns must be re-sealed here; the test `every_sealed_column_is_rotated` reads the
/// entities to catch one that is not.
pub const SEALED_COLUMNS: &[(&str, &str)] = &[
    ("users", "email_sealed"),
    ("users", "name_sealed"),
    ("users", "totp_secret_sealed"),
    ("persons", "name_sealed"),
    ("persons", "phone_sealed"),
    ("persons", "birth_year_sealed"),
    ("persons", "safe_contact_sealed"),
    ("persons", "file_key_sealed"),
    ("help_requests", "exception_reason_sealed"),
    ("help_requests", "answers_sealed"),
    ("help_requests", "override_reason_sealed"),
    ("referral_attempts", "note_sealed"),
    ("file_access_grants", "reason_sealed"),
    ("relatives", "name_sealed"),
    ("meetings", "over_limit_reason_sealed"),
    ("notes", "body_sealed"),
    ("attachments", "file_name_sealed"),
    ("attachments", "content_sealed"),
    ("fund_entries", "note_sealed"),
    ("fund_entries", "decision_note_sealed"),
    ("report_narratives", "body_sealed"),
    ("governance_members", "name_sealed"),
    ("houses", "address_sealed"),
    ("housing_requests", "alias_sealed"),
    ("housing_requests", "note_sealed"),
    ("stay_extensions", "reason_sealed"),
    ("service_requests", "tenant_sealed"),
    ("service_requests", "dwelling_sealed"),
    ("service_requests", "needs_sealed"),
    ("service_requests", "availability_sealed"),
    ("service_requests", "safety_sealed"),
    ("service_requests", "reason_sealed"),
    ("service_requests", "internal_sealed"),
    ("service_request_events", "message_sealed"),
    ("workers", "name_sealed"),
    ("workers", "personal_sealed"),
    ("missions", "place_sealed"),
    ("missions", "report_sealed"),
    ("complaints", "complainant_sealed"),
    ("complaints", "summary_sealed"),
    ("complaint_steps", "body_sealed"),
    ("incidents", "description_sealed"),
    ("incidents", "data_sealed"),
    ("incidents", "consequences_sealed"),
    ("incidents", "measures_sealed"),
    ("organizations", "signing_key_sealed"),
    ("online_requests", "details_sealed"),
    ("imports", "file_sealed"),
];

/// A value sealed again under the current key, or None when it already is, or when it is
/// sealed with its file's own key, which the keyring does not seal.
fn resealed(
    keys: &crate::Keyring,
    at: FieldRef<'_>,
    sealed: &str,
) -> Result<Option<String>, StoreError> {
    if keys.is_current(sealed) || crate::crypto::FileKey::sealed_it(sealed) {
        return Ok(None);
    }
    Ok(Some(keys.seal_bytes(at, &keys.open_bytes(at, sealed)?)))
}

/// Re-seals one sealed column of every row of a table whose key is `id`, a page of rows at a
/// time: attachments are megabytes each, and a table of them does not fit in memory.
macro_rules! reseal_column {
    ($txn:expr, $keys:expr, $summary:expr, $entity:ident, $table:literal, $($field:ident => $column:literal),+) => {
        let mut pages = $entity::Entity::find()
            .order_by_asc($entity::Column::Id)
            .paginate($txn, 20);
        while let Some(page) = pages.fetch_and_next().await? {
        for m in page {
            let row = m.id.to_string();
            let mut model: $entity::ActiveModel = m.clone().into();
            let mut changed = false;
            $(
                let at = FieldRef { table: $table, column: $column, row: &row };
                if let Some(v) = resealed_field(&$keys, at, &m.$field)? {
                    model.$field = Set(v.into());
                    changed = true;
                    $summary.fields_resealed += 1;
                }
            )+
            if changed {
                model.update($txn).await?;
            }
        }
        }
    };
}

/// `resealed` for a required or an optional column.
fn resealed_field<V: SealedValue>(
    keys: &crate::Keyring,
    at: FieldRef<'_>,
    value: &V,
) -> Result<Option<V>, StoreError> {
    match value.sealed() {
        Some(v) => Ok(resealed(keys, at, v)?.map(V::from_sealed)),
        None => Ok(None),
    }
}

trait SealedValue: Sized {
    fn sealed(&self) -> Option<&str>;
    fn from_sealed(v: String) -> Self;
}

impl SealedValue for String {
    fn sealed(&self) -> Option<&str> {
        Some(self)
    }
    fn from_sealed(v: String) -> Self {
        v
    }
}

impl SealedValue for Option<String> {
    fn sealed(&self) -> Option<&str> {
        self.as_deref()
    }
    fn from_sealed(v: String) -> Self {
        Some(v)
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RotationSummary {
    pub fields_resealed: u64,
}

impl Store {
    /// Re-seals everything not yet sealed with the current key. Safe to run again after an
    /// interruption: values already under the current key are left alone.
    pub async fn reseal_all(&self, actor: &Actor) -> Result<RotationSummary, StoreError> {
        let keys = self.keys();
        self.write(actor, async |txn| {
            let mut summary = RotationSummary::default();
            for m in user::Entity::find().all(txn).await? {
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
                model.update(txn).await?;
            }
            for m in person::Entity::find().all(txn).await? {
                summary.fields_resealed += self.rotate_person(txn, m).await?;
            }
            for m in help_request::Entity::find().all(txn).await? {
                let row = m.id.to_string();
                let at = |column| FieldRef {
                    table: "help_requests",
                    column,
                    row: &row,
                };
                let reseal = |column, value: &str| -> Result<String, StoreError> {
                    Ok(keys.seal(at(column), &keys.open(at(column), value)?))
                };
                let exception = m
                    .exception_reason_sealed
                    .as_deref()
                    .map(|v| reseal("exception_reason", v))
                    .transpose()?;
                let answers = reseal("answers", &m.answers_sealed)?;
                let reason = m
                    .override_reason_sealed
                    .as_deref()
                    .map(|v| reseal("override_reason", v))
                    .transpose()?;
                let mut model: help_request::ActiveModel = m.into();
                model.exception_reason_sealed = Set(exception);
                model.answers_sealed = Set(answers);
                model.override_reason_sealed = Set(reason);
                model.update(txn).await?;
                summary.fields_resealed += 1;
            }
            for m in referral_attempt::Entity::find().all(txn).await? {
                let Some(note) = m.note_sealed.clone() else {
                    continue;
                };
                let row = m.id.to_string();
                let at = FieldRef {
                    table: "referral_attempts",
                    column: "note",
                    row: &row,
                };
                let plain = keys.open(at, &note)?;
                let mut model: referral_attempt::ActiveModel = m.into();
                model.note_sealed = Set(Some(keys.seal(at, &plain)));
                model.update(txn).await?;
                summary.fields_resealed += 1;
            }
            reseal_column!(txn, keys, summary, file_access_grant, "file_access_grants", reason_sealed => "reason");
            reseal_column!(txn, keys, summary, relative, "relatives", name_sealed => "name");
            reseal_column!(txn, keys, summary, meeting, "meetings", over_limit_reason_sealed => "over_limit_reason");
            reseal_column!(txn, keys, summary, note, "notes", body_sealed => "body");
            reseal_column!(
                txn, keys, summary, fund_entry, "fund_entries",
                note_sealed => "note",
                decision_note_sealed => "decision_note"
            );
            reseal_column!(
                txn, keys, summary, attachment, "attachments",
                file_name_sealed => "file_name",
                content_sealed => "content"
            );
            reseal_column!(txn, keys, summary, report_narrative, "report_narratives", body_sealed => "body");
            reseal_column!(txn, keys, summary, governance_member, "governance_members", name_sealed => "name");
            reseal_column!(txn, keys, summary, house, "houses", address_sealed => "address");
            reseal_column!(
                txn, keys, summary, housing_request, "housing_requests",
                alias_sealed => "alias",
                note_sealed => "note"
            );
            reseal_column!(txn, keys, summary, stay_extension, "stay_extensions", reason_sealed => "reason");
            reseal_column!(
                txn, keys, summary, service_request, "service_requests",
                tenant_sealed => "tenant",
                dwelling_sealed => "dwelling",
                needs_sealed => "needs",
                availability_sealed => "availability",
                safety_sealed => "safety",
                reason_sealed => "reason",
                internal_sealed => "internal"
            );
            // The tenant's blind index follows the current key too.
            for m in service_request::Entity::find().all(txn).await? {
                let tenant: crate::missions::Tenant = serde_json::from_str(
                    &self.open_at("service_requests", "tenant", m.id, &m.tenant_sealed)?,
                )
                .unwrap_or_default();
                let mut model: service_request::ActiveModel = m.into();
                model.tenant_index = Set(keys.blind_index(
                    "tenant-name",
                    &crate::missions::tenant_key(&tenant.name),
                ));
                model.update(txn).await?;
            }
            reseal_column!(txn, keys, summary, service_request_event, "service_request_events", message_sealed => "message");
            reseal_column!(
                txn, keys, summary, worker, "workers",
                name_sealed => "name",
                personal_sealed => "personal"
            );
            reseal_column!(
                txn, keys, summary, mission, "missions",
                place_sealed => "place",
                report_sealed => "report"
            );
            reseal_column!(
                txn, keys, summary, complaint, "complaints",
                complainant_sealed => "complainant",
                summary_sealed => "summary"
            );
            reseal_column!(txn, keys, summary, complaint_step, "complaint_steps", body_sealed => "body");
            reseal_column!(
                txn, keys, summary, incident, "incidents",
                description_sealed => "description",
                data_sealed => "data",
                consequences_sealed => "consequences",
                measures_sealed => "measures"
            );
            reseal_column!(txn, keys, summary, organization, "organizations", signing_key_sealed => "signing_key");
            reseal_column!(txn, keys, summary, online_request, "online_requests", details_sealed => "details");
            reseal_column!(txn, keys, summary, import, "imports", file_sealed => "file");
            let event = Event::new(Action::KeysRotated).detail(
                serde_json::json!({ "key": keys.current_id(), "fields": summary.fields_resealed }),
            );
            Ok((summary, event))
        })
        .await
    }
}

impl Store {
    /// Rotates one person's row: her file's key sealed again under the current key, her blind
    /// indexes recomputed. A file sealed before keys per file is given its key here, and what
    /// identifies her (her row, her relatives' names, the notes, the documents) is sealed
    /// again with it (docs/privacy.md "Destruction"). A destroyed file keeps no key.
    /// Returns how many fields were sealed again.
    async fn rotate_person(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        m: person::Model,
    ) -> Result<u64, StoreError> {
        use crate::entity::{attachment, note, relative};
        use sea_orm::{ColumnTrait, QueryFilter};
        let keys = self.keys();
        let old = self.file_key(&m)?;
        let open =
            |column, sealed: &str| self.open_text_in(old.as_ref(), "persons", column, m.id, sealed);
        let name = open("name", &m.name_sealed)?;
        let phone = m
            .phone_sealed
            .as_deref()
            .map(|p| open("phone", p))
            .transpose()?;
        let year = m
            .birth_year_sealed
            .as_deref()
            .map(|y| open("birth_year", y))
            .transpose()?;
        let contact = open("safe_contact", &m.safe_contact_sealed)?;
        let person_id = m.id;
        let destroyed = m.destroyed_at.is_some();
        let (key, key_sealed) = match old {
            Some(key) => {
                let sealed = keys.wrap_file_key(
                    FieldRef {
                        table: "persons",
                        column: "file_key",
                        row: &person_id.to_string(),
                    },
                    &key,
                );
                (Some(key), Some(sealed))
            }
            None if destroyed => (None, None),
            None => {
                let (key, sealed) = self.new_file_key(person_id);
                (Some(key), Some(sealed))
            }
        };
        let mut count = 4;
        let seal = |column, value: &str| {
            self.seal_in(key.as_ref(), "persons", column, person_id, value.as_bytes())
        };
        let mut model: person::ActiveModel = m.into();
        model.name_sealed = Set(seal("name", &name));
        model.phone_sealed = Set(phone.as_deref().map(|p| seal("phone", p)));
        model.birth_year_sealed = Set(year.as_deref().map(|y| seal("birth_year", y)));
        model.safe_contact_sealed = Set(seal("safe_contact", &contact));
        model.file_key_sealed = Set(key_sealed);
        // The blind indexes follow the current key too.
        model.phone_index = Set(phone
            .as_deref()
            .and_then(normalize_phone)
            .map(|p| keys.blind_index("person-phone", &p)));
        model.name_year_index = Set(year
            .and_then(|y| y.parse().ok())
            .map(|y| keys.blind_index("person-name-year", &normalize_name_year(&name, y))));
        model.update(txn).await?;
        // What of her file the keyring still seals moves under her file's key.
        let Some(key) = key.as_ref() else {
            return Ok(count);
        };
        let legacy = |sealed: &str| !crate::crypto::FileKey::sealed_it(sealed);
        for r in relative::Entity::find()
            .filter(relative::Column::PersonId.eq(person_id))
            .all(txn)
            .await?
        {
            if legacy(&r.name_sealed) {
                let name = self.open_text_in(None, "relatives", "name", r.id, &r.name_sealed)?;
                let id = r.id;
                let mut model: relative::ActiveModel = r.into();
                model.name_sealed =
                    Set(self.seal_in(Some(key), "relatives", "name", id, name.as_bytes()));
                model.update(txn).await?;
                count += 1;
            }
        }
        for n in note::Entity::find()
            .filter(note::Column::PersonId.eq(person_id))
            .all(txn)
            .await?
        {
            if legacy(&n.body_sealed) {
                let body = self.open_in(None, "notes", "body", n.id, &n.body_sealed)?;
                let id = n.id;
                let mut model: note::ActiveModel = n.into();
                model.body_sealed = Set(self.seal_in(Some(key), "notes", "body", id, &body));
                model.update(txn).await?;
                count += 1;
            }
        }
        // Documents one at a time: they are megabytes each.
        let ids: Vec<uuid::Uuid> = attachment::Entity::find()
            .filter(attachment::Column::PersonId.eq(person_id))
            .select_only()
            .column(attachment::Column::Id)
            .into_tuple()
            .all(txn)
            .await?;
        for id in ids {
            let Some(a) = attachment::Entity::find_by_id(id).one(txn).await? else {
                continue;
            };
            if legacy(&a.content_sealed) {
                let name =
                    self.open_in(None, "attachments", "file_name", id, &a.file_name_sealed)?;
                let content =
                    self.open_in(None, "attachments", "content", id, &a.content_sealed)?;
                let mut model: attachment::ActiveModel = a.into();
                model.file_name_sealed =
                    Set(self.seal_in(Some(key), "attachments", "file_name", id, &name));
                model.content_sealed =
                    Set(self.seal_in(Some(key), "attachments", "content", id, &content));
                model.update(txn).await?;
                count += 2;
            }
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    /// Every column whose name ends in `_sealed` in an entity file is listed in
    /// SEALED_COLUMNS.
    #[test]
    fn every_sealed_column_is_rotated() {
        let entities = [
            ("users", include_str!("entity/user.rs")),
            ("persons", include_str!("entity/person.rs")),
            ("help_requests", include_str!("entity/help_request.rs")),
            (
                "referral_attempts",
                include_str!("entity/referral_attempt.rs"),
            ),
            (
                "file_access_grants",
                include_str!("entity/file_access_grant.rs"),
            ),
            ("relatives", include_str!("entity/relative.rs")),
            ("meetings", include_str!("entity/meeting.rs")),
            ("notes", include_str!("entity/note.rs")),
            ("attachments", include_str!("entity/attachment.rs")),
            ("fund_entries", include_str!("entity/fund_entry.rs")),
            (
                "report_narratives",
                include_str!("entity/report_narrative.rs"),
            ),
            (
                "governance_members",
                include_str!("entity/governance_member.rs"),
            ),
            ("houses", include_str!("entity/house.rs")),
            (
                "housing_requests",
                include_str!("entity/housing_request.rs"),
            ),
            ("stay_extensions", include_str!("entity/stay_extension.rs")),
            (
                "service_requests",
                include_str!("entity/service_request.rs"),
            ),
            (
                "service_request_events",
                include_str!("entity/service_request_event.rs"),
            ),
            ("workers", include_str!("entity/worker.rs")),
            ("missions", include_str!("entity/mission.rs")),
            ("complaints", include_str!("entity/complaint.rs")),
            ("complaint_steps", include_str!("entity/complaint_step.rs")),
            ("incidents", include_str!("entity/incident.rs")),
            ("online_requests", include_str!("entity/online_request.rs")),
            ("imports", include_str!("entity/import.rs")),
        ];
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
                    [
                        "user.rs",
                        "person.rs",
                        "help_request.rs",
                        "referral_attempt.rs",
                        "file_access_grant.rs",
                        "relative.rs",
                        "meeting.rs",
                        "note.rs",
                        "attachment.rs",
                        "complaint.rs",
                        "complaint_step.rs",
                        "incident.rs",
                        "fund_entry.rs",
                        "report_narrative.rs",
                        "governance_member.rs",
                        "house.rs",
                        "housing_request.rs",
                        "stay_extension.rs",
                        "service_request.rs",
                        "service_request_event.rs",
                        "worker.rs",
                        "mission.rs",
                        "organization.rs",
                        "online_request.rs",
                        "import.rs",
                    ]
                    .contains(&file.file_name().to_str().unwrap()),
                    "{:?} has sealed columns: add it to the rotation and to this test",
                    file.file_name()
                );
            }
        }
    }
}
