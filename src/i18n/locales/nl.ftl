# Gebruikersportal van plugboard, Nederlands.
# Variabelen tussen { $accolades } worden door de portal ingevuld: laat ze staan en vertaal de rest.
# Namen ($app, $name, $user) komen van de host of de integratieservice en worden nooit vertaald.
# $app is de naam van het hostproduct („Acme”) of, als de beheerder die niet heeft ingesteld, de tekst van app-generic hieronder:
# schrijf elke zin met $app zo dat beide natuurlijk lezen.

## Kop- en voettekst

# Wat $app is als de beheerder geen productnaam heeft ingesteld.
app-generic = de app

skip-to-content = Naar de inhoud
sandbox-badge = Sandbox
sandbox-badge-title = Draait in de ingebouwde sandbox: er zijn geen echte accounts verbonden
# $name wordt vet weergegeven.
signed-in-as = Ingelogd als { $name }
sign-out = Uitloggen
language-menu = Taal
footer-support = Hulp en ondersteuning
footer-privacy = Privacy
footer-terms = Voorwaarden

## Inloggen

signin-title = Open uw integraties vanuit { $app }
signin-body = U opent deze portal met een persoonlijke link vanuit { $app }. Ga terug naar { $app } en kies ervoor om uw integraties te beheren, of vraag daar een nieuwe portallink aan. Links werken één keer en verlopen na een paar minuten.
demo-title = Sandbox: doorgaan zonder link
demo-bad-id = Voer een gebruikers-ID in (niet leeg, niet “.” of “..”, maximaal 256 tekens).
demo-user-id = Gebruikers-ID
demo-continue = Doorgaan als deze gebruiker
demo-hint = Alleen in de sandbox. Met een echte API-sleutel komen gebruikers binnen via ondertekende links.

## De integratiepagina

integrations-title = Integraties
integrations-lede = Verbind de tools die u gebruikt. U kunt een verbinding altijd opnieuw tot stand brengen.
loading = Laden…
list-stale = Deze lijst is mogelijk niet actueel: de integratieservice reageert op dit moment niet.
nothing-lost = Er gaat niets verloren; uw bestaande verbindingen blijven werken.
try-again = Opnieuw proberen
no-match = Er zijn geen integraties die aan deze filters voldoen.
no-integrations = Er zijn nog geen integraties beschikbaar.
search-label = Zoeken
search-placeholder = Naam of host
filter-state = Status
filter-any-state = Elke status
filter-auth = Inlogmethode
filter-any-auth = Elke methode
filter-apply = Toepassen
filter-showing-all = { $total ->
    [one] De enige integratie wordt weergegeven
   *[other] Alle { $total } integraties worden weergegeven
}
# $n wordt door de browser ingevuld terwijl de bezoeker filtert: kies de vorm alleen op basis van $total.
filter-showing = { $total ->
    [one] { $n } van { $total } integratie weergegeven
   *[other] { $n } van { $total } integraties weergegeven
}
help-link = Help
# De knop op de kaart; voor schermlezers volgt de naam van de integratie.
connect = Verbinden
reconnect = Opnieuw verbinden
connecting = Verbinden…

## Verbindingsstatussen

state-connected = Verbonden
state-not-connected = Niet verbonden
state-needs-reconnect = Opnieuw verbinden nodig
state-unknown = Onbekend
# $date is een datum, geschreven zoals gebruikelijk in de taal („3 maart 2026”).
connected-since = Verbonden sinds { $date }
unknown-now = Onbekend: kon zojuist niet worden gecontroleerd
# $ago is een van de ago-*-berichten hieronder.
checked-ago = gecontroleerd { $ago }
ago-now = zojuist
ago-minutes = { $n ->
    [one] { $n } minuut geleden
   *[other] { $n } minuten geleden
}
ago-hours = { $n ->
    [one] { $n } uur geleden
   *[other] { $n } uur geleden
}
ago-days = { $n ->
    [one] { $n } dag geleden
   *[other] { $n } dagen geleden
}

## Inlogmethoden

auth-none = Geen inlog nodig
auth-api-token = API-token
auth-oauth = OAuth
auth-aws-role = AWS-rol
auth-google-service-account = Google-serviceaccount
auth-other = Andere inlogmethode
auth-not-stated = Inlogmethode niet opgegeven

## Waarom verbinden niet doorging

connect-signin = Uw sessie is beëindigd. Open een nieuwe portallink om verder te gaan.
connect-unknown-integration = Die integratie is niet meer beschikbaar. De lijst hieronder is actueel.
connect-timeout = De integratieservice deed er te lang over om te antwoorden. Probeer het opnieuw.
connect-untrusted-redirect = De inlogpagina voor deze integratie kon niet worden geverifieerd, daarom hebben we deze niet geopend. Probeer het later opnieuw.
connect-not-allowed = Deze portallink geeft geen toegang tot die integratie. Vraag om een nieuwe link waarin deze wel is opgenomen.
connect-unavailable = Verbinden is tijdelijk niet mogelijk. Probeer het zo meteen opnieuw.
connect-internal = Er is iets misgegaan bij het verbinden. Probeer het opnieuw.
upstream-not-found = Deze integratie is niet meer beschikbaar.
upstream-timeout = De integratieservice doet er te lang over om te antwoorden. Probeer het opnieuw.
upstream-busy = Het is druk bij de integratieservice. Probeer het over een minuut opnieuw.
upstream-unavailable = Integraties zijn tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.

## Terug van de provider

callback-title = Verbinding
callback-checking = Verbinding controleren bij de integratieservice…
connected-to = Verbonden met { $name }
connected-body = U kunt de integratie meteen gebruiken.
still-connected-title = Nog steeds verbonden met { $name }
still-connected-body = { $name } meldde een probleem bij deze poging, maar uw verbinding is actief.
unknown-title = We konden de verbinding met { $name } niet bevestigen
unknown-body = De integratieservice heeft niet op tijd geantwoord. Uw integratiepagina toont binnenkort het resultaat.
unconfirmed-title = { $name } is nog niet verbonden
unconfirmed-body = Volgens { $name } is de verbinding gelukt, maar deze is niet actief. Probeer het opnieuw. Blijft het probleem zich voordoen, neem dan contact op met support.
failed-title = { $name } is niet verbonden
failed-cancelled-body = De verbinding is geannuleerd of geweigerd. Er is niets gedeeld.
failed-body = De verbinding is niet voltooid. U kunt het opnieuw proberen.
back-to-integrations = Terug naar integraties
back-to-app = Terug naar { $app }

callback-signin-title = Uw sessie is beëindigd
callback-signin-body = Open een nieuwe portallink vanuit { $app } en maak daarna opnieuw verbinding.
callback-unknown-title = Deze terugkeerlink is niet door ons uitgegeven
callback-unknown-body = Er is niets gewijzigd. Begin opnieuw vanuit uw integraties.
callback-other-session-title = Deze verbinding is ergens anders gestart
callback-other-session-body = Deze hoort bij een andere browser of sessie, dus hier is niets gewijzigd. Begin opnieuw vanuit uw integraties.
callback-expired-title = Deze verbindingspoging duurde te lang
callback-expired-body = Pogingen verlopen na 15 minuten. Er is niets gewijzigd. Maak opnieuw verbinding.
callback-replayed-title = Deze terugkeerlink is al gebruikt
callback-replayed-body = Elke terugkeerlink werkt één keer. Uw integratiepagina toont de huidige status.
callback-internal-title = We konden deze verbinding niet controleren
callback-internal-body = Er is aan onze kant iets misgegaan. Uw integratiepagina toont de huidige status.

## Een portallink openen

landing-title = Doorgaan naar de integraties van { $app }
# $user wordt vet weergegeven.
landing-as = U wordt ingelogd als { $user }.
landing-switch-alert = Deze browser is nu ingelogd als { $current }. Als u doorgaat, wordt dat account hier uitgelogd en wordt u ingelogd als { $user }.
landing-continue = Doorgaan als { $user }
landing-switch = Overschakelen naar { $user }
landing-hint = De link werkt één keer. Had u deze niet verwacht, sluit dan deze pagina.
deep-title = { $name } verbinden met { $app }
deep-connect = { $name } verbinden
deep-connected-title = { $name } is al verbonden met { $app }
deep-connected-body = U hoeft niets te doen. Werkt het niet meer, verbind het dan opnieuw.
deep-reconnect = { $name } opnieuw verbinden

link-expired-title = Deze link is verlopen
link-expired-body = Portallinks werken maar een paar minuten. Vraag via { $app } een nieuwe link aan.
link-replayed-title = Deze link is al gebruikt
link-replayed-body = Elke portallink werkt één keer. Vraag via { $app } een nieuwe link aan.
link-revoked-title = Deze link werkt niet meer
link-revoked-body = De link is ingetrokken door { $app }. Vraag via { $app } een nieuwe link aan.
link-bad-signature-title = Deze link is ongeldig
link-bad-signature-body = De link is niet voor deze portal uitgegeven, of is gewijzigd nadat deze werd uitgegeven. Vraag via { $app } een nieuwe link aan.
link-malformed-title = Deze link is onvolledig
link-malformed-body = Mogelijk ontbreekt een deel van het adres, bijvoorbeeld doordat het is gekopieerd. Vraag via { $app } een nieuwe link aan.
link-unavailable-title = Deze integratie is niet beschikbaar
link-unavailable-body = Mogelijk is deze uitgeschakeld nadat de link werd verstuurd. Vraag via { $app } een nieuwe link aan.
link-internal-title = We konden u niet inloggen
link-internal-body = Er is aan onze kant iets misgegaan. Open de link zo meteen opnieuw.

## Weigeringen en fouten

# $id wordt als code weergegeven.
request-reference = Referentie: { $id }
not-found-title = Pagina niet gevonden
not-found-body = Er staat niets op dit adres.
bad-request-title = Het verzoek kon niet worden gelezen
bad-request-body = Probeer het opnieuw.
cross-site-title = Dit verzoek kwam van een andere website
cross-site-body = Het is geweigerd. Open de portal rechtstreeks en probeer het opnieuw.
timeout-title = Dit duurde te lang
timeout-body = Het is afgebroken. Er is niets verloren gegaan; probeer het zo meteen opnieuw.
too-large-title = Dit verzoek is te groot
too-large-body = Het is groter dan de { $bytes } bytes die we accepteren en is geweigerd.
too-many-title = Te veel verzoeken
too-many-body = { $seconds ->
    [one] Deze browser of dit netwerk heeft in korte tijd te veel verzoeken verstuurd. Wacht { $seconds } seconde en probeer het dan opnieuw.
   *[other] Deze browser of dit netwerk heeft in korte tijd te veel verzoeken verstuurd. Wacht { $seconds } seconden en probeer het dan opnieuw.
}
server-error-title = Er is iets misgegaan
server-error-body = Dit ligt aan ons, niet aan u. Probeer het zo meteen opnieuw.
