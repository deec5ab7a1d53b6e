//! The JSON body of an API request. A body that does not parse gets the same problem
//! document as any other bad input, in the user's language, instead of axum's plain text.

use crate::error::WebError;
use axum::extract::{FromRequest, Request};
use havre_store::FieldError;
use serde::de::DeserializeOwned;

pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(_) => Err(WebError::Invalid(vec![FieldError {
                field: "body",
                message_key: "body-invalid",
            }])),
        }
    }
}

/// A required field left out of a body.
pub(crate) fn missing(field: &'static str) -> WebError {
    WebError::Invalid(vec![FieldError {
        field,
        message_key: "field-required",
    }])
}

/// A value that is not one of those the field accepts.
pub(crate) fn not_in_list(field: &'static str) -> WebError {
    WebError::Invalid(vec![FieldError {
        field,
        message_key: "value-not-in-list",
    }])
}
