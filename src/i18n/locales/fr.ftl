# plugboard's end-user portal, French. English (en.ftl) is the reference.
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = l’application

skip-to-content = Aller au contenu
sandbox-badge = Bac à sable
sandbox-badge-title = Fonctionne dans le bac à sable intégré : aucun compte réel n’est connecté
# $name is shown in bold.
signed-in-as = Connecté en tant que { $name }
sign-out = Se déconnecter
language-menu = Langue
footer-support = Aide et assistance
footer-privacy = Confidentialité
footer-terms = Conditions d’utilisation

## Signing in

signin-title = Ouvrez vos intégrations depuis { $app }
signin-body = Ce portail s’ouvre à l’aide d’un lien personnel fourni par { $app }. Retournez dans { $app } et choisissez de gérer vos intégrations, ou demandez un nouveau lien de portail à { $app }. Les liens ne fonctionnent qu’une seule fois et expirent au bout de quelques minutes.
demo-title = Bac à sable : continuer sans lien
demo-bad-id = Saisissez un identifiant utilisateur (non vide, différent de « . » et de « .. », 256 caractères au maximum).
demo-user-id = Identifiant utilisateur
demo-continue = Continuer en tant que cet utilisateur
demo-hint = Uniquement dans le bac à sable. Avec une vraie clé API, les utilisateurs arrivent par des liens signés.

## The integrations page

integrations-title = Intégrations
integrations-lede = Connectez les outils que vous utilisez. Vous pouvez reconnecter une connexion à tout moment.
loading = Chargement…
list-stale = Cette liste n’est peut-être pas à jour : le service d’intégration ne répond pas pour le moment.
nothing-lost = Rien n’est perdu ; vos connexions existantes continuent de fonctionner.
try-again = Réessayer
no-match = Aucune intégration ne correspond à ces filtres.
no-integrations = Aucune intégration n’est disponible pour le moment.
search-label = Rechercher
search-placeholder = Nom ou hôte
filter-state = État
filter-any-state = Tous les états
filter-auth = Type d’authentification
filter-any-auth = Tous les types
filter-apply = Appliquer
filter-showing-all = { $total ->
    [0] Aucune intégration affichée
    [one] Affichage de la seule intégration
    [many] Affichage des { $total } intégrations
   *[other] Affichage des { $total } intégrations
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] { $n } intégration affichée sur { $total }
    [many] { $n } intégrations affichées sur { $total }
   *[other] { $n } intégrations affichées sur { $total }
}
help-link = Aide
# The card's button; the integration's name follows for screen readers.
connect = Connecter
reconnect = Reconnecter
connecting = Connexion…

## Connection states

state-connected = Connecté
state-not-connected = Non connecté
state-needs-reconnect = Reconnexion nécessaire
state-unknown = Inconnu
# $date is a day, written the language's way ("3 March 2026").
connected-since = Connecté depuis le { $date }
unknown-now = Inconnu : vérification impossible pour le moment
# $ago is one of the ago-* messages below.
checked-ago = vérifié { $ago }
ago-now = à l’instant
ago-minutes = { $n ->
    [one] il y a { $n } minute
    [many] il y a { $n } minutes
   *[other] il y a { $n } minutes
}
ago-hours = { $n ->
    [one] il y a { $n } heure
    [many] il y a { $n } heures
   *[other] il y a { $n } heures
}
ago-days = { $n ->
    [one] il y a { $n } jour
    [many] il y a { $n } jours
   *[other] il y a { $n } jours
}

## Sign-in types

auth-none = Aucune authentification requise
auth-api-token = Jeton API
auth-oauth = OAuth
auth-aws-role = Rôle AWS
auth-google-service-account = Compte de service Google
auth-other = Autre authentification
auth-not-stated = Type d’authentification non précisé

## Why Connect did not go on

connect-signin = Votre session a expiré. Ouvrez un nouveau lien de portail pour continuer.
connect-unknown-integration = Cette intégration n’est plus disponible. La liste ci-dessous est à jour.
connect-timeout = Le service d’intégration a mis trop de temps à répondre. Veuillez réessayer.
connect-untrusted-redirect = La page de connexion de cette intégration n’a pas pu être vérifiée ; nous ne l’avons donc pas ouverte. Veuillez réessayer plus tard.
connect-not-allowed = Ce lien de portail n’inclut pas cette intégration. Demandez un nouveau lien qui l’inclut.
connect-unavailable = La connexion est temporairement indisponible. Veuillez réessayer dans un instant.
connect-internal = Une erreur s’est produite lors de la connexion. Veuillez réessayer.
upstream-not-found = Cette intégration n’est plus disponible.
upstream-timeout = Le service d’intégration met trop de temps à répondre. Veuillez réessayer.
upstream-busy = Le service d’intégration est surchargé. Veuillez réessayer dans une minute.
upstream-unavailable = Les intégrations sont temporairement indisponibles. Veuillez réessayer dans un instant.

## Back from the provider

callback-title = Connexion
callback-checking = Vérification de la connexion auprès du service d’intégration…
connected-to = Connecté à { $name }
connected-body = Vous pouvez l’utiliser dès maintenant.
still-connected-title = Toujours connecté à { $name }
still-connected-body = { $name } a signalé un problème lors de cette tentative, mais votre connexion est active.
unknown-title = Nous n’avons pas pu confirmer la connexion à { $name }
unknown-body = Le service d’intégration n’a pas répondu à temps. Votre page d’intégrations affichera le résultat sous peu.
unconfirmed-title = { $name } n’est pas encore connecté
unconfirmed-body = { $name } a indiqué que la connexion avait réussi, mais elle n’est pas active. Veuillez réessayer ; si le problème persiste, contactez l’assistance.
failed-title = { $name } n’a pas été connecté
failed-cancelled-body = La connexion a été annulée ou refusée. Aucune donnée n’a été partagée.
failed-body = La connexion n’a pas abouti. Vous pouvez réessayer.
back-to-integrations = Retour aux intégrations
back-to-app = Retour à { $app }

callback-signin-title = Votre session a expiré
callback-signin-body = Ouvrez un nouveau lien de portail depuis { $app }, puis relancez la connexion.
callback-unknown-title = Ce lien de retour ne provient pas de nous
callback-unknown-body = Rien n’a été modifié. Recommencez depuis vos intégrations.
callback-other-session-title = Cette connexion a été lancée ailleurs
callback-other-session-body = Elle appartient à un autre navigateur ou à une autre session ; rien n’a donc été modifié ici. Recommencez depuis vos intégrations.
callback-expired-title = Cette tentative de connexion a pris trop de temps
callback-expired-body = Les tentatives expirent au bout de 15 minutes. Rien n’a été modifié. Veuillez relancer la connexion.
callback-replayed-title = Ce lien de retour a déjà été utilisé
callback-replayed-body = Chaque lien de retour ne fonctionne qu’une seule fois. Votre page d’intégrations affiche l’état actuel.
callback-internal-title = Nous n’avons pas pu vérifier cette connexion
callback-internal-body = Un problème est survenu de notre côté. Votre page d’intégrations affiche l’état actuel.

## Opening a portal link

landing-title = Accéder aux intégrations proposées par { $app }
# $user is shown in bold.
landing-as = Vous serez connecté en tant que { $user }.
landing-switch-alert = Ce navigateur est actuellement connecté en tant que { $current }. Si vous continuez, ce compte sera déconnecté ici et vous serez connecté en tant que { $user }.
landing-continue = Continuer en tant que { $user }
landing-switch = Passer à { $user }
landing-hint = Ce lien ne fonctionne qu’une seule fois. Si vous ne vous y attendiez pas, fermez cette page.
deep-title = Connecter { $name } à { $app }
deep-connect = Connecter { $name }
deep-connected-title = { $name } est déjà connecté à { $app }
deep-connected-body = Rien à faire. Si la connexion ne fonctionne plus, reconnectez-la.
deep-reconnect = Reconnecter { $name }

link-expired-title = Ce lien a expiré
link-expired-body = Les liens de portail ne sont valables que quelques minutes. Demandez un nouveau lien à { $app }.
link-replayed-title = Ce lien a déjà été utilisé
link-replayed-body = Chaque lien de portail ne fonctionne qu’une seule fois. Demandez un nouveau lien à { $app }.
link-revoked-title = Ce lien ne fonctionne plus
link-revoked-body = Il a été révoqué par { $app }. Demandez un nouveau lien à { $app }.
link-bad-signature-title = Ce lien n’est pas valide
link-bad-signature-body = Il n’a pas été émis pour ce portail, ou il a été modifié après son émission. Demandez un nouveau lien à { $app }.
link-malformed-title = Ce lien est incomplet
link-malformed-body = Une partie de l’adresse manque peut-être, par exemple après un copier-coller. Demandez un nouveau lien à { $app }.
link-unavailable-title = Cette intégration n’est pas disponible
link-unavailable-body = Elle a peut-être été désactivée depuis l’envoi du lien. Demandez un nouveau lien à { $app }.
link-internal-title = Nous n’avons pas pu vous connecter
link-internal-body = Un problème est survenu de notre côté. Veuillez rouvrir le lien dans un instant.

## Refusals and errors

# $id is shown as code.
request-reference = Référence : { $id }
not-found-title = Page introuvable
not-found-body = Il n’y a rien à cette adresse.
bad-request-title = La requête n’a pas pu être lue
bad-request-body = Veuillez réessayer.
cross-site-title = Cette requête provient d’un autre site
cross-site-body = Elle a été refusée. Ouvrez directement le portail et réessayez.
timeout-title = L’opération a pris trop de temps
timeout-body = Elle a été interrompue. Rien n’est perdu ; veuillez réessayer dans un instant.
too-large-title = Cette requête est trop volumineuse
too-large-body = Elle dépasse la limite de { $bytes } octets que nous acceptons et a été refusée.
too-many-title = Trop de requêtes
too-many-body = { $seconds ->
    [one] Ce navigateur ou ce réseau a envoyé trop de requêtes en peu de temps. Patientez { $seconds } seconde, puis réessayez.
    [many] Ce navigateur ou ce réseau a envoyé trop de requêtes en peu de temps. Patientez { $seconds } secondes, puis réessayez.
   *[other] Ce navigateur ou ce réseau a envoyé trop de requêtes en peu de temps. Patientez { $seconds } secondes, puis réessayez.
}
server-error-title = Une erreur s’est produite
server-error-body = L’erreur vient de nous, pas de vous. Veuillez réessayer dans un instant.
