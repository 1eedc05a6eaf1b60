import { test, expect } from "@playwright/test";
import { card, signInWithLink, startConnect, uniqueUser, waitForIslands } from "./helpers";

async function visibleNames(page: import("@playwright/test").Page) {
  return page.locator("li.card:visible h2").allTextContents();
}

test("search and filters are instant with JavaScript and survive a reload", async ({ page }) => {
  await signInWithLink(page, uniqueUser("filter"));
  await startConnect(page, "Slack");
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.getByRole("link", { name: "Back to integrations" }).click();
  await waitForIslands(page);

  await page.evaluate(() => ((window as any).__noNavigation = true));
  await page.getByLabel("Search").fill("git");
  await expect.poll(() => visibleNames(page)).toEqual(["GitHub"]);
  await expect(page.locator(".filter-status")).toHaveText("Showing 1 of 11 integrations");
  expect(new URL(page.url()).search).toBe("?q=git");
  expect(await page.evaluate(() => (window as any).__noNavigation)).toBe(true);

  await page.getByLabel("Search").fill("");
  await page.getByLabel("State").selectOption("connected");
  await expect.poll(() => visibleNames(page)).toEqual(["Slack"]);
  await page.getByLabel("Sign-in type").selectOption("API_TOKEN");
  await expect.poll(() => visibleNames(page)).toEqual([]);
  await expect(page.locator("#no-match")).toBeVisible();

  await page.getByLabel("State").selectOption("");
  await page.reload();
  await expect.poll(() => visibleNames(page)).toEqual(["Linear", "Notion", "Stripe"]);
  await expect(page.getByLabel("Sign-in type")).toHaveValue("API_TOKEN");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form is applied by the server", async ({ page }) => {
    await signInWithLink(page, uniqueUser("filter-nojs"));
    await page.getByLabel("Search").fill("amazon");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\?q=amazon/);
    await expect.poll(() => visibleNames(page)).toEqual(["Amazon CloudWatch", "Amazon S3"]);
    await page.getByLabel("State").selectOption("connected");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => visibleNames(page)).toEqual([]);
    await expect(card(page, "Amazon S3")).toBeHidden();
  });
});
