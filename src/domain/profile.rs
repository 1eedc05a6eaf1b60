//! What the host product tells us about its end user when it mints a link: a display name, an email, an
//! organization, up to ten tags and a locale. Data from the host: checked here once (lengths, shapes, no control
//! characters), escaped wherever it is shown.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_NAME: usize = 200;
pub const MAX_EMAIL: usize = 254;
pub const MAX_ORG_ID: usize = 256;
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_KEY: usize = 64;
pub const MAX_TAG_VALUE: usize = 256;
pub const MAX_LOCALE: usize = 35;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The end user as the host described them (each part optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl Profile {
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }

    /// `other`'s parts where it has them, this one's elsewhere (the latest link wins, part by part).
    pub fn updated_by(&self, other: &Profile) -> Profile {
        Profile {
            display_name: other.display_name.clone().or_else(|| self.display_name.clone()),
            email: other.email.clone().or_else(|| self.email.clone()),
            organization: other.organization.clone().or_else(|| self.organization.clone()),
            tags: if other.tags.is_empty() { self.tags.clone() } else { other.tags.clone() },
            locale: other.locale.clone().or_else(|| self.locale.clone()),
        }
    }

    /// Tags as `key=value; key=value` (the CSV and the console).
    pub fn tags_text(&self) -> String {
        self.tags.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
}

/// A part of a profile that cannot be accepted: the field (as the API names it) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ProfileError {
    pub field: &'static str,
    pub reason: String,
}

fn bad(field: &'static str, reason: impl Into<String>) -> ProfileError {
    ProfileError { field, reason: reason.into() }
}

/// Trimmed text of 1..=`max` characters without control characters.
pub fn text(field: &'static str, raw: &str, max: usize) -> Result<String, ProfileError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(bad(field, "must not be empty"));
    }
    if t.chars().count() > max {
        return Err(bad(field, format!("must be at most {max} characters")));
    }
    if t.chars().any(char::is_control) {
        return Err(bad(field, "must not contain control characters"));
    }
    Ok(t.to_owned())
}

/// An address of the form `local@domain.tld`, without spaces, at most 254 characters.
pub fn email(field: &'static str, raw: &str) -> Result<String, ProfileError> {
    let t = text(field, raw, MAX_EMAIL)?;
    let ok = match t.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local.len() <= 64
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain.contains('.')
                && !domain.contains("..")
                && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
                && !t.contains(char::is_whitespace)
                && !local.contains(['<', '>', '(', ')', ',', ';', ':', '"', '[', ']', '\\'])
        }
        None => false,
    };
    if ok {
        Ok(t)
    } else {
        Err(bad(field, "must be an email address such as ada@example.com"))
    }
}

/// A BCP 47 language tag such as `de` or `pt-BR`.
pub fn locale(field: &'static str, raw: &str) -> Result<String, ProfileError> {
    let t = raw.trim();
    let mut parts = t.split('-');
    let lang_ok = parts.next().is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok = parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if lang_ok && rest_ok && t.len() <= MAX_LOCALE {
        Ok(t.to_owned())
    } else {
        Err(bad(field, "must be a language tag such as de or pt-BR"))
    }
}

/// Tags: at most ten, keys of 1..=64 characters, values of at most 256.
pub fn tags(pairs: impl IntoIterator<Item = (String, String)>) -> Result<BTreeMap<String, String>, ProfileError> {
    let mut out = BTreeMap::new();
    for (k, v) in pairs {
        let k = text("tags", &k, MAX_TAG_KEY).map_err(|e| bad("tags", format!("a key {}", e.reason)))?;
        if v.chars().count() > MAX_TAG_VALUE || v.chars().any(char::is_control) {
            return Err(bad("tags", format!("the value of {k:?} must be at most {MAX_TAG_VALUE} characters, without control characters")));
        }
        out.insert(k, v);
        if out.len() > MAX_TAGS {
            return Err(bad("tags", format!("at most {MAX_TAGS} tags")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["ada@example.com", "a.b+c@mail.example.co.uk", "  x@y.io "] {
            assert!(email("email", ok).is_ok(), "{ok}");
        }
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@ex..com", "<a>@x.io", "ada@.x.io"] {
            assert_eq!(email("email", bad).unwrap_err().field, "email", "{bad}");
        }
    }

    #[test]
    fn locales_tags_and_text() {
        assert_eq!(locale("locale", "de").unwrap(), "de");
        assert_eq!(locale("locale", "pt-BR").unwrap(), "pt-BR");
        assert!(locale("locale", "deutsch!").is_err() && locale("locale", "").is_err());
        assert!(tags((0..10).map(|i| (format!("k{i}"), "v".into()))).is_ok());
        assert!(tags((0..11).map(|i| (format!("k{i}"), "v".into()))).is_err());
        assert!(tags([("".into(), "v".into())]).is_err());
        assert!(text("n", "a\u{7}b", 10).is_err() && text("n", &"x".repeat(11), 10).is_err());
        assert_eq!(text("n", " Ada ", 10).unwrap(), "Ada");
    }

    #[test]
    fn the_latest_wins_part_by_part() {
        let old = Profile { display_name: Some("Ada".into()), email: Some("a@x.io".into()), ..Default::default() };
        let new = Profile { display_name: Some("Ada L.".into()), locale: Some("de".into()), ..Default::default() };
        let merged = old.updated_by(&new);
        assert_eq!(merged.display_name.as_deref(), Some("Ada L."));
        assert_eq!(merged.email.as_deref(), Some("a@x.io"));
        assert_eq!(merged.locale.as_deref(), Some("de"));
    }
}
