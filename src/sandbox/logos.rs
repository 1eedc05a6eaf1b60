//! Logos drawn for this project (simple marks, not the vendors' trademarks), served by the sandbox.

pub fn svg(slug: &str) -> Option<&'static str> {
    Some(match slug {
        "slack" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4a154b"/><g stroke-width="7" stroke-linecap="round"><path d="M24 14v22" stroke="#36c5f0"/><path d="M40 28v22" stroke="#2eb67d"/><path d="M14 40h22" stroke="#ecb22e"/><path d="M28 24h22" stroke="#e01e5a"/></g></svg>"##
        }
        "github" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#24292f"/><circle cx="32" cy="30" r="15" fill="#fff"/><path d="M22 22l3-8 6 5h2l6-5 3 8z" fill="#fff"/><circle cx="26.5" cy="31" r="2.5" fill="#24292f"/><circle cx="37.5" cy="31" r="2.5" fill="#24292f"/><path d="M27 45v7M37 45v7" stroke="#fff" stroke-width="4" stroke-linecap="round"/></svg>"##
        }
        "google-drive" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#fff"/><path d="M24 12h16l16 28H40z" fill="#fbbc04"/><path d="M24 12 8 40l8 12 16-28z" fill="#0f9d58"/><path d="M16 52h32l8-12H24z" fill="#4285f4"/></svg>"##
        }
        "salesforce" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#00a1e0"/><g fill="#fff"><circle cx="22" cy="34" r="10"/><circle cx="32" cy="27" r="11"/><circle cx="43" cy="33" r="10"/><rect x="20" y="33" width="25" height="11" rx="5"/></g></svg>"##
        }
        "notion" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#fff"/><rect x="14" y="12" width="36" height="40" rx="4" fill="#fff" stroke="#111" stroke-width="4"/><path d="M24 42V22l16 20V22" fill="none" stroke="#111" stroke-width="4" stroke-linejoin="round"/></svg>"##
        }
        "linear" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#5e6ad2"/><circle cx="32" cy="32" r="18" fill="none" stroke="#fff" stroke-width="4"/><path d="M20 40 40 20M18 32l14-14M32 46l14-14" stroke="#fff" stroke-width="4" stroke-linecap="round"/></svg>"##
        }
        "stripe" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#635bff"/><path d="M42 22c-3-2-7-3-10-3-6 0-9 3-9 6 0 8 19 5 19 14 0 4-4 7-10 7-4 0-8-1-11-3" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/></svg>"##
        }
        "aws-s3" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#3f8624"/><path d="M16 20h32l-4 28H20z" fill="#fff"/><ellipse cx="32" cy="20" rx="16" ry="5" fill="#d9f2c8" stroke="#fff" stroke-width="2"/><path d="M19 32h26" stroke="#3f8624" stroke-width="3"/></svg>"##
        }
        "aws-cloudwatch" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#c7256d"/><circle cx="32" cy="32" r="18" fill="none" stroke="#fff" stroke-width="4"/><path d="M18 36h8l4-10 6 16 4-8h6" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/></svg>"##
        }
        "bigquery" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4386fa"/><circle cx="29" cy="29" r="14" fill="none" stroke="#fff" stroke-width="5"/><path d="M39 39l10 10" stroke="#fff" stroke-width="6" stroke-linecap="round"/><path d="M23 33v-4M29 33v-9M35 33v-6" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>"##
        }
        "open-meteo" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#ff8800"/><circle cx="26" cy="26" r="9" fill="#ffe066"/><g fill="#fff"><circle cx="30" cy="42" r="8"/><circle cx="40" cy="37" r="10"/><rect x="22" y="40" width="28" height="10" rx="5"/></g></svg>"##
        }
        "jira" => {
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0052cc"/><path d="M32 12 52 32 32 52 12 32z" fill="none" stroke="#fff" stroke-width="5" stroke-linejoin="round"/><path d="M32 24l8 8-8 8-8-8z" fill="#fff"/></svg>"##
        }
        _ => return None,
    })
}
