//! The JSON API under /api/v1: the twin of every page, described by /api/v1/openapi.json.
//! Scripts authenticate with `Authorization: Bearer <token>`; errors are RFC 9457 problems.

pub mod audit;
pub mod body;
pub mod calls;
pub mod care;
pub mod complaints;
pub mod files;
pub mod governance;
pub mod groups;
pub mod hours;
pub mod housing;
pub mod intake;
pub mod me;
pub mod missions;
pub mod network;
pub mod online;
pub mod organization;
pub mod prevention;
pub mod referrals;
pub mod reports;
pub mod users;
pub mod waitlist;

use axum::Json;
use axum::response::IntoResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every error of the API is a problem document: each operation says so once, as its default
/// response, beside the statuses it documents itself.
struct ProblemByDefault;

impl Modify for ProblemByDefault {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
        let problem = ResponseBuilder::new()
            .description("A problem document (RFC 9457) in the request's language")
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                operation
                    .responses
                    .responses
                    .entry("default".into())
                    .or_insert_with(|| RefOr::T(problem.clone()));
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Havre API", description = "The JSON twin of Havre's pages. Every route needs an API token (Authorization: Bearer) or a session with its CSRF token."),
    paths(me::me, me::begin_totp, me::confirm_totp, reports::activity, reports::save_narrative, hours::categories, hours::add_category, hours::update_category, hours::log, hours::set_cells, hours::mine, hours::totals, hours::training_received, hours::remove_training_received, governance::members, governance::add_member, governance::update_member, governance::board_meetings, governance::record_board_meeting, governance::annual_meetings, governance::record_annual_meeting, housing::houses, housing::create_house, housing::house, housing::unit, housing::stay, housing::address, housing::set_staff, housing::add_unit, housing::close_unit, housing::put_out_of_service, housing::back_in_service, housing::admit, housing::move_in, housing::exit, housing::extend, housing::requests, housing::record_request, housing::decide, housing::figures, housing::snapshot, prevention::programs, prevention::create_program, prevention::add_workshop, prevention::record_animation, prevention::animations, prevention::remove_animation, prevention::totals, prevention::figure, prevention::figures, prevention::remove_figure, prevention::remove_training, prevention::record_training, prevention::record_evaluations, prevention::compiled, groups::list, groups::create, groups::get, groups::enrol, groups::withdraw, groups::record_session, groups::dropins, groups::record_dropin, groups::fund, groups::deposit, groups::request, groups::decide, files::list, files::get, files::open_with_reason, files::record_meeting, files::add_note, files::note, care::agenda, care::book, care::walk_in, care::move_to, care::agreements, care::create_agreement, care::pathways, care::create_pathway, care::add_step, care::pathways_on_file, care::enrol, care::complete_step, care::hostings, care::record_hosting, care::figures, missions::partners, missions::add_partner, missions::change_partner, missions::partner_accounts, missions::add_partner_account, missions::requests, missions::file_request, missions::request, missions::move_request, missions::internal_note, missions::kept_in_home, missions::workers, missions::add_worker, missions::worker, missions::change_rate, missions::end_worker, missions::statement, missions::statement_pdf, missions::approve, missions::missions, missions::plan, missions::figures, missions::mission, missions::done, missions::cancel, missions::change_hours, missions::pay_schedule, missions::set_pay_schedule, missions::statements, missions::statements_csv, missions::correct, complaints::complaints, complaints::receive, complaints::complaint, complaints::assign, complaints::add_step, complaints::conclude, complaints::report, complaints::settings, complaints::change_settings, complaints::incidents, complaints::record, complaints::incident, complaints::assess, complaints::access_requests, complaints::record_access_request, complaints::access_request, complaints::answer_access_request, complaints::export_access, complaints::access_export_schema, complaints::retention, complaints::set_retention, complaints::destroy, complaints::text_versions, complaints::publish_text, network::members, network::add_member, network::change_member, network::import, network::report, network::shares, network::share, network::preview, network::approve, network::public_key, files::add_attachment, files::download, files::add_relative, files::assign, files::close, files::access_grants, files::update_person, files::remove_meeting, intake::add_value, intake::rename_value, intake::retire_value, calls::log, calls::turn_away, calls::tally, referrals::receive, referrals::attempt, referrals::open, online::pending, online::get, online::close, intake::lists, intake::record, waitlist::show, waitlist::assign, waitlist::book_first_meeting, waitlist::close, organization::get, organization::update, users::list, users::create, users::get, users::update, audit::list, referrals::link),
    components(schemas(crate::error::Problem, me::TotpEnrolmentView, me::TotpCodeBody, me::TotpEnabledView, reports::NarrativeBody, hours::CategoryView, hours::CategoryBody, hours::CategoryPatch, hours::EntryBody, hours::HoursBody, hours::CellBody, hours::CellsBody, hours::LoggedView, hours::EntryView, hours::CategoryTotal, hours::AreaTotal, hours::HoursTotalsView, hours::TrainingReceivedBody, governance::GovernanceMemberView, governance::GovernanceMemberBody, governance::GovernanceMemberPatch, governance::BoardMeetingView, governance::BoardMeetingBody, governance::AnnualMeetingView, governance::AnnualMeetingBody, housing::HouseBody, housing::AddressView, housing::StayView, housing::StaffBody, housing::UnitBody, housing::CloseUnitBody, housing::OutageBody, housing::BackBody, housing::StayBody, housing::MoveInBody, housing::ExitBody, housing::ExtensionBody, housing::HousingRequestBody, housing::HousingDecisionBody, housing::HousingFiguresView, prevention::QuestionView, prevention::WorkshopView, prevention::ProgramView, prevention::ProgramBody, prevention::WorkshopBody, prevention::AnimationBody, prevention::AnimationTotalsView, prevention::AnimationView, prevention::FigureBody, prevention::FigureView, prevention::FigureTotalView, prevention::OutreachView, prevention::TrainingBody, prevention::ProfessionParticipantsBody, prevention::AnswerBody, prevention::EvaluationBody, prevention::CompiledQuestionView, prevention::CompiledView, groups::GroupFiguresView, groups::GroupView, groups::GroupBody, groups::MemberView, groups::SessionView, groups::GroupDetailView, groups::EnrolBody, groups::SessionBody, groups::DropinView, groups::FundEntryView, groups::FundView, groups::DepositBody, groups::FundRequestBody, groups::DecisionBody, files::LimitUseView, files::EpisodeView, files::FileSummaryView, files::FilesView, files::SafeContactView, files::MeetingView, files::NoteView, files::AttachmentView, files::RelativeView, files::FileView, files::AccessBody, files::AccessView, files::MeetingBody, files::RecordedMeetingView, files::NoteBody, care::AppointmentBody, care::WalkInBody, care::StatusBody, care::AgreementBody, care::PathwayBody, care::StepBody, care::PathwayEnrolBody, care::CompletionBody, care::HostingBody, care::CareFiguresView, missions::PartnerBody, missions::PartnerAccountView, missions::PartnerAccountBody, missions::RequestBody, missions::RequestStatusBody, missions::InternalNoteBody, missions::KeptBody, missions::WorkerBody, missions::RateBody, missions::EndBody, missions::MissionBody, missions::WorkedHoursBody, missions::DoneBody, missions::PayScheduleBody, missions::ApproveBody, missions::CorrectionBody, missions::MissionFiguresView, complaints::ComplaintBody, complaints::HandlerBody, complaints::ComplaintStepBody, complaints::ConclusionBody, complaints::PrivacySettingsBody, complaints::IncidentBody, complaints::AssessmentBody, complaints::AccessRequestBody, complaints::AccessAnswerBody, complaints::AccessExportBody, complaints::ExportFormat, complaints::RetentionBody, complaints::TextVersionsView, complaints::TextBody, complaints::PublishedVersion, files::AttachmentBody, files::RelativeBody, files::CaseworkerBody, files::CloseFileBody, files::AccessGrantView, files::PersonPatch, crate::error::FieldProblem, users::UserView, users::NewUserBody, users::UserPatch, audit::AuditEntryView, me::MeView, organization::OrganizationView, organization::OrganizationPatch, organization::PhoneLineView, intake::ListView, intake::ListValueView, intake::HelpRequestBody, intake::PersonBody, intake::SafeContactBody, intake::RecordedView, waitlist::WaitListView, waitlist::WaitingView, waitlist::CodeWaitView, waitlist::AssignBody, waitlist::FirstMeetingBody, waitlist::CloseRequestBody, referrals::ReferralView, referrals::ReferralBody, online::OnlineRequestView, online::OnlineRequestDetailView, online::CloseOnlineBody, referrals::AttemptBody, calls::CallBody, calls::TurnAwayBody, calls::Created, calls::IntakeTally, intake::ListValueBody, referrals::LinkBody)),
    modifiers(&BearerAuth, &ProblemByDefault),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

pub async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}
