// make bench, part 3: several instances on one PostgreSQL. The warm portal page's throughput with one instance
// and with two (clients spread round-robin, as a balancer would), as a ratio; then both instances with the
// refresher on, and the upstream calls per second they make together (one leader, one budget). Skipped with a
// message when no PostgreSQL is reachable (psql on 127.0.0.1:5432, or BENCH_POSTGRES_URL).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { median, ms, root, signIn as signInAt, sleep, start as startWith, waitFor } from "./bench-lib.mjs";

const SANDBOX = "127.0.0.1:3211";
const PORTS = ["127.0.0.1:3212", "127.0.0.1:3213"];
const KEY = "bench-key";
const TOKEN = "bench-api-token-0123456789";
const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const REFRESH = 5;
const admin = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const name = `plugboard_bench_${process.pid}`;

function psql(sql) {
  execFileSync("psql", [admin, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { stdio: ["ignore", "ignore", "pipe"] });
}
try {
  psql(`CREATE DATABASE ${name}`);
} catch (e) {
  console.log(`several instances on PostgreSQL: skipped (no PostgreSQL reachable at ${admin}: ${String(e.stderr ?? e).trim().split("\n")[0]})`);
  process.exit(0);
}
const dbUrl = (() => {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
})();
process.on("exit", () => {
  try {
    psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch {}
});

const env = (addr, extra = {}) => ({
  ...process.env,
  RUST_LOG: "warn",
  LEPTOS_SITE_ADDR: addr,
  LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  LEPTOS_OUTPUT_NAME: "plugboard",
  TR_API_URL: `http://${SANDBOX}`,
  TR_API_KEY: KEY,
  PLUGBOARD_LINK_SECRET: "bench-secret-0123456789abcdef0123456789",
  PLUGBOARD_API_TOKEN: TOKEN,
  PLUGBOARD_DATABASE_URL: dbUrl,
  PLUGBOARD_AUTHORIZE_HOSTS: "http://localhost",
  PLUGBOARD_LINK_RATE_PER_MINUTE: "0",
  PLUGBOARD_CONNECT_RATE_PER_MINUTE: "0",
  PLUGBOARD_API_RATE_PER_MINUTE: "0",
  PLUGBOARD_REFRESH_PER_SECOND: "0",
  // A benchmark stops its servers at once (no drain: the next part reuses their ports).
  PLUGBOARD_DRAIN_SECONDS: "0",
  PLUGBOARD_STATE_CONCURRENCY: "64",
  PLUGBOARD_DATABASE_MAX_CONNECTIONS: "16",
  ...extra,
});

startWith(["sandbox", "--addr", SANDBOX, "--api-key", KEY, "--generate", "50", "--latency-ms", "50"], process.env);
await waitFor(`http://${SANDBOX}/v1/integrations`, { "x-api-key": KEY });
const instance = (addr, extra) => startWith([], env(addr, extra));

/** 16 clients for SECONDS, each on its own instance of `addrs` (round-robin): requests/s and median latency. */
async function load(addrs, headers) {
  let done = 0;
  let errors = 0;
  const lat = [];
  const served = Object.fromEntries(addrs.map((a) => [a, 0]));
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async (_, i) => {
      const url = `http://${addrs[i % addrs.length]}/`;
      while (Date.now() < until) {
        const t = performance.now();
        const r = await fetch(url, { headers });
        await r.text();
        if (r.status === 200) {
          done++;
          served[addrs[i % addrs.length]]++;
        } else errors++;
        lat.push(performance.now() - t);
      }
    }),
  );
  return { rps: done / SECONDS, median: median(lat), errors, served };
}

let a = instance(PORTS[0]);
await waitFor(`http://${PORTS[0]}/healthz`);
const me = await signInAt(PORTS[0], TOKEN, "bench-user");
for (let i = 0; i < 3; i++) await (await fetch(`http://${PORTS[0]}/`, { headers: me })).text();
await sleep(500);
const one = await load([PORTS[0]], me);
let b = instance(PORTS[1]);
await waitFor(`http://${PORTS[1]}/healthz`);
await (await fetch(`http://${PORTS[1]}/`, { headers: me })).text();
const two = await load(PORTS, me);
// 40 users never checked, registered before the refreshers start (so their first round has work).
for (let i = 0; i < 40; i++) {
  await fetch(`http://${PORTS[i % 2]}/api/v1/links`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ userId: `refresh-${i}` }),
  });
}
a.kill();
b.kill();
await sleep(500);

// Both with the refresher on, over 40 users never checked: calls per second the API sees in total.
a = instance(PORTS[0], { PLUGBOARD_REFRESH_PER_SECOND: String(REFRESH) });
b = instance(PORTS[1], { PLUGBOARD_REFRESH_PER_SECOND: String(REFRESH) });
await waitFor(`http://${PORTS[0]}/healthz`);
await waitFor(`http://${PORTS[1]}/healthz`);
const stats = async () => (await (await fetch(`http://${SANDBOX}/_sandbox/stats`, { headers: { "x-api-key": KEY } })).json()).user;
// Until the leader's first check, then a window of SECONDS.
const idle = await stats();
while ((await stats()) === idle) await sleep(100);
const before = await stats();
const t0 = performance.now();
await sleep(SECONDS * 1000);
const perSecond = ((await stats()) - before) / ((performance.now() - t0) / 1000);

const mark = (ok) => (ok ? "ok" : "MISSED");
console.log(`several instances on one PostgreSQL (${SECONDS} s each, 16 clients, warm page)`);
console.log(`one instance                           ${one.rps.toFixed(0)} req/s  median ${ms(one.median)}  errors ${one.errors}`);
console.log(`two instances, round-robin             ${two.rps.toFixed(0)} req/s  median ${ms(two.median)}  errors ${two.errors} = ${(two.rps / one.rps).toFixed(2)} x one instance (2 cores shared with the load generator)`);
const [sa, sb] = PORTS.map((p) => two.served[p]);
console.log(`  of which the second instance served   ${sb} of ${sa + sb} pages (${((100 * sb) / Math.max(1, sa + sb)).toFixed(0)}%) ${mark(sb > 0)}`);
console.log(`two refreshers at ${REFRESH}/s each           ${perSecond.toFixed(2)} upstream calls/s in total (target at most ${REFRESH}: one leader) ${mark(perSecond > 0 && perSecond <= REFRESH + 0.5)}`);
process.exit(0);
