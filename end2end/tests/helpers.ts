import { expect, type Page, type Locator } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const SANDBOX = `http://${process.env.PLUGBOARD_SANDBOX_ADDR ?? "127.0.0.1:3101"}`;
const SANDBOX_KEY = process.env.PLUGBOARD_SANDBOX_API_KEY ?? "e2e-sandbox-key";

/** A fresh one-time portal link from the operator CLI (`plugboard link`), as the README shows. */
export function mintLink(userId: string, ttlSeconds?: number): string {
  const args = ["link", userId, ...(ttlSeconds ? ["--ttl", String(ttlSeconds)] : [])];
  return execFileSync(path.join(root, "target/debug/plugboard"), args, { cwd: root, env: process.env, encoding: "utf8" }).trim();
}

/** Opens a portal link and presses its one button (the landing page only looks; the button signs in). */
export async function continueWithLink(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: /^(Continue as|Switch to) / }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
}

/** Signs in through a portal link; the token leaves the address bar. */
export async function signInWithLink(page: Page, userId: string) {
  await continueWithLink(page, mintLink(userId));
  expect(new URL(page.url()).pathname).toBe("/");
  // The page streams its cards in: wait for the whole document before reading the list.
  await page.waitForLoadState("load");
}

/** Signs in through the sandbox's "continue as" form. */
export async function signInAs(page: Page, userId: string) {
  await page.goto("/");
  await page.getByLabel("User id").fill(userId);
  await page.getByRole("button", { name: "Continue as this user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await page.waitForLoadState("load");
}

/** A user id unique to this test run, so tests never see each other's connections. */
export function uniqueUser(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function card(page: Page, name: string): Locator {
  return page.locator("li.card", { has: page.getByRole("heading", { level: 2, name, exact: true }) });
}

/** The sandbox's control API (faults, revoking), guarded by its key. */
export async function sandbox(method: string, pathname: string, body?: unknown) {
  const res = await fetch(SANDBOX + pathname, {
    method,
    headers: { "x-api-key": SANDBOX_KEY, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${pathname}: ${res.status} ${await res.text()}`);
}

export async function resetFaults() {
  await sandbox("DELETE", "/_sandbox/faults");
}

/** Presses Connect (or Reconnect) on a card and lands on the sandbox's authorize page. */
export async function startConnect(page: Page, name: string, action: "Connect" | "Reconnect" = "Connect") {
  await card(page, name).getByRole("button", { name: new RegExp(`^${action}`) }).click();
  await page.waitForURL(/\/authorize\//);
  expect(new URL(page.url()).hostname, "the authorize page is on another site").toBe("localhost");
}

export async function waitForIslands(page: Page) {
  await expect(page.locator("form.filters[data-hydrated]")).toHaveCount(1);
}

/** axe-core finds nothing on the page as it is now. */
export async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${what}: axe violations`).toEqual([]);
}

/** axe-core finds nothing in light and in dark mode. */
export async function expectNoViolationsLightAndDark(page: Page, what: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoViolations(page, `${what} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

export const ADMIN_PASSWORD = process.env.PLUGBOARD_ADMIN_PASSWORD ?? "e2e admin password";

/** Signs a page in to the admin console. */
export async function signInAdmin(page: Page) {
  await page.goto("/admin");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
}

/** A portal user (fresh browser context) who connects Slack through the sandbox's OAuth page. */
export async function userConnectsSlack(page: Page, user: string) {
  await signInWithLink(page, user);
  await startConnect(page, "Slack");
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
}
