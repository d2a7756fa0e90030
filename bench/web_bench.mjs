// The web app's page weight and time to first render (docs/BENCHMARKS.md, "Web app").
//
//   node bench/web_bench.mjs [--build build] [--cases 5000] [--runs 5]
//
// Weight: every .js and .css file of build/web/dist compressed with gzip (level 6, what a reverse
// proxy does by default) and brotli; target: <= 150 KB for the whole app. First render: a fresh
// store with the UniMi 2025-26 edition and N mentee applications (imported from a generated CSV
// by `mentorflow import-applicants`), a real `mentorflow serve`, headless Debian chromium signed
// in as the Career Service; the time from the start of navigation to the staff dashboard's funnel
// and to the first page of the N-case list being on screen (median of the runs, each in a fresh
// page with a warm server); target: <= 1 s. Run by hand, never by ctest.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const build = resolve(root, arg("build", "build"));
const N = Number(arg("cases", 5000));
const RUNS = Number(arg("runs", 5));
const bin = join(build, "cli/mentorflow");
const puppeteer = createRequire(join(root, "web/package.json"))("puppeteer-core");

// ---- weight ---------------------------------------------------------------------------------
const assets = join(build, "web/dist/assets");
let raw = 0, gz = 0, br = 0;
for (const f of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
  const bytes = readFileSync(join(assets, f));
  raw += bytes.length; gz += gzipSync(bytes, { level: 6 }).length; br += brotliCompressSync(bytes).length;
  console.log(`  ${f}: ${bytes.length} B, gzip ${gzipSync(bytes, { level: 6 }).length} B`);
}
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`weight (JS + CSS): ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli (target <= 150 KB compressed)`);

// ---- a store with N applications ------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), "mentorflow-web-bench-"));
const store = join(dir, "store");
const mf = (...a) => { const r = spawnSync(bin, a, { encoding: "utf8" }); if (r.status !== 0) throw new Error(r.stderr); return r.stdout; };
const now = "2025-07-10 09:00 Europe/Rome";
mf("publish", "--store", store, join(root, "workflows/unimi-mentoring.flow"), "--rules", join(root, "rules/unimi-2025.rules"), "--edition", "unimi-2025", "--now", now);
let csv = "user,full_name,status,degree_course,self_assessment,cv,self_assessment_test,graduated_on\n";
for (let i = 0; i < N; i++) csv += `student${String(i).padStart(5, "0")},Student ${i},final_year_student,Economics,${50 + (i % 50)},cv.pdf,test.pdf,\n`;
writeFileSync(join(dir, "applicants.csv"), csv);
let t0 = Date.now();
mf("import-applicants", "--store", store, "unimi-2025/mentee_application", "apply_as_mentee", join(dir, "applicants.csv"), "--now", now);
console.log(`store: ${N} mentee applications imported in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const token = mf("token", "add", "--tokens", join(dir, "tokens"), "--user", "carla", "--roles", "career_service", "--editions", "unimi-2025").trim();
const server = spawn(bin, ["serve", "--store", store, "--listen", "127.0.0.1:0", "--tokens", join(dir, "tokens"), "--now", now, "--tick-every", "0"]);
const url = await new Promise((res, rej) => {
  let log = "";
  server.stdout.on("data", (c) => { log += c; const m = /listening on (http:\/\/[\d.:]+)/.exec(log); if (m) res(m[1]); });
  server.on("exit", (c) => rej(new Error(`serve exited ${c}`)));
});

// ---- first render -------------------------------------------------------------------------------
const profile = mkdtempSync(join(tmpdir(), "mentorflow-chromium-"));
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`] });
const context = await browser.createBrowserContext();
const signin = await context.newPage();
await signin.goto(url + "/#/signin");
await signin.waitForSelector("#token");
await signin.type("#token", token);
await Promise.all([signin.waitForSelector("main h1:not(:empty)"), signin.click("button[type=submit]")]);
await signin.close();

async function firstRender(hash, selector) {
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${url}/${hash}`, { waitUntil: "domcontentloaded" });
    await page.waitForSelector(selector, { timeout: 60000 });
    const ms = await page.evaluate(() => performance.now());
    if (i > 0) times.push(ms);   // the first run warms the server's caches and the browser's
    await page.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}
const fmt = (r) => `median ${r.median.toFixed(0)} ms (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}, ${RUNS} runs)`;
const has = async (path) => (await fetch(url + path, { headers: { Authorization: `Bearer ${token}` } })).status !== 404;
if (await has("/v1/editions/unimi-2025/dashboard")) {
  const dash = await firstRender("#/editions/unimi-2025", ".funnel");
  console.log(`first render, staff dashboard (${N} cases): ${fmt(dash)} (target <= 1000 ms)`);
} else {
  console.log("first render, staff dashboard: not measured (this server has no /v1/editions/E/dashboard yet)");
}
const listAnswer = await (await fetch(`${url}/v1/editions/unimi-2025/cases?type=mentee_application&offset=0&limit=50`,
                                      { headers: { Authorization: `Bearer ${token}` } })).json();
const paged = typeof listAnswer.total === "number";
const list = await firstRender("#/editions/unimi-2025/cases?type=mentee_application", "table tbody tr");
console.log(`first render, case list of ${N} (${paged ? "first page of 50" : `not paged by this server: ${listAnswer.cases?.length} cases in one answer`}): ${fmt(list)} (target <= 1000 ms)`);
await browser.close();
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));
rmSync(profile, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });
