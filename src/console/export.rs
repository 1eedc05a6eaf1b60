//! `GET /admin/export.csv`: the matrix, filtered as on the page, as CSV. Streamed in chunks of users (memory stays
//! flat at any size), quoted by the `csv` crate, and safe to open in a spreadsheet: a cell that would start a
//! formula gets a leading `'`. Admins only. Server only.

use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, UserId};
use crate::filters::{MatrixFilter, UrlFilter};
use crate::services::admin::Access;
use crate::services::registry::{MatrixQuery, Order};
use crate::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use std::collections::HashMap;
use tower_sessions::Session;

/// Users per database read.
const CHUNK: i64 = 1000;

/// A spreadsheet reads a cell starting with `=`, `+`, `-`, `@` (or a tab / carriage return before one) as a
/// formula; such cells are prefixed with `'` so they stay text.
pub fn spreadsheet_safe(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

fn write_row<'a>(w: &mut csv::Writer<Vec<u8>>, fields: impl IntoIterator<Item = &'a str>) -> Result<(), csv::Error> {
    w.write_record(fields.into_iter().map(spreadsheet_safe).map(|c| c.into_owned()))
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    write_row(&mut w, fields)?;
    finish(w)
}

pub async fn export_csv(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    match crate::services::admin::access(state.config.console.admin_password.as_ref(), &session).await {
        Access::Admin => {}
        Access::Off => return (StatusCode::NOT_FOUND, "The admin console is off.").into_response(),
        Access::Anonymous => return Redirect::to("/admin").into_response(),
        Access::EndUser => return (StatusCode::FORBIDDEN, "Admins only.").into_response(),
    }
    let filter = MatrixFilter::from_pairs(|k| params.get(k).cloned());
    let columns = match state.catalog.columns().await {
        Ok(all) => super::matrix::shown_columns(&all, &filter),
        Err(_) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "30")],
                "The integration list could not be read from the API, so there is nothing to export. Try again in a moment.",
            )
                .into_response()
        }
    };
    super::ssr::record(&state, EventKind::AdminExported, None, EventDetail::Exported(filter.to_query())).await;

    let mut head = vec!["user_id".to_owned(), "first_seen".to_owned(), "last_seen".to_owned()];
    for (_, name) in &columns {
        head.push(name.clone());
        head.push(format!("{name} checked at"));
    }
    let header_line = {
        let mut w = writer();
        write_row(&mut w, head.iter().map(String::as_str)).and_then(|_| finish(w))
    };
    struct Walk {
        db: crate::platform::db::Db,
        filter: MatrixFilter,
        ids: Vec<CustomerIntegrationId>,
        after: Option<UserId>,
        done: bool,
    }
    let walk = Walk {
        db: state.db.clone(),
        ids: columns.iter().map(|(id, _)| id.clone()).collect(),
        filter,
        after: None,
        done: false,
    };
    let rows = futures::stream::unfold(walk, |mut w| async move {
        if w.done {
            return None;
        }
        let q = MatrixQuery { search: &w.filter.q, state: w.filter.state, integrations: &w.ids };
        let chunk = match w.db.matrix_rows(&q, Order::ById { after: w.after.as_ref() }, CHUNK).await {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "CSV export: reading the registry failed");
                w.done = true;
                return Some((Err(std::io::Error::other("the export could not be completed")), w));
            }
        };
        if (chunk.len() as i64) < CHUNK {
            w.done = true;
        }
        if chunk.is_empty() {
            return None;
        }
        let mut out = writer();
        for r in &chunk {
            let mut fields = vec![
                r.user.user.as_str().to_owned(),
                r.user.first_seen.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                r.user.last_seen.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ];
            for id in &w.ids {
                match r.snapshots.iter().find(|s| s.integration == *id) {
                    Some(s) => {
                        fields.push(s.state.key().as_str().to_owned());
                        fields.push(s.checked_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                    }
                    None => {
                        fields.push("unknown".into());
                        fields.push(String::new());
                    }
                }
            }
            if let Err(e) = write_row(&mut out, fields.iter().map(String::as_str)) {
                tracing::error!(error = %e, "CSV export: writing a row failed");
                w.done = true;
                return Some((Err(std::io::Error::other("the export could not be completed")), w));
            }
        }
        w.after = chunk.last().map(|r| r.user.user.clone());
        match finish(out) {
            Ok(bytes) => Some((Ok(Bytes::from(bytes)), w)),
            Err(e) => {
                tracing::error!(error = %e, "CSV export: writing a chunk failed");
                w.done = true;
                Some((Err(std::io::Error::other("the export could not be completed")), w))
            }
        }
    });
    let first = futures::stream::iter([header_line
        .map(Bytes::from)
        .map_err(|_| std::io::Error::other("the export could not be completed"))]);
    // Fused: a compressing layer polls once more after the end, which an `unfold` must not see.
    let body = Body::from_stream(futures::StreamExt::fuse(futures::StreamExt::chain(first, rows)));
    let filename = format!("connections-{}.csv", chrono::Utc::now().format("%Y%m%d-%H%M"));
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        let line = csv_line(["plain", "a,b", "say \"hi\"", "line\nbreak", "=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\t=1", ""])
            .unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\t=1,\r\n"
        );
    }
}
