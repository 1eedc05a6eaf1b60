//! The host's brand as the portal serves it: what pages show ([`crate::ui::Brand`]) and the files behind it (the
//! accent stylesheet and a logo given as a file), under content-hashed names on our own origin (cached for a year;
//! the CSP stays as strict as before). Server only.

use super::config::brand::{BrandSettings, Logo};
use crate::ui::{Brand, BrandInfo, IntegrationHelp};
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};
use std::{collections::HashMap, sync::Arc};

/// The brand's files by name (`theme-<hash>.css`, `logo-<hash>.svg`).
#[derive(Clone, Debug, Default)]
pub struct BrandAssets(Arc<HashMap<String, (&'static str, bytes::Bytes)>>);

fn hashed(stem: &str, ext: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{stem}-{hash}.{ext}")
}

/// What the pages show and the files to serve.
pub fn build(settings: &BrandSettings) -> (Brand, BrandAssets) {
    let mut files = HashMap::new();
    let stylesheet = settings.colors.map(|accent| {
        let css = accent.stylesheet();
        let name = hashed("theme", "css", css.as_bytes());
        files.insert(name.clone(), ("text/css; charset=utf-8", bytes::Bytes::from(css)));
        format!("/brand/{name}")
    });
    let logo = settings.logo.as_ref().map(|logo| match logo {
        Logo::Remote(url) => url.to_string(),
        Logo::File { bytes, content_type, extension } => {
            let name = hashed("logo", extension, bytes);
            files.insert(name.clone(), (*content_type, bytes::Bytes::from(bytes.clone())));
            format!("/brand/{name}")
        }
    });
    let help = settings
        .help
        .iter()
        .map(|(id, h)| (id.clone(), IntegrationHelp { url: h.url.as_ref().map(|u| u.to_string()), text: h.text.clone() }))
        .collect();
    let info = BrandInfo {
        name: settings.name.clone(),
        logo,
        stylesheet,
        support_url: settings.support_url.as_ref().map(|u| u.to_string()),
        privacy_url: settings.privacy_url.as_ref().map(|u| u.to_string()),
        terms_url: settings.terms_url.as_ref().map(|u| u.to_string()),
        intro: settings.intro.clone(),
        help,
    };
    (Brand(Arc::new(info)), BrandAssets(Arc::new(files)))
}

/// `GET /brand/{file}`.
pub async fn serve(State(assets): State<BrandAssets>, Path(file): Path<String>) -> Response {
    match assets.0.get(&file) {
        Some((content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
            ],
            bytes.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
