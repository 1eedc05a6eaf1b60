// make bench, part 4: the console, the refresher's picks and the host API at a million end users. Seeds a fresh
// PostgreSQL database through `plugboard seed-console` (BENCH_SCALE_USERS users x 20 integrations, ten events per
// user), then prints each page's median with its target, the CSV export's rows/s uncompressed and compressed, the
// server's idle and peak RSS, and how soon a dropped export stops its query. BENCH_SCALE_USERS=100000 runs it smaller.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { adminSignIn, bin, median, ms, root, start as startWith, waitFor } from "./bench-lib.mjs";

const SANDBOX = "127.0.0.1:3213";
const PORTAL = "127.0.0.1:3212";
const KEY = "bench-scale-key";
const TOKEN = "bench-scale-token-0123456789";
const USERS = Number(process.env.BENCH_SCALE_USERS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? USERS * 10);
const INTEGRATIONS = 20;
const PASSWORD = "bench admin password";
const RUNS = 7;
const admin = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NAME = "plugboard_bench_scale";
const url = new URL(admin);
url.pathname = `/${NAME}`;

const psql = (sql, db = admin) => execFileSync("psql", [db, "-v", "ON_ERROR_STOP=1", "-qtA", "-c", sql], { encoding: "utf8" }).trim();
psql(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
psql(`CREATE DATABASE ${NAME}`);
process.on("exit", () => {
  try {
    psql(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  } catch {}
});

const env = {
  ...process.env,
  RUST_LOG: "warn",
  LEPTOS_SITE_ADDR: PORTAL,
  LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  LEPTOS_OUTPUT_NAME: "plugboard",
  TR_API_URL: `http://${SANDBOX}`,
  TR_API_KEY: KEY,
  PLUGBOARD_LINK_SECRET: "bench-secret-0123456789abcdef0123456789",
  PLUGBOARD_DATABASE_URL: url.toString(),
  PLUGBOARD_ADMIN_PASSWORD: PASSWORD,
  PLUGBOARD_API_TOKEN: TOKEN,
  PLUGBOARD_REFRESH_PER_SECOND: "0",
  PLUGBOARD_DRAIN_SECONDS: "0",
};
const start = (args) => startWith(args, env);

start(["sandbox", "--addr", SANDBOX, "--api-key", KEY, "--generate", String(INTEGRATIONS)]);
await waitFor(`http://${SANDBOX}/v1/integrations`, { "x-api-key": KEY });
let t = performance.now();
execFileSync(bin, ["seed-console", "--force", "--users", String(USERS), "--events", String(EVENTS)], {
  env,
  stdio: ["ignore", "inherit", "inherit"],
});
const seedS = (performance.now() - t) / 1000;
const server = start([]);
await waitFor(`http://${PORTAL}/admin`);

const headers = await adminSignIn(PORTAL, PASSWORD);
const api = { authorization: `Bearer ${TOKEN}`, "accept-encoding": "identity" };

const rss = (field) => Number(readFileSync(`/proc/${server.pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+)`))[1]) / 1024;

async function get(pathname, h = headers) {
  const t = performance.now();
  const res = await fetch(`http://${PORTAL}${pathname}`, { headers: h });
  const body = await res.text();
  const total = performance.now() - t;
  if (res.status !== 200) throw new Error(`${pathname}: ${res.status} ${body.slice(0, 200)}`);
  return { total, body };
}
const rows = (html) => (html.match(/<tr data-user=/g) ?? []).length;
const events = (html) => (html.match(/<tr data-kind=/g) ?? []).length;
const atLeast = (count, n) => (body) => {
  if (count(body) < n) throw new Error(`expected at least ${n} rows, saw ${count(body)}`);
};

const hasFunnel = (body) => {
  if (!body.includes('data-step="verified"')) throw new Error("no funnel on the page");
};

// Keys and references read from the pages themselves (what a person clicking would follow).
const first = await get("/admin");
const older = first.body.match(/href="\/admin\?older=([^"]+)" rel="next"/)?.[1];
const reference = first.body.match(/href="\/admin\/users\/([^"]+)"/)?.[1];
if (!older || !reference) throw new Error("the first page has no next page or user link");
// A key half-way down the list (users seen at the median time or earlier).
const middle = psql("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY last_seen) FROM portal_users", url.toString());
const someone = `user-${String(Math.max(1, Math.floor(USERS / 2) + 7)).padStart(5, "0")}`;
const lastPos = Number(psql("SELECT value FROM counters WHERE name = 'events'", url.toString()));
const feedFrom = Buffer.from(`v1:${Math.max(0, lastPos - 50_000)}`).toString("base64url");

const pages = [
  ["matrix: first page", "/admin", 300, atLeast(rows, 50)],
  ["matrix: connected", "/admin?state=connected", 300, atLeast(rows, 50)],
  ["matrix: not connected", "/admin?state=not_connected", 300, atLeast(rows, 50)],
  ["matrix: needs reconnecting", "/admin?state=needs_reconnect", 300, atLeast(rows, 50)],
  ["matrix: unknown", "/admin?state=unknown", 300, atLeast(rows, 50)],
  ["matrix: integration + state", "/admin?integration=ci_gen_0007&state=needs_reconnect", 300, atLeast(rows, 50)],
  ["matrix: organization", "/admin?org=org-none", 300, null],
  ["matrix: user id search", `/admin?q=${someone}`, 300, atLeast(rows, 1)],
  ["matrix: next page", `/admin?older=${older}`, 300, atLeast(rows, 50)],
  ["matrix: a page half-way", `/admin?older=${middle}`, 300, atLeast(rows, 50)],
  ["matrix: last page", "/admin?oldest=1", 300, atLeast(rows, 50)],
  ["user page", `/admin/users/${reference}`, 300, null],
  ["events: newest", "/admin/events", 300, atLeast(events, 100)],
  ["events: by kind", "/admin/events?kind=connection.lost", 300, atLeast(events, 100)],
  ["events: by integration", "/admin/events?integration=ci_gen_0003", 300, atLeast(events, 100)],
  ["events: by user", `/admin/events?user=${someone}`, 300, null],
  ["events: oldest", "/admin/events?oldest=1", 300, atLeast(events, 100)],
  // The funnel over the seeded log (EVENTS events over 30 days), from the hourly roll-up.
  [`funnel: last 30 days, ${EVENTS} events`, "/admin/funnel?window=30d", 300, hasFunnel],
  ["funnel: last 7 days", "/admin/funnel", 300, hasFunnel],
  ["funnel: 24 h, one integration", "/admin/funnel?window=24h&integration=ci_gen_0003", 300, null],
];
const apiCalls = [
  ["host API: a user's connections", `/api/v1/users/${someone}/connections`, 10],
  ["host API: event feed, 100", `/api/v1/events?after=${feedFrom}`, 10],
  ["host API: a user's events", `/api/v1/events?userId=${someone}`, 10],
];

const results = [];
for (const [label, p, target, check] of pages) {
  await get(p); // warm
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await get(p);
    try {
      check?.(r.body);
    } catch (e) {
      throw new Error(`${label} (${p}): ${e.message}`);
    }
    xs.push(r.total);
  }
  results.push([label, median(xs), target]);
}
for (const [label, p, target] of apiCalls) {
  await get(p, api);
  const xs = [];
  for (let i = 0; i < RUNS * 3; i++) xs.push((await get(p, api)).total);
  results.push([label, median(xs), target]);
}

console.log(`plugboard scale bench: release build, ${USERS} users x ${INTEGRATIONS} integrations, ${EVENTS} events in PostgreSQL`);
console.log(`seed-console (set-based, ${USERS} users, ${USERS * INTEGRATIONS * 0.9} snapshots, ${EVENTS} events)  ${seedS.toFixed(0)} s${USERS >= 1_000_000 ? ` (target under 600 s) ${seedS < 600 ? "ok" : "MISSED"}` : ""}`);
for (const [label, m, target] of results) {
  console.log(`${label.padEnd(36)} median ${ms(m).padStart(10)}  (target under ${target} ms) ${m < target ? "ok" : "MISSED"}`);
}

// The export: all rows, uncompressed and then gzip, the server's memory around it. Read as it streams (a million
// rows are more text than one string holds), counting lines.
async function download(extra = {}) {
  const t = performance.now();
  const res = await fetch(`http://${PORTAL}/admin/export.csv`, { headers: { ...headers, ...extra } });
  if (res.status !== 200) throw new Error(`export: ${res.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { s: (performance.now() - t) / 1000, lines, bytes, encoding: res.headers.get("content-encoding") };
}
const idle = rss("VmRSS");
const plain = await download();
if (plain.lines - 1 !== USERS) throw new Error(`export: ${plain.lines - 1} rows, expected ${USERS}`);
const peak = rss("VmHWM");
const zipped = await download({ "accept-encoding": "gzip" });
// A client that goes away after the first megabyte: the export's query stops.
const query = `SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '${NAME}' AND query LIKE '%u.cells FROM portal_users u%' AND state = 'active' AND pid <> pg_backend_pid()`;
const ctl = new AbortController();
const res = await fetch(`http://${PORTAL}/admin/export.csv`, { headers, signal: ctl.signal });
const reader = res.body.getReader();
let got = 0;
while (got < 1_000_000) got += (await reader.read()).value?.length ?? 0;
ctl.abort();
t = performance.now();
let stoppedMs = null;
while (performance.now() - t < 30_000) {
  if (psql(query, admin) === "0") {
    stoppedMs = performance.now() - t;
    break;
  }
  await new Promise((r) => setTimeout(r, 20));
}

const rate = USERS / plain.s;
console.log(`CSV export, ${USERS} rows, uncompressed   ${plain.s.toFixed(2)} s = ${Math.round(rate)} rows/s (target 200000 or more) ${rate >= 200_000 ? "ok" : "MISSED"}  (${(plain.bytes / 1e6).toFixed(0)} MB)`);
console.log(`CSV export, asked for gzip             ${zipped.s.toFixed(2)} s = ${Math.round(USERS / zipped.s)} rows/s, content-encoding ${zipped.encoding} (${zipped.lines - 1} rows)`);
const limit = 2 * idle + 50;
console.log(`server RSS: idle ${idle.toFixed(0)} MB, peak through the export ${peak.toFixed(0)} MB (target at most 2 x idle + 50 = ${limit.toFixed(0)} MB) ${peak <= limit ? "ok" : "MISSED"}`);
console.log(`a client gone after 1 MB: the export's query ended ${stoppedMs === null ? "NOT within 30 s (MISSED)" : `${ms(stoppedMs)} later (ok)`}`);
process.exit(0);
