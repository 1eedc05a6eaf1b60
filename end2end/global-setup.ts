import type { FullConfig } from "@playwright/test";
import { startReceiver } from "./receiver";

// cargo-leptos starts the server and this suite at the same moment: wait (60 s bound) until the portal answers.
export default async function globalSetup(config: FullConfig) {
  const receiver = await startReceiver();
  await waitForPortal(config);
  return async () => {
    receiver.close();
  };
}

async function waitForPortal(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL as string;
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(baseURL, { redirect: "manual" });
      if (res.status < 500) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the portal at ${baseURL} did not answer within 60 s (${last})`);
}
