import { test, expect } from "@playwright/test";
import { continueWithLink, expectNoViolations, mintLink, signInWithLink, startConnect, uniqueUser } from "./helpers";

test("a forged callback is refused with its own message", async ({ page }) => {
  await signInWithLink(page, uniqueUser("forged"));
  const res = await page.goto("/callback/made-up-attempt?status=success");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This return link is not one we issued" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to integrations" })).toBeVisible();
});

test("reloading a callback shows the same result; another browser is refused", async ({ page, browser }) => {
  await signInWithLink(page, uniqueUser("replay"));
  await startConnect(page, "Slack");
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  const callback = page.url();
  const res = await page.reload();
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  const other = await (await browser.newContext()).newPage();
  await signInWithLink(other, uniqueUser("replay-other"));
  const refused = await other.goto(callback);
  expect(refused?.status()).toBe(403);
  await expect(other.getByRole("heading", { level: 1, name: "This connection was started somewhere else" })).toBeVisible();
});

test("a link opened while someone else is signed in asks before switching", async ({ page }) => {
  const first = uniqueUser("first");
  await signInWithLink(page, first);
  await expect(page.locator("header .viewer")).toContainText(`Signed in as ${first.slice(0, 2)}…`);
  const second = `zz-${uniqueUser("second")}`;
  await page.goto(mintLink(second));
  await expect(page.getByRole("alert")).toContainText("This browser is signed in as");
  await expectNoViolations(page, "link landing (switch)");
  // Going back keeps the first user: nothing happened until the button was pressed.
  await page.goto("/");
  await expect(page.locator("header .viewer")).toContainText(`Signed in as ${first.slice(0, 2)}…`);
  await page.goBack();
  await page.getByRole("button", { name: /^Switch to zz…/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await expect(page.locator("header .viewer")).toContainText("Signed in as zz…");
});

test("expired, replayed and tampered links each show their message", async ({ browser }) => {
  const user = uniqueUser("links");
  const expired = mintLink(user, 1);
  const once = mintLink(user);
  // Links are sealed (v2): one altered character and the token no longer opens.
  const token = once.split("/link/")[1];
  const i = token.length - 5;
  const flipped = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
  const tampered = once.replace(/\/link\/.*$/, `/link/${flipped}`);

  const page = await (await browser.newContext()).newPage();
  await new Promise((r) => setTimeout(r, 2100));
  let res = await page.goto(expired);
  expect(res?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible();
  await expect(page.getByText("Ask the app for a new link.")).toBeVisible();

  res = await page.goto(tampered);
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();

  // Opening the link uses nothing; its button does.
  res = await page.goto(once);
  expect(res?.status()).toBe(200);
  await continueWithLink(page, once);
  expect(new URL(page.url()).pathname).toBe("/");
  const second = await (await browser.newContext()).newPage();
  res = await second.goto(once);
  expect(res?.status()).toBe(410);
  await expect(second.getByRole("heading", { level: 1, name: "This link was already used" })).toBeVisible();
});
