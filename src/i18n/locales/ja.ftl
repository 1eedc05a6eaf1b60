# plugboard エンドユーザーポータル（日本語）。基準は en.ftl。
# { $braces } 内の変数はポータルが埋め込みます。変数はそのまま残し、それ以外を翻訳してください。
# 名前（$app、$name、$user）はホスト製品または連携サービスから渡されるもので、翻訳しません。

## Header and footer

# What $app is when the operator configured no product name.
app-generic = アプリ

skip-to-content = コンテンツへスキップ
sandbox-badge = サンドボックス
sandbox-badge-title = 組み込みのサンドボックスで実行中です。実際のアカウントは接続されていません
# $name is shown in bold.
signed-in-as = { $name }としてログイン中
sign-out = ログアウト
language-menu = 言語
footer-support = ヘルプとサポート
footer-privacy = プライバシー
footer-terms = 利用規約

## Signing in

signin-title = { $app }から連携を開いてください
signin-body = このポータルは、{ $app }から発行される個人用リンクで開きます。{ $app }に戻って連携の管理を選択するか、{ $app }で新しいポータルリンクを取得してください。リンクは1回のみ有効で、数分後に期限切れになります。
demo-title = サンドボックス：リンクなしで続行
demo-bad-id = ユーザーIDを入力してください（空欄、「.」、「..」は使用できません。256文字以内）。
demo-user-id = ユーザーID
demo-continue = このユーザーとして続行
demo-hint = サンドボックスでのみ利用できます。実際のAPIキーを使用する場合、ユーザーは署名付きリンクからアクセスします。

## The integrations page

integrations-title = 連携
integrations-lede = お使いのツールを接続しましょう。接続はいつでもやり直せます。
loading = 読み込み中…
list-stale = この一覧は最新ではない可能性があります。現在、連携サービスから応答がありません。
nothing-lost = データは失われていません。既存の接続は引き続きご利用いただけます。
try-again = 再試行
no-match = 条件に一致する連携はありません。
no-integrations = 利用できる連携はまだありません。
search-label = 検索
search-placeholder = 名前またはホスト
filter-state = 状態
filter-any-state = すべての状態
filter-auth = ログイン方式
filter-any-auth = すべての方式
filter-apply = 適用
filter-showing-all = 全{ $total }件の連携を表示中
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total }件中{ $n }件の連携を表示中
help-link = ヘルプ
# The card's button; the integration's name follows for screen readers.
connect = 接続
reconnect = 再接続
connecting = 接続中…

## Connection states

state-connected = 接続済み
state-not-connected = 未接続
state-needs-reconnect = 再接続が必要
state-unknown = 不明
# $date is a day, written the language's way ("3 March 2026").
connected-since = { $date }から接続中
unknown-now = 不明：現在確認できません
# $ago is one of the ago-* messages below.
checked-ago = 最終確認：{ $ago }
ago-now = たった今
ago-minutes = { $n }分前
ago-hours = { $n }時間前
ago-days = { $n }日前

## Sign-in types

auth-none = ログイン不要
auth-api-token = APIトークン
auth-oauth = OAuth
auth-aws-role = AWSロール
auth-google-service-account = Googleサービスアカウント
auth-other = その他のログイン方式
auth-not-stated = ログイン方式の指定なし

## Why Connect did not go on

connect-signin = セッションが終了しました。続行するには、新しいポータルリンクを開いてください。
connect-unknown-integration = この連携は現在ご利用いただけません。下の一覧は最新の状態です。
connect-timeout = 連携サービスからの応答がタイムアウトしました。もう一度お試しください。
connect-untrusted-redirect = この連携のログインページを検証できなかったため、開きませんでした。しばらくしてからもう一度お試しください。
connect-not-allowed = このポータルリンクにはこの連携が含まれていません。この連携を含む新しいリンクを依頼してください。
connect-unavailable = 現在、一時的に接続できません。しばらくしてからもう一度お試しください。
connect-internal = 接続中に問題が発生しました。もう一度お試しください。
upstream-not-found = この連携は現在ご利用いただけません。
upstream-timeout = 連携サービスの応答に時間がかかっています。もう一度お試しください。
upstream-busy = 連携サービスが混み合っています。1分ほどしてからもう一度お試しください。
upstream-unavailable = 連携は一時的にご利用いただけません。しばらくしてからもう一度お試しください。

## Back from the provider

callback-title = 接続
callback-checking = 連携サービスで接続を確認しています…
connected-to = { $name }に接続しました
connected-body = すぐにご利用いただけます。
still-connected-title = { $name }への接続は維持されています
still-connected-body = 今回の試行で{ $name }から問題が報告されましたが、接続は有効です。
unknown-title = { $name }への接続を確認できませんでした
unknown-body = 連携サービスから時間内に応答がありませんでした。まもなく連携ページに結果が表示されます。
unconfirmed-title = { $name }はまだ接続されていません
unconfirmed-body = { $name }からは接続に成功したと報告されましたが、接続が有効になっていません。もう一度お試しください。問題が続く場合は、サポートにお問い合わせください。
failed-title = { $name }に接続できませんでした
failed-cancelled-body = 接続はキャンセルまたは拒否されました。情報は共有されていません。
failed-body = 接続は完了しませんでした。もう一度お試しいただけます。
back-to-integrations = 連携一覧に戻る
back-to-app = { $app }に戻る

callback-signin-title = セッションが終了しました
callback-signin-body = { $app }から新しいポータルリンクを開き、もう一度接続してください。
callback-unknown-title = この戻りリンクは当サービスが発行したものではありません
callback-unknown-body = 変更は行われていません。連携一覧からやり直してください。
callback-other-session-title = この接続は別の場所で開始されました
callback-other-session-body = 別のブラウザーまたはセッションで開始された接続のため、ここでは何も変更されていません。連携一覧からやり直してください。
callback-expired-title = この接続の試行は時間がかかりすぎました
callback-expired-body = 接続の試行は15分で期限切れになります。変更は行われていません。もう一度接続してください。
callback-replayed-title = この戻りリンクはすでに使用されています
callback-replayed-body = 戻りリンクは1回のみ有効です。連携ページには現在の状態が表示されています。
callback-internal-title = この接続を確認できませんでした
callback-internal-body = 当社側で問題が発生しました。連携ページには現在の状態が表示されています。

## Opening a portal link

landing-title = { $app }の連携に進む
# $user is shown in bold.
landing-as = { $user }としてログインします。
landing-switch-alert = このブラウザーでは現在{ $current }としてログインしています。続行すると、このブラウザーでそのアカウントからログアウトし、{ $user }としてログインします。
landing-continue = { $user }として続行
landing-switch = { $user }に切り替える
landing-hint = このリンクは1回のみ有効です。心当たりがない場合は、このページを閉じてください。
deep-title = { $name }を{ $app }に接続する
deep-connect = { $name }に接続
deep-connected-title = { $name }はすでに{ $app }に接続されています
deep-connected-body = 操作は不要です。正常に動作しなくなった場合は、再接続してください。
deep-reconnect = { $name }に再接続

link-expired-title = このリンクは有効期限が切れています
link-expired-body = ポータルリンクの有効期間は数分間のみです。{ $app }で新しいリンクを取得してください。
link-replayed-title = このリンクはすでに使用されています
link-replayed-body = ポータルリンクは1回のみ有効です。{ $app }で新しいリンクを取得してください。
link-revoked-title = このリンクは無効になりました
link-revoked-body = このリンクは{ $app }によって取り消されました。{ $app }で新しいリンクを取得してください。
link-bad-signature-title = このリンクは無効です
link-bad-signature-body = このポータル用に発行されたリンクではないか、発行後に変更されています。{ $app }で新しいリンクを取得してください。
link-malformed-title = このリンクは不完全です
link-malformed-body = コピー時などに、アドレスの一部が欠けた可能性があります。{ $app }で新しいリンクを取得してください。
link-unavailable-title = この連携はご利用いただけません
link-unavailable-body = リンクの送信後に無効化された可能性があります。{ $app }で新しいリンクを取得してください。
link-internal-title = ログインできませんでした
link-internal-body = 当社側で問題が発生しました。しばらくしてから、もう一度リンクを開いてください。

## Refusals and errors

# $id is shown as code.
request-reference = 参照ID：{ $id }
not-found-title = ページが見つかりません
not-found-body = このアドレスには何もありません。
bad-request-title = リクエストを読み取れませんでした
bad-request-body = もう一度お試しください。
cross-site-title = このリクエストは別のサイトから送信されました
cross-site-body = リクエストは拒否されました。ポータルを直接開いて、もう一度お試しください。
timeout-title = 処理に時間がかかりすぎました
timeout-body = 処理は中止されました。データは失われていません。しばらくしてからもう一度お試しください。
too-large-title = リクエストが大きすぎます
too-large-body = 受け付け可能な上限（{ $bytes }バイト）を超えているため、拒否されました。
too-many-title = リクエストが多すぎます
too-many-body = このブラウザーまたはネットワークから、短時間に多すぎるリクエストが送信されました。{ $seconds }秒待ってから、もう一度お試しください。
server-error-title = 問題が発生しました
server-error-body = お客様ではなく、当社側の問題です。しばらくしてからもう一度お試しください。
