// make bench: the release build against a sandbox seeded with 50 integrations and 50 ms of added latency per call.
// Prints each figure with its target: a static baseline (the page's own bytes served by axum from memory, same
// client) against the warm portal page at concurrency 16 and 200, cold and warm page time against one upstream
// call, upstream calls per warm view, Unknown cards and errors under load, resident memory, and the first screen's
// client payload.
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { writeFileSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { bin, freshDb, median, ms, p95, root, signIn as signInAt, sleep, start as startWith, waitFor } from "./bench-lib.mjs";

const SANDBOX = "127.0.0.1:3201";
const PORTAL = "127.0.0.1:3200";
const STATIC = "127.0.0.1:3202";
const KEY = "bench-key";
const TOKEN = "bench-api-token-0123456789";
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const INTEGRATIONS = 50;
const CACHE_SECONDS = 2;
const SHORT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CLIENTS = 200;

const env = {
  ...process.env,
  RUST_LOG: "warn",
  LEPTOS_SITE_ADDR: PORTAL,
  LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  LEPTOS_OUTPUT_NAME: "plugboard",
  TR_API_URL: `http://${SANDBOX}`,
  TR_API_KEY: KEY,
  PLUGBOARD_LINK_SECRET: "bench-secret-0123456789abcdef0123456789",
  PLUGBOARD_API_TOKEN: TOKEN,
  PLUGBOARD_DATABASE_URL: freshDb("bench.db"),
  PLUGBOARD_AUTHORIZE_HOSTS: "http://localhost",
  PLUGBOARD_LINK_RATE_PER_MINUTE: "0",
  PLUGBOARD_CONNECT_RATE_PER_MINUTE: "0",
  PLUGBOARD_API_RATE_PER_MINUTE: "0",
  PLUGBOARD_REFRESH_PER_SECOND: "0",
  // A benchmark stops its servers at once (no drain: the next part reuses their ports).
  PLUGBOARD_DRAIN_SECONDS: "0",
  PLUGBOARD_LIST_CACHE_SECONDS: String(CACHE_SECONDS),
};
const start = (args) => startWith(args, env);

start(["sandbox", "--addr", SANDBOX, "--api-key", KEY, "--generate", String(INTEGRATIONS), "--latency-ms", String(LATENCY_MS)]);
await waitFor(`http://${SANDBOX}/v1/integrations`, { "x-api-key": KEY });
const portal = start([]);
await waitFor(`http://${PORTAL}/favicon.svg`);

const rss = () => {
  const status = readFileSync(`/proc/${portal.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
};
const upstreamCalls = async () => {
  const s = await (await fetch(`http://${SANDBOX}/_sandbox/stats`, { headers: { "x-api-key": KEY } })).json();
  return s.list + s.user + s.authUrl;
};

const signIn = (user) => signInAt(PORTAL, TOKEN, user);

async function timePage(headers) {
  const t = performance.now();
  const res = await fetch(`http://${PORTAL}/`, { headers });
  const html = await res.text();
  const total = performance.now() - t;
  const cards = (html.match(/data-card=""/g) ?? []).length;
  const unknown = (html.match(/data-state="unknown"/g) ?? []).length;
  if (res.status !== 200 || cards !== INTEGRATIONS) throw new Error(`page: status ${res.status}, ${cards} cards`);
  return { total, html, unknown };
}

/** `clients` loops fetching `url` for `seconds`: requests/s, median and p99 latency, errors, Unknown cards. */
async function load(url, clientHeaders, seconds) {
  let done = 0;
  let errors = 0;
  let unknown = 0;
  const lat = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    clientHeaders.map(async (headers) => {
      while (Date.now() < until) {
        const t = performance.now();
        try {
          const r = await fetch(url, { headers });
          const body = await r.text();
          if (r.status === 200) done++;
          else errors++;
          unknown += (body.match(/data-state="unknown"/g) ?? []).length;
        } catch {
          errors++;
        }
        lat.push(performance.now() - t);
      }
    }),
  );
  return { rps: done / seconds, median: median(lat), p99: [...lat].sort((a, b) => a - b)[Math.floor(lat.length * 0.99)], errors, unknown };
}

const rssIdle = rss();

// 1. One upstream GET (GET user), straight at the sandbox.
const upstream = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await (await fetch(`http://${SANDBOX}/v1/integrations/ci_gen_0001/users/bench-user`, { headers: { "x-api-key": KEY } })).text();
  upstream.push(performance.now() - t);
}
const up = median(upstream);

// 2. Cold: the list cache expired and a user never seen (every state read live).
const cold = [];
for (let i = 0; i < 5; i++) {
  const headers = await signIn(`cold-${i}`);
  await sleep(CACHE_SECONDS * 1000 + 200);
  cold.push((await timePage(headers)).total);
}

// 3. Warm: the same user again, states fresh in the snapshot.
const me = await signIn("bench-user");
await timePage(me);
await sleep(300); // the first view's snapshots are written off the page's path
const warm = [];
const callsBefore = await upstreamCalls();
let page;
for (let i = 0; i < 20; i++) {
  page = await timePage(me);
  warm.push(page.total);
}
const callsPerWarmView = ((await upstreamCalls()) - callsBefore) / 20;

// 4. The static baseline: the same page's bytes from memory.
const pageFile = path.join(root, "target", "bench-page.html");
writeFileSync(pageFile, page.html);
startWith(["serve-bytes", "--addr", STATIC, "--file", pageFile], env);
await waitFor(`http://${STATIC}/`);

const c16 = Array.from({ length: 16 }, () => me);
const static16 = await load(`http://${STATIC}/`, c16, SHORT_SECONDS);
const warm16 = await load(`http://${PORTAL}/`, c16, SHORT_SECONDS);

// 5. 200 signed-in clients, each its own user, warmed once; two rounds; memory before and after.
const clients = [];
for (let i = 0; i < CLIENTS; i++) clients.push(await signIn(`load-${String(i).padStart(3, "0")}`));
for (let i = 0; i < CLIENTS; i += 20) await Promise.all(clients.slice(i, i + 20).map((h) => timePage(h)));
await sleep(500);
const static200 = await load(`http://${STATIC}/`, clients.map(() => me), SHORT_SECONDS);
const rssBefore = rss();
const round1 = await load(`http://${PORTAL}/`, clients, LOAD_SECONDS);
const rssAfter1 = rss();
const round2 = await load(`http://${PORTAL}/`, clients, LOAD_SECONDS);
const rssAfter2 = rss();

// 6. First screen's client payload: what the browser downloads besides the HTML.
const assets = [...new Set([...page.html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)].map((m) => m[1]))];
const jsName = [...page.html.matchAll(/\("", "pkg", "([^"]*)", "([^"]*)"/g)][0];
if (jsName) assets.push(`/pkg/${jsName[1]}.js`, `/pkg/${jsName[2]}.wasm`);
const payload = [];
for (const a of [...new Set(assets)]) {
  const r = await fetch(`http://${PORTAL}${a}`, { headers: { "accept-encoding": "identity" } });
  if (!r.ok) continue;
  const buf = Buffer.from(await r.arrayBuffer());
  payload.push({
    a,
    raw: buf.length,
    gz: gzipSync(buf, { level: 9 }).length,
    br: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
const sum = (k) => payload.reduce((s, p) => s + p[k], 0);
const html = Buffer.from(page.html);
const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
const mark = (ok) => (ok ? "ok" : "MISSED");

console.log(`plugboard bench: release build, sandbox with ${INTEGRATIONS} integrations and ${LATENCY_MS} ms added latency per call`);
console.log(`one upstream GET (GET user)            median ${ms(up)}  p95 ${ms(p95(upstream))}`);
const coldX = median(cold) / up;
console.log(`portal page, cold (list + states)      median ${ms(median(cold))} = ${coldX.toFixed(2)} x one call (target at most 2.30) ${mark(coldX <= 2.3)}`);
console.log(`portal page, warm                      median ${ms(median(warm))} = ${(median(warm) / up).toFixed(2)} x one call   p95 ${ms(p95(warm))}`);
console.log(`upstream calls per warm view           ${callsPerWarmView.toFixed(2)} (target 0) ${mark(callsPerWarmView === 0)}`);
console.log(`static baseline, concurrency 16        ${static16.rps.toFixed(0)} req/s  median ${ms(static16.median)}`);
const share16 = warm16.rps / static16.rps;
console.log(`warm page, concurrency 16              ${warm16.rps.toFixed(0)} req/s  median ${ms(warm16.median)} = ${pct(warm16.rps, static16.rps)} of static (target at least 30%) ${mark(share16 >= 0.3)}`);
console.log(`static baseline, concurrency ${CLIENTS}       ${static200.rps.toFixed(0)} req/s  median ${ms(static200.median)}`);
for (const [name, r] of [["round 1", round1], ["round 2", round2]]) {
  console.log(
    `warm page, ${CLIENTS} clients x ${LOAD_SECONDS} s, ${name}  ${r.rps.toFixed(0)} req/s = ${pct(r.rps, static200.rps)} of static  median ${ms(r.median)}  p99 ${ms(r.p99)} (target under 1000 ms) ${mark(r.p99 < 1000)}  errors ${r.errors} (target 0) ${mark(r.errors === 0)}  Unknown cards ${r.unknown} (target 0) ${mark(r.unknown === 0)}`,
  );
}
const memLimit = 2 * rssIdle + 50;
console.log(
  `resident memory                        idle ${rssIdle.toFixed(1)} MB, before load ${rssBefore.toFixed(1)} MB, after round 1 ${rssAfter1.toFixed(1)} MB, after round 2 ${rssAfter2.toFixed(1)} MB (target at most ${memLimit.toFixed(1)} MB = 2 x idle + 50, and no growth from round 1 to 2) ${mark(rssAfter2 <= memLimit && rssAfter2 <= rssAfter1 * 1.05 + 2)}`,
);
console.log(`page HTML                              ${html.length} B raw, ${gzipSync(html).length} B gzip`);
console.log(`first screen client payload (JS + wasm + CSS):`);
for (const p of payload) console.log(`  ${p.a.padEnd(36)} ${String(p.raw).padStart(8)} B raw ${String(p.gz).padStart(8)} B gzip ${String(p.br).padStart(8)} B brotli`);
const kb = sum("br") / 1024;
console.log(`  ${"total".padEnd(36)} ${String(sum("raw")).padStart(8)} B raw ${String(sum("gz")).padStart(8)} B gzip ${String(sum("br")).padStart(8)} B brotli = ${kb.toFixed(1)} KB (target at most 70 KB) ${mark(kb <= 70)}`);
process.exit(0);
