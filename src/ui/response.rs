//! Setting the HTTP response from a component while it renders on the server (a no-op in the browser).

/// Sets the status code of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Answers the page being rendered with `302 Found` to `path`, whatever the client accepts (`leptos_axum::redirect`
/// only sets the status for clients that accept HTML, as it is meant for server functions).
pub fn redirect_page(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(location)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(path))
    {
        opts.insert_header(http::header::LOCATION, location);
        opts.set_status(http::StatusCode::FOUND);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// The Content-Security-Policy for pages, with `{nonce}` where the per-response nonce goes. Built once from
/// configuration on the server and provided to every render.
#[derive(Clone, Debug, Default)]
pub struct CspTemplate(pub String);

/// Sets the page's Content-Security-Policy (server only; the nonce is the one Leptos puts on its inline scripts).
#[leptos::component]
pub fn SecurityPolicy() -> impl leptos::IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(template), Some(nonce), Some(opts)) = (
        leptos::prelude::use_context::<CspTemplate>(),
        leptos::nonce::use_nonce(),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&template.0.replace("{nonce}", &nonce)) {
            opts.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
