//! The exploitation track's emergency fund (docs/domain.md §2.12): a woman's need (a gift card, a
//! bill paid, food) is requested, decided by a committee, and paid from the fund. Amounts are
//! whole cents, never floating point; the balance is what was put in minus what was granted.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    GiftCard,
    Bill,
    Food,
    Transport,
    Other,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::GiftCard,
        Purpose::Bill,
        Purpose::Food,
        Purpose::Transport,
        Purpose::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Purpose::GiftCard => "gift_card",
            Purpose::Bill => "bill",
            Purpose::Food => "food",
            Purpose::Transport => "transport",
            Purpose::Other => "other",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The largest single amount: $10,000.
pub const MAX_CENTS: i64 = 1_000_000;

/// An amount as typed: "25", "25,50", "25.5", "1 250,00 $". None if it is not a positive
/// amount of at most $10,000 with at most two decimals.
pub fn parse_amount(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$' && *c != '\u{202F}' && *c != '\u{A0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (whole, decimals) = match cleaned.split_once('.') {
        Some((w, d)) => (w, d),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || decimals.len() > 2
        || !decimals.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 7
    {
        return None;
    }
    let cents = whole.parse::<i64>().ok()? * 100
        + match decimals.len() {
            0 => 0,
            1 => decimals.parse::<i64>().ok()? * 10,
            _ => decimals.parse::<i64>().ok()?,
        };
    (1..=MAX_CENTS).contains(&cents).then_some(cents)
}

/// An amount as the centres write it: "1 250,00 $" in French, "$1,250.00" in English.
pub fn format_amount(cents: i64, lang: crate::text::Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let dollars = crate::text::format_count((cents / 100) as i64, lang);
    match lang {
        crate::text::Lang::Fr | crate::text::Lang::FrFr => {
            format!("{sign}{dollars},{:02}\u{A0}$", cents % 100)
        }
        crate::text::Lang::En => format!("{sign}${dollars}.{:02}", cents % 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("25"), Some(2500));
        assert_eq!(parse_amount("25,50"), Some(2550));
        assert_eq!(parse_amount("25.5"), Some(2550));
        assert_eq!(parse_amount("1 250,00 $"), Some(125_000));
        assert_eq!(parse_amount("10000"), Some(MAX_CENTS));
        for bad in ["", "0", "-5", "abc", "25,555", "10000,01", "2e3", "1,2,3"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn amounts_are_written_as_the_centres_write_them() {
        assert_eq!(format_amount(125_000, Lang::Fr), "1\u{202F}250,00\u{A0}$");
        assert_eq!(format_amount(2550, Lang::En), "$25.50");
        assert_eq!(format_amount(-500, Lang::Fr), "-5,00\u{A0}$");
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.key()), Some(p));
        }
    }
}
