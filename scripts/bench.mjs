// make bench: the release build against a sandbox seeded with 50 integrations and 50 ms of added latency per call.
// Prints, as plain text: one upstream GET, the portal page cold and warm, time to first byte, warm throughput at a
// fixed concurrency, and the first screen's client payload (raw, gzip, brotli).
import { execFileSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import * as path from "node:path";
import { bin, freshDb, median, ms, p95, root, sleep, start as startWith, waitFor } from "./bench-lib.mjs";

const SANDBOX = "127.0.0.1:3201";
const PORTAL = "127.0.0.1:3200";
const KEY = "bench-key";
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const INTEGRATIONS = 50;
const CACHE_SECONDS = 2;
const CONCURRENCY = 16;
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);

const env = {
  ...process.env,
  RUST_LOG: "warn",
  LEPTOS_SITE_ADDR: PORTAL,
  LEPTOS_SITE_ROOT: path.join(root, "target/site"),
  TR_API_URL: `http://${SANDBOX}`,
  TR_API_KEY: KEY,
  PLUGBOARD_LINK_SECRET: "bench-secret-0123456789abcdef0123456789",
  PLUGBOARD_DATABASE_URL: freshDb("bench.db"),
  PLUGBOARD_AUTHORIZE_HOSTS: "http://localhost",
  PLUGBOARD_LINK_RATE_PER_MINUTE: "0",
  PLUGBOARD_CONNECT_RATE_PER_MINUTE: "0",
  PLUGBOARD_STATE_CONCURRENCY: "64",
  PLUGBOARD_LIST_CACHE_SECONDS: String(CACHE_SECONDS),
};
const start = (args) => startWith(args, env);

start(["sandbox", "--addr", SANDBOX, "--api-key", KEY, "--generate", String(INTEGRATIONS), "--latency-ms", String(LATENCY_MS)]);
await waitFor(`http://${SANDBOX}/v1/integrations`, { "x-api-key": KEY });
start([]);
await waitFor(`http://${PORTAL}/`);

// Sign in once through a link; keep the session cookie.
const link = execFileSync(bin, ["link", "bench-user"], { env, encoding: "utf8" }).trim();
// The link's page (a GET) only looks; its Continue button (a same-origin POST) signs in.
const signIn = await fetch(link, { method: "POST", redirect: "manual", headers: { origin: `http://${PORTAL}` } });
const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
if (signIn.status !== 303 || !cookie) throw new Error(`sign-in failed: ${signIn.status}`);
const headers = { cookie, accept: "text/html", "accept-encoding": "identity" };

// 1. One upstream GET (GET user), straight at the sandbox.
const upstream = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await (await fetch(`http://${SANDBOX}/v1/integrations/ci_gen_0001/users/bench-user`, { headers: { "x-api-key": KEY } })).text();
  upstream.push(performance.now() - t);
}

async function timePage() {
  const t = performance.now();
  const res = await fetch(`http://${PORTAL}/`, { headers });
  const headersAt = performance.now() - t;
  const reader = res.body.getReader();
  let first = null;
  let bytes = 0;
  let html = "";
  const dec = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (first === null) first = performance.now() - t;
    bytes += value.length;
    html += dec.decode(value, { stream: true });
  }
  const total = performance.now() - t;
  const cards = (html.match(/data-card=""/g) ?? []).length;
  if (res.status !== 200 || cards !== INTEGRATIONS) throw new Error(`page: status ${res.status}, ${cards} cards`);
  return { headersAt, first, total, bytes, html };
}

// 2. Cold: list cache expired, states never cached.
const cold = [];
const coldTtfb = [];
for (let i = 0; i < 5; i++) {
  await sleep(CACHE_SECONDS * 1000 + 200);
  const r = await timePage();
  cold.push(r.total);
  coldTtfb.push(r.first);
}
// 3. Warm: list cached, states cold (every state is read live).
const warm = [];
const warmTtfb = [];
let page;
await timePage();
for (let i = 0; i < 20; i++) {
  const r = await timePage();
  warm.push(r.total);
  warmTtfb.push(r.first);
  page = r;
}

// 4. Throughput at a fixed concurrency, warm.
let done = 0;
const until = Date.now() + THROUGHPUT_SECONDS * 1000;
const lat = [];
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) {
      const t = performance.now();
      const r = await fetch(`http://${PORTAL}/`, { headers });
      await r.text();
      if (r.status === 200) done++;
      lat.push(performance.now() - t);
    }
  }),
);

// 5. First screen's client payload: what the browser downloads besides the HTML.
const assets = [...new Set([...page.html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)].map((m) => m[1]))];
const jsName = [...page.html.matchAll(/\("", "pkg", "([^"]*)", "([^"]*)"/g)][0];
if (jsName) {
  assets.push(`/pkg/${jsName[1]}.js`, `/pkg/${jsName[2]}.wasm`);
}
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

const up = median(upstream);
console.log(`plugboard bench: release build, sandbox with ${INTEGRATIONS} integrations and ${LATENCY_MS} ms added latency per call`);
console.log(`one upstream GET (GET user)        median ${ms(up)}  p95 ${ms(p95(upstream))}`);
console.log(`portal page, cold (list + states)  median ${ms(median(cold))}  = ${(median(cold) / up).toFixed(2)} x one call   (n=${cold.length})`);
console.log(`portal page, warm (list cached)    median ${ms(median(warm))}  = ${(median(warm) / up).toFixed(2)} x one call   p95 ${ms(p95(warm))} (n=${warm.length})`);
console.log(`time to first byte                 cold median ${ms(median(coldTtfb))}  warm median ${ms(median(warmTtfb))}`);
console.log(`warm throughput, concurrency ${CONCURRENCY}     ${(done / THROUGHPUT_SECONDS).toFixed(1)} pages/s  median ${ms(median(lat))}  p95 ${ms(p95(lat))}`);
console.log(`page HTML                          ${html.length} B raw, ${gzipSync(html).length} B gzip`);
console.log(`first screen client payload (JS + wasm + CSS):`);
for (const p of payload) console.log(`  ${p.a.padEnd(32)} ${String(p.raw).padStart(8)} B raw ${String(p.gz).padStart(8)} B gzip ${String(p.br).padStart(8)} B brotli`);
console.log(`  ${"total".padEnd(32)} ${String(sum("raw")).padStart(8)} B raw ${String(sum("gz")).padStart(8)} B gzip ${String(sum("br")).padStart(8)} B brotli (${(sum("br") / 1024).toFixed(1)} KB; budget 100 KB)`);
process.exit(0);
