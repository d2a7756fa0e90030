// The UI's own logic (src/lib, TypeScript) bundled by esbuild in memory and imported, so its unit
// tests run on Node's test runner without a build step.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

export async function loadLib() {
  const entry = fileURLToPath(new URL("../../src/lib/index.ts", import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: "esm", platform: "neutral", target: "es2020" });
  const code = out.outputFiles[0].text;
  return import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));
}
