// docs/openapi.yaml is valid OpenAPI: a standard validator accepts it, and no flow-style YAML
// turned prose into keys (an unquoted comma in `{description: a, b}` makes `b` a key whose value
// is null; the validator misses it wherever a schema allows extra properties).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import yaml from "js-yaml";

const file = fileURLToPath(new URL("../../../docs/openapi.yaml", import.meta.url));

test("docs/openapi.yaml passes @apidevtools/swagger-parser's validation", async () => {
  await SwaggerParser.validate(file);
});

test("docs/openapi.yaml has no key whose value is null (prose split at a comma)", () => {
  const doc = yaml.load(readFileSync(file, "utf8"));
  const nulls = [];
  const walk = (node, at) => {
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (value === null) nulls.push(`${at}/${key}`);
      walk(value, `${at}/${key}`);
    }
  };
  walk(doc, "");
  assert.deepEqual(nulls, []);
});
