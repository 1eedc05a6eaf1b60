import * as http from "node:http";
import { Webhook } from "standardwebhooks";

// The host's side of webhooks, as a host writes it: an HTTP endpoint that verifies each delivery with the
// `standardwebhooks` package and the shared secret. Started once for the run (global setup), so deliveries made by any
// test arrive; tests read what arrived from GET /received.
export const RECEIVER_ADDR = process.env.E2E_WEBHOOK_ADDR ?? "127.0.0.1:3102";
export const WEBHOOK_SECRET = process.env.PLUGBOARD_WEBHOOK_SECRET ?? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

export type Arrived = { id: string; verified: boolean; error?: string; body: any };

export function startReceiver(): Promise<http.Server> {
  const arrived: Arrived[] = [];
  const wh = new Webhook(WEBHOOK_SECRET);
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(arrived));
      return;
    }
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const headers = {
        "webhook-id": String(req.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      try {
        const body = wh.verify(raw, headers);
        if (!arrived.some((a) => a.id === headers["webhook-id"])) arrived.push({ id: headers["webhook-id"], verified: true, body });
        res.writeHead(204).end();
      } catch (e) {
        arrived.push({ id: headers["webhook-id"], verified: false, error: String(e), body: raw });
        res.writeHead(400).end("signature does not verify");
      }
    });
  });
  const [host, port] = RECEIVER_ADDR.split(":");
  return new Promise((resolve) => server.listen(Number(port), host, () => resolve(server)));
}
