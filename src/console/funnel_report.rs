//! The funnel page's figures, from the roll-up's hourly buckets: grouped overall, per sign-in type and per
//! integration, filtered, with the outcomes per day (per hour over 24 hours) and connection health per day. Server
//! only; the page ([`super::funnel`]) and the CSV ([`csv`]) both read what [`report`] builds.

use super::funnel::{Bar, FunnelView, Group};
use crate::domain::funnel::{Counts, Health, Step, Tally, Window, OUTCOMES};
use crate::domain::{AuthType, CustomerIntegrationId, Integration};
use crate::filters::FunnelFilter;
use crate::services::registry::funnel::{Bucket, Timing};
use chrono::{DateTime, TimeZone, Utc};

/// The key of the group of events that name no integration (a plain link's opening, use or refusal). Not an id
/// (ids are the API's), and left out of the CSV, whose rows are per integration (they count in the whole funnel).
pub const NO_INTEGRATION: &str = "none";
/// The key of the sign-in type group of integrations the active list does not hold.
const UNLISTED: &str = "unlisted";

/// Whose bucket: an integration of the list, one it no longer lists, or none (a plain link's events).
fn integration_name(list: &[Integration], id: &Option<CustomerIntegrationId>) -> String {
    match id {
        None => "No integration (plain links)".into(),
        Some(id) => list.iter().find(|i| &i.customer_integration_id == id).map(|i| i.name.clone()).unwrap_or_else(|| id.to_string()),
    }
}

/// The sign-in type of a bucket's integration: `None` for events that name no integration, `Some(None)` for an
/// integration the active list does not hold (switched off, or the list could not be read).
fn auth_of(list: &[Integration], id: &Option<CustomerIntegrationId>) -> Option<Option<AuthType>> {
    let id = id.as_ref()?;
    Some(list.iter().find(|i| &i.customer_integration_id == id).map(|i| i.auth_type.clone().unwrap_or(AuthType::Other(String::new()))))
}

/// The first hour a window counts: this hour and the ones before, `window.hours()` in all.
pub fn window_start(window: Window, now: DateTime<Utc>) -> DateTime<Utc> {
    let hour = now.timestamp().div_euclid(3600) - (window.hours() - 1);
    Utc.timestamp_opt(hour * 3600, 0).single().unwrap_or(now)
}

fn timing_words(t: &Timing) -> (String, String, i64) {
    (crate::ui::duration_words((t.median_ms as u64).div_ceil(1000)), crate::ui::duration_words((t.p90_ms as u64).div_ceil(1000)), t.of)
}

/// Builds the page's figures.
pub fn report(
    filter: FunnelFilter,
    list: &[Integration],
    buckets: Vec<Bucket>,
    timings: Vec<(Option<CustomerIntegrationId>, Timing)>,
    now: DateTime<Utc>,
) -> FunnelView {
    let kept: Vec<Bucket> = buckets
        .into_iter()
        .filter(|b| filter.integration.is_none() || b.integration == filter.integration)
        .filter(|b| filter.auth.is_none() || auth_of(list, &b.integration).flatten() == filter.auth)
        .collect();
    let mut overall = Counts::new();
    let mut by_integration: Vec<(Option<CustomerIntegrationId>, Counts)> = Vec::new();
    let mut by_auth: Vec<(Option<Option<AuthType>>, Counts)> = Vec::new();
    for b in &kept {
        overall.add(b.tally, b.n);
        match by_integration.iter_mut().find(|(k, _)| *k == b.integration) {
            Some((_, c)) => c.add(b.tally, b.n),
            None => {
                let mut c = Counts::new();
                c.add(b.tally, b.n);
                by_integration.push((b.integration.clone(), c));
            }
        }
        let auth = auth_of(list, &b.integration);
        match by_auth.iter_mut().find(|(k, _)| *k == auth) {
            Some((_, c)) => c.add(b.tally, b.n),
            None => {
                let mut c = Counts::new();
                c.add(b.tally, b.n);
                by_auth.push((auth, c));
            }
        }
    }
    let timing = |key: &Option<CustomerIntegrationId>| timings.iter().find(|(k, _)| k == key).map(|(_, t)| timing_words(t));
    let mut integrations: Vec<Group> = by_integration
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(id, counts)| Group {
            key: id.as_ref().map(|i| i.to_string()).unwrap_or_else(|| NO_INTEGRATION.to_owned()),
            name: integration_name(list, &id),
            timing: id.as_ref().and_then(|_| timing(&id)),
            counts,
        })
        .collect();
    integrations.sort_by(|a, b| b.counts.step(Step::ConnectPressed).cmp(&a.counts.step(Step::ConnectPressed)).then(a.name.cmp(&b.name)));
    let mut auth_types: Vec<Group> = by_auth
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(auth, counts)| Group {
            key: match &auth {
                None => NO_INTEGRATION.to_owned(),
                Some(None) => UNLISTED.to_owned(),
                Some(Some(a)) => a.as_str().to_owned(),
            },
            name: match &auth {
                None => "No integration (plain links)".into(),
                Some(None) => "Integrations not in the active list".into(),
                Some(Some(AuthType::Other(raw))) if raw.is_empty() => "Sign-in type not given".into(),
                Some(Some(a)) => a.label(),
            },
            timing: None,
            counts,
        })
        .collect();
    auth_types.sort_by(|a, b| a.name.cmp(&b.name));
    // Outcomes per day (per hour over 24 hours), oldest first, every period shown even when empty.
    // Per day, bars are UTC calendar days (the first one partly inside the window), labelled with their date.
    let per = if filter.window == Window::Day { 1 } else { 24 };
    let start_hour = window_start(filter.window, now).timestamp().div_euclid(3600);
    let first = start_hour - start_hour.rem_euclid(per);
    let periods = ((now.timestamp().div_euclid(3600) - first) / per + 1) as usize;
    let label = |i: usize| {
        let t = Utc.timestamp_opt((first + i as i64 * per) * 3600, 0).single().unwrap_or(now);
        if per == 1 { t.format("%H:00").to_string() } else { t.format("%-d %b").to_string() }
    };
    let mut outcomes: Vec<Bar> = (0..periods).map(|i| Bar { label: label(i), values: vec![0; OUTCOMES.len()] }).collect();
    let mut health: Vec<Bar> = (0..periods).map(|i| Bar { label: label(i), values: vec![0; Health::ALL.len()] }).collect();
    for b in &kept {
        let Some(i) = usize::try_from((b.hour - first).div_euclid(per)).ok().filter(|i| *i < periods) else { continue };
        if let Some(k) = OUTCOMES.iter().position(|t| *t == b.tally) {
            outcomes[i].values[k] += b.n;
        }
        if let Tally::Health(h) = b.tally {
            if let Some(k) = Health::ALL.iter().position(|x| *x == h) {
                health[i].values[k] += b.n;
            }
        }
    }
    let overall = Group { key: String::new(), name: "All integrations".into(), timing: timing(&None), counts: overall };
    let mut known: Vec<AuthType> = list.iter().filter_map(|i| i.auth_type.clone()).collect();
    known.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    known.dedup();
    FunnelView {
        filter,
        integrations_list: list.iter().map(|i| (i.customer_integration_id.clone(), i.name.clone())).collect(),
        auth_list: known.into_iter().map(|a| (a.as_str().to_owned(), a.label())).collect(),
        overall,
        auth_types,
        integrations,
        hourly: per == 1,
        outcomes,
        health,
        lost: Vec::new(),
        lost_more: false,
        minted: None,
        list_unavailable: false,
        viewer: false,
    }
}

/// `/admin/funnel.csv`: one row per (integration, step or drop-off), the whole funnel first (an empty id); events
/// that name no integration count in the whole funnel only. Names guarded against spreadsheet formulas.
pub fn csv(v: &FunnelView) -> Result<String, csv::Error> {
    use crate::console::export::spreadsheet_safe;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(["integration_id", "integration", "kind", "name", "count"])?;
    for g in std::iter::once(&v.overall).chain(v.integrations.iter().filter(|g| g.key != NO_INTEGRATION)) {
        let rows = g.counts.steps.iter().map(|(s, n)| ("step", s.as_str(), n));
        let rows = rows.chain(g.counts.drop_offs.iter().map(|(d, n)| ("drop_off", d.as_str(), n)));
        for (kind, name, n) in rows {
            w.write_record([&*spreadsheet_safe(&g.key), &*spreadsheet_safe(&g.name), kind, name, &n.to_string()])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `GET /admin/funnel.csv?window=...`: the page's funnels as CSV, for admins (an export, recorded as one).
pub async fn funnel_csv(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(params): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use crate::domain::{EventDetail, EventKind};
    use crate::filters::UrlFilter;
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let who = match super::export::exporter(&state, &session).await {
        Ok(who) => who,
        Err(refused) => return refused,
    };
    let filter = FunnelFilter::from_pairs(|k| params.get(k).cloned());
    let query = filter.to_query();
    let figures = match super::funnel::figures(&state, filter).await {
        Ok(v) if v.list_unavailable => {
            let words = "The integration list could not be read from the API, so the funnel cannot name its integrations. Try again in a moment.";
            return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "30")], words).into_response();
        }
        other => other.map_err(|e| e.to_string()),
    };
    let body = match figures.and_then(|v| csv(&v).map_err(|e| e.to_string())) {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "funnel CSV failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "The funnel could not be read. Try again in a moment.").into_response();
        }
    };
    let detail = EventDetail::Exported(format!("funnel {query}").trim_end().to_owned());
    super::ssr::record(&state, &who, EventKind::AdminExported, None, detail).await;
    let name = format!("plugboard-funnel-{}.csv", chrono::Utc::now().format("%Y%m%d-%H%M"));
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funnel::DropOff;

    fn at(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw).unwrap().with_timezone(&Utc)
    }

    fn bucket(hour_of: &str, integration: Option<&str>, tally: Tally, n: i64) -> Bucket {
        Bucket {
            hour: at(hour_of).timestamp().div_euclid(3600),
            integration: integration.map(|i| CustomerIntegrationId::parse(i).unwrap()),
            tally,
            n,
        }
    }

    fn slack() -> Integration {
        serde_json::from_value(serde_json::json!({
            "integrationId": "i1", "customerIntegrationId": "ci_01_slack", "active": true, "name": "Slack", "host": "slack.com",
            "updatedAt": "2026-01-01T00:00:00Z", "createdAt": "2026-01-01T00:00:00Z", "authType": "OAUTH2"
        }))
        .unwrap()
    }

    #[test]
    fn daily_bars_are_calendar_days_ending_today() {
        let now = at("2026-06-08T10:30:00Z");
        let verified = Tally::Step(Step::Verified);
        let buckets = vec![
            bucket("2026-06-08T09:00:00Z", Some("ci_01_slack"), verified, 2),
            bucket("2026-06-07T23:00:00Z", Some("ci_01_slack"), verified, 3),
            bucket("2026-06-01T11:00:00Z", Some("ci_01_slack"), verified, 5),
        ];
        let v = report(FunnelFilter::default(), &[slack()], buckets, vec![], now);
        let labels: Vec<&str> = v.outcomes.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"1 Jun"), "the window's first day, partly inside");
        assert_eq!(labels.last(), Some(&"8 Jun"), "today is the last bar");
        let day = |label: &str| v.outcomes.iter().find(|b| b.label == label).unwrap().values[0];
        assert_eq!((day("8 Jun"), day("7 Jun"), day("1 Jun")), (2, 3, 5));
        let day_window = FunnelFilter { window: Window::Day, ..Default::default() };
        let hourly = report(day_window, &[slack()], vec![bucket("2026-06-08T10:00:00Z", None, verified, 1)], vec![], now);
        assert_eq!((hourly.outcomes.len(), hourly.outcomes.last().map(|b| b.label.as_str())), (24, Some("10:00")));
    }

    #[test]
    fn an_integration_off_the_list_is_not_a_plain_link() {
        let now = at("2026-06-08T10:30:00Z");
        let refused = Tally::DropOff(DropOff::AuthorizeRefused);
        let buckets = vec![
            bucket("2026-06-08T09:00:00Z", Some("ci_gone"), refused, 1),
            bucket("2026-06-08T09:00:00Z", None, Tally::Step(Step::LinkOpened), 1),
            bucket("2026-06-08T09:00:00Z", Some("ci_01_slack"), refused, 1),
        ];
        let v = report(FunnelFilter::default(), &[slack()], buckets, vec![], now);
        let keys: Vec<&str> = v.auth_types.iter().map(|g| g.key.as_str()).collect();
        assert!(keys.contains(&"unlisted") && keys.contains(&"none") && keys.contains(&"OAUTH2"), "{keys:?}");
        let csv = csv(&v).unwrap();
        assert!(csv.contains("ci_gone,ci_gone,drop_off,authorize_refused,1") && !csv.contains("\r\nnone,"), "{csv}");
    }
}
