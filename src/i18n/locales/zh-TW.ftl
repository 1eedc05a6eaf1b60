# plugboard's end-user portal, Traditional Chinese (Taiwan).
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = 應用程式

skip-to-content = 跳至主要內容
sandbox-badge = 沙箱
sandbox-badge-title = 正在內建沙箱中執行：未連接任何真實帳戶
# $name is shown in bold.
signed-in-as = 以 { $name } 身分登入
sign-out = 登出
language-menu = 語言
footer-support = 說明與支援
footer-privacy = 隱私權
footer-terms = 條款

## Signing in

signin-title = 從 { $app } 開啟您的整合
signin-body = 此入口網站需透過 { $app } 提供的個人連結開啟。請返回 { $app } 並選擇管理您的整合，或向 { $app } 索取新的入口網站連結。連結僅能使用一次，且會在幾分鐘後失效。
demo-title = 沙箱：不使用連結直接繼續
demo-bad-id = 請輸入使用者 ID（不可空白、不可為「.」或「..」，最多 256 個字元）。
demo-user-id = 使用者 ID
demo-continue = 以此使用者身分繼續
demo-hint = 僅適用於沙箱。使用正式 API 金鑰時，使用者會透過已簽署的連結進入。

## The integrations page

integrations-title = 整合
integrations-lede = 連接您使用的工具。您隨時可以重新連接任何連線。
loading = 載入中…
list-stale = 此清單可能不是最新的：整合服務目前沒有回應。
nothing-lost = 沒有任何資料遺失，您現有的連線仍可正常運作。
try-again = 重試
no-match = 沒有符合這些篩選條件的整合。
no-integrations = 目前還沒有可用的整合。
search-label = 搜尋
search-placeholder = 名稱或主機
filter-state = 狀態
filter-any-state = 任何狀態
filter-auth = 登入類型
filter-any-auth = 任何類型
filter-apply = 套用
filter-showing-all = 顯示全部 { $total } 個整合
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = 顯示 { $total } 個整合中的 { $n } 個
help-link = 說明
# The card's button; the integration's name follows for screen readers.
connect = 連接
reconnect = 重新連接
connecting = 正在連接…

## Connection states

state-connected = 已連接
state-not-connected = 未連接
state-needs-reconnect = 需要重新連接
state-unknown = 不明
# $date is a day, written the language's way ("3 March 2026").
connected-since = 自 { $date } 起已連接
unknown-now = 不明：目前無法檢查
# $ago is one of the ago-* messages below.
checked-ago = 上次檢查：{ $ago }
ago-now = 剛剛
ago-minutes = { $n } 分鐘前
ago-hours = { $n } 小時前
ago-days = { $n } 天前

## Sign-in types

auth-none = 不需登入
auth-api-token = API 權杖
auth-oauth = OAuth
auth-aws-role = AWS 角色
auth-google-service-account = Google 服務帳戶
auth-other = 其他登入方式
auth-not-stated = 未註明登入類型

## Why Connect did not go on

connect-signin = 您的工作階段已結束。請開啟新的入口網站連結以繼續。
connect-unknown-integration = 該整合已無法使用。下方清單為最新內容。
connect-timeout = 整合服務回應時間過長，請再試一次。
connect-untrusted-redirect = 無法驗證此整合的登入頁面，因此我們並未開啟該頁面。請稍後再試。
connect-not-allowed = 此入口網站連結不包含該整合。請索取包含該整合的新連結。
connect-unavailable = 連接功能暫時無法使用，請稍後再試。
connect-internal = 連接時發生錯誤，請再試一次。
upstream-not-found = 此整合已無法使用。
upstream-timeout = 整合服務回應時間過長，請再試一次。
upstream-busy = 整合服務忙碌中，請於一分鐘後再試。
upstream-unavailable = 整合功能暫時無法使用，請稍後再試。

## Back from the provider

callback-title = 連線
callback-checking = 正在向整合服務確認連線…
connected-to = 已連接至 { $name }
connected-body = 您現在就可以開始使用。
still-connected-title = 仍與 { $name } 保持連接
still-connected-body = { $name } 回報此次嘗試發生問題，但您的連線仍然有效。
unknown-title = 我們無法確認與 { $name } 的連線
unknown-body = 整合服務未及時回應。您的整合頁面稍後會顯示結果。
unconfirmed-title = { $name } 尚未連接
unconfirmed-body = { $name } 表示連接成功，但連線並未生效。請再試一次；若問題持續發生，請聯絡支援團隊。
failed-title = 未能連接 { $name }
failed-cancelled-body = 連接已取消或遭到拒絕。未分享任何資料。
failed-body = 連接未完成。您可以再試一次。
back-to-integrations = 返回整合
back-to-app = 返回 { $app }

callback-signin-title = 您的工作階段已結束
callback-signin-body = 請從 { $app } 開啟新的入口網站連結，然後重新連接。
callback-unknown-title = 這不是我們核發的返回連結
callback-unknown-body = 未進行任何變更。請從您的整合頁面重新開始。
callback-other-session-title = 此連接是從其他地方發起的
callback-other-session-body = 此連接屬於其他瀏覽器或工作階段，因此這裡未進行任何變更。請從您的整合頁面重新開始。
callback-expired-title = 此次連接嘗試耗時過長
callback-expired-body = 連接嘗試會在 15 分鐘後失效。未進行任何變更。請重新連接。
callback-replayed-title = 此返回連結已使用過
callback-replayed-body = 每個返回連結僅能使用一次。您的整合頁面會顯示目前的狀態。
callback-internal-title = 我們無法檢查此連線
callback-internal-body = 我們這邊發生錯誤。您的整合頁面會顯示目前的狀態。

## Opening a portal link

landing-title = 前往 { $app } 的整合
# $user is shown in bold.
landing-as = 您將以 { $user } 身分登入。
landing-switch-alert = 此瀏覽器目前以 { $current } 身分登入。繼續操作會在此登出該帳戶，並改以 { $user } 身分登入。
landing-continue = 以 { $user } 身分繼續
landing-switch = 切換為 { $user }
landing-hint = 此連結僅能使用一次。如果您並未預期收到此連結，請關閉此頁面。
deep-title = 將 { $name } 連接至 { $app }
deep-connect = 連接 { $name }
deep-connected-title = { $name } 已連接至 { $app }
deep-connected-body = 無需任何操作。如果連線失效，請重新連接。
deep-reconnect = 重新連接 { $name }

link-expired-title = 此連結已過期
link-expired-body = 入口網站連結僅在幾分鐘內有效。請向 { $app } 索取新連結。
link-replayed-title = 此連結已使用過
link-replayed-body = 每個入口網站連結僅能使用一次。請向 { $app } 索取新連結。
link-revoked-title = 此連結已失效
link-revoked-body = { $app } 已撤回此連結。請向 { $app } 索取新連結。
link-bad-signature-title = 此連結無效
link-bad-signature-body = 此連結並非為本入口網站核發，或在核發後遭到變更。請向 { $app } 索取新連結。
link-malformed-title = 此連結不完整
link-malformed-body = 網址可能缺少部分內容，例如複製時有所遺漏。請向 { $app } 索取新連結。
link-unavailable-title = 此整合無法使用
link-unavailable-body = 此整合可能在連結寄出後已停用。請向 { $app } 索取新連結。
link-internal-title = 我們無法讓您登入
link-internal-body = 我們這邊發生錯誤。請稍後再次開啟連結。

## Refusals and errors

# $id is shown as code.
request-reference = 參考編號：{ $id }
not-found-title = 找不到頁面
not-found-body = 此網址沒有任何內容。
bad-request-title = 無法讀取此要求
bad-request-body = 請再試一次。
cross-site-title = 此要求來自其他網站
cross-site-body = 此要求已遭拒絕。請直接開啟入口網站，然後再試一次。
timeout-title = 處理時間過長
timeout-body = 處理已停止。沒有任何資料遺失，請稍後再試。
too-large-title = 此要求過大
too-large-body = 此要求超過我們可接受的 { $bytes } 位元組上限，因此已遭拒絕。
too-many-title = 要求過多
too-many-body = 此瀏覽器或網路在短時間內傳送了過多要求。請等候 { $seconds } 秒後再試。
server-error-title = 發生錯誤
server-error-body = 這是我們的問題，不是您的錯。請稍後再試。
