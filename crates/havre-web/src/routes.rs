//! Every route of Havre, declared in one list. The list is public so that the tenant
//! isolation test can walk every route that takes an identifier: a new one that it does not
//! know makes it fail until it gets an isolation case.

use crate::{AppState, api, auth, csrf, headers, limits, metrics, pages};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, get, patch, post, put};

/// A route as the isolation test sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

impl RouteInfo {
    /// Whether the path carries an identifier ({id}, {slug}…).
    pub fn takes_identifier(&self) -> bool {
        self.path.contains('{')
    }
}

/// The largest body of an ordinary request.
pub const BODY_BYTES: usize = 2 * 1024 * 1024;
/// The largest body of an upload: an attachment, with the multipart framing or the base64
/// of the API around it.
pub const UPLOAD_BODY_BYTES: usize = havre_domain::files::ATTACHMENT_MAX_BYTES * 4 / 3 + 64 * 1024;

struct Routes {
    router: Router<AppState>,
    listed: Vec<RouteInfo>,
    /// The routes declared with `upload`: the only ones a multipart form may reach.
    uploads: Vec<&'static str>,
}

impl Routes {
    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, route);
        self.listed.push(RouteInfo { method, path });
        self
    }
    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("GET", path, get(h))
    }
    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("POST", path, post(h))
    }
    /// A POST that carries a document: its body may be as large as an attachment allows.
    fn upload<H: Handler<T, AppState>, T: 'static>(mut self, path: &'static str, h: H) -> Self {
        self.uploads.push(path);
        self.add(
            "POST",
            path,
            post(h).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
    }
    fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PATCH", path, patch(h))
    }
    fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PUT", path, put(h))
    }
}

fn build() -> Routes {
    let routes = Routes {
        router: Router::new(),
        listed: Vec::new(),
        uploads: Vec::new(),
    };
    // In the route table's order, which the isolation test walks: the pages, then the API.
    let parts: [fn(Routes) -> Routes; 29] = [
        public,
        accounts,
        organization,
        intake,
        imports,
        files,
        groups,
        fund,
        prevention,
        hours,
        reports,
        governance,
        housing,
        networks,
        missions,
        complaints,
        api_accounts,
        api_intake,
        api_files,
        api_groups,
        api_prevention,
        api_hours,
        api_governance,
        api_housing,
        api_reports,
        api_calls,
        api_missions,
        api_complaints,
        api_network,
    ];
    parts.into_iter().fold(routes, |routes, add| add(routes))
}

/// Public: no account needed.
fn public(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/healthz", healthz)
        .get("/metrics", crate::metrics::endpoint)
        .get("/static/{file}", assets::file)
        .get("/o/{slug}", public::show)
        .get("/o/{slug}/help", public::help_form)
        .post("/o/{slug}/help", public::send_help)
        .get("/o/{slug}/complaint", public::complaint_form)
        .post("/o/{slug}/complaint", public::send_complaint)
        .get("/o/{slug}/texts/{kind}", public::text)
        .get("/language", language::switch)
        .get("/login", login::form)
        .post("/login", login::submit)
        .get("/login/totp", login::totp_form)
        .post("/login/totp", login::totp_submit)
        .post("/logout", login::logout)
        .post("/logout/everywhere", login::logout_everywhere)
}

/// Her home, her account, the team's accounts and the audit log.
fn accounts(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/", home::show)
        .get("/account", account::show)
        .post("/account/password", account::change_password)
        .get("/account/totp", account::totp_form)
        .post("/account/totp", account::totp_confirm)
        .post("/account/tokens", account::create_token)
        .post("/account/tokens/{id}/revoke", account::revoke_token)
        .get("/users", users::list)
        .post("/users", users::create)
        .get("/users/{id}", users::show)
        .post("/users/{id}", users::update)
        .post("/users/{id}/password", users::set_password)
        .post(
            "/users/{id}/second-factor/reset",
            users::reset_second_factor,
        )
        .get("/audit", audit::show)
}

/// The organization, its lists and its categories of hours.
fn organization(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/organization", organization::show)
        .post("/organization", organization::save)
        .get("/organization/lists", lists::show)
        .post("/organization/lists/{list}/values", lists::add)
        .post("/organization/list-values/{id}", lists::rename)
        .post("/organization/list-values/{id}/retire", lists::retire)
        .post("/organization/hour-categories", lists::add_hour_category)
        .post(
            "/organization/hour-categories/{id}",
            lists::rename_hour_category,
        )
        .post(
            "/organization/hour-categories/{id}/retire",
            lists::retire_hour_category,
        )
}

/// The spreadsheets kept before Havre: uploaded, mapped, previewed, imported, undone.
fn imports(routes: Routes) -> Routes {
    use pages::imports;
    routes
        .get("/imports", imports::list)
        .upload("/imports", imports::upload)
        .get("/imports/{id}", imports::show)
        .post("/imports/{id}/mapping", imports::map)
        .post("/imports/{id}/confirm", imports::confirm)
        .post("/imports/{id}/undo", imports::undo)
        .post("/imports/{id}/drop", imports::drop)
}

/// Help requests: the waiting list, the request form, calls and referrals.
fn intake(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/waitlist", waitlist::show)
        .get("/waitlist/{id}", waitlist::request)
        .get("/waitlist/online/{id}", waitlist::online)
        .post("/waitlist/online/{id}/close", waitlist::close_online)
        .post("/waitlist/{id}/{action}", waitlist::act)
        .get("/help-requests/new", intake::new)
        .post("/help-requests", intake::record)
        .get("/intake/calls", calls::show)
        .post("/intake/calls", calls::log_call)
        .post("/intake/turn-aways", calls::turn_away)
        .post("/intake/referrals", calls::receive_referral)
        .post("/intake/referrals/{id}/attempts", calls::attempt)
        .post("/intake/referrals/{id}/person", calls::link_referral)
}

/// The person files.
fn files(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/files", files::list)
        .get("/files/{id}", files::show)
        .post("/files/{id}/access", files::open_with_reason)
        .post("/files/{id}/meetings", files::record_meeting)
        .post(
            "/files/{id}/meetings/{meeting_id}/remove",
            files::remove_meeting,
        )
        .post("/files/{id}/notes", files::add_note)
        .post("/files/{id}/appointments", files::book_appointment)
        .post("/files/{id}/pathways", files::enrol)
        .post("/files/{id}/pathway-steps", files::complete_step)
        .upload("/files/{id}/attachments", files::upload)
        .get("/files/{id}/attachments/{attachment_id}", files::download)
        .post("/files/{id}/relatives", files::add_relative)
        .post("/files/{id}/caseworkers", files::assign)
        .post("/files/{id}/close", files::close)
        .post("/files/{id}/person", files::update_person)
        .post("/files/{id}/fund-requests", fund::request)
        .get("/agenda", care::show)
        .post("/agenda/walk-ins", care::walk_in)
        .post("/agenda/appointments/{id}/status", care::move_to)
        .get("/care", care::pathways)
        .post("/care/agreements", care::create_agreement)
        .post("/care/pathways", care::create_pathway)
        .post("/care/pathways/{id}/steps", care::add_step)
        .post("/care/hostings", care::record_hosting)
}

/// Groups and drop-ins.
fn groups(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/groups", groups::list)
        .post("/groups", groups::create)
        .get("/groups/{id}", groups::show)
        .post("/groups/{id}/members", groups::enrol)
        .post(
            "/groups/{id}/members/{member_id}/withdraw",
            groups::withdraw,
        )
        .post("/groups/{id}/sessions", groups::record_session)
        .get("/dropins", groups::dropins)
        .post("/dropins", groups::record_dropin)
}

/// The emergency fund.
fn fund(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/fund", fund::show)
        .post("/fund/deposits", fund::deposit)
        .post("/fund/requests/{id}/decision", fund::decide)
}

/// Prevention: animations, outreach, programs, evaluations and trainings given (and the
/// removal of a training received, beside them).
fn prevention(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/prevention", prevention::show)
        .post("/prevention/animations", prevention::record_animation)
        .post(
            "/prevention/animations/{id}/remove",
            season::remove_animation,
        )
        .get("/prevention/season", season::show)
        .get("/prevention/outreach", outreach::show)
        .post("/prevention/outreach", outreach::record)
        .post("/prevention/outreach/{id}/remove", outreach::remove)
        .post(
            "/prevention/trainings/{id}/remove",
            prevention::remove_training,
        )
        .post(
            "/hours/trainings-received/{id}/remove",
            hours::remove_training_received,
        )
        .get("/prevention/programs", prevention::programs)
        .post("/prevention/programs", prevention::create_program)
        .post("/prevention/workshops", prevention::add_workshop)
        .get("/prevention/evaluations", prevention::evaluations)
        .post("/prevention/evaluations", prevention::record_evaluations)
        .get("/prevention/trainings", prevention::trainings)
        .post("/prevention/trainings", prevention::record_training)
}

/// The timesheet.
fn hours(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/hours", hours::show)
        .post("/hours", hours::save)
        .post("/hours/trainings-received", hours::training_received)
}

/// The activity report.
fn reports(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/reports", reports::show)
        .post("/reports/narratives", reports::save_narrative)
}

/// Governance: members, board and annual meetings.
fn governance(routes: Routes) -> Routes {
    use pages::*;
    routes
        .get("/governance", governance::show)
        .post("/governance/members", governance::add_member)
        .post("/governance/members/{id}/left", governance::member_left)
        .post(
            "/governance/board-meetings",
            governance::record_board_meeting,
        )
        .post(
            "/governance/annual-meetings",
            governance::record_annual_meeting,
        )
}

/// Sections still to come.
/// Housing: the houses, a house, a unit, a stay, the wait list, the figures.
fn housing(routes: Routes) -> Routes {
    use pages::housing::*;
    routes
        .get("/housing", show)
        .post("/housing/houses", create_house)
        .get("/housing/houses/{id}", house)
        .get("/housing/houses/{id}/address", address)
        .post("/housing/houses/{id}/staff", set_staff)
        .post("/housing/houses/{id}/units", add_unit)
        .post("/housing/houses/{id}/stays", admit)
        .get("/housing/units/{id}", unit)
        .post("/housing/units/{id}/outages", put_out_of_service)
        .post("/housing/units/{id}/close", close_unit)
        .post("/housing/outages/{id}/back", back_in_service)
        .get("/housing/stays/{id}", stay)
        .post("/housing/stays/{id}/move-in", move_in)
        .post("/housing/stays/{id}/exit", exit)
        .post("/housing/stays/{id}/extensions", extend)
        .get("/housing/requests", requests)
        .post("/housing/requests", record_request)
        .post("/housing/requests/{id}/decision", decide)
        .get("/housing/figures", figures)
}

/// Networks (docs/networks.md): the network's report and members, a member's sharing.
fn networks(routes: Routes) -> Routes {
    use pages::network::*;
    routes
        .get("/network", network)
        .post("/network/members", add_member)
        .get("/network/members/{id}", member)
        .post("/network/members/{id}", change_member)
        .upload("/network/submissions", import)
        .post("/network/shares", share)
        .post("/network/shares/{id}/submission", approve)
}

/// The JSON API: its document, her account, the team's accounts, the audit log and the
/// organization.
fn api_accounts(routes: Routes) -> Routes {
    routes
        .get("/api/v1/openapi.json", api::openapi)
        .get("/api/v1/me", api::me::me)
        .post("/api/v1/me/totp", api::me::begin_totp)
        .post("/api/v1/me/totp/confirm", api::me::confirm_totp)
        .get("/api/v1/users", api::users::list)
        .post("/api/v1/users", api::users::create)
        .get("/api/v1/users/{id}", api::users::get)
        .patch("/api/v1/users/{id}", api::users::update)
        .get("/api/v1/audit", api::audit::list)
        .get("/api/v1/organization", api::organization::get)
        .patch("/api/v1/organization", api::organization::update)
}

/// The JSON API of lists and help requests.
fn api_intake(routes: Routes) -> Routes {
    routes
        .get("/api/v1/lists", api::intake::lists)
        .post("/api/v1/lists/{list}/values", api::intake::add_value)
        .patch("/api/v1/list-values/{id}", api::intake::rename_value)
        .post("/api/v1/list-values/{id}/retire", api::intake::retire_value)
        .post("/api/v1/help-requests", api::intake::record)
        .get("/api/v1/waitlist", api::waitlist::show)
        .post("/api/v1/help-requests/{id}/assign", api::waitlist::assign)
        .post(
            "/api/v1/help-requests/{id}/first-meeting",
            api::waitlist::book_first_meeting,
        )
        .post("/api/v1/help-requests/{id}/close", api::waitlist::close)
}

/// The JSON API of person files.
fn api_files(routes: Routes) -> Routes {
    routes
        .get("/api/v1/files", api::files::list)
        .get("/api/v1/files/access-grants", api::files::access_grants)
        .get("/api/v1/files/{id}", api::files::get)
        .post("/api/v1/files/{id}/access", api::files::open_with_reason)
        .post("/api/v1/files/{id}/meetings", api::files::record_meeting)
        .post(
            "/api/v1/files/{id}/meetings/{meeting_id}/remove",
            api::files::remove_meeting,
        )
        .post("/api/v1/files/{id}/notes", api::files::add_note)
        .get("/api/v1/files/{id}/notes/{note_id}", api::files::note)
        .upload("/api/v1/files/{id}/attachments", api::files::add_attachment)
        .get(
            "/api/v1/files/{id}/attachments/{attachment_id}",
            api::files::download,
        )
        .post("/api/v1/files/{id}/relatives", api::files::add_relative)
        .post("/api/v1/files/{id}/caseworkers", api::files::assign)
        .post("/api/v1/files/{id}/close", api::files::close)
        .patch("/api/v1/files/{id}/person", api::files::update_person)
        .post("/api/v1/files/{id}/fund-requests", api::groups::request)
        .get("/api/v1/agenda", api::care::agenda)
        .post("/api/v1/appointments", api::care::book)
        .post("/api/v1/walk-ins", api::care::walk_in)
        .post("/api/v1/appointments/{id}/status", api::care::move_to)
        .get("/api/v1/agreements", api::care::agreements)
        .post("/api/v1/agreements", api::care::create_agreement)
        .get("/api/v1/pathways", api::care::pathways)
        .post("/api/v1/pathways", api::care::create_pathway)
        .post("/api/v1/pathways/{id}/steps", api::care::add_step)
        .get("/api/v1/files/{id}/pathways", api::care::pathways_on_file)
        .post("/api/v1/files/{id}/pathways", api::care::enrol)
        .post("/api/v1/enrolments/{id}/steps", api::care::complete_step)
        .get("/api/v1/hostings", api::care::hostings)
        .post("/api/v1/hostings", api::care::record_hosting)
        .get("/api/v1/care/figures", api::care::figures)
}

/// The JSON API of groups, drop-ins and the emergency fund.
fn api_groups(routes: Routes) -> Routes {
    routes
        .get("/api/v1/groups", api::groups::list)
        .post("/api/v1/groups", api::groups::create)
        .get("/api/v1/groups/{id}", api::groups::get)
        .post("/api/v1/groups/{id}/members", api::groups::enrol)
        .post(
            "/api/v1/groups/{id}/members/{member_id}/withdraw",
            api::groups::withdraw,
        )
        .post("/api/v1/groups/{id}/sessions", api::groups::record_session)
        .get("/api/v1/dropins", api::groups::dropins)
        .post("/api/v1/dropins", api::groups::record_dropin)
        .get("/api/v1/fund", api::groups::fund)
        .post("/api/v1/fund/deposits", api::groups::deposit)
        .post("/api/v1/fund/requests/{id}/decision", api::groups::decide)
}

/// The JSON API of prevention (and the removal of a training received, beside trainings).
fn api_prevention(routes: Routes) -> Routes {
    routes
        .get("/api/v1/prevention/programs", api::prevention::programs)
        .post(
            "/api/v1/prevention/programs",
            api::prevention::create_program,
        )
        .post(
            "/api/v1/prevention/programs/{id}/workshops",
            api::prevention::add_workshop,
        )
        .post(
            "/api/v1/prevention/animations",
            api::prevention::record_animation,
        )
        .get("/api/v1/prevention/animations", api::prevention::animations)
        .post(
            "/api/v1/prevention/animations/{id}/remove",
            api::prevention::remove_animation,
        )
        .get("/api/v1/prevention/totals", api::prevention::totals)
        .get("/api/v1/prevention/outreach", api::prevention::figures)
        .post("/api/v1/prevention/outreach", api::prevention::figure)
        .post(
            "/api/v1/prevention/outreach/{id}/remove",
            api::prevention::remove_figure,
        )
        .post(
            "/api/v1/prevention/trainings/{id}/remove",
            api::prevention::remove_training,
        )
        .post(
            "/api/v1/hours/trainings-received/{id}/remove",
            api::hours::remove_training_received,
        )
        .post(
            "/api/v1/prevention/trainings",
            api::prevention::record_training,
        )
        .post(
            "/api/v1/prevention/workshops/{id}/evaluations",
            api::prevention::record_evaluations,
        )
        .get(
            "/api/v1/prevention/workshops/{id}/evaluations",
            api::prevention::compiled,
        )
}

/// The JSON API of the timesheet.
fn api_hours(routes: Routes) -> Routes {
    routes
        .get("/api/v1/hours/categories", api::hours::categories)
        .post("/api/v1/hours/categories", api::hours::add_category)
        .patch("/api/v1/hours/categories/{id}", api::hours::update_category)
        .post("/api/v1/hours", api::hours::log)
        .get("/api/v1/hours/mine", api::hours::mine)
        .put("/api/v1/hours/cells", api::hours::set_cells)
        .get("/api/v1/hours/totals", api::hours::totals)
}

/// The JSON API of housing: houses, units, stays, the housing wait list, the figures.
fn api_housing(routes: Routes) -> Routes {
    use api::housing::*;
    routes
        .get("/api/v1/houses", houses)
        .post("/api/v1/houses", create_house)
        .get("/api/v1/houses/{id}", house)
        .get("/api/v1/houses/{id}/address", address)
        .put("/api/v1/houses/{id}/staff", set_staff)
        .post("/api/v1/houses/{id}/units", add_unit)
        .get("/api/v1/units/{id}", unit)
        .post("/api/v1/units/{id}/close", close_unit)
        .post("/api/v1/units/{id}/outages", put_out_of_service)
        .post("/api/v1/outages/{id}/back", back_in_service)
        .post("/api/v1/stays", admit)
        .get("/api/v1/stays/{id}", stay)
        .post("/api/v1/stays/{id}/move-in", move_in)
        .post("/api/v1/stays/{id}/exit", exit)
        .post("/api/v1/stays/{id}/extensions", extend)
        .get("/api/v1/housing/requests", requests)
        .post("/api/v1/housing/requests", record_request)
        .post("/api/v1/housing/requests/{id}/decision", decide)
        .get("/api/v1/housing/figures", figures)
        .get("/api/v1/housing/snapshot", snapshot)
}

/// The JSON API of governance (and the training received, where the route table has it).
fn api_governance(routes: Routes) -> Routes {
    routes
        .get("/api/v1/governance/members", api::governance::members)
        .post("/api/v1/governance/members", api::governance::add_member)
        .patch(
            "/api/v1/governance/members/{id}",
            api::governance::update_member,
        )
        .get(
            "/api/v1/governance/board-meetings",
            api::governance::board_meetings,
        )
        .post(
            "/api/v1/governance/board-meetings",
            api::governance::record_board_meeting,
        )
        .get(
            "/api/v1/governance/annual-meetings",
            api::governance::annual_meetings,
        )
        .post(
            "/api/v1/governance/annual-meetings",
            api::governance::record_annual_meeting,
        )
        .post(
            "/api/v1/hours/trainings-received",
            api::hours::training_received,
        )
}

/// The JSON API of the activity report.
fn api_reports(routes: Routes) -> Routes {
    routes
        .get("/api/v1/reports/activity", api::reports::activity)
        .put("/api/v1/reports/narratives", api::reports::save_narrative)
}

/// The JSON API of referrals and calls.
fn api_calls(routes: Routes) -> Routes {
    routes
        .get("/api/v1/online-requests", api::online::pending)
        .get("/api/v1/online-requests/{id}", api::online::get)
        .post("/api/v1/online-requests/{id}/close", api::online::close)
        .get("/api/v1/referrals", api::referrals::open)
        .post("/api/v1/referrals", api::referrals::receive)
        .post("/api/v1/referrals/{id}/attempts", api::referrals::attempt)
        .post("/api/v1/referrals/{id}/person", api::referrals::link)
        .post("/api/v1/calls", api::calls::log)
        .post("/api/v1/turn-aways", api::calls::turn_away)
        .get("/api/v1/intake/tally", api::calls::tally)
}

/// Missions (docs/missions.md): a partner's requests, the team's missions, the coordinator's
/// partners, workers and pay.
fn missions(routes: Routes) -> Routes {
    use pages::missions::*;
    routes
        .get("/service-requests", requests)
        .get("/service-requests/new", new_request)
        .post("/service-requests", file_request)
        .get("/service-requests/{id}", request)
        .post("/service-requests/{id}/status", move_request)
        .post("/service-requests/{id}/internal-note", internal_note)
        .post("/service-requests/{id}/kept-in-home", kept_in_home)
        .post("/service-requests/{id}/missions", plan)
        .get("/missions", missions)
        .get("/missions/workers", workers)
        .post("/missions/workers", add_worker)
        .get("/missions/workers/{id}", worker)
        .post("/missions/workers/{id}/rates", change_rate)
        .post("/missions/workers/{id}/end", end_worker)
        .post("/missions/workers/{id}/approve", approve)
        .get("/missions/pay", pay)
        .get("/missions/pay.csv", pay_csv)
        .post("/missions/pay/schedule", set_schedule)
        .post("/missions/pay/{id}/corrections", correct)
        .get("/missions/partners", partners)
        .post("/missions/partners", add_partner)
        .post("/missions/partners/{id}", change_partner)
        .post("/missions/partners/{id}/accounts", add_account)
        .get("/missions/{id}", mission)
        .post("/missions/{id}/done", complete)
        .post("/missions/{id}/cancel", cancel)
        .post("/missions/{id}/hours", change_hours)
}

/// Complaints and the privacy duties (docs/privacy.md): the complaint register and its yearly
/// report, the person in charge and the incident register.
fn complaints(routes: Routes) -> Routes {
    use pages::{complaints, privacy, texts};
    routes
        .get("/complaints", complaints::register)
        .post("/complaints", complaints::receive)
        .post("/complaints/deadline", complaints::set_answer_days)
        .get("/complaints/report", complaints::report)
        .get("/complaints/report.pdf", complaints::report_pdf)
        .get("/complaints/{id}", complaints::complaint)
        .post("/complaints/{id}/handler", complaints::assign)
        .post("/complaints/{id}/steps", complaints::add_step)
        .post("/complaints/{id}/conclusion", complaints::conclude)
        .get("/privacy", privacy::privacy)
        .post("/privacy/officer", privacy::set_officer)
        .post("/privacy/incidents", privacy::record)
        .get("/privacy/incidents/register", privacy::register)
        .get("/privacy/incidents/{id}", privacy::incident)
        .post("/privacy/incidents/{id}/assessment", privacy::assess)
        .post("/privacy/access", privacy::record_access)
        .post("/privacy/retention", privacy::set_retention)
        .get("/privacy/texts", texts::texts)
        .post("/privacy/texts/{kind}", texts::publish)
        .post("/privacy/destruction", privacy::destroy)
        .get("/privacy/access/{id}", privacy::access)
        .post("/privacy/access/{id}/export", privacy::export)
        .post("/privacy/access/{id}/answer", privacy::answer)
}

/// The JSON API of complaints and the privacy duties (docs/privacy.md).
fn api_complaints(routes: Routes) -> Routes {
    use api::complaints::*;
    routes
        .get("/api/v1/complaints", complaints)
        .post("/api/v1/complaints", receive)
        .get("/api/v1/complaints/report", report)
        .get("/api/v1/complaints/{id}", complaint)
        .put("/api/v1/complaints/{id}/handler", assign)
        .post("/api/v1/complaints/{id}/steps", add_step)
        .put("/api/v1/complaints/{id}/conclusion", conclude)
        .get("/api/v1/privacy/settings", settings)
        .put("/api/v1/privacy/settings", change_settings)
        .get("/api/v1/incidents", incidents)
        .post("/api/v1/incidents", record)
        .get("/api/v1/incidents/{id}", incident)
        .put("/api/v1/incidents/{id}/assessment", assess)
        .get("/api/v1/access-requests", access_requests)
        .post("/api/v1/access-requests", record_access_request)
        .get("/api/v1/access-requests/{id}", access_request)
        .put("/api/v1/access-requests/{id}/answer", answer_access_request)
        .post("/api/v1/access-requests/{id}/export", export_access)
        .get("/api/v1/access-export.schema.json", access_export_schema)
        .get("/api/v1/retention", retention)
        .put("/api/v1/retention", set_retention)
        .post("/api/v1/retention/destroy", destroy)
        .get("/api/v1/texts/{kind}", text_versions)
        .post("/api/v1/texts/{kind}", publish_text)
}

/// The JSON API of missions (docs/missions.md).
fn api_missions(routes: Routes) -> Routes {
    use api::missions::*;
    routes
        .get("/api/v1/partners", partners)
        .post("/api/v1/partners", add_partner)
        .put("/api/v1/partners/{id}", change_partner)
        .get("/api/v1/partners/{id}/accounts", partner_accounts)
        .post("/api/v1/partners/{id}/accounts", add_partner_account)
        .get("/api/v1/service-requests", requests)
        .post("/api/v1/service-requests", file_request)
        .get("/api/v1/service-requests/{id}", request)
        .post("/api/v1/service-requests/{id}/status", move_request)
        .put("/api/v1/service-requests/{id}/internal-note", internal_note)
        .post("/api/v1/service-requests/{id}/kept-in-home", kept_in_home)
        .get("/api/v1/workers", workers)
        .post("/api/v1/workers", add_worker)
        .get("/api/v1/workers/{id}", worker)
        .post("/api/v1/workers/{id}/rates", change_rate)
        .put("/api/v1/workers/{id}/end", end_worker)
        .get("/api/v1/workers/{id}/pay-statement", statement)
        .get("/api/v1/workers/{id}/pay-statement.pdf", statement_pdf)
        .post("/api/v1/workers/{id}/pay-statement/approve", approve)
        .get("/api/v1/missions", missions)
        .post("/api/v1/missions", plan)
        .get("/api/v1/missions/figures", figures)
        .get("/api/v1/missions/{id}", mission)
        .post("/api/v1/missions/{id}/done", done)
        .post("/api/v1/missions/{id}/cancel", cancel)
        .put("/api/v1/missions/{id}/hours", change_hours)
        .get("/api/v1/pay-schedule", pay_schedule)
        .put("/api/v1/pay-schedule", set_pay_schedule)
        .get("/api/v1/pay-statements", statements)
        .get("/api/v1/pay-statements.csv", statements_csv)
        .post("/api/v1/pay-statements/{id}/corrections", correct)
}

/// The JSON API of networks (docs/networks.md).
fn api_network(routes: Routes) -> Routes {
    use api::network::*;
    routes
        .get("/api/v1/network/members", members)
        .post("/api/v1/network/members", add_member)
        .put("/api/v1/network/members/{id}", change_member)
        .post("/api/v1/network/submissions", import)
        .get("/api/v1/network/report", report)
        .get("/api/v1/network/shares", shares)
        .put("/api/v1/network/shares", share)
        .get("/api/v1/network/shares/{id}/submission", preview)
        .post("/api/v1/network/shares/{id}/submission", approve)
        .get("/api/v1/network/public-key", public_key)
}

pub fn route_table() -> Vec<RouteInfo> {
    build().listed
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::http::StatusCode {
    if state.store.ping().await {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::SERVICE_UNAVAILABLE
    }
}

pub(crate) fn router(state: AppState) -> Router {
    let in_flight = limits::InFlight::new(state.config.max_in_flight, state.config.max_reads);
    // Layers run from the last added to the first: headers, queue, metrics, then the
    // account and language, then CSRF, then the handler.
    let Routes {
        router, uploads, ..
    } = build();
    router
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::method_not_allowed)
        .layer(from_fn_with_state(
            csrf::UploadRoutes::new(uploads),
            csrf::protect,
        ))
        .layer(from_fn_with_state(state.clone(), auth::resolve))
        .layer(from_fn_with_state(state.clone(), metrics::record))
        .layer(from_fn_with_state(
            (state.clone(), in_flight),
            limits::queue,
        ))
        .layer(from_fn_with_state(state.clone(), headers::security_headers))
        .layer(DefaultBodyLimit::max(BODY_BYTES))
        // The hard cap on any body; routes that take documents allow up to it.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            UPLOAD_BODY_BYTES,
        ))
        .with_state(state)
}
