import { test, expect, type Page } from "@playwright/test";
import { RECEIVER_ADDR, type Arrived } from "../receiver";
import { card, continueWithLink, expectNoViolationsLightAndDark, sandbox, signInAdmin, uniqueUser, userConnectsSlack, startConnect } from "./helpers";

/** Waits for a webhook of `type` about `user` at the host's receiver (which verified it with standardwebhooks). */
async function webhook(user: string, type: string): Promise<Arrived> {
  let found: Arrived | undefined;
  await expect
    .poll(
      async () => {
        const all: Arrived[] = await (await fetch(`http://${RECEIVER_ADDR}/received`)).json();
        found = all.find((a) => a.path === "/hooks" && a.verified && a.body?.type === type && a.body?.data?.user?.id === user);
        return found !== undefined;
      },
      { timeout: 15_000, message: `${type} for ${user}` },
    )
    .toBe(true);
  return found!;
}

async function checkNow(admin: Page, user: string) {
  await signInAdmin(admin);
  await admin.getByLabel("User id contains").fill(user);
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.getByRole("link", { name: user, exact: true }).click();
  await admin.getByRole("button", { name: "Check now" }).click();
  await expect(admin.locator(".banner.ok")).toHaveText("Checked just now with the API.");
}

test("a host hears created, lost (with a reconnect link) and recovered, signed and verified", async ({ browser }) => {
  const user = uniqueUser("hooks");
  const portal = await (await browser.newContext()).newPage();
  await userConnectsSlack(portal, user);
  const created = await webhook(user, "connection.created");
  expect(created.body.data.integration).toEqual({ id: "ci_01_slack", name: "Slack" });
  expect(created.body.data.state).toBe("connected");

  // Revoked at the provider; an admin's Check now sees it.
  await sandbox("POST", "/_sandbox/users", { customerIntegrationId: "ci_01_slack", userId: user, active: false });
  await checkNow(await (await browser.newContext()).newPage(), user);
  const lost = await webhook(user, "connection.lost");
  expect(lost.body.data.state).toBe("needs_reconnect");
  const reconnect: string = lost.body.data.reconnectUrl;
  expect(reconnect).toMatch(/\/link\/v2\./);

  // The host emails the link; it opens a portal with only Slack, and reconnecting is heard.
  const again = await (await browser.newContext()).newPage();
  await continueWithLink(again, reconnect);
  await again.waitForLoadState("load");
  await expect(again.locator("li.card")).toHaveCount(1);
  await expect(card(again, "Slack")).toBeVisible();
  await startConnect(again, "Slack", "Reconnect");
  await again.getByRole("button", { name: "Authorize" }).click();
  await expect(again.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  const recovered = await webhook(user, "connection.recovered");
  expect(recovered.body.data.sequence).toBeGreaterThan(lost.body.data.sequence);

  // The console lists the deliveries, filterable by status, each with a Resend button.
  const admin = await (await browser.newContext()).newPage();
  await signInAdmin(admin);
  await admin.getByRole("link", { name: "Webhooks" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  // The deliveries to PLUGBOARD_WEBHOOK_URL ("default"; endpoints made in the console have their own rows).
  const rows = admin.locator("table.webhooks tbody tr", { hasText: user }).filter({ has: admin.getByText("default", { exact: true }) });
  await expect(rows).toHaveCount(3);
  await admin.getByLabel("Status").selectOption("delivered");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/status=delivered/);
  await expect(rows.first()).toContainText("delivered");
  await expectNoViolationsLightAndDark(admin, "webhooks page");
  await rows.first().getByRole("button", { name: "Resend" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Queued to be sent again now." })).toBeVisible();
});
