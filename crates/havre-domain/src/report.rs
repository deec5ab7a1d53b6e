//! The activity report's sections, in the seed report's order: each has its tables and the
//! team's text.

/// The keys of the report's sections.
pub const SECTIONS: [&str; 10] = [
    "requests",
    "wait_list",
    "individual",
    "accompaniments",
    "referrals",
    "exploitation",
    "groups",
    "prevention",
    "hours",
    "comparison",
];

/// The longest text of a section: about ten pages.
pub const NARRATIVE_MAX_CHARS: usize = 30_000;
