// MILEAGE's placement search in the browser, as a student uses it: the offers of the 2025-26
// edition (after the pilot's and the edition's scenario ran on the store), filtered by language
// and by places left, each with its places left; the student never sees who took a place.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { go, haveChromium, launch, look, newPage, noProblems, settle, signIn, startServer, missingRoutes } from "./harness.mjs";

let server, browser, missing = [];
const skip = !haveChromium && "no chromium at /usr/bin/chromium (scripts/install-deps.sh installs it)";

before(async () => {
  if (!haveChromium) return;
  server = await startServer({
    scenario: "examples/mileage-pilot/scenario.jsonl",
    people: { "amina.diallo": { roles: "student", editions: "mileage-pilot,mileage-2025" } },
    now: "2026-02-10 09:00 Europe/Rome",  // after the scenario: the log's time never goes back
  });
  missing = await missingRoutes(server, "amina.diallo", ["/v1/me", "/v1/me/cases", "/v1/editions/mileage-2025/definition"]);
  if (missing.length === 0) browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const offers = (page) => page.$$eval("ul.offers > li", (l) => l.map((e) => e.textContent));

test("a student searches placements with filters and sees the places left", { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  const page = await newPage(browser, server);
  await signIn(page, server, "amina.diallo");
  await page.waitForSelector(`a[href="#/editions/mileage-2025/placements"]`);
  await look(page, "20-home-student");
  await go(page, server, "#/editions/mileage-2025/placements", "form.filters");
  await page.select("select[name=state]", "any");
  await Promise.all([page.waitForResponse((r) => r.url().includes("/placements")), page.click("form.filters button[type=submit]")]);
  await settle(page);
  const all = await offers(page);
  assert.ok(all.length > 1, `offers: ${all.length}`);
  for (const o of all) assert.match(o, /places left|post[io] liber[io]/);
  await look(page, "21-placements");

  const language = (await page.evaluate(async () => {
    const r = await fetch("/v1/editions/mileage-2025/placements?state=any");
    const j = await r.json();
    return { language: j.offers[0].language, taken: j.offers.some((o) => "taken_by" in o) };
  }));
  assert.equal(language.taken, false, "a student is not told who took a place");
  await page.type("input[name=language]", language.language);
  await Promise.all([page.waitForResponse((r) => r.url().includes("language=")), page.click("form.filters button[type=submit]")]);
  await settle(page);
  const filtered = await offers(page);
  assert.ok(filtered.length >= 1 && filtered.length <= all.length);
  for (const o of filtered) assert.ok(o.toLowerCase().includes(language.language.toLowerCase()), o);
  await page.click("input[name=with_places]");
  await Promise.all([page.waitForResponse((r) => r.url().includes("with_places=true")), page.click("form.filters button[type=submit]")]);
  await settle(page);
  for (const o of await offers(page)) assert.doesNotMatch(o, /\b0 of|\b0 posti/);
  await look(page, "22-placements-filtered");

  // the interface in Italian, chosen with the keyboard and remembered on the next page load
  await page.focus("header .lang select");
  await page.select("header .lang select", "it");
  await page.waitForFunction(() => document.documentElement.lang === "it" && /Tirocini/.test(document.querySelector("main h1")?.textContent ?? ""));
  for (const o of await offers(page)) assert.match(o, /post[io] liber[io] su/);
  await look(page, "23-placements-italiano");
  await page.reload({ waitUntil: "networkidle0" });
  await page.waitForFunction(() => /Tirocini/.test(document.querySelector("main h1")?.textContent ?? ""));
  await page.select("header .lang select", "en");
  noProblems(page);
});
