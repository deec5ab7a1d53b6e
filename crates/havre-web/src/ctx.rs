//! What a request carries from the first middleware to the handler: its language, its
//! address, the account recognized for it and the CSRF token its forms must carry. Every other
//! module of the web crate reads these, so they live at the bottom, importing none of them
//! (docs/architecture.md "No import circles").

use crate::i18n::Lang;
use havre_domain::policy::{self, Record};
use havre_store::accounts::User;
use havre_store::organizations::Organization;
use havre_store::sessions::Session;
use havre_store::tokens::ApiToken;
use std::sync::Arc;

/// Put in the request's extensions by the `auth::resolve` middleware.
#[derive(Clone)]
pub struct RequestCtx {
    pub lang: Lang,
    /// The client's address, for throttling and the audit log.
    pub ip: Option<String>,
    pub auth: Option<Arc<Authenticated>>,
    /// The token forms must carry: the session's, or the anonymous one of the login form.
    pub csrf: String,
    /// Under /api/: errors are problem documents, not pages.
    pub is_api: bool,
    pub path: String,
}

impl RequestCtx {
    /// The organization's clock: days, weeks and years are its own, never the server's.
    pub fn zone(&self) -> havre_domain::zone::Zone {
        self.auth
            .as_ref()
            .map(|a| a.organization.time_zone)
            .unwrap_or_default()
    }

    /// The month the organization's reporting year begins.
    pub fn year_start(&self) -> havre_domain::year::YearStart {
        self.auth
            .as_ref()
            .map(|a| a.organization.year_start)
            .unwrap_or_default()
    }

    pub fn actor(&self) -> havre_store::Actor {
        havre_store::Actor {
            organization_id: self.auth.as_ref().map(|a| a.user.organization_id),
            user_id: self.auth.as_ref().map(|a| a.user.id),
            ip: self.ip.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Via {
    Session(Session),
    Token(ApiToken),
}

/// An account recognized for this request.
#[derive(Clone, Debug)]
pub struct Authenticated {
    pub user: User,
    pub organization: Organization,
    pub via: Via,
    /// The kind of her profession, read from the organization's list at each request, so
    /// that a change of profession changes what she reads at once (docs/care.md).
    pub profession: Option<havre_domain::care::ProfessionKind>,
    /// For a request that only reads (GET, HEAD) with a session, the count of changes read
    /// with it (`Known::seeing`).
    pub changes: Option<i64>,
}

impl Authenticated {
    /// The account as the store's file rules see it.
    pub fn reader(&self, ctx: &RequestCtx) -> havre_store::files::Reader {
        havre_store::files::Reader {
            actor: ctx.actor(),
            organization_id: self.organization.id,
            user_id: self.user.id,
            roles: self.user.roles.clone(),
            profession: self.profession,
            partner_id: self.user.partner_id,
            known: match self.changes {
                Some(changes) => havre_store::reader::Known::with_rules(self.organization.rules())
                    .seeing(changes),
                None => havre_store::reader::Known::with_rules(self.organization.rules()),
            },
        }
    }

    /// Who asks, as the policy sees her.
    pub fn actor(&self) -> policy::Actor<'_> {
        policy::Actor {
            user_id: self.user.id.into(),
            roles: &self.user.roles,
            profession: self.profession,
        }
    }

    /// Whether the policy lets her do this with the record: what a page offers her.
    pub fn may(&self, action: policy::Action, record: &Record) -> bool {
        policy::may(self.actor(), action, record)
    }

    pub fn session(&self) -> Option<&Session> {
        match &self.via {
            Via::Session(s) => Some(s),
            Via::Token(_) => None,
        }
    }

    /// The password was right but the second factor is not checked yet.
    pub fn second_factor_pending(&self) -> bool {
        self.session().is_some_and(|s| s.second_factor_pending)
    }

    /// docs/safety.md: the second factor is mandatory for roles that read personal data when
    /// the organization requires it. Until it is set up, a session can only set it up. An API
    /// token is a credential of its own, issued either by the operator on the server
    /// (`havre admin token`) or by a session that passed every step of login: the rule is
    /// checked where it is issued, so that a script keeps working when the organization turns
    /// the rule on for people.
    pub fn must_enrol(&self) -> bool {
        matches!(self.via, Via::Session(_))
            && self.organization.require_totp
            && self.user.roles.any_reads_personal_data()
            && !self.user.totp_enabled
    }

    /// Logged in all the way: may use the pages its roles allow.
    pub fn is_complete(&self) -> bool {
        !self.second_factor_pending() && !self.must_enrol()
    }
}
