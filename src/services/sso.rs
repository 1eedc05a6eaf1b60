//! Single sign-on for the console with OpenID Connect (the `openidconnect` crate, over our own reqwest): the
//! authorization code flow with PKCE, `state` and `nonce` checked, the ID token verified (signature, issuer,
//! audience, expiry, nonce), a verified email required and on `PLUGBOARD_ADMIN_ALLOWED` / `_VIEWERS`, and the
//! account bound to the issuer and subject its first sign-in presented. Server only.

use crate::domain::{AdminRole, SsoProblem};
use crate::platform::config::console::{AdminLists, OidcSettings};
use crate::platform::db::{ms, Db, DbError};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    OAuth2TokenResponse, RedirectUrl, Scope, TokenResponse,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::time::{Duration, Instant};
use url::Url;

/// How long a discovery document is kept.
const METADATA_TTL: Duration = Duration::from_secs(600);
/// How long a sign-in may take at the issuer.
pub const PENDING_TTL: chrono::Duration = chrono::Duration::minutes(10);

/// What the browser's session keeps between the start and the callback.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    started_at: chrono::DateTime<chrono::Utc>,
}

/// Who signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub role: AdminRole,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

/// The openidconnect crate's HTTP client: our reqwest (its own bundled one is another version).
struct Http(reqwest::Client);

type Answer<'c> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<openidconnect::HttpResponse, HttpError>> + Send + 'c>>;

impl<'c> openidconnect::AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future = Answer<'c>;

    fn call(&'c self, req: openidconnect::HttpRequest) -> Self::Future {
        let client = self.0.clone();
        Box::pin(async move {
            let (parts, body) = req.into_parts();
            let resp = client
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(|e| HttpError(e.to_string()))?;
            let mut out = http::Response::builder().status(resp.status());
            for (name, value) in resp.headers() {
                out = out.header(name, value);
            }
            let body = resp.bytes().await.map_err(|e| HttpError(e.to_string()))?;
            out.body(body.to_vec()).map_err(|e| HttpError(e.to_string()))
        })
    }
}

pub struct Sso {
    settings: OidcSettings,
    redirect: Url,
    http: Http,
    metadata: tokio::sync::Mutex<Option<(Instant, CoreProviderMetadata)>>,
    /// The authorization endpoint's origin, when discovery at start found it elsewhere than the issuer's.
    authorize_origin: std::sync::OnceLock<String>,
}

impl Sso {
    pub fn new(settings: OidcSettings, public_url: &Url) -> Result<Sso, String> {
        let mut redirect = public_url.clone();
        redirect.path_segments_mut().map_err(|_| "the public URL cannot be a base".to_owned())?.pop_if_empty().extend(["admin", "sso", "callback"]);
        // No redirects (the flow's endpoints answer directly) and a bounded wait.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Sso { settings, redirect, http: Http(http), metadata: tokio::sync::Mutex::new(None), authorize_origin: Default::default() })
    }

    /// The origins the sign-in form's answer may redirect to (the CSP's `form-action` allows them): the issuer's,
    /// and its authorization endpoint's when discovery at start found one elsewhere.
    pub fn form_origins(&self) -> Vec<String> {
        let mut out = vec![self.settings.issuer.origin().ascii_serialization()];
        out.extend(self.authorize_origin.get().filter(|o| !out.contains(o)).cloned());
        out
    }

    /// At start: reads the discovery document once (a few seconds at most; an issuer that is down then is read
    /// again at the first sign-in) to learn where its authorization endpoint is.
    pub async fn prefetch(&self) {
        match tokio::time::timeout(Duration::from_secs(3), self.metadata()).await {
            Ok(Ok(m)) => {
                let origin = m.authorization_endpoint().url().origin().ascii_serialization();
                let _ = self.authorize_origin.set(origin);
            }
            _ => tracing::warn!("single sign-on: the issuer's discovery document could not be read at start"),
        }
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, SsoProblem> {
        let mut cached = self.metadata.lock().await;
        if let Some((_, m)) = cached.as_ref().filter(|(at, _)| at.elapsed() < METADATA_TTL) {
            return Ok(m.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.as_str().trim_end_matches('/').to_owned()).map_err(|_| SsoProblem::IssuerDown)?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(|e| {
            tracing::warn!(error = %e, "single sign-on: the issuer's discovery failed");
            SsoProblem::IssuerDown
        })?;
        *cached = Some((Instant::now(), m.clone()));
        Ok(m)
    }

    /// Starts a sign-in: the URL to send the browser to, and what its session keeps for the callback.
    pub async fn start(&self) -> Result<(Url, Pending), SsoProblem> {
        let metadata = self.metadata().await?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.expose_secret().to_owned())),
        )
        .set_redirect_uri(RedirectUrl::from_url(self.redirect.clone()));
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".into()))
            .set_pkce_challenge(challenge)
            .url();
        let pending = Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            started_at: chrono::Utc::now(),
        };
        Ok((url, pending))
    }

    /// Finishes a sign-in from the callback's query: checks `state`, exchanges the code with the PKCE verifier,
    /// verifies the ID token and its nonce, and decides who this is.
    pub async fn finish(&self, pending: Option<Pending>, query: &Callback, lists: &AdminLists, db: &Db) -> Result<Identity, SsoProblem> {
        let Some(pending) = pending.filter(|p| chrono::Utc::now() - p.started_at < PENDING_TTL) else {
            return Err(if query.error.as_deref() == Some("access_denied") { SsoProblem::Cancelled } else { SsoProblem::Stale });
        };
        if !crate::platform::secrets::same_secret(query.state.as_deref().unwrap_or_default().as_bytes(), pending.state.as_bytes()) {
            return Err(SsoProblem::Stale);
        }
        match query.error.as_deref() {
            Some("access_denied") => return Err(SsoProblem::Cancelled),
            Some(other) => {
                tracing::warn!(error = %other.chars().take(64).collect::<String>(), "single sign-on: the issuer answered with an error");
                return Err(SsoProblem::Invalid);
            }
            None => {}
        }
        if query.iss.as_deref().is_some_and(|iss| iss.trim_end_matches('/') != self.settings.issuer.as_str().trim_end_matches('/')) {
            return Err(SsoProblem::Invalid);
        }
        let code = query.code.clone().ok_or(SsoProblem::Invalid)?;
        let metadata = self.metadata().await?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.expose_secret().to_owned())),
        )
        .set_redirect_uri(RedirectUrl::from_url(self.redirect.clone()));
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| SsoProblem::IssuerDown)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "single sign-on: the code exchange failed");
                match e {
                    openidconnect::RequestTokenError::Request(_) => SsoProblem::IssuerDown,
                    _ => SsoProblem::Invalid,
                }
            })?;
        let id_token = token.id_token().ok_or(SsoProblem::Invalid)?;
        let claims = id_token.claims(&client.id_token_verifier(), &Nonce::new(pending.nonce)).map_err(|e| {
            tracing::warn!(error = %e, "single sign-on: the ID token did not verify");
            SsoProblem::Invalid
        })?;
        // The email and whether it is verified: from the ID token when it carries both, else from UserInfo (asked
        // with the access token, for the same subject; with `response_type=code` many issuers put scope claims
        // there only).
        let (email, verified) = match (claims.email(), claims.email_verified()) {
            (Some(email), Some(verified)) => (Some(email.as_str().to_owned()), verified),
            _ => {
                let info: openidconnect::core::CoreUserInfoClaims = client
                    .user_info(token.access_token().clone(), Some(claims.subject().clone()))
                    .map_err(|_| SsoProblem::Unverified)?
                    .request_async(&self.http)
                    .await
                    .map_err(|e| {
                        tracing::warn!(error = %e, "single sign-on: UserInfo failed");
                        SsoProblem::IssuerDown
                    })?;
                (info.email().map(|e| e.as_str().to_owned()), info.email_verified() == Some(true))
            }
        };
        let email = email.map(|e| e.trim().to_lowercase()).ok_or(SsoProblem::Unverified)?;
        if !verified {
            return Err(SsoProblem::Unverified);
        }
        let role = lists.role_of(&email).ok_or(SsoProblem::Refused)?;
        let identity = Identity { issuer: claims.issuer().as_str().to_owned(), subject: claims.subject().as_str().to_owned(), email, role };
        match db.bind_admin(&identity, chrono::Utc::now()).await {
            Ok(true) => Ok(identity),
            Ok(false) => Err(SsoProblem::Rebound),
            Err(e) => {
                tracing::error!(error = %e, "single sign-on: binding the account failed");
                Err(SsoProblem::Invalid)
            }
        }
    }
}

/// The callback's query.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    /// RFC 9207: the issuer that answered (checked when given: a mix-up between issuers is refused).
    pub iss: Option<String>,
}

impl Db {
    /// Binds (issuer, subject) to its email at the first sign-in, and keeps it current. `false` when another
    /// subject of the same issuer holds the email (an email alone does not make an admin).
    pub async fn bind_admin(&self, who: &Identity, now: chrono::DateTime<chrono::Utc>) -> Result<bool, DbError> {
        let mut tx = self.pool().begin().await?;
        let holder = sqlx::query("SELECT subject FROM admin_identities WHERE issuer = $1 AND email = $2")
            .bind(&who.issuer)
            .bind(&who.email)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = holder {
            if row.try_get::<String, _>(0)? != who.subject {
                return Ok(false);
            }
        }
        sqlx::query(
            "INSERT INTO admin_identities (issuer, subject, email, first_seen, last_seen) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (issuer, subject) DO UPDATE SET email = excluded.email, last_seen = excluded.last_seen",
        )
        .bind(&who.issuer)
        .bind(&who.subject)
        .bind(&who.email)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
