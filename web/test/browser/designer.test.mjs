// The designer in the browser: a broken workflow shows the checker's diagnostics exactly as
// `mentorflow check` prints them (file:line:col, the line, the caret); the fixed files check, the
// states are drawn, and publishing (confirmed) makes a new edition.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SOURCE, go, haveChromium, launch, look, newPage, noProblems, setValue, signIn, startServer, missingRoutes } from "./harness.mjs";

let server, browser, missing = [];
const skip = !haveChromium && "no chromium at /usr/bin/chromium (scripts/install-deps.sh installs it)";

before(async () => {
  if (!haveChromium) return;
  server = await startServer({ people: { pat: { roles: "publisher", editions: "unimi-2027" } }, now: "2027-05-01 09:00 Europe/Rome" });
  missing = await missingRoutes(server, "pat", ["/v1/me", "/v1/check"]);
  if (missing.length === 0) browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test("a broken file shows file:line:col and the caret; the fixed one publishes", { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  const workflow = readFileSync(join(SOURCE, "workflows/unimi-mentoring.flow"), "utf8");
  const rules = readFileSync(join(SOURCE, "rules/unimi-2025.rules"), "utf8");
  const broken = workflow.replace("command confirm_match by career_service from proposed to matched",
                                  "command confirm_match by career_service from proposed to matchd");
  assert.notEqual(broken, workflow);
  const page = await newPage(browser, server);
  await signIn(page, server, "pat");
  await go(page, server, "#/designer", "#wf");
  await setValue(page, "#wf", broken);
  await setValue(page, "#rules", rules);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith("/v1/check")), page.click("form.card button[type=submit]")]);
  await page.waitForSelector("pre.diagnostics");
  const diagnostics = await page.$eval("pre.diagnostics", (e) => e.textContent);
  assert.match(diagnostics, /workflow\.flow:\d+:\d+: error: .*matchd/);
  assert.match(diagnostics, /\n\s*\d+ \| .*to matchd\n\s*\| +\^/);
  await look(page, "30-designer-diagnostics");

  await setValue(page, "#wf", workflow);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith("/v1/check")), page.click("form.card button[type=submit]")]);
  await page.waitForSelector("#ok");
  await page.waitForFunction(() => (document.querySelector(".picture img")?.naturalWidth ?? 0) > 0);
  await page.type("#edition-name", "unimi-2027");
  await page.click("section[aria-labelledby=ok] form button[type=submit]");
  await page.waitForSelector("dialog.confirm[open]");
  assert.match(await page.$eval("dialog.confirm", (d) => d.textContent), /unimi-2027/);
  await Promise.all([page.waitForResponse((r) => r.request().method() === "PUT"), page.click("dialog.confirm button.primary")]);
  await page.waitForSelector("p.notice");
  assert.match(await page.$eval("p.notice", (e) => e.textContent), /unimi-2027/);
  await look(page, "31-designer-published");
  noProblems(page);
});
