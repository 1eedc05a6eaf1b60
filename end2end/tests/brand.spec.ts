import { test, expect } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import { card, expectNoViolations, uniqueUser } from "./helpers";

// A second portal with a host's brand, from configuration only (the same build): its own port, database and sandbox.
const root = path.resolve(__dirname, "../..");
const ADDR = process.env.E2E_BRAND_ADDR ?? "127.0.0.1:3103";
const BASE = `http://${ADDR}`;
const fixtures = path.join(root, "end2end/fixtures");
let server: ChildProcess | undefined;

const env = {
  ...process.env,
  RUST_LOG: "warn",
  LEPTOS_SITE_ADDR: ADDR,
  LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  LEPTOS_OUTPUT_NAME: "plugboard",
  PLUGBOARD_DATABASE_URL: "sqlite://target/e2e-brand.db?mode=rwc",
  PLUGBOARD_SANDBOX: "1",
  PLUGBOARD_SANDBOX_ADDR: "127.0.0.1:0",
  PLUGBOARD_WEBHOOK_URL: "",
  PLUGBOARD_DRAIN_SECONDS: "0",
  PLUGBOARD_APP_NAME: "Acme",
  PLUGBOARD_BRAND_COLOR: "#006d77",
  PLUGBOARD_BRAND_LOGO: path.join(fixtures, "acme-logo.svg"),
  PLUGBOARD_SUPPORT_URL: "https://help.acme.example/",
  PLUGBOARD_PRIVACY_URL: "https://acme.example/privacy",
  PLUGBOARD_TERMS_URL: "https://acme.example/terms",
  PLUGBOARD_BRAND_TEXT_FILE: path.join(fixtures, "brand-text.json"),
  PLUGBOARD_INTEGRATION_HELP: path.join(fixtures, "integration-help.json"),
  PLUGBOARD_DEFAULT_LOCALE: "de",
};

test.beforeAll(async () => {
  for (const f of ["target/e2e-brand.db", "target/e2e-brand.db-shm", "target/e2e-brand.db-wal"]) fs.rmSync(path.join(root, f), { force: true });
  server = spawn(path.join(root, "target/debug/plugboard"), [], { cwd: root, env, stdio: "inherit" });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the branded portal at ${BASE} did not start`);
});

/** WCAG 2.2 contrast of two sRGB colours. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) =>
    c.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test.afterAll(async () => {
  server?.kill("SIGTERM");
});

test("the host's brand: name, logo, accent colour, footer links, intro line and help, in the default language", async ({ browser }) => {
  // A browser that asks only for a language the portal does not speak: PLUGBOARD_DEFAULT_LOCALE (German) decides.
  const context = await browser.newContext({ baseURL: BASE, locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByLabel("Benutzer-ID").fill(uniqueUser("brand"));
  await page.locator("form.demo button").click();
  await expect(page.locator("li.card").first()).toBeVisible();
  await page.waitForLoadState("load");

  const logo = page.locator("header.site img.brand-logo");
  await expect(logo).toHaveAttribute("src", /^\/brand\/logo-[0-9a-f]{12}\.svg$/);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), "the logo loads under the CSP").toBe(true);
  await expect(page.locator("header.site .brand")).toContainText("Acme");
  await expect(page).toHaveTitle(/· Acme$/);

  // The accent drives primary buttons, their label colour, links and the focus ring.
  const button = card(page, "Slack").locator("form.connect button");
  expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(0, 109, 119)");
  expect(await button.evaluate((b) => getComputedStyle(b).color)).toBe("rgb(255, 255, 255)");
  await button.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  expect(await button.evaluate((b) => getComputedStyle(b).outlineColor)).toBe("rgb(0, 109, 119)");

  await expect(page.locator(".brand-intro")).toHaveText("Acme verbindet sich mit den Tools, die Ihr Team schon nutzt.");
  const help = card(page, "Slack").locator("[data-help]");
  await expect(help).toContainText("Sie müssen Admin des Slack-Workspace sein.");
  await expect(help.locator("a")).toHaveAttribute("href", "https://help.acme.example/slack");
  for (const [href, name] of [["https://help.acme.example/", "Hilfe"], ["https://acme.example/privacy", "Datenschutz"], ["https://acme.example/terms", "Nutzungsbedingungen"]]) {
    await expect(page.locator(`footer.site .footer-links a[href="${href}"]`)).toHaveText(new RegExp(name));
  }
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoViolations(page, `branded portal (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(dark, "dark mode derives its own tint").not.toBe("rgb(0, 109, 119)");
  const [r, g, b] = (dark.match(/\d+/g) ?? []).map(Number);
  expect(contrast([r, g, b], [0x0f, 0x12, 0x18]), `${dark} reads on the dark page`).toBeGreaterThanOrEqual(4.5);

  // A connection that did not work shows the integration's help.
  await page.emulateMedia({ colorScheme: "light" });
  await card(page, "GitHub").locator("form.connect button").click();
  await page.waitForURL(/\/authorize\//);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.locator("[data-outcome=failed]")).toBeVisible();
  await expect(page.locator("[data-outcome=failed] [data-help]")).toContainText("GitHub-Organisation");
  await context.close();
});
