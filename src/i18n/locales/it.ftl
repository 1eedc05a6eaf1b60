# plugboard's end-user portal, Italian. English (en.ftl) is the reference.
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = l’app

skip-to-content = Vai al contenuto
sandbox-badge = Sandbox
sandbox-badge-title = In esecuzione nella sandbox integrata: nessun account reale è connesso
# $name is shown in bold.
signed-in-as = Accesso effettuato come { $name }
sign-out = Esci
language-menu = Lingua
footer-support = Guida e assistenza
footer-privacy = Privacy
footer-terms = Termini

## Signing in

signin-title = Apra le sue integrazioni tramite { $app }
signin-body = Questo portale si apre con un link personale che le fornisce { $app }. Riapra { $app } e scelga di gestire le sue integrazioni, oppure richieda un nuovo link al portale tramite { $app }. I link funzionano una sola volta e scadono dopo pochi minuti.
demo-title = Sandbox: continua senza link
demo-bad-id = Inserisca un ID utente (non vuoto, diverso da «.» e «..», al massimo 256 caratteri).
demo-user-id = ID utente
demo-continue = Continua come questo utente
demo-hint = Solo nella sandbox. Con una vera chiave API, gli utenti arrivano tramite link firmati.

## The integrations page

integrations-title = Integrazioni
integrations-lede = Connetta gli strumenti che utilizza. Può riconnettere una connessione in qualsiasi momento.
loading = Caricamento…
list-stale = Questo elenco potrebbe non essere aggiornato: il servizio di integrazione al momento non risponde.
nothing-lost = Non è andato perso nulla; le connessioni esistenti continuano a funzionare.
try-again = Riprova
no-match = Nessuna integrazione corrisponde a questi filtri.
no-integrations = Non ci sono ancora integrazioni disponibili.
search-label = Cerca
search-placeholder = Nome o host
filter-state = Stato
filter-any-state = Qualsiasi stato
filter-auth = Tipo di autenticazione
filter-any-auth = Qualsiasi tipo
filter-apply = Applica
filter-showing-all = { $total ->
    [one] Visualizzata l’unica integrazione
    [many] Visualizzate tutte le { $total } integrazioni
   *[other] Visualizzate tutte le { $total } integrazioni
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Visualizzazione di { $n } su { $total } integrazione
    [many] Visualizzazione di { $n } su { $total } integrazioni
   *[other] Visualizzazione di { $n } su { $total } integrazioni
}
help-link = Guida
# The card's button; the integration's name follows for screen readers.
connect = Connetti
reconnect = Riconnetti
connecting = Connessione in corso…

## Connection states

state-connected = Connesso
state-not-connected = Non connesso
state-needs-reconnect = Da riconnettere
state-unknown = Sconosciuto
# $date is a day, written the language's way ("3 March 2026").
connected-since = Connesso dal { $date }
unknown-now = Sconosciuto: impossibile verificare in questo momento
# $ago is one of the ago-* messages below.
checked-ago = verificato { $ago }
ago-now = poco fa
ago-minutes = { $n ->
    [one] { $n } minuto fa
    [many] { $n } minuti fa
   *[other] { $n } minuti fa
}
ago-hours = { $n ->
    [one] { $n } ora fa
    [many] { $n } ore fa
   *[other] { $n } ore fa
}
ago-days = { $n ->
    [one] { $n } giorno fa
    [many] { $n } giorni fa
   *[other] { $n } giorni fa
}

## Sign-in types

auth-none = Nessuna autenticazione richiesta
auth-api-token = Token API
auth-oauth = OAuth
auth-aws-role = Ruolo AWS
auth-google-service-account = Account di servizio Google
auth-other = Altro tipo di autenticazione
auth-not-stated = Tipo di autenticazione non indicato

## Why Connect did not go on

connect-signin = La sessione è terminata. Apra un nuovo link al portale per continuare.
connect-unknown-integration = Questa integrazione non è più disponibile. L’elenco qui sotto è aggiornato.
connect-timeout = Il servizio di integrazione ha impiegato troppo tempo a rispondere. Riprovi.
connect-untrusted-redirect = Non è stato possibile verificare la pagina di accesso di questa integrazione, quindi non l’abbiamo aperta. Riprovi più tardi.
connect-not-allowed = Questo link al portale non include questa integrazione. Richieda un nuovo link che la includa.
connect-unavailable = La connessione è temporaneamente non disponibile. Riprovi tra qualche istante.
connect-internal = Si è verificato un errore durante la connessione. Riprovi.
upstream-not-found = Questa integrazione non è più disponibile.
upstream-timeout = Il servizio di integrazione sta impiegando troppo tempo a rispondere. Riprovi.
upstream-busy = Il servizio di integrazione è occupato. Riprovi tra un minuto.
upstream-unavailable = Le integrazioni sono temporaneamente non disponibili. Riprovi tra qualche istante.

## Back from the provider

callback-title = Connessione
callback-checking = Verifica della connessione con il servizio di integrazione…
connected-to = Connesso a { $name }
connected-body = Può utilizzarla subito.
still-connected-title = Ancora connesso a { $name }
still-connected-body = { $name } ha segnalato un problema con questo tentativo, ma la connessione è attiva.
unknown-title = Non è stato possibile confermare la connessione a { $name }
unknown-body = Il servizio di integrazione non ha risposto in tempo. La pagina delle integrazioni mostrerà a breve il risultato.
unconfirmed-title = { $name } non è ancora connesso
unconfirmed-body = Secondo { $name } la connessione è riuscita, ma non è attiva. Riprovi; se il problema persiste, contatti l’assistenza.
failed-title = { $name } non è stato connesso
failed-cancelled-body = La connessione è stata annullata o rifiutata. Non è stato condiviso nulla.
failed-body = La connessione non è stata completata. Può riprovare.
back-to-integrations = Torna alle integrazioni
back-to-app = Torna a usare { $app }

callback-signin-title = La sessione è terminata
callback-signin-body = Apra un nuovo link al portale tramite { $app }, quindi ripeta la connessione.
callback-unknown-title = Questo link di ritorno non è stato emesso da noi
callback-unknown-body = Non è stato modificato nulla. Ricominci dalla pagina delle integrazioni.
callback-other-session-title = Questa connessione è stata avviata altrove
callback-other-session-body = Appartiene a un altro browser o a un’altra sessione, quindi qui non è stato modificato nulla. Ricominci dalla pagina delle integrazioni.
callback-expired-title = Questo tentativo di connessione ha richiesto troppo tempo
callback-expired-body = I tentativi scadono dopo 15 minuti. Non è stato modificato nulla. Ripeta la connessione.
callback-replayed-title = Questo link di ritorno è già stato utilizzato
callback-replayed-body = Ogni link di ritorno funziona una sola volta. La pagina delle integrazioni mostra lo stato attuale.
callback-internal-title = Non è stato possibile verificare questa connessione
callback-internal-body = Si è verificato un problema da parte nostra. La pagina delle integrazioni mostra lo stato attuale.

## Opening a portal link

landing-title = Continua alle integrazioni per { $app }
# $user is shown in bold.
landing-as = Accederà come { $user }.
landing-switch-alert = Questo browser ha attualmente effettuato l’accesso come { $current }. Continuando, quell’account verrà disconnesso qui e verrà effettuato l’accesso come { $user }.
landing-continue = Continua come { $user }
landing-switch = Passa a { $user }
landing-hint = Il link funziona una sola volta. Se non se lo aspettava, chiuda questa pagina.
deep-title = Connetti { $name } con { $app }
deep-connect = Connetti { $name }
deep-connected-title = { $name } è già connesso con { $app }
deep-connected-body = Non deve fare nulla. Se smette di funzionare, lo riconnetta.
deep-reconnect = Riconnetti { $name }

link-expired-title = Questo link è scaduto
link-expired-body = I link al portale sono validi solo per pochi minuti. Richieda un nuovo link tramite { $app }.
link-replayed-title = Questo link è già stato utilizzato
link-replayed-body = Ogni link al portale funziona una sola volta. Richieda un nuovo link tramite { $app }.
link-revoked-title = Questo link non funziona più
link-revoked-body = Lo ha revocato { $app }. Richieda un nuovo link tramite { $app }.
link-bad-signature-title = Questo link non è valido
link-bad-signature-body = Non è stato emesso per questo portale oppure è stato modificato dopo l’emissione. Richieda un nuovo link tramite { $app }.
link-malformed-title = Questo link è incompleto
link-malformed-body = Potrebbe mancare una parte dell’indirizzo, ad esempio durante la copia. Richieda un nuovo link tramite { $app }.
link-unavailable-title = Questa integrazione non è disponibile
link-unavailable-body = Potrebbe essere stata disattivata dopo l’invio del link. Richieda un nuovo link tramite { $app }.
link-internal-title = Non è stato possibile effettuare l’accesso
link-internal-body = Si è verificato un problema da parte nostra. Riapra il link tra qualche istante.

## Refusals and errors

# $id is shown as code.
request-reference = Riferimento: { $id }
not-found-title = Pagina non trovata
not-found-body = Non c’è nulla a questo indirizzo.
bad-request-title = Non è stato possibile leggere la richiesta
bad-request-body = Riprovi.
cross-site-title = Questa richiesta proviene da un altro sito
cross-site-body = È stata rifiutata. Apra direttamente il portale e riprovi.
timeout-title = L’operazione ha richiesto troppo tempo
timeout-body = È stata interrotta. Non è andato perso nulla; riprovi tra qualche istante.
too-large-title = Questa richiesta è troppo grande
too-large-body = Supera il limite di { $bytes } byte che accettiamo ed è stata rifiutata.
too-many-title = Troppe richieste
too-many-body = { $seconds ->
    [one] Questo browser o questa rete ha inviato troppe richieste in poco tempo. Attenda { $seconds } secondo, quindi riprovi.
    [many] Questo browser o questa rete ha inviato troppe richieste in poco tempo. Attenda { $seconds } secondi, quindi riprovi.
   *[other] Questo browser o questa rete ha inviato troppe richieste in poco tempo. Attenda { $seconds } secondi, quindi riprovi.
}
server-error-title = Si è verificato un errore
server-error-body = Il problema è nostro, non suo. Riprovi tra qualche istante.
