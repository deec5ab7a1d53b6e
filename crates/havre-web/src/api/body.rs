//! The JSON body and the query of an API request, and the form a page posts. What does not
//! parse gets the same problem document (or error page) as any other bad input, in the user's
//! language, naming the field as the client sent it (`received_at`, `entries[0].day`, `from`),
//! instead of axum's plain-text English.

use crate::error::WebError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use havre_store::FieldError;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let mime = v.split(';').next().unwrap_or_default().trim();
                mime == "application/json" || mime.ends_with("+json")
            });
        let bytes = read(req, state).await?;
        if !is_json {
            return Err(unreadable());
        }
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize(&mut json) {
            Ok(value) => Ok(Body(value)),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                if inner.is_syntax() || inner.is_eof() {
                    return Err(unreadable());
                }
                Err(at_path(&path, &inner.to_string()))
            }
        }
    }
}

/// The query of a request, parsed into `T`; a value that does not parse is named.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let query = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(query)
            .map(Params)
            .map_err(|e| {
                let path = e.path().to_string();
                at_path(&path, &e.into_inner().to_string())
            })
    }
}

/// The urlencoded form a page posts, parsed into `T`: every handler reads its fields by the
/// struct's names, never by looking a string up. A field repeated (checkboxes, a multiple
/// choice) fills a `Vec`; a checkbox reads as a `bool` (`on` when ticked, absent when not).
/// Fields the struct does not name, like the CSRF layer's `csrf`, are ignored.
///
/// The structs are lenient where people type (text, not numbers or dates), so that a typing
/// mistake is told at its field by the form's checks; what serde itself refuses is a request
/// no form of Havre sends, answered as invalid at the field as the form names it.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        parse_form(&read(req, state).await?).map(Form)
    }
}

/// A field ticked when its value is `on`, whatever else it may be sent with: for choices that
/// are not a lone checkbox, like two radio buttons `on` and `no`. Use with
/// `#[serde(deserialize_with = "ticked")]`.
pub(crate) fn ticked<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    String::deserialize(deserializer).map(|value| value == "on")
}

/// A field that may be set, cleared with `null`, or left out: `None` when absent,
/// `Some(None)` for null. Use with `#[serde(default, deserialize_with = "present")]`.
pub(crate) fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A choice a form may leave empty (no room, no profession, no number): none when empty,
/// else the value parsed, or the error of what does not parse.
pub(crate) fn optional<T: std::str::FromStr>(text: &str) -> Result<Option<T>, T::Err> {
    match text.trim() {
        "" => Ok(None),
        typed => typed.parse().map(Some),
    }
}

/// A urlencoded form parsed into `T`, what does not parse named at its field.
fn parse_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WebError> {
    serde_path_to_error::deserialize(serde_html_form::Deserializer::from_bytes(bytes)).map_err(
        |e| {
            let path = e.path().to_string();
            at_path(&path, &e.into_inner().to_string())
        },
    )
}

/// A request's body, within the route's limit.
async fn read<S: Send + Sync>(req: Request, state: &S) -> Result<axum::body::Bytes, WebError> {
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                WebError::TooLarge
            } else {
                unreadable()
            }
        })
}

/// A body that is not JSON at all.
fn unreadable() -> WebError {
    WebError::InvalidAt(vec![("body".into(), "body-invalid")])
}

/// The problem with a value at a path: missing (serde names it in its message, the path is
/// its parent's) or not of the expected form.
fn at_path(path: &str, message: &str) -> WebError {
    let parent = if path == "." { "" } else { path };
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        let field = if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        };
        return WebError::InvalidAt(vec![(field, "field-required")]);
    }
    let field = if parent.is_empty() { "body" } else { parent };
    WebError::InvalidAt(vec![(field.to_owned(), "field-invalid-format")])
}

/// The store names its problems as the pages' forms name their fields (`date`, `duration`);
/// a body may name them otherwise (`held_at`, `duration_minutes`). `named` gives the problems
/// the body's names, so that a client finds each at the field it sent.
pub(crate) trait InBody<T> {
    fn named(self, names: &[(&'static str, &'static str)]) -> Result<T, WebError>;
}

impl<T, E: Into<WebError>> InBody<T> for Result<T, E> {
    fn named(self, names: &[(&'static str, &'static str)]) -> Result<T, WebError> {
        self.map_err(|e| match e.into() {
            WebError::Invalid(fields) => WebError::Invalid(
                fields
                    .into_iter()
                    .map(|f| FieldError {
                        field: names
                            .iter()
                            .find(|(form, _)| *form == f.field)
                            .map_or(f.field, |(_, body)| body),
                        ..f
                    })
                    .collect(),
            ),
            other => other,
        })
    }
}

/// The time around an activity, as the store names it and as bodies do.
pub(crate) const TIME_NAMES: [(&str, &str); 5] = [
    ("date", "held_at"),
    ("duration", "duration_minutes"),
    ("preparation", "preparation_minutes"),
    ("debrief", "debrief_minutes"),
    ("travel", "travel_minutes"),
];

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

#[cfg(test)]
mod tests {
    use super::*;

    fn named(e: WebError) -> Vec<(String, &'static str)> {
        match e {
            WebError::InvalidAt(fields) => fields,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_problem_names_the_field_as_the_client_sent_it() {
        assert_eq!(
            named(at_path(".", "missing field `received_at`")),
            vec![("received_at".to_owned(), "field-required")]
        );
        assert_eq!(
            named(at_path("person", "missing field `name`")),
            vec![("person.name".to_owned(), "field-required")]
        );
        assert_eq!(
            named(at_path(
                "entries[0].day",
                "input contains invalid characters"
            )),
            vec![("entries[0].day".to_owned(), "field-invalid-format")]
        );
    }

    #[derive(Deserialize, Debug)]
    struct Sample {
        #[serde(default)]
        name: String,
        #[serde(default)]
        relations: Vec<String>,
        #[serde(default)]
        teenager: bool,
        #[serde(default)]
        voluntary: bool,
        #[serde(default)]
        count: Option<i32>,
    }

    #[test]
    fn a_form_fills_its_struct_repeated_fields_into_a_vec() {
        let form: Sample =
            parse_form(b"csrf=t&name=Marie+T&relations=a&relations=b&teenager=on&count=").unwrap();
        assert_eq!(form.name, "Marie T");
        assert_eq!(form.relations, ["a", "b"]);
        assert!(form.teenager && !form.voluntary);
        assert_eq!(form.count, None);
        let one: Sample = parse_form(b"relations=a").unwrap();
        assert_eq!(one.relations, ["a"]);
    }

    #[test]
    fn a_form_names_a_value_that_does_not_parse_at_its_field() {
        let refused = |body: &[u8]| named(parse_form::<Sample>(body).unwrap_err());
        assert_eq!(
            refused(b"name=x&count=douze"),
            vec![("count".to_owned(), "field-invalid-format")]
        );
        assert_eq!(
            refused(b"teenager=maybe"),
            vec![("teenager".to_owned(), "field-invalid-format")]
        );
    }
}
