// The Career Service's CSV import and the auditor's what-if, in the browser on a real
// `mentorflow serve` with UniMi 2025-26: a file with a refused row imports nothing and shows the
// row with the engine's sentence; the fixed file is checked, confirmed with its count and
// imported. Then, with three mentees selected on the edition's rules, an auditor uploads a rules file with
// a higher pass mark and sees who would have been decided otherwise.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SOURCE, go, haveChromium, launch, look, newPage, noProblems, settle, signIn, startServer, missingRoutes } from "./harness.mjs";

const E = "unimi-2025";
let server, browser, missing = [];
const skip = !haveChromium && "no chromium at /usr/bin/chromium (scripts/install-deps.sh installs it)";

before(async () => {
  if (!haveChromium) return;
  server = await startServer({
    programmes: [{ workflow: "workflows/unimi-mentoring.flow", rules: "rules/unimi-2025.rules", edition: E }],
    people: {
      carla: { roles: "career_service", editions: E }, audrey: { roles: "auditor", editions: "*" },
      dora: { roles: "mentee", editions: E }, ezio: { roles: "mentee", editions: E }, fabio: { roles: "mentee", editions: E },
    },
    now: "2025-07-10 09:00 Europe/Rome",
  });
  missing = await missingRoutes(server, "carla", ["/v1/me", `/v1/editions/${E}/definition`, `/v1/editions/${E}/cases`]);
  if (missing.length === 0) browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const header = "user,full_name,status,degree_course,graduated_on,self_assessment,cv,self_assessment_test";
const row = (user, name, score) => `${user},${name},final_year_student,Economics,,${score},cv-${user}.pdf,test-${user}.pdf`;

/** Chooses `text` as the import's file (the page reads it) and asks for the check. */
async function checkFile(page, name, text) {
  const path = join(server.dir, name);
  writeFileSync(path, text);
  const input = await page.$("#imp-file");
  await input.uploadFile(path);
  await page.waitForFunction(() => /\d/.test(document.querySelector("#imp-file ~ p.sub")?.textContent ?? ""));
  await Promise.all([page.waitForResponse((r) => r.url().includes("/import")), page.click("form.card button[type=submit]")]);
  await settle(page);
}

test("CSV import: a refused row shows its text and why, nothing is imported; the fixed file is confirmed with its count",
     { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  const page = await newPage(browser, server);
  await signIn(page, server, "carla");
  await go(page, server, `#/editions/${E}/import`, "#imp-file");

  const bad = [header, row("ada", "Ada Neri", 75), row("bice", "Bice Riva", 150), row("carlo", "Carlo Sala", 40)].join("\n") + "\n";
  await checkFile(page, "applicants-bad.csv", bad);
  await page.waitForSelector("section[aria-labelledby=problems]");
  const problems = await page.$eval("section[aria-labelledby=problems]", (e) => e.textContent);
  assert.match(problems, /Nothing was imported/);
  assert.match(problems, /bice,Bice Riva,final_year_student,Economics,,150/);       // the row as the file has it
  assert.match(problems, /the self-assessment test score is 0 to 100 \(given: 150\)/);  // the rule's sentence
  await look(page, "40-import-refused-row");
  const none = await server.api("carla", "GET", `/v1/editions/${E}/cases?type=mentee_application`);
  assert.equal(none.json.cases.length, 0, "a refused file imports nothing");

  const good = [header, row("ada", "Ada Neri", 75), row("bice", "Bice Riva", 55), row("carlo", "Carlo Sala", 40)].join("\n") + "\n";
  await checkFile(page, "applicants.csv", good);
  await page.waitForSelector("dialog.confirm[open]");
  assert.match(await page.$eval("dialog.confirm", (d) => d.textContent), /Import 3 applicants\?/);
  await look(page, "41-import-confirm");
  await Promise.all([page.waitForResponse((r) => r.url().includes("/import") && r.request().method() === "POST"),
                     page.click("dialog.confirm button.primary")]);
  await page.waitForSelector("#imported");
  assert.match(await page.$eval("#imported", (e) => e.textContent), /3 applicants imported/);
  const listed = await server.api("carla", "GET", `/v1/editions/${E}/cases?type=mentee_application`);
  assert.deepEqual(listed.json.cases.map((c) => c.case ?? c.name).sort(),
                   ["ada", "bice", "carlo"].map((id) => `${E}/mentee_application/${id}`));
  noProblems(page);
});

test("what-if: an auditor uploads rules with a higher pass mark and sees who would be decided otherwise", { skip }, async (t) => {
  if (missing.length) return t.skip(`the server lacks ${missing.join(", ")}`);
  // three mentees apply themselves; applications close; the Career Service scores them:
  // 30 + 40 + 30 = 100, 30 + 25 + 30 = 85, 30 + 0 + 30 = 60, all selected at the pass mark of 60
  for (const [id, score] of [["dora", 75], ["ezio", 55], ["fabio", 40]])
    await server.exec(id, `${E}/mentee_application/${id}`, "apply_as_mentee",
                      { full_name: id, status: "final_year_student", degree_course: "Economics", self_assessment: score,
                        cv: `cv-${id}.pdf`, self_assessment_test: `test-${id}.pdf` });
  await server.exec("carla", `${E}/round`, "close_applications");
  for (const id of ["dora", "ezio", "fabio"])
    await server.exec("carla", `${E}/mentee_application/${id}`, "select_mentee", { academic_background: 8, motivation: 9 });

  const rules = readFileSync(join(SOURCE, "rules/unimi-2025.rules"), "utf8");
  const stricter = rules.replace("let mentee_pass_mark = 60", "let mentee_pass_mark = 90");
  assert.notEqual(stricter, rules);
  const rulesFile = join(server.dir, "unimi-2025-stricter.rules");
  writeFileSync(rulesFile, stricter);

  const page = await newPage(browser, server);
  await signIn(page, server, "audrey");
  await go(page, server, `#/editions/${E}/audit`, "#whatif-rules");
  const input = await page.$("section[aria-labelledby=whatif] input[type=file]");
  await input.uploadFile(rulesFile);
  await page.waitForFunction(() => (document.querySelector("#whatif-rules")?.value ?? "").includes("mentee_pass_mark = 90"));
  await page.click("section[aria-labelledby=whatif] button.primary");
  await page.waitForSelector("section[aria-labelledby=whatif] .whatif", { timeout: 120000 });
  const report = await page.$eval("section[aria-labelledby=whatif] .whatif", (e) => e.textContent);
  // ezio (85) and fabio (60) fall below 90; dora (100) stays selected
  assert.match(report, /Would change: 2 of \d+ decisions, 0 of \d+ values the rules produce, 0 of 0 matching runs/);
  assert.match(report, /Decided otherwise/);
  // each case is named by the people it concerns, by their roles
  assert.match(report, /mentee ezio: Selected → Not selected/);
  assert.match(report, /fabio: Selected → Not selected/);
  assert.doesNotMatch(report, /dora:/);
  const links = await page.$$eval("section[aria-labelledby=whatif] .whatif a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(links.some((h) => h.endsWith("/mentee_application/ezio")), `links: ${links}`);
  await look(page, "42-what-if");
  // what-if changes nothing: the cases are as they were
  const ezio = await server.api("audrey", "GET", `/v1/cases/${E}/mentee_application/ezio`);
  assert.equal(ezio.json.state, "selected");
  noProblems(page);
});
