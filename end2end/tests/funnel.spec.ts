import { test, expect } from "@playwright/test";
import { expectNoViolationsLightAndDark, signInAdmin, signInWithLink, startConnect, uniqueUser, userConnectsSlack } from "./helpers";

test("the funnel page shows a real flow's steps, drop-offs and health, with no axe violations in light and dark", async ({ browser }) => {
  // One user connects Slack; another denies GitHub at the provider.
  const portal = await (await browser.newContext()).newPage();
  await userConnectsSlack(portal, uniqueUser("funnel-ok"));
  const other = await (await browser.newContext()).newPage();
  await signInWithLink(other, uniqueUser("funnel-no"));
  await startConnect(other, "GitHub");
  await other.getByRole("button", { name: "Deny" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "GitHub was not connected" })).toBeVisible();

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAdmin(page);
  await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Funnel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Funnel" })).toBeVisible();
  const all = page.locator('figure[data-funnel=""]');
  const count = async (row: string) => Number((await all.locator(`tr[${row}] td`).first().innerText()).replace(/,/g, ""));
  expect(await count('data-step="verified"')).toBeGreaterThanOrEqual(1);
  expect(await count('data-drop-off="provider_error"')).toBeGreaterThanOrEqual(1);
  // Each chart is an image with a name, beside its data as a table.
  await expect(page.getByRole("img", { name: "All integrations: the connect funnel" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Outcomes of connect attempts per day/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "All integrations: steps and drop-offs" })).toBeVisible();
  // The window lives in the URL.
  await page.getByLabel("Window").selectOption("24h");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/window=24h/);
  await expect(page.getByRole("img", { name: /per hour/ }).first()).toBeVisible();
  await expectNoViolationsLightAndDark(page, "funnel");
});
