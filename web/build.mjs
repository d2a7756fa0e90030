// Builds the web app into OUT/dist: index.html and assets/ whose names carry their content's hash.
//   node build.mjs --out DIR [--no-typecheck]
// Steps: the API's types from docs/openapi.yaml (openapi-typescript, into OUT/gen, never committed),
// tsc over src/ with those types, then esbuild bundles src/main.tsx (and the CSS it imports).
import { build } from "esbuild";
import openapiTS from "openapi-typescript";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outArg = args.indexOf("--out");
if (outArg < 0 || !args[outArg + 1]) {
  console.error("usage: node build.mjs --out DIR [--no-typecheck]");
  process.exit(2);
}
const out = resolve(args[outArg + 1]);
const typecheck = !args.includes("--no-typecheck");
const step = (what) => console.log(`web: ${what}`);

// 1. The API's types, from the one document that describes it.
step("types from docs/openapi.yaml (openapi-typescript)");
const spec = resolve(here, "../docs/openapi.yaml");
const types = await openapiTS(pathToFileURL(spec), { exportType: false });
mkdirSync(join(out, "gen"), { recursive: true });
writeFileSync(join(out, "gen", "openapi.d.ts"), "// generated from docs/openapi.yaml by web/build.mjs: do not edit\n" + types);

// 2. Type-check src/ against them (esbuild only strips types).
if (typecheck) {
  step("type-check (tsc)");
  const tsconfig = {
    extends: join(here, "tsconfig.json"),
    compilerOptions: { paths: { "@openapi": [join(out, "gen", "openapi.d.ts")] } },
    include: [join(here, "src")],
  };
  writeFileSync(join(out, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const tsc = spawnSync(process.execPath, [join(here, "node_modules/typescript/bin/tsc"), "-p", join(out, "tsconfig.json")],
                        { stdio: "inherit" });
  if (tsc.status !== 0) process.exit(1);
}

// 3. Bundle: one JS and one CSS file, minified, hashed names.
step("bundle (esbuild)");
const dist = join(out, "dist");
rmSync(dist, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(here, "src/main.tsx")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: join(dist, "assets"),
  entryNames: "app-[hash]",
  assetNames: "[name]-[hash]",
  loader: { ".svg": "file" },
  publicPath: "/assets",
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
  alias: { "@openapi": join(out, "gen", "openapi.d.ts") },
});
const outputs = Object.keys(result.metafile.outputs).map((p) => "/" + relative(dist, resolve(p)).split("\\").join("/"));
const js = outputs.find((p) => p.endsWith(".js"));
const css = outputs.find((p) => p.endsWith(".css"));

// 4. The icon, hashed by hand (index.html names it; no request to /favicon.ico).
const icon = readFileSync(join(here, "src/icon.svg"));
const iconName = `/assets/icon-${createHash("sha256").update(icon).digest("hex").slice(0, 8)}.svg`;
writeFileSync(join(dist, iconName), icon);

// 5. index.html: no inline script or style (the server's Content-Security-Policy forbids them).
const html = readFileSync(join(here, "src/index.html"), "utf8")
  .replace("%JS%", js).replace("%CSS%", css).replace("%ICON%", iconName);
writeFileSync(join(dist, "index.html"), html);
writeFileSync(join(out, "dist.stamp"), readdirSync(join(dist, "assets")).sort().join("\n") + "\n");
step(`built ${[js, css, iconName].join(" ")}`);
