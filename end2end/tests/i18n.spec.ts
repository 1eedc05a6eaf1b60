import { test, expect, type Page } from "@playwright/test";
import { card, expectNoViolations, mintLink, uniqueUser } from "./helpers";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

// Every language the portal speaks, as `?lang=` takes them.
const LANGS = ["en", "de", "fr", "es", "it", "nl", "pt-BR", "pl", "sv", "da", "nb", "fi", "cs", "tr", "ja", "ko", "zh-CN", "zh-TW", "ar", "he"];
const RTL = new Set(["ar", "he"]);
// Words that are the same in many languages by design (a product term), never a sign of untranslated English.
const SAME_EVERYWHERE = new Set(["OAuth", "Sandbox", "Reference:" /* Danish writes it so too */]);

/** The page's own words: its title, visible text nodes, the options of its menus, and the words it keeps in
 *  attributes (titles, labels, placeholders, the islands' data-* words); without names from the API or the host
 *  (`translate="no"`, the integrations' names and descriptions), codes, and the language menu's native names. Each
 *  text is taken whole and also word by word, so an English phrase inside a translated sentence shows. */
async function ownWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = "[translate=no], .card h2, .card .description, code, script, style, .lang-menu ul";
    const out: string[] = [document.title.replace(/ · .*$/, "")];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const el = node.parentElement;
      if (!el || el.closest(skip)) continue;
      const shown = el.getClientRects().length > 0 || el.closest("option, .visually-hidden") !== null;
      if (shown) out.push(node.textContent ?? "");
    }
    const attrs = ["title", "aria-label", "placeholder", "data-pending", "data-all", "data-some", "data-none"];
    for (const el of document.querySelectorAll(attrs.map((a) => `[${a}]`).join(","))) {
      if (el.closest(skip)) continue;
      for (const a of attrs) if (el.hasAttribute(a)) out.push(el.getAttribute(a) ?? "");
    }
    return out.map((t) => t.replace(/[\u2068\u2069]/g, "").trim()).filter((t) => /\p{L}{3}/u.test(t));
  });
}

/** English phrases: each text, and each run of three or more words of it. */
function phrases(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    out.add(t);
    const words = t.split(/\s+/).filter(Boolean);
    for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(" "));
  }
  return out;
}

/** What of `texts` is English: a whole text, or three words in a row, found in the English page. */
function englishIn(texts: string[], english: Set<string>): string[] {
  return texts.filter((t) => {
    if (SAME_EVERYWHERE.has(t)) return false;
    if (english.has(t)) return true;
    const words = t.split(/\s+/).filter(Boolean);
    for (let i = 0; i + 3 <= words.length; i++) if (english.has(words.slice(i, i + 3).join(" "))) return true;
    return false;
  });
}

/** Through a link in `lang`: the landing page, the integrations page, Connect and Authorize, the callback. */
async function visit(page: Page, lang: string, each: (what: string) => Promise<void>) {
  await page.goto(`${mintLink(uniqueUser(`i18n-${lang}`))}?lang=${lang}`);
  await expect(page.locator("[data-landing=ready]")).toBeVisible();
  await each("landing");
  await page.locator("[data-landing=ready] form button").click();
  await expect(page.locator("li.card").first()).toBeVisible();
  await page.waitForLoadState("load");
  await each("integrations");
  await card(page, "Slack").locator("form.connect button").click();
  await page.waitForURL(/\/authorize\//);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.locator("[data-outcome=connected]")).toBeVisible();
  await each("callback");
  // Refusal and error pages: a return link we never issued, an address with nothing at it.
  await page.goto("/callback/unknown");
  await expect(page.locator("[data-reason=unknown]")).toBeVisible();
  await each("refused");
  await page.goto("/no-such-page");
  await each("not found");
}

let english: Record<string, Set<string>> | undefined;

async function englishWords(page: Page) {
  if (!english) {
    const words: Record<string, Set<string>> = {};
    await visit(page, "en", async (what) => {
      words[what] = phrases(await ownWords(page));
    });
    english = words;
  }
  return english;
}

for (const lang of LANGS) {
  test(`${lang}: lang and dir right, no English left, no axe violations in light and dark`, async ({ page, context }) => {
    test.setTimeout(90_000);
    const reference = lang === "en" ? undefined : await englishWords(page);
    await context.clearCookies();
    await visit(page, lang, async (what) => {
      const html = page.locator("html");
      await expect(html, what).toHaveAttribute("lang", lang);
      await expect(html, what).toHaveAttribute("dir", RTL.has(lang) ? "rtl" : "ltr");
      if (reference) {
        const left = englishIn(await ownWords(page), reference[what]);
        expect(left, `${lang} ${what}: English words left`).toEqual([]);
      }
      if (RTL.has(lang)) {
        // Mirrored: the brand starts at the right, the sign-out (or the page's end) at the left.
        const brand = await page.locator("header.site .brand").boundingBox();
        const width = page.viewportSize()?.width ?? 0;
        expect(brand && brand.x + brand.width > width / 2, `${lang} ${what}: the header starts at the right`).toBe(true);
        const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
        expect(direction).toBe("rtl");
        // Icons that point (the back arrow) turn round.
        if (what === "callback") expect(await page.locator(".dir-icon").count()).toBeGreaterThan(0);
        for (const icon of await page.locator(".dir-icon").all()) {
          expect(await icon.evaluate((el) => getComputedStyle(el).transform), `${lang} ${what}: the arrow is flipped`).toMatch(/^matrix\(-1,/);
        }
      }
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await expectNoViolations(page, `${lang} ${what} (${colorScheme})`);
      }
      await page.emulateMedia({ colorScheme: "light" });
    });
  });
}

test("the language follows ?lang=, then the cookie, then the link's locale, then Accept-Language", async ({ browser }) => {
  // JavaScript off: the menu is links.
  const context = await browser.newContext({ locale: "de-DE", javaScriptEnabled: false });
  const page = await context.newPage();
  // The link's locale (from the host) beats the browser's German.
  const link = execFileSync(path.join(root, "target/debug/plugboard"), ["link", uniqueUser("i18n-host"), "--locale", "ko"], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
  }).trim();
  await page.goto(link);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await page.goto("/?q=git&state=not_connected");
  await expect(page.locator("html"), "Accept-Language, nothing else said").toHaveAttribute("lang", "de");
  // The footer's menu: a link per language, the page's filters kept.
  await page.locator(".lang-menu summary").click();
  await page.locator('.lang-menu a[hreflang="ja"]').click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  const url = new URL(page.url());
  expect([url.searchParams.get("lang"), url.searchParams.get("q"), url.searchParams.get("state")]).toEqual(["ja", "git", "not_connected"]);
  await page.goto("/");
  await expect(page.locator("html"), "the cookie remembers ?lang=").toHaveAttribute("lang", "ja");
  await page.goto(link);
  await expect(page.locator("html"), "a choice made here beats the host's").toHaveAttribute("lang", "ja");
  await context.close();
});

test("the pseudo-locale fits: no text clipped or overflowing at 360 px and 1280 px", async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  // `?lang=en-XA` is never remembered; the cookie set by hand keeps it through the flow's redirects.
  await context.addCookies([{ name: "plugboard_lang", value: "en-XA", url: baseURL! }]);
  const fits = async (what: string) => {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const problems = await page.evaluate(clipped);
      expect(problems, `${what} at ${width} px`).toEqual([]);
    }
  };
  await page.goto("/?lang=en-XA");
  await fits("sign-in");
  await page.goto(`${mintLink(uniqueUser("pseudo"))}`);
  await fits("landing");
  await page.locator("[data-landing=ready] form button").click();
  await expect(page.locator("li.card").first()).toBeVisible();
  await page.waitForLoadState("load");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  await page.locator(".lang-menu summary").click();
  await fits("integrations, menu open");
  await card(page, "GitHub").locator("form.connect button").click();
  await page.waitForURL(/\/authorize\//);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.locator("[data-outcome=failed]")).toBeVisible();
  await fits("callback (not connected)");
  await page.goto("/callback/unknown");
  await fits("callback (refused)");
  await page.goto("/no-such-page");
  await fits("not found");
});

/** Text that leaves its box, is cut off by an ancestor that clips, or leaves the viewport; and sideways scrolling. */
function clipped(): string[] {
  const problems: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    const text = (node.textContent ?? "").trim();
    const el = node.parentElement;
    if (!text || !el || el.closest(".visually-hidden, .skip, script, style") || el.getClientRects().length === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const what = `"${text.slice(0, 40)}" in <${el.tagName.toLowerCase()} class="${el.className}">`;
    let box: HTMLElement | null = el;
    while (box && getComputedStyle(box).display === "inline") box = box.parentElement;
    if (box) {
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1) problems.push(`${what} overflows its box`);
    }
    if (r.left < -1 || r.right > root.clientWidth + 1) problems.push(`${what} leaves the viewport`);
    for (let a: HTMLElement | null = box; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const c = a.getBoundingClientRect();
      if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1) {
        problems.push(`${what} is clipped by <${a.tagName.toLowerCase()} class="${a.className}">`);
      }
    }
  }
  return problems;
}
