//! Havre's rules, without I/O: who may do what, what a valid password is, how hours and
//! numbers are written. Every capability adds its rules here, in a module named after it.

/// Enums stored and read by a stable key, in a fixed order (the order of the report's tables).
macro_rules! keyed {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn parse(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.key() == key)
            }
        }
    };
}

pub mod care;
pub mod complaints;
pub mod files;
pub mod fund;
pub mod governance;
pub mod groups;
pub mod hours;
pub mod housing;
pub mod ids;
pub mod import;
pub mod intake;
pub mod lists;
pub mod meetings;
pub mod missions;
pub mod network;
pub mod online;
pub mod organizations;
pub mod password;
pub mod pathways;
pub mod policy;
pub mod prevention;
pub mod privacy;
pub mod referrals;
pub mod report;
pub mod suppression;
pub mod text;
pub mod texts;
pub mod throttle;
pub mod validation;
pub mod year;
pub mod zone;
