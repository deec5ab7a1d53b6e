# Havre — English texts

## Page frame
skip-to-content = Skip to content
switch-language = Français
logout = Log out
nav-label = Main navigation
form-has-errors = The form has errors: see the messages under the fields. Nothing was saved.
footer = Havre — free software for organizations that support women, teenagers and children who have lived violence.
back-home = Back to home
cancel = Cancel
save = Save
yes = Yes
no = No
status = Status
actions = Actions
created-at = Created on
organization = Organization

## Navigation
nav-home = Home
nav-waitlist = Wait list
nav-files = Files
nav-prevention = Prevention
nav-hours = Hours
nav-reports = Reports
nav-governance = Governance
nav-service-requests = Service requests
nav-network = Network
nav-users = Accounts
nav-audit = Audit log
nav-organization = Organization
nav-account = My account

## Sections to come
section-not-yet = This section is not available yet in this version of Havre.
section-reports = The annual activity report, its tables and charts.
section-governance = The board's documents and the published report.
section-service-requests = The service requests you file for the persons you support, and their follow-up.
section-network = Aggregated statistics of the network's member organizations.

## Roles
role-administrator = Administrator
role-coordinator = Coordinator
role-service_area_lead = Service-area lead
role-caseworker = Caseworker
role-prevention_worker = Prevention worker
role-board_member = Board member
role-volunteer = Volunteer/activist
role-clinical_supervisor = Clinical supervisor
role-partner_caseworker = Partner caseworker
role-network_analyst = Network analyst

## Login
login-title = Log in
field-email = Email
field-password = Password
login-submit = Log in
login-refused = Wrong email or password.
login-throttled = Too many attempts. Wait a few minutes before trying again.
totp-login-title = Verification code
totp-login-help = Enter the six-digit code shown by your authenticator app.
field-totp-code = Six-digit code
totp-refused = This code is not valid. Check your phone's time and enter the code shown now.

## Home
home-title = Home
home-welcome = Hello { $name }
home-roles = Your roles: { $roles }.

## My account
account-title = My account
password-change-title = Change my password
password-rules = At least 12 characters. A sentence of several words is easier to remember and safer. Common passwords are refused.
field-current-password = Current password
field-new-password = New password
password-change-submit = Change password
totp-title = Two-factor authentication
totp-is-on = Two-factor authentication is on for your account.
totp-is-off = Two-factor authentication is off. It protects the files even if your password is found out.
totp-enrol = Turn on two-factor authentication
tokens-title = API tokens
tokens-help = A token lets a script use the API on your behalf. It is shown only once; revoke it as soon as it is no longer used.
token-shown-once = Copy this token now: it will never be shown again.
token-created = Token created.
field-label = Name
field-scope = Scope
scope-read = Read only
scope-write = Read and write
token-revoked = Revoked
token-active = Active
token-revoke = Revoke
token-create = Create a token
sessions-title = Sessions
logout-everywhere = Log me out on every device

## Two-factor authentication
totp-enrol-title = Turn on two-factor authentication
totp-required = Your organization requires two-factor authentication for accounts that read files. Turn it on to continue.
totp-step-app = Install an authenticator app (for example FreeOTP, Aegis or your phone's own).
totp-step-scan = Scan this code with the app:
totp-qr-label = Two-factor authentication QR code
totp-step-secret = Or, if the app cannot scan, enter this key:
totp-uri = otpauth address (for a QR code)
totp-step-code = Enter the six-digit code the app shows.
totp-confirm = Turn on
totp-already-enabled = Two-factor authentication is already on.

## Accounts
users-title = The organization's accounts
field-name = Name
field-roles = Roles
field-initial-password = Initial password
user-active = Active
user-inactive = Deactivated
user-create-title = Create an account
user-create-submit = Create the account
user-created = The account of { $name } was created.
roles-change-ends-sessions = A change of roles or a deactivation logs the person out of all her sessions.
audit-of-user = See this account's audit log
user-password-title = Give a new password
user-password-help = For a person who forgot hers. Tell it to her in person; she can change it in "My account". Her sessions are ended.
field-password-new = New password
user-password-submit = Save the password
user-password-set = The password was changed and the person's sessions were ended.
user-totp-title = Two-factor authentication
user-totp-help = If the person lost her phone: two-factor authentication is removed and she will turn it on again at her next login.
user-totp-reset = Reset two-factor authentication
user-totp-was-reset = Two-factor authentication was reset.

## Field messages
field-required = This field is required.
field-invalid = This value is not valid.
organization-exists = An organization already has this name.
email-invalid = Enter a full email address, for example name@organization.org.
email-taken = An account already uses this email.
roles-required = Choose at least one role.
roles-invalid = One of the chosen roles does not exist in this kind of organization.
cannot-demote-self = You cannot remove your own administrator role or deactivate your own account.
password-too-short = The password must have at least 12 characters.
password-too-long = The password must have at most 256 characters.
password-too-common = This password is too common or too easy to guess. Choose a sentence of several words.
password-wrong = The current password is wrong.

## Audit log
audit-title = Audit log
audit-help = Every read of a file, every change, every export and every login is written here. Entries are chained: an altered or deleted entry is detected.
audit-when = When
audit-who = Who
audit-from = From
audit-what = What
audit-target = On
audit-empty = No entries.
audit-unknown-account = Unknown account
audit-operator = Operations (command line)
audit-kind-user = Account
audit-kind-api_token = API token
audit-kind-organization = Organization
audit-action-login-succeeded = Login succeeded
audit-action-login-failed = Login refused
audit-action-login-throttled = Login slowed down (too many attempts)
audit-action-login-second-factor-failed = Verification code refused
audit-action-logout = Logout
audit-action-logout-everywhere = Logout on every device
audit-action-password-changed = Password changed
audit-action-totp-enabled = Two-factor authentication turned on
audit-action-totp-reset = Two-factor authentication reset
audit-action-organization-created = Organization created
audit-action-organization-updated = Organization settings changed
audit-action-user-created = Account created
audit-action-user-updated = Account changed
audit-action-user-roles-changed = Roles changed
audit-action-token-created = API token created
audit-action-token-revoked = API token revoked
audit-action-backup-made = Backup made
audit-action-backup-restored = Backup restored
audit-action-keys-rotated = Encryption keys rotated
audit-action-audit-read = Audit log read

## Organization settings
organization-title = Organization settings
organization-public-link = see the public page
organization-security = Security
organization-require-totp = Require two-factor authentication for accounts that read files
organization-require-totp-help = Recommended. Coordinators, service-area leads, caseworkers and administrators will have to turn it on at their next login.
organization-lines-help = The lines shown on the public page. Leave a row empty to show nothing.
organization-line = Line { $number }
field-line-label = Line name
field-line-number = Number
field-line-hours = Hours
organization-saved = The settings were saved.
phone-invalid = Enter a phone number, for example 418 555-0142.
field-too-long = This text is too long.
too-many-lines = Six lines at most.

## Public page
public-title = Organization
public-intro = You can reach us in confidence. Our services are free.
public-lines = Reach us
public-hours = Opening hours
public-territory = Territory served
quick-exit = Quick exit
quick-exit-help = The "Quick exit" button, or pressing Escape twice, leaves this page at once for a neutral site. Remember to clear your browsing history too.

## Errors
problem-not-found = Page not found
problem-not-found-detail = This page does not exist or you do not have access to it.
problem-unauthorized = Login required
problem-unauthorized-detail = Log in, or provide a valid API token.
problem-forbidden = Access denied
problem-forbidden-detail = Your roles do not give access to this page.
problem-csrf = Form expired
problem-csrf-detail = This form has expired or does not come from Havre. Reload the page and try again.
problem-invalid = Invalid data
problem-invalid-detail = Some values are not valid. Nothing was saved.
problem-second-factor-required = Two-factor authentication required
problem-second-factor-required-detail = Turn on two-factor authentication for your account before going on.
problem-unavailable = Service briefly overloaded
problem-unavailable-detail = Too many requests at once. Try again in a few seconds.
problem-internal = Internal error
problem-internal-detail = An unexpected error happened. Nothing already saved was lost; try again.

## Help requests
date-in-future = This date is in the future.
birth-year-after-request = The year of birth is after the date of the request.
exception-reason-required = A request not made by the person herself needs a reason.
value-required = Choose a value.
value-not-in-list = This value is not in the list.
override-reason-required = A code other than the proposed one needs the clinical reason.
teenager-never-code-three = A teenager is never code 3.
body-invalid = The content sent is not valid JSON of the expected shape.
audit-action-help-request-recorded = Help request recorded
audit-kind-help_request = Help request
audit-action-help-request-wait-list-changed = Wait list changed
meeting-before-request = The meeting cannot come before the request.

## Help request (the call's screen)
intake-title = New help request
intake-help = Fill in during the call, in the order of the conversation. Tab moves to the next field, Enter saves.
intake-new = New help request
intake-call = The call
field-date = Date
field-time = Time
date-time-required = Enter the date and time of the request.
field-channel = How the request came
channel-phone = Phone
channel-text_line = Text line
channel-social_network = Social-network message
channel-web_form = Web form
channel-walk_in = In person
channel-referral = Referral
list-requester = Who asks for help
list-assault_form = Forms of sexual assault
list-age_at_assault = Age at the assault
list-age_at_request = Age at the request
list-relation = Relation to the aggressors
list-referral_source = Referral source
list-residence = Place of residence
list-disposition_request = Disposition after the request
list-disposition_first_meeting = Disposition after the first meeting
choose = Choose…
field-voluntary = The person asks herself (voluntary request)
field-exception-reason = Otherwise, the reason for the exception
intake-person = The person
field-phone = Phone
field-birth-year = Year of birth
field-age-group = Age
adult = Adult
teenager = Teenager
intake-safe-contact = Safe-contact instructions
safe-may-call = We may call her
safe-may-leave-message = We may leave a message
safe-may-say-our-name = We may say the organization's name
safe-hours = At which hours
safe-number = Safe number (if different)
intake-profile = Statistical profile
field-service_area = Service area
service_area-direct_help = Direct help
service_area-exploitation = Sexual exploitation
service_area-all = All service areas
intake-answers = Priority questions
question-assault_within_a_year = Assault less than a year ago
question-post_traumatic_stress = Signs of post-traumatic stress
question-high_distress = High psychological distress
question-suicidal_ideas = Suicidal ideas linked to the assaults
question-basic_needs_unmet = Basic needs not met
question-still_assaulted_or_at_risk = Still being assaulted or at risk
question-adequate_social_network = Has an adequate social network
intake-exploitation = Sexual exploitation: priority criteria
question-in_cycle_stages_1_to_7 = In stages 1 to 7 of the exploitation cycle
question-vulnerable_and_ambivalent = Vulnerable and ambivalent about going back
question-no_past_or_present_services = No past or present services for the assaults
question-social_network_absent_or_inadequate = Social network absent, inadequate or insufficient
question-out_less_than_six_months = Out of the cycle for less than 6 months
question-daily_functioning_broken = Consequences that break daily functioning
intake-decision = Priority code
intake-decision-help = Havre proposes the code from the answers. To choose another, give the reason (clinical judgment): both codes are kept.
field-decided_code = Code kept
decided-code-proposed = The proposed code
decided_code-1 = Code 1
decided_code-2 = Code 2
decided_code-3 = Code 3
field-override-reason = Reason for changing the code
intake-submit = Save the request
intake-recorded = The request was saved as code { $code }.

## Wait list
filter = Filter
waitlist-by-code = Wait per code
code = Code
code-n = Code { $code }
waiting-count = Waiting
median-wait = Median wait
longest-wait = Longest wait
waitlist-requests = Waiting requests, by code then by date
received = Received
waiting = Wait
assigned-to = Caseworker
first-meeting = First meeting
proposed-n = proposed: { $code }
request-n = request no. { $n }
waitlist-empty = Nobody is waiting.
days = { $n ->
    [1] 1 day
   *[other] { $n } days
}

## Designated-centre referrals
overdue-referrals = Overdue callbacks (designated centres)
overdue-referrals-none = No overdue callback.
overdue-referrals-count = { $n ->
    [1] One referred person was not reached 24 hours after receipt.
   *[other] { $n } referred persons were not reached 24 hours after receipt.
}
designated-centre = Designated centre
callback-attempts = Call attempts
attempts = { $n ->
    [0] none
    [1] 1 attempt
   *[other] { $n } attempts
}
past-48-hours = past 48 h
attempt-before-referral = The call cannot come before the referral was received.
audit-action-referral-received = Referral received from a designated centre
audit-action-referral-attempt = Callback attempt
audit-kind-referral = Referral
duration-invalid = Enter a duration in minutes, from one minute to less than 24 hours.
period-invalid = The end of the period comes before its start.
audit-action-help-request-read = Help request read
safe-do-not-call = Do not call her
safe-no-message = Do not leave a message
safe-do-not-say-our-name = Do not say the organization's name
assign-title = Assign the request
field-user_id = Caseworker
assign-submit = Assign
book-title = Book the first meeting
field-place = Place
book-submit = Book the meeting
close-title = Take off the wait list
field-reason = Reason
close_reason-no_longer_wishes_help = No longer wishes help
close_reason-referred_elsewhere = Referred elsewhere
close_reason-unreachable = Unreachable
close-submit = Take off the list
back-to-waitlist = Back to the wait list
waitlist-shown = Requests { $from } to { $to } of { $total }
pager = Pages of the list
pager-previous = Previous requests
pager-next = Next requests
calls-title = Calls and referrals
referrals-title = Designated-centre referrals to call back
referrals-none = No referral to call back.
referral-reached = Reached
field-note = Note
attempt-submit = Note the call
attempt-recorded = The call was noted.
referral-new = New referral received
referral-submit = Save the referral
referral-recorded = The referral was saved.
callback-upcoming = to call back within 24 h
callback-overdue = callback overdue
callback-late = over 48 h without a callback
call-title = Listening or information call
call-help = A call that opens no file: nothing in it names the person.
field-duration = Duration (minutes)
field-topic = Topic
field-referral-given = Referral given (resource)
call-submit = Note the call
call-logged = The call was noted.
unmet-title = Unmet request
turn_away-no_capacity = No capacity
turn_away-outside_mandate = Outside our mandate
turn_away-outside_territory = Outside our territory
turn_away-referred_elsewhere = Referred elsewhere
turn_away-other = Other
unmet-submit = Note the unmet request
unmet-recorded = The unmet request was noted.
lists-title = The organization's lists
lists-help = The values offered in help requests. A renamed value keeps its place in past requests; a retired value is no longer offered, but the requests that hold it keep it.
label-fr = French label
label-en = English label
rename = Rename
retire = Retire
value-retired = Retired
value-offered = Offered
value-new = New value
add = Add

## Person files
list-place = Partner premises (schools, youth centres, organizations)
list-call_topic = Topics of listening calls
file-title = File
my-files = My files
my-files-none = No file is assigned to you.
open-files = Files in service
open-files-none = No file in service.
exceptional-accesses = Exceptional accesses (last 30 days)
exceptional-accesses-none = No exceptional access.
when = When
who = Who
what = What
episode = Episode
episodes = Episodes
last-meeting = Last meeting
near-limits = Near a limit
episode-waiting = Waiting
episode-in_service = In service
episode-closed = Closed
services-started = Services began
closing_reason-objectives_met = Objectives met
closing_reason-no_longer_wishes_help = No longer wishes help
closing_reason-referred_elsewhere = Referred elsewhere
closing_reason-unreachable = Unreachable
closing_reason-other = Other reason
limit-use = { $kind }: { $used } / { $limit }
meeting_kind-first_meeting = First meeting
meeting_kind-emergency = Emergency meeting
meeting_kind-follow_up = Individual follow-up
meeting_kind-relatives = Support to relatives
meeting_kind-accompaniment_compensation = Compensation (IVAC) accompaniment
meeting_kind-accompaniment_court = Court accompaniment
meeting_kind-accompaniment_medical = Medical accompaniment
meeting_kind-accompaniment_rights = Rights advocacy
meeting_kind-designated_centre = Designated-centre referral follow-up
meeting_kind-exploitation_follow_up = Exploitation follow-up
meeting_kind-peer_dialogue = Peer dialogue meeting
meeting_kind-text_line = Text or chat intervention
place-centre = At the centre
place-partner_premises = Partner premises
place-home = At home
place-phone = By phone
place-video = By video
meeting-around = prep. { $preparation } · debrief { $debrief } · travel { $travel }
field-meeting_kind = Kind of meeting
field-place_kind = Place
field-place_id = Partner premises
field-relative_id = Relative met
field-staff = Staff present
field-meeting_duration = Length of the meeting (minutes)
field-duration-short = Length
field-preparation = Preparation (minutes)
field-debrief = Debrief and notes (minutes)
field-travel = Travel (minutes)
field-over_limit_reason = Reason to go past the limit (once it is reached)
field-relation = Relation to the person
field-relative_name = Name of the relative
field-closing_reason = Reason for closing
not-applicable = Not applicable
size-kb = { $n } KB
relation-partner = Partner or spouse
relation-parent = Parent
relation-child = Child
relation-sibling = Sibling
relation-friend = Friend
relation-other = Other significant person
access-title = File not assigned to you
access-explained = This file is not assigned to you. To open it, write why: the coordinator will see your reason, and the access is written to the log.
access-reason = Reason for the access
access-submit = Open the file
access-until = Exceptional access, until { $until }.
back-to-files = Back to the files
meeting-recorded = Meeting recorded.
meeting-recorded-last = Meeting recorded. It was the last meeting the limit of { $limit } allows: the next one will need a reason.
note-saved = Note saved.
attachment-saved = Attachment saved.
saved = Saved.
meeting-record = Record a meeting
meeting-submit = Save the meeting
timeline = Meetings and accompaniments
timeline-none = No meeting yet.
time-around = Time around
hours-invested = Hours invested
over-limit = Past the limit
notes = Notes
note-new = New note
note-submit = Add the note
attachments = Attachments
attachment-file = Document (PDF, PNG, JPEG or text, 5 MB at most)
attachment-submit = Attach the document
relatives = Relatives
relative-submit = Add the relative
caseworkers = Caseworkers on the file
episode-close = Close the episode
episode-close-submit = Close the episode
file-reads = Reads of the file
access-reason-required = Write the reason for the access (at least 10 characters).
note-required = Write the note (20,000 characters at most).
attachment-too-large = This document is over 5 MB.
attachment-type-refused = This type of document is not accepted: PDF, PNG, JPEG or text only.
episode-not-open = This file has no episode in progress: a new help request opens one.
date-too-far = This date is more than a year away.
duration-out-of-range = The length must be from one minute to 12 hours.
time-out-of-range = This time must be from 0 to 12 hours.
time-over-a-day = The meeting and the time around it exceed 24 hours.
limit-reason-required = The limit is reached: write the reason to go past it.
minutes-invalid = Write a whole number of minutes.
problem-access-reason-required = Reason required
problem-access-reason-required-detail = This file is not assigned to you: give a reason to open it.
problem-too-large = Document too large
problem-too-large-detail = The upload is over the allowed size.
audit-action-file-read = File read
audit-action-file-access-exceptional = Exceptional access to a file
audit-action-file-caseworker-assigned = Caseworker assigned to the file
audit-action-file-note-added = Note added
audit-action-file-attachment-added = Attachment added
audit-action-file-attachment-read = Attachment read
audit-action-file-relative-added = Relative added
audit-action-file-episode-closed = Episode closed
audit-action-meeting-recorded = Meeting recorded
my-week = My meetings this week
my-week-none = No meeting this week.
files-near-limit = My files near a limit
files-near-limit-none = No file near a limit.

## Groups, drop-ins, emergency fund
direct-help-pages = Direct help pages
groups-title = Closed groups
group-title = Group
groups-list = Groups
groups-none = No group yet.
group-new = New group
group-create = Create the group
group-figures = The group in figures
group-members = Participants
group-members-none = Nobody enrolled yet.
group-sessions = Sessions of the group
group-sessions-none = No session recorded.
back-to-groups = Back to the groups
places = Places: { $places }
women-at-start = Women at the start
women-at-end = Women at the end
meetings-held = Meetings held
attendance-total = Presences
preparation-hours = Preparation and debrief
facilitation-hours = Facilitation hours
group-information-figures = { $n ->
    [one] { $n } woman
   *[other] { $n } women
  }, preparation { $preparation }, { $hours }
group-check-in-figures = { $n ->
    [one] { $n } woman met
   *[other] { $n } women met
  }, { $hours }
n-women = { $n ->
    [one] { $n } woman
   *[other] { $n } women
  }
enrolled-on = Enrolled on
left-on = Left on
meetings-attended = Meetings attended
withdraw = Withdraw { $name } from the group
enrol-submit = Enrol in the group
session-record = Record a session of the group
session-submit = Save
session-information = Information meeting
session-meeting = Group meeting
session-check_in = Mid-group check-in
field-group_name = Name of the group
field-starts_on = Start of the group
field-capacity = Places
field-planned_meetings = Meetings planned
field-meeting_minutes = Length of a meeting (minutes)
field-facilitators = Facilitators
field-session_kind = Kind of session
field-group_preparation = Preparation and debrief (minutes, for the team)
field-present = Present
field-headcount = Number of women (information meeting)
field-check_in_person = Woman met (mid-group check-in)
field-enrol_request = Request on the wait list
capacity-out-of-range = Places must be from 1 to 30.
planned-out-of-range = Meetings planned must be from 1 to 60.
count-out-of-range = Write a number from 0 to 200.
number-invalid = Write a whole number.
not-a-member = This woman was not enrolled in the group on that date.
group-full = The group is full.
already-enrolled = This woman is already enrolled in the group.
enrolment-date-invalid = The enrolment date cannot come before the request or be in the future.
dropins-title = Drop-ins
dropins-total = { $n ->
    [one] { $n } drop-in
   *[other] { $n } drop-ins
  }, { $people } presences in all.
dropin-new = Record a drop-in
dropin-submit = Save the drop-in
field-theme = Theme
field-attendance = Number of participants
fund-title = Emergency fund
fund-balance = Balance of the fund
fund-deposited = Put in the fund
fund-granted = Granted
fund-pending = Pending requests
fund-entries = Entries of the fund
fund-entries-none = No entry yet.
fund-deposit = Put money in the fund
fund-deposit-submit = Put in
fund-approve = Grant
fund-refuse = Refuse
fund-requests = Emergency fund
fund-request-submit = Ask the committee
fund-request-saved = Request sent to the committee.
fund-kind-deposit = Deposit
fund-kind-request = Request
fund-status-received = Received
fund-status-pending = Waiting for the committee
fund-status-approved = Granted
fund-status-refused = Refused
purpose-gift_card = Gift card
purpose-bill = Bill paid
purpose-food = Food
purpose-transport = Transport
purpose-other = Other need
field-amount = Amount ($)
field-purpose = For what
field-fund_note = The need, in a few words
field-granted = Amount granted ($)
field-decision_note = Committee's note
field-source = Source (donation, grant)
amount-invalid = Write an amount from $0.01 to $10,000, for example 25.50.
fund-insufficient = The fund's balance does not allow granting this amount.
audit-action-group-created = Group created
audit-action-group-read = Group read
audit-action-group-enrolment = Enrolment in a group
audit-action-group-withdrawal = Left a group
audit-action-group-session-recorded = Group session recorded
audit-action-dropin-recorded = Drop-in recorded
audit-action-fund-changed = Emergency fund changed
organization-limits = Limits of the services
organization-limits-help = Havre warns at the last meeting allowed and asks for a reason to go past the limit.
field-limit_emergency = Emergency meetings per request
field-limit_follow_up = Individual follow-up meetings per request
field-limit_relatives = Meetings for each relative
limit-out-of-range = The limit must be a number from 1 to 100.
open-file = Open her file
audit-action-fund-read = Emergency fund read
date-out-of-range = This date is outside the allowed range.
person-edit = Change her details and safe-contact instructions
person-submit = Save the details
person-saved = Details and instructions saved.
audit-action-file-person-updated = A person's details changed
meeting-remove = Take back the meeting of { $when } (noted in error)
meeting-removed = Meeting taken back.
audit-action-meeting-removed = Meeting taken back
audit-action-prevention-changed = Prevention changed
more-respondents-than-participants = There are more respondents than people at this animation.
more-answers-than-respondents = A question has more answers than there are respondents.
groups-out-of-range = Write a number from 0 to 60.
people-out-of-range = Write a number from 0 to 3,000.
respondents-out-of-range = Write a number from 1 to 3,000.

## Prevention
prevention-pages = Prevention pages
animations-title = Animations
animation-record = Record an animation
animation-submit = Save the animation
animation-saved = Animation saved.
animations-by-workshop = Animations per workshop, { $year }
animations-by-place = Animations per place (each school's season), { $year }
animations-none = No animation this year.
animations-count = Animations
class-groups = Class groups reached
students = Students reached
school-staff = School staff
facilitation-time = Facilitation time
travel-time = Travel time
preparation-time = Preparation
total = Total
places-help = Schools, youth centres and organizations are added to the list of partner premises (Organization → Lists).
field-workshop = Workshop
field-class_groups = Class groups reached
field-students = Students
field-staff_participants = Teachers and staff present
field-facilitation = Facilitation time (minutes)
programs-title = Programs and workshops
programs-none = No program yet.
program-new = New program
program-create = Create the program
field-program = Program
field-program_name = Name of the program
workshop-new = New workshop
workshop-create = Add the workshop
workshop-n = Workshop { $n }
field-workshop_number = Number of the workshop
field-workshop_title = Title of the workshop
objective = Objective
field-questions = Questions of the evaluation (one per line)
questions = Questions
questions-n = { $n ->
    [one] { $n } evaluation question
   *[other] { $n } evaluation questions
  }
evaluations-title = Evaluations
choose-workshop = See this workshop
evaluations-year = Year { $year }
respondents-n = { $n ->
    [0] no respondent
    [one] { $n } respondent
   *[other] { $n } respondents
  }
scale-not_at_all = not at all
scale-a_little = a little
scale-yes = yes
scale-a_lot = a lot
answers-count = Answers
evaluations-enter = Enter evaluations
evaluations-help = One filled form: 1 respondent and one answer per question. A pile of forms: how many, and for each question how many answered 1, 2, 3 and 4.
field-respondents = Number of forms
evaluations-submit = Save the evaluations
trainings-title = Trainings given
trainings-total = { $n ->
    [one] { $n } training
   *[other] { $n } trainings
  } this year, { $people } people trained.
training-record = Record a training given
training-submit = Save the training
training-saved = Training saved.
field-audience = Audience
field-training_title = Title of the training
field-participants = Number of participants
field-training_minutes = Length (minutes)
audience-school_staff = School staff
audience-police = Police officers
audience-caseworkers = Caseworkers
audience-other = Other audience
audit-action-hours-changed = Hours changed
hours-out-of-range = Write a length from one minute to 24 hours.
day-over-24-hours = A day would count more than 24 hours with what is already logged.

## Hours
week-of = Week of { $date }
week-previous = Previous week
week-next = Next week
timesheet-help = Write the time as you usually do: 3 h 30, 3.5 or 45 min. Each filled cell adds to what is already logged.
timesheet-submit = Save the week
hours-category = Category
hours-logged = Already logged
hours-logged-day = Already logged per day
hours-per-area = Hours invested per service area, { $year }
hours-area = Service area
hours-invalid = A cell does not read as a length: write for example 3 h 30, 3.5 or 45 min.
day-monday = Mon
day-tuesday = Tue
day-wednesday = Wed
day-thursday = Thu
day-friday = Fri
day-saturday = Sat
day-sunday = Sun
hours_area-internal_management = Internal management
hours_area-direct_help = Direct help
hours_area-prevention = Prevention, awareness, promotion
hours_area-representation = Representation and struggle
hours_area-exploitation = Sexual exploitation
hours_area-activism = Activism
trainings-received = Trainings received by the team, { $year }
field-trainer = Trainer or organization
field-length = Length (3 h 30, 6, 45 min)
field-workers = Number of workers
training-received-submit = Record the training received
field-evaluation_date = Date of the workshop
