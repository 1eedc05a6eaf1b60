# Portál plugboard pro koncové uživatele, čeština.
# Proměnné v { $braces } doplňuje portál: ponechte je a přeložte zbytek.
# Názvy ($app, $name, $user) pocházejí z hostitelské aplikace nebo integrační služby a nikdy se nepřekládají.
# $app je název hostitelského produktu („Acme“), nebo, pokud ho provozovatel nenastavil, app-generic níže: $app je vždy v 1. pádě, proto věty pište tak, aby se nemusel skloňovat a aby se s ním sloveso nemuselo shodovat v rodě.

## Záhlaví a zápatí

# What $app is when the operator configured no product name.
app-generic = aplikace

skip-to-content = Přejít na obsah
sandbox-badge = Sandbox
sandbox-badge-title = Běží ve vestavěném sandboxu: nejsou připojeny žádné skutečné účty
# $name is shown in bold.
signed-in-as = Přihlášený uživatel: { $name }
sign-out = Odhlásit se
language-menu = Jazyk
footer-support = Nápověda a podpora
footer-privacy = Ochrana soukromí
footer-terms = Podmínky

## Přihlášení

signin-title = Otevřete své integrace odkazem, který vám vydá { $app }
signin-body = Tento portál se otevírá osobním odkazem, který vydává { $app }. Vraťte se zpět a zvolte správu integrací, nebo si vyžádejte nový odkaz na portál. Odkazy fungují jen jednou a jejich platnost vyprší po několika minutách.
demo-title = Sandbox: pokračovat bez odkazu
demo-bad-id = Zadejte ID uživatele (nesmí být prázdné, „.“ ani „..“, nejvýše 256 znaků).
demo-user-id = ID uživatele
demo-continue = Pokračovat jako tento uživatel
demo-hint = Pouze v sandboxu. Se skutečným klíčem API přicházejí uživatelé přes podepsané odkazy.

## Stránka s integracemi

integrations-title = Integrace
integrations-lede = Připojte nástroje, které používáte. Připojení můžete kdykoli obnovit.
loading = Načítání…
list-stale = Tento seznam nemusí být aktuální: integrační služba právě neodpovídá.
nothing-lost = Nic se neztratilo; vaše stávající připojení dál fungují.
try-again = Zkusit znovu
no-match = Těmto filtrům neodpovídá žádná integrace.
no-integrations = Zatím nejsou k dispozici žádné integrace.
search-label = Hledat
search-placeholder = Název nebo hostitel
filter-state = Stav
filter-any-state = Libovolný stav
filter-auth = Typ přihlášení
filter-any-auth = Libovolný typ
filter-apply = Použít
filter-showing-all = { $total ->
    [one] Zobrazuje se jediná integrace
    [few] Zobrazují se všechny { $total } integrace
    [many] Zobrazuje se všech { $total } integrace
   *[other] Zobrazuje se všech { $total } integrací
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Zobrazeno { $n } z { $total } integrace
    [few] Zobrazeno { $n } z { $total } integrací
    [many] Zobrazeno { $n } z { $total } integrace
   *[other] Zobrazeno { $n } z { $total } integrací
}
help-link = Nápověda
# The card's button; the integration's name follows for screen readers.
connect = Připojit
reconnect = Znovu připojit
connecting = Připojování…

## Stavy připojení

state-connected = Připojeno
state-not-connected = Nepřipojeno
state-needs-reconnect = Vyžaduje opětovné připojení
state-unknown = Neznámý stav
# $date is a day, written the language's way ("3. března 2026").
connected-since = Připojeno od { $date }
unknown-now = Neznámý stav: právě teď se nepodařilo ověřit
# $ago is one of the ago-* messages below.
checked-ago = ověřeno { $ago }
ago-now = právě teď
ago-minutes = { $n ->
    [one] před { $n } minutou
    [few] před { $n } minutami
    [many] před { $n } minuty
   *[other] před { $n } minutami
}
ago-hours = { $n ->
    [one] před { $n } hodinou
    [few] před { $n } hodinami
    [many] před { $n } hodiny
   *[other] před { $n } hodinami
}
ago-days = { $n ->
    [one] před { $n } dnem
    [few] před { $n } dny
    [many] před { $n } dne
   *[other] před { $n } dny
}

## Typy přihlášení

auth-none = Přihlášení není potřeba
auth-api-token = Token API
auth-oauth = OAuth
auth-aws-role = Role AWS
auth-google-service-account = Servisní účet Google
auth-other = Jiný způsob přihlášení
auth-not-stated = Typ přihlášení není uveden

## Proč připojení nepokračovalo

connect-signin = Vaše relace skončila. Pokračujte otevřením nového odkazu na portál.
connect-unknown-integration = Tato integrace už není k dispozici. Seznam níže je aktuální.
connect-timeout = Integrační služba neodpověděla včas. Zkuste to prosím znovu.
connect-untrusted-redirect = Přihlašovací stránku této integrace se nepodařilo ověřit, a proto jsme ji neotevřeli. Zkuste to prosím později.
connect-not-allowed = Tento odkaz na portál tuto integraci nezahrnuje. Požádejte o nový odkaz, který ji zahrnuje.
connect-unavailable = Připojení je dočasně nedostupné. Zkuste to prosím za chvíli.
connect-internal = Při připojování se něco pokazilo. Zkuste to prosím znovu.
upstream-not-found = Tato integrace už není k dispozici.
upstream-timeout = Integrační službě trvá odpověď příliš dlouho. Zkuste to prosím znovu.
upstream-busy = Integrační služba je přetížená. Zkuste to prosím za minutu.
upstream-unavailable = Integrace jsou dočasně nedostupné. Zkuste to prosím za chvíli.

## Návrat od poskytovatele

callback-title = Připojení
callback-checking = Ověřujeme připojení u integrační služby…
connected-to = Služba { $name } je připojena
connected-body = Můžete ji hned začít používat.
still-connected-title = Služba { $name } je stále připojena
still-connected-body = Služba { $name } u tohoto pokusu nahlásila problém, ale vaše připojení je aktivní.
unknown-title = Připojení ke službě { $name } se nepodařilo potvrdit
unknown-body = Integrační služba neodpověděla včas. Výsledek se brzy zobrazí na stránce s integracemi.
unconfirmed-title = Služba { $name } zatím není připojena
unconfirmed-body = Služba { $name } ohlásila, že připojení proběhlo, ale není aktivní. Zkuste to prosím znovu. Pokud se to bude opakovat, kontaktujte podporu.
failed-title = Službu { $name } se nepodařilo připojit
failed-cancelled-body = Připojení bylo zrušeno nebo odmítnuto. Nic nebylo sdíleno.
failed-body = Připojení nebylo dokončeno. Můžete to zkusit znovu.
back-to-integrations = Zpět na integrace
back-to-app = Zpět tam, kde vás čeká { $app }

callback-signin-title = Vaše relace skončila
callback-signin-body = Nový odkaz na portál vám vydá { $app }. Otevřete ho a pak se znovu připojte.
callback-unknown-title = Tento návratový odkaz jsme nevydali
callback-unknown-body = Nic se nezměnilo. Začněte znovu ze stránky s integracemi.
callback-other-session-title = Toto připojení bylo zahájeno jinde
callback-other-session-body = Patří jinému prohlížeči nebo relaci, proto se zde nic nezměnilo. Začněte znovu ze stránky s integracemi.
callback-expired-title = Tento pokus o připojení trval příliš dlouho
callback-expired-body = Platnost pokusů vyprší po 15 minutách. Nic se nezměnilo. Připojte se prosím znovu.
callback-replayed-title = Tento návratový odkaz už byl použit
callback-replayed-body = Každý návratový odkaz funguje jen jednou. Aktuální stav najdete na stránce s integracemi.
callback-internal-title = Toto připojení se nepodařilo ověřit
callback-internal-body = Na naší straně se něco pokazilo. Aktuální stav najdete na stránce s integracemi.

## Otevření odkazu na portál

landing-title = Pokračovat na integrace, které nabízí { $app }
# $user is shown in bold.
landing-as = Budete přihlášeni jako { $user }.
landing-switch-alert = Tento prohlížeč je nyní přihlášen jako { $current }. Pokud budete pokračovat, tento účet se zde odhlásí a přihlásíte se jako { $user }.
landing-continue = Pokračovat jako { $user }
landing-switch = Přepnout na { $user }
landing-hint = Odkaz funguje jen jednou. Pokud jste ho nečekali, zavřete tuto stránku.
deep-title = Připojte službu { $name }, kterou bude používat { $app }
deep-connect = Připojit službu { $name }
deep-connected-title = Služba { $name } je už připojena a používá ji { $app }
deep-connected-body = Nemusíte nic dělat. Pokud přestane fungovat, připojte ji znovu.
deep-reconnect = Znovu připojit službu { $name }

link-expired-title = Platnost tohoto odkazu vypršela
link-expired-body = Odkazy na portál platí jen několik minut. Nový odkaz vám vydá { $app }.
link-replayed-title = Tento odkaz už byl použit
link-replayed-body = Každý odkaz na portál funguje jen jednou. Nový odkaz vám vydá { $app }.
link-revoked-title = Tento odkaz už nefunguje
link-revoked-body = Tento odkaz zneplatnil jeho vydavatel. Nový odkaz vám vydá { $app }.
link-bad-signature-title = Tento odkaz není platný
link-bad-signature-body = Nebyl vydán pro tento portál, nebo byl po vydání změněn. Nový odkaz vám vydá { $app }.
link-malformed-title = Tento odkaz je neúplný
link-malformed-body = Část adresy možná chybí, například kvůli kopírování. Nový odkaz vám vydá { $app }.
link-unavailable-title = Tato integrace není k dispozici
link-unavailable-body = Možná byla od odeslání odkazu vypnuta. Nový odkaz vám vydá { $app }.
link-internal-title = Nepodařilo se vás přihlásit
link-internal-body = Na naší straně se něco pokazilo. Otevřete prosím odkaz za chvíli znovu.

## Odmítnutí a chyby

# $id is shown as code.
request-reference = Referenční kód: { $id }
not-found-title = Stránka nenalezena
not-found-body = Na této adrese nic není.
bad-request-title = Požadavek se nepodařilo přečíst
bad-request-body = Zkuste to prosím znovu.
cross-site-title = Tento požadavek přišel z jiného webu
cross-site-body = Byl odmítnut. Otevřete portál přímo a zkuste to znovu.
timeout-title = Trvalo to příliš dlouho
timeout-body = Akce byla zastavena. Nic se neztratilo; zkuste to prosím za chvíli znovu.
too-large-title = Tento požadavek je příliš velký
too-large-body = Překračuje náš limit { $bytes } bajtů, a proto byl odmítnut.
too-many-title = Příliš mnoho požadavků
too-many-body = { $seconds ->
    [one] Z tohoto prohlížeče nebo sítě přišlo během krátké doby příliš mnoho požadavků. Počkejte { $seconds } sekundu a zkuste to znovu.
    [few] Z tohoto prohlížeče nebo sítě přišlo během krátké doby příliš mnoho požadavků. Počkejte { $seconds } sekundy a zkuste to znovu.
    [many] Z tohoto prohlížeče nebo sítě přišlo během krátké doby příliš mnoho požadavků. Počkejte { $seconds } sekundy a zkuste to znovu.
   *[other] Z tohoto prohlížeče nebo sítě přišlo během krátké doby příliš mnoho požadavků. Počkejte { $seconds } sekund a zkuste to znovu.
}
server-error-title = Něco se pokazilo
server-error-body = Chyba je na naší straně, ne na vaší. Zkuste to prosím za chvíli znovu.
