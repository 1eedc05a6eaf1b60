# plugboard 최종 사용자 포털, 한국어. 기준 파일: en.ftl.
# { $braces } 안의 변수는 포털이 채웁니다. 변수는 그대로 두고 나머지를 번역하세요.
# 이름($app, $name, $user)은 호스트 제품이나 연동 서비스에서 전달되며 번역하지 않습니다.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = 앱

skip-to-content = 본문으로 건너뛰기
sandbox-badge = 샌드박스
sandbox-badge-title = 기본 제공 샌드박스에서 실행 중입니다. 실제 계정은 연결되어 있지 않습니다
# $name is shown in bold.
signed-in-as = { $name } 님으로 로그인됨
sign-out = 로그아웃
language-menu = 언어
footer-support = 도움말 및 지원
footer-privacy = 개인정보 보호
footer-terms = 이용약관

## Signing in

signin-title = { $app }에서 연동 관리를 열어 주세요
signin-body = 이 포털은 { $app }에서 제공하는 개인 링크로 열립니다. { $app }에서 연동 관리를 다시 선택하거나, { $app }에서 새 포털 링크를 요청하세요. 링크는 한 번만 사용할 수 있으며 몇 분 후 만료됩니다.
demo-title = 샌드박스: 링크 없이 계속하기
demo-bad-id = 사용자 ID를 입력하세요(빈 값, “.”, “..” 불가, 최대 256자).
demo-user-id = 사용자 ID
demo-continue = 이 사용자로 계속하기
demo-hint = 샌드박스에서만 사용할 수 있습니다. 실제 API 키를 사용하면 사용자는 서명된 링크를 통해 접속합니다.

## The integrations page

integrations-title = 연동
integrations-lede = 사용 중인 도구를 연결하세요. 언제든지 다시 연결할 수 있습니다.
loading = 불러오는 중…
list-stale = 이 목록은 최신 상태가 아닐 수 있습니다. 현재 연동 서비스가 응답하지 않습니다.
nothing-lost = 손실된 내용은 없으며, 기존 연결은 계속 정상적으로 작동합니다.
try-again = 다시 시도
no-match = 이 필터와 일치하는 연동이 없습니다.
no-integrations = 아직 사용할 수 있는 연동이 없습니다.
search-label = 검색
search-placeholder = 이름 또는 호스트
filter-state = 상태
filter-any-state = 모든 상태
filter-auth = 로그인 유형
filter-any-auth = 모든 유형
filter-apply = 적용
filter-showing-all = 연동 { $total }개 모두 표시 중
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = 연동 { $total }개 중 { $n }개 표시 중
help-link = 도움말
# The card's button; the integration's name follows for screen readers.
connect = 연결
reconnect = 다시 연결
connecting = 연결 중…

## Connection states

state-connected = 연결됨
state-not-connected = 연결 안 됨
state-needs-reconnect = 다시 연결 필요
state-unknown = 알 수 없음
# $date is a day, written the language's way ("3 March 2026").
connected-since = { $date }부터 연결됨
unknown-now = 알 수 없음: 지금은 확인할 수 없습니다
# $ago is one of the ago-* messages below.
checked-ago = { $ago } 확인됨
ago-now = 방금
ago-minutes = { $n }분 전
ago-hours = { $n }시간 전
ago-days = { $n }일 전

## Sign-in types

auth-none = 로그인 불필요
auth-api-token = API 토큰
auth-oauth = OAuth
auth-aws-role = AWS 역할
auth-google-service-account = Google 서비스 계정
auth-other = 기타 로그인 방식
auth-not-stated = 로그인 유형 미지정

## Why Connect did not go on

connect-signin = 세션이 종료되었습니다. 계속하려면 새 포털 링크를 여세요.
connect-unknown-integration = 해당 연동은 더 이상 사용할 수 없습니다. 아래 목록은 최신 상태입니다.
connect-timeout = 연동 서비스의 응답 시간이 초과되었습니다. 다시 시도해 주세요.
connect-untrusted-redirect = 이 연동의 로그인 페이지를 확인할 수 없어 열지 않았습니다. 나중에 다시 시도해 주세요.
connect-not-allowed = 이 포털 링크에는 해당 연동이 포함되어 있지 않습니다. 해당 연동이 포함된 새 링크를 요청하세요.
connect-unavailable = 일시적으로 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.
connect-internal = 연결 중 문제가 발생했습니다. 다시 시도해 주세요.
upstream-not-found = 이 연동은 더 이상 사용할 수 없습니다.
upstream-timeout = 연동 서비스의 응답이 지연되고 있습니다. 다시 시도해 주세요.
upstream-busy = 연동 서비스가 혼잡합니다. 1분 후 다시 시도해 주세요.
upstream-unavailable = 일시적으로 연동을 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.

## Back from the provider

callback-title = 연결
callback-checking = 연동 서비스에서 연결을 확인하는 중…
connected-to = { $name }에 연결되었습니다
connected-body = 바로 사용할 수 있습니다.
still-connected-title = { $name }에 계속 연결되어 있습니다
still-connected-body = { $name }에서 이번 시도에 문제가 있다고 알렸지만, 연결은 활성 상태입니다.
unknown-title = { $name } 연결을 확인하지 못했습니다
unknown-body = 연동 서비스가 제시간에 응답하지 않았습니다. 잠시 후 연동 페이지에 결과가 표시됩니다.
unconfirmed-title = { $name } 연결이 아직 완료되지 않았습니다
unconfirmed-body = { $name }에서 연결에 성공했다고 알렸지만, 연결이 활성화되지 않았습니다. 다시 시도해 주시고, 문제가 계속되면 지원팀에 문의하세요.
failed-title = { $name }에 연결되지 않았습니다
failed-cancelled-body = 연결이 취소되었거나 거부되었습니다. 공유된 정보는 없습니다.
failed-body = 연결이 완료되지 않았습니다. 다시 시도할 수 있습니다.
back-to-integrations = 연동 목록으로 돌아가기
back-to-app = { $app } 화면으로 돌아가기

callback-signin-title = 세션이 종료되었습니다
callback-signin-body = { $app }에서 새 포털 링크를 연 다음 다시 연결하세요.
callback-unknown-title = 저희가 발급한 반환 링크가 아닙니다
callback-unknown-body = 변경된 내용은 없습니다. 연동 목록에서 다시 시작하세요.
callback-other-session-title = 이 연결은 다른 곳에서 시작되었습니다
callback-other-session-body = 다른 브라우저나 세션에서 시작된 연결이므로 여기서는 아무것도 변경되지 않았습니다. 연동 목록에서 다시 시작하세요.
callback-expired-title = 연결 시도 시간이 초과되었습니다
callback-expired-body = 연결 시도는 15분 후 만료됩니다. 변경된 내용은 없습니다. 다시 연결하세요.
callback-replayed-title = 이미 사용된 반환 링크입니다
callback-replayed-body = 반환 링크는 한 번만 사용할 수 있습니다. 연동 페이지에 현재 상태가 표시됩니다.
callback-internal-title = 이 연결을 확인하지 못했습니다
callback-internal-body = 저희 측에 문제가 발생했습니다. 연동 페이지에 현재 상태가 표시됩니다.

## Opening a portal link

landing-title = { $app } 연동으로 이동
# $user is shown in bold.
landing-as = { $user } 계정으로 로그인됩니다.
landing-switch-alert = 현재 이 브라우저는 { $current } 계정으로 로그인되어 있습니다. 계속하면 이 브라우저에서 해당 계정이 로그아웃되고 { $user } 계정으로 로그인됩니다.
landing-continue = { $user } 계정으로 계속하기
landing-switch = { $user } 계정으로 전환
landing-hint = 이 링크는 한 번만 사용할 수 있습니다. 요청하지 않은 링크라면 이 페이지를 닫으세요.
deep-title = { $app }에 { $name } 연결
deep-connect = { $name } 연결
deep-connected-title = { $app }에 { $name } 연결이 이미 완료되어 있습니다
deep-connected-body = 별도로 할 일은 없습니다. 더 이상 작동하지 않으면 다시 연결하세요.
deep-reconnect = { $name } 다시 연결

link-expired-title = 만료된 링크입니다
link-expired-body = 포털 링크는 몇 분 동안만 유효합니다. { $app }에서 새 링크를 요청하세요.
link-replayed-title = 이미 사용된 링크입니다
link-replayed-body = 포털 링크는 한 번만 사용할 수 있습니다. { $app }에서 새 링크를 요청하세요.
link-revoked-title = 더 이상 사용할 수 없는 링크입니다
link-revoked-body = { $app }에서 이 링크를 취소했습니다. { $app }에서 새 링크를 요청하세요.
link-bad-signature-title = 유효하지 않은 링크입니다
link-bad-signature-body = 이 포털용으로 발급된 링크가 아니거나 발급 후 변경되었습니다. { $app }에서 새 링크를 요청하세요.
link-malformed-title = 불완전한 링크입니다
link-malformed-body = 복사 과정 등에서 주소의 일부가 누락되었을 수 있습니다. { $app }에서 새 링크를 요청하세요.
link-unavailable-title = 사용할 수 없는 연동입니다
link-unavailable-body = 링크가 발송된 후 비활성화되었을 수 있습니다. { $app }에서 새 링크를 요청하세요.
link-internal-title = 로그인하지 못했습니다
link-internal-body = 저희 측에 문제가 발생했습니다. 잠시 후 링크를 다시 열어 주세요.

## Refusals and errors

# $id is shown as code.
request-reference = 참조 ID: { $id }
not-found-title = 페이지를 찾을 수 없습니다
not-found-body = 이 주소에는 아무것도 없습니다.
bad-request-title = 요청을 읽을 수 없습니다
bad-request-body = 다시 시도해 주세요.
cross-site-title = 다른 사이트에서 온 요청입니다
cross-site-body = 요청이 거부되었습니다. 포털을 직접 열고 다시 시도해 주세요.
timeout-title = 시간이 너무 오래 걸렸습니다
timeout-body = 작업이 중단되었습니다. 손실된 내용은 없으니 잠시 후 다시 시도해 주세요.
too-large-title = 요청이 너무 큽니다
too-large-body = 허용되는 최대 크기인 { $bytes }바이트를 초과하여 요청이 거부되었습니다.
too-many-title = 요청이 너무 많습니다
too-many-body = 이 브라우저 또는 네트워크에서 짧은 시간에 너무 많은 요청을 보냈습니다. { $seconds }초 후에 다시 시도해 주세요.
server-error-title = 문제가 발생했습니다
server-error-body = 사용자의 잘못이 아니라 저희 측 문제입니다. 잠시 후 다시 시도해 주세요.
