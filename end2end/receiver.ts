import * as http from "node:http";
import { Webhook } from "standardwebhooks";
import createClient from "openapi-fetch";
// Generated from plugboard's OpenAPI document (`plugboard openapi | npx openapi-typescript`); tests/openapi.spec.ts
// checks it is what the live document generates.
import type { paths } from "./plugboard-api";

// The host's side of webhooks, as a host writes it: an HTTP endpoint that verifies each delivery with the
// `standardwebhooks` package and the shared secret. Started once for the run (global setup), so deliveries made by any
// test arrive; tests read what arrived from GET /received.
export const RECEIVER_ADDR = process.env.E2E_WEBHOOK_ADDR ?? "127.0.0.1:3102";
export const WEBHOOK_SECRET = process.env.PLUGBOARD_WEBHOOK_SECRET ?? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// The host's own pages (what a host product writes): a settings page with a "Connect Slack" button that mints a deep
// link through the host API and sends the browser to it, and the page the portal sends the browser back to, which
// shows `plugboard_result` at once and confirms it with the read API (the hint is never the record).
export const PORTAL = `http://${process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000"}`;
export const API_TOKEN = process.env.PLUGBOARD_API_TOKEN ?? "e2e-api-token-0123456789";
const plugboard = createClient<paths>({ baseUrl: PORTAL, headers: { authorization: `Bearer ${API_TOKEN}` } });

async function hostPage(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", `http://${RECEIVER_ADDR}`);
  const user = url.searchParams.get("user") ?? "";
  const html = (body: string) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Acme settings</title></head><body><main>${body}</main></body></html>`);
  };
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  if (req.method === "GET" && url.pathname === "/host/settings") {
    const result = url.searchParams.get("plugboard_result");
    if (!result) {
      html(`<h1>Acme settings</h1><form method="post" action="/host/connect?user=${encodeURIComponent(user)}&amp;integration=ci_01_slack">
        <button type="submit">Connect Slack</button></form>`);
      return true;
    }
    const integration = url.searchParams.get("plugboard_integration") ?? "";
    const { data: read } = await plugboard.GET("/api/v1/users/{userId}/connections", { params: { path: { userId: user } } });
    const confirmed = read?.connections.find((c) => c.customerIntegrationId === integration)?.state ?? "unreadable";
    html(`<h1>Acme settings</h1>
      <p data-hint="${esc(result)}">The portal says: ${esc(result)}</p>
      <p data-confirmed="${esc(confirmed)}">The read API says: ${esc(confirmed)}</p>
      <p data-event="${esc(url.searchParams.get("plugboard_event") ?? "")}">${esc(integration)}</p>`);
    return true;
  }
  if (req.method === "POST" && url.pathname === "/host/connect") {
    const { data: minted, error } = await plugboard.POST("/api/v1/links", {
      // The button's click: one key per press, so a retried request cannot mint a second link.
      params: { header: { "Idempotency-Key": `press-${user}-${Date.now()}` } },
      body: {
        userId: user,
        connect: url.searchParams.get("integration") ?? undefined,
        returnUrl: `http://${RECEIVER_ADDR}/host/settings?user=${encodeURIComponent(user)}`,
        returnMode: "immediate",
      },
    });
    if (!minted) {
      res.writeHead(502, { "content-type": "text/plain" }).end(`minting failed: ${JSON.stringify(error)}`);
      return true;
    }
    res.writeHead(303, { location: minted.url }).end();
    return true;
  }
  return false;
}

export type Arrived = { id: string; path: string; verified: boolean; error?: string; body: any };

export function startReceiver(): Promise<http.Server> {
  const arrived: Arrived[] = [];
  // Each path is an endpoint with its own secret: /hooks is PLUGBOARD_WEBHOOK_URL; endpoints made in the console
  // (tests/host_console.spec.ts) register theirs with POST /_secret?path=/hooks/a (body: the whsec_ secret).
  const secrets = new Map<string, Webhook>([["/hooks", new Webhook(WEBHOOK_SECRET)]]);
  const server = http.createServer(async (req, res) => {
    if (req.url?.startsWith("/host/")) {
      if (await hostPage(req, res).catch((e) => (res.writeHead(500).end(String(e)), true))) return;
    }
    const url = new URL(req.url ?? "/", `http://${RECEIVER_ADDR}`);
    if (req.method === "GET" && url.pathname === "/received") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(arrived));
      return;
    }
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (req.method === "POST" && url.pathname === "/_secret") {
        secrets.set(url.searchParams.get("path") ?? "", new Webhook(raw.trim()));
        res.writeHead(204).end();
        return;
      }
      const headers = {
        "webhook-id": String(req.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      const path = url.pathname;
      try {
        const wh = secrets.get(path);
        if (!wh) throw new Error(`no secret for ${path}`);
        const body = wh.verify(raw, headers);
        if (!arrived.some((a) => a.id === headers["webhook-id"] && a.path === path)) arrived.push({ id: headers["webhook-id"], path, verified: true, body });
        res.writeHead(204).end();
      } catch (e) {
        arrived.push({ id: headers["webhook-id"], path, verified: false, error: String(e), body: raw });
        res.writeHead(400).end("signature does not verify");
      }
    });
  });
  const [host, port] = RECEIVER_ADDR.split(":");
  return new Promise((resolve) => server.listen(Number(port), host, () => resolve(server)));
}
