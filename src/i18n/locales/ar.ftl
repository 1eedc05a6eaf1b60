# plugboard's end-user portal, Arabic (Modern Standard).
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = التطبيق

skip-to-content = الانتقال إلى المحتوى
sandbox-badge = بيئة الاختبار
sandbox-badge-title = يعمل على بيئة الاختبار المدمجة: لا توجد حسابات حقيقية مرتبطة
# $name is shown in bold.
signed-in-as = تم تسجيل الدخول باسم { $name }
sign-out = تسجيل الخروج
language-menu = اللغة
footer-support = المساعدة والدعم
footer-privacy = الخصوصية
footer-terms = الشروط

## Signing in

signin-title = افتح تكاملاتك من { $app }
signin-body = تُفتح هذه البوابة عبر رابط شخصي من { $app }. ارجع إلى { $app } واختر إدارة تكاملاتك، أو اطلب من { $app } رابطًا جديدًا للبوابة. يعمل كل رابط مرة واحدة فقط، وتنتهي صلاحيته بعد بضع دقائق.
demo-title = بيئة الاختبار: المتابعة بدون رابط
demo-bad-id = أدخل معرّف مستخدم (غير فارغ، وليس «.» أو «..»، وبحد أقصى 256 حرفًا).
demo-user-id = معرّف المستخدم
demo-continue = المتابعة باسم هذا المستخدم
demo-hint = في بيئة الاختبار فقط. عند استخدام مفتاح API حقيقي، يصل المستخدمون عبر روابط موقَّعة.

## The integrations page

integrations-title = التكاملات
integrations-lede = اربط الأدوات التي تستخدمها. يمكنك إعادة ربط أي اتصال في أي وقت.
loading = جارٍ التحميل…
list-stale = قد لا تكون هذه القائمة محدَّثة: خدمة التكامل لا تستجيب حاليًا.
nothing-lost = لم يُفقد شيء؛ ستظل اتصالاتك الحالية تعمل.
try-again = إعادة المحاولة
no-match = لا توجد تكاملات تطابق عوامل التصفية هذه.
no-integrations = لا توجد تكاملات متاحة بعد.
search-label = بحث
search-placeholder = الاسم أو المضيف
filter-state = الحالة
filter-any-state = أي حالة
filter-auth = نوع تسجيل الدخول
filter-any-auth = أي نوع
filter-apply = تطبيق
filter-showing-all = { $total ->
    [zero] لا توجد تكاملات لعرضها
    [one] عرض التكامل الوحيد
    [two] عرض التكاملَين كليهما
    [few] عرض جميع التكاملات البالغ عددها { $total }
    [many] عرض جميع التكاملات البالغ عددها { $total }
   *[other] عرض جميع التكاملات البالغ عددها { $total }
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [zero] عرض { $n } من أصل { $total } تكامل
    [one] عرض { $n } من أصل تكامل واحد
    [two] عرض { $n } من أصل تكاملَين
    [few] عرض { $n } من أصل { $total } تكاملات
    [many] عرض { $n } من أصل { $total } تكاملًا
   *[other] عرض { $n } من أصل { $total } تكامل
}
help-link = المساعدة
# The card's button; the integration's name follows for screen readers.
connect = ربط
reconnect = إعادة الربط
connecting = جارٍ الربط…

## Connection states

state-connected = متصل
state-not-connected = غير متصل
state-needs-reconnect = يلزم إعادة الربط
state-unknown = غير معروف
# $date is a day, written the language's way ("3 March 2026").
connected-since = متصل منذ { $date }
unknown-now = غير معروف: تعذّر التحقق الآن
# $ago is one of the ago-* messages below.
checked-ago = تم التحقق { $ago }
ago-now = للتو
ago-minutes = { $n ->
    [zero] منذ { $n } دقيقة
    [one] منذ دقيقة واحدة
    [two] منذ دقيقتين
    [few] منذ { $n } دقائق
    [many] منذ { $n } دقيقة
   *[other] منذ { $n } دقيقة
}
ago-hours = { $n ->
    [zero] منذ { $n } ساعة
    [one] منذ ساعة واحدة
    [two] منذ ساعتين
    [few] منذ { $n } ساعات
    [many] منذ { $n } ساعة
   *[other] منذ { $n } ساعة
}
ago-days = { $n ->
    [zero] منذ { $n } يوم
    [one] منذ يوم واحد
    [two] منذ يومين
    [few] منذ { $n } أيام
    [many] منذ { $n } يومًا
   *[other] منذ { $n } يوم
}

## Sign-in types

auth-none = لا يلزم تسجيل الدخول
auth-api-token = رمز API
auth-oauth = OAuth
auth-aws-role = دور AWS
auth-google-service-account = حساب خدمة Google
auth-other = طريقة تسجيل دخول أخرى
auth-not-stated = نوع تسجيل الدخول غير محدد

## Why Connect did not go on

connect-signin = انتهت جلستك. افتح رابطًا جديدًا للبوابة للمتابعة.
connect-unknown-integration = لم يعد هذا التكامل متاحًا. القائمة أدناه محدَّثة.
connect-timeout = استغرقت خدمة التكامل وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى.
connect-untrusted-redirect = تعذّر التحقق من صفحة تسجيل الدخول الخاصة بهذا التكامل، لذا لم نفتحها. يُرجى المحاولة مرة أخرى لاحقًا.
connect-not-allowed = رابط البوابة هذا لا يتضمن ذلك التكامل. اطلب رابطًا جديدًا يتضمنه.
connect-unavailable = الربط غير متاح مؤقتًا. يُرجى المحاولة مرة أخرى بعد لحظات.
connect-internal = حدث خطأ أثناء الربط. يُرجى المحاولة مرة أخرى.
upstream-not-found = لم يعد هذا التكامل متاحًا.
upstream-timeout = تستغرق خدمة التكامل وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى.
upstream-busy = خدمة التكامل مشغولة. يُرجى المحاولة مرة أخرى بعد دقيقة.
upstream-unavailable = التكاملات غير متاحة مؤقتًا. يُرجى المحاولة مرة أخرى بعد لحظات.

## Back from the provider

callback-title = الاتصال
callback-checking = جارٍ التحقق من الاتصال لدى خدمة التكامل…
connected-to = تم ربط { $name }
connected-body = يمكنك استخدامه فورًا.
still-connected-title = لا يزال { $name } متصلًا
still-connected-body = أبلغ { $name } عن مشكلة في هذه المحاولة، لكن اتصالك نشط.
unknown-title = تعذّر علينا تأكيد ربط { $name }
unknown-body = لم تستجب خدمة التكامل في الوقت المحدد. ستعرض صفحة التكاملات النتيجة قريبًا.
unconfirmed-title = لم يتم ربط { $name } بعد
unconfirmed-body = أفاد { $name } بأن الاتصال نجح، لكنه غير نشط. يُرجى المحاولة مرة أخرى، وإذا تكررت المشكلة فتواصل مع الدعم.
failed-title = لم يتم ربط { $name }
failed-cancelled-body = تم إلغاء الاتصال أو رفضه. لم تتم مشاركة أي شيء.
failed-body = لم يكتمل الاتصال. يمكنك المحاولة مرة أخرى.
back-to-integrations = العودة إلى التكاملات
back-to-app = العودة إلى { $app }

callback-signin-title = انتهت جلستك
callback-signin-body = افتح رابطًا جديدًا للبوابة من { $app }، ثم أعد الربط.
callback-unknown-title = رابط العودة هذا ليس صادرًا عنا
callback-unknown-body = لم يتم تغيير أي شيء. ابدأ من جديد من صفحة التكاملات.
callback-other-session-title = بدأ هذا الاتصال في مكان آخر
callback-other-session-body = إنه يخص متصفحًا أو جلسة أخرى، لذا لم يتم تغيير أي شيء هنا. ابدأ من جديد من صفحة التكاملات.
callback-expired-title = استغرقت محاولة الاتصال هذه وقتًا طويلًا
callback-expired-body = تنتهي صلاحية المحاولات بعد 15 دقيقة. لم يتم تغيير أي شيء. يُرجى إعادة الربط.
callback-replayed-title = تم استخدام رابط العودة هذا من قبل
callback-replayed-body = يعمل كل رابط عودة مرة واحدة فقط. تعرض صفحة التكاملات الحالة الحالية.
callback-internal-title = تعذّر علينا التحقق من هذا الاتصال
callback-internal-body = حدث خطأ من جانبنا. تعرض صفحة التكاملات الحالة الحالية.

## Opening a portal link

landing-title = المتابعة إلى تكاملات { $app }
# $user is shown in bold.
landing-as = سيتم تسجيل دخولك باسم { $user }.
landing-switch-alert = هذا المتصفح مسجَّل الدخول حاليًا باسم { $current }. ستؤدي المتابعة إلى تسجيل خروج ذلك الحساب هنا وتسجيل الدخول باسم { $user }.
landing-continue = المتابعة باسم { $user }
landing-switch = التبديل إلى { $user }
landing-hint = يعمل الرابط مرة واحدة فقط. إذا لم تكن تتوقعه، فأغلق هذه الصفحة.
deep-title = ربط { $name } بحسابك في { $app }
deep-connect = ربط { $name }
deep-connected-title = تم ربط { $name } بالفعل بحسابك في { $app }
deep-connected-body = لا حاجة إلى أي إجراء. إذا توقف عن العمل، فأعد ربطه.
deep-reconnect = إعادة ربط { $name }

link-expired-title = انتهت صلاحية هذا الرابط
link-expired-body = تعمل روابط البوابة لبضع دقائق فقط. اطلب من { $app } رابطًا جديدًا.
link-replayed-title = تم استخدام هذا الرابط من قبل
link-replayed-body = يعمل كل رابط للبوابة مرة واحدة فقط. اطلب من { $app } رابطًا جديدًا.
link-revoked-title = لم يعد هذا الرابط صالحًا
link-revoked-body = أُلغي هذا الرابط من قِبل { $app }. اطلب من { $app } رابطًا جديدًا.
link-bad-signature-title = هذا الرابط غير صالح
link-bad-signature-body = لم يصدر هذا الرابط لهذه البوابة، أو تم تغييره بعد إصداره. اطلب من { $app } رابطًا جديدًا.
link-malformed-title = هذا الرابط غير مكتمل
link-malformed-body = قد يكون جزء من العنوان مفقودًا، كما يحدث مثلًا عند نسخه. اطلب من { $app } رابطًا جديدًا.
link-unavailable-title = هذا التكامل غير متاح
link-unavailable-body = ربما تم إيقافه بعد إرسال الرابط. اطلب من { $app } رابطًا جديدًا.
link-internal-title = تعذّر علينا تسجيل دخولك
link-internal-body = حدث خطأ من جانبنا. يُرجى فتح الرابط مرة أخرى بعد لحظات.

## Refusals and errors

# $id is shown as code.
request-reference = المرجع: { $id }
not-found-title = الصفحة غير موجودة
not-found-body = لا يوجد شيء على هذا العنوان.
bad-request-title = تعذّرت قراءة الطلب
bad-request-body = يُرجى المحاولة مرة أخرى.
cross-site-title = ورد هذا الطلب من موقع آخر
cross-site-body = تم رفضه. افتح البوابة مباشرةً وحاول مرة أخرى.
timeout-title = استغرق هذا وقتًا طويلًا
timeout-body = تم إيقافه. لم يُفقد شيء؛ يُرجى المحاولة مرة أخرى بعد لحظات.
too-large-title = هذا الطلب كبير جدًا
too-large-body = يتجاوز حجمه الحد الذي نقبله وهو { $bytes } بايت، لذا تم رفضه.
too-many-title = طلبات كثيرة جدًا
too-many-body = { $seconds ->
    [zero] أرسل هذا المتصفح أو هذه الشبكة طلبات كثيرة جدًا خلال وقت قصير. يُرجى الانتظار { $seconds } ثانية ثم المحاولة مرة أخرى.
    [one] أرسل هذا المتصفح أو هذه الشبكة طلبات كثيرة جدًا خلال وقت قصير. يُرجى الانتظار ثانية واحدة ثم المحاولة مرة أخرى.
    [two] أرسل هذا المتصفح أو هذه الشبكة طلبات كثيرة جدًا خلال وقت قصير. يُرجى الانتظار ثانيتين ثم المحاولة مرة أخرى.
    [few] أرسل هذا المتصفح أو هذه الشبكة طلبات كثيرة جدًا خلال وقت قصير. يُرجى الانتظار { $seconds } ثوانٍ ثم المحاولة مرة أخرى.
    [many] أرسل هذا المتصفح أو هذه الشبكة طلبات كثيرة جدًا خلال وقت قصير. يُرجى الانتظار { $seconds } ثانية ثم المحاولة مرة أخرى.
   *[other] أرسل هذا المتصفح أو هذه الشبكة طلبات كثيرة جدًا خلال وقت قصير. يُرجى الانتظار { $seconds } ثانية ثم المحاولة مرة أخرى.
}
server-error-title = حدث خطأ ما
server-error-body = الخطأ من جانبنا وليس من جانبك. يُرجى المحاولة مرة أخرى بعد لحظات.
