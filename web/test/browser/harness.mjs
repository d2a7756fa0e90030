// What every browser test shares: a real `mentorflow serve` on 127.0.0.1 over a fresh temporary
// store with the shipped programmes published and tokens for their people; Debian's chromium
// driven by puppeteer-core (it never downloads a browser); sign-in through the sign-in page;
// axe-core on each page; screenshots at desktop and phone width kept in $WEB_SCREENSHOTS.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE = process.env.MENTORFLOW_SOURCE_DIR ?? join(here, "../../..");
export const BIN = process.env.MENTORFLOW_BIN ?? join(SOURCE, "build/cli/mentorflow");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const SHOTS = process.env.WEB_SCREENSHOTS ?? join(SOURCE, "build/web-screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Skips the whole file (ctest: exit 77 would need a wrapper; node --test: skip) without chromium. */
export const haveChromium = existsSync(CHROMIUM);

export function mf(args, options = {}) {
  // from the source folder, so explanations name files as the repository does (rules/unimi-2025.rules:65)
  const r = spawnSync(BIN, args, { encoding: "utf8", cwd: SOURCE, ...options });
  if (r.status !== 0) throw new Error(`mentorflow ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/**
 * A fresh store with a `scenario` run on it (examples/NAME/scenario.jsonl) and `programmes`
 * ([{workflow, rules, edition}]) published at `now`, tokens for
 * `people` ({name: {roles, editions}}), and `mentorflow serve` on a free port.
 */
export async function startServer({ programmes = [], scenario, people, now }) {
  const dir = mkdtempSync(join(tmpdir(), "mentorflow-web-"));
  const store = join(dir, "store");
  const tokensFile = join(dir, "tokens");
  if (scenario) mf(["run", "--store", store, scenario]);
  for (const p of programmes)
    mf(["publish", "--store", store, p.workflow, "--rules", p.rules, "--edition", p.edition, "--now", now]);
  const tokens = {};
  for (const [user, who] of Object.entries(people))
    tokens[user] = mf(["token", "add", "--tokens", tokensFile, "--user", user, "--roles", who.roles, "--editions", who.editions]).trim();
  const child = spawn(BIN, ["serve", "--store", store, "--listen", "127.0.0.1:0", "--tokens", tokensFile, "--now", now, "--tick-every", "0"],
                      { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60000);
    const read = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`serve exited ${code}:\n${log}`)));
  });
  child.stdout.on("data", (c) => { log += c; });
  child.stderr.on("data", (c) => { log += c; });
  return {
    url, tokens, dir, store,
    log: () => log,
    /** The API with a bearer token, as a portal would call it (no cookie, no CSRF). */
    async api(user, method, path, body) {
      const r = await fetch(url + path, {
        method, headers: { Authorization: `Bearer ${tokens[user]}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      let json; try { json = JSON.parse(text); } catch { json = text; }
      return { status: r.status, json };
    },
    /** Runs a command and insists it is accepted. */
    async exec(user, caseName, command, inputs = {}) {
      const r = await this.api(user, "POST", `/v1/cases/${caseName}`, { command, inputs });
      assert.ok(r.status === 200 || r.status === 201, `${user} ${command} on ${caseName}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => { if (child.exitCode !== null) r(); else child.on("exit", r); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "mentorflow-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // without the background-networking flags a closed network refuses many connections
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", `--user-data-dir=${profile}`],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => { await close(); rmSync(profile, { recursive: true, force: true }); };
  return browser;
}

/**
 * A page in its own browser context (its own cookies) that records what must never happen: a
 * request to another origin, a Content-Security-Policy violation, an uncaught error.
 */
export async function newPage(browser, server) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.problems = [];
  const origin = new URL(server.url).origin;
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) page.problems.push(`third-party request: ${u}`);
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) page.problems.push(`CSP: ${m.text()}`);
  });
  page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
  return page;
}

export async function signIn(page, server, user) {
  await page.goto(server.url + "/#/signin", { waitUntil: "networkidle0" });
  await page.waitForSelector("#token");
  await page.type("#token", server.tokens[user]);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith("/v1/session")), page.click("button[type=submit]")]);
  await page.waitForSelector("main h1");
  await page.waitForFunction(() => !document.querySelector("#token"));
}

export async function go(page, server, hash, selector = "main h1") {
  const target = `${server.url}/${hash}`;
  // the same URL again is only a fragment navigation: reload, so the page shows what is now true
  if (page.url() === target) await page.reload({ waitUntil: "networkidle0" });
  else await page.goto(target, { waitUntil: "networkidle0" });
  await page.waitForSelector(selector);
  await settle(page);
}

/** Waits until nothing says it is loading, and no page is refreshing what it shows (aria-busy). */
export async function settle(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll("[role=status]")].some((e) => /Loading|Caricamento/.test(e.textContent ?? "")) &&
                                    !document.querySelector("[aria-busy=true]"),
                             { timeout: 30000 });
}

/** axe-core on the page: no serious or critical violation. */
export async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(result, [], `axe-core on ${name}`);
}

/** Screenshots at desktop and phone width (360 px), then axe-core at both. */
export async function look(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await axe(page, name);
  const viewport = page.viewport();
  await page.setViewport({ width: 360, height: 780 });   // not isMobile: that would reload the page and lose what was typed
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${name} at 360 px is ${overflow} px wider than the screen`);
  await axe(page, `${name} (phone)`);
  await page.setViewport(viewport);
}

export function noProblems(page) {
  assert.deepEqual(page.problems, []);
}

/** Sets a form control's value as a person typing would (clears it first). */
export async function fill(page, selector, value) {
  await page.waitForSelector(selector);
  await page.click(selector, { clickCount: 3 });
  await page.$eval(selector, (e) => { e.value = ""; });
  await page.type(selector, String(value));
}

export async function choose(page, selector, value) {
  await page.waitForSelector(selector);
  await page.select(selector, value);
}

/** Clicks the button whose text is `text` (inside `scope`). */
export async function clickButton(page, text, scope = "body") {
  const handle = await page.waitForFunction((scope, text) => {
    return [...document.querySelectorAll(`${scope} button, ${scope} a.button`)].find((b) => b.textContent.trim() === text && !b.disabled) ?? null;
  }, {}, scope, text);
  await handle.asElement().click();
}

/** Waits for an accepted command (the notice) or a refusal (an alert) after submitting. */
export async function textOf(page, selector) {
  await page.waitForSelector(selector);
  return page.$eval(selector, (e) => e.textContent.trim());
}

/** Sets an input's value and fires `input`, as the browser does when a person picks a date. */
export async function setValue(page, selector, value) {
  await page.waitForSelector(selector);
  await page.$eval(selector, (e, v) => {
    const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : e instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(e, v);
    e.dispatchEvent(new Event(e instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
  }, String(value));
}

/** Submits the command form `prefix` (its inputs' ids start with it); resolves with the command's answer. */
export async function submitCommand(page, prefix) {
  const button = `form[aria-labelledby="${prefix}-title"] button[type=submit]`;
  await page.waitForSelector(button);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/v1/cases/")),
    page.click(button),
  ]);
  await settle(page);
  return { status: response.status(), json: await response.json().catch(() => null) };
}

/** Submits a form that first asks for a confirmation (a cohort command): checks the dialog, confirms. */
export async function submitConfirmed(page, prefix, expect) {
  const button = `form[aria-labelledby="${prefix}-title"] button[type=submit]`;
  await page.waitForSelector(button);
  await page.click(button);
  await page.waitForSelector("dialog.confirm[open]");
  const text = await page.$eval("dialog.confirm", (d) => d.textContent);
  if (expect) assert.match(text, expect);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/v1/cases/") && !r.request().postData()?.includes('"dry_run"')),
    page.click("dialog.confirm button.primary"),
  ]);
  await settle(page);
  return { status: response.status(), json: await response.json().catch(() => null), dialog: text };
}

/** A file the page uploads (a tiny PDF). */
export function pdfFile(dir, name) {
  const path = join(dir, name);
  writeFileSync(path, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  return path;
}

/**
 * The routes among `paths` this server does not have yet (404 "no such resource"), and "/" when
 * it was built without the web app. A test skips, naming them, rather than fail on an API that
 * has not landed; once they are there it runs in full.
 */
export async function missingRoutes(server, user, paths) {
  const missing = [];
  const root = await fetch(server.url + "/");
  if (root.status !== 200 || !(root.headers.get("content-type") ?? "").startsWith("text/html")) missing.push("/ (the embedded web app)");
  for (const path of paths) {
    const r = await fetch(server.url + path, { headers: { Authorization: `Bearer ${server.tokens[user]}` } });
    if (r.status === 404) {
      const body = await r.json().catch(() => ({}));
      if (/^no such resource/.test(body?.error?.message ?? "")) missing.push(path);
    }
  }
  return missing;
}
