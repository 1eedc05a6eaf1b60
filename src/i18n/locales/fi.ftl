# plugboardin loppukäyttäjäportaali, suomi.
# Portaali täyttää muuttujat { $braces }: säilytä ne ja käännä muu teksti.
# Nimet ($app, $name, $user) tulevat isäntäpalvelusta tai integraatiopalvelusta, eikä niitä käännetä.
# $app on isäntäpalvelun nimi (”Acme”) tai, jos ylläpitäjä ei ole antanut nimeä, alla oleva app-generic: $app on aina nominatiivissa, joten kirjoita lauseet niin, ettei sitä tarvitse taivuttaa.

## Ylä- ja alatunniste

# What $app is when the operator configured no product name.
app-generic = sovellus

skip-to-content = Siirry sisältöön
sandbox-badge = Testiympäristö
sandbox-badge-title = Käytössä on sisäänrakennettu testiympäristö: oikeita tilejä ei ole yhdistetty
# $name is shown in bold.
signed-in-as = Kirjautuneena käyttäjänä { $name }
sign-out = Kirjaudu ulos
language-menu = Kieli
footer-support = Ohje ja tuki
footer-privacy = Tietosuoja
footer-terms = Käyttöehdot

## Kirjautuminen

signin-title = Avaa integraatiosi linkillä, jonka { $app } antaa
signin-body = Tämä portaali avataan henkilökohtaisella linkillä, jonka { $app } antaa. Avaa { $app } uudelleen ja valitse integraatioiden hallinta tai pyydä sieltä uusi portaalilinkki. Linkit toimivat kerran ja vanhenevat muutamassa minuutissa.
demo-title = Testiympäristö: jatka ilman linkkiä
demo-bad-id = Anna käyttäjätunnus (ei tyhjä, ei ”.” tai ”..”, enintään 256 merkkiä).
demo-user-id = Käyttäjätunnus
demo-continue = Jatka tänä käyttäjänä
demo-hint = Vain testiympäristössä. Oikeaa API-avainta käytettäessä käyttäjät saapuvat allekirjoitettujen linkkien kautta.

## Integraatiosivu

integrations-title = Integraatiot
integrations-lede = Yhdistä käyttämäsi työkalut. Voit muodostaa yhteyden uudelleen milloin tahansa.
loading = Ladataan…
list-stale = Luettelo ei ehkä ole ajan tasalla: integraatiopalvelu ei vastaa juuri nyt.
nothing-lost = Mitään ei ole menetetty; nykyiset yhteytesi toimivat edelleen.
try-again = Yritä uudelleen
no-match = Mikään integraatio ei vastaa näitä suodattimia.
no-integrations = Integraatioita ei ole vielä saatavilla.
search-label = Haku
search-placeholder = Nimi tai isäntä
filter-state = Tila
filter-any-state = Kaikki tilat
filter-auth = Kirjautumistapa
filter-any-auth = Kaikki tavat
filter-apply = Käytä
filter-showing-all = { $total ->
    [one] Näytetään ainoa integraatio
   *[other] Näytetään kaikki { $total } integraatiota
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Näytetään { $n }/{ $total } integraatio
   *[other] Näytetään { $n }/{ $total } integraatiota
}
help-link = Ohje
# The card's button; the integration's name follows for screen readers.
connect = Yhdistä
reconnect = Yhdistä uudelleen
connecting = Yhdistetään…

## Yhteyden tilat

state-connected = Yhdistetty
state-not-connected = Ei yhdistetty
state-needs-reconnect = Yhdistettävä uudelleen
state-unknown = Tuntematon
# $date is a day, written the language's way ("3. maaliskuuta 2026").
connected-since = Yhdistetty { $date } alkaen
unknown-now = Tuntematon: tilaa ei voitu tarkistaa juuri nyt
# $ago is one of the ago-* messages below.
checked-ago = tarkistettu { $ago }
ago-now = juuri nyt
ago-minutes = { $n ->
    [one] { $n } minuutti sitten
   *[other] { $n } minuuttia sitten
}
ago-hours = { $n ->
    [one] { $n } tunti sitten
   *[other] { $n } tuntia sitten
}
ago-days = { $n ->
    [one] { $n } päivä sitten
   *[other] { $n } päivää sitten
}

## Kirjautumistavat

auth-none = Kirjautumista ei tarvita
auth-api-token = API-tunnus
auth-oauth = OAuth
auth-aws-role = AWS-rooli
auth-google-service-account = Google-palvelutili
auth-other = Muu kirjautumistapa
auth-not-stated = Kirjautumistapaa ei ole ilmoitettu

## Miksi yhdistäminen ei jatkunut

connect-signin = Istuntosi on päättynyt. Jatka avaamalla uusi portaalilinkki.
connect-unknown-integration = Tämä integraatio ei ole enää saatavilla. Alla oleva luettelo on ajan tasalla.
connect-timeout = Integraatiopalvelu ei vastannut ajoissa. Yritä uudelleen.
connect-untrusted-redirect = Tämän integraation kirjautumissivua ei voitu vahvistaa, joten emme avanneet sitä. Yritä myöhemmin uudelleen.
connect-not-allowed = Tämä portaalilinkki ei kata kyseistä integraatiota. Pyydä uusi linkki, joka kattaa sen.
connect-unavailable = Yhdistäminen ei ole tilapäisesti käytettävissä. Yritä hetken kuluttua uudelleen.
connect-internal = Yhdistämisessä tapahtui virhe. Yritä uudelleen.
upstream-not-found = Tämä integraatio ei ole enää saatavilla.
upstream-timeout = Integraatiopalvelun vastaaminen kestää liian kauan. Yritä uudelleen.
upstream-busy = Integraatiopalvelu on ruuhkautunut. Yritä minuutin kuluttua uudelleen.
upstream-unavailable = Integraatiot eivät ole tilapäisesti käytettävissä. Yritä hetken kuluttua uudelleen.

## Paluu palveluntarjoajalta

callback-title = Yhteys
callback-checking = Tarkistetaan yhteyden tilaa integraatiopalvelusta…
connected-to = Yhdistetty palveluun { $name }
connected-body = Voit käyttää sitä heti.
still-connected-title = Yhteys palveluun { $name } on edelleen voimassa
still-connected-body = { $name } ilmoitti ongelmasta tämän yrityksen aikana, mutta yhteytesi on aktiivinen.
unknown-title = Emme voineet vahvistaa yhteyttä palveluun { $name }
unknown-body = Integraatiopalvelu ei vastannut ajoissa. Tulos näkyy pian integraatiosivullasi.
unconfirmed-title = Palvelua { $name } ei ole vielä yhdistetty
unconfirmed-body = { $name } ilmoitti yhteyden onnistuneen, mutta yhteys ei ole aktiivinen. Yritä uudelleen. Jos ongelma toistuu, ota yhteyttä tukeen.
failed-title = Palvelua { $name } ei yhdistetty
failed-cancelled-body = Yhdistäminen peruttiin tai hylättiin. Mitään ei jaettu.
failed-body = Yhdistäminen jäi kesken. Voit yrittää uudelleen.
back-to-integrations = Takaisin integraatioihin
back-to-app = Avaa { $app } uudelleen

callback-signin-title = Istuntosi on päättynyt
callback-signin-body = Avaa uusi portaalilinkki, jonka { $app } antaa, ja yhdistä sitten uudelleen.
callback-unknown-title = Emme ole antaneet tätä paluulinkkiä
callback-unknown-body = Mitään ei muutettu. Aloita alusta integraatiosivultasi.
callback-other-session-title = Tämä yhdistäminen aloitettiin muualla
callback-other-session-body = Se kuuluu toiselle selaimelle tai istunnolle, joten täällä ei muutettu mitään. Aloita alusta integraatiosivultasi.
callback-expired-title = Tämä yhdistämisyritys kesti liian kauan
callback-expired-body = Yritykset vanhenevat 15 minuutin kuluttua. Mitään ei muutettu. Yhdistä uudelleen.
callback-replayed-title = Tätä paluulinkkiä on jo käytetty
callback-replayed-body = Kukin paluulinkki toimii vain kerran. Integraatiosivullasi näkyy nykyinen tila.
callback-internal-title = Emme voineet tarkistaa tätä yhteyttä
callback-internal-body = Meillä tapahtui virhe. Integraatiosivullasi näkyy nykyinen tila.

## Portaalilinkin avaaminen

landing-title = Jatka integraatioihin, jotka { $app } tarjoaa
# $user is shown in bold.
landing-as = Sinut kirjataan sisään käyttäjänä { $user }.
landing-switch-alert = Tähän selaimeen on nyt kirjauduttu käyttäjänä { $current }. Jos jatkat, kyseinen tili kirjataan ulos täällä ja sinut kirjataan sisään käyttäjänä { $user }.
landing-continue = Jatka käyttäjänä { $user }
landing-switch = Vaihda käyttäjään { $user }
landing-hint = Linkki toimii vain kerran. Jos et odottanut sitä, sulje tämä sivu.
deep-title = Yhdistä palvelu { $name }, jotta { $app } voi käyttää sitä
deep-connect = Yhdistä palvelu { $name }
deep-connected-title = Palvelu { $name } on jo yhdistetty, ja { $app } voi käyttää sitä
deep-connected-body = Sinun ei tarvitse tehdä mitään. Jos yhteys lakkaa toimimasta, yhdistä uudelleen.
deep-reconnect = Yhdistä palvelu { $name } uudelleen

link-expired-title = Tämä linkki on vanhentunut
link-expired-body = Portaalilinkit toimivat vain muutaman minuutin. Hanki uusi linkki avaamalla { $app } uudelleen.
link-replayed-title = Tätä linkkiä on jo käytetty
link-replayed-body = Kukin portaalilinkki toimii vain kerran. Hanki uusi linkki avaamalla { $app } uudelleen.
link-revoked-title = Tämä linkki ei enää toimi
link-revoked-body = Linkin on perunut { $app }. Hanki uusi linkki avaamalla { $app } uudelleen.
link-bad-signature-title = Tämä linkki ei ole kelvollinen
link-bad-signature-body = Sitä ei ole annettu tätä portaalia varten, tai sitä on muutettu antamisen jälkeen. Hanki uusi linkki avaamalla { $app } uudelleen.
link-malformed-title = Tämä linkki on puutteellinen
link-malformed-body = Osa osoitteesta saattaa puuttua esimerkiksi kopioinnin vuoksi. Hanki uusi linkki avaamalla { $app } uudelleen.
link-unavailable-title = Tämä integraatio ei ole saatavilla
link-unavailable-body = Se on ehkä poistettu käytöstä linkin lähettämisen jälkeen. Hanki uusi linkki avaamalla { $app } uudelleen.
link-internal-title = Emme voineet kirjata sinua sisään
link-internal-body = Meillä tapahtui virhe. Avaa linkki uudelleen hetken kuluttua.

## Hylkäykset ja virheet

# $id is shown as code.
request-reference = Viite: { $id }
not-found-title = Sivua ei löytynyt
not-found-body = Tässä osoitteessa ei ole mitään.
bad-request-title = Pyyntöä ei voitu lukea
bad-request-body = Yritä uudelleen.
cross-site-title = Tämä pyyntö tuli toiselta sivustolta
cross-site-body = Pyyntö hylättiin. Avaa portaali suoraan ja yritä uudelleen.
timeout-title = Tämä kesti liian kauan
timeout-body = Toiminto keskeytettiin. Mitään ei menetetty; yritä hetken kuluttua uudelleen.
too-large-title = Tämä pyyntö on liian suuri
too-large-body = Pyyntö ylittää hyväksymämme { $bytes } tavun rajan, joten se hylättiin.
too-many-title = Liian monta pyyntöä
too-many-body = { $seconds ->
    [one] Tästä selaimesta tai verkosta lähetettiin liian monta pyyntöä lyhyessä ajassa. Odota { $seconds } sekunti ja yritä sitten uudelleen.
   *[other] Tästä selaimesta tai verkosta lähetettiin liian monta pyyntöä lyhyessä ajassa. Odota { $seconds } sekuntia ja yritä sitten uudelleen.
}
server-error-title = Jokin meni vikaan
server-error-body = Vika on meidän päässämme, ei sinun. Yritä hetken kuluttua uudelleen.
