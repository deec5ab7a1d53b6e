//! Accounts: creation, login with throttling, password change, second factor (TOTP).

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{session, user};
use crate::throttle::ThrottleKey;
use crate::{Actor, FieldError, Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Utc};
use havre_domain::ids::{ListValueId, OrganizationId, PartnerId, UserId};
use havre_domain::lists::ListKind;
use havre_domain::password::check_new_password;
use havre_domain::policy::Roles;
use havre_domain::text::Lang;
use havre_domain::throttle::{ACCOUNT_THRESHOLD, ADDRESS_THRESHOLD};
use havre_domain::validation::{is_valid_email, is_valid_name, normalize_email};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use uuid::Uuid;

/// An account, opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub organization_id: OrganizationId,
    pub email: String,
    pub name: String,
    pub roles: Roles,
    pub totp_enabled: bool,
    pub locale: Option<Lang>,
    /// Her profession, a value of the organization's list of professions (docs/care.md).
    pub profession_id: Option<ListValueId>,
    /// The member partner she files requests for, for a partner's caseworker
    /// (docs/missions.md).
    pub partner_id: Option<PartnerId>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub roles: Roles,
    pub password: String,
}

#[derive(Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub roles: Option<Roles>,
    pub active: Option<bool>,
    /// `Some(None)` takes her profession away.
    pub profession: Option<Option<ListValueId>>,
}

#[derive(Debug)]
pub enum LoginOutcome {
    /// Password right. The caller checks the second factor when `user.totp_enabled`.
    Success(User),
    /// Wrong email or password, or an inactive account: the same answer for all.
    Refused,
    /// Too many failures: wait until then.
    Throttled(DateTime<Utc>),
}

pub struct TotpEnrolment {
    /// The secret in base32, for typing into an authenticator app.
    pub secret: String,
    /// The otpauth:// URI, for a QR code.
    pub uri: String,
}

const TABLE: &str = "users";

/// Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Each Argon2 computation holds 19 MiB: at most one per core runs at a time, and the others
/// wait, so that a burst of logins slows down instead of exhausting memory.
async fn argon2_permit() -> tokio::sync::SemaphorePermit<'static> {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    // Never closed, so acquiring cannot fail.
    permits
        .acquire()
        .await
        .expect("the Argon2 semaphore is never closed")
}

async fn hash_password(password: String) -> Result<String, StoreError> {
    let _permit = argon2_permit().await;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| StoreError::Hash(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> bool {
    let _permit = argon2_permit().await;
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to check unknown accounts against, so that they take as long as known ones.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2()
            .hash_password(b"decoy password for unknown accounts", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

fn totp_for(secret: Vec<u8>, account: &str) -> Result<totp_rs::TOTP, StoreError> {
    totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        secret,
        Some("Havre".into()),
        account.to_owned(),
    )
    .map_err(|e| StoreError::Other(format!("TOTP: {e}")))
}

impl Store {
    pub(crate) fn open_user_model(&self, m: user::Model) -> Result<User, StoreError> {
        let row = m.id.to_string();
        Ok(User {
            id: m.id.into(),
            organization_id: m.organization_id.into(),
            email: self.keys().open(
                FieldRef {
                    table: TABLE,
                    column: "email",
                    row: &row,
                },
                &m.email_sealed,
            )?,
            name: self.keys().open(
                FieldRef {
                    table: TABLE,
                    column: "name",
                    row: &row,
                },
                &m.name_sealed,
            )?,
            roles: Roles::parse_stored(&m.roles).map_err(|e| StoreError::Other(e.to_string()))?,
            totp_enabled: m.totp_enabled,
            locale: m.locale.as_deref().and_then(Lang::parse),
            profession_id: m.profession_id.map(Into::into),
            partner_id: m.partner_id.map(Into::into),
            active: m.active,
            created_at: m.created_at,
        })
    }

    pub fn email_index(&self, email: &str) -> String {
        self.keys()
            .blind_index("user-email", &normalize_email(email))
    }

    pub async fn create_user(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        new: NewUser,
    ) -> Result<User, StoreError> {
        self.create_account(actor, organization_id, new, None).await
    }

    /// An account, of a member of the organization or, with `partner`, of a caseworker of
    /// one of its member partners: the same password and second-factor rules for both.
    pub(crate) async fn create_account(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        new: NewUser,
        partner: Option<PartnerId>,
    ) -> Result<User, StoreError> {
        let mut problems = Vec::new();
        if !is_valid_email(&new.email) {
            problems.push(FieldError {
                field: "email",
                message_key: "email-invalid",
            });
        }
        if !is_valid_name(&new.name) {
            problems.push(FieldError {
                field: "name",
                message_key: "field-required",
            });
        }
        if new.roles.is_empty() {
            problems.push(FieldError {
                field: "roles",
                message_key: "roles-required",
            });
        }
        let organization = self.organization(organization_id).await?;
        if !havre_domain::policy::fits_account(&new.roles, &organization.kind, partner.is_some()) {
            problems.push(FieldError {
                field: "roles",
                message_key: "roles-invalid",
            });
        }
        if let Err(p) = check_new_password(
            &new.password,
            &[
                &new.email,
                &new.name,
                &organization.name,
                &organization.slug,
            ],
        ) {
            problems.extend(p.message_keys().into_iter().map(|message_key| FieldError {
                field: "password",
                message_key,
            }));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let email = normalize_email(&new.email);
        let email_index = self.email_index(&email);
        let password_hash = hash_password(new.password).await?;
        let id = Uuid::new_v4();
        let row = id.to_string();
        let now = self.now();
        // The entry belongs to the account's organization even when the operator acts.
        let actor = &Actor {
            organization_id: Some(organization_id),
            ..actor.clone()
        };
        let model = self
            .write(actor, async |txn| {
                if user::Entity::find()
                    .filter(user::Column::EmailIndex.eq(&email_index))
                    .one(txn)
                    .await?
                    .is_some()
                {
                    return Err(StoreError::invalid("email", "email-taken"));
                }
                let model = user::ActiveModel {
                    id: Set(id),
                    organization_id: Set(organization_id.into()),
                    email_index: Set(email_index),
                    email_sealed: Set(self.keys().seal(
                        FieldRef {
                            table: TABLE,
                            column: "email",
                            row: &row,
                        },
                        &email,
                    )),
                    name_sealed: Set(self.keys().seal(
                        FieldRef {
                            table: TABLE,
                            column: "name",
                            row: &row,
                        },
                        new.name.trim(),
                    )),
                    password_hash: Set(password_hash),
                    roles: Set(new.roles.to_stored()),
                    totp_secret_sealed: Set(None),
                    totp_enabled: Set(false),
                    totp_last_step: Set(None),
                    locale: Set(None),
                    profession_id: Set(None),
                    partner_id: Set(partner.map(Into::into)),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await
                .map_err(|e| match e.sql_err() {
                    // Two creations of the same email at once: the second one learns it here.
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                        StoreError::invalid("email", "email-taken")
                    }
                    _ => e.into(),
                })?;
                Ok((
                    model,
                    Event::new(Action::UserCreated)
                        .target("user", id)
                        .detail(serde_json::json!({
                            "roles": new.roles.to_stored(),
                            "partner": partner,
                        })),
                ))
            })
            .await?;
        self.open_user_model(model)
    }

    /// An account's row, of any organization: for what she does to her own account, and for
    /// the operator.
    async fn user_model(&self, id: UserId) -> Result<user::Model, StoreError> {
        user::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// An account of the organization; another organization's answers NotFound.
    pub async fn user(
        &self,
        organization_id: OrganizationId,
        id: UserId,
    ) -> Result<User, StoreError> {
        let m = user::Entity::find_by_id(id)
            .filter(user::Column::OrganizationId.eq(organization_id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        self.open_user_model(m)
    }

    /// The accounts of an organization, sorted by name.
    pub async fn users(&self, organization_id: OrganizationId) -> Result<Vec<User>, StoreError> {
        let mut users = user::Entity::find()
            .filter(user::Column::OrganizationId.eq(organization_id))
            .all(self.db())
            .await?
            .into_iter()
            .map(|m| self.open_user_model(m))
            .collect::<Result<Vec<_>, _>>()?;
        users.sort_by_key(|u| u.name.to_lowercase());
        Ok(users)
    }

    /// The names of some accounts of the organization, and nothing else of them: for a list
    /// that shows who has each line, so that the emails and the rest of the team stay sealed.
    /// Ids of another organization's accounts are left out.
    pub async fn user_names(
        &self,
        organization_id: OrganizationId,
        ids: impl IntoIterator<Item = UserId>,
    ) -> Result<HashMap<UserId, String>, StoreError> {
        let mut ids: Vec<UserId> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(UserId, String)> = user::Entity::find()
            .select_only()
            .columns([user::Column::Id, user::Column::NameSealed])
            .filter(user::Column::OrganizationId.eq(organization_id))
            .filter(user::Column::Id.is_in(ids))
            .into_tuple()
            .all(self.db())
            .await?;
        rows.into_iter()
            .map(|(id, sealed)| {
                let name = self.keys().open(
                    FieldRef {
                        table: TABLE,
                        column: "name",
                        row: &id.to_string(),
                    },
                    &sealed,
                )?;
                Ok((id, name))
            })
            .collect()
    }

    pub async fn user_by_email(&self, email: &str) -> Result<User, StoreError> {
        let m = user::Entity::find()
            .filter(user::Column::EmailIndex.eq(self.email_index(email)))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        self.open_user_model(m)
    }

    /// Changes name, roles or activity. A change of roles or a deactivation ends the account's
    /// sessions: privileges are re-read at the next login (docs/safety.md: sessions rotate at
    /// privilege change).
    pub async fn update_user(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: UserId,
        changes: UserChanges,
    ) -> Result<User, StoreError> {
        if let Some(name) = &changes.name
            && !is_valid_name(name)
        {
            return Err(StoreError::invalid("name", "field-required"));
        }
        if let Some(roles) = &changes.roles
            && roles.is_empty()
        {
            return Err(StoreError::invalid("roles", "roles-required"));
        }
        let organization = self.organization(organization_id).await?;
        if let Some(roles) = &changes.roles {
            let of_partner = self.user(organization_id, id).await?.partner_id.is_some();
            if !havre_domain::policy::fits_account(roles, &organization.kind, of_partner) {
                return Err(StoreError::invalid("roles", "roles-invalid"));
            }
        }
        // Nobody locks an organization out of its own administration by mistake.
        if actor.user_id == Some(id)
            && (changes.active == Some(false)
                || changes
                    .roles
                    .as_ref()
                    .is_some_and(|r| !havre_domain::policy::administers(r)))
        {
            return Err(StoreError::invalid("roles", "cannot-demote-self"));
        }
        if let Some(Some(profession)) = changes.profession {
            self.check_list_values(
                self.db(),
                organization_id,
                ListKind::Profession,
                &[profession],
                "profession",
            )
            .await
            .map_err(|e| StoreError::Invalid(vec![e]))?;
        }
        let updated = self
            .write(actor, async |txn| {
                let current = user::Entity::find_by_id(id)
                    .filter(user::Column::OrganizationId.eq(organization_id))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let row = id.to_string();
                let now = self.now();
                let roles_changed = changes
                    .roles
                    .as_ref()
                    .is_some_and(|r| r.to_stored() != current.roles);
                let deactivated = changes.active == Some(false) && current.active;
                let old_roles = current.roles.clone();
                let old_profession = current.profession_id;
                let mut model: user::ActiveModel = current.into();
                if let Some(name) = &changes.name {
                    model.name_sealed = Set(self.keys().seal(
                        FieldRef {
                            table: TABLE,
                            column: "name",
                            row: &row,
                        },
                        name.trim(),
                    ));
                }
                if let Some(roles) = &changes.roles {
                    model.roles = Set(roles.to_stored());
                }
                if let Some(active) = changes.active {
                    model.active = Set(active);
                }
                if let Some(profession) = changes.profession {
                    model.profession_id = Set(profession.map(Into::into));
                }
                model.updated_at = Set(now);
                let updated = model.update(txn).await?;
                if roles_changed || deactivated {
                    session::Entity::delete_many()
                        .filter(session::Column::UserId.eq(id))
                        .exec(txn)
                        .await?;
                }
                let event = if roles_changed {
                    Event::new(Action::RolesChanged)
                        .detail(serde_json::json!({ "from": old_roles, "to": updated.roles }))
                } else {
                    Event::new(Action::UserUpdated).detail(serde_json::json!({
                        "active": updated.active,
                        "profession": { "from": old_profession, "to": updated.profession_id },
                    }))
                };
                Ok((updated, event.target("user", id)))
            })
            .await?;
        self.open_user_model(updated)
    }

    fn throttle_keys(&self, email: &str, ip: Option<&str>) -> (ThrottleKey, Option<ThrottleKey>) {
        let account = ThrottleKey {
            key: format!("account:{}", self.email_index(email)),
            threshold: ACCOUNT_THRESHOLD,
            forget_after: None,
        };
        let address = ip.map(|ip| ThrottleKey {
            key: format!("address:{ip}"),
            threshold: ADDRESS_THRESHOLD,
            forget_after: None,
        });
        (account, address)
    }

    /// The throttle's verdict before a password or code is checked: the address's lock, then
    /// one attempt taken on the account's counter.
    async fn admit(
        &self,
        account: &ThrottleKey,
        address: Option<&ThrottleKey>,
    ) -> Result<Option<chrono::DateTime<Utc>>, StoreError> {
        if let Some(address) = address
            && let Some(until) = self.address_locked_until(address).await?
        {
            return Ok(Some(until));
        }
        self.take_attempt(account).await
    }

    /// Checks an email and password. Known and unknown accounts take the same path, the same
    /// time (a decoy hash is checked) and get the same answers.
    pub async fn login(
        &self,
        ip: Option<&str>,
        email: &str,
        password: &str,
    ) -> Result<LoginOutcome, StoreError> {
        let (account, address) = self.throttle_keys(email, ip);
        let found = user::Entity::find()
            .filter(user::Column::EmailIndex.eq(self.email_index(email)))
            .one(self.db())
            .await?;
        let actor = Actor {
            organization_id: found.as_ref().map(|u| u.organization_id).map(Into::into),
            user_id: found.as_ref().map(|u| u.id).map(Into::into),
            ip: ip.map(str::to_owned),
        };
        if let Some(until) = self.admit(&account, address.as_ref()).await? {
            self.audit(&actor, Event::new(Action::LoginThrottled))
                .await?;
            return Ok(LoginOutcome::Throttled(until));
        }
        let hash = found
            .as_ref()
            .map_or_else(|| decoy_hash().to_owned(), |u| u.password_hash.clone());
        let password_ok = verify_password(password.to_owned(), hash).await;
        match found {
            Some(m) if password_ok && m.active => {
                self.clear_login_failures(&account).await?;
                let user = self.open_user_model(m)?;
                self.audit(
                    &actor,
                    Event::new(Action::LoginSucceeded)
                        .detail(serde_json::json!({ "second_factor_pending": user.totp_enabled })),
                )
                .await?;
                Ok(LoginOutcome::Success(user))
            }
            _ => {
                if let Some(address) = &address {
                    self.record_address_failure(address).await?;
                }
                self.audit(&actor, Event::new(Action::LoginFailed)).await?;
                Ok(LoginOutcome::Refused)
            }
        }
    }

    /// Changes one's own password, checking the current one first. Ends the account's other
    /// sessions; the caller rotates the current one.
    pub async fn change_password(
        &self,
        actor: &Actor,
        user_id: UserId,
        current: &str,
        new: &str,
    ) -> Result<(), StoreError> {
        let m = self.user_model(user_id).await?;
        if !verify_password(current.to_owned(), m.password_hash.clone()).await {
            return Err(StoreError::invalid("current_password", "password-wrong"));
        }
        self.replace_password(actor, m, new, "new_password", false)
            .await
    }

    /// Checks and stores a new password, ends the account's sessions, and logs it; `field`
    /// names the form field a problem is shown at.
    async fn replace_password(
        &self,
        actor: &Actor,
        m: user::Model,
        new: &str,
        field: &'static str,
        reset: bool,
    ) -> Result<(), StoreError> {
        let user_id = m.id;
        let opened = self.open_user_model(m.clone())?;
        let organization = self.organization(m.organization_id.into()).await?;
        if let Err(p) = check_new_password(
            new,
            &[
                &opened.email,
                &opened.name,
                &organization.name,
                &organization.slug,
            ],
        ) {
            let keys = p.message_keys().into_iter();
            return Err(StoreError::Invalid(
                keys.map(|message_key| FieldError { field, message_key })
                    .collect(),
            ));
        }
        let hash = hash_password(new.to_owned()).await?;
        let now = self.now();
        // The entry belongs to the account's organization even when the operator acts.
        let actor = &Actor {
            organization_id: Some(opened.organization_id),
            ..actor.clone()
        };
        self.write(actor, async |txn| {
            let mut model: user::ActiveModel = m.into();
            model.password_hash = Set(hash);
            model.updated_at = Set(now);
            model.update(txn).await?;
            session::Entity::delete_many()
                .filter(session::Column::UserId.eq(user_id))
                .exec(txn)
                .await?;
            let event = Event::new(Action::PasswordChanged).target("user", user_id);
            let event = if reset {
                event.detail(serde_json::json!({ "reset": true }))
            } else {
                event
            };
            Ok(((), event))
        })
        .await
    }

    /// Starts (or restarts) enrolment: a new secret, kept sealed, not yet required at login.
    pub async fn begin_totp_enrolment(&self, user_id: UserId) -> Result<TotpEnrolment, StoreError> {
        let m = self.user_model(user_id).await?;
        if m.totp_enabled {
            return Err(StoreError::invalid("code", "totp-already-enabled"));
        }
        let opened = self.open_user_model(m.clone())?;
        // 160 bits, as RFC 4226 recommends.
        let mut raw = [0u8; 20];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
        let encoded = totp_rs::Secret::Raw(raw.to_vec()).to_encoded().to_string();
        let totp = totp_for(raw.to_vec(), &opened.email)?;
        let row = user_id.to_string();
        let mut model: user::ActiveModel = m.into();
        model.totp_secret_sealed = Set(Some(self.keys().seal(
            FieldRef {
                table: TABLE,
                column: "totp_secret",
                row: &row,
            },
            &encoded,
        )));
        model.update(self.db()).await?;
        Ok(TotpEnrolment {
            secret: encoded,
            uri: totp.get_url(),
        })
    }

    /// Checks a code against the account's secret and consumes its time step, so that a code
    /// seen over a shoulder cannot be used again. `enrolling` accepts a secret not yet enabled.
    async fn consume_totp(
        &self,
        user_id: UserId,
        code: &str,
        enrolling: bool,
    ) -> Result<bool, StoreError> {
        let m = self.user_model(user_id).await?;
        let Some(sealed) = m.totp_secret_sealed.clone() else {
            return Ok(false);
        };
        if m.totp_enabled == enrolling {
            return Ok(false);
        }
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Ok(false);
        }
        let row = user_id.to_string();
        let encoded = self.keys().open(
            FieldRef {
                table: TABLE,
                column: "totp_secret",
                row: &row,
            },
            &sealed,
        )?;
        let bytes = totp_rs::Secret::Encoded(encoded)
            .to_bytes()
            .map_err(|e| StoreError::Other(e.to_string()))?;
        let totp = totp_for(bytes, "")?;
        let now = self.now().timestamp();
        let step_now = now / 30;
        // One step either side absorbs clock drift between the server and the phone.
        let accepted = (step_now - 1..=step_now + 1)
            .filter(|step| m.totp_last_step.is_none_or(|last| *step > last))
            .find(|step| {
                subtle::ConstantTimeEq::ct_eq(
                    totp.generate((*step * 30) as u64).as_bytes(),
                    code.as_bytes(),
                )
                .into()
            });
        let Some(step) = accepted else {
            return Ok(false);
        };
        // The step is consumed only if no other request consumed it (or a later one) first:
        // two simultaneous logins with the same code cannot both pass.
        let consumed = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(Some(step)))
            .col_expr(user::Column::TotpEnabled, Expr::value(true))
            .filter(user::Column::Id.eq(user_id))
            .filter(user::Column::TotpEnabled.eq(!enrolling))
            .filter(
                Condition::any()
                    .add(user::Column::TotpLastStep.is_null())
                    .add(user::Column::TotpLastStep.lt(step)),
            )
            .exec(self.db())
            .await?
            .rows_affected;
        Ok(consumed == 1)
    }

    pub async fn confirm_totp(
        &self,
        actor: &Actor,
        user_id: UserId,
        code: &str,
    ) -> Result<bool, StoreError> {
        let ok = self.consume_totp(user_id, code, true).await?;
        if ok {
            self.audit(
                actor,
                Event::new(Action::TotpEnabled).target("user", user_id),
            )
            .await?;
        }
        Ok(ok)
    }

    /// The second step of a login. Failures count toward the account's throttle.
    pub async fn check_totp(
        &self,
        actor: &Actor,
        user: &User,
        code: &str,
    ) -> Result<LoginOutcome, StoreError> {
        let (account, address) = self.throttle_keys(&user.email, actor.ip.as_deref());
        if let Some(until) = self.admit(&account, address.as_ref()).await? {
            return Ok(LoginOutcome::Throttled(until));
        }
        if self.consume_totp(user.id, code, false).await? {
            self.clear_login_failures(&account).await?;
            Ok(LoginOutcome::Success(user.clone()))
        } else {
            if let Some(address) = &address {
                self.record_address_failure(address).await?;
            }
            self.audit(
                actor,
                Event::new(Action::SecondFactorFailed).target("user", user.id),
            )
            .await?;
            Ok(LoginOutcome::Refused)
        }
    }
}

impl Store {
    /// Sets an account's password without the current one (operator or administrator reset).
    /// Ends the account's sessions.
    pub async fn set_password(
        &self,
        actor: &Actor,
        user_id: UserId,
        new: &str,
    ) -> Result<(), StoreError> {
        let m = self.user_model(user_id).await?;
        self.replace_password(actor, m, new, "password", true).await
    }

    /// Turns off an account's second factor (a lost phone), on an administrator's decision.
    /// The account enrols again at its next login when its roles require it; its sessions end.
    pub async fn reset_second_factor(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        user_id: UserId,
    ) -> Result<(), StoreError> {
        self.write(actor, async |txn| {
            let m = user::Entity::find_by_id(user_id)
                .filter(user::Column::OrganizationId.eq(organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let mut model: user::ActiveModel = m.into();
            model.totp_enabled = Set(false);
            model.totp_secret_sealed = Set(None);
            model.totp_last_step = Set(None);
            model.updated_at = Set(self.now());
            model.update(txn).await?;
            session::Entity::delete_many()
                .filter(session::Column::UserId.eq(user_id))
                .exec(txn)
                .await?;
            Ok(((), Event::new(Action::TotpReset).target("user", user_id)))
        })
        .await
    }
}
