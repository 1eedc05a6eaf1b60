# plugboard's end-user portal, Hebrew.
# Variables in { $braces } are filled in by the portal: keep them, translate the rest.
# Names ($app, $name, $user) come from the host or the integration service and are never translated.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = האפליקציה

skip-to-content = דילוג לתוכן
sandbox-badge = ארגז חול
sandbox-badge-title = פועל בארגז החול המובנה: אין חשבונות אמיתיים מחוברים
# $name is shown in bold.
signed-in-as = מחובר/ת בתור { $name }
sign-out = יציאה
language-menu = שפה
footer-support = עזרה ותמיכה
footer-privacy = פרטיות
footer-terms = תנאים

## Signing in

signin-title = פתיחת האינטגרציות שלך מתוך { $app }
signin-body = הפורטל הזה נפתח באמצעות קישור אישי מתוך { $app }. אפשר לחזור אל { $app } ולבחור בניהול האינטגרציות, או לבקש קישור חדש לפורטל דרך { $app }. כל קישור פועל פעם אחת בלבד, ותוקפו פג אחרי כמה דקות.
demo-title = ארגז חול: המשך ללא קישור
demo-bad-id = יש להזין מזהה משתמש (לא ריק, לא “.” או “..”, עד 256 תווים).
demo-user-id = מזהה משתמש
demo-continue = המשך בתור המשתמש הזה
demo-hint = בארגז החול בלבד. עם מפתח API אמיתי, המשתמשים מגיעים דרך קישורים חתומים.

## The integrations page

integrations-title = אינטגרציות
integrations-lede = כאן אפשר לחבר את הכלים שבהם משתמשים, ולחבר מחדש כל חיבור בכל עת.
loading = בטעינה…
list-stale = ייתכן שהרשימה הזו אינה מעודכנת: שירות האינטגרציות לא מגיב כרגע.
nothing-lost = שום דבר לא אבד; החיבורים הקיימים ממשיכים לפעול.
try-again = לנסות שוב
no-match = אין אינטגרציות שתואמות למסננים האלה.
no-integrations = עדיין אין אינטגרציות זמינות.
search-label = חיפוש
search-placeholder = שם או מארח
filter-state = מצב
filter-any-state = כל מצב
filter-auth = סוג כניסה
filter-any-auth = כל סוג
filter-apply = החלה
filter-showing-all = { $total ->
    [one] מוצגת האינטגרציה היחידה
    [two] מוצגות שתי האינטגרציות
   *[other] מוצגות כל { $total } האינטגרציות
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] מוצגות { $n } מתוך אינטגרציה אחת
    [two] מוצגות { $n } מתוך שתי אינטגרציות
   *[other] מוצגות { $n } מתוך { $total } אינטגרציות
}
help-link = עזרה
# The card's button; the integration's name follows for screen readers.
connect = חיבור
reconnect = חיבור מחדש
connecting = מתבצע חיבור…

## Connection states

state-connected = מחובר
state-not-connected = לא מחובר
state-needs-reconnect = נדרש חיבור מחדש
state-unknown = לא ידוע
# $date is a day, written the language's way ("3 March 2026").
connected-since = מחובר מאז { $date }
unknown-now = לא ידוע: לא ניתן היה לבדוק כרגע
# $ago is one of the ago-* messages below.
checked-ago = נבדק { $ago }
ago-now = הרגע
ago-minutes = { $n ->
    [one] לפני דקה
    [two] לפני שתי דקות
   *[other] לפני { $n } דקות
}
ago-hours = { $n ->
    [one] לפני שעה
    [two] לפני שעתיים
   *[other] לפני { $n } שעות
}
ago-days = { $n ->
    [one] לפני יום
    [two] לפני יומיים
   *[other] לפני { $n } ימים
}

## Sign-in types

auth-none = אין צורך בכניסה
auth-api-token = אסימון API
auth-oauth = OAuth
auth-aws-role = תפקיד AWS
auth-google-service-account = חשבון שירות של Google
auth-other = סוג כניסה אחר
auth-not-stated = סוג הכניסה לא צוין

## Why Connect did not go on

connect-signin = הסשן שלך הסתיים. כדי להמשיך, יש לפתוח קישור חדש לפורטל.
connect-unknown-integration = האינטגרציה הזו כבר לא זמינה. הרשימה שלמטה מעודכנת.
connect-timeout = לשירות האינטגרציות לקח יותר מדי זמן להגיב. נא לנסות שוב.
connect-untrusted-redirect = לא ניתן היה לאמת את דף הכניסה של האינטגרציה הזו, ולכן לא פתחנו אותו. נא לנסות שוב מאוחר יותר.
connect-not-allowed = קישור הפורטל הזה לא כולל את האינטגרציה הזו. יש לבקש קישור חדש שכולל אותה.
connect-unavailable = החיבור אינו זמין כרגע. נא לנסות שוב בעוד רגע.
connect-internal = משהו השתבש במהלך החיבור. נא לנסות שוב.
upstream-not-found = האינטגרציה הזו כבר לא זמינה.
upstream-timeout = לשירות האינטגרציות לוקח יותר מדי זמן להגיב. נא לנסות שוב.
upstream-busy = שירות האינטגרציות עמוס. נא לנסות שוב בעוד דקה.
upstream-unavailable = האינטגרציות אינן זמינות כרגע. נא לנסות שוב בעוד רגע.

## Back from the provider

callback-title = חיבור
callback-checking = בודקים את החיבור מול שירות האינטגרציות…
connected-to = החיבור ל־{ $name } הושלם
connected-body = אפשר להתחיל להשתמש בה מיד.
still-connected-title = החיבור ל־{ $name } עדיין פעיל
still-connected-body = { $name } דיווח על בעיה בניסיון הזה, אבל החיבור שלך פעיל.
unknown-title = לא הצלחנו לאשר את החיבור ל־{ $name }
unknown-body = שירות האינטגרציות לא הגיב בזמן. התוצאה תוצג בקרוב בדף האינטגרציות.
unconfirmed-title = החיבור ל־{ $name } עדיין לא פעיל
unconfirmed-body = לפי { $name } החיבור הצליח, אבל הוא אינו פעיל. נא לנסות שוב; אם הבעיה חוזרת, יש לפנות לתמיכה.
failed-title = החיבור ל־{ $name } לא בוצע
failed-cancelled-body = החיבור בוטל או נדחה. לא שותף שום מידע.
failed-body = החיבור לא הושלם. אפשר לנסות שוב.
back-to-integrations = חזרה לאינטגרציות
back-to-app = חזרה אל { $app }

callback-signin-title = הסשן שלך הסתיים
callback-signin-body = יש לפתוח קישור חדש לפורטל מתוך { $app }, ואז לבצע את החיבור שוב.
callback-unknown-title = קישור החזרה הזה לא הונפק על ידינו
callback-unknown-body = לא בוצע שום שינוי. אפשר להתחיל מחדש מדף האינטגרציות.
callback-other-session-title = החיבור הזה התחיל במקום אחר
callback-other-session-body = הוא שייך לדפדפן או לסשן אחר, ולכן לא בוצע כאן שום שינוי. אפשר להתחיל מחדש מדף האינטגרציות.
callback-expired-title = ניסיון החיבור הזה נמשך יותר מדי זמן
callback-expired-body = תוקפם של ניסיונות חיבור פג אחרי 15 דקות. לא בוצע שום שינוי. נא לבצע את החיבור שוב.
callback-replayed-title = כבר נעשה שימוש בקישור החזרה הזה
callback-replayed-body = כל קישור חזרה פועל פעם אחת בלבד. דף האינטגרציות מציג את המצב הנוכחי.
callback-internal-title = לא הצלחנו לבדוק את החיבור הזה
callback-internal-body = משהו השתבש אצלנו. דף האינטגרציות מציג את המצב הנוכחי.

## Opening a portal link

landing-title = המשך לאינטגרציות של { $app }
# $user is shown in bold.
landing-as = הכניסה תתבצע בתור { $user }.
landing-switch-alert = הדפדפן הזה מחובר כרגע בתור { $current }. המשך הפעולה יוציא את החשבון הזה מהמערכת בדפדפן הזה, והכניסה תתבצע בתור { $user }.
landing-continue = המשך בתור { $user }
landing-switch = מעבר אל { $user }
landing-hint = הקישור פועל פעם אחת בלבד. אם לא ציפית לו, יש לסגור את הדף הזה.
deep-title = חיבור { $name } אל { $app }
deep-connect = חיבור { $name }
deep-connected-title = { $name } כבר מחובר אל { $app }
deep-connected-body = אין צורך לעשות דבר. אם החיבור יפסיק לפעול, אפשר לחבר אותו מחדש.
deep-reconnect = חיבור { $name } מחדש

link-expired-title = תוקף הקישור הזה פג
link-expired-body = קישורים לפורטל פועלים כמה דקות בלבד. יש לבקש קישור חדש דרך { $app }.
link-replayed-title = כבר נעשה שימוש בקישור הזה
link-replayed-body = כל קישור לפורטל פועל פעם אחת בלבד. יש לבקש קישור חדש דרך { $app }.
link-revoked-title = הקישור הזה כבר לא פועל
link-revoked-body = הקישור בוטל על ידי { $app }. יש לבקש קישור חדש דרך { $app }.
link-bad-signature-title = הקישור הזה אינו תקין
link-bad-signature-body = הוא לא הונפק עבור הפורטל הזה, או שהוא שונה אחרי שהונפק. יש לבקש קישור חדש דרך { $app }.
link-malformed-title = הקישור הזה חלקי
link-malformed-body = ייתכן שחלק מהכתובת חסר, למשל בעקבות העתקה. יש לבקש קישור חדש דרך { $app }.
link-unavailable-title = האינטגרציה הזו לא זמינה
link-unavailable-body = ייתכן שהיא הושבתה מאז שהקישור נשלח. יש לבקש קישור חדש דרך { $app }.
link-internal-title = לא הצלחנו להכניס אותך למערכת
link-internal-body = משהו השתבש אצלנו. נא לפתוח את הקישור שוב בעוד רגע.

## Refusals and errors

# $id is shown as code.
request-reference = אסמכתה: { $id }
not-found-title = הדף לא נמצא
not-found-body = אין כלום בכתובת הזו.
bad-request-title = לא ניתן היה לקרוא את הבקשה
bad-request-body = נא לנסות שוב.
cross-site-title = הבקשה הזו הגיעה מאתר אחר
cross-site-body = היא נדחתה. יש לפתוח את הפורטל ישירות ולנסות שוב.
timeout-title = זה לקח יותר מדי זמן
timeout-body = הפעולה הופסקה. שום דבר לא אבד; נא לנסות שוב בעוד רגע.
too-large-title = הבקשה הזו גדולה מדי
too-large-body = היא חורגת מהמגבלה של { $bytes } בייטים שאנחנו מקבלים, ולכן נדחתה.
too-many-title = יותר מדי בקשות
too-many-body = { $seconds ->
    [one] הדפדפן או הרשת הזו שלחו יותר מדי בקשות בזמן קצר. יש להמתין שנייה אחת ולנסות שוב.
    [two] הדפדפן או הרשת הזו שלחו יותר מדי בקשות בזמן קצר. יש להמתין שתי שניות ולנסות שוב.
   *[other] הדפדפן או הרשת הזו שלחו יותר מדי בקשות בזמן קצר. יש להמתין { $seconds } שניות ולנסות שוב.
}
server-error-title = משהו השתבש
server-error-body = הבעיה אצלנו, לא אצלך. נא לנסות שוב בעוד רגע.
