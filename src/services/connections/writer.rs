//! Writes observed states to the status snapshot off the request path, many per transaction; and counts what goes
//! wrong, logged once per interval rather than once per card.

use super::Observation;
use crate::platform::db::Db;
use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};
use std::time::Duration;

/// Observations waiting to be written; beyond this they are dropped (the next view brings fresh ones).
const QUEUE: usize = 2_000;

/// What went wrong since the last report.
#[derive(Default)]
pub(super) struct Tally {
    pub failed: AtomicU64,
    pub cut_off: AtomicU64,
    pub rate_limited: AtomicU64,
    pub dropped: AtomicU64,
}

impl Tally {
    /// Logs the counts every `every`, one line, only when something happened.
    pub(super) fn spawn_reporter(self: &Arc<Self>, every: Duration) {
        let tally = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(t) = tally.upgrade() else { return };
                let take = |c: &AtomicU64| c.swap(0, Ordering::Relaxed);
                let (failed, cut_off, rate_limited, dropped) =
                    (take(&t.failed), take(&t.cut_off), take(&t.rate_limited), take(&t.dropped));
                if failed + cut_off + rate_limited + dropped > 0 {
                    tracing::warn!(
                        failed,
                        cut_off,
                        rate_limited,
                        dropped,
                        interval_secs = every.as_secs(),
                        "connection state reads that got no answer, and snapshot writes dropped, in the last interval"
                    );
                }
            }
        });
    }
}

/// Writes snapshots off the request path, many per transaction.
#[derive(Clone)]
pub(super) struct SnapshotWriter {
    tx: tokio::sync::mpsc::Sender<Message>,
    tally: Arc<Tally>,
}

enum Message {
    Observe(Observation),
    /// Write everything queued before this, then answer.
    Flush(tokio::sync::oneshot::Sender<()>),
}

impl SnapshotWriter {
    pub(super) fn spawn(db: Db, tally: Arc<Tally>, endpoints: Arc<[String]>) -> Self {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Message>(QUEUE);
        tokio::spawn(async move {
            let mut batch = Vec::new();
            while let Some(first) = rx.recv().await {
                let mut flushed = Vec::new();
                let mut next = Some(first);
                while let Some(m) = next.take() {
                    match m {
                        Message::Observe(o) => batch.push(o),
                        Message::Flush(done) => flushed.push(done),
                    }
                    if batch.len() < 1000 {
                        next = rx.try_recv().ok();
                    }
                }
                if !batch.is_empty() {
                    // The record path takes its locks in one order (users, then pairs) whatever the batch's order.
                    if let Err(e) = db.record_observations(&batch, &endpoints).await {
                        tracing::warn!(error = %e, count = batch.len(), "writing status snapshots failed");
                    }
                    batch.clear();
                }
                for done in flushed {
                    let _ = done.send(());
                }
            }
        });
        SnapshotWriter { tx, tally }
    }

    pub(super) async fn flush(&self) {
        let (done, written) = tokio::sync::oneshot::channel();
        if self.tx.send(Message::Flush(done)).await.is_ok() {
            let _ = written.await;
        }
    }

    /// Queues an observation; when the queue is full the observation is dropped (the next view brings a fresh one).
    pub(super) fn observe(&self, o: Observation) {
        if self.tx.try_send(Message::Observe(o)).is_err() {
            self.tally.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}
