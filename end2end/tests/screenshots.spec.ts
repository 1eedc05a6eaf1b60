import { test, expect } from "@playwright/test";
import { card, signInWithLink, startConnect, uniqueUser } from "./helpers";

// The README's screenshots. Only with SCREENSHOTS=1 (`npm run screenshots` against a running portal).
test.skip(!process.env.SCREENSHOTS, "screenshots are taken on request");

const dir = `${__dirname}/../screenshots`;

test("README screenshots", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await page.screenshot({ path: `${dir}/sign-in.png` });

  await signInWithLink(page, uniqueUser("readme"));
  await startConnect(page, "Slack");
  await page.screenshot({ path: `${dir}/sandbox-authorize.png` });
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  await page.screenshot({ path: `${dir}/callback-connected.png` });

  await page.goto("/");
  await startConnect(page, "GitHub");
  await page.getByRole("button", { name: "Deny" }).click();
  await page.screenshot({ path: `${dir}/callback-not-connected.png` });

  await page.goto("/");
  await expect(card(page, "Slack").locator(".state")).toContainText("Connected since");
  await page.screenshot({ path: `${dir}/portal.png`, fullPage: true });

  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 420, height: 900 });
  await page.reload();
  await page.screenshot({ path: `${dir}/portal-dark-phone.png` });
});
