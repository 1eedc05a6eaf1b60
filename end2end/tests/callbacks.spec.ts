import { test, expect } from "@playwright/test";
import { mintLink, signInWithLink, startConnect, uniqueUser } from "./helpers";

test("a forged callback is refused with its own message", async ({ page }) => {
  await signInWithLink(page, uniqueUser("forged"));
  const res = await page.goto("/callback/made-up-attempt?status=success");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This return link is not one we issued" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to integrations" })).toBeVisible();
});

test("a replayed callback is refused and nothing changes", async ({ page }) => {
  await signInWithLink(page, uniqueUser("replay"));
  await startConnect(page, "Slack");
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connected to Slack" })).toBeVisible();
  const res = await page.goto(page.url());
  expect(res?.status()).toBe(409);
  await expect(page.getByRole("heading", { level: 1, name: "This return link was already used" })).toBeVisible();
});

test("expired, replayed and tampered links each show their message", async ({ browser }) => {
  const user = uniqueUser("links");
  const expired = mintLink(user, 1);
  const once = mintLink(user);
  const [head, , sig] = once.split("/link/")[1].split(".");
  const other = mintLink(uniqueUser("other")).split("/link/")[1].split(".")[1];
  const tampered = once.replace(/\/link\/.*$/, `/link/${head}.${other}.${sig}`);

  const page = await (await browser.newContext()).newPage();
  await new Promise((r) => setTimeout(r, 2100));
  let res = await page.goto(expired);
  expect(res?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible();
  await expect(page.getByText("Ask the app for a new link.")).toBeVisible();

  res = await page.goto(tampered);
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();

  res = await page.goto(once);
  expect(new URL(page.url()).pathname).toBe("/");
  const second = await (await browser.newContext()).newPage();
  res = await second.goto(once);
  expect(res?.status()).toBe(410);
  await expect(second.getByRole("heading", { level: 1, name: "This link was already used" })).toBeVisible();
});
