import { test, expect } from "@playwright/test";
import { signInAs, uniqueUser } from "./helpers";

test("the portal lists the sandbox's active integrations with logos and auth types", async ({ page }) => {
  await signInAs(page, uniqueUser("smoke"));
  await expect(page.locator("header.site .badge.sandbox")).toHaveText("Sandbox");

  const cards = page.locator("ul.cards > li.card");
  await expect(page.locator("#no-match")).toBeAttached(); // rendered after the last card: the list is complete
  const names = await cards.locator("h2").allTextContents();
  for (const name of ["Slack", "GitHub", "Notion", "Amazon S3", "BigQuery", "Open-Meteo"]) {
    expect(names).toContain(name);
  }
  expect(names, "the inactive integration is not listed").not.toContain("Jira");

  // Every auth type is shown in words.
  for (const label of ["OAuth", "API token", "AWS role", "Google service account", "No sign-in needed"]) {
    await expect(cards.locator(".auth", { hasText: label }).first()).toBeVisible();
  }

  // Every logo actually loaded (from the sandbox's own host name).
  const logos = cards.locator(".logo img");
  await expect(logos).toHaveCount(names.length);
  for (const img of await logos.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await img.getAttribute("src")).toMatch(/^http:\/\/localhost:\d+\/logos\//);
  }
  // Every card shows a state, never a blank.
  await expect(cards.locator(".state")).toHaveCount(names.length);
  await expect(cards.locator(".state", { hasText: "Not connected" })).toHaveCount(names.length);
});
