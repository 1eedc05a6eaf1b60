# plugboard's end-user portal, German. English (en.ftl) is the reference.
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = die App

skip-to-content = Zum Inhalt springen
sandbox-badge = Sandbox
sandbox-badge-title = Läuft in der integrierten Sandbox: Es sind keine echten Konten verbunden
# $name is shown in bold.
signed-in-as = Angemeldet als { $name }
sign-out = Abmelden
language-menu = Sprache
footer-support = Hilfe und Support
footer-privacy = Datenschutz
footer-terms = Nutzungsbedingungen

## Signing in

signin-title = Öffnen Sie Ihre Integrationen über { $app }
signin-body = Dieses Portal öffnen Sie über einen persönlichen Link, den Ihnen { $app } bereitstellt. Wechseln Sie zurück in { $app } und wählen Sie dort die Verwaltung Ihrer Integrationen, oder fordern Sie über { $app } einen neuen Portal-Link an. Links funktionieren nur einmal und laufen nach wenigen Minuten ab.
demo-title = Sandbox: ohne Link fortfahren
demo-bad-id = Geben Sie eine Benutzer-ID ein (nicht leer, nicht „.“ oder „..“, höchstens 256 Zeichen).
demo-user-id = Benutzer-ID
demo-continue = Als dieser Benutzer fortfahren
demo-hint = Nur in der Sandbox. Mit einem echten API-Schlüssel gelangen Benutzer über signierte Links hierher.

## The integrations page

integrations-title = Integrationen
integrations-lede = Verbinden Sie die Tools, die Sie nutzen. Sie können eine Verbindung jederzeit neu herstellen.
loading = Wird geladen…
list-stale = Diese Liste ist möglicherweise nicht aktuell: Der Integrationsdienst antwortet gerade nicht.
nothing-lost = Es geht nichts verloren; Ihre bestehenden Verbindungen funktionieren weiterhin.
try-again = Erneut versuchen
no-match = Keine Integrationen entsprechen diesen Filtern.
no-integrations = Es sind noch keine Integrationen verfügbar.
search-label = Suche
search-placeholder = Name oder Host
filter-state = Status
filter-any-state = Alle Status
filter-auth = Anmeldeart
filter-any-auth = Alle Arten
filter-apply = Anwenden
filter-showing-all = { $total ->
    [one] Die einzige Integration wird angezeigt
   *[other] Alle { $total } Integrationen werden angezeigt
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] { $n } von { $total } Integration angezeigt
   *[other] { $n } von { $total } Integrationen angezeigt
}
help-link = Hilfe
# The card's button; the integration's name follows for screen readers.
connect = Verbinden
reconnect = Neu verbinden
connecting = Wird verbunden…

## Connection states

state-connected = Verbunden
state-not-connected = Nicht verbunden
state-needs-reconnect = Erneute Verbindung erforderlich
state-unknown = Unbekannt
# $date is a day, written the language's way ("3 March 2026").
connected-since = Verbunden seit dem { $date }
unknown-now = Unbekannt: Konnte gerade nicht geprüft werden
# $ago is one of the ago-* messages below.
checked-ago = geprüft { $ago }
ago-now = gerade eben
ago-minutes = { $n ->
    [one] vor { $n } Minute
   *[other] vor { $n } Minuten
}
ago-hours = { $n ->
    [one] vor { $n } Stunde
   *[other] vor { $n } Stunden
}
ago-days = { $n ->
    [one] vor { $n } Tag
   *[other] vor { $n } Tagen
}

## Sign-in types

auth-none = Keine Anmeldung erforderlich
auth-api-token = API-Token
auth-oauth = OAuth
auth-aws-role = AWS-Rolle
auth-google-service-account = Google-Dienstkonto
auth-other = Andere Anmeldeart
auth-not-stated = Anmeldeart nicht angegeben

## Why Connect did not go on

connect-signin = Ihre Sitzung ist abgelaufen. Öffnen Sie einen neuen Portal-Link, um fortzufahren.
connect-unknown-integration = Diese Integration ist nicht mehr verfügbar. Die Liste unten ist aktuell.
connect-timeout = Der Integrationsdienst hat zu lange für die Antwort gebraucht. Bitte versuchen Sie es erneut.
connect-untrusted-redirect = Die Anmeldeseite dieser Integration konnte nicht überprüft werden, daher haben wir sie nicht geöffnet. Bitte versuchen Sie es später erneut.
connect-not-allowed = Dieser Portal-Link umfasst diese Integration nicht. Fordern Sie einen neuen Link an, der sie enthält.
connect-unavailable = Verbinden ist vorübergehend nicht möglich. Bitte versuchen Sie es gleich noch einmal.
connect-internal = Beim Verbinden ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.
upstream-not-found = Diese Integration ist nicht mehr verfügbar.
upstream-timeout = Der Integrationsdienst braucht zu lange für die Antwort. Bitte versuchen Sie es erneut.
upstream-busy = Der Integrationsdienst ist ausgelastet. Bitte versuchen Sie es in einer Minute erneut.
upstream-unavailable = Integrationen sind vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.

## Back from the provider

callback-title = Verbindung
callback-checking = Verbindung wird beim Integrationsdienst geprüft…
connected-to = Mit { $name } verbunden
connected-body = Sie können die Integration sofort nutzen.
still-connected-title = Weiterhin mit { $name } verbunden
still-connected-body = { $name } hat bei diesem Versuch ein Problem gemeldet, aber Ihre Verbindung ist aktiv.
unknown-title = Wir konnten die Verbindung mit { $name } nicht bestätigen
unknown-body = Der Integrationsdienst hat nicht rechtzeitig geantwortet. Ihre Integrationsseite zeigt das Ergebnis in Kürze an.
unconfirmed-title = { $name } ist noch nicht verbunden
unconfirmed-body = Laut { $name } hat die Verbindung funktioniert, sie ist aber nicht aktiv. Bitte versuchen Sie es erneut; wenn das wiederholt passiert, wenden Sie sich an den Support.
failed-title = { $name } wurde nicht verbunden
failed-cancelled-body = Die Verbindung wurde abgebrochen oder abgelehnt. Es wurde nichts weitergegeben.
failed-body = Die Verbindung wurde nicht abgeschlossen. Sie können es erneut versuchen.
back-to-integrations = Zurück zu den Integrationen
back-to-app = Zurück in { $app }

callback-signin-title = Ihre Sitzung ist abgelaufen
callback-signin-body = Öffnen Sie über { $app } einen neuen Portal-Link und verbinden Sie dann erneut.
callback-unknown-title = Dieser Rückkehr-Link stammt nicht von uns
callback-unknown-body = Es wurde nichts geändert. Beginnen Sie erneut auf Ihrer Integrationsseite.
callback-other-session-title = Diese Verbindung wurde an anderer Stelle gestartet
callback-other-session-body = Sie gehört zu einem anderen Browser oder einer anderen Sitzung, daher wurde hier nichts geändert. Beginnen Sie erneut auf Ihrer Integrationsseite.
callback-expired-title = Dieser Verbindungsversuch hat zu lange gedauert
callback-expired-body = Versuche laufen nach 15 Minuten ab. Es wurde nichts geändert. Bitte verbinden Sie erneut.
callback-replayed-title = Dieser Rückkehr-Link wurde bereits verwendet
callback-replayed-body = Jeder Rückkehr-Link funktioniert nur einmal. Ihre Integrationsseite zeigt den aktuellen Stand.
callback-internal-title = Wir konnten diese Verbindung nicht prüfen
callback-internal-body = Bei uns ist ein Fehler aufgetreten. Ihre Integrationsseite zeigt den aktuellen Stand.

## Opening a portal link

landing-title = Weiter zu Ihren Integrationen für { $app }
# $user is shown in bold.
landing-as = Sie werden als { $user } angemeldet.
landing-switch-alert = Dieser Browser ist derzeit als { $current } angemeldet. Wenn Sie fortfahren, wird dieses Konto hier abgemeldet und Sie werden als { $user } angemeldet.
landing-continue = Als { $user } fortfahren
landing-switch = Zu { $user } wechseln
landing-hint = Der Link funktioniert nur einmal. Wenn Sie ihn nicht erwartet haben, schließen Sie diese Seite.
deep-title = { $name } für { $app } verbinden
deep-connect = { $name } verbinden
deep-connected-title = { $name } ist für { $app } bereits verbunden
deep-connected-body = Sie müssen nichts tun. Wenn die Verbindung nicht mehr funktioniert, stellen Sie sie neu her.
deep-reconnect = { $name } neu verbinden

link-expired-title = Dieser Link ist abgelaufen
link-expired-body = Portal-Links sind nur wenige Minuten gültig. Fordern Sie über { $app } einen neuen Link an.
link-replayed-title = Dieser Link wurde bereits verwendet
link-replayed-body = Jeder Portal-Link funktioniert nur einmal. Fordern Sie über { $app } einen neuen Link an.
link-revoked-title = Dieser Link funktioniert nicht mehr
link-revoked-body = Er wurde durch { $app } widerrufen. Fordern Sie über { $app } einen neuen Link an.
link-bad-signature-title = Dieser Link ist ungültig
link-bad-signature-body = Er wurde nicht für dieses Portal ausgestellt oder nach der Ausstellung verändert. Fordern Sie über { $app } einen neuen Link an.
link-malformed-title = Dieser Link ist unvollständig
link-malformed-body = Möglicherweise fehlt ein Teil der Adresse, zum Beispiel nach dem Kopieren. Fordern Sie über { $app } einen neuen Link an.
link-unavailable-title = Diese Integration ist nicht verfügbar
link-unavailable-body = Sie wurde möglicherweise deaktiviert, nachdem der Link versendet wurde. Fordern Sie über { $app } einen neuen Link an.
link-internal-title = Wir konnten Sie nicht anmelden
link-internal-body = Bei uns ist ein Fehler aufgetreten. Bitte öffnen Sie den Link gleich noch einmal.

## Refusals and errors

# $id is shown as code.
request-reference = Referenz: { $id }
not-found-title = Seite nicht gefunden
not-found-body = Unter dieser Adresse gibt es nichts.
bad-request-title = Die Anfrage konnte nicht gelesen werden
bad-request-body = Bitte versuchen Sie es erneut.
cross-site-title = Diese Anfrage kam von einer anderen Website
cross-site-body = Sie wurde abgelehnt. Öffnen Sie das Portal direkt und versuchen Sie es erneut.
timeout-title = Das hat zu lange gedauert
timeout-body = Der Vorgang wurde abgebrochen. Es ist nichts verloren gegangen; bitte versuchen Sie es gleich noch einmal.
too-large-title = Diese Anfrage ist zu groß
too-large-body = Sie ist größer als die { $bytes } Bytes, die wir annehmen, und wurde abgelehnt.
too-many-title = Zu viele Anfragen
too-many-body = { $seconds ->
    [one] Dieser Browser oder dieses Netzwerk hat in kurzer Zeit zu viele Anfragen gesendet. Warten Sie { $seconds } Sekunde und versuchen Sie es dann erneut.
   *[other] Dieser Browser oder dieses Netzwerk hat in kurzer Zeit zu viele Anfragen gesendet. Warten Sie { $seconds } Sekunden und versuchen Sie es dann erneut.
}
server-error-title = Ein Fehler ist aufgetreten
server-error-body = Der Fehler liegt bei uns, nicht bei Ihnen. Bitte versuchen Sie es gleich noch einmal.
