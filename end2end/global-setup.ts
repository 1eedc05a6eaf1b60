import type { FullConfig } from "@playwright/test";
import { spawn } from "node:child_process";
import { startReceiver } from "./receiver";

// cargo-leptos starts the server and this suite at the same moment: wait (60 s bound) until the portal answers.
export default async function globalSetup(config: FullConfig) {
  const receiver = await startReceiver();
  const provider = await startOpenIdProvider(config);
  await waitForPortal(config);
  return async () => {
    receiver.close();
    provider.kill();
  };
}

/** The console's OpenID provider (oidc-provider.mjs) at PLUGBOARD_ADMIN_OIDC_ISSUER, once it serves discovery. */
async function startOpenIdProvider(config: FullConfig) {
  const issuer = process.env.PLUGBOARD_ADMIN_OIDC_ISSUER ?? "http://localhost:3104";
  const baseURL = config.projects[0].use.baseURL as string;
  const port = new URL(issuer).port;
  const child = spawn(process.execPath, ["oidc-provider.mjs", port, new URL("/admin/sso/callback", baseURL).toString()], {
    cwd: __dirname,
    stdio: "ignore",
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the OpenID provider at ${issuer} did not start`);
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
