//! The language signs of a request, as every layer reads them (server only).

use super::{Lang, COOKIE};
use http::{header, HeaderMap};

/// The signs a request carries before any session: `?lang=`, the cookie, `Accept-Language`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Signs {
    pub query: Option<Lang>,
    pub cookie: Option<Lang>,
    pub accept: Option<Lang>,
}

impl Signs {
    pub fn of(query: Option<&str>, headers: &HeaderMap) -> Signs {
        // The last `lang` of the query that names a language counts (as a form's last field would).
        let query = query.and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes()).filter(|(k, _)| k == "lang").filter_map(|(_, v)| Lang::parse(&v)).last()
        });
        let cookie = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix(COOKIE).and_then(|r| r.strip_prefix('=')))
            .and_then(Lang::parse);
        let accept =
            headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language);
        Signs { query, cookie, accept }
    }

    /// For pages answered before a session exists (413, 429, 408, ...): without the host's locale.
    pub fn choose(self, default: Lang) -> Lang {
        Lang::choose(self.query, self.cookie, None, self.accept, default)
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_query_cookie_and_accept_language() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; plugboard_lang=ja; b=2".parse().unwrap());
        h.insert(header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9".parse().unwrap());
        let s = Signs::of(Some("q=x&lang=pt-BR"), &h);
        assert_eq!((s.query, s.cookie, s.accept), (Some(Lang::PtBr), Some(Lang::Ja), Some(Lang::De)));
        assert_eq!(s.choose(Lang::En), Lang::PtBr);
        assert_eq!(Signs::of(Some("lang=pt%2dbr"), &h).query, Some(Lang::PtBr));
        assert_eq!(Signs::of(Some("xlang=de&q=lang%3Dde"), &h).query, None);
        let s = Signs::of(Some("lang=xx"), &h);
        assert_eq!(s.choose(Lang::En), Lang::Ja);
        assert_eq!(Signs::of(None, &HeaderMap::new()).choose(Lang::Fr), Lang::Fr);
    }
}
