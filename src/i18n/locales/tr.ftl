# plugboard son kullanıcı portalı, Türkçe. Referans: en.ftl.
# { $braces } içindeki değişkenler portal tarafından doldurulur: olduğu gibi bırakın, gerisini çevirin.
# Adlar ($app, $name, $user) ana üründen veya entegrasyon hizmetinden gelir ve asla çevrilmez.

## Header and footer

# What $app is when the operator configured no product name.
app-generic = uygulama

skip-to-content = İçeriğe geç
sandbox-badge = Deneme ortamı
sandbox-badge-title = Yerleşik deneme ortamında çalışıyor: hiçbir gerçek hesap bağlı değil
# $name is shown in bold.
signed-in-as = { $name } olarak oturum açtınız
sign-out = Oturumu kapat
language-menu = Dil
footer-support = Yardım ve destek
footer-privacy = Gizlilik
footer-terms = Koşullar

## Signing in

signin-title = Entegrasyonlarınızı { $app } üzerinden açın
signin-body = Bu portal, { $app } tarafından verilen kişisel bir linkle açılır. Lütfen { $app } sayfasına dönüp entegrasyonlarınızı yönetmeyi seçin ya da { $app } üzerinden yeni bir portal linki isteyin. Linkler yalnızca bir kez çalışır ve birkaç dakika sonra geçerliliğini yitirir.
demo-title = Deneme ortamı: link olmadan devam edin
demo-bad-id = Bir kullanıcı kimliği girin (boş, “.” veya “..” olamaz; en fazla 256 karakter).
demo-user-id = Kullanıcı kimliği
demo-continue = Bu kullanıcı olarak devam et
demo-hint = Yalnızca deneme ortamında. Gerçek bir API anahtarıyla kullanıcılar imzalı linkler üzerinden gelir.

## The integrations page

integrations-title = Entegrasyonlar
integrations-lede = Kullandığınız araçları bağlayın. Bir bağlantıyı istediğiniz zaman yeniden kurabilirsiniz.
loading = Yükleniyor…
list-stale = Bu liste güncel olmayabilir: entegrasyon hizmeti şu anda yanıt vermiyor.
nothing-lost = Hiçbir şey kaybolmadı; mevcut bağlantılarınız çalışmaya devam ediyor.
try-again = Tekrar dene
no-match = Bu filtrelerle eşleşen entegrasyon yok.
no-integrations = Henüz kullanılabilir entegrasyon yok.
search-label = Ara
search-placeholder = Ad veya sunucu
filter-state = Durum
filter-any-state = Tüm durumlar
filter-auth = Oturum açma türü
filter-any-auth = Tüm türler
filter-apply = Uygula
filter-showing-all = { $total ->
    [one] Tek entegrasyon gösteriliyor
   *[other] { $total } entegrasyonun tümü gösteriliyor
}
# $n is filled in by the browser as the visitor filters: choose the form by $total only.
filter-showing = { $total ->
    [one] { $total } entegrasyondan { $n } tanesi gösteriliyor
   *[other] { $total } entegrasyondan { $n } tanesi gösteriliyor
}
help-link = Yardım
# The card's button; the integration's name follows for screen readers.
connect = Bağlan
reconnect = Yeniden bağlan
connecting = Bağlanıyor…

## Connection states

state-connected = Bağlı
state-not-connected = Bağlı değil
state-needs-reconnect = Yeniden bağlanması gerekiyor
state-unknown = Bilinmiyor
# $date is a day, written the language's way ("3 March 2026").
connected-since = { $date } tarihinden beri bağlı
unknown-now = Bilinmiyor: şu anda kontrol edilemedi
# $ago is one of the ago-* messages below.
checked-ago = { $ago } kontrol edildi
ago-now = az önce
ago-minutes = { $n ->
    [one] { $n } dakika önce
   *[other] { $n } dakika önce
}
ago-hours = { $n ->
    [one] { $n } saat önce
   *[other] { $n } saat önce
}
ago-days = { $n ->
    [one] { $n } gün önce
   *[other] { $n } gün önce
}

## Sign-in types

auth-none = Oturum açma gerekmez
auth-api-token = API belirteci
auth-oauth = OAuth
auth-aws-role = AWS rolü
auth-google-service-account = Google hizmet hesabı
auth-other = Diğer oturum açma yöntemi
auth-not-stated = Oturum açma türü belirtilmemiş

## Why Connect did not go on

connect-signin = Oturumunuz sona erdi. Devam etmek için yeni bir portal linki açın.
connect-unknown-integration = Bu entegrasyon artık kullanılamıyor. Aşağıdaki liste günceldir.
connect-timeout = Entegrasyon hizmeti zamanında yanıt vermedi. Lütfen tekrar deneyin.
connect-untrusted-redirect = Bu entegrasyonun oturum açma sayfası doğrulanamadığı için açılmadı. Lütfen daha sonra tekrar deneyin.
connect-not-allowed = Bu portal linki bu entegrasyonu kapsamıyor. Bu entegrasyonu kapsayan yeni bir link isteyin.
connect-unavailable = Bağlanma geçici olarak kullanılamıyor. Lütfen biraz sonra tekrar deneyin.
connect-internal = Bağlanırken bir sorun oluştu. Lütfen tekrar deneyin.
upstream-not-found = Bu entegrasyon artık kullanılamıyor.
upstream-timeout = Entegrasyon hizmetinin yanıt vermesi çok uzun sürüyor. Lütfen tekrar deneyin.
upstream-busy = Entegrasyon hizmeti şu anda meşgul. Lütfen bir dakika sonra tekrar deneyin.
upstream-unavailable = Entegrasyonlar geçici olarak kullanılamıyor. Lütfen biraz sonra tekrar deneyin.

## Back from the provider

callback-title = Bağlantı
callback-checking = Bağlantı, entegrasyon hizmetiyle kontrol ediliyor…
connected-to = { $name } bağlandı
connected-body = Hemen kullanmaya başlayabilirsiniz.
still-connected-title = { $name } bağlantısı hâlâ etkin
still-connected-body = { $name } bu denemeyle ilgili bir sorun bildirdi, ancak bağlantınız etkin.
unknown-title = { $name } bağlantısı doğrulanamadı
unknown-body = Entegrasyon hizmeti zamanında yanıt vermedi. Sonuç kısa süre içinde entegrasyonlar sayfanızda görünecek.
unconfirmed-title = { $name } henüz bağlanmadı
unconfirmed-body = { $name } bağlantının başarılı olduğunu bildirdi, ancak bağlantı etkin değil. Lütfen tekrar deneyin; sorun devam ederse destek ekibiyle iletişime geçin.
failed-title = { $name } bağlanamadı
failed-cancelled-body = Bağlantı iptal edildi veya reddedildi. Hiçbir bilgi paylaşılmadı.
failed-body = Bağlantı tamamlanmadı. Tekrar deneyebilirsiniz.
back-to-integrations = Entegrasyonlara dön
back-to-app = { $app } sayfasına dön

callback-signin-title = Oturumunuz sona erdi
callback-signin-body = Lütfen { $app } üzerinden yeni bir portal linki açın, ardından yeniden bağlanın.
callback-unknown-title = Bu dönüş linki tarafımızdan oluşturulmadı
callback-unknown-body = Hiçbir şey değiştirilmedi. Entegrasyonlarınızdan yeniden başlayın.
callback-other-session-title = Bu bağlantı başka bir yerde başlatıldı
callback-other-session-body = Başka bir tarayıcıya veya oturuma ait olduğu için burada hiçbir şey değiştirilmedi. Entegrasyonlarınızdan yeniden başlayın.
callback-expired-title = Bu bağlantı denemesi çok uzun sürdü
callback-expired-body = Denemelerin süresi 15 dakika sonra dolar. Hiçbir şey değiştirilmedi. Lütfen yeniden bağlanın.
callback-replayed-title = Bu dönüş linki zaten kullanıldı
callback-replayed-body = Her dönüş linki yalnızca bir kez çalışır. Entegrasyonlar sayfanız güncel durumu gösteriyor.
callback-internal-title = Bu bağlantı kontrol edilemedi
callback-internal-body = Bizim tarafımızda bir sorun oluştu. Entegrasyonlar sayfanız güncel durumu gösteriyor.

## Opening a portal link

landing-title = Devam edin ve { $app } entegrasyonlarınızı açın
# $user is shown in bold.
landing-as = { $user } olarak oturum açacaksınız.
landing-switch-alert = Bu tarayıcıda şu anda { $current } olarak oturum açık. Devam ederseniz bu hesabın buradaki oturumu kapatılır ve { $user } olarak oturum açılır.
landing-continue = { $user } olarak devam et
landing-switch = { $user } hesabına geç
landing-hint = Link yalnızca bir kez çalışır. Bu linki beklemiyorsanız bu sayfayı kapatın.
deep-title = { $name } ile { $app } arasında bağlantı kurun
deep-connect = { $name } hizmetine bağlan
deep-connected-title = { $name } ile { $app } arasındaki bağlantı zaten kurulu
deep-connected-body = Yapmanız gereken bir şey yok. Bağlantı çalışmayı bırakırsa yeniden bağlanın.
deep-reconnect = { $name } hizmetine yeniden bağlan

link-expired-title = Bu linkin süresi doldu
link-expired-body = Portal linkleri yalnızca birkaç dakika geçerlidir. Lütfen { $app } üzerinden yeni bir link isteyin.
link-replayed-title = Bu link zaten kullanıldı
link-replayed-body = Her portal linki yalnızca bir kez çalışır. Lütfen { $app } üzerinden yeni bir link isteyin.
link-revoked-title = Bu link artık çalışmıyor
link-revoked-body = Bu link { $app } tarafından geri çekildi. Lütfen { $app } üzerinden yeni bir link isteyin.
link-bad-signature-title = Bu link geçerli değil
link-bad-signature-body = Link bu portal için oluşturulmamış ya da oluşturulduktan sonra değiştirilmiş. Lütfen { $app } üzerinden yeni bir link isteyin.
link-malformed-title = Bu link eksik
link-malformed-body = Adresin bir kısmı, örneğin kopyalanırken, eksik kalmış olabilir. Lütfen { $app } üzerinden yeni bir link isteyin.
link-unavailable-title = Bu entegrasyon kullanılamıyor
link-unavailable-body = Link gönderildikten sonra devre dışı bırakılmış olabilir. Lütfen { $app } üzerinden yeni bir link isteyin.
link-internal-title = Oturumunuz açılamadı
link-internal-body = Bizim tarafımızda bir sorun oluştu. Lütfen biraz sonra linki yeniden açın.

## Refusals and errors

# $id is shown as code.
request-reference = Referans: { $id }
not-found-title = Sayfa bulunamadı
not-found-body = Bu adreste hiçbir şey yok.
bad-request-title = İstek okunamadı
bad-request-body = Lütfen tekrar deneyin.
cross-site-title = Bu istek başka bir siteden geldi
cross-site-body = İstek reddedildi. Portalı doğrudan açıp tekrar deneyin.
timeout-title = Bu işlem çok uzun sürdü
timeout-body = İşlem durduruldu. Hiçbir şey kaybolmadı; lütfen biraz sonra tekrar deneyin.
too-large-title = Bu istek çok büyük
too-large-body = İstek, kabul ettiğimiz { $bytes } bayt sınırını aştığı için reddedildi.
too-many-title = Çok fazla istek
too-many-body = { $seconds ->
    [one] Bu tarayıcı veya ağ kısa sürede çok fazla istek gönderdi. { $seconds } saniye bekleyip tekrar deneyin.
   *[other] Bu tarayıcı veya ağ kısa sürede çok fazla istek gönderdi. { $seconds } saniye bekleyip tekrar deneyin.
}
server-error-title = Bir sorun oluştu
server-error-body = Bu sizin değil, bizim hatamız. Lütfen biraz sonra tekrar deneyin.
