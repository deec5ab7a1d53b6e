//! Checks on what users type, shared by pages and the API.

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
    fn names() {
        assert!(is_valid_name("Marie Tremblay"));
        assert!(!is_valid_name("   "));
        assert!(!is_valid_name("a\u{0007}b"));
    }
}
