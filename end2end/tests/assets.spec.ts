import { test, expect } from "@playwright/test";

// The built assets are named by their content hash and cached for a year, immutable; the page itself is not cached.
test("assets under /pkg/ are fingerprinted and cached for a year; pages are not", async ({ request }) => {
  const page = await request.get("/");
  expect(page.headers()["cache-control"]).toBe("no-store");
  const html = await page.text();
  const assets = [...html.matchAll(/\/pkg\/plugboard\.([A-Za-z0-9_-]{8,})\.(js|css|wasm)/g)].map((m) => m[0]);
  const kinds = new Set(assets.map((a) => a.split(".").pop()));
  expect([...kinds].sort()).toEqual(["css", "js", "wasm"]);
  for (const path of new Set(assets)) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["cache-control"], path).toBe("public, max-age=31536000, immutable");
  }
  // An unhashed name is not served as immutable (there is none in a hashed build).
  const plain = await request.get("/pkg/plugboard.css");
  expect(plain.headers()["cache-control"] ?? "").not.toContain("immutable");
});
