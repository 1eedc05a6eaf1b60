import { test, expect } from "@playwright/test";
import { card, resetFaults, sandbox, signInWithLink, uniqueUser } from "./helpers";

test.afterEach(resetFaults);

test("500s on most state calls (after retries) show Unknown on those cards only", async ({ page }) => {
  // A new user: no last known states to fall back on.
  await sandbox("PUT", "/_sandbox/faults", { errorRate: 0.8, endpoints: ["user"] });
  await signInWithLink(page, uniqueUser("f500"));
  const unknown = await page.locator("li.card .state-unknown").count();
  const total = await page.locator("li.card").count();
  expect(unknown).toBeGreaterThan(0);
  expect(unknown).toBeLessThan(total);
  await expect(page.locator("li.card .state-not_connected").first()).toBeVisible();
});

test("a hanging state call is cut off and shown as Unknown", async ({ page }) => {
  await sandbox("PUT", "/_sandbox/faults", { hang: true, endpoints: ["user"] });
  const started = Date.now();
  await signInWithLink(page, uniqueUser("hang"));
  await expect(card(page, "Slack").locator(".state")).toHaveText("Unknown: could not check just now");
  expect(Date.now() - started).toBeLessThan(8000);
});

test("a failing state call shows the last known state with its age", async ({ page }) => {
  const user = uniqueUser("fallback");
  await signInWithLink(page, user);
  await expect(card(page, "Slack").locator(".state")).toHaveText("Not connected");
  // The page's states are written to the snapshot off the request path: wait until it holds Slack's (the host's
  // read API reads the snapshot), so the failing view below has a last known state to fall back on.
  const token = process.env.PLUGBOARD_API_TOKEN ?? "e2e-api-token-0123456789";
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/v1/users/${encodeURIComponent(user)}/connections`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = res.ok() ? await res.json() : { connections: [] };
      return body.connections.find((c: { customerIntegrationId: string }) => c.customerIntegrationId === "ci_01_slack")?.state;
    })
    .toBe("not_connected");
  await sandbox("PUT", "/_sandbox/faults", { errorRate: 1.0, endpoints: ["user"] });
  await page.goto("/");
  await expect(card(page, "Slack").locator(".state")).toHaveText(/^Not connected · checked (just now|1 min ago)$/);
});

test("a 401 from the API shows the banner with a retry, not an error page", async ({ page }) => {
  await signInWithLink(page, uniqueUser("f401"));
  await sandbox("PUT", "/_sandbox/faults", { unauthorized: true });
  await page.waitForTimeout(1100); // the e2e server caches the list for 1 s
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("alert")).toContainText("Integrations are temporarily unavailable");
  await resetFaults();
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(card(page, "Slack")).toBeVisible();
});
