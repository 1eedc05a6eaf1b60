//! The host's brand and the portal's languages from configuration: the default language, logo, accent colour
//! (checked for WCAG 2.2 AA contrast at start, light and dark), footer links, an intro line per language and help
//! per integration.

use super::{vars, vars::Env, ConfigError, HostAllowList};
use crate::i18n::Lang;
use std::{collections::HashMap, path::PathBuf};
use url::Url;

#[derive(Clone, Debug, Default)]
pub struct BrandSettings {
    pub default_lang: Lang,
    /// The product's name for the header, when `PLUGBOARD_APP_NAME` is given.
    pub name: Option<String>,
    pub logo: Option<Logo>,
    pub colors: Option<Accent>,
    pub support_url: Option<Url>,
    pub privacy_url: Option<Url>,
    pub terms_url: Option<Url>,
    pub intro: HashMap<Lang, String>,
    pub help: HashMap<String, Help>,
}

#[derive(Clone, Debug)]
pub enum Logo {
    /// Shown from where it is (an https URL on `PLUGBOARD_BRAND_LOGO_HOSTS`).
    Remote(Url),
    /// Served by the portal itself.
    File { bytes: Vec<u8>, content_type: &'static str, extension: &'static str },
}

#[derive(Clone, Debug)]
pub struct Help {
    pub url: Option<Url>,
    pub text: HashMap<Lang, String>,
}

/// The accent colour and what goes with it, light and dark, each pair checked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accent {
    pub light: Tint,
    pub dark: Tint,
}

/// One scheme's accent (links, focus ring, primary buttons) and the label on a primary button.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tint {
    pub accent: Rgb,
    pub label: Rgb,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(raw: &str) -> Option<Rgb> {
        let hex = raw.trim().strip_prefix('#').unwrap_or(raw.trim());
        let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Rgb(r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => Some(Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.2 relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2.2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` moved towards `to` by `share` (0 to 1).
    fn mix(self, to: Rgb, share: f64) -> Rgb {
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * share).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }
}

/// The backgrounds an accent meets (style/main.css): page and cards, light and dark.
const LIGHT_BACKGROUNDS: [(Rgb, &str); 2] = [(Rgb(0xf6, 0xf7, 0xf9), "page background #f6f7f9"), (Rgb(0xff, 0xff, 0xff), "card background #ffffff")];
const DARK_BACKGROUNDS: [(Rgb, &str); 2] = [(Rgb(0x0f, 0x12, 0x18), "dark page background #0f1218"), (Rgb(0x17, 0x1b, 0x23), "dark card background #171b23")];
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const NEAR_BLACK: Rgb = Rgb(0x11, 0x14, 0x1a);

/// Checks one scheme's accent: 4.5:1 as link text on each background (which also gives the focus ring, the same
/// colour, its 3:1), and 4.5:1 for the primary button's label, white or near-black, whichever is higher. On our
/// near-white and near-black backgrounds an accent that reads as text always leaves one label that passes; the
/// label is still checked, so a change of background cannot let a failing pair through. The failing pair and its
/// ratio otherwise.
pub fn check_tint(accent: Rgb, backgrounds: &[(Rgb, &str)]) -> Result<Tint, String> {
    for (bg, name) in backgrounds {
        let r = accent.contrast(*bg);
        if r < 4.5 {
            return Err(format!("{} as link text on the {name} has contrast {r:.2}:1, below 4.5:1", accent.hex()));
        }
    }
    let (w, b) = (WHITE.contrast(accent), NEAR_BLACK.contrast(accent));
    let (label, r) = if w >= b { (WHITE, w) } else { (NEAR_BLACK, b) };
    if r < 4.5 {
        return Err(format!(
            "the button label on {} has contrast {r:.2}:1 at best ({} text), below 4.5:1",
            accent.hex(),
            label.hex()
        ));
    }
    Ok(Tint { accent, label })
}

/// The accent for both schemes: the colour as given for light; for dark, the colour lightened just enough to read on
/// the dark backgrounds, then checked the same way.
pub fn accent(color: Rgb) -> Result<Accent, String> {
    let light = check_tint(color, &LIGHT_BACKGROUNDS)?;
    let dark = (0..=20)
        .map(|step| color.mix(WHITE, step as f64 / 20.0))
        .find(|c| check_tint(*c, &DARK_BACKGROUNDS).is_ok())
        .ok_or_else(|| format!("no lighter tint of {} reads on the dark backgrounds", color.hex()))
        .and_then(|c| check_tint(c, &DARK_BACKGROUNDS).map_err(|e| format!("dark mode: {e}")))?;
    Ok(Accent { light, dark })
}

impl Accent {
    /// The stylesheet that applies it (after the main one).
    pub fn stylesheet(&self) -> String {
        let vars = |t: &Tint| format!("--accent:{0};--accent-fg:{1};--focus:{0};", t.accent.hex(), t.label.hex());
        format!(
            ":root{{{}}}\n@media (prefers-color-scheme: dark){{:root{{{}}}}}\n",
            vars(&self.light),
            vars(&self.dark)
        )
    }
}

pub fn brand(env: &Env, app_name_given: bool, app_name: &str) -> Result<BrandSettings, ConfigError> {
    let default_lang = match env.or_default(&vars::DEFAULT_LOCALE) {
        Some(code) => Lang::parse(&code)
            .filter(|l| *l != Lang::EnXa)
            .ok_or_else(|| env.invalid(&vars::DEFAULT_LOCALE, format!("{code:?} is not one of the portal's languages")))?,
        None => Lang::En,
    };
    let colors = match env.given(&vars::BRAND_COLOR) {
        None => None,
        Some(raw) => {
            let rgb = Rgb::parse(&raw).ok_or_else(|| env.invalid(&vars::BRAND_COLOR, format!("{raw:?} is not a hex colour")))?;
            Some(accent(rgb).map_err(|problem| env.invalid(&vars::BRAND_COLOR, problem))?)
        }
    };
    let link = |v: &vars::Var| -> Result<Option<Url>, ConfigError> {
        let Some(raw) = env.given(v) else { return Ok(None) };
        match Url::parse(&raw) {
            Ok(u) if matches!(u.scheme(), "https" | "mailto") => Ok(Some(u)),
            _ => Err(env.invalid(v, format!("{raw:?} is not an absolute https:// or mailto: address"))),
        }
    };
    let logo_hosts = HostAllowList::new(env.hosts(&vars::BRAND_LOGO_HOSTS)?.unwrap_or_default());
    Ok(BrandSettings {
        default_lang,
        name: app_name_given.then(|| app_name.to_owned()),
        logo: logo(env, &logo_hosts)?,
        colors,
        support_url: link(&vars::SUPPORT_URL)?,
        privacy_url: link(&vars::PRIVACY_URL)?,
        terms_url: link(&vars::TERMS_URL)?,
        intro: match env.given(&vars::BRAND_TEXT_FILE) {
            None => HashMap::new(),
            Some(path) => {
                let json = read_data(env, &vars::BRAND_TEXT_FILE, &path)?;
                per_language(&json).map_err(|p| env.invalid(&vars::BRAND_TEXT_FILE, p))?
            }
        },
        help: match env.given(&vars::INTEGRATION_HELP) {
            None => HashMap::new(),
            Some(path) => help(&read_data(env, &vars::INTEGRATION_HELP, &path)?)
                .map_err(|p| env.invalid(&vars::INTEGRATION_HELP, p))?,
        },
    })
}

fn logo(env: &Env, hosts: &HostAllowList) -> Result<Option<Logo>, ConfigError> {
    let Some(raw) = env.given(&vars::BRAND_LOGO) else { return Ok(None) };
    let v = &vars::BRAND_LOGO;
    let lower = raw.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let url = Url::parse(&raw).map_err(|_| env.invalid(v, format!("{raw:?} is not a URL")))?;
        let host = url.host_str().unwrap_or_default();
        if url.scheme() != "https" || !hosts.allows(host) {
            return Err(env.invalid(v, format!("{raw:?} is not https on a host listed in PLUGBOARD_BRAND_LOGO_HOSTS")));
        }
        return Ok(Some(Logo::Remote(url)));
    }
    let path = PathBuf::from(&raw);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let (content_type, extension) = match ext.as_str() {
        "svg" => ("image/svg+xml", "svg"),
        "png" => ("image/png", "png"),
        "jpg" | "jpeg" => ("image/jpeg", "jpg"),
        "webp" => ("image/webp", "webp"),
        _ => return Err(env.invalid(v, format!("{raw:?} is not .svg, .png, .jpg or .webp"))),
    };
    let bytes = std::fs::read(&path).map_err(|e| env.invalid(v, format!("{raw:?} cannot be read: {e}")))?;
    if bytes.len() > 512 * 1024 {
        return Err(env.invalid(v, format!("{raw:?} is larger than 512 KB")));
    }
    Ok(Some(Logo::File { bytes, content_type, extension }))
}

/// A JSON file, or TOML when its name ends in `.toml`.
fn read_data(env: &Env, v: &vars::Var, path: &str) -> Result<serde_json::Value, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| env.invalid(v, format!("{path:?} cannot be read: {e}")))?;
    if path.to_ascii_lowercase().ends_with(".toml") {
        toml::from_str(&text).map_err(|e| env.invalid(v, format!("{path:?} is not TOML: {e}")))
    } else {
        serde_json::from_str(&text).map_err(|e| env.invalid(v, format!("{path:?} is not JSON: {e}")))
    }
}

/// `{"en": "...", "de": "..."}`: every key one of the languages, every value text of at most 500 characters.
fn per_language(json: &serde_json::Value) -> Result<HashMap<Lang, String>, String> {
    let obj = json.as_object().ok_or("expected an object keyed by language code")?;
    let mut out = HashMap::new();
    for (code, text) in obj {
        let lang = Lang::parse(code).filter(|l| *l != Lang::EnXa).ok_or(format!("{code:?} is not one of the portal's languages"))?;
        let text = text.as_str().map(str::trim).filter(|t| !t.is_empty() && t.chars().count() <= 500);
        let text = text.ok_or(format!("{code:?}: expected text of 1 to 500 characters"))?;
        out.insert(lang, text.to_owned());
    }
    Ok(out)
}

/// `{"<customerIntegrationId>": {"url": "https://...", "text": {"en": "...", "de": "..."}}}`.
fn help(json: &serde_json::Value) -> Result<HashMap<String, Help>, String> {
    let obj = json.as_object().ok_or("expected an object keyed by customerIntegrationId")?;
    let mut out = HashMap::new();
    for (id, entry) in obj {
        let url = match entry.get("url").and_then(|u| u.as_str()) {
            None => None,
            Some(raw) => match Url::parse(raw) {
                Ok(u) if u.scheme() == "https" => Some(u),
                _ => return Err(format!("{id}: url {raw:?} is not an absolute https:// URL")),
            },
        };
        let text = match entry.get("text") {
            None => HashMap::new(),
            Some(t) => per_language(t).map_err(|p| format!("{id}: text: {p}"))?,
        };
        if url.is_none() && text.is_empty() {
            return Err(format!("{id}: give a url, a text, or both"));
        }
        out.insert(id.clone(), Help { url, text });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag() {
        assert!((WHITE.contrast(Rgb(0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(WHITE) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("#1849C6"), Some(Rgb(0x18, 0x49, 0xc6)));
        assert_eq!(Rgb::parse("0af"), Some(Rgb(0x00, 0xaa, 0xff)));
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn an_accent_passes_or_names_the_pair() {
        let a = accent(Rgb(0x18, 0x49, 0xc6)).expect("plugboard's own blue passes");
        assert_eq!(a.light.label, WHITE);
        assert!(a.dark.accent.contrast(Rgb(0x0f, 0x12, 0x18)) >= 4.5);
        assert_eq!(a.dark.label, NEAR_BLACK);
        let yellow = accent(Rgb(0xff, 0xcc, 0x00)).unwrap_err();
        assert!(yellow.contains("#ffcc00 as link text on the page background") && yellow.contains(":1"), "{yellow}");
        // Dark enough for text, and its label: near-black cannot reach 4.5:1 on it, white can.
        let text: serde_json::Value = toml::from_str("en = \"Hello\"\nde = \"Hallo\"\n").unwrap();
        let intro = per_language(&text).unwrap();
        assert_eq!(intro.get(&Lang::De).map(String::as_str), Some("Hallo"), "TOML reads as JSON does");
        assert!(per_language(&serde_json::json!({"xx": "?"})).unwrap_err().contains("\"xx\""));
        let help_json = serde_json::json!({"ci_1": {"url": "http://plain.example/help"}});
        assert!(help(&help_json).unwrap_err().contains("https"), "help pages are https");
        let teal = accent(Rgb(0x00, 0x6d, 0x77)).unwrap();
        assert_eq!(teal.light.label, WHITE);
        assert!(teal.stylesheet().contains("--accent:#006d77"));
    }
}
