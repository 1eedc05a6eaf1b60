//! The sandbox's built-in integrations: a dozen realistic ones covering all five auth types, one inactive.

use crate::domain::{AuthType, CustomerIntegrationId, Integration};
use chrono::{DateTime, TimeZone, Utc};
use url::Url;

struct Seed {
    slug: &'static str,
    name: &'static str,
    host: &'static str,
    auth: AuthType,
    active: bool,
    description: &'static str,
}

fn seeds() -> Vec<Seed> {
    use AuthType::*;
    let s = |slug, name, host, auth, active, description| Seed { slug, name, host, auth, active, description };
    vec![
        s(
            "slack",
            "Slack",
            "slack.com",
            OAuth2,
            true,
            "Post messages, read channels and react to events in your workspace.",
        ),
        s(
            "github",
            "GitHub",
            "api.github.com",
            OAuth2,
            true,
            "Open issues, review pull requests and read repositories.",
        ),
        s(
            "google-drive",
            "Google Drive",
            "www.googleapis.com",
            OAuth2,
            true,
            "Find, read and create documents and files in Drive.",
        ),
        s(
            "salesforce",
            "Salesforce",
            "login.salesforce.com",
            OAuth2,
            true,
            "Sync accounts, contacts and opportunities from your CRM.",
        ),
        s(
            "notion",
            "Notion",
            "api.notion.com",
            ApiToken,
            true,
            "Search pages and databases and append content to them.",
        ),
        s("linear", "Linear", "api.linear.app", ApiToken, true, "Create and triage issues, projects and cycles."),
        s("stripe", "Stripe", "api.stripe.com", ApiToken, true, "Look up customers, invoices and payments."),
        s(
            "aws-s3",
            "Amazon S3",
            "s3.amazonaws.com",
            AwsAssumeRole,
            true,
            "List buckets and read or write objects through an IAM role you control.",
        ),
        s(
            "aws-cloudwatch",
            "Amazon CloudWatch",
            "monitoring.amazonaws.com",
            AwsAssumeRole,
            true,
            "Query metrics and logs for your AWS services.",
        ),
        s(
            "bigquery",
            "BigQuery",
            "bigquery.googleapis.com",
            GoogleServiceAccountOAuth,
            true,
            "Run SQL over your data warehouse with a service account.",
        ),
        s(
            "open-meteo",
            "Open-Meteo",
            "api.open-meteo.com",
            None,
            true,
            "Weather forecasts for any place. Nothing to sign in to.",
        ),
        s("jira", "Jira", "api.atlassian.com", OAuth2, false, "Track issues and sprints. Retired in this workspace."),
    ]
}

/// Slugs that have a drawn logo served at `/logos/<slug>.svg`.
pub fn has_logo(slug: &str) -> bool {
    super::logos::svg(slug).is_some()
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 30, 0).single().unwrap_or_default()
}

/// The seed integrations, with logo URLs on the sandbox's public base URL.
pub fn integrations(public_base: &Url) -> Vec<Integration> {
    seeds()
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let n = i as u32;
            Integration {
                integration_id: format!("int_{}", s.slug.replace('-', "_")),
                customer_integration_id: CustomerIntegrationId::parse(format!(
                    "ci_{:02}_{}",
                    n + 1,
                    s.slug.replace('-', "_")
                ))
                .unwrap_or_else(|_| unreachable_id()),
                active: s.active,
                name: s.name.to_owned(),
                description: Some(s.description.to_owned()),
                logo_url: has_logo(s.slug).then(|| logo_url(public_base, s.slug)),
                host: s.host.to_owned(),
                updated_at: at(2026, 10, 1 + n),
                created_at: at(2025, 3, 1 + n),
                auth_type: Some(s.auth),
            }
        })
        .collect()
}

/// `count` generated integrations (for benchmarks): the seeds repeated with numbered names, all active.
pub fn generated(public_base: &Url, count: usize) -> Vec<Integration> {
    let base: Vec<Integration> = integrations(public_base);
    (0..count)
        .map(|i| {
            let mut it = base[i % base.len()].clone();
            it.active = true;
            it.integration_id = format!("{}_{i}", it.integration_id);
            it.customer_integration_id =
                CustomerIntegrationId::parse(format!("ci_gen_{i:04}")).unwrap_or_else(|_| unreachable_id());
            it.name = format!("{} {}", it.name, i + 1);
            it
        })
        .collect()
}

pub fn logo_url(public_base: &Url, slug: &str) -> String {
    let mut u = public_base.clone();
    if let Ok(mut segs) = u.path_segments_mut() {
        segs.pop_if_empty().extend(["logos", &format!("{slug}.svg")]);
    }
    u.to_string()
}

fn unreachable_id() -> CustomerIntegrationId {
    // Seed ids are literals that always parse; this keeps the code free of unwrap.
    CustomerIntegrationId::parse("ci_invalid_seed").unwrap_or_else(|_| unreachable!())
}
