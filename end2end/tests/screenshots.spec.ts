import { test, expect } from "@playwright/test";
import { card, mintLink, signInAdmin, signInWithLink, startConnect, uniqueUser } from "./helpers";

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

test("README screenshots of the admin console", async ({ browser }) => {
  const user = uniqueUser("readme-admin");
  const portal = await (await browser.newContext()).newPage();
  await signInWithLink(portal, user);
  await startConnect(portal, "Slack");
  await portal.getByRole("button", { name: "Authorize" }).click();
  await expect(portal.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await signInAdmin(page);
  await page.screenshot({ path: `${dir}/admin-matrix.png` });
  await page.goto("/admin?integration=ci_01_slack&state=needs_reconnect");
  await page.screenshot({ path: `${dir}/admin-filtered.png` });
  await page.goto(`/admin?q=${encodeURIComponent(user)}`);
  await page.getByRole("link", { name: user, exact: true }).click();
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByRole("heading", { name: "Portal link created" })).toBeVisible();
  await page.screenshot({ path: `${dir}/admin-user.png`, fullPage: true });
  await page.goto("/admin/events");
  await page.screenshot({ path: `${dir}/admin-events.png` });
  await page.goto("/admin/webhooks");
  await page.screenshot({ path: `${dir}/admin-webhooks.png` });
  await page.goto("/admin/funnel");
  await page.screenshot({ path: `${dir}/admin-funnel.png`, fullPage: true, clip: { x: 0, y: 0, width: 1440, height: 1500 } });
  // The sandbox's webhook inbox (run with PLUGBOARD_SANDBOX_ADDR=127.0.0.1:3001).
  const inbox = `http://localhost:${(process.env.PLUGBOARD_SANDBOX_ADDR ?? "127.0.0.1:3001").split(":")[1]}/_sandbox/webhooks`;
  await page.goto(inbox);
  await page.screenshot({ path: `${dir}/sandbox-webhooks.png` });
});

test("README screenshots in German, Japanese and Arabic", async ({ browser }) => {
  for (const lang of ["de", "ja", "ar"]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${mintLink(uniqueUser(`readme-${lang}`))}?lang=${lang}`);
    await page.locator("[data-landing=ready] form button").click();
    await expect(page.locator("li.card").first()).toBeVisible();
    await card(page, "GitHub").locator("form.connect button").click();
    await page.waitForURL(/\/authorize\//);
    await page.getByRole("button", { name: "Authorize" }).click();
    await expect(page.locator("[data-outcome=connected]")).toBeVisible();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(card(page, "GitHub").locator(".state-connected")).toBeVisible();
    await page.screenshot({ path: `${dir}/portal-${lang}.png` });
    await context.close();
  }
});

test("README screenshots of the deep link and the host API's console pages", async ({ browser }) => {
  const host = `http://${process.env.E2E_WEBHOOK_ADDR ?? "127.0.0.1:3102"}`;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const user = uniqueUser("readme-deep");
  await page.goto(`${host}/host/settings?user=${user}`);
  await page.getByRole("button", { name: "Connect Slack" }).click();
  await expect(page.locator("[data-landing=deep]")).toBeVisible();
  await page.screenshot({ path: `${dir}/deep-link.png` });
  await page.getByRole("button", { name: "Connect Slack" }).click();
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.goto(`${host}/host/settings?user=${user}`);
  await page.getByRole("button", { name: "Connect Slack" }).click();
  await expect(page.locator("[data-landing=deep]")).toHaveAttribute("data-connected", "true");
  await page.screenshot({ path: `${dir}/deep-link-connected.png` });

  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAdmin(admin);
  await admin.goto("/admin/endpoints");
  await admin.getByLabel("URL").fill(`${host}/hooks/readme`);
  await admin.getByLabel("connection.lost", { exact: true }).check();
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await admin.screenshot({ path: `${dir}/admin-endpoints.png`, fullPage: true });
  await admin.goto("/admin/tokens");
  await admin.getByLabel("Name").fill("billing backend");
  await admin.getByLabel("links:write").check();
  await admin.getByLabel("users:read").check();
  await admin.getByRole("button", { name: "Make token" }).click();
  await admin.screenshot({ path: `${dir}/admin-tokens.png`, fullPage: true });
});
