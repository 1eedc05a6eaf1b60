// make bench, part 2: the admin console over a registry of 10,000 users x 20 integrations (seeded with
// `plugboard seed-console`), served from the status snapshot. Prints the server time of the matrix's first page,
// of filtered pages and of the full CSV export, as measured on loopback.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { adminSignIn, bin, freshDb, median, ms, p95, root, start as startWith, waitFor } from "./bench-lib.mjs";

const SANDBOX = "127.0.0.1:3203";
const PORTAL = "127.0.0.1:3202";
const KEY = "bench-console-key";
const USERS = Number(process.env.BENCH_CONSOLE_USERS ?? 10_000);
const INTEGRATIONS = 20;
const PASSWORD = "bench admin password";

const env = {
  ...process.env,
  RUST_LOG: "warn",
  LEPTOS_SITE_ADDR: PORTAL,
  LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  LEPTOS_OUTPUT_NAME: "plugboard",
  TR_API_URL: `http://${SANDBOX}`,
  TR_API_KEY: KEY,
  PLUGBOARD_LINK_SECRET: "bench-secret-0123456789abcdef0123456789",
  PLUGBOARD_DATABASE_URL: freshDb("bench-console.db"),
  PLUGBOARD_ADMIN_PASSWORD: PASSWORD,
  PLUGBOARD_REFRESH_PER_SECOND: "0",
  // A benchmark stops its servers at once (no drain: the next part reuses their ports).
  PLUGBOARD_DRAIN_SECONDS: "0",
};
const start = (args) => startWith(args, env);

start(["sandbox", "--addr", SANDBOX, "--api-key", KEY, "--generate", String(INTEGRATIONS)]);
await waitFor(`http://${SANDBOX}/v1/integrations`, { "x-api-key": KEY });
let t = performance.now();
execFileSync(bin, ["seed-console", "--force", "--users", String(USERS)], { env, stdio: ["ignore", "inherit", "inherit"] });
const seedMs = performance.now() - t;
start([]);
await waitFor(`http://${PORTAL}/admin`);

const headers = await adminSignIn(PORTAL, PASSWORD);

async function time(pathname, check) {
  const t = performance.now();
  const res = await fetch(`http://${PORTAL}${pathname}`, { headers });
  const body = await res.text();
  const total = performance.now() - t;
  if (res.status !== 200) throw new Error(`${pathname}: ${res.status}`);
  check?.(body);
  return { total, bytes: body.length, body };
}
const rows = (html) => (html.match(/<tr data-user=/g) ?? []).length;
const expectRows = (n) => (html) => {
  if (rows(html) !== n) throw new Error(`expected ${n} rows, saw ${rows(html)}`);
};

const pages = [
  ["first page (50 rows x 20 columns)", "/admin", expectRows(50)],
  ["state filter: needs reconnecting", "/admin?state=needs_reconnect", expectRows(50)],
  ["integration + state", "/admin?integration=ci_gen_0007&state=connected", expectRows(50)],
  ["user id search", "/admin?q=user-0042", (h) => rows(h) >= 1 || (() => { throw new Error("no match"); })()],
  ["last page", "/admin?oldest=1", expectRows(50)],
];
const first = await time("/admin", expectRows(50));
const results = [];
for (const [label, p, check] of pages) {
  const xs = [];
  for (let i = 0; i < 15; i++) xs.push((await time(p, check)).total);
  results.push([label, xs]);
}
const exports = [];
let csvBytes = 0;
let csvLines = 0;
for (let i = 0; i < 3; i++) {
  const r = await time("/admin/export.csv");
  exports.push(r.total);
  csvBytes = r.bytes;
  csvLines = r.body.trim().split("\r\n").length;
}
if (csvLines !== USERS + 1) throw new Error(`export: ${csvLines} lines`);

console.log(`plugboard console bench: release build, ${USERS} users x ${INTEGRATIONS} integrations in SQLite (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
console.log(`matrix first page, first request    ${ms(first.total)}  (${first.bytes} B HTML)`);
for (const [label, xs] of results) {
  const m = median(xs);
  console.log(`${label.padEnd(36)} median ${ms(m)}  p95 ${ms(p95(xs))}  (n=${xs.length}; target under 100 ms) ${m < 100 ? "ok" : "MISSED"}`);
}
const csv = median(exports);
console.log(`CSV export, all ${USERS} rows          median ${ms(csv)} (target under 300 ms) ${csv < 300 ? "ok" : "MISSED"}  (${csvBytes} B, ${csvLines} lines, n=${exports.length})`);
process.exit(0);
