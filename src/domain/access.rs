//! What a host API token may do: a closed set of scopes, spelled as the API and the console show them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApiScope {
    /// `POST /api/v1/links`.
    LinksWrite,
    /// `GET /api/v1/users/{id}/connections`.
    UsersRead,
    /// `GET /api/v1/events`.
    EventsRead,
    /// `DELETE /api/v1/users/{id}`.
    UsersDelete,
}

impl ApiScope {
    pub const ALL: [ApiScope; 4] = [ApiScope::LinksWrite, ApiScope::UsersRead, ApiScope::EventsRead, ApiScope::UsersDelete];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::LinksWrite => "links:write",
            ApiScope::UsersRead => "users:read",
            ApiScope::EventsRead => "events:read",
            ApiScope::UsersDelete => "users:delete",
        }
    }

    pub fn parse(raw: &str) -> Option<ApiScope> {
        ApiScope::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Scopes as stored: space-separated, in the order of [`ApiScope::ALL`].
    pub fn encode(scopes: &[ApiScope]) -> String {
        ApiScope::ALL.iter().filter(|s| scopes.contains(s)).map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Reads stored scopes back; unknown words are dropped (never widened).
    pub fn decode(raw: &str) -> Vec<ApiScope> {
        let mut out: Vec<ApiScope> = raw.split_whitespace().filter_map(ApiScope::parse).collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_and_unknown_ones_are_dropped() {
        let all = ApiScope::ALL.to_vec();
        assert_eq!(ApiScope::decode(&ApiScope::encode(&all)), all);
        assert_eq!(ApiScope::decode("users:delete admin:all links:write"), vec![ApiScope::LinksWrite, ApiScope::UsersDelete]);
        assert_eq!(ApiScope::encode(&[ApiScope::UsersDelete, ApiScope::LinksWrite]), "links:write users:delete");
    }
}

/// What an admin of the console may do: admins read and act; viewers read pages only (no exports, no actions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminRole {
    #[default]
    Admin,
    Viewer,
}

impl AdminRole {
    pub fn as_str(self) -> &'static str {
        match self {
            AdminRole::Admin => "admin",
            AdminRole::Viewer => "viewer",
        }
    }
}

/// Who an action of the shared password is recorded as.
pub const PASSWORD_ACTOR: &str = "password";
