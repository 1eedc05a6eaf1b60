import { expect, type Page, type Locator } from "@playwright/test";
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

/** Signs in through a portal link; the token leaves the address bar. */
export async function signInWithLink(page: Page, userId: string) {
  await page.goto(mintLink(userId));
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
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
