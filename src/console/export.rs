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

/// Walks the filtered users with their snapshots (one streamed query, a row per user) and sends CSV in chunks;
/// stops when the client has gone.
async fn walk(
    db: &crate::platform::db::Db,
    filter: &MatrixFilter,
    ids: &[CustomerIntegrationId],
    tx: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), ExportError> {
    use futures::TryStreamExt;
    use sqlx::Row;
    let q = MatrixQuery { organization: filter.org.as_deref(), search: &filter.q, state: filter.state, integrations: ids };
    let mut qb = crate::platform::db::Db::export_query(&q);
    let mut built = crate::platform::db::Built::new(&mut qb)?;
    let mut walk = crate::platform::db::Walk::begin(db).await?;
    let mut rows = built.fetch(walk.conn());
    let columns: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let mut cells = vec![None; ids.len()];
    let mut out = writer();
    while let Some(r) = rows.try_next().await.map_err(crate::platform::db::DbError::from)? {
        let user: String = r.try_get(0)?;
        out.write_field(spreadsheet_safe(&user).as_bytes())?;
        // What the host said about the user: its data, so guarded like the user id.
        let profile: Profile = r.try_get::<Option<String>, _>(3)?.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default();
        let org = profile.organization.as_ref();
        for field in [
            profile.display_name.as_deref().unwrap_or(""),
            profile.email.as_deref().unwrap_or(""),
            org.map(|o| o.id.as_str()).unwrap_or(""),
            org.and_then(|o| o.name.as_deref()).unwrap_or(""),
            &profile.tags_text(),
        ] {
            out.write_field(spreadsheet_safe(field).as_bytes())?;
        }
        out.write_field(rfc3339(r.try_get(1)?))?;
        out.write_field(rfc3339(r.try_get(2)?))?;
        let packed: Option<String> = r.try_get(4)?;
        crate::services::registry::export_cells(packed.as_deref(), &columns, &mut cells);
        // Stored state keys and numbers: nothing a spreadsheet could read as a formula.
        for cell in &cells {
            match cell {
                Some((state, checked)) => {
                    out.write_field(state.as_str())?;
                    out.write_field(rfc3339(*checked))?;
                }
                None => {
                    out.write_field(StateKey::Unknown.as_str())?;
                    out.write_field("")?;
                }
            }
        }
        out.write_record(std::iter::empty::<&[u8]>())?;
        if out.get_ref().len() >= CHUNK_BYTES {
            let chunk = std::mem::replace(&mut out, writer());
            if tx.send(Ok(Bytes::from(finish(chunk)?))).await.is_err() {
                drop(rows);
                walk.abandon(); // the client has gone: so does the query
                return Ok(());
            }
        }
    }
    let _ = tx.send(Ok(Bytes::from(finish(out)?))).await;
    Ok(())
}

/// A stored time (unix ms) as `2026-11-28T12:00:00Z`, written directly (the export writes one per cell).
fn rfc3339(ms: i64) -> String {
    use chrono::{Datelike, Timelike};
    let t = crate::platform::db::from_ms(ms);
    let mut s = String::with_capacity(20);
    let two = |s: &mut String, v: u32, sep: char| {
        s.push(char::from(b'0' + (v / 10 % 10) as u8));
        s.push(char::from(b'0' + (v % 10) as u8));
        s.push(sep);
    };
    let y = t.year().clamp(0, 9999) as u32;
    two(&mut s, y / 100, char::from(b'0' + (y / 10 % 10) as u8));
    s.push(char::from(b'0' + (y % 10) as u8));
    s.push('-');
    two(&mut s, t.month(), '-');
    two(&mut s, t.day(), 'T');
    two(&mut s, t.hour(), ':');
    two(&mut s, t.minute(), ':');
    two(&mut s, t.second(), 'Z');
    s
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
}
