import { test, expect, type Page } from "@playwright/test";
import { expectNoViolationsLightAndDark } from "./helpers";

/** From the console's sign-in page through the OpenID provider's own sign-in page (any password works there). */
async function signInWithProvider(page: Page, login: string) {
  await page.goto("/admin");
  await page.getByRole("button", { name: "Sign in with localhost" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("an admin signs in with single sign-on, and the log names them", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInWithProvider(page, "ann@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await page.goto("/admin/events?actor=ann%40example.com");
  await expect(page.locator('tr[data-kind="admin_signed_in"][data-actor="ann@example.com"]').first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Actor" })).toBeVisible();
});

test("a refused account and a cancelled sign-in each get a clear page, with no axe violations", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInWithProvider(page, "eve@other.example.com");
  await expect(page).toHaveURL(/\/admin\?sso=refused$/);
  await expect(page.getByRole("heading", { level: 1, name: "This account may not use the console" })).toBeVisible();
  await expectNoViolationsLightAndDark(page, "refused account");

  const other = await (await browser.newContext()).newPage();
  await other.goto("/admin");
  await other.getByRole("button", { name: "Sign in with localhost" }).click();
  await other.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(other).toHaveURL(/\/admin\?sso=cancelled$/);
  await expect(other.getByRole("heading", { level: 1, name: "Sign-in cancelled" })).toBeVisible();
});

test("a viewer reads the funnel but cannot export", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInWithProvider(page, "vic@viewers.example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await page.goto("/admin/funnel");
  await expect(page.getByRole("heading", { level: 1, name: "Funnel" })).toBeVisible();
  const csv = await page.request.get("/admin/funnel.csv");
  expect(csv.status()).toBe(403);
});
