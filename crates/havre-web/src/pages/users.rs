//! The administration of accounts, for the organization's administrator.

use crate::AppState;
use crate::api::body::Form;
use crate::auth::{Require, perm};
use crate::ctx::RequestCtx;
use crate::error::WebError;
use crate::i18n::{Lang, t};
use crate::page::{Page, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use havre_domain::ids::UserId;
use havre_domain::policy::{Role, Roles};
use havre_store::StoreError;
use havre_store::accounts::{NewUser, User, UserChanges};
use serde::Deserialize;
use std::str::FromStr;

pub struct RoleChoice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

pub struct UserRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub roles: String,
    pub totp: bool,
    pub active: bool,
}

pub fn role_label(lang: Lang, role: Role) -> String {
    t(lang, &format!("role-{}", role.as_str()))
}

fn role_choices(lang: Lang, kind: &str, checked: &Roles) -> Vec<RoleChoice> {
    Role::ALL
        .into_iter()
        .filter(|r| r.fits_organization(kind))
        .map(|r| RoleChoice {
            value: r.as_str(),
            label: role_label(lang, r),
            checked: checked.contains(r),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    page: Page,
    users: Vec<UserRow>,
    role_choices: Vec<RoleChoice>,
    form_name: String,
    form_email: String,
}

async fn users_page(
    state: &AppState,
    ctx: &RequestCtx,
    page: Page,
    form: (String, String, Roles),
) -> Result<Response, WebError> {
    let auth = ctx.auth.as_ref().ok_or(WebError::Unauthorized)?;
    let users = state
        .store
        .users(auth.user.organization_id)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            roles: u
                .roles
                .iter()
                .map(|r| role_label(ctx.lang, r))
                .collect::<Vec<_>>()
                .join(", "),
            name: u.name,
            email: u.email,
            totp: u.totp_enabled,
            active: u.active,
        })
        .collect();
    let role_choices = role_choices(ctx.lang, &auth.organization.kind, &form.2);
    Ok(render(&UsersPage {
        page,
        users,
        role_choices,
        form_name: form.0,
        form_email: form.1,
    }))
}

pub async fn list(
    State(state): State<AppState>,
    Require(_, ctx, _): Require<perm::ManageUsers>,
) -> Result<Response, WebError> {
    users_page(
        &state,
        &ctx,
        Page::new(&ctx, "users-title"),
        Default::default(),
    )
    .await
}

/// An account, as typed: the form that creates one, and the one that changes it.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    name: String,
    email: String,
    password: String,
    /// The roles ticked.
    roles: Vec<String>,
    active: bool,
    /// Her profession, or empty for none.
    profession_id: String,
}

pub async fn create(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    let UserForm {
        name,
        email,
        password,
        roles: role_values,
        ..
    } = form;
    let result = match Roles::parse(&role_values) {
        Err(e) => Err(StoreError::Invalid(vec![e])),
        Ok(roles) => {
            state
                .store
                .create_user(
                    &ctx.actor(),
                    auth.user.organization_id,
                    NewUser {
                        email: email.clone(),
                        name: name.clone(),
                        roles,
                        password,
                    },
                )
                .await
        }
    };
    match result {
        Ok(user) => {
            let page = Page::new(&ctx, "users-title").with_notice(Some(crate::i18n::t_args(
                ctx.lang,
                "user-created",
                &[("name", user.name)],
            )));
            users_page(&state, &ctx, page, Default::default()).await
        }
        Err(StoreError::Invalid(errors)) => {
            let checked = Roles::new(
                role_values
                    .iter()
                    .filter_map(|v| Role::from_str(v).ok())
                    .collect(),
            );
            let mut response = users_page(
                &state,
                &ctx,
                Page::new(&ctx, "users-title").with_errors(errors),
                (name, email, checked),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "user_edit.html")]
struct UserEditPage {
    page: Page,
    user_id: UserId,
    user_name: String,
    email: String,
    form_name: String,
    active: bool,
    totp_enabled: bool,
    role_choices: Vec<RoleChoice>,
    profession: super::intake::Select,
}

async fn edit_page(
    state: &AppState,
    ctx: &RequestCtx,
    kind: &str,
    user: &User,
    page: Page,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let professions = state
        .store
        .list_values(
            user.organization_id,
            havre_domain::lists::ListKind::Profession,
            true,
        )
        .await?;
    let chosen = user.profession_id;
    let mut options = vec![super::intake::SelectOption {
        value: String::new(),
        label: t(lang, "profession-none"),
        selected: chosen.is_none(),
    }];
    // A retired profession is offered only to the account that still holds it.
    options.extend(
        professions
            .iter()
            .filter(|p| !p.retired || Some(p.id) == chosen)
            .map(|p| super::intake::SelectOption {
                value: p.id.to_string(),
                label: havre_domain::text::in_lang(lang, &p.label_fr, &p.label_en).to_owned(),
                selected: Some(p.id) == chosen,
            }),
    );
    let profession = super::intake::Select {
        name: "profession_id",
        label: t(lang, "field-profession_id"),
        options,
    };
    Ok(render(&UserEditPage {
        profession,
        user_id: user.id,
        user_name: user.name.clone(),
        email: user.email.clone(),
        form_name: user.name.clone(),
        active: user.active,
        totp_enabled: user.totp_enabled,
        role_choices: role_choices(ctx.lang, kind, &user.roles),
        page,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Path(id): Path<UserId>,
) -> Result<Response, WebError> {
    let user = state.store.user(auth.user.organization_id, id).await?;
    let mut page = Page::new(&ctx, "users-title");
    page.title = user.name.clone();
    edit_page(&state, &ctx, &auth.organization.kind, &user, page).await
}

pub async fn update(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Path(id): Path<UserId>,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    // Checked first, so that a foreign id answers 404 before any validation message.
    let user = state.store.user(auth.user.organization_id, id).await?;
    let profession = crate::api::body::optional(&form.profession_id);
    let result = match (Roles::parse(&form.roles), profession) {
        (Err(e), _) => Err(StoreError::Invalid(vec![e])),
        (_, Err(_)) => Err(StoreError::invalid("profession_id", "value-not-in-list")),
        (Ok(roles), Ok(profession)) => {
            state
                .store
                .update_user(
                    &ctx.actor(),
                    auth.user.organization_id,
                    id,
                    UserChanges {
                        name: Some(form.name),
                        roles: Some(roles),
                        active: Some(form.active),
                        profession: Some(profession),
                    },
                )
                .await
        }
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/users/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let mut page = Page::new(&ctx, "users-title").with_errors(errors);
            page.title = user.name.clone();
            let mut response =
                edit_page(&state, &ctx, &auth.organization.kind, &user, page).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// An administrator gives a new password to a person who forgot hers.
pub async fn set_password(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Path(id): Path<UserId>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let user = state.store.user(auth.user.organization_id, id).await?;
    let mut page = Page::new(&ctx, "users-title");
    page.title = user.name.clone();
    match state
        .store
        .set_password(&ctx.actor(), user.id, &form.password)
        .await
    {
        Ok(()) => {
            edit_page(
                &state,
                &ctx,
                &auth.organization.kind,
                &user,
                page.with_notice(Some(t(ctx.lang, "user-password-set"))),
            )
            .await
        }
        Err(StoreError::Invalid(errors)) => {
            let mut response = edit_page(
                &state,
                &ctx,
                &auth.organization.kind,
                &user,
                page.with_errors(errors),
            )
            .await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

/// An administrator removes the second factor of a person who lost her phone.
pub async fn reset_second_factor(
    State(state): State<AppState>,
    Require(auth, ctx, _): Require<perm::ManageUsers>,
    Path(id): Path<UserId>,
) -> Result<Response, WebError> {
    state
        .store
        .reset_second_factor(&ctx.actor(), auth.user.organization_id, id)
        .await?;
    let user = state.store.user(auth.user.organization_id, id).await?;
    let mut page =
        Page::new(&ctx, "users-title").with_notice(Some(t(ctx.lang, "user-totp-was-reset")));
    page.title = user.name.clone();
    edit_page(&state, &ctx, &auth.organization.kind, &user, page).await
}
