import * as path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { freshDb, median, root, sleep, start as startWith, waitFor } from "./bench-lib.mjs";
const SANDBOX = "127.0.0.1:3221", PORTAL = "127.0.0.1:3220", KEY = "k", TOKEN = "bench-api-token-0123456789";
const env = { ...process.env, RUST_LOG: "warn", LEPTOS_SITE_ADDR: PORTAL, LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  TR_API_URL: `http://${SANDBOX}`, TR_API_KEY: KEY, PLUGBOARD_LINK_SECRET: "bench-secret-0123456789abcdef0123456789",
  PLUGBOARD_API_TOKEN: TOKEN, PLUGBOARD_DATABASE_URL: freshDb("prof.db"), PLUGBOARD_AUTHORIZE_HOSTS: "http://localhost",
  PLUGBOARD_LINK_RATE_PER_MINUTE: "0", PLUGBOARD_CONNECT_RATE_PER_MINUTE: "0", PLUGBOARD_API_RATE_PER_MINUTE: "0",
  PLUGBOARD_REFRESH_PER_SECOND: "0", PLUGBOARD_STATE_CONCURRENCY: "64" };
startWith(["sandbox", "--addr", SANDBOX, "--api-key", KEY, "--generate", "50", "--latency-ms", "50"], env);
await waitFor(`http://${SANDBOX}/v1/integrations`, { "x-api-key": KEY });
const portal = startWith([], env);
await waitFor(`http://${PORTAL}/favicon.svg`);
const r = await fetch(`http://${PORTAL}/api/v1/links`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ userId: "u" }) });
const { url } = await r.json();
const res = await fetch(url, { method: "POST", redirect: "manual", headers: { origin: `http://${PORTAL}` } });
const headers = { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0], accept: "text/html", "accept-encoding": "identity" };
for (let i = 0; i < 3; i++) await (await fetch(`http://${PORTAL}/`, { headers })).text();
await sleep(500);
const secs = Number(process.env.SECS ?? 10);
let perf;
if (process.env.PERF) perf = spawn("perf", ["record", "-F", "499", "-g", "-p", String(portal.pid), "-o", "/tmp/perf.data", "--", "sleep", String(secs - 1)], { stdio: "ignore" });
let done = 0; const until = Date.now() + secs * 1000;
await Promise.all(Array.from({ length: 16 }, async () => { while (Date.now() < until) { const x = await fetch(`http://${PORTAL}/`, { headers }); await x.text(); if (x.status === 200) done++; } }));
console.log(`warm c16 ${(done / secs).toFixed(0)} req/s`);
if (perf) await new Promise((r) => perf.on("exit", r));
process.exit(0);
