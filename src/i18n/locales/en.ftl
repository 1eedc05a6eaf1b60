# plugboard's end-user portal, English: the reference for every other language.
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.
# $app is the host product's name ("Acme"), or, when the operator configured none, the message app-generic below:
# write every sentence with $app so that both read naturally.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = the app

skip-to-content = Skip to content
sandbox-badge = Sandbox
sandbox-badge-title = Running on the built-in sandbox: no real accounts are connected
# $name is shown in bold.
signed-in-as = Signed in as { $name }
sign-out = Sign out
language-menu = Language
footer-support = Help and support
footer-privacy = Privacy
footer-terms = Terms

## Signing in

signin-title = Open your integrations from { $app }
signin-body = This portal is opened with a personal link from { $app }. Go back to { $app } and choose to manage your integrations, or ask { $app } for a new portal link. Links work once and expire after a few minutes.
demo-title = Sandbox: continue without a link
demo-bad-id = Enter a user id (not empty, not “.” or “..”, at most 256 characters).
demo-user-id = User id
demo-continue = Continue as this user
demo-hint = Only on the sandbox. With a real API key, users arrive through signed links.

## The integrations page

integrations-title = Integrations
integrations-lede = Connect the tools you use. You can reconnect a connection at any time.
loading = Loading…
list-stale = This list may be out of date: the integration service is not answering right now.
nothing-lost = Nothing is lost; your existing connections keep working.
try-again = Try again
no-match = No integrations match these filters.
no-integrations = No integrations are available yet.
search-label = Search
search-placeholder = Name or host
filter-state = State
filter-any-state = Any state
filter-auth = Sign-in type
filter-any-auth = Any type
filter-apply = Apply
filter-showing-all = { $total ->
    [one] Showing the only integration
   *[other] Showing all { $total } integrations
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Showing { $n } of { $total } integration
   *[other] Showing { $n } of { $total } integrations
}
help-link = Help
# The card's button; the integration's name follows for screen readers.
connect = Connect
reconnect = Reconnect
connecting = Connecting…

## Connection states

state-connected = Connected
state-not-connected = Not connected
state-needs-reconnect = Needs reconnecting
state-unknown = Unknown
# $date is a day, written the language's way ("3 March 2026").
connected-since = Connected since { $date }
unknown-now = Unknown: could not check just now
# $ago is one of the ago-* messages below.
checked-ago = checked { $ago }
ago-now = just now
ago-minutes = { $n ->
    [one] { $n } minute ago
   *[other] { $n } minutes ago
}
ago-hours = { $n ->
    [one] { $n } hour ago
   *[other] { $n } hours ago
}
ago-days = { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}

## Sign-in types

auth-none = No sign-in needed
auth-api-token = API token
auth-oauth = OAuth
auth-aws-role = AWS role
auth-google-service-account = Google service account
auth-other = Other sign-in
auth-not-stated = Sign-in type not stated

## Why Connect did not go on

connect-signin = Your session has ended. Open a new portal link to continue.
connect-unknown-integration = That integration is not available any more. The list below is up to date.
connect-timeout = The integration service took too long to answer. Please try again.
connect-untrusted-redirect = The sign-in page for this integration could not be verified, so we did not open it. Please try again later.
connect-not-allowed = This portal link does not include that integration. Ask for a new link that includes it.
connect-unavailable = Connecting is temporarily unavailable. Please try again in a moment.
connect-internal = Something went wrong while connecting. Please try again.
upstream-not-found = This integration is not available any more.
upstream-timeout = The integration service is taking too long to answer. Please try again.
upstream-busy = The integration service is busy. Please try again in a minute.
upstream-unavailable = Integrations are temporarily unavailable. Please try again in a moment.

## Back from the provider

callback-title = Connection
callback-checking = Checking the connection with the integration service…
connected-to = Connected to { $name }
connected-body = You can use it right away.
still-connected-title = Still connected to { $name }
still-connected-body = { $name } reported a problem with this attempt, but your connection is active.
unknown-title = We could not confirm the connection to { $name }
unknown-body = The integration service did not answer in time. Your integrations page will show the result shortly.
unconfirmed-title = { $name } is not connected yet
unconfirmed-body = { $name } said the connection worked, but it is not active. Please try again; if it keeps happening, contact support.
failed-title = { $name } was not connected
failed-cancelled-body = The connection was cancelled or refused. Nothing was shared.
failed-body = The connection was not completed. You can try again.
back-to-integrations = Back to integrations
back-to-app = Back to { $app }

callback-signin-title = Your session has ended
callback-signin-body = Open a new portal link from { $app }, then connect again.
callback-unknown-title = This return link is not one we issued
callback-unknown-body = Nothing was changed. Start again from your integrations.
callback-other-session-title = This connection was started somewhere else
callback-other-session-body = It belongs to another browser or session, so nothing was changed here. Start again from your integrations.
callback-expired-title = This connection attempt took too long
callback-expired-body = Attempts expire after 15 minutes. Nothing was changed. Please connect again.
callback-replayed-title = This return link was already used
callback-replayed-body = Each return link works once. Your integrations page shows the current state.
callback-internal-title = We could not check this connection
callback-internal-body = Something went wrong on our side. Your integrations page shows the current state.

## Opening a portal link

landing-title = Continue to { $app }’s integrations
# $user is shown in bold.
landing-as = You will be signed in as { $user }.
landing-switch-alert = This browser is signed in as { $current } now. Continuing signs that account out here and signs in as { $user }.
landing-continue = Continue as { $user }
landing-switch = Switch to { $user }
landing-hint = The link works once. If you did not expect it, close this page.
deep-title = Connect { $name } to { $app }
deep-connect = Connect { $name }
deep-connected-title = { $name } is already connected to { $app }
deep-connected-body = Nothing to do. If it stopped working, reconnect it.
deep-reconnect = Reconnect { $name }

link-expired-title = This link has expired
link-expired-body = Portal links work for a few minutes only. Ask { $app } for a new link.
link-replayed-title = This link was already used
link-replayed-body = Each portal link works once. Ask { $app } for a new link.
link-revoked-title = This link no longer works
link-revoked-body = { $app } withdrew it. Ask { $app } for a new link.
link-bad-signature-title = This link is not valid
link-bad-signature-body = It was not issued for this portal, or it was changed after it was issued. Ask { $app } for a new link.
link-malformed-title = This link is incomplete
link-malformed-body = Part of the address may be missing, for example when it was copied. Ask { $app } for a new link.
link-unavailable-title = This integration is not available
link-unavailable-body = It may have been switched off since the link was sent. Ask { $app } for a new link.
link-internal-title = We could not sign you in
link-internal-body = Something went wrong on our side. Please open the link again in a moment.

## Refusals and errors

# $id is shown as code.
request-reference = Reference: { $id }
not-found-title = Page not found
not-found-body = There is nothing at this address.
bad-request-title = The request could not be read
bad-request-body = Please try again.
cross-site-title = This request came from another site
cross-site-body = It was refused. Open the portal directly and try again.
timeout-title = This took too long
timeout-body = It was stopped. Nothing was lost; please try again in a moment.
too-large-title = This request is too large
too-large-body = It is larger than the { $bytes } bytes we accept and was refused.
too-many-title = Too many requests
too-many-body = { $seconds ->
    [one] This browser or network sent too many requests in a short time. Wait { $seconds } second, then try again.
   *[other] This browser or network sent too many requests in a short time. Wait { $seconds } seconds, then try again.
}
server-error-title = Something went wrong
server-error-body = This is our fault, not yours. Please try again in a moment.
