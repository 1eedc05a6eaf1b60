//! The README's "Integrating plugboard into your product" examples, run as written against a live portal: every `sh`
//! block after a `<!-- readme-example -->` marker, in order, with `PLUGBOARD` and `PLUGBOARD_API_TOKEN` set.

use crate::helpers::*;

#[test]
fn the_readme_examples_run_as_written() {
    run(async {
        const TOKEN: &str = "readme-api-token-0123456789";
        let app = spawn_app(&[("PLUGBOARD_API_TOKEN", TOKEN), ("PLUGBOARD_RETURN_HOSTS", "app.example.com")]).await;
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let blocks: Vec<&str> = readme
            .split("<!-- readme-example -->")
            .skip(1)
            .map(|rest| {
                let start = rest.find("```sh\n").expect("an sh block after the marker") + 6;
                let end = rest[start..].find("```").unwrap() + start;
                &rest[start..end]
            })
            .collect();
        assert_eq!(blocks.len(), 5, "mint, deep link, read, events, erase");
        let mut outputs = Vec::new();
        for block in &blocks {
            let base = app.base.clone();
            let script = block.to_string();
            let out = tokio::task::spawn_blocking(move || {
                std::process::Command::new("bash")
                    .args(["-euo", "pipefail", "-c", &script])
                    .env("PLUGBOARD", base)
                    .env("PLUGBOARD_API_TOKEN", TOKEN)
                    .output()
                    .unwrap()
            })
            .await
            .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(out.status.success(), "{block}\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
            outputs.push(stdout);
        }
        let minted: serde_json::Value = serde_json::from_str(&outputs[0]).unwrap();
        assert!(minted["url"].as_str().unwrap().contains("/link/v2."));
        let deep: serde_json::Value = serde_json::from_str(&outputs[1]).unwrap();
        assert!(deep["url"].as_str().unwrap().contains("/link/v2."));
        let read: serde_json::Value = serde_json::from_str(&outputs[2]).unwrap();
        assert_eq!(read["userId"], "u_123");
        assert!(!read["connections"].as_array().unwrap().is_empty());
        let events: serde_json::Value = serde_json::from_str(&outputs[3]).unwrap();
        assert_eq!(events["events"][0]["kind"], "link_minted");
        assert_eq!(outputs[4].trim(), "204");
        let info = app.state.db.user_info(&plugboard::domain::UserId::parse("u_123").unwrap()).await.unwrap();
        assert!(info.is_none(), "erased");
    })
}
