//! Live reads cannot be starved: a single-flight read whose every caller went away (a client that disconnected
//! from `POST /api/card-states` while the API was slow) still runs to its end, gives its concurrency permit back
//! and leaves the flights map; another user's page then shows real states.

use crate::helpers::*;
use std::time::{Duration, Instant};

async fn card_states(app: &TestApp, c: &Client) -> reqwest::Result<reqwest::Response> {
    c.post(app.url("/api/card-states"))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "application/json")
        .send()
        .await
}

#[test]
fn abandoned_card_reads_end_on_their_own_and_cannot_starve_other_users() {
    run(async {
        // Always live, 16 permits (the abandoned reads outnumber them) and the default card deadline of 2.5 s.
        let app = spawn_app(&[("PLUGBOARD_STATE_FRESH_SECONDS", "0"), ("PLUGBOARD_STATE_CONCURRENCY", "16")]).await;
        let leavers: Vec<Client> = futures::future::join_all((0..4).map(|u| app.signed_in_owned(format!("leaver-{u}")))).await;
        app.faults(json!({"latencyMs": 1500, "endpoints": ["user"]})).await;
        // 40 card requests (4 users x 10), each dropped mid-flight: 44 distinct reads, more than the 16 permits.
        let aborted = leavers.iter().flat_map(|c| (0..10).map(move |_| c)).map(|c| async {
            let cut = tokio::time::timeout(Duration::from_millis(300), card_states(&app, c)).await;
            assert!(cut.is_err(), "the request was abandoned before the API answered");
        });
        futures::future::join_all(aborted).await;
        assert!(app.state.connections.flights_in_flight() > 0, "the abandoned reads were in flight");
        app.faults(json!({})).await;

        // Every abandoned flight ends on its own (before the fix they stayed parked, holding their permits, until
        // someone asked for those same pairs again).
        let deadline = Instant::now() + Duration::from_secs(15);
        while app.state.connections.flights_in_flight() > 0 {
            assert!(Instant::now() < deadline, "{} abandoned reads never ended", app.state.connections.flights_in_flight());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }

        // Another user's page shows real states (not Unknown) within the card deadline.
        let c = app.signed_in("patient").await;
        let resp = card_states(&app, &c).await.unwrap();
        assert!(resp.status().is_success(), "{}", resp.status());
        let cards: Vec<(String, serde_json::Value)> = resp.json().await.unwrap();
        assert_eq!(cards.len(), 11);
        for (id, card) in &cards {
            assert_ne!(card["state"], json!("Unknown"), "{id}: {card}");
        }
    })
}
