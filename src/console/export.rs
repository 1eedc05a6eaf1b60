//! `GET /admin/export.csv`: the matrix, filtered as on the page, as CSV. Streamed in chunks of users (memory stays
//! flat at any size), quoted by the `csv` crate, and safe to open in a spreadsheet: a cell that would start a
//! formula gets a leading `'`. Admins only. Server only.

use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, Profile, StateKey};
use crate::filters::{MatrixFilter, UrlFilter};
use crate::services::admin::Access;
use crate::services::registry::MatrixQuery;
use crate::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use std::collections::HashMap;
use tower_sessions::Session;

/// Bytes of CSV sent at a time.
const CHUNK_BYTES: usize = 64 * 1024;

/// Walks the filtered users with their snapshots (one streamed query, a row per user, in user id order) and sends
/// CSV in chunks; stops when the client has gone, closing the walk's connection (its query ends).
async fn walk(
    db: &crate::platform::db::Db,
    filter: &MatrixFilter,
    ids: &[CustomerIntegrationId],
    tx: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), ExportError> {
    use futures::TryStreamExt;
    let q = MatrixQuery { organization: filter.org.as_deref(), search: &filter.q, state: filter.state, integrations: ids };
    let columns: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let mut out = Csv { w: Vec::with_capacity(CHUNK_BYTES + 4096), cells: vec![None; ids.len()], columns };
    let mut qb = crate::platform::db::Db::export_query(&q);
    let mut built = crate::platform::db::Built::new(&mut qb)?;
    let mut walk = crate::platform::db::Walk::begin(db).await?;
    let mut rows = built.fetch(walk.conn());
    while let Some(r) = rows.try_next().await.map_err(crate::platform::db::DbError::from)? {
        out.row(&r)?;
        if out.w.len() >= CHUNK_BYTES {
            let chunk = std::mem::replace(&mut out.w, Vec::with_capacity(CHUNK_BYTES + 4096));
            if tx.send(Ok(Bytes::from(chunk))).await.is_err() {
                return Ok(()); // the client has gone: the walk's connection is closed as it drops
            }
        }
    }
    drop(rows);
    walk.finished();
    let _ = tx.send(Ok(Bytes::from(out.w))).await;
    Ok(())
}

/// The CSV being written, and how a row's snapshots map to its columns. Written by hand rather than field by field
/// through the `csv` crate: most fields are state keys and times that never need quoting; the host's values go
/// through [`push_field`] (quoted as the crate does, and guarded against formulas).
struct Csv<'a> {
    w: Vec<u8>,
    cells: Vec<Option<(StateKey, i64)>>,
    columns: HashMap<&'a str, usize>,
}

impl Csv<'_> {
    /// One user's line from `user_id, first_seen, last_seen, profile, cells`.
    fn row(&mut self, r: &sqlx::any::AnyRow) -> Result<(), ExportError> {
        use sqlx::Row;
        let out = &mut self.w;
        let user: &str = r.try_get(0)?;
        push_field(out, user, false);
        // What the host said about the user: its data, so guarded like the user id.
        let profile: Profile = r.try_get::<Option<&str>, _>(3)?.and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
        let org = profile.organization.as_ref();
        for field in [
            profile.display_name.as_deref().unwrap_or(""),
            profile.email.as_deref().unwrap_or(""),
            org.map(|o| o.id.as_str()).unwrap_or(""),
            org.and_then(|o| o.name.as_deref()).unwrap_or(""),
            &profile.tags_text(),
        ] {
            push_field(out, field, true);
        }
        out.push(b',');
        push_time(out, r.try_get(1)?);
        out.push(b',');
        push_time(out, r.try_get(2)?);
        let packed: Option<&str> = r.try_get(4)?;
        crate::services::registry::export_cells(packed, &self.columns, &mut self.cells);
        // Stored state keys and times: nothing to quote, nothing a spreadsheet could read as a formula.
        for cell in &self.cells {
            out.push(b',');
            match cell {
                Some((state, checked)) => {
                    out.extend_from_slice(state.as_str().as_bytes());
                    out.push(b',');
                    push_time(out, *checked);
                }
                None => {
                    out.extend_from_slice(StateKey::Unknown.as_str().as_bytes());
                    out.push(b',');
                }
            }
        }
        out.extend_from_slice(b"\r\n");
        Ok(())
    }
}

/// A field (after a comma unless it is the line's first): quoted when it holds a comma, a quote or a line break (as
/// the `csv` crate's `QuoteStyle::Necessary` does), with a `'` in front when a spreadsheet would read a formula.
fn push_field(out: &mut Vec<u8>, value: &str, comma: bool) {
    if comma {
        out.push(b',');
    }
    let value = spreadsheet_safe(value);
    if value.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        out.push(b'"');
        for b in value.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(value.as_bytes());
    }
}

/// A stored time (unix ms) as `2026-11-28T12:00:00Z`, written directly (the export writes one per cell).
fn push_time(out: &mut Vec<u8>, ms: i64) {
    use chrono::{Datelike, Timelike};
    let t = crate::platform::db::from_ms(ms);
    let y = t.year().clamp(0, 9999) as u32;
    let d = |v: u32| b'0' + (v % 10) as u8;
    let (mo, da, h, mi, se) = (t.month(), t.day(), t.hour(), t.minute(), t.second());
    out.extend_from_slice(&[
        d(y / 1000), d(y / 100), d(y / 10), d(y), b'-', d(mo / 10), d(mo), b'-', d(da / 10), d(da), b'T',
        d(h / 10), d(h), b':', d(mi / 10), d(mi), b':', d(se / 10), d(se), b'Z',
    ]);
}

#[cfg(test)]
fn rfc3339(ms: i64) -> String {
    let mut out = Vec::new();
    push_time(&mut out, ms);
    String::from_utf8(out).unwrap_or_default()
}

#[derive(Debug, thiserror::Error)]
enum ExportError {
    #[error(transparent)]
    Db(#[from] crate::platform::db::DbError),
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
}

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
    for f in fields {
        w.write_field(spreadsheet_safe(f).as_bytes())?;
    }
    w.write_record(std::iter::empty::<&[u8]>())
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

/// Who may download an export: an admin (viewers read pages only); else the answer to send.
pub async fn exporter(state: &AppState, session: &Session) -> Result<crate::services::admin::AdminSession, Response> {
    match crate::services::admin::access(&state.config.console, session).await {
        Access::Admin(who) if who.role == crate::domain::AdminRole::Admin => Ok(who),
        Access::Admin(_) => Err((StatusCode::FORBIDDEN, "Viewers read the console's pages; exports are for admins.").into_response()),
        Access::Off => Err((StatusCode::NOT_FOUND, "The admin console is off.").into_response()),
        Access::Anonymous => Err(Redirect::to("/admin").into_response()),
        Access::EndUser => Err((StatusCode::FORBIDDEN, "Admins only.").into_response()),
    }
}

pub async fn export_csv(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let who = match exporter(&state, &session).await {
        Ok(who) => who,
        Err(refused) => return refused,
    };
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
    super::ssr::record(&state, &who, EventKind::AdminExported, None, EventDetail::Exported(filter.to_query())).await;

    let mut head: Vec<String> =
        ["user_id", "display_name", "email", "organization_id", "organization_name", "tags", "first_seen", "last_seen"]
            .map(String::from)
            .to_vec();
    for (_, name) in &columns {
        head.push(name.clone());
        head.push(format!("{name} checked at"));
    }
    let header_line = {
        let mut w = writer();
        write_row(&mut w, head.iter().map(String::as_str)).and_then(|_| finish(w))
    };
    let ids: Vec<CustomerIntegrationId> = columns.iter().map(|(id, _)| id.clone()).collect();
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let db = state.db.clone();
    tokio::spawn(async move {
        if let Err(e) = walk(&db, &filter, &ids, &tx).await {
            tracing::error!(error = %e, "CSV export failed");
            let _ = tx.send(Err(std::io::Error::other("the export could not be completed"))).await;
        }
    });
    let rows = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|chunk| (chunk, rx)) });
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
    fn times_are_written_as_rfc3339() {
        for ms in [0_i64, 1_764_331_200_123, 253_402_300_799_000] {
            let t = crate::platform::db::from_ms(ms);
            assert_eq!(rfc3339(ms), t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "{ms}");
        }
    }

    #[test]
    fn quoting_and_formula_guard() {
        let line = csv_line(["plain", "a,b", "say \"hi\"", "line\nbreak", "=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\t=1", ""])
            .unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\t=1,\r\n"
        );
    }

    #[test]
    fn fields_written_by_hand_read_as_the_csv_crate_writes_them() {
        let fields = ["plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\t=1", "", " spaced ", "ü"];
        let mut by_hand = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            push_field(&mut by_hand, f, i > 0);
        }
        by_hand.extend_from_slice(b"\r\n");
        assert_eq!(String::from_utf8(by_hand).unwrap(), String::from_utf8(csv_line(fields).unwrap()).unwrap());
    }
}
