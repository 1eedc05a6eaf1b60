import { test, expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import {
  continueWithLink,
  card,
  expectNoViolationsLightAndDark,
  ADMIN_PASSWORD,
  signInAdmin,
  uniqueUser,
  userConnectsSlack,
} from "./helpers";

/** The matrix row of `user` and the index of the column headed `name`. */
async function matrixCell(page: Page, user: string, name: string) {
  const headers = await page.locator("table.matrix thead th").allTextContents();
  const column = headers.indexOf(name);
  expect(column, `column ${name} in ${headers.join(", ")}`).toBeGreaterThan(1);
  const row = page.locator("table.matrix tbody tr", { has: page.getByRole("rowheader", { name: user, exact: true }) });
  return row.locator("td, th").nth(column);
}

test("an admin signs in and sees a connection made through the portal a moment before", async ({ browser }) => {
  const user = uniqueUser("admin-sees");
  const portal = await (await browser.newContext()).newPage();
  await userConnectsSlack(portal, user);

  // The end user's session is refused by the console.
  const refused = await portal.goto("/admin");
  expect(refused?.status()).toBe(403);
  await expect(portal.getByRole("heading", { level: 1, name: "Admins only" })).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await expect(admin.getByRole("heading", { level: 1, name: "Admin sign-in" })).toBeVisible();
  await expectNoViolationsLightAndDark(admin, "admin sign-in");
  await admin.getByLabel("Password").fill("not the password");
  await admin.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(admin.getByRole("alert")).toHaveText("That password is not right.");
  await admin.getByLabel("Password").fill(ADMIN_PASSWORD);
  await admin.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  // The most recently seen user is on the first page, connected to Slack.
  await expect(await matrixCell(admin, user, "Slack")).toHaveText("Connected");
  await expectNoViolationsLightAndDark(admin, "connections matrix");
});

test("matrix filters live in the URL, survive a reload, and export what they show", async ({ browser }) => {
  const user = uniqueUser("filtered");
  const other = uniqueUser("filtered-other");
  const portal = await (await browser.newContext()).newPage();
  await userConnectsSlack(portal, user);
  const otherPortal = await (await browser.newContext()).newPage();
  await userConnectsSlack(otherPortal, other);

  const admin = await (await browser.newContext()).newPage();
  await signInAdmin(admin);
  await admin.getByLabel("User id contains").fill(user);
  await admin.getByLabel("Integration", { exact: true }).selectOption({ label: "Slack" });
  await admin.getByLabel("State", { exact: true }).selectOption({ label: "Connected" });
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/[?&]state=connected/);
  const url = new URL(admin.url());
  expect(url.searchParams.get("q")).toBe(user);
  expect(url.searchParams.get("integration")).toBe("ci_01_slack");

  const check = async () => {
    await expect(admin.locator("table.matrix").getByRole("rowheader")).toHaveText([user]);
    await expect(admin.locator("table.matrix thead th")).toHaveText(["User", "Last seen", "Slack"]);
    await expect(admin.getByLabel("User id contains")).toHaveValue(user);
    await expect(admin.getByLabel("State", { exact: true })).toHaveValue("connected");
    await expect(admin.locator("#matrix-summary")).toContainText("1 of");
  };
  await check();
  await admin.reload();
  await check();
  // The bookmarked URL works in another signed-in browser too.
  const colleague = await (await browser.newContext()).newPage();
  await signInAdmin(colleague);
  await colleague.goto(admin.url());
  await expect(colleague.locator("table.matrix").getByRole("rowheader")).toHaveText([user]);

  // The export follows the filters.
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^connections-\d{8}-\d{4}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").trim().split("\r\n");
  expect(csv[0]).toBe("user_id,display_name,email,organization_id,organization_name,tags,first_seen,last_seen,Slack,Slack checked at");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(new RegExp(`^${user},.*,connected,`));

  await admin.getByRole("link", { name: "Clear filters" }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByRole("rowheader", { name: other, exact: true })).toBeVisible();
});

test("a user's page shows their new connection, checks it live, and mints a link that signs a fresh browser in", async ({
  browser,
}) => {
  const user = uniqueUser("user-page");
  const portal = await (await browser.newContext()).newPage();
  await userConnectsSlack(portal, user);

  const admin = await (await browser.newContext()).newPage();
  await signInAdmin(admin);
  await admin.getByLabel("User id contains").fill(user);
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.getByRole("link", { name: user, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: user })).toBeVisible();
  expect(admin.url(), "the URL carries an opaque reference, not the user id").not.toContain(user);
  const slack = admin.locator("table.states tr", { has: admin.getByRole("rowheader", { name: "Slack" }) });
  await expect(slack.locator(".state")).toHaveText("Connected");
  const history = admin.getByRole("region", { name: "History of this user" });
  await expect(history).toContainText("Returned from authorization");
  await expect(history).toContainText("Connect started");
  await expect(history).toContainText("Link used");

  await admin.getByRole("button", { name: "Check now" }).click();
  await expect(admin.locator(".banner.ok")).toHaveText("Checked just now with the API.");
  await expect(slack.locator(".state")).toHaveText("Connected");
  await expectNoViolationsLightAndDark(admin, "user page");

  await admin.getByLabel("The link works once, for").selectOption({ label: "15 minutes" });
  await admin.getByRole("button", { name: "Create link" }).click();
  await expect(admin.getByRole("heading", { name: "Portal link created" })).toBeVisible();
  const link = await admin.getByLabel("Send this link to the user. It works once.").inputValue();
  expect(link).toMatch(/\/link\/v2\./);
  await expectNoViolationsLightAndDark(admin, "user page with a new link");

  const fresh = await (await browser.newContext()).newPage();
  await continueWithLink(fresh, link);
  await fresh.waitForLoadState("load");
  await expect(card(fresh, "Slack").locator(".state")).toContainText("Connected since");

  // The event log, filtered by user and by kind, shows the admin's actions.
  await admin.getByRole("link", { name: "Events" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await admin.getByLabel("User id", { exact: true }).fill(user);
  await admin.getByLabel("What", { exact: true }).selectOption({ label: "Checked by an admin" });
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/kind=admin_checked/);
  const rows = admin.getByRole("region", { name: "Events", exact: true }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Checked by an admin");
  await expectNoViolationsLightAndDark(admin, "events page");
  await admin.reload();
  await expect(rows).toHaveCount(1);
  await expect(admin.getByLabel("User id", { exact: true })).toHaveValue(user);
});
