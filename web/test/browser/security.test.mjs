// What the browser must never allow: a mentee reaching another mentee's case by any URL (page or
// API), a forged cross-site POST riding on the session cookie, a state-changing request without
// the CSRF token; and the headers that keep the app to itself (CSP without inline scripts,
// nosniff, frame-ancestors none), the session cookie's flags, sign-out.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { go, haveChromium, launch, look, newPage, noProblems, signIn, startServer, missingRoutes } from "./harness.mjs";

const E = "unimi-2025";
let server, browser, missing = [];
const skip = !haveChromium && "no chromium at /usr/bin/chromium (scripts/install-deps.sh installs it)";
const application = (id) => ({ full_name: `${id} Secret-Surname`, status: "final_year_student", degree_course: "Secret Degree",
  self_assessment: 60, cv: `cv-${id}.pdf`, self_assessment_test: "t.pdf" });

before(async () => {
  if (!haveChromium) return;
  server = await startServer({
    programmes: [{ workflow: "workflows/unimi-mentoring.flow", rules: "rules/unimi-2025.rules", edition: E }],
    people: { gia: { roles: "mentee", editions: E }, elena: { roles: "mentee", editions: E } },
    now: "2025-07-10 09:00 Europe/Rome",
  });
  await server.exec("gia", `${E}/mentee_application/gia`, "apply_as_mentee", application("gia"));
  await server.exec("elena", `${E}/mentee_application/elena`, "apply_as_mentee", application("elena"));
  missing = await missingRoutes(server, "elena", ["/v1/me", "/v1/session", `/v1/editions/${E}/definition`]);
  if (missing.length === 0) browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const position = async () => (await (await fetch(server.url + "/v1/health")).json()).position;

test("the app's headers: CSP without inline scripts, nosniff, no framing; hashed assets cached", { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  const r = await fetch(server.url + "/");
  assert.equal(r.status, 200);
  const csp = r.headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  const html = await r.text();
  assert.doesNotMatch(html, /<script>|<script [^>]*>[^<]/, "no inline script");
  const js = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)[1];
  const asset = await fetch(server.url + js);
  assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
});

test("a mentee cannot reach another mentee's case by any URL", { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  const page = await newPage(browser, server);
  await signIn(page, server, "elena");
  for (const hash of [`#/cases/${E}/mentee_application/gia`, `#/cases/${E}/mentee_application/nobody`, `#/cases/${E}/round`]) {
    await go(page, server, hash, "main [role=alert]");
    const text = await page.$eval("main", (m) => m.textContent);
    assert.doesNotMatch(text, /gia Secret-Surname|Secret Degree/);
  }
  await look(page, "40-other-case-refused");
  await go(page, server, `#/editions/${E}/cases`, "main [role=alert]");
  const statuses = await page.evaluate(async (E) => {
    const paths = [`/v1/cases/${E}/mentee_application/gia`, `/v1/history/${E}/mentee_application/gia`,
      `/v1/commands/${E}/mentee_application/gia`, `/v1/documents/${E}/mentee_application/gia?name=cv`,
      `/v1/certificates/${E}/mentee_application/gia`, `/v1/calendar/${E}/mentee_application/gia`,
      `/v1/editions/${E}/cases`, `/v1/streams/${E}/mentee_application/gia`, `/v1/editions/${E}/dashboard`];
    const out = {};
    for (const p of paths) out[p] = (await fetch(p)).status;
    return out;
  }, E);
  for (const [path, status] of Object.entries(statuses)) assert.ok(status === 403 || status === 404, `${path}: ${status}`);
  const mine = await page.evaluate(async () => (await fetch("/v1/me/cases")).json());
  assert.deepEqual(mine.cases.map((c) => c.case), [`${E}/mentee_application/elena`]);
  noProblems(page);
});

test("a forged cross-site POST and a POST without the CSRF token are refused; sign-out ends the session", { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  const page = await newPage(browser, server);
  await signIn(page, server, "elena");
  const cookies = await page.cookies();
  const session = cookies.find((c) => c.name === "mf_session");
  assert.ok(session, "a session cookie");
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, "Strict");

  // the same origin, the cookie, no X-CSRF-Token
  const before = await position();
  const noToken = await page.evaluate(async (E) => {
    const r = await fetch(`/v1/cases/${E}/round`, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ command: "close_applications", inputs: {} }) });
    return { status: r.status, body: await r.json() };
  }, E);
  assert.equal(noToken.status, 403);
  assert.equal(noToken.body.error.code, "csrf");

  // another origin (127.0.0.1 on another port: same site, so SameSite alone would let the cookie go)
  const evil = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<form id=f method=POST action="${server.url}/v1/cases/${E}/mentee_application/elena" enctype="text/plain">
      <input name='{"command":"state_preferences","inputs":{"x":"' value='"}}'></form><script>f.submit()</script>`);
  });
  await new Promise((r) => evil.listen(0, "127.0.0.1", r));
  const evilPage = await page.browserContext().newPage();
  const [response] = await Promise.all([
    evilPage.waitForResponse((r) => r.url().startsWith(server.url) && r.request().method() === "POST"),
    evilPage.goto(`http://127.0.0.1:${evil.address().port}/`),
  ]);
  assert.ok(response.status() >= 400 && response.status() < 500, `forged POST: ${response.status()}`);
  await evilPage.close();
  await page.bringToFront();
  const forged = await fetch(`${server.url}/v1/cases/${E}/mentee_application/elena`, {
    method: "POST", headers: { "Content-Type": "application/json", Cookie: `mf_session=${session.value}`, Origin: "http://evil.example" },
    body: JSON.stringify({ command: "apply_as_mentee", inputs: {} }),
  });
  assert.equal(forged.status, 403);
  evil.close();
  assert.equal(await position(), before, "nothing was written");

  // sign-out: the cookie no longer opens anything
  await page.click("header .top-end button");
  await page.waitForSelector("#token");
  assert.equal(await page.evaluate(async () => (await fetch("/v1/me")).status), 401);
  const old = await fetch(`${server.url}/v1/me`, { headers: { Cookie: `mf_session=${session.value}` } });
  assert.equal(old.status, 401);
  await look(page, "00-sign-in");
});
