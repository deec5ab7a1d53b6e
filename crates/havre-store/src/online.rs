//! Help asked from the public page (docs/public.md "Asking for help online"). A request waits
//! on the wait list until the team records her help request from it, or closes it. Either way
//! it then keeps nothing of her: her alias, her way back and her words move into her file (her
//! words as a first note), or are erased with the closing; what stays counts what came in.

use crate::audit::{Action, Event};
use crate::crypto::FieldRef;
use crate::entity::{note, online_request};
use crate::{Actor, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::care::NoteScope;
use havre_domain::ids::{
    HelpRequestId, ListValueId, NoteId, OnlineRequestId, OrganizationId, PersonId,
};
use havre_domain::lists::ListKind;
use havre_domain::online::{AskedBy, Closing, OnlineRequestForm, ReplyBy};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

const TABLE: &str = "online_requests";

/// Where a request received online stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnlineStatus {
    Pending,
    /// Her help request was recorded from it.
    Recorded(HelpRequestId),
    Closed(Closing),
}

/// A request received online, as the wait list and its page show it.
#[derive(Clone, Debug, Serialize)]
pub struct OnlineRequest {
    pub id: OnlineRequestId,
    pub received_at: DateTime<Utc>,
    pub reply_by: ReplyBy,
    pub asked_by: Option<AskedBy>,
    /// The form's trap for scripts was filled: shown apart.
    pub suspected: bool,
    pub status: OnlineStatus,
    /// What she wrote; empty once the request is recorded or closed.
    pub form: OnlineRequestForm,
}

impl Store {
    /// Receives help asked from the public page. Every problem is said at its field and
    /// nothing is written; `suspected` keeps it apart from the others, never away.
    pub async fn receive_online_request(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        form: OnlineRequestForm,
        suspected: bool,
    ) -> Result<OnlineRequestId, StoreError> {
        let mut problems = form.check();
        for (kind, value, field) in [
            (ListKind::AgeAtRequest, form.age_group, "age_group"),
            (ListKind::Residence, form.region, "region"),
        ] {
            if let Some(value) = value
                && let Err(p) = self
                    .check_list_values(self.db(), organization_id, kind, &[value], field)
                    .await
            {
                problems.push(p);
            }
        }
        let Some(reply_by) = form.reply_by.filter(|_| problems.is_empty()) else {
            return Err(StoreError::Invalid(problems));
        };
        let actor = Actor {
            organization_id: Some(organization_id),
            ..actor.clone()
        };
        let id = OnlineRequestId::new();
        let details = serde_json::to_string(&kept(&form)).unwrap_or_default();
        self.write(&actor, async |txn| {
            online_request::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(organization_id.into()),
                received_at: Set(self.now()),
                reply_by: Set(reply_by.key().to_owned()),
                asked_by: Set(form.asked_by.map(|a| a.key().to_owned())),
                age_group_id: Set(form.age_group.map(Into::into)),
                region_id: Set(form.region.map(Into::into)),
                suspected: Set(suspected),
                details_sealed: Set(self.seal_details(id, &details)),
                status: Set("pending".to_owned()),
                help_request_id: Set(None),
                closing: Set(None),
                handled_by: Set(None),
                handled_at: Set(None),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::OnlineRequestReceived)
                    .target("online_request", id)
                    .detail(serde_json::json!({ "suspected": suspected })),
            ))
        })
        .await
    }

    /// The organization's requests received online and not yet handled, oldest first, with
    /// the alias each gave (the wait list shows the names of those who wait).
    pub async fn pending_online_requests(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Vec<OnlineRequest>, StoreError> {
        let rows = online_request::Entity::find()
            .filter(online_request::Column::OrganizationId.eq(organization_id))
            .filter(online_request::Column::Status.eq("pending"))
            .order_by_asc(online_request::Column::ReceivedAt)
            .all(self.db())
            .await?;
        rows.into_iter().map(|m| self.online_view(m)).collect()
    }

    /// How many requests received online wait to be called back, those whose trap was filled
    /// left out: what the intake team's home page says first.
    pub async fn pending_online_count(
        &self,
        organization_id: OrganizationId,
    ) -> Result<u64, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(online_request::Entity::find()
            .filter(online_request::Column::OrganizationId.eq(organization_id))
            .filter(online_request::Column::Status.eq("pending"))
            .filter(online_request::Column::Suspected.eq(false))
            .count(self.db())
            .await?)
    }

    /// One request received online, with how to reach her safely. Reading it is logged.
    /// Another organization's answers NotFound.
    pub async fn online_request(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: OnlineRequestId,
    ) -> Result<OnlineRequest, StoreError> {
        let m = online_request::Entity::find_by_id(id)
            .filter(online_request::Column::OrganizationId.eq(organization_id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        let request = self.online_view(m)?;
        self.audit(
            actor,
            Event::new(Action::OnlineRequestRead).target("online_request", id),
        )
        .await?;
        Ok(request)
    }

    /// Closes a pending request without recording a help request, and erases what she wrote.
    pub async fn close_online_request(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        id: OnlineRequestId,
        closing: Option<Closing>,
    ) -> Result<(), StoreError> {
        self.write(actor, async |txn| {
            online_request::Entity::find_by_id(id)
                .filter(online_request::Column::OrganizationId.eq(organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let Some(closing) = closing else {
                return Err(StoreError::invalid("closing", "field-required"));
            };
            self.handle_online(txn, actor, organization_id, id, Handled::Closed(closing))
                .await?;
            Ok((
                (),
                Event::new(Action::OnlineRequestClosed)
                    .target("online_request", id)
                    .detail(serde_json::json!({ "closing": closing.key() })),
            ))
        })
        .await
    }

    /// Marks a pending request handled, in the transaction that handles it, and erases what
    /// she wrote. A request already handled (by a colleague, a moment ago) is refused at the
    /// form, and the transaction with it.
    pub(crate) async fn handle_online<C: ConnectionTrait>(
        &self,
        txn: &C,
        actor: &Actor,
        organization_id: OrganizationId,
        id: OnlineRequestId,
        handled: Handled,
    ) -> Result<(), StoreError> {
        let (status, help_request, closing) = match handled {
            Handled::Recorded(request) => ("recorded", Some(uuid::Uuid::from(request)), None),
            Handled::Closed(closing) => ("closed", None, Some(closing.key())),
        };
        let erased =
            serde_json::to_string(&kept(&OnlineRequestForm::default())).unwrap_or_default();
        let changed = online_request::Entity::update_many()
            .col_expr(online_request::Column::Status, Expr::value(status))
            .col_expr(
                online_request::Column::HelpRequestId,
                Expr::value(help_request),
            )
            .col_expr(online_request::Column::Closing, Expr::value(closing))
            .col_expr(
                online_request::Column::HandledBy,
                Expr::value(actor.user_id.map(uuid::Uuid::from)),
            )
            .col_expr(
                online_request::Column::HandledAt,
                Expr::value(Some(self.now())),
            )
            .col_expr(
                online_request::Column::DetailsSealed,
                Expr::value(self.seal_details(id, &erased)),
            )
            .filter(online_request::Column::Id.eq(id))
            .filter(online_request::Column::OrganizationId.eq(organization_id))
            .filter(online_request::Column::Status.eq("pending"))
            .exec(txn)
            .await?
            .rows_affected;
        if changed == 1 {
            Ok(())
        } else {
            Err(StoreError::invalid(
                "online_request",
                "online-request-handled",
            ))
        }
    }

    /// Handles a pending request by the help request recorded from it (`record_help_request`,
    /// in its transaction): what she wrote she needs becomes the first note of her file,
    /// sealed with the file's key and destroyed with it, and the request keeps nothing.
    pub(crate) async fn record_from_online(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        actor: &Actor,
        organization_id: OrganizationId,
        id: OnlineRequestId,
        person_id: PersonId,
        help_request: HelpRequestId,
    ) -> Result<(), StoreError> {
        let m = online_request::Entity::find_by_id(id)
            .filter(online_request::Column::OrganizationId.eq(organization_id))
            .one(txn)
            .await?
            .ok_or_else(|| StoreError::invalid("online_request", "online-request-handled"))?;
        let needs = self.online_view(m)?.form.needs;
        self.handle_online(
            txn,
            actor,
            organization_id,
            id,
            Handled::Recorded(help_request),
        )
        .await?;
        if !needs.is_empty() {
            let note_id = NoteId::new();
            note::ActiveModel {
                id: Set(note_id.into()),
                organization_id: Set(organization_id.into()),
                person_id: Set(person_id.into()),
                body_sealed: Set(self.seal_in(
                    self.file_key_of(txn, person_id).await?.as_ref(),
                    "notes",
                    "body",
                    note_id,
                    needs.as_bytes(),
                )),
                author_id: Set(actor.user_id.map(Into::into)),
                scope: Set(NoteScope::Team.key().to_owned()),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
        }
        Ok(())
    }

    fn seal_details(&self, id: OnlineRequestId, details: &str) -> String {
        self.keys().seal(
            FieldRef {
                table: TABLE,
                column: "details",
                row: &id.to_string(),
            },
            details,
        )
    }

    fn online_view(&self, m: online_request::Model) -> Result<OnlineRequest, StoreError> {
        let row = m.id.to_string();
        let details = self.keys().open(
            FieldRef {
                table: TABLE,
                column: "details",
                row: &row,
            },
            &m.details_sealed,
        )?;
        let details: Details = serde_json::from_str(&details).unwrap_or_default();
        let reply_by = ReplyBy::parse(&m.reply_by)
            .ok_or_else(|| StoreError::Other(format!("unknown reply_by {}", m.reply_by)))?;
        let status = match (m.status.as_str(), m.help_request_id, m.closing.as_deref()) {
            ("recorded", Some(request), _) => OnlineStatus::Recorded(request.into()),
            ("closed", _, Some(closing)) => OnlineStatus::Closed(
                Closing::parse(closing)
                    .ok_or_else(|| StoreError::Other(format!("unknown closing {closing}")))?,
            ),
            _ => OnlineStatus::Pending,
        };
        Ok(OnlineRequest {
            id: m.id.into(),
            received_at: m.received_at,
            reply_by,
            asked_by: m.asked_by.as_deref().and_then(AskedBy::parse),
            suspected: m.suspected,
            status,
            form: OnlineRequestForm {
                name: details.name,
                reply_by: Some(reply_by),
                phone: details.phone,
                email: details.email,
                may_leave_message: details.may_leave_message,
                may_say_our_name: details.may_say_our_name,
                safe_hours: details.safe_hours,
                needs: details.needs,
                asked_by: m.asked_by.as_deref().and_then(AskedBy::parse),
                age_group: m.age_group_id.map(ListValueId::from),
                region: m.region_id.map(ListValueId::from),
            },
        })
    }
}

/// How a pending request was handled.
pub(crate) enum Handled {
    Recorded(HelpRequestId),
    Closed(Closing),
}

/// What is sealed of a request: what she typed that says who she is or what she lives. Her
/// choices of list (age group, region) and who asked stay in the clear, to sort and count.
#[derive(Default, Serialize, serde::Deserialize)]
#[serde(default)]
struct Details {
    name: String,
    phone: String,
    email: String,
    may_leave_message: bool,
    may_say_our_name: bool,
    safe_hours: String,
    needs: String,
}

fn kept(form: &OnlineRequestForm) -> Details {
    Details {
        name: form.name.trim().to_owned(),
        phone: form.phone.trim().to_owned(),
        email: form.email.trim().to_owned(),
        may_leave_message: form.may_leave_message,
        may_say_our_name: form.may_say_our_name,
        safe_hours: form.safe_hours.trim().to_owned(),
        needs: form.needs.trim().to_owned(),
    }
}
