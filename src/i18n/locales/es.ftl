# plugboard's end-user portal, Spanish. English (en.ftl) is the reference.
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = la aplicación

skip-to-content = Saltar al contenido
sandbox-badge = Entorno de pruebas
sandbox-badge-title = Se ejecuta en el entorno de pruebas integrado: no hay cuentas reales conectadas
# $name is shown in bold.
signed-in-as = Sesión iniciada como { $name }
sign-out = Cerrar sesión
language-menu = Idioma
footer-support = Ayuda y soporte
footer-privacy = Privacidad
footer-terms = Términos

## Signing in

signin-title = Abra sus integraciones desde { $app }
signin-body = Este portal se abre con un enlace personal de { $app }. Vuelva a { $app } y elija gestionar sus integraciones, o solicite a { $app } un nuevo enlace al portal. Los enlaces solo funcionan una vez y caducan a los pocos minutos.
demo-title = Entorno de pruebas: continuar sin enlace
demo-bad-id = Introduzca un ID de usuario (no vacío, distinto de «.» y «..», de 256 caracteres como máximo).
demo-user-id = ID de usuario
demo-continue = Continuar como este usuario
demo-hint = Solo en el entorno de pruebas. Con una clave de API real, los usuarios llegan mediante enlaces firmados.

## The integrations page

integrations-title = Integraciones
integrations-lede = Conecte las herramientas que utiliza. Puede volver a conectar una conexión en cualquier momento.
loading = Cargando…
list-stale = Es posible que esta lista no esté actualizada: el servicio de integraciones no responde en este momento.
nothing-lost = No se ha perdido nada; sus conexiones existentes siguen funcionando.
try-again = Reintentar
no-match = Ninguna integración coincide con estos filtros.
no-integrations = Todavía no hay integraciones disponibles.
search-label = Buscar
search-placeholder = Nombre o host
filter-state = Estado
filter-any-state = Cualquier estado
filter-auth = Tipo de autenticación
filter-any-auth = Cualquier tipo
filter-apply = Aplicar
filter-showing-all = { $total ->
    [one] Se muestra la única integración
    [many] Se muestran las { $total } integraciones
   *[other] Se muestran las { $total } integraciones
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] Mostrando { $n } de { $total } integración
    [many] Mostrando { $n } de { $total } integraciones
   *[other] Mostrando { $n } de { $total } integraciones
}
help-link = Ayuda
# The card's button; the integration's name follows for screen readers.
connect = Conectar
reconnect = Reconectar
connecting = Conectando…

## Connection states

state-connected = Conectado
state-not-connected = No conectado
state-needs-reconnect = Requiere reconexión
state-unknown = Desconocido
# $date is a day, written the language's way ("3 March 2026").
connected-since = Conectado desde el { $date }
unknown-now = Desconocido: no se ha podido comprobar en este momento
# $ago is one of the ago-* messages below.
checked-ago = comprobado { $ago }
ago-now = hace un momento
ago-minutes = { $n ->
    [one] hace { $n } minuto
    [many] hace { $n } minutos
   *[other] hace { $n } minutos
}
ago-hours = { $n ->
    [one] hace { $n } hora
    [many] hace { $n } horas
   *[other] hace { $n } horas
}
ago-days = { $n ->
    [one] hace { $n } día
    [many] hace { $n } días
   *[other] hace { $n } días
}

## Sign-in types

auth-none = No requiere autenticación
auth-api-token = Token de API
auth-oauth = OAuth
auth-aws-role = Rol de AWS
auth-google-service-account = Cuenta de servicio de Google
auth-other = Otro tipo de autenticación
auth-not-stated = Tipo de autenticación no indicado

## Why Connect did not go on

connect-signin = Su sesión ha finalizado. Abra un nuevo enlace al portal para continuar.
connect-unknown-integration = Esa integración ya no está disponible. La lista siguiente está actualizada.
connect-timeout = El servicio de integraciones tardó demasiado en responder. Inténtelo de nuevo.
connect-untrusted-redirect = No se ha podido verificar la página de inicio de sesión de esta integración, por lo que no la hemos abierto. Inténtelo de nuevo más tarde.
connect-not-allowed = Este enlace al portal no incluye esa integración. Solicite un nuevo enlace que la incluya.
connect-unavailable = La conexión no está disponible temporalmente. Inténtelo de nuevo en unos instantes.
connect-internal = Se ha producido un error al conectar. Inténtelo de nuevo.
upstream-not-found = Esta integración ya no está disponible.
upstream-timeout = El servicio de integraciones está tardando demasiado en responder. Inténtelo de nuevo.
upstream-busy = El servicio de integraciones está ocupado. Inténtelo de nuevo dentro de un minuto.
upstream-unavailable = Las integraciones no están disponibles temporalmente. Inténtelo de nuevo en unos instantes.

## Back from the provider

callback-title = Conexión
callback-checking = Comprobando la conexión con el servicio de integraciones…
connected-to = Conectado a { $name }
connected-body = Ya puede utilizarla.
still-connected-title = Sigue conectado a { $name }
still-connected-body = { $name } informó de un problema en este intento, pero su conexión está activa.
unknown-title = No hemos podido confirmar la conexión con { $name }
unknown-body = El servicio de integraciones no respondió a tiempo. Su página de integraciones mostrará el resultado en breve.
unconfirmed-title = { $name } aún no está conectado
unconfirmed-body = { $name } indicó que la conexión se realizó correctamente, pero no está activa. Inténtelo de nuevo; si el problema continúa, póngase en contacto con el soporte.
failed-title = No se ha conectado { $name }
failed-cancelled-body = La conexión se canceló o se rechazó. No se ha compartido nada.
failed-body = La conexión no se completó. Puede intentarlo de nuevo.
back-to-integrations = Volver a las integraciones
back-to-app = Volver a { $app }

callback-signin-title = Su sesión ha finalizado
callback-signin-body = Abra un nuevo enlace al portal desde { $app } y vuelva a conectar.
callback-unknown-title = Este enlace de retorno no lo hemos emitido nosotros
callback-unknown-body = No se ha cambiado nada. Vuelva a empezar desde sus integraciones.
callback-other-session-title = Esta conexión se inició en otro lugar
callback-other-session-body = Pertenece a otro navegador o a otra sesión, así que aquí no se ha cambiado nada. Vuelva a empezar desde sus integraciones.
callback-expired-title = Este intento de conexión tardó demasiado
callback-expired-body = Los intentos caducan a los 15 minutos. No se ha cambiado nada. Vuelva a conectar.
callback-replayed-title = Este enlace de retorno ya se ha utilizado
callback-replayed-body = Cada enlace de retorno funciona una sola vez. Su página de integraciones muestra el estado actual.
callback-internal-title = No hemos podido comprobar esta conexión
callback-internal-body = Algo ha fallado por nuestra parte. Su página de integraciones muestra el estado actual.

## Opening a portal link

landing-title = Continuar a las integraciones de { $app }
# $user is shown in bold.
landing-as = Iniciará sesión como { $user }.
landing-switch-alert = Este navegador tiene ahora la sesión iniciada como { $current }. Si continúa, se cerrará aquí la sesión de esa cuenta y se iniciará sesión como { $user }.
landing-continue = Continuar como { $user }
landing-switch = Cambiar a { $user }
landing-hint = El enlace funciona una sola vez. Si no lo esperaba, cierre esta página.
deep-title = Conectar { $name } a { $app }
deep-connect = Conectar { $name }
deep-connected-title = { $name } ya está conectado a { $app }
deep-connected-body = No tiene que hacer nada. Si deja de funcionar, vuelva a conectarlo.
deep-reconnect = Reconectar { $name }

link-expired-title = Este enlace ha caducado
link-expired-body = Los enlaces al portal solo son válidos durante unos minutos. Solicite a { $app } un nuevo enlace.
link-replayed-title = Este enlace ya se ha utilizado
link-replayed-body = Cada enlace al portal funciona una sola vez. Solicite a { $app } un nuevo enlace.
link-revoked-title = Este enlace ya no funciona
link-revoked-body = Lo ha revocado { $app }. Solicite a { $app } un nuevo enlace.
link-bad-signature-title = Este enlace no es válido
link-bad-signature-body = No se emitió para este portal o se modificó después de emitirse. Solicite a { $app } un nuevo enlace.
link-malformed-title = Este enlace está incompleto
link-malformed-body = Puede que falte parte de la dirección, por ejemplo al copiarla. Solicite a { $app } un nuevo enlace.
link-unavailable-title = Esta integración no está disponible
link-unavailable-body = Puede que se haya desactivado después de enviarse el enlace. Solicite a { $app } un nuevo enlace.
link-internal-title = No hemos podido iniciar su sesión
link-internal-body = Algo ha fallado por nuestra parte. Vuelva a abrir el enlace dentro de unos instantes.

## Refusals and errors

# $id is shown as code.
request-reference = Referencia: { $id }
not-found-title = Página no encontrada
not-found-body = No hay nada en esta dirección.
bad-request-title = No se ha podido leer la solicitud
bad-request-body = Inténtelo de nuevo.
cross-site-title = Esta solicitud procede de otro sitio
cross-site-body = Se ha rechazado. Abra el portal directamente e inténtelo de nuevo.
timeout-title = Ha tardado demasiado
timeout-body = Se ha detenido. No se ha perdido nada; inténtelo de nuevo en unos instantes.
too-large-title = Esta solicitud es demasiado grande
too-large-body = Supera los { $bytes } bytes que aceptamos y se ha rechazado.
too-many-title = Demasiadas solicitudes
too-many-body = { $seconds ->
    [one] Este navegador o esta red ha enviado demasiadas solicitudes en poco tiempo. Espere { $seconds } segundo y vuelva a intentarlo.
    [many] Este navegador o esta red ha enviado demasiadas solicitudes en poco tiempo. Espere { $seconds } segundos y vuelva a intentarlo.
   *[other] Este navegador o esta red ha enviado demasiadas solicitudes en poco tiempo. Espere { $seconds } segundos y vuelva a intentarlo.
}
server-error-title = Algo ha fallado
server-error-body = El error es nuestro, no suyo. Inténtelo de nuevo en unos instantes.
