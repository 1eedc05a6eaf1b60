import { test, expect } from "@playwright/test";
import { continueWithLink, card, mintLink, resetFaults, sandbox, signInWithLink, startConnect, uniqueUser } from "./helpers";

test.afterEach(resetFaults);

test("OAuth approve: callback says Connected and the card shows it", async ({ page }) => {
  await signInWithLink(page, uniqueUser("oauth"));
  await startConnect(page, "Slack");
  await expect(page.getByRole("heading", { name: "Slack wants to access your account" })).toBeVisible();
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  expect(new URL(page.url()).hostname).toBe("127.0.0.1");
  await page.getByRole("link", { name: "Back to integrations" }).click();
  await expect(card(page, "Slack").locator(".state")).toContainText("Connected since");
  await expect(card(page, "Slack").getByRole("button", { name: /^Reconnect/ })).toBeVisible();
});

test("OAuth deny: the callback says what happened and Try again starts over", async ({ page }) => {
  await signInWithLink(page, uniqueUser("deny"));
  await startConnect(page, "GitHub");
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "GitHub was not connected" })).toBeVisible();
  await expect(page.getByText("The connection was cancelled or refused.")).toBeVisible();
  await page.getByRole("button", { name: /^Try again/ }).click();
  await page.waitForURL(/\/authorize\//);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to GitHub" })).toBeVisible();
});

test("API token: an empty token is rejected on the sandbox page, a valid one connects", async ({ page }) => {
  await signInWithLink(page, uniqueUser("token"));
  await startConnect(page, "Notion");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("alert")).toHaveText("Enter your API token.");
  await page.getByLabel("API token").fill("secret_0123456789abcdefXYZ");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Notion" })).toBeVisible();
});

test("AWS role, Google service account and no-sign-in integrations connect", async ({ page }) => {
  await signInWithLink(page, uniqueUser("kinds"));

  await startConnect(page, "Amazon S3");
  await expect(page.locator("#external-id")).toHaveText(/^tr-/);
  await page.getByLabel("Role ARN").fill("arn:aws:iam::123456789012:role/toolregistry-read");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Amazon S3" })).toBeVisible();

  await page.goto("/");
  await startConnect(page, "BigQuery");
  await page.getByLabel("Service account JSON key").fill(
    JSON.stringify({
      type: "service_account",
      project_id: "demo",
      private_key_id: "k1",
      client_email: "bot@demo.iam.gserviceaccount.com",
      private_key: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
    }),
  );
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to BigQuery" })).toBeVisible();

  await page.goto("/");
  await card(page, "Open-Meteo").getByRole("button", { name: /^Connect/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Open-Meteo" })).toBeVisible();

  await page.goto("/");
  for (const name of ["Amazon S3", "BigQuery", "Open-Meteo"]) {
    await expect(card(page, name).locator(".state")).toContainText("Connected since");
  }
});

test("after the sandbox revokes a connection the card says Needs reconnecting, and Reconnect works", async ({ page }) => {
  const user = uniqueUser("revoke");
  await signInWithLink(page, user);
  await startConnect(page, "Slack");
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();

  await sandbox("POST", "/_sandbox/revoke", { customerIntegrationId: "ci_01_slack", userId: user });
  await page.goto("/");
  await expect(card(page, "Slack").locator(".state")).toHaveText("Needs reconnecting");
  await startConnect(page, "Slack", "Reconnect");
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  await page.goto("/");
  await expect(card(page, "Slack").locator(".state")).toContainText("Connected since");
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole OAuth flow works", async ({ page }) => {
    await continueWithLink(page, mintLink(uniqueUser("nojs")));
    await expect(card(page, "Slack").locator(".state")).toHaveText("Not connected");
    await startConnect(page, "Slack");
    await page.getByRole("button", { name: "Authorize" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
    await page.getByRole("link", { name: "Back to integrations" }).click();
    await expect(card(page, "Slack").locator(".state")).toContainText("Connected since");
  });
});

test("with JavaScript, Connect shows a pending state and cannot be pressed twice", async ({ page }) => {
  await signInWithLink(page, uniqueUser("pending"));
  await expect(card(page, "Linear").locator("form.connect[data-hydrated]")).toHaveCount(1);
  await sandbox("PUT", "/_sandbox/faults", { latencyMs: 1500, endpoints: ["authUrl"] });
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/connect")) posts.push(r.url());
  });
  const button = card(page, "Linear").getByRole("button", { name: /^Connect/ });
  // Everything in one step inside the page: while the browser waits for the (slow) answer, Playwright itself
  // waits for the navigation, so the page reports what the button looked like, and presses it a second time.
  const seen = await button.evaluate(async (b: HTMLButtonElement) => {
    b.click();
    await new Promise((r) => setTimeout(r, 100));
    const during = { busy: b.getAttribute("aria-busy"), disabled: b.getAttribute("aria-disabled"), text: b.textContent };
    b.click();
    return during;
  });
  expect(seen.busy).toBe("true");
  expect(seen.disabled).toBe("true");
  expect(seen.text).toContain("Connecting…");
  await page.waitForURL(/\/authorize\//);
  expect(posts, "one submission only").toHaveLength(1);
});
