import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signInWithLink, startConnect, uniqueUser } from "./helpers";

const PASSWORD = process.env.PLUGBOARD_ADMIN_PASSWORD ?? "e2e admin password";

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${what}: axe violations`).toEqual([]);
}

test("an admin signs in and sees a connection made through the portal a moment before", async ({ browser }) => {
  const user = uniqueUser("admin-sees");
  const portal = await (await browser.newContext()).newPage();
  await signInWithLink(portal, user);
  await startConnect(portal, "Slack");
  await portal.getByRole("button", { name: "Authorize" }).click();
  await expect(portal.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();

  // The end user's session is refused by the console.
  const refused = await portal.goto("/admin");
  expect(refused?.status()).toBe(403);
  await expect(portal.getByRole("heading", { level: 1, name: "Admins only" })).toBeVisible();

  for (const colorScheme of ["light", "dark"] as const) {
    const admin = await (await browser.newContext({ colorScheme })).newPage();
    await admin.goto("/admin");
    await expect(admin.getByRole("heading", { level: 1, name: "Admin sign-in" })).toBeVisible();
    await expectNoViolations(admin, `admin sign-in (${colorScheme})`);
    await admin.getByLabel("Password").fill("not the password");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect(admin.getByRole("alert")).toHaveText("That password is not right.");
    await admin.getByLabel("Password").fill(PASSWORD);
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    const row = admin.locator("tr", { has: admin.getByRole("rowheader", { name: user }) });
    const slackColumn = await admin.locator("thead th").allTextContents().then((h) => h.indexOf("Slack"));
    expect(slackColumn).toBeGreaterThan(1);
    await expect(row.locator("td, th").nth(slackColumn)).toHaveText("Connected");
    await expectNoViolations(admin, `admin console (${colorScheme})`);
  }
});
