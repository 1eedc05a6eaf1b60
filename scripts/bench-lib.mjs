// Shared by the benchmarks: the release binary, child processes killed on exit, waiting for a server, statistics.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { rmSync } from "node:fs";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const bin = path.join(root, "target/release/plugboard");

const children = [];
process.on("exit", () => children.forEach((c) => c.kill()));

/** Starts `plugboard <args>` with `env`; it is killed when the benchmark exits. */
export function start(args, env) {
  const child = spawn(bin, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  children.push(child);
  return child;
}

/** A fresh SQLite database under target/ (the file and its WAL companions removed). */
export function freshDb(name) {
  for (const f of [name, `${name}-wal`, `${name}-shm`]) rmSync(path.join(root, "target", f), { force: true });
  return `sqlite://${path.join(root, "target", name)}?mode=rwc`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits (30 s bound) until `url` answers with something other than a 5xx. */
export async function waitFor(url, headers = {}) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { headers, redirect: "manual" });
      if (r.status < 500) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
export const ms = (x) => `${x.toFixed(1)} ms`;

/** A signed-in client (its own user): a link from the host API at `addr`, then the landing page's POST. */
export async function signIn(addr, token, user) {
  const r = await fetch(`http://${addr}/api/v1/links`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ userId: user }),
  });
  const { url } = await r.json();
  const res = await fetch(url, { method: "POST", redirect: "manual", headers: { origin: new URL(url).origin } });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return { cookie, accept: "text/html", "accept-encoding": "identity" };
}

/** An admin's request headers (the console's session cookie), signed in with the password at `addr`. */
export async function adminSignIn(addr, password) {
  const res = await fetch(`http://${addr}/api/admin-sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", origin: `http://${addr}` },
    body: new URLSearchParams({ password }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`admin sign-in failed: ${res.status}`);
  return { cookie, accept: "text/html", "accept-encoding": "identity" };
}
