import { test, expect, type Page } from "@playwright/test";
import { RECEIVER_ADDR, PORTAL, API_TOKEN, type Arrived } from "../receiver";
import { expectNoViolationsLightAndDark, signInAdmin, signInWithLink, startConnect, uniqueUser } from "./helpers";

// What a host's engineers set up in the console: two webhook endpoints with different filters, each receiving exactly
// its events signed with its own secret; and an API token that carries only the scopes it was given.
const HOOKS = `http://${RECEIVER_ADDR}`;

async function addEndpoint(admin: Page, path: string, types: string[]): Promise<string> {
  await admin.goto("/admin/endpoints");
  await admin.getByLabel("URL").fill(`${HOOKS}${path}`);
  for (const t of types) await admin.getByLabel(t, { exact: true }).check();
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await admin.locator("[data-secret]").getAttribute("data-secret"))!;
  expect(secret).toMatch(/^whsec_/);
  // The receiver (the host) is given the secret, as an engineer pastes it into their configuration.
  const told = await fetch(`${HOOKS}/_secret?path=${encodeURIComponent(path)}`, { method: "POST", body: secret });
  expect(told.status).toBe(204);
  return secret;
}

async function arrivedAt(path: string, user: string): Promise<Arrived[]> {
  const all: Arrived[] = await (await fetch(`${HOOKS}/received`)).json();
  return all.filter((a) => a.path === path && (a.body?.data?.user?.id === user || !a.verified));
}

test("two endpoints with different filters each receive exactly their events, verified with their own secret", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAdmin(admin);
  const a = `/hooks/a-${Date.now()}`;
  const b = `/hooks/b-${Date.now()}`;
  const secretA = await addEndpoint(admin, a, ["connection.created"]);
  const secretB = await addEndpoint(admin, b, ["connection.lost", "connect.failed"]);
  expect(secretA).not.toBe(secretB);
  await admin.goto("/admin/endpoints");
  await expect(admin.locator("[data-secret]")).toHaveCount(0); // shown once
  await expectNoViolationsLightAndDark(admin, "webhook endpoints");

  const user = uniqueUser("endpoints");
  const portal = await (await browser.newContext()).newPage();
  await signInWithLink(portal, user);
  await startConnect(portal, "Slack");
  await portal.getByRole("button", { name: "Authorize" }).click();
  await expect(portal.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  await portal.goto("/");
  await startConnect(portal, "GitHub");
  await portal.getByRole("button", { name: "Deny" }).click();
  await expect(portal.getByRole("heading", { level: 1 })).toContainText("GitHub");

  await expect.poll(async () => (await arrivedAt(a, user)).map((x) => [x.verified, x.body?.type]), { timeout: 15_000 })
    .toEqual([[true, "connection.created"]]);
  await expect.poll(async () => (await arrivedAt(b, user)).map((x) => [x.verified, x.body?.type]), { timeout: 15_000 })
    .toEqual([[true, "connect.failed"]]);
  // Each endpoint's page shows its own deliveries.
  await admin.goto("/admin/endpoints");
  await expect(admin.locator(`li[data-endpoint]`).filter({ hasText: a }).locator("[data-rate]")).toContainText("100% delivered");
  // Deleted: gone from the page (and nothing more is sent to them).
  for (const path of [a, b]) {
    await admin.locator("li[data-endpoint]").filter({ hasText: path }).getByRole("button", { name: "Delete" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Deleted" })).toBeVisible();
    await expect(admin.locator("li[data-endpoint]").filter({ hasText: path })).toHaveCount(0);
  }
});

test("a token made without users:delete cannot erase, and says which scope it lacks", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAdmin(admin);
  await admin.goto("/admin/tokens");
  await admin.getByLabel("Name").fill("links only");
  await admin.getByLabel("links:write").check();
  await admin.getByRole("button", { name: "Make token" }).click();
  const token = (await admin.locator("[data-token]").getAttribute("data-token"))!;
  expect(token).toMatch(/^pbt_/);
  await expectNoViolationsLightAndDark(admin, "API tokens");

  const user = uniqueUser("scoped");
  const minted = await fetch(`${PORTAL}/api/v1/links`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ userId: user }),
  });
  expect(minted.status).toBe(201);
  const erase = await fetch(`${PORTAL}/api/v1/users/${user}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
  expect(erase.status).toBe(403);
  expect(await erase.json()).toMatchObject({ error: "insufficient_scope", scope: "users:delete" });
  // Still there: the bootstrap token reads the user.
  const read = await fetch(`${PORTAL}/api/v1/users/${user}/connections`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
  expect(read.status).toBe(200);
  await admin.reload();
  await expect(admin.locator("tr[data-token-id]").filter({ hasText: "links only" }).first()).toContainText("links:write");
});
