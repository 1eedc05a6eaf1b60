//! The site's built assets under `/pkg/`: cargo-leptos names them with a content hash (`hash-files`), writes the
//! hashes to `hash.txt` beside the binary, and the pages link the hashed names. A hashed name never changes content,
//! so it is cached for a year, immutable; anything else under `/pkg/` is revalidated. The binary and `target/site`
//! stay the whole deployable.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use std::path::PathBuf;

/// Where cargo-leptos writes the hashes: beside the running binary.
fn hash_file(name: &str) -> Option<PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join(name))
}

/// Links the hashed assets that are in the site itself (`<site root>/<pkg>/<output>.<hash>.{js,wasm,css}`, the newest
/// of each when a folder holds several builds), whatever the environment says and wherever `hash.txt` is: the binary
/// and `target/site` are the whole deployable. Without hashed assets, the plain names are linked.
pub fn link_built_assets(options: &mut leptos::config::LeptosOptions) {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let output = options.output_name.to_string();
    let mut newest: std::collections::HashMap<&'static str, (std::time::SystemTime, String)> = Default::default();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let parts: Vec<&str> = name.split('.').collect();
        let [stem, hash, ext] = parts[..] else { continue };
        let Some(ext) = ["js", "wasm", "css"].into_iter().find(|e| *e == ext) else { continue };
        if stem != output || !is_hashed(&format!("/pkg/{name}")) {
            continue;
        }
        let modified = entry.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
        if newest.get(ext).is_none_or(|(t, _)| modified > *t) {
            newest.insert(ext, (modified, hash.to_owned()));
        }
    }
    if newest.len() < 3 {
        options.hash_files = false;
        return;
    }
    let text: String = ["js", "wasm", "css"].iter().map(|e| format!("{e}: {}\n", newest[e].1)).collect();
    let file = std::env::temp_dir().join(format!("plugboard-assets-{}.txt", std::process::id()));
    match std::fs::write(&file, text) {
        Ok(()) => {
            // An absolute path: Leptos joins it to the binary's folder, which leaves it as it is.
            options.hash_file = file.to_string_lossy().into_owned().into();
            options.hash_files = true;
        }
        Err(e) => tracing::warn!(error = %e, "the assets' hashes could not be noted; linking plain names"),
    }
}

/// The stylesheet's URL (`/pkg/plugboard.<hash>.css`), for pages rendered outside Leptos (the 429 page).
pub fn css_href(options: &leptos::config::LeptosOptions) -> String {
    let mut name = options.output_name.to_string();
    if options.hash_files {
        let hashes = hash_file(&options.hash_file).and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
        if let Some(hash) = hashes.lines().find_map(|l| l.trim().strip_prefix("css:")) {
            name.push('.');
            name.push_str(hash.trim());
        }
    }
    format!("/{}/{name}.css", options.site_pkg_dir)
}

/// A `/pkg/` file name with a content hash in it: `<output>.<hash>.<ext>` (and `<output>.<hash>_bg.wasm`).
fn is_hashed(path: &str) -> bool {
    let Some(file) = path.strip_prefix("/pkg/") else { return false };
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() == 3 && parts[1].len() >= 8 && parts[1].trim_end_matches("_bg").chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Hashed assets are cached for a year, immutable; other `/pkg/` files are revalidated every time.
pub async fn cache_assets(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut resp = next.run(req).await;
    if path.starts_with("/pkg/") && resp.status().is_success() {
        let value = if is_hashed(&path) { "public, max-age=31536000, immutable" } else { "no-cache" };
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    resp
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names() {
        for (path, hashed) in [
            ("/pkg/plugboard.1a2b3c4d5e6f.js", true),
            ("/pkg/plugboard.1a2b3c4d5e6f.css", true),
            ("/pkg/plugboard.1a2b3c4d5e6f_bg.wasm", true),
            ("/pkg/plugboard.js", false),
            ("/pkg/plugboard_bg.wasm", false),
            ("/favicon.svg", false),
        ] {
            assert_eq!(super::is_hashed(path), hashed, "{path}");
        }
    }
}
