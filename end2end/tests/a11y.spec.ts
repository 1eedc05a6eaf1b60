import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signInWithLink, startConnect, uniqueUser } from "./helpers";

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${what}: axe violations`).toEqual([]);
}

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
