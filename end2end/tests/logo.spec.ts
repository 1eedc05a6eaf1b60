import { test, expect } from "@playwright/test";
import { card, signInWithLink, uniqueUser } from "./helpers";

test("a logo that fails to load leaves the monogram, not a broken image", async ({ page }) => {
  await page.route("**/logos/slack.svg", (route) => route.abort());
  await signInWithLink(page, uniqueUser("logo"));
  const logo = card(page, "Slack").locator(".logo");
  await expect(logo.locator(".monogram")).toHaveText("S");
  await expect(logo.locator(".monogram")).toBeVisible();
  const img = logo.locator("img");
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 0)).toBe(true);
  // The failed image takes no space over the monogram: an empty alt renders nothing.
  expect(await img.evaluate((el: HTMLImageElement) => el.alt)).toBe("");
  // A logo that loads covers its monogram.
  const github = card(page, "GitHub").locator(".logo img");
  expect(await github.evaluate((el: HTMLImageElement) => el.naturalWidth > 0)).toBe(true);
});
