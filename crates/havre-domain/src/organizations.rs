//! Organizations' rules: the slug of a public page's address.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The most characters a slug keeps: a public address stays short enough to be read aloud
/// or written on a poster.
pub const SLUG_MAX_CHARS: usize = 60;

/// The slug of a name, as the address of its public page (/o/{slug}): readable in the name's
/// own script. Letters and digits of every script are kept, with their accents and marks
/// (after NFC, so that "é" typed in two code points is the same slug as "é" in one), in lower
/// case; everything else (spaces, punctuation, symbols, invisible controls) becomes one
/// hyphen. "CALACS Coup de cœur" → "calacs-coup-de-cœur", "ᐃᓄᒃᑎᑐᑦ" → "ᐃᓄᒃᑎᑐᑦ".
/// Crates such as `slug` or `deunicode` transliterate to ASCII, which turns a name in
/// Inuktitut or Arabic into a guess of its sound: not what its centre calls itself.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut pending_hyphen = false;
    for c in name.nfc().flat_map(char::to_lowercase) {
        // A mark belongs to the letter before it; one with no letter before it is dropped.
        if is_combining_mark(c) && !c.is_alphanumeric() && (pending_hyphen || count == 0) {
            continue;
        }
        let keep = c.is_alphanumeric() || is_combining_mark(c);
        if !keep {
            pending_hyphen = count > 0;
            continue;
        }
        if pending_hyphen {
            // The hyphen and a character after it must both fit, so that no slug ends in one.
            if count + 2 > SLUG_MAX_CHARS {
                break;
            }
            out.push('-');
            count += 1;
            pending_hyphen = false;
        }
        if count + 1 > SLUG_MAX_CHARS {
            break;
        }
        out.push(c);
        count += 1;
    }
    // Marks are kept in NFC as lowercase can leave them: recompose what lowering split.
    out.nfc().collect()
}

/// A slug as someone types it from a poster without its accents: "maison-hélène" and
/// "maison-helene" fold the same. Used only when no slug matches as written.
pub fn folded(slug: &str) -> String {
    slug.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_letters_and_accents() {
        assert_eq!(slugify("CALACS Coup de cœur"), "calacs-coup-de-cœur");
        assert_eq!(slugify("  La Sortie!! "), "la-sortie");
        assert_eq!(slugify("Maison Hélène-Lacroix"), "maison-hélène-lacroix");
        // "é" as "e" and a combining acute: the same slug as the precomposed letter.
        assert_eq!(slugify("Hélène"), slugify("He\u{301}le\u{300}ne"));
        assert_eq!(slugify("Centre l'Étape (2e)"), "centre-l-étape-2e");
    }

    #[test]
    fn names_in_other_scripts_keep_their_script() {
        assert_eq!(slugify("ᐃᓄᒃᑎᑐᑦ"), "ᐃᓄᒃᑎᑐᑦ");
        assert_eq!(slugify("مركز"), "مركز");
        assert_eq!(slugify("妇女中心"), "妇女中心");
        // Arabic with its short vowels (combining marks) keeps them.
        assert_eq!(slugify("مَرْكَز النِّسَاء"), "مَرْكَز-النِّسَاء");
        // A right-to-left mark or a zero-width joiner is not a letter: it separates.
        assert_eq!(slugify("\u{200F}مركز\u{200F} Québec"), "مركز-québec");
    }

    #[test]
    fn nothing_but_symbols_gives_no_slug() {
        assert_eq!(slugify(" -!- "), "");
        assert_eq!(slugify("\u{301}"), "");
    }

    #[test]
    fn slugs_are_cut_by_characters_without_a_trailing_hyphen() {
        let name = "ᐃᓄᒃᑎᑐᑦ ".repeat(20);
        let slug = slugify(&name);
        assert!(slug.chars().count() <= SLUG_MAX_CHARS, "{slug}");
        assert!(!slug.ends_with('-') && !slug.starts_with('-'));
        assert!(slug.starts_with("ᐃᓄᒃᑎᑐᑦ-ᐃᓄᒃᑎᑐᑦ"));
        let slug = slugify(&"a".repeat(200));
        assert_eq!(slug.chars().count(), SLUG_MAX_CHARS);
    }
}
