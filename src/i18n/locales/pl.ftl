# Portal użytkownika plugboard, wersja polska.
# Zmienne w { $nawiasach } wstawia portal: zachowaj je, a resztę przetłumacz.
# Nazwy ($app, $name, $user) pochodzą z aplikacji hosta lub usługi integracji i nigdy nie są tłumaczone.
# $app to nazwa produktu hosta („Acme”) albo, gdy operator jej nie ustawił, tekst komunikatu app-generic poniżej (w mianowniku):
# pisz każde zdanie z $app tak, by brzmiało naturalnie w obu wersjach, czyli z $app w mianowniku i bez odmiany przez rodzaj.

## Nagłówek i stopka

# Czym jest $app, gdy operator nie ustawił nazwy produktu.
app-generic = aplikacja

skip-to-content = Przejdź do treści
sandbox-badge = Piaskownica
sandbox-badge-title = Działa we wbudowanej piaskownicy: żadne prawdziwe konta nie są połączone
# $name jest wyświetlane pogrubioną czcionką.
signed-in-as = Zalogowano jako { $name }
sign-out = Wyloguj się
language-menu = Język
footer-support = Pomoc i wsparcie
footer-privacy = Prywatność
footer-terms = Warunki

## Logowanie

signin-title = Otwórz swoje integracje linkiem, który udostępnia { $app }
signin-body = Ten portal otwiera się za pomocą osobistego linku, który udostępnia { $app }. Wróć tam i wybierz zarządzanie integracjami albo poproś tam o nowy link do portalu. Linki działają tylko raz i wygasają po kilku minutach.
demo-title = Piaskownica: kontynuuj bez linku
demo-bad-id = Podaj identyfikator użytkownika (niepusty, inny niż „.” i „..”, maksymalnie 256 znaków).
demo-user-id = Identyfikator użytkownika
demo-continue = Kontynuuj jako ten użytkownik
demo-hint = Tylko w piaskownicy. Przy prawdziwym kluczu API użytkownicy trafiają tu przez podpisane linki.

## Strona integracji

integrations-title = Integracje
integrations-lede = Połącz narzędzia, z których korzystasz. W każdej chwili możesz połączyć je ponownie.
loading = Ładowanie…
list-stale = Ta lista może być nieaktualna: usługa integracji w tej chwili nie odpowiada.
nothing-lost = Nic nie zostało utracone; Twoje istniejące połączenia nadal działają.
try-again = Spróbuj ponownie
no-match = Żadna integracja nie pasuje do tych filtrów.
no-integrations = Nie ma jeszcze dostępnych integracji.
search-label = Szukaj
search-placeholder = Nazwa lub host
filter-state = Stan
filter-any-state = Dowolny stan
filter-auth = Sposób logowania
filter-any-auth = Dowolny sposób
filter-apply = Zastosuj
filter-showing-all = { $total ->
    [one] Wyświetlana jest jedyna integracja
    [few] Wyświetlane są wszystkie integracje ({ $total })
    [many] Wyświetlane są wszystkie integracje ({ $total })
   *[other] Wyświetlane są wszystkie integracje ({ $total })
}
# $n wstawia przeglądarka podczas filtrowania: formę wybiera się wyłącznie według $total.
filter-showing = { $total ->
    [one] Wyświetlono { $n } z { $total } integracji
    [few] Wyświetlono { $n } z { $total } integracji
    [many] Wyświetlono { $n } z { $total } integracji
   *[other] Wyświetlono { $n } z { $total } integracji
}
help-link = Pomoc
# Przycisk na karcie; dla czytników ekranu następuje po nim nazwa integracji.
connect = Połącz
reconnect = Połącz ponownie
connecting = Łączenie…

## Stany połączenia

state-connected = Połączono
state-not-connected = Nie połączono
state-needs-reconnect = Wymaga ponownego połączenia
state-unknown = Nieznany
# $date to data zapisana zgodnie z zasadami języka („3 marca 2026”).
connected-since = Połączenie aktywne od { $date }
unknown-now = Nieznany: nie udało się teraz sprawdzić
# $ago to jeden z komunikatów ago-* poniżej.
checked-ago = sprawdzono { $ago }
ago-now = przed chwilą
ago-minutes = { $n ->
    [one] { $n } minutę temu
    [few] { $n } minuty temu
    [many] { $n } minut temu
   *[other] { $n } minuty temu
}
ago-hours = { $n ->
    [one] { $n } godzinę temu
    [few] { $n } godziny temu
    [many] { $n } godzin temu
   *[other] { $n } godziny temu
}
ago-days = { $n ->
    [one] { $n } dzień temu
    [few] { $n } dni temu
    [many] { $n } dni temu
   *[other] { $n } dnia temu
}

## Sposoby logowania

auth-none = Bez logowania
auth-api-token = Token API
auth-oauth = OAuth
auth-aws-role = Rola AWS
auth-google-service-account = Konto usługi Google
auth-other = Inny sposób logowania
auth-not-stated = Nie podano sposobu logowania

## Dlaczego nie udało się połączyć

connect-signin = Twoja sesja wygasła. Otwórz nowy link do portalu, aby kontynuować.
connect-unknown-integration = Ta integracja nie jest już dostępna. Poniższa lista jest aktualna.
connect-timeout = Usługa integracji zbyt długo nie odpowiadała. Spróbuj ponownie.
connect-untrusted-redirect = Nie udało się zweryfikować strony logowania tej integracji, więc jej nie otworzyliśmy. Spróbuj ponownie później.
connect-not-allowed = Ten link do portalu nie obejmuje tej integracji. Poproś o nowy link, który będzie ją obejmował.
connect-unavailable = Łączenie jest chwilowo niedostępne. Spróbuj ponownie za chwilę.
connect-internal = Podczas łączenia coś poszło nie tak. Spróbuj ponownie.
upstream-not-found = Ta integracja nie jest już dostępna.
upstream-timeout = Usługa integracji zbyt długo nie odpowiada. Spróbuj ponownie.
upstream-busy = Usługa integracji jest zajęta. Spróbuj ponownie za minutę.
upstream-unavailable = Integracje są chwilowo niedostępne. Spróbuj ponownie za chwilę.

## Powrót od dostawcy

callback-title = Połączenie
callback-checking = Sprawdzanie połączenia w usłudze integracji…
connected-to = Połączono z usługą { $name }
connected-body = Możesz od razu z niej korzystać.
still-connected-title = Połączenie z usługą { $name } jest nadal aktywne
still-connected-body = Usługa { $name } zgłosiła problem przy tej próbie, ale Twoje połączenie jest aktywne.
unknown-title = Nie udało się potwierdzić połączenia z usługą { $name }
unknown-body = Usługa integracji nie odpowiedziała na czas. Wynik wkrótce pojawi się na stronie integracji.
unconfirmed-title = Usługa { $name } nie jest jeszcze połączona
unconfirmed-body = Usługa { $name } zgłosiła, że połączenie się udało, ale nie jest ono aktywne. Spróbuj ponownie, a jeśli problem będzie się powtarzał, skontaktuj się z pomocą techniczną.
failed-title = Nie połączono z usługą { $name }
failed-cancelled-body = Połączenie zostało anulowane lub odrzucone. Nic nie zostało udostępnione.
failed-body = Połączenie nie zostało ukończone. Możesz spróbować ponownie.
back-to-integrations = Wróć do integracji
back-to-app = Wróć – otworzy się { $app }

callback-signin-title = Twoja sesja wygasła
callback-signin-body = Otwórz nowy link do portalu, który udostępni Ci { $app }, a następnie połącz ponownie.
callback-unknown-title = Ten link powrotny nie pochodzi od nas
callback-unknown-body = Nic nie zostało zmienione. Zacznij od nowa na stronie integracji.
callback-other-session-title = To połączenie zostało rozpoczęte gdzie indziej
callback-other-session-body = Należy do innej przeglądarki lub sesji, więc nic tu nie zostało zmienione. Zacznij od nowa na stronie integracji.
callback-expired-title = Ta próba połączenia trwała zbyt długo
callback-expired-body = Próby połączenia wygasają po 15 minutach. Nic nie zostało zmienione. Połącz ponownie.
callback-replayed-title = Ten link powrotny został już użyty
callback-replayed-body = Każdy link powrotny działa tylko raz. Aktualny stan znajdziesz na stronie integracji.
callback-internal-title = Nie udało się sprawdzić tego połączenia
callback-internal-body = Po naszej stronie coś poszło nie tak. Aktualny stan znajdziesz na stronie integracji.

## Otwieranie linku do portalu

landing-title = Przejdź do integracji, które udostępnia { $app }
# $user jest wyświetlane pogrubioną czcionką.
landing-as = Nastąpi zalogowanie jako { $user }.
landing-switch-alert = W tej przeglądarce jest teraz zalogowany użytkownik { $current }. Jeśli przejdziesz dalej, to konto zostanie tu wylogowane i nastąpi zalogowanie jako { $user }.
landing-continue = Kontynuuj jako { $user }
landing-switch = Przełącz na { $user }
landing-hint = Link działa tylko raz. Jeśli nie spodziewasz się tego linku, zamknij tę stronę.
deep-title = Połącz usługę { $name }, z której będzie korzystać { $app }
deep-connect = Połącz usługę { $name }
deep-connected-title = Usługa { $name } jest już połączona i korzysta z niej { $app }
deep-connected-body = Nic nie musisz robić. Jeśli przestanie działać, połącz ją ponownie.
deep-reconnect = Połącz ponownie usługę { $name }

link-expired-title = Ten link wygasł
link-expired-body = Linki do portalu działają tylko przez kilka minut. Poproś o nowy link, który udostępni Ci { $app }.
link-replayed-title = Ten link został już użyty
link-replayed-body = Każdy link do portalu działa tylko raz. Poproś o nowy link, który udostępni Ci { $app }.
link-revoked-title = Ten link już nie działa
link-revoked-body = Wycofał go wystawca linku, czyli { $app }. Poproś o nowy link, który udostępni Ci { $app }.
link-bad-signature-title = Ten link jest nieprawidłowy
link-bad-signature-body = Nie został wydany dla tego portalu albo został zmieniony po wydaniu. Poproś o nowy link, który udostępni Ci { $app }.
link-malformed-title = Ten link jest niekompletny
link-malformed-body = Może brakować części adresu, na przykład po skopiowaniu. Poproś o nowy link, który udostępni Ci { $app }.
link-unavailable-title = Ta integracja nie jest dostępna
link-unavailable-body = Mogła zostać wyłączona po wysłaniu linku. Poproś o nowy link, który udostępni Ci { $app }.
link-internal-title = Nie udało się Cię zalogować
link-internal-body = Po naszej stronie coś poszło nie tak. Za chwilę otwórz link ponownie.

## Odmowy i błędy

# $id jest wyświetlane jako kod.
request-reference = Numer referencyjny: { $id }
not-found-title = Nie znaleziono strony
not-found-body = Pod tym adresem nic nie ma.
bad-request-title = Nie udało się odczytać żądania
bad-request-body = Spróbuj ponownie.
cross-site-title = To żądanie pochodzi z innej witryny
cross-site-body = Zostało odrzucone. Otwórz portal bezpośrednio i spróbuj ponownie.
timeout-title = Trwało to zbyt długo
timeout-body = Operacja została przerwana. Nic nie zostało utracone; spróbuj ponownie za chwilę.
too-large-title = To żądanie jest zbyt duże
too-large-body = Przekracza akceptowany przez nas limit { $bytes } bajtów, więc zostało odrzucone.
too-many-title = Zbyt wiele żądań
too-many-body = { $seconds ->
    [one] Ta przeglądarka lub sieć wysłała zbyt wiele żądań w krótkim czasie. Odczekaj { $seconds } sekundę i spróbuj ponownie.
    [few] Ta przeglądarka lub sieć wysłała zbyt wiele żądań w krótkim czasie. Odczekaj { $seconds } sekundy i spróbuj ponownie.
    [many] Ta przeglądarka lub sieć wysłała zbyt wiele żądań w krótkim czasie. Odczekaj { $seconds } sekund i spróbuj ponownie.
   *[other] Ta przeglądarka lub sieć wysłała zbyt wiele żądań w krótkim czasie. Odczekaj { $seconds } sekundy i spróbuj ponownie.
}
server-error-title = Coś poszło nie tak
server-error-body = To nasza wina, nie Twoja. Spróbuj ponownie za chwilę.
