# Portal do usuário final do plugboard, português do Brasil.
# As variáveis entre { $chaves } são preenchidas pelo portal: mantenha-as e traduza o restante.
# Os nomes ($app, $name, $user) vêm do host ou do serviço de integrações e nunca são traduzidos.
# $app é o nome do produto do host (“Acme”) ou, quando o operador não configurou nenhum, o texto de app-generic abaixo:
# escreva cada frase com $app de modo que as duas formas soem naturais (evite “de”, “a”, “em”, “por” antes de $app, que se contrairiam com o artigo).

## Cabeçalho e rodapé

# O que $app é quando o operador não configurou nenhum nome de produto.
app-generic = o aplicativo

skip-to-content = Pular para o conteúdo
sandbox-badge = Sandbox
sandbox-badge-title = Executando no sandbox integrado: nenhuma conta real está conectada
# $name aparece em negrito.
signed-in-as = Sessão iniciada como { $name }
sign-out = Sair
language-menu = Idioma
footer-support = Ajuda e suporte
footer-privacy = Privacidade
footer-terms = Termos

## Login

signin-title = Abra suas integrações usando { $app }
signin-body = Este portal é aberto com um link pessoal que { $app } fornece. Volte para { $app } e escolha a opção de gerenciar suas integrações ou solicite lá um novo link do portal. Os links funcionam uma única vez e expiram após alguns minutos.
demo-title = Sandbox: continuar sem link
demo-bad-id = Informe um ID de usuário (não vazio, diferente de “.” e “..”, com no máximo 256 caracteres).
demo-user-id = ID de usuário
demo-continue = Continuar como este usuário
demo-hint = Somente no sandbox. Com uma chave de API real, os usuários chegam por meio de links assinados.

## A página de integrações

integrations-title = Integrações
integrations-lede = Conecte as ferramentas que você usa. Você pode reconectar uma conexão a qualquer momento.
loading = Carregando…
list-stale = Esta lista pode estar desatualizada: o serviço de integrações não está respondendo no momento.
nothing-lost = Nada foi perdido; suas conexões existentes continuam funcionando.
try-again = Tentar novamente
no-match = Nenhuma integração corresponde a estes filtros.
no-integrations = Ainda não há integrações disponíveis.
search-label = Pesquisar
search-placeholder = Nome ou host
filter-state = Status
filter-any-state = Qualquer status
filter-auth = Tipo de login
filter-any-auth = Qualquer tipo
filter-apply = Aplicar
filter-showing-all = { $total ->
    [one] Exibindo a única integração
    [many] Exibindo todas as { $total } integrações
   *[other] Exibindo todas as { $total } integrações
}
# $n é preenchido pelo navegador conforme o visitante filtra: escolha a forma apenas por $total.
filter-showing = { $total ->
    [one] Exibindo { $n } de { $total } integração
    [many] Exibindo { $n } de { $total } integrações
   *[other] Exibindo { $n } de { $total } integrações
}
help-link = Ajuda
# O botão do cartão; o nome da integração vem em seguida para leitores de tela.
connect = Conectar
reconnect = Reconectar
connecting = Conectando…

## Status das conexões

state-connected = Conectado
state-not-connected = Não conectado
state-needs-reconnect = Precisa reconectar
state-unknown = Desconhecido
# $date é uma data, escrita à maneira do idioma ("3 de março de 2026").
connected-since = Conectado desde { $date }
unknown-now = Desconhecido: não foi possível verificar agora
# $ago é uma das mensagens ago-* abaixo.
checked-ago = verificado { $ago }
ago-now = agora mesmo
ago-minutes = { $n ->
    [one] há { $n } minuto
    [many] há { $n } minutos
   *[other] há { $n } minutos
}
ago-hours = { $n ->
    [one] há { $n } hora
    [many] há { $n } horas
   *[other] há { $n } horas
}
ago-days = { $n ->
    [one] há { $n } dia
    [many] há { $n } dias
   *[other] há { $n } dias
}

## Tipos de login

auth-none = Não requer login
auth-api-token = Token de API
auth-oauth = OAuth
auth-aws-role = Função da AWS
auth-google-service-account = Conta de serviço do Google
auth-other = Outro tipo de login
auth-not-stated = Tipo de login não informado

## Por que a conexão não prosseguiu

connect-signin = Sua sessão terminou. Abra um novo link do portal para continuar.
connect-unknown-integration = Essa integração não está mais disponível. A lista abaixo está atualizada.
connect-timeout = O serviço de integrações demorou demais para responder. Tente novamente.
connect-untrusted-redirect = Não foi possível verificar a página de login desta integração, por isso ela não foi aberta. Tente novamente mais tarde.
connect-not-allowed = Este link do portal não inclui essa integração. Peça um novo link que a inclua.
connect-unavailable = A conexão está temporariamente indisponível. Tente novamente em instantes.
connect-internal = Algo deu errado ao conectar. Tente novamente.
upstream-not-found = Esta integração não está mais disponível.
upstream-timeout = O serviço de integrações está demorando demais para responder. Tente novamente.
upstream-busy = O serviço de integrações está ocupado. Tente novamente daqui a um minuto.
upstream-unavailable = As integrações estão temporariamente indisponíveis. Tente novamente em instantes.

## De volta do provedor

callback-title = Conexão
callback-checking = Verificando a conexão com o serviço de integrações…
connected-to = Conectado a { $name }
connected-body = Você já pode começar a usar.
still-connected-title = Ainda conectado a { $name }
still-connected-body = { $name } relatou um problema nesta tentativa, mas sua conexão está ativa.
unknown-title = Não foi possível confirmar a conexão com { $name }
unknown-body = O serviço de integrações não respondeu a tempo. Sua página de integrações mostrará o resultado em breve.
unconfirmed-title = A conexão com { $name } ainda não está ativa
unconfirmed-body = { $name } informou que a conexão deu certo, mas ela não está ativa. Tente novamente; se o problema continuar, entre em contato com o suporte.
failed-title = Não foi possível conectar { $name }
failed-cancelled-body = A conexão foi cancelada ou recusada. Nada foi compartilhado.
failed-body = A conexão não foi concluída. Você pode tentar novamente.
back-to-integrations = Voltar para as integrações
back-to-app = Voltar para { $app }

callback-signin-title = Sua sessão terminou
callback-signin-body = Volte para { $app }, abra um novo link do portal e conecte novamente.
callback-unknown-title = Este link de retorno não foi emitido por nós
callback-unknown-body = Nada foi alterado. Comece novamente pelas suas integrações.
callback-other-session-title = Esta conexão foi iniciada em outro lugar
callback-other-session-body = Ela pertence a outro navegador ou sessão, por isso nada foi alterado aqui. Comece novamente pelas suas integrações.
callback-expired-title = Esta tentativa de conexão demorou demais
callback-expired-body = As tentativas expiram após 15 minutos. Nada foi alterado. Conecte novamente.
callback-replayed-title = Este link de retorno já foi usado
callback-replayed-body = Cada link de retorno funciona uma única vez. Sua página de integrações mostra o status atual.
callback-internal-title = Não foi possível verificar esta conexão
callback-internal-body = Algo deu errado do nosso lado. Sua página de integrações mostra o status atual.

## Abrindo um link do portal

landing-title = Continuar para suas integrações com { $app }
# $user aparece em negrito.
landing-as = Você entrará como { $user }.
landing-switch-alert = No momento, este navegador está com a sessão iniciada como { $current }. Se você continuar, essa conta será desconectada aqui e você entrará como { $user }.
landing-continue = Continuar como { $user }
landing-switch = Mudar para { $user }
landing-hint = O link funciona uma única vez. Se você não esperava recebê-lo, feche esta página.
deep-title = Conectar { $name } com { $app }
deep-connect = Conectar { $name }
deep-connected-title = { $name } já está conectado com { $app }
deep-connected-body = Você não precisa fazer nada. Se a conexão parar de funcionar, reconecte.
deep-reconnect = Reconectar { $name }

link-expired-title = Este link expirou
link-expired-body = Os links do portal funcionam apenas por alguns minutos. Volte para { $app } e peça um novo link.
link-replayed-title = Este link já foi usado
link-replayed-body = Cada link do portal funciona uma única vez. Volte para { $app } e peça um novo link.
link-revoked-title = Este link não funciona mais
link-revoked-body = Este link foi revogado por quem o emitiu. Volte para { $app } e peça um novo link.
link-bad-signature-title = Este link não é válido
link-bad-signature-body = Ele não foi emitido para este portal ou foi alterado depois de emitido. Volte para { $app } e peça um novo link.
link-malformed-title = Este link está incompleto
link-malformed-body = Pode estar faltando parte do endereço, por exemplo, se ele foi copiado. Volte para { $app } e peça um novo link.
link-unavailable-title = Esta integração não está disponível
link-unavailable-body = Ela pode ter sido desativada depois que o link foi enviado. Volte para { $app } e peça um novo link.
link-internal-title = Não foi possível iniciar sua sessão
link-internal-body = Algo deu errado do nosso lado. Abra o link novamente em instantes.

## Recusas e erros

# $id aparece como código.
request-reference = Referência: { $id }
not-found-title = Página não encontrada
not-found-body = Não há nada neste endereço.
bad-request-title = Não foi possível ler a solicitação
bad-request-body = Tente novamente.
cross-site-title = Esta solicitação veio de outro site
cross-site-body = Ela foi recusada. Abra o portal diretamente e tente novamente.
timeout-title = Isso demorou demais
timeout-body = A operação foi interrompida. Nada foi perdido; tente novamente em instantes.
too-large-title = Esta solicitação é grande demais
too-large-body = Ela ultrapassa o limite de { $bytes } bytes que aceitamos e foi recusada.
too-many-title = Solicitações demais
too-many-body = { $seconds ->
    [one] Este navegador ou rede enviou solicitações demais em pouco tempo. Aguarde { $seconds } segundo e tente novamente.
    [many] Este navegador ou rede enviou solicitações demais em pouco tempo. Aguarde { $seconds } segundos e tente novamente.
   *[other] Este navegador ou rede enviou solicitações demais em pouco tempo. Aguarde { $seconds } segundos e tente novamente.
}
server-error-title = Algo deu errado
server-error-body = A culpa é nossa, não sua. Tente novamente em instantes.
