# plugboards slutanvändarportal, svenska.
# Variabler inom { $klamrar } fylls i av portalen: behåll dem och översätt resten.
# Namn ($app, $name, $user) kommer från värden eller integrationstjänsten och översätts aldrig.
# $app är värdproduktens namn (”Acme”) eller, om operatören inte har angett något, texten i app-generic nedan:
# skriv varje mening med $app så att båda låter naturligt.

## Sidhuvud och sidfot

# Vad $app är när operatören inte har angett något produktnamn.
app-generic = appen

skip-to-content = Hoppa till innehållet
sandbox-badge = Sandlåda
sandbox-badge-title = Körs i den inbyggda sandlådan: inga riktiga konton är anslutna
# $name visas i fetstil.
signed-in-as = Inloggad som { $name }
sign-out = Logga ut
language-menu = Språk
footer-support = Hjälp och support
footer-privacy = Integritet
footer-terms = Villkor

## Inloggning

signin-title = Öppna dina integrationer från { $app }
signin-body = Den här portalen öppnas med en personlig länk från { $app }. Gå tillbaka till { $app } och välj att hantera dina integrationer, eller begär en ny portallänk där. Länkarna fungerar en gång och slutar gälla efter några minuter.
demo-title = Sandlåda: fortsätt utan länk
demo-bad-id = Ange ett användar-id (inte tomt, inte ”.” eller ”..”, högst 256 tecken).
demo-user-id = Användar-id
demo-continue = Fortsätt som den här användaren
demo-hint = Endast i sandlådan. Med en riktig API-nyckel kommer användarna in via signerade länkar.

## Integrationssidan

integrations-title = Integrationer
integrations-lede = Anslut verktygen du använder. Du kan återansluta en anslutning när som helst.
loading = Läser in…
list-stale = Listan kan vara inaktuell: integrationstjänsten svarar inte just nu.
nothing-lost = Inget har gått förlorat; dina befintliga anslutningar fortsätter att fungera.
try-again = Försök igen
no-match = Inga integrationer matchar filtren.
no-integrations = Det finns inga tillgängliga integrationer ännu.
search-label = Sök
search-placeholder = Namn eller värd
filter-state = Status
filter-any-state = Alla statusar
filter-auth = Inloggningstyp
filter-any-auth = Alla typer
filter-apply = Tillämpa
filter-showing-all = { $total ->
    [one] Visar den enda integrationen
   *[other] Visar alla { $total } integrationer
}
# $n fylls i av webbläsaren medan besökaren filtrerar: välj form enbart utifrån $total.
filter-showing = { $total ->
    [one] Visar { $n } av { $total } integration
   *[other] Visar { $n } av { $total } integrationer
}
help-link = Hjälp
# Kortets knapp; integrationens namn följer för skärmläsare.
connect = Anslut
reconnect = Återanslut
connecting = Ansluter…

## Anslutningsstatus

state-connected = Ansluten
state-not-connected = Inte ansluten
state-needs-reconnect = Behöver återanslutas
state-unknown = Okänd
# $date är ett datum, skrivet på språkets sätt (”3 mars 2026”).
connected-since = Ansluten sedan { $date }
unknown-now = Okänd: kunde inte kontrolleras just nu
# $ago är ett av ago-*-meddelandena nedan.
checked-ago = kontrollerades { $ago }
ago-now = nyss
ago-minutes = { $n ->
    [one] för { $n } minut sedan
   *[other] för { $n } minuter sedan
}
ago-hours = { $n ->
    [one] för { $n } timme sedan
   *[other] för { $n } timmar sedan
}
ago-days = { $n ->
    [one] för { $n } dag sedan
   *[other] för { $n } dagar sedan
}

## Inloggningstyper

auth-none = Ingen inloggning krävs
auth-api-token = API-token
auth-oauth = OAuth
auth-aws-role = AWS-roll
auth-google-service-account = Google-tjänstkonto
auth-other = Annan inloggning
auth-not-stated = Inloggningstyp inte angiven

## Varför anslutningen inte gick vidare

connect-signin = Din session har avslutats. Öppna en ny portallänk för att fortsätta.
connect-unknown-integration = Den integrationen är inte längre tillgänglig. Listan nedan är uppdaterad.
connect-timeout = Integrationstjänsten tog för lång tid på sig att svara. Försök igen.
connect-untrusted-redirect = Inloggningssidan för den här integrationen kunde inte verifieras, så vi öppnade den inte. Försök igen senare.
connect-not-allowed = Den här portallänken omfattar inte den integrationen. Be om en ny länk som omfattar den.
connect-unavailable = Det går tillfälligt inte att ansluta. Försök igen om en stund.
connect-internal = Något gick fel vid anslutningen. Försök igen.
upstream-not-found = Den här integrationen är inte längre tillgänglig.
upstream-timeout = Integrationstjänsten tar för lång tid på sig att svara. Försök igen.
upstream-busy = Integrationstjänsten är upptagen. Försök igen om en minut.
upstream-unavailable = Integrationerna är tillfälligt otillgängliga. Försök igen om en stund.

## Tillbaka från leverantören

callback-title = Anslutning
callback-checking = Kontrollerar anslutningen med integrationstjänsten…
connected-to = Ansluten till { $name }
connected-body = Du kan börja använda den direkt.
still-connected-title = Fortfarande ansluten till { $name }
still-connected-body = { $name } rapporterade ett problem med det här försöket, men din anslutning är aktiv.
unknown-title = Vi kunde inte bekräfta anslutningen till { $name }
unknown-body = Integrationstjänsten svarade inte i tid. Resultatet visas snart på din integrationssida.
unconfirmed-title = { $name } är inte ansluten än
unconfirmed-body = Enligt { $name } lyckades anslutningen, men den är inte aktiv. Försök igen, och kontakta supporten om problemet kvarstår.
failed-title = { $name } anslöts inte
failed-cancelled-body = Anslutningen avbröts eller nekades. Inget delades.
failed-body = Anslutningen slutfördes inte. Du kan försöka igen.
back-to-integrations = Tillbaka till integrationer
back-to-app = Tillbaka till { $app }

callback-signin-title = Din session har avslutats
callback-signin-body = Öppna en ny portallänk från { $app } och anslut sedan igen.
callback-unknown-title = Den här returlänken kommer inte från oss
callback-unknown-body = Inget har ändrats. Börja om från dina integrationer.
callback-other-session-title = Den här anslutningen startades någon annanstans
callback-other-session-body = Den hör till en annan webbläsare eller session, så inget har ändrats här. Börja om från dina integrationer.
callback-expired-title = Anslutningsförsöket tog för lång tid
callback-expired-body = Försök slutar gälla efter 15 minuter. Inget har ändrats. Anslut igen.
callback-replayed-title = Den här returlänken har redan använts
callback-replayed-body = Varje returlänk fungerar en gång. Din integrationssida visar aktuell status.
callback-internal-title = Vi kunde inte kontrollera anslutningen
callback-internal-body = Något gick fel hos oss. Din integrationssida visar aktuell status.

## Öppna en portallänk

landing-title = Fortsätt till integrationerna i { $app }
# $user visas i fetstil.
landing-as = Du loggas in som { $user }.
landing-switch-alert = Den här webbläsaren är inloggad som { $current } just nu. Om du fortsätter loggas det kontot ut här och du loggas in som { $user }.
landing-continue = Fortsätt som { $user }
landing-switch = Byt till { $user }
landing-hint = Länken fungerar en gång. Stäng sidan om du inte väntade dig den.
deep-title = Anslut { $name } till { $app }
deep-connect = Anslut { $name }
deep-connected-title = { $name } är redan ansluten till { $app }
deep-connected-body = Du behöver inte göra något. Återanslut om det slutar fungera.
deep-reconnect = Återanslut { $name }

link-expired-title = Länken har slutat gälla
link-expired-body = Portallänkar fungerar bara i några minuter. Begär en ny länk via { $app }.
link-replayed-title = Länken har redan använts
link-replayed-body = Varje portallänk fungerar en gång. Begär en ny länk via { $app }.
link-revoked-title = Länken fungerar inte längre
link-revoked-body = Den har dragits tillbaka av { $app }. Begär en ny länk via { $app }.
link-bad-signature-title = Länken är ogiltig
link-bad-signature-body = Den utfärdades inte för den här portalen, eller så har den ändrats efter att den utfärdades. Begär en ny länk via { $app }.
link-malformed-title = Länken är ofullständig
link-malformed-body = En del av adressen kan saknas, till exempel om den kopierades. Begär en ny länk via { $app }.
link-unavailable-title = Den här integrationen är inte tillgänglig
link-unavailable-body = Den kan ha stängts av sedan länken skickades. Begär en ny länk via { $app }.
link-internal-title = Vi kunde inte logga in dig
link-internal-body = Något gick fel hos oss. Öppna länken igen om en stund.

## Avslag och fel

# $id visas som kod.
request-reference = Referens: { $id }
not-found-title = Sidan hittades inte
not-found-body = Det finns ingenting på den här adressen.
bad-request-title = Begäran kunde inte läsas
bad-request-body = Försök igen.
cross-site-title = Begäran kom från en annan webbplats
cross-site-body = Den nekades. Öppna portalen direkt och försök igen.
timeout-title = Det tog för lång tid
timeout-body = Det avbröts. Inget har gått förlorat; försök igen om en stund.
too-large-title = Begäran är för stor
too-large-body = Den är större än de { $bytes } byte som vi tar emot och nekades.
too-many-title = För många begäranden
too-many-body = { $seconds ->
    [one] Den här webbläsaren eller det här nätverket skickade för många begäranden på kort tid. Vänta { $seconds } sekund och försök sedan igen.
   *[other] Den här webbläsaren eller det här nätverket skickade för många begäranden på kort tid. Vänta { $seconds } sekunder och försök sedan igen.
}
server-error-title = Något gick fel
server-error-body = Felet ligger hos oss, inte hos dig. Försök igen om en stund.
