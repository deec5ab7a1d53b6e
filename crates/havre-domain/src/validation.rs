//! Checks on what users type, shared by pages and the API.

/// A problem with one field of a form or API body: the field's name and the translation key of
/// the message shown beside it. It lives here, below the store, so that the rules that check
/// what users type can name the field they refuse.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message_key: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, message_key: &'static str) -> Self {
        FieldError { field, message_key }
    }
}

/// A text of one line: not blank, at most `max` characters, no control characters.
pub fn text_ok(text: &str, max: usize) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= max && !t.chars().any(char::is_control)
}

/// The longest paragraph a form takes: a complaint, a mission's needs, a step's account.
pub const PARAGRAPH_MAX: usize = 4_000;

/// A form's long text: not blank, at most [`PARAGRAPH_MAX`] characters; lines are allowed.
pub fn paragraph_ok(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= PARAGRAPH_MAX
}

/// What a person typed in a field that may stay empty: trimmed, none when blank.
pub fn optional_text(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// `value`, or the problem `message_key` at `field` when there is none: a form's checks run
/// through every field, so that all its problems are shown at once.
pub fn required<T>(
    value: Option<T>,
    field: &'static str,
    message_key: &'static str,
    problems: &mut Vec<FieldError>,
) -> Option<T> {
    if value.is_none() {
        problems.push(FieldError::new(field, message_key));
    }
    value
}

/// A length in whole minutes as typed; empty is 0 where the field is `optional`, and otherwise
/// a value to give.
pub fn minutes(
    text: &str,
    field: &'static str,
    optional: bool,
    problems: &mut Vec<FieldError>,
) -> i32 {
    let text = text.trim();
    if text.is_empty() && optional {
        return 0;
    }
    text.parse().unwrap_or_else(|_| {
        let message_key = if text.is_empty() {
            "value-required"
        } else {
            "minutes-invalid"
        };
        problems.push(FieldError::new(field, message_key));
        0
    })
}

/// A number of people or things as typed; empty is none of them.
pub fn count(text: &str, field: &'static str, problems: &mut Vec<FieldError>) -> i32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    whole_number(text, field, problems)
}

/// A day as a date field sends it (2024-05-24): none when empty and `optional`; otherwise a
/// day to give.
pub fn day(
    text: &str,
    field: &'static str,
    optional: bool,
    problems: &mut Vec<FieldError>,
) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    if text.is_empty() && optional {
        return None;
    }
    let parsed = text.parse().ok();
    if parsed.is_none() {
        problems.push(FieldError::new(field, "day-invalid"));
    }
    parsed
}

/// A whole number as typed, which the field requires.
pub fn whole_number<N: std::str::FromStr + Default>(
    text: &str,
    field: &'static str,
    problems: &mut Vec<FieldError>,
) -> N {
    text.trim().parse().unwrap_or_else(|_| {
        problems.push(FieldError::new(field, "number-invalid"));
        N::default()
    })
}

/// Normalizes an email for lookups: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plausible email: one @, something on each side, a dot in the domain, no spaces, at most
/// 254 characters. Deliverability is not checked.
pub fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

/// A person's display name: not empty, at most 200 characters, no control characters.
pub fn is_valid_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty() && name.chars().count() <= 200 && !name.chars().any(char::is_control)
}

/// A phone number as people write it: digits, spaces, dashes, dots, parentheses, a leading +.
pub fn is_valid_phone(number: &str) -> bool {
    let number = number.trim();
    let digits = number.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && number.len() <= 30
        && number
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " -.()".contains(c) || (c == '+' && i == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_as_people_write_them() {
        for ok in [
            "418 555-0142",
            "1 888 555-0199",
            "+33 1 23 45 67 89",
            "(418) 555.0142",
            "911",
        ] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in ["", "12", "418 555-0142 poste abc", "<script>", "4+18"] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("marie@calacs.example"));
        assert!(is_valid_email("  Marie.T@Calacs.Example "));
        assert!(!is_valid_email("marie"));
        assert!(!is_valid_email("marie@localhost"));
        assert!(!is_valid_email("ma rie@calacs.example"));
        assert!(!is_valid_email("a@b@c.example"));
        assert_eq!(
            normalize_email(" Marie@Calacs.Example"),
            "marie@calacs.example"
        );
    }

    #[test]
    fn numbers_as_typed() {
        let mut problems = Vec::new();
        assert_eq!(minutes(" 90 ", "duration", false, &mut problems), 90);
        assert_eq!(minutes("", "travel", true, &mut problems), 0);
        assert_eq!(count("", "students", &mut problems), 0);
        assert_eq!(whole_number::<i32>("12", "capacity", &mut problems), 12);
        assert!(problems.is_empty());
        minutes("", "duration", false, &mut problems);
        minutes("1h", "debrief", true, &mut problems);
        count("douze", "students", &mut problems);
        whole_number::<i64>("", "capacity", &mut problems);
        assert_eq!(
            problems,
            [
                FieldError::new("duration", "value-required"),
                FieldError::new("debrief", "minutes-invalid"),
                FieldError::new("students", "number-invalid"),
                FieldError::new("capacity", "number-invalid"),
            ]
        );
        assert_eq!(optional_text("  "), None);
        assert_eq!(optional_text(" Marie "), Some("Marie".to_owned()));
    }

    #[test]
    fn names() {
        assert!(is_valid_name("Marie Tremblay"));
        assert!(!is_valid_name("   "));
        assert!(!is_valid_name("a\u{0007}b"));
    }
}
