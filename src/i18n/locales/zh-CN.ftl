# plugboard 最终用户门户，简体中文。参考文件：en.ftl。
# { $braces } 中的变量由门户填入：请保留变量，只翻译其余内容。
# 名称（$app、$name、$user）来自宿主产品或集成服务，不做翻译。

## Header and footer

# What $app is when the operator configured no product name.
app-generic = 应用

skip-to-content = 跳到主要内容
sandbox-badge = 沙盒
sandbox-badge-title = 正在内置沙盒中运行：未连接任何真实账号
# $name is shown in bold.
signed-in-as = 已登录为 { $name }
sign-out = 退出登录
language-menu = 语言
footer-support = 帮助与支持
footer-privacy = 隐私
footer-terms = 条款

## Signing in

signin-title = 从{ $app }打开您的集成
signin-body = 此门户需通过{ $app }提供的个人链接打开。请返回{ $app }并选择管理集成，或在{ $app }中申请新的门户链接。链接仅可使用一次，并会在几分钟后失效。
demo-title = 沙盒：无需链接直接继续
demo-bad-id = 请输入用户 ID（不能为空，不能为“.”或“..”，最多 256 个字符）。
demo-user-id = 用户 ID
demo-continue = 以此用户身份继续
demo-hint = 仅限沙盒。使用真实 API 密钥时，用户将通过签名链接进入。

## The integrations page

integrations-title = 集成
integrations-lede = 连接您使用的工具。您可以随时重新连接。
loading = 正在加载…
list-stale = 此列表可能不是最新的：集成服务目前没有响应。
nothing-lost = 没有任何数据丢失，您现有的连接仍可正常使用。
try-again = 重试
no-match = 没有符合这些筛选条件的集成。
no-integrations = 暂无可用的集成。
search-label = 搜索
search-placeholder = 名称或主机
filter-state = 状态
filter-any-state = 全部状态
filter-auth = 登录方式
filter-any-auth = 全部方式
filter-apply = 应用
filter-showing-all = 正在显示全部 { $total } 个集成
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = 正在显示 { $total } 个集成中的 { $n } 个
help-link = 帮助
# The card's button; the integration's name follows for screen readers.
connect = 连接
reconnect = 重新连接
connecting = 正在连接…

## Connection states

state-connected = 已连接
state-not-connected = 未连接
state-needs-reconnect = 需要重新连接
state-unknown = 未知
# $date is a day, written the language's way ("3 March 2026").
connected-since = 自 { $date } 起已连接
unknown-now = 未知：暂时无法检查
# $ago is one of the ago-* messages below.
checked-ago = { $ago }检查
ago-now = 刚刚
ago-minutes = { $n } 分钟前
ago-hours = { $n } 小时前
ago-days = { $n } 天前

## Sign-in types

auth-none = 无需登录
auth-api-token = API 令牌
auth-oauth = OAuth
auth-aws-role = AWS 角色
auth-google-service-account = Google 服务账号
auth-other = 其他登录方式
auth-not-stated = 未说明登录方式

## Why Connect did not go on

connect-signin = 您的会话已结束。请打开新的门户链接以继续。
connect-unknown-integration = 该集成已不再可用。下方列表为最新内容。
connect-timeout = 集成服务响应超时。请重试。
connect-untrusted-redirect = 无法验证此集成的登录页面，因此我们没有打开它。请稍后重试。
connect-not-allowed = 此门户链接不包含该集成。请申请一个包含该集成的新链接。
connect-unavailable = 连接功能暂时不可用。请稍后重试。
connect-internal = 连接时出现问题。请重试。
upstream-not-found = 此集成已不再可用。
upstream-timeout = 集成服务响应时间过长。请重试。
upstream-busy = 集成服务繁忙。请一分钟后重试。
upstream-unavailable = 集成暂时不可用。请稍后重试。

## Back from the provider

callback-title = 连接
callback-checking = 正在通过集成服务检查连接…
connected-to = 已连接到 { $name }
connected-body = 您现在就可以使用了。
still-connected-title = 仍与 { $name } 保持连接
still-connected-body = { $name } 报告此次尝试出现问题，但您的连接仍然有效。
unknown-title = 无法确认与 { $name } 的连接
unknown-body = 集成服务未及时响应。结果很快会显示在您的集成页面上。
unconfirmed-title = { $name } 尚未连接
unconfirmed-body = { $name } 表示连接成功，但连接并未生效。请重试；如果问题持续出现，请联系支持团队。
failed-title = 未能连接 { $name }
failed-cancelled-body = 连接已被取消或拒绝。未共享任何信息。
failed-body = 连接未完成。您可以重试。
back-to-integrations = 返回集成
back-to-app = 返回{ $app }

callback-signin-title = 您的会话已结束
callback-signin-body = 请从{ $app }打开新的门户链接，然后重新连接。
callback-unknown-title = 此返回链接并非由我们签发
callback-unknown-body = 未做任何更改。请从您的集成页面重新开始。
callback-other-session-title = 此连接是在其他地方发起的
callback-other-session-body = 它属于另一个浏览器或会话，因此此处未做任何更改。请从您的集成页面重新开始。
callback-expired-title = 此次连接尝试耗时过长
callback-expired-body = 连接尝试会在 15 分钟后失效。未做任何更改。请重新连接。
callback-replayed-title = 此返回链接已被使用
callback-replayed-body = 每个返回链接仅可使用一次。您的集成页面显示的是当前状态。
callback-internal-title = 无法检查此连接
callback-internal-body = 我们这边出现了问题。您的集成页面显示的是当前状态。

## Opening a portal link

landing-title = 前往{ $app }的集成
# $user is shown in bold.
landing-as = 您将以 { $user } 的身份登录。
landing-switch-alert = 此浏览器当前以 { $current } 的身份登录。继续操作将在此处退出该账号，并以 { $user } 的身份登录。
landing-continue = 以 { $user } 的身份继续
landing-switch = 切换到 { $user }
landing-hint = 此链接仅可使用一次。如果这不是您预期的链接，请关闭此页面。
deep-title = 将 { $name } 连接到{ $app }
deep-connect = 连接 { $name }
deep-connected-title = { $name } 已连接到{ $app }
deep-connected-body = 无需任何操作。如果连接失效，请重新连接。
deep-reconnect = 重新连接 { $name }

link-expired-title = 此链接已过期
link-expired-body = 门户链接仅在几分钟内有效。请在{ $app }中申请新链接。
link-replayed-title = 此链接已被使用
link-replayed-body = 每个门户链接仅可使用一次。请在{ $app }中申请新链接。
link-revoked-title = 此链接已失效
link-revoked-body = 此链接已被{ $app }撤回。请在{ $app }中申请新链接。
link-bad-signature-title = 此链接无效
link-bad-signature-body = 此链接不是为此门户签发的，或在签发后被修改过。请在{ $app }中申请新链接。
link-malformed-title = 此链接不完整
link-malformed-body = 地址的一部分可能缺失，例如复制时未复制完整。请在{ $app }中申请新链接。
link-unavailable-title = 此集成不可用
link-unavailable-body = 自链接发送后，该集成可能已被停用。请在{ $app }中申请新链接。
link-internal-title = 无法为您登录
link-internal-body = 我们这边出现了问题。请稍后重新打开此链接。

## Refusals and errors

# $id is shown as code.
request-reference = 参考编号：{ $id }
not-found-title = 找不到页面
not-found-body = 此地址没有任何内容。
bad-request-title = 无法读取该请求
bad-request-body = 请重试。
cross-site-title = 此请求来自其他网站
cross-site-body = 该请求已被拒绝。请直接打开门户后重试。
timeout-title = 耗时过长
timeout-body = 操作已停止。没有任何数据丢失，请稍后重试。
too-large-title = 请求过大
too-large-body = 该请求超过了我们接受的 { $bytes } 字节上限，已被拒绝。
too-many-title = 请求过多
too-many-body = 此浏览器或网络在短时间内发送了过多请求。请等待 { $seconds } 秒后重试。
server-error-title = 出现问题
server-error-body = 这是我们的问题，与您无关。请稍后重试。
