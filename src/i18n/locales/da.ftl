# plugboards portal for slutbrugere, dansk.
# Variabler i { $braces } udfyldes af portalen: behold dem, og oversæt resten.
# Navne ($app, $name, $user) kommer fra værten eller integrationstjenesten og oversættes aldrig.
# $app er værtsproduktets navn (»Acme«) eller, hvis operatøren ikke har angivet et, app-generic nedenfor: skriv hver sætning, så begge dele lyder naturligt.

## Sidehoved og sidefod

# What $app is when the operator configured no product name.
app-generic = appen

skip-to-content = Gå til indhold
sandbox-badge = Sandkasse
sandbox-badge-title = Kører i den indbyggede sandkasse: ingen rigtige konti er forbundet
# $name is shown in bold.
signed-in-as = Logget ind som { $name }
sign-out = Log ud
language-menu = Sprog
footer-support = Hjælp og support
footer-privacy = Privatliv
footer-terms = Vilkår

## Log ind

signin-title = Åbn dine integrationer fra { $app }
signin-body = Denne portal åbnes med et personligt link fra { $app }. Gå tilbage til { $app } og vælg at administrere dine integrationer, eller bed { $app } om et nyt portallink. Links virker én gang og udløber efter få minutter.
demo-title = Sandkasse: fortsæt uden link
demo-bad-id = Angiv et bruger-id (ikke tomt, ikke ».« eller »..«, højst 256 tegn).
demo-user-id = Bruger-id
demo-continue = Fortsæt som denne bruger
demo-hint = Kun i sandkassen. Med en rigtig API-nøgle kommer brugerne ind via signerede links.

## Siden med integrationer

integrations-title = Integrationer
integrations-lede = Forbind de værktøjer, du bruger. Du kan altid forbinde igen.
loading = Indlæser…
list-stale = Listen er muligvis ikke opdateret: integrationstjenesten svarer ikke lige nu.
nothing-lost = Intet er gået tabt; dine eksisterende forbindelser virker fortsat.
try-again = Prøv igen
no-match = Ingen integrationer matcher disse filtre.
no-integrations = Der er ingen tilgængelige integrationer endnu.
search-label = Søg
search-placeholder = Navn eller vært
filter-state = Status
filter-any-state = Alle statusser
filter-auth = Logintype
filter-any-auth = Alle typer
filter-apply = Anvend
filter-showing-all = { $total ->
    [one] Viser den eneste integration
   *[other] Viser alle { $total } integrationer
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Viser { $n } af { $total } integration
   *[other] Viser { $n } af { $total } integrationer
}
help-link = Hjælp
# The card's button; the integration's name follows for screen readers.
connect = Forbind
reconnect = Forbind igen
connecting = Forbinder…

## Forbindelsesstatus

state-connected = Forbundet
state-not-connected = Ikke forbundet
state-needs-reconnect = Skal forbindes igen
state-unknown = Ukendt
# $date is a day, written the language's way ("3. marts 2026").
connected-since = Forbundet siden { $date }
unknown-now = Ukendt: kunne ikke kontrolleres lige nu
# $ago is one of the ago-* messages below.
checked-ago = kontrolleret { $ago }
ago-now = lige nu
ago-minutes = { $n ->
    [one] for { $n } minut siden
   *[other] for { $n } minutter siden
}
ago-hours = { $n ->
    [one] for { $n } time siden
   *[other] for { $n } timer siden
}
ago-days = { $n ->
    [one] for { $n } dag siden
   *[other] for { $n } dage siden
}

## Logintyper

auth-none = Intet login nødvendigt
auth-api-token = API-token
auth-oauth = OAuth
auth-aws-role = AWS-rolle
auth-google-service-account = Google-tjenestekonto
auth-other = Andet login
auth-not-stated = Logintype ikke angivet

## Hvorfor Forbind ikke fortsatte

connect-signin = Din session er udløbet. Åbn et nyt portallink for at fortsætte.
connect-unknown-integration = Den integration er ikke længere tilgængelig. Listen nedenfor er opdateret.
connect-timeout = Integrationstjenesten var for længe om at svare. Prøv igen.
connect-untrusted-redirect = Loginsiden for denne integration kunne ikke verificeres, så vi åbnede den ikke. Prøv igen senere.
connect-not-allowed = Dette portallink omfatter ikke den integration. Bed om et nyt link, der omfatter den.
connect-unavailable = Det er midlertidigt ikke muligt at forbinde. Prøv igen om et øjeblik.
connect-internal = Der opstod en fejl under forbindelsen. Prøv igen.
upstream-not-found = Denne integration er ikke længere tilgængelig.
upstream-timeout = Integrationstjenesten er for længe om at svare. Prøv igen.
upstream-busy = Integrationstjenesten har travlt. Prøv igen om et minut.
upstream-unavailable = Integrationer er midlertidigt utilgængelige. Prøv igen om et øjeblik.

## Tilbage fra udbyderen

callback-title = Forbindelse
callback-checking = Kontrollerer forbindelsen med integrationstjenesten…
connected-to = Forbundet til { $name }
connected-body = Du kan bruge den med det samme.
still-connected-title = Stadig forbundet til { $name }
still-connected-body = { $name } rapporterede et problem med dette forsøg, men din forbindelse er aktiv.
unknown-title = Vi kunne ikke bekræfte forbindelsen til { $name }
unknown-body = Integrationstjenesten svarede ikke i tide. Resultatet vises snart på din side med integrationer.
unconfirmed-title = { $name } er ikke forbundet endnu
unconfirmed-body = { $name } oplyste, at forbindelsen lykkedes, men den er ikke aktiv. Prøv igen, og kontakt support, hvis det bliver ved med at ske.
failed-title = { $name } blev ikke forbundet
failed-cancelled-body = Forbindelsen blev annulleret eller afvist. Intet blev delt.
failed-body = Forbindelsen blev ikke gennemført. Du kan prøve igen.
back-to-integrations = Tilbage til integrationer
back-to-app = Tilbage til { $app }

callback-signin-title = Din session er udløbet
callback-signin-body = Åbn et nyt portallink fra { $app }, og forbind derefter igen.
callback-unknown-title = Dette returlink er ikke udstedt af os
callback-unknown-body = Intet blev ændret. Start forfra fra dine integrationer.
callback-other-session-title = Denne forbindelse blev startet et andet sted
callback-other-session-body = Den tilhører en anden browser eller session, så intet blev ændret her. Start forfra fra dine integrationer.
callback-expired-title = Dette forbindelsesforsøg tog for lang tid
callback-expired-body = Forsøg udløber efter 15 minutter. Intet blev ændret. Forbind igen.
callback-replayed-title = Dette returlink er allerede brugt
callback-replayed-body = Hvert returlink virker kun én gang. Din side med integrationer viser den aktuelle status.
callback-internal-title = Vi kunne ikke kontrollere denne forbindelse
callback-internal-body = Der opstod en fejl hos os. Din side med integrationer viser den aktuelle status.

## Åbning af et portallink

landing-title = Fortsæt til integrationerne i { $app }
# $user is shown in bold.
landing-as = Du bliver logget ind som { $user }.
landing-switch-alert = Denne browser er lige nu logget ind som { $current }. Hvis du fortsætter, bliver den konto logget ud her, og du bliver logget ind som { $user }.
landing-continue = Fortsæt som { $user }
landing-switch = Skift til { $user }
landing-hint = Linket virker kun én gang. Luk denne side, hvis du ikke ventede det.
deep-title = Forbind { $name } til { $app }
deep-connect = Forbind { $name }
deep-connected-title = { $name } er allerede forbundet til { $app }
deep-connected-body = Du behøver ikke gøre noget. Hvis det holder op med at virke, kan du forbinde igen.
deep-reconnect = Forbind { $name } igen

link-expired-title = Dette link er udløbet
link-expired-body = Portallinks virker kun i få minutter. Bed { $app } om et nyt link.
link-replayed-title = Dette link er allerede brugt
link-replayed-body = Hvert portallink virker kun én gang. Bed { $app } om et nyt link.
link-revoked-title = Dette link virker ikke længere
link-revoked-body = Linket er trukket tilbage af { $app }. Bed { $app } om et nyt link.
link-bad-signature-title = Dette link er ikke gyldigt
link-bad-signature-body = Det blev ikke udstedt til denne portal, eller det blev ændret, efter at det blev udstedt. Bed { $app } om et nyt link.
link-malformed-title = Dette link er ufuldstændigt
link-malformed-body = En del af adressen mangler måske, for eksempel hvis den blev kopieret. Bed { $app } om et nyt link.
link-unavailable-title = Denne integration er ikke tilgængelig
link-unavailable-body = Den kan være slået fra, efter at linket blev sendt. Bed { $app } om et nyt link.
link-internal-title = Vi kunne ikke logge dig ind
link-internal-body = Der opstod en fejl hos os. Åbn linket igen om et øjeblik.

## Afvisninger og fejl

# $id is shown as code.
request-reference = Reference: { $id }
not-found-title = Siden blev ikke fundet
not-found-body = Der er intet på denne adresse.
bad-request-title = Anmodningen kunne ikke læses
bad-request-body = Prøv igen.
cross-site-title = Denne anmodning kom fra et andet websted
cross-site-body = Den blev afvist. Åbn portalen direkte, og prøv igen.
timeout-title = Det tog for lang tid
timeout-body = Handlingen blev stoppet. Intet gik tabt; prøv igen om et øjeblik.
too-large-title = Denne anmodning er for stor
too-large-body = Den er større end vores grænse på { $bytes } byte og blev afvist.
too-many-title = For mange anmodninger
too-many-body = { $seconds ->
    [one] Denne browser eller dette netværk har sendt for mange anmodninger på kort tid. Vent { $seconds } sekund, og prøv derefter igen.
   *[other] Denne browser eller dette netværk har sendt for mange anmodninger på kort tid. Vent { $seconds } sekunder, og prøv derefter igen.
}
server-error-title = Der opstod en fejl
server-error-body = Det er vores fejl, ikke din. Prøv igen om et øjeblik.
