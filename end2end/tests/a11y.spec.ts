import { test, expect } from "@playwright/test";
import { expectNoViolations, signInWithLink, startConnect, uniqueUser } from "./helpers";

for (const colorScheme of ["light", "dark"] as const) {
  test(`sign-in, portal and callback pages have no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    await expectNoViolations(page, "sign-in");

    await signInWithLink(page, uniqueUser(`a11y-${colorScheme}`));
    await expectNoViolations(page, "portal");

    await startConnect(page, "Slack");
    await page.getByRole("button", { name: "Authorize" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
    await expectNoViolations(page, "callback (connected)");

    await page.goto("/");
    await startConnect(page, "GitHub");
    await page.getByRole("button", { name: "Deny" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "GitHub was not connected" })).toBeVisible();
    await expectNoViolations(page, "callback (not connected)");

    await page.goto("/callback/unknown");
    await expectNoViolations(page, "callback (refused)");
  });
}
