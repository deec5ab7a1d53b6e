//! What a password must be (docs/safety.md): at least 12 characters, not a common password, no
//! composition rules (NIST SP 800-63B).

/// Passwords of 12 characters or more that appear in public breach lists and in the guesses
/// of every cracking tool, and French and Québec ones that such lists miss. Shorter ones are
/// refused by length already. Compared case-insensitively.
const COMMON: &str = include_str!("common-passwords.txt");

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    #[error("too common")]
    TooCommon,
}

impl PasswordProblem {
    /// The translation key of the message shown at the field.
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password-too-short",
            PasswordProblem::TooLong => "password-too-long",
            PasswordProblem::TooCommon => "password-too-common",
        }
    }
}

/// Checks a new password. `context` holds words the password must not merely repeat (the
/// account's email, the organization's name).
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.to_lowercase();
    if COMMON
        .lines()
        .map(str::trim)
        .any(|c| !c.is_empty() && c == lowered)
    {
        return Err(PasswordProblem::TooCommon);
    }
    // One character repeated, or a run of consecutive keys/digits, is as weak as any list entry.
    let chars: Vec<char> = lowered.chars().collect();
    if chars.iter().all(|c| *c == chars[0]) || is_sequence(&chars) {
        return Err(PasswordProblem::TooCommon);
    }
    for word in context {
        let word = word.trim().to_lowercase();
        if word.chars().count() >= 4
            && (lowered == word
                || lowered.starts_with(&word) && is_digits_tail(&lowered[word.len()..]))
        {
            return Err(PasswordProblem::TooCommon);
        }
    }
    Ok(())
}

fn is_sequence(chars: &[char]) -> bool {
    chars.windows(2).all(|w| (w[1] as i64 - w[0] as i64) == 1)
        || chars.windows(2).all(|w| (w[0] as i64 - w[1] as i64) == 1)
}

fn is_digits_tail(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || "!?.@#$%&*".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            check_new_password("court123", &[]),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_new_password("onze-car123", &[]),
            Err(PasswordProblem::TooShort)
        );
        assert!(check_new_password("douze-car-ok", &[]).is_ok());
    }

    #[test]
    fn common_passwords_are_refused_whatever_the_case() {
        assert_eq!(
            check_new_password("Password1234", &[]),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_new_password("motdepasse123", &[]),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_new_password("aaaaaaaaaaaaaa", &[]),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_new_password("123456789012", &[]),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_new_password("abcdefghijklm", &[]),
            Err(PasswordProblem::TooCommon)
        );
    }

    #[test]
    fn the_account_name_with_digits_is_refused() {
        assert_eq!(
            check_new_password("coupdecoeur2024", &["CoupDeCoeur"]),
            Err(PasswordProblem::TooCommon)
        );
        assert!(check_new_password("un cheval bleu dans la neige", &["coupdecoeur"]).is_ok());
    }

    #[test]
    fn no_composition_rule_is_imposed() {
        assert!(check_new_password("tout en minuscules sans chiffre", &[]).is_ok());
    }
}
