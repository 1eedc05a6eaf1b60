//! The ids that travel through plugboard, each parsed once at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The id the API calls `customerIntegrationId`: the path parameter of the user endpoints. It deserializes through
/// [`CustomerIntegrationId::parse`] too: an upstream list with an id that cannot be a path segment is refused whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CustomerIntegrationId(String);

impl TryFrom<String> for CustomerIntegrationId {
    type Error = IdError;
    fn try_from(raw: String) -> Result<Self, IdError> {
        CustomerIntegrationId::parse(raw)
    }
}

impl From<CustomerIntegrationId> for String {
    fn from(i: CustomerIntegrationId) -> String {
        i.0
    }
}

impl CustomerIntegrationId {
    pub fn parse(raw: impl Into<String>) -> Result<Self, IdError> {
        let raw = raw.into();
        check_segment(&raw, "integration id")?;
        Ok(Self(raw))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomerIntegrationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The host product's id for its end user. Treated as sensitive: its `Debug` does not print it, so it cannot leak
/// into a log through `{:?}`; code that needs the value asks for it with [`UserId::as_str`].
/// It deserializes through [`UserId::parse`] (sessions, API bodies, upstream answers), so no input path skips the
/// checks.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserId(String);

impl TryFrom<String> for UserId {
    type Error = IdError;
    fn try_from(raw: String) -> Result<Self, IdError> {
        UserId::parse(raw)
    }
}

impl From<UserId> for String {
    fn from(u: UserId) -> String {
        u.0
    }
}

impl UserId {
    pub const MAX_LEN: usize = 256;

    pub fn parse(raw: impl Into<String>) -> Result<Self, IdError> {
        let raw = raw.into();
        check_segment(&raw, "user id")?;
        Ok(Self(raw))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserId(<{} chars>)", self.0.chars().count())
    }
}

/// The console's opaque reference for a user: what its URLs carry instead of the user id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserRef(String);

impl UserRef {
    /// Any text from a URL: a reference that was never issued simply finds no user.
    pub fn from_url(raw: impl Into<String>) -> Self {
        UserRef(raw.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an id was refused at the edge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the {0} is empty")]
    Empty(&'static str),
    #[error("the {0} is longer than {max} characters", max = UserId::MAX_LEN)]
    TooLong(&'static str),
    #[error("the {0} contains a control character")]
    ControlChar(&'static str),
    #[error("the {0} cannot be \".\" or \"..\"")]
    DotSegment(&'static str),
}

/// Ids travel as one URL path segment. Every character can be percent-encoded except that a segment which is
/// exactly `.` or `..` is a dot-segment in every URL parser and would change the path, so those are refused.
fn check_segment(raw: &str, what: &'static str) -> Result<(), IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty(what));
    }
    if raw.chars().count() > UserId::MAX_LEN {
        return Err(IdError::TooLong(what));
    }
    if raw.chars().any(char::is_control) {
        return Err(IdError::ControlChar(what));
    }
    if raw == "." || raw == ".." {
        return Err(IdError::DotSegment(what));
    }
    Ok(())
}

