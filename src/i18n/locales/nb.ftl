# plugboards portal for sluttbrukere, norsk bokmål.
# Variabler i { $braces } fylles inn av portalen: behold dem, og oversett resten.
# Navn ($app, $name, $user) kommer fra verten eller integrasjonstjenesten og oversettes aldri.
# $app er navnet på vertsproduktet («Acme») eller, når operatøren ikke har angitt noe navn, app-generic nedenfor: skriv hver setning slik at begge deler leses naturlig.

## Topptekst og bunntekst

# What $app is when the operator configured no product name.
app-generic = appen

skip-to-content = Gå til innholdet
sandbox-badge = Sandkasse
sandbox-badge-title = Kjører i den innebygde sandkassen: ingen ekte kontoer er tilkoblet
# $name is shown in bold.
signed-in-as = Logget på som { $name }
sign-out = Logg av
language-menu = Språk
footer-support = Hjelp og støtte
footer-privacy = Personvern
footer-terms = Vilkår

## Pålogging

signin-title = Åpne integrasjonene dine fra { $app }
signin-body = Denne portalen åpnes med en personlig lenke fra { $app }. Gå tilbake til { $app } og velg å administrere integrasjonene dine, eller be { $app } om en ny portallenke. Lenker virker én gang og utløper etter noen få minutter.
demo-title = Sandkasse: fortsett uten lenke
demo-bad-id = Skriv inn en bruker-ID (ikke tom, ikke «.» eller «..», maks. 256 tegn).
demo-user-id = Bruker-ID
demo-continue = Fortsett som denne brukeren
demo-hint = Bare i sandkassen. Med en ekte API-nøkkel kommer brukerne inn via signerte lenker.

## Integrasjonssiden

integrations-title = Integrasjoner
integrations-lede = Koble til verktøyene du bruker. Du kan når som helst koble til på nytt.
loading = Laster inn…
list-stale = Denne listen kan være utdatert: integrasjonstjenesten svarer ikke akkurat nå.
nothing-lost = Ingenting har gått tapt; de eksisterende tilkoblingene dine fungerer fortsatt.
try-again = Prøv igjen
no-match = Ingen integrasjoner samsvarer med disse filtrene.
no-integrations = Ingen integrasjoner er tilgjengelige ennå.
search-label = Søk
search-placeholder = Navn eller vert
filter-state = Status
filter-any-state = Alle statuser
filter-auth = Påloggingstype
filter-any-auth = Alle typer
filter-apply = Bruk
filter-showing-all = { $total ->
    [one] Viser den eneste integrasjonen
   *[other] Viser alle { $total } integrasjonene
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Viser { $n } av { $total } integrasjon
   *[other] Viser { $n } av { $total } integrasjoner
}
help-link = Hjelp
# The card's button; the integration's name follows for screen readers.
connect = Koble til
reconnect = Koble til på nytt
connecting = Kobler til…

## Tilkoblingsstatus

state-connected = Tilkoblet
state-not-connected = Ikke tilkoblet
state-needs-reconnect = Må kobles til på nytt
state-unknown = Ukjent
# $date is a day, written the language's way ("3. mars 2026").
connected-since = Tilkoblet siden { $date }
unknown-now = Ukjent: kunne ikke sjekkes akkurat nå
# $ago is one of the ago-* messages below.
checked-ago = sjekket { $ago }
ago-now = akkurat nå
ago-minutes = { $n ->
    [one] for { $n } minutt siden
   *[other] for { $n } minutter siden
}
ago-hours = { $n ->
    [one] for { $n } time siden
   *[other] for { $n } timer siden
}
ago-days = { $n ->
    [one] for { $n } dag siden
   *[other] for { $n } dager siden
}

## Påloggingstyper

auth-none = Ingen pålogging nødvendig
auth-api-token = API-token
auth-oauth = OAuth
auth-aws-role = AWS-rolle
auth-google-service-account = Google-tjenestekonto
auth-other = Annen pålogging
auth-not-stated = Påloggingstype ikke oppgitt

## Hvorfor Koble til ikke gikk videre

connect-signin = Økten din er avsluttet. Åpne en ny portallenke for å fortsette.
connect-unknown-integration = Den integrasjonen er ikke lenger tilgjengelig. Listen nedenfor er oppdatert.
connect-timeout = Integrasjonstjenesten brukte for lang tid på å svare. Prøv igjen.
connect-untrusted-redirect = Påloggingssiden for denne integrasjonen kunne ikke bekreftes, så vi åpnet den ikke. Prøv igjen senere.
connect-not-allowed = Denne portallenken omfatter ikke den integrasjonen. Be om en ny lenke som omfatter den.
connect-unavailable = Tilkobling er midlertidig utilgjengelig. Prøv igjen om et øyeblikk.
connect-internal = Noe gikk galt under tilkoblingen. Prøv igjen.
upstream-not-found = Denne integrasjonen er ikke lenger tilgjengelig.
upstream-timeout = Integrasjonstjenesten bruker for lang tid på å svare. Prøv igjen.
upstream-busy = Integrasjonstjenesten er opptatt. Prøv igjen om et minutt.
upstream-unavailable = Integrasjoner er midlertidig utilgjengelige. Prøv igjen om et øyeblikk.

## Tilbake fra leverandøren

callback-title = Tilkobling
callback-checking = Kontrollerer tilkoblingen med integrasjonstjenesten…
connected-to = Koblet til { $name }
connected-body = Du kan bruke den med en gang.
still-connected-title = Fortsatt koblet til { $name }
still-connected-body = { $name } rapporterte et problem med dette forsøket, men tilkoblingen din er aktiv.
unknown-title = Vi kunne ikke bekrefte tilkoblingen til { $name }
unknown-body = Integrasjonstjenesten svarte ikke i tide. Resultatet vises snart på integrasjonssiden din.
unconfirmed-title = { $name } er ikke tilkoblet ennå
unconfirmed-body = { $name } meldte at tilkoblingen fungerte, men den er ikke aktiv. Prøv igjen, og kontakt kundestøtte hvis det fortsetter å skje.
failed-title = { $name } ble ikke tilkoblet
failed-cancelled-body = Tilkoblingen ble avbrutt eller avvist. Ingenting ble delt.
failed-body = Tilkoblingen ble ikke fullført. Du kan prøve igjen.
back-to-integrations = Tilbake til integrasjoner
back-to-app = Tilbake til { $app }

callback-signin-title = Økten din er avsluttet
callback-signin-body = Åpne en ny portallenke fra { $app }, og koble til på nytt.
callback-unknown-title = Denne returlenken er ikke utstedt av oss
callback-unknown-body = Ingenting ble endret. Begynn på nytt fra integrasjonene dine.
callback-other-session-title = Denne tilkoblingen ble startet et annet sted
callback-other-session-body = Den tilhører en annen nettleser eller økt, så ingenting ble endret her. Begynn på nytt fra integrasjonene dine.
callback-expired-title = Dette tilkoblingsforsøket tok for lang tid
callback-expired-body = Forsøk utløper etter 15 minutter. Ingenting ble endret. Koble til på nytt.
callback-replayed-title = Denne returlenken er allerede brukt
callback-replayed-body = Hver returlenke virker bare én gang. Integrasjonssiden din viser gjeldende status.
callback-internal-title = Vi kunne ikke kontrollere denne tilkoblingen
callback-internal-body = Noe gikk galt hos oss. Integrasjonssiden din viser gjeldende status.

## Åpne en portallenke

landing-title = Fortsett til integrasjonene i { $app }
# $user is shown in bold.
landing-as = Du blir logget på som { $user }.
landing-switch-alert = Denne nettleseren er nå logget på som { $current }. Hvis du fortsetter, logges den kontoen av her, og du logges på som { $user }.
landing-continue = Fortsett som { $user }
landing-switch = Bytt til { $user }
landing-hint = Lenken virker bare én gang. Hvis du ikke ventet den, kan du lukke denne siden.
deep-title = Koble { $name } til { $app }
deep-connect = Koble til { $name }
deep-connected-title = { $name } er allerede koblet til { $app }
deep-connected-body = Du trenger ikke gjøre noe. Hvis det slutter å virke, kan du koble til på nytt.
deep-reconnect = Koble til { $name } på nytt

link-expired-title = Denne lenken er utløpt
link-expired-body = Portallenker virker bare i noen få minutter. Be { $app } om en ny lenke.
link-replayed-title = Denne lenken er allerede brukt
link-replayed-body = Hver portallenke virker bare én gang. Be { $app } om en ny lenke.
link-revoked-title = Denne lenken virker ikke lenger
link-revoked-body = Lenken er trukket tilbake av { $app }. Be { $app } om en ny lenke.
link-bad-signature-title = Denne lenken er ikke gyldig
link-bad-signature-body = Den ble ikke utstedt for denne portalen, eller den ble endret etter at den ble utstedt. Be { $app } om en ny lenke.
link-malformed-title = Denne lenken er ufullstendig
link-malformed-body = En del av adressen kan mangle, for eksempel hvis den ble kopiert. Be { $app } om en ny lenke.
link-unavailable-title = Denne integrasjonen er ikke tilgjengelig
link-unavailable-body = Den kan ha blitt slått av etter at lenken ble sendt. Be { $app } om en ny lenke.
link-internal-title = Vi kunne ikke logge deg på
link-internal-body = Noe gikk galt hos oss. Åpne lenken på nytt om et øyeblikk.

## Avvisninger og feil

# $id is shown as code.
request-reference = Referanse: { $id }
not-found-title = Fant ikke siden
not-found-body = Det finnes ingenting på denne adressen.
bad-request-title = Forespørselen kunne ikke leses
bad-request-body = Prøv igjen.
cross-site-title = Denne forespørselen kom fra et annet nettsted
cross-site-body = Den ble avvist. Åpne portalen direkte og prøv igjen.
timeout-title = Dette tok for lang tid
timeout-body = Handlingen ble stoppet. Ingenting gikk tapt; prøv igjen om et øyeblikk.
too-large-title = Denne forespørselen er for stor
too-large-body = Den er større enn grensen vår på { $bytes } byte og ble avvist.
too-many-title = For mange forespørsler
too-many-body = { $seconds ->
    [one] Denne nettleseren eller dette nettverket har sendt for mange forespørsler på kort tid. Vent { $seconds } sekund, og prøv deretter igjen.
   *[other] Denne nettleseren eller dette nettverket har sendt for mange forespørsler på kort tid. Vent { $seconds } sekunder, og prøv deretter igjen.
}
server-error-title = Noe gikk galt
server-error-body = Dette er vår feil, ikke din. Prøv igjen om et øyeblikk.
