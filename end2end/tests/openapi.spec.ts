import { test, expect } from "@playwright/test";
import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";
import * as fs from "node:fs";
import * as path from "node:path";

// The host API's OpenAPI document, checked by an independent validator (swagger-parser, against the OpenAPI 3.1
// schema), and the TypeScript client the end-to-end receiver uses is what the live document generates.
test("the OpenAPI document is valid OpenAPI 3.1, and the receiver's generated client is current", async ({ request }) => {
  const resp = await request.get("/api/v1/openapi.json");
  expect(resp.status()).toBe(200);
  const doc = await resp.json();
  expect(doc.openapi).toBe("3.1.0");
  // validate() dereferences in place: give it a copy.
  const api = await SwaggerParser.validate(structuredClone(doc));
  expect(Object.keys(api.paths ?? {})).toHaveLength(4);

  // The client the receiver uses is generated from this same document before the suite (Makefile: `plugboard
  // openapi | openapi-typescript`, then `tsc`); generating it from the served one gives the same types.
  const generated = astToString(await openapiTS(doc));
  const used = fs.readFileSync(path.resolve(__dirname, "../plugboard-api.d.ts"), "utf8");
  const body = (s: string) => s.slice(s.indexOf("export "));
  expect(body(used)).toBe(body(generated));
});
