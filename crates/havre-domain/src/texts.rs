//! The texts an organization publishes for the women it serves (docs/privacy.md "Service
//! declaration and complaint process"): its service declaration and its complaint process,
//! which the LAPVIC asks it to hand out at the first meeting, and its privacy policy. Each
//! starts from a model in Havre, in French and in English, that the organization edits and
//! publishes in numbered versions.

use crate::text::Lang;

keyed! {
    /// A text the organization publishes.
    TextKind {
        ServiceDeclaration => "service_declaration",
        ComplaintProcess => "complaint_process",
        PrivacyPolicy => "privacy_policy",
    }
}

/// The texts handed out at a first meeting, and recorded as given with their versions.
pub const GIVEN_AT_FIRST_MEETING: [TextKind; 2] =
    [TextKind::ServiceDeclaration, TextKind::ComplaintProcess];

/// The longest text published, in characters.
pub const TEXT_MAX: usize = 40_000;

impl TextKind {
    /// Havre's model of the text, in Markdown, with `{{placeholders}}` for what each
    /// organization fills in.
    pub fn model(self, lang: Lang) -> &'static str {
        let english = lang == Lang::En;
        match (self, english) {
            (TextKind::ServiceDeclaration, false) => {
                include_str!("../models/service_declaration.fr.md")
            }
            (TextKind::ServiceDeclaration, true) => {
                include_str!("../models/service_declaration.en.md")
            }
            (TextKind::ComplaintProcess, false) => {
                include_str!("../models/complaint_process.fr.md")
            }
            (TextKind::ComplaintProcess, true) => include_str!("../models/complaint_process.en.md"),
            (TextKind::PrivacyPolicy, false) => include_str!("../models/privacy_policy.fr.md"),
            (TextKind::PrivacyPolicy, true) => include_str!("../models/privacy_policy.en.md"),
        }
    }
}

/// A model with what Havre knows filled in; the placeholders it does not know stay, for the
/// organization to fill before it publishes.
pub fn fill(model: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .fold(model.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value.trim())
        })
}

/// Whether a text is ready to publish: not empty, not too long, no placeholder left.
pub fn check(body: &str) -> Result<(), crate::validation::FieldError> {
    use crate::validation::FieldError;
    let body = body.trim();
    if body.is_empty() {
        return Err(FieldError::new("body", "field-required"));
    }
    if body.chars().count() > TEXT_MAX {
        return Err(FieldError::new("body", "field-too-long"));
    }
    if body.contains("{{") {
        return Err(FieldError::new("body", "text-placeholders-left"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_is_filled_and_checked_before_it_is_published() {
        for kind in TextKind::ALL {
            for lang in [Lang::Fr, Lang::En] {
                assert!(kind.model(lang).contains("{{organization}}"), "{kind:?}");
            }
        }
        let text = fill(
            "{{organization}} répond en {{answer_days}} jours. Courriel : {{email}}",
            &[
                ("organization", "CALACS de la Rive".into()),
                ("answer_days", "30".into()),
                ("email", " ".into()),
            ],
        );
        assert_eq!(
            text,
            "CALACS de la Rive répond en 30 jours. Courriel : {{email}}"
        );
        assert_eq!(
            check(&text).unwrap_err().message_key,
            "text-placeholders-left"
        );
        assert!(check("CALACS de la Rive répond en 30 jours.").is_ok());
        assert_eq!(check("  ").unwrap_err().message_key, "field-required");
    }
}
