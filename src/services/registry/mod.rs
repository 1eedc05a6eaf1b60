//! The registry: what plugboard knows about the host's users, written as things happen (links, page views, connects,
//! callbacks, checks) and read by the console and the refresher. Users ([`users`]), a status snapshot per (user,
//! integration) ([`snapshots`]), the append-only event log ([`events`]), the console's queries over them
//! ([`matrix`]) and generated demo data ([`seed`]). Everything goes in and comes out as the domain's types.

pub mod counts;
pub mod events;
pub mod funnel;
pub mod keyset;
pub mod matrix;
pub mod outbox;
pub mod picks;
pub mod seed;
pub mod snapshots;
pub mod users;

pub use counts::Summary;
pub use events::{Event, EventQuery};
pub use matrix::{export_cells, ColumnCounts, MatrixQuery, MatrixRow};
pub use outbox::{Attempted, Delivery, DeliveryStatus};
pub use snapshots::Snapshot;
pub use users::UserInfo;

use crate::platform::db::DbError;
use crate::domain::{CustomerIntegrationId, UserId};

/// Records without failing the request: the registry is for the console, the user's flow comes first.
pub async fn best_effort(what: &'static str, work: impl std::future::Future<Output = Result<(), DbError>>) {
    if let Err(e) = work.await {
        tracing::warn!(error = %e, what, "recording for the admin console failed");
    }
}

/// A stored user id, read back through its parser.
fn user_id(raw: String) -> Result<UserId, DbError> {
    UserId::parse(raw).map_err(|e| DbError::Invalid(e.to_string()))
}

/// A stored integration id, read back through its parser.
fn integration_id(raw: String) -> Result<CustomerIntegrationId, DbError> {
    CustomerIntegrationId::parse(raw).map_err(|e| DbError::Invalid(e.to_string()))
}
