//! What a password must be (docs/safety.md): 12 to 256 characters, hard enough to guess,
//! no composition rules (NIST SP 800-63B).
//!
//! How guessable it is, zxcvbn estimates: a score of 3 or more (about 10^10 guesses) is
//! required. zxcvbn knows English words, names and the passwords of public breaches; the
//! words people here put in passwords, and the account's own names, are given to it as words
//! to try first. Its warning and suggestions become translation keys, so that the person sees
//! at the field why the password was refused and what to do.

use zxcvbn::Score;
use zxcvbn::feedback::{Suggestion, Warning};
use zxcvbn::matching::patterns::MatchPattern;

/// French and Québec words that people build passwords on ("Motdepasse2024!", "Québec123"),
/// which zxcvbn's English dictionaries miss. One a line, compared as zxcvbn does, without case.
const FRENCH_WORDS: &str = include_str!("french-words.txt");

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

/// The least zxcvbn score accepted: "safely unguessable" against an online attack and a slow
/// hash. kanidm asks 4 of its administrators; 3 with Argon2id and throttling (docs/safety.md).
pub const MIN_SCORE: Score = Score::Three;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    /// Too easy to guess: why (a translation key, when zxcvbn or the words given to it tell)
    /// and what to do instead (translation keys).
    #[error("too easy to guess")]
    TooEasy {
        warning: Option<&'static str>,
        suggestions: Vec<&'static str>,
    },
}

impl PasswordProblem {
    /// The translation keys of the messages shown at the field, in the order they are read:
    /// what is wrong, why, what to do.
    pub fn message_keys(&self) -> Vec<&'static str> {
        match self {
            PasswordProblem::TooShort => vec!["password-too-short"],
            PasswordProblem::TooLong => vec!["password-too-long"],
            PasswordProblem::TooEasy {
                warning,
                suggestions,
            } => std::iter::once("password-too-easy")
                .chain(*warning)
                .chain(suggestions.iter().copied())
                .collect(),
        }
    }
}

/// Checks a new password. `context` holds what the password must not be built on: the
/// account's email and name, the organization's name.
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let personal = context_words(context);
    let french: Vec<&str> = FRENCH_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    // The account's own words first: zxcvbn ranks a word by its place, and they are the
    // first an attacker who knows the centre would try.
    let inputs: Vec<&str> = personal
        .iter()
        .map(String::as_str)
        .chain(french.iter().copied())
        .collect();
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    let feedback = estimate.feedback();
    // zxcvbn says nothing of a word found among those it was given: say which kind it was.
    let word = |list: &[&str]| {
        estimate.sequence().iter().any(|m| match &m.pattern {
            MatchPattern::Dictionary(d) => list.contains(&d.matched_word.as_str()),
            _ => false,
        })
    };
    // A year read as any four digits: zxcvbn may count "2024!" as random characters.
    let with_year = password
        .chars()
        .collect::<Vec<_>>()
        .windows(4)
        .any(|w| matches!(w, ['1', '9', a, b] | ['2', '0', a, b] if a.is_ascii_digit() && b.is_ascii_digit()));
    let personal_refs: Vec<&str> = personal.iter().map(String::as_str).collect();
    let warning = match feedback.and_then(|f| f.warning()) {
        Some(w) => Some(warning_key(w)),
        None if word(&personal_refs) => Some("password-warning-personal"),
        None if word(&french) && with_year => Some("password-warning-common-word-year"),
        None if word(&french) => Some("password-warning-common-word"),
        None => None,
    };
    let mut suggestions: Vec<&'static str> = Vec::new();
    for s in feedback.map(|f| f.suggestions()).unwrap_or_default() {
        let key = suggestion_key(*s);
        if !suggestions.contains(&key) {
            suggestions.push(key);
        }
    }
    if suggestions.is_empty() {
        suggestions.push(suggestion_key(Suggestion::AddAnotherWordOrTwo));
    }
    Err(PasswordProblem::TooEasy {
        warning,
        suggestions,
    })
}

/// The words of the context as a person would fold them into a password: each whole, each
/// part ("marie", "tremblay" of "marie.tremblay@rive.example"), and the parts run together
/// ("coupdecœur" of "Coup de cœur").
fn context_words(context: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut add = |w: String| {
        if w.chars().count() >= 3 && !words.contains(&w) {
            words.push(w);
        }
    };
    for text in context {
        let lowered = text.trim().to_lowercase();
        let parts: Vec<&str> = lowered
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        if let Some((local, _)) = lowered.split_once('@') {
            add(local.to_owned());
        }
        add(parts.concat());
        for part in &parts {
            add((*part).to_owned());
        }
        add(lowered);
    }
    words
}

fn warning_key(warning: Warning) -> &'static str {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess => "password-warning-keyboard-row",
        Warning::ShortKeyboardPatternsAreEasyToGuess => "password-warning-keyboard-pattern",
        Warning::RepeatsLikeAaaAreEasyToGuess => "password-warning-repeated-character",
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "password-warning-repeated-group",
        Warning::ThisIsATop10Password
        | Warning::ThisIsATop100Password
        | Warning::ThisIsACommonPassword => "password-warning-common-password",
        Warning::ThisIsSimilarToACommonlyUsedPassword => "password-warning-similar-password",
        Warning::SequencesLikeAbcAreEasyToGuess => "password-warning-sequence",
        Warning::RecentYearsAreEasyToGuess => "password-warning-recent-year",
        Warning::AWordByItselfIsEasyToGuess => "password-warning-single-word",
        Warning::DatesAreOftenEasyToGuess => "password-warning-date",
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
        | Warning::CommonNamesAndSurnamesAreEasyToGuess => "password-warning-names",
    }
}

fn suggestion_key(suggestion: Suggestion) -> &'static str {
    match suggestion {
        Suggestion::UseAFewWordsAvoidCommonPhrases => "password-suggest-few-words",
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters => "password-suggest-no-symbols",
        Suggestion::AddAnotherWordOrTwo => "password-suggest-another-word",
        Suggestion::CapitalizationDoesntHelpVeryMuch => "password-suggest-capitals",
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => {
            "password-suggest-all-capitals"
        }
        Suggestion::ReversedWordsArentMuchHarderToGuess => "password-suggest-reversed",
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch => "password-suggest-substitutions",
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => "password-suggest-keyboard",
        Suggestion::AvoidRepeatedWordsAndCharacters => "password-suggest-repeats",
        Suggestion::AvoidSequences => "password-suggest-sequences",
        Suggestion::AvoidRecentYears
        | Suggestion::AvoidYearsThatAreAssociatedWithYou
        | Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => "password-suggest-years",
    }
}

/// Every translation key a password problem can show, for the test that each one is
/// translated.
pub fn all_message_keys() -> Vec<&'static str> {
    use Suggestion as S;
    use Warning as W;
    let warnings = [
        W::StraightRowsOfKeysAreEasyToGuess,
        W::ShortKeyboardPatternsAreEasyToGuess,
        W::RepeatsLikeAaaAreEasyToGuess,
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        W::ThisIsATop10Password,
        W::ThisIsSimilarToACommonlyUsedPassword,
        W::SequencesLikeAbcAreEasyToGuess,
        W::RecentYearsAreEasyToGuess,
        W::AWordByItselfIsEasyToGuess,
        W::DatesAreOftenEasyToGuess,
        W::NamesAndSurnamesByThemselvesAreEasyToGuess,
    ];
    let suggestions = [
        S::UseAFewWordsAvoidCommonPhrases,
        S::NoNeedForSymbolsDigitsOrUppercaseLetters,
        S::AddAnotherWordOrTwo,
        S::CapitalizationDoesntHelpVeryMuch,
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase,
        S::ReversedWordsArentMuchHarderToGuess,
        S::PredictableSubstitutionsDontHelpVeryMuch,
        S::UseALongerKeyboardPatternWithMoreTurns,
        S::AvoidRepeatedWordsAndCharacters,
        S::AvoidSequences,
        S::AvoidRecentYears,
    ];
    let mut keys = vec![
        "password-too-short",
        "password-too-long",
        "password-too-easy",
        "password-warning-personal",
        "password-warning-common-word",
        "password-warning-common-word-year",
    ];
    keys.extend(warnings.into_iter().map(warning_key));
    keys.extend(suggestions.into_iter().map(suggestion_key));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(password: &str, context: &[&str]) -> Vec<&'static str> {
        match check_new_password(password, context) {
            Ok(()) => Vec::new(),
            Err(p) => p.message_keys(),
        }
    }

    #[test]
    fn length_is_checked_in_characters() {
        assert_eq!(
            check_new_password("court123", &[]),
            Err(PasswordProblem::TooShort)
        );
        // 11 characters, more bytes than 12.
        assert_eq!(
            check_new_password("élan-été-ça", &[]),
            Err(PasswordProblem::TooShort)
        );
        let long = "cheval agrafe pile correcte ".repeat(10);
        assert_eq!(
            check_new_password(&long, &[]),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn a_french_word_and_a_year_is_refused_and_told_so() {
        let found = keys("Motdepasse2024!", &[]);
        assert_eq!(found[0], "password-too-easy", "{found:?}");
        assert!(
            found.contains(&"password-warning-common-word-year"),
            "{found:?}"
        );
        assert!(
            found.contains(&"password-suggest-another-word"),
            "{found:?}"
        );
        for weak in [
            "québec123456",
            "Bienvenue2025",
            "Soleil123456",
            "montréal1234",
        ] {
            assert!(check_new_password(weak, &[]).is_err(), "{weak}");
        }
    }

    #[test]
    fn common_and_patterned_passwords_are_refused() {
        for weak in [
            "Password1234",
            "aaaaaaaaaaaaaa",
            "123456789012",
            "abcdefghijklm",
            "qwertyuiop123",
            "azertyuiop123",
            "p@ssw0rd1234",
        ] {
            let found = keys(weak, &[]);
            assert_eq!(found.first(), Some(&"password-too-easy"), "{weak}");
            assert!(found.len() >= 2, "{weak} is told why or what to do");
        }
        assert!(keys("aaaaaaaaaaaaaa", &[]).contains(&"password-warning-repeated-character"));
    }

    #[test]
    fn passphrases_are_accepted_without_composition_rules() {
        for good in [
            "cheval-agrafe-pile-correcte",
            "une phrase de passe solide",
            "le fleuve gèle en janvier",
            "tout en minuscules sans chiffre",
            "ᐃᓄᒃᑎᑐᑦ ᐅᖃᐅᓯᖅ ᓴᙱᓂᖅ ᐊᕐᓇᖅ",
        ] {
            assert_eq!(check_new_password(good, &[]), Ok(()), "{good}");
        }
    }

    #[test]
    fn the_accounts_own_words_are_refused() {
        let context = [
            "marie.tremblay@rive.example",
            "Marie Tremblay",
            "Coup de cœur",
        ];
        for weak in ["marietremblay2024", "Coupdecœur2024!", "Tremblay123456"] {
            let found = keys(weak, &context);
            assert!(
                found.contains(&"password-warning-personal"),
                "{weak}: {found:?}"
            );
        }
        assert_eq!(
            check_new_password("un cheval bleu dans la neige", &context),
            Ok(())
        );
    }
}
