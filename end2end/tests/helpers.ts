import { expect, type Page } from "@playwright/test";

/** Signs in through the sandbox's "continue as" form (the demo path; link sign-in has its own tests). */
export async function signInAs(page: Page, userId: string) {
  await page.goto("/");
  await page.getByLabel("User id").fill(userId);
  await page.getByRole("button", { name: "Continue as this user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
}

/** A user id unique to this test run, so tests never see each other's connections. */
export function uniqueUser(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
