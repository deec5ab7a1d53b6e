use crate::crypto::CryptoError;

pub use havre_domain::validation::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error("not found")]
    NotFound,
    /// The account's roles do not allow this at all.
    #[error("forbidden")]
    Forbidden,
    /// A file that is not hers: she may open it only after writing why (break the glass).
    #[error("access needs a reason")]
    AccessNeedsReason,
    /// Bad input: nothing was written.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// A worker asked on a mission while she is on another at the same time: the other
    /// one's window, on the organization's clock, names it. Nothing was written.
    #[error("worker busy")]
    Busy {
        worker: String,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    },
    #[error("password hashing: {0}")]
    Hash(String),
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    pub fn invalid(field: &'static str, message_key: &'static str) -> Self {
        StoreError::Invalid(vec![FieldError { field, message_key }])
    }
}
