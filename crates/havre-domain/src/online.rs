//! Help asked from the public page (docs/public.md "Asking for help online"): a woman, or
//! someone for her, leaves a way to be reached and when it is safe; the team calls or writes
//! back and records her request then, with the questions of the call. Nothing of her identity
//! is required: an alias and one safe way back are enough.

use crate::ids::ListValueId;
use crate::intake::SafeContact;
use crate::validation::{FieldError, is_valid_email, is_valid_phone};
use crate::year::Country;

keyed! {
    /// How she wants to be answered.
    ReplyBy {
        Call => "call",
        Text => "text",
        Email => "email",
    }
}

keyed! {
    /// Who fills the form.
    AskedBy {
        Herself => "herself",
        /// A social worker, a nurse, a teacher, for her and with her agreement.
        Professional => "professional",
        Relative => "relative",
    }
}

keyed! {
    /// Why a request received online was closed without recording a help request.
    Closing {
        /// Every attempt to reach her, as she asked, failed.
        Unreachable => "unreachable",
        /// Reached, she no longer wished to be helped, or was referred elsewhere.
        Declined => "declined",
        /// The same person asked twice; the other request is the one followed.
        Duplicate => "duplicate",
        /// Not a request for help: advertising, a script, abuse.
        NotARequest => "not_a_request",
    }
}

/// A number to call in danger, shown on every public page: its number, and the key of the
/// words that say what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmergencyLine {
    pub key: &'static str,
    pub number: &'static str,
}

/// The numbers a woman in danger can call, in the organization's country, free and at any
/// hour. The organization's own lines come beside them.
pub fn emergency_lines(country: Country) -> &'static [EmergencyLine] {
    const fn line(key: &'static str, number: &'static str) -> EmergencyLine {
        EmergencyLine { key, number }
    }
    const CANADA: [EmergencyLine; 3] = [
        line("emergency-911", "911"),
        // Québec's line for victims of sexual assault, 24/7.
        line("emergency-sexual-assault-qc", "1 888 933-9007"),
        // SOS violence conjugale, 24/7.
        line("emergency-conjugal-violence-qc", "1 800 363-9010"),
    ];
    const FRANCE: [EmergencyLine; 5] = [
        line("emergency-17", "17"),
        line("emergency-112", "112"),
        // Violences Femmes Info, free and anonymous.
        line("emergency-3919", "3919"),
        // Allô Enfance en Danger.
        line("emergency-119", "119"),
        // By text message, when speaking is not safe.
        line("emergency-114", "114"),
    ];
    match country {
        Country::Canada => &CANADA,
        Country::France => &FRANCE,
    }
}

/// The longest alias.
pub const NAME_MAX: usize = 100;
/// The longest account of what she needs: a few paragraphs, not a file.
pub const NEEDS_MAX: usize = 2_000;

/// The form as the visitor sent it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OnlineRequestForm {
    /// A first name or an alias, or nothing.
    pub name: String,
    pub reply_by: Option<ReplyBy>,
    pub phone: String,
    pub email: String,
    pub may_leave_message: bool,
    pub may_say_our_name: bool,
    /// When it is safe to call or write, in her words.
    pub safe_hours: String,
    /// What she needs, in her words.
    pub needs: String,
    pub asked_by: Option<AskedBy>,
    /// From the organization's list of ages at the request.
    pub age_group: Option<ListValueId>,
    /// From the organization's list of places of residence.
    pub region: Option<ListValueId>,
}

impl OnlineRequestForm {
    /// Everything wrong with it, at its fields: the one way back she chose must be given and
    /// usable; the rest is optional and bounded.
    pub fn check(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let one_line = |text: &str, max: usize| {
            text.trim().chars().count() <= max && !text.chars().any(char::is_control)
        };
        if !one_line(&self.name, NAME_MAX) {
            problems.push(FieldError::new("name", "field-too-long"));
        }
        let phone = self.phone.trim();
        let email = self.email.trim();
        match self.reply_by {
            None => problems.push(FieldError::new("reply_by", "online-reply-by-required")),
            Some(ReplyBy::Call | ReplyBy::Text) if phone.is_empty() => {
                problems.push(FieldError::new("phone", "online-phone-required"))
            }
            Some(ReplyBy::Email) if email.is_empty() => {
                problems.push(FieldError::new("email", "online-email-required"))
            }
            Some(_) => {}
        }
        if !phone.is_empty() && !is_valid_phone(phone) {
            problems.push(FieldError::new("phone", "phone-invalid"));
        }
        if !email.is_empty() && !is_valid_email(email) {
            problems.push(FieldError::new("email", "email-invalid"));
        }
        if !one_line(&self.safe_hours, SafeContact::HOURS_MAX_CHARS) {
            problems.push(FieldError::new("safe_hours", "field-too-long"));
        }
        if self.needs.trim().chars().count() > NEEDS_MAX {
            problems.push(FieldError::new("needs", "field-too-long"));
        }
        problems
    }

    /// The safe-contact rules of the file her request will open: the team follows them from
    /// the first call back.
    pub fn safe_contact(&self) -> SafeContact {
        let phone = self.phone.trim();
        SafeContact {
            may_call: self.reply_by == Some(ReplyBy::Call),
            may_leave_message: self.may_leave_message,
            may_say_our_name: self.may_say_our_name,
            hours: self.safe_hours.trim().to_owned(),
            safe_number: if matches!(self.reply_by, Some(ReplyBy::Call | ReplyBy::Text)) {
                phone.to_owned()
            } else {
                String::new()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(reply_by: ReplyBy) -> OnlineRequestForm {
        OnlineRequestForm {
            reply_by: Some(reply_by),
            ..OnlineRequestForm::default()
        }
    }

    #[test]
    fn no_identity_is_required_only_a_way_back() {
        let mut f = form(ReplyBy::Text);
        assert_eq!(
            f.check(),
            [FieldError::new("phone", "online-phone-required")]
        );
        f.phone = "514 555-0199".into();
        assert!(f.check().is_empty(), "no name, no needs, no age: accepted");
        assert_eq!(
            OnlineRequestForm::default().check(),
            [FieldError::new("reply_by", "online-reply-by-required")]
        );
        let mut f = form(ReplyBy::Email);
        f.email = "pas une adresse".into();
        assert_eq!(
            f.check(),
            [FieldError::new("email", "email-invalid")],
            "an email that cannot be answered is said so"
        );
    }

    #[test]
    fn what_she_types_is_bounded() {
        let mut f = form(ReplyBy::Call);
        f.phone = "<script>".into();
        f.name = "x".repeat(NAME_MAX + 1);
        f.needs = "y".repeat(NEEDS_MAX + 1);
        f.safe_hours = "après 18 h\u{0}".into();
        let fields: Vec<&str> = f.check().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "phone", "safe_hours", "needs"]);
    }

    #[test]
    fn her_safe_contact_rules_follow_the_way_back_she_chose() {
        let mut f = form(ReplyBy::Text);
        f.phone = " 514 555-0199 ".into();
        f.safe_hours = "après 18 h".into();
        let safe = f.safe_contact();
        assert!(!safe.may_call, "she asked for a text, not a call");
        assert_eq!(safe.safe_number, "514 555-0199");
        assert_eq!(safe.hours, "après 18 h");
        let mut f = form(ReplyBy::Email);
        f.phone = "514 555-0199".into();
        assert_eq!(
            f.safe_contact().safe_number,
            "",
            "a number she gave beside an email is not a number to call"
        );
    }
}
