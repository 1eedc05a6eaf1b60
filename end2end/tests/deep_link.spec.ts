import { test, expect, type Browser } from "@playwright/test";
import { RECEIVER_ADDR } from "../receiver";
import { expectNoViolationsLightAndDark, uniqueUser } from "./helpers";

// From the host's "Connect Slack" button to the provider in one click, and back with the answer: the host's page
// (end2end/receiver.ts) mints a deep link, the portal's landing page has one button, the sandbox's authorize page
// decides, and the callback sends the browser back to the host's page, which reads `plugboard_result` and confirms it
// with the read API.
const HOST = `http://${RECEIVER_ADDR}`;

async function throughTheHost(browser: Browser, javaScript: boolean, decision: "Authorize" | "Deny") {
  const user = uniqueUser(javaScript ? "deep-js" : "deep-nojs");
  const page = await (await browser.newContext({ javaScriptEnabled: javaScript })).newPage();
  await page.goto(`${HOST}/host/settings?user=${encodeURIComponent(user)}`);
  await page.getByRole("button", { name: "Connect Slack" }).click();
  // The portal's landing page for this one integration.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Connect Slack to /);
  await expect(page.locator("[data-landing=deep]")).toHaveAttribute("data-connected", "false");
  await expect(page.locator("[data-auth]")).toHaveText("OAuth");
  await page.getByRole("button", { name: "Connect Slack" }).click();
  // Straight to the provider: no list in between.
  await page.getByRole("button", { name: decision }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme settings" })).toBeVisible();
  const url = new URL(page.url());
  expect(url.origin).toBe(HOST);
  expect(url.searchParams.get("user")).toBe(user);
  expect(url.searchParams.get("plugboard_integration")).toBe("ci_01_slack");
  expect(url.searchParams.get("plugboard_event")).toMatch(/^(msg_)?[0-9a-f]{32}$/);
  return { page, user, url };
}

for (const javaScript of [true, false]) {
  test(`host page → deep link → provider → back on the host's page, confirmed (JavaScript ${javaScript ? "on" : "off"})`, async ({ browser }) => {
    const { page, user } = await throughTheHost(browser, javaScript, "Authorize");
    await expect(page.locator("[data-hint]")).toHaveAttribute("data-hint", "connected");
    await expect(page.locator("[data-confirmed]")).toHaveAttribute("data-confirmed", "connected");

    // The host's button again: the link's page says Slack is connected already, and offers Reconnect and Back.
    await page.goto(`${HOST}/host/settings?user=${encodeURIComponent(user)}`);
    await page.getByRole("button", { name: "Connect Slack" }).click();
    await expect(page.locator("[data-landing=deep]")).toHaveAttribute("data-connected", "true");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Slack is already connected to /);
    await expect(page.getByRole("button", { name: "Reconnect Slack" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Back to / })).toHaveAttribute("href", new RegExp(`^${HOST}/host/settings`));
    if (javaScript) await expectNoViolationsLightAndDark(page, "deep link, connected already");
  });
}

test("a denied authorization comes back as not_connected, and the read API agrees", async ({ browser }) => {
  const { page } = await throughTheHost(browser, true, "Deny");
  await expect(page.locator("[data-hint]")).toHaveAttribute("data-hint", "not_connected");
  // The read API's record: not connected (the sandbox keeps a denied grant as an inactive connection).
  await expect(page.locator("[data-confirmed]")).toHaveAttribute("data-confirmed", /^(not_connected|needs_reconnect)$/);
});
