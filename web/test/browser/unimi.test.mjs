// A whole UniMi 2025-26 edition through the browser, on a real `mentorflow serve`: a mentee and a
// mentor apply (with their documents), the Career Service closes applications, selects on its
// criteria and records training, holds the speed date, the mentee ranks the mentors she met, the
// matching run, the review (one proposal confirmed, one overridden with a reason), meetings (a
// 2-hour one refused with the rule's reason beside the field), the end of the period, the
// certificate downloaded and read back with pdftotext; an auditor verifies the log. The rest of
// the cohort acts through the API, as a portal would. Screenshots and axe-core on every page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  SHOTS, axe, choose, fill, go, haveChromium, launch, look, newPage, noProblems, pdfFile, setValue, settle, signIn, startServer,
  submitCommand, submitConfirmed, missingRoutes,
} from "./harness.mjs";

const E = "unimi-2025";
const people = {
  gia: { roles: "mentee", editions: E }, luca: { roles: "mentee", editions: E }, elena: { roles: "mentee", editions: E },
  paolo: { roles: "mentor", editions: E }, marta: { roles: "mentor", editions: E }, franco: { roles: "mentor", editions: E },
  carla: { roles: "career_service", editions: E }, audrey: { roles: "auditor", editions: "*" },
};
let server, browser, missing = [];
const APP = "/ (the embedded web app)";
// the routes the stages drive (GET paths as missingRoutes asks them)
const R = {
  me: "/v1/me", definition: `/v1/editions/${E}/definition`, commands: `/v1/commands/${E}/round`,
  opening: `/v1/editions/${E}/commands?type=mentee_application`, uploads: "/v1/uploads", cases: `/v1/editions/${E}/cases`,
  dashboard: `/v1/editions/${E}/dashboard`, matching: `/v1/editions/${E}/matching`, verify: "/v1/verify",
  certificates: `/v1/editions/${E}/certificates`, certificate: `/v1/certificates/${E}/round`, calendar: `/v1/calendar/${E}/round`,
  graph: `/v1/editions/${E}/graph.svg`, myData: "/v1/me/export",
};

before(async () => {
  if (!haveChromium) return;
  server = await startServer({
    programmes: [{ workflow: "workflows/unimi-mentoring.flow", rules: "rules/unimi-2025.rules", edition: E }],
    people, now: "2025-07-10 09:00 Europe/Rome",
  });
  missing = await missingRoutes(server, "carla", Object.values(R));
  if (!missing.includes(APP)) browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const skip = !haveChromium && "no chromium at /usr/bin/chromium (scripts/install-deps.sh installs it)";
const mentee = (id) => `${E}/mentee_application/${id}`;
const mentor = (id) => `${E}/mentor_application/${id}`;
const round = `${E}/round`;
const pair = `${E}/mentorship/gia`;

// One page per person, signed in on first use.
const pages = {};
async function pageOf(user) {
  if (!pages[user]) {
    pages[user] = await newPage(browser, server);
    await signIn(pages[user], server, user);
  }
  return pages[user];
}

/** A stage: in the browser when the server has `needs`, else skipped (naming them) and done through the API. */
async function stage(t, name, needs, inBrowser, throughApi) {
  await t.test(name, async (st) => {
    const lacking = needs.filter((path) => missing.includes(path));
    if (lacking.length === 0) return inBrowser();
    st.skip(`the server lacks ${lacking.join(", ")}${throughApi ? "; done through the API" : ""}`);
    await throughApi?.();
  });
}

/** A cohort command from the dashboard, confirmed with what it will do. */
async function cohortStep(carla, command, expect, before) {
  await go(carla, server, `#/editions/${E}`, `form[aria-labelledby="cohort-${command}-title"]`);
  await before?.();
  const r = await submitConfirmed(carla, `cohort-${command}`, expect);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r;
}
const cohortNeeds = [R.me, R.definition, R.dashboard, R.commands];

test("a whole UniMi edition through the browser", { skip }, async (t) => {
  if (missing.includes(APP)) return t.skip(`the server lacks ${APP}`);

  await stage(t, "gia's home before she applies", [R.me, R.definition], async () => {
    await look(await pageOf("gia"), "01-home-mentee");
  });

  await stage(t, "gia applies as a mentee, with her two documents", [R.me, R.definition, R.opening, R.uploads], async () => {
    const gia = await pageOf("gia");
    await go(gia, server, `#/apply/${E}/mentee_application`, "#cmd-apply_as_mentee-status");
    await fill(gia, "#cmd-apply_as_mentee-full_name", "Gia Rossi");
    await choose(gia, "#cmd-apply_as_mentee-status", "final_year_student");
    await fill(gia, "#cmd-apply_as_mentee-degree_course", "Economics");
    await fill(gia, "#cmd-apply_as_mentee-self_assessment", "75");
    // a file that is not what its name says is refused beside its input, in the server's sentence
    const fake = join(server.dir, "not-a-cv.pdf");
    writeFileSync(fake, "just some text\n");
    await (await gia.$("#cmd-apply_as_mentee-cv")).uploadFile(fake);
    const refusal = await gia.waitForSelector("#cmd-apply_as_mentee-cv-upload-error");
    assert.match(await refusal.evaluate((e) => e.textContent), /not-a-cv\.pdf/);
    for (const doc of ["cv", "self_assessment_test"]) {
      const input = await gia.$(`#cmd-apply_as_mentee-${doc}`);
      await input.uploadFile(pdfFile(server.dir, `${doc}-gia.pdf`));
      await gia.waitForFunction((id) => document.getElementById(id)?.parentElement?.textContent?.includes(".pdf"), {}, `cmd-apply_as_mentee-${doc}`);
    }
    await look(gia, "02-apply-mentee");
    const applied = await submitCommand(gia, "cmd-apply_as_mentee");
    assert.equal(applied.status, 201, JSON.stringify(applied.json));
    await gia.waitForFunction((n) => location.hash.includes(n), {}, "mentee_application/gia");
    await settle(gia);
    await look(gia, "03-case-mentee-submitted");
  }, () => server.exec("gia", mentee("gia"), "apply_as_mentee",
    { full_name: "Gia Rossi", status: "final_year_student", degree_course: "Economics", self_assessment: 75, cv: "cv.pdf", self_assessment_test: "t.pdf" }));

  await stage(t, "paolo applies as a mentor", [R.me, R.definition, R.opening, R.uploads], async () => {
    const paolo = await pageOf("paolo");
    await go(paolo, server, `#/apply/${E}/mentor_application`, "#cmd-apply_as_mentor-alumni_degree");
    await fill(paolo, "#cmd-apply_as_mentor-full_name", "Paolo Neri");
    await fill(paolo, "#cmd-apply_as_mentor-alumni_degree", "Physics");
    await fill(paolo, "#cmd-apply_as_mentor-graduation_year", "2008");
    await fill(paolo, "#cmd-apply_as_mentor-profession", "Data engineer");
    await fill(paolo, "#cmd-apply_as_mentor-years_experience", "15");
    await fill(paolo, "#cmd-apply_as_mentor-self_assessment", "80");
    for (const doc of ["cv", "self_assessment_test"]) {
      await (await paolo.$(`#cmd-apply_as_mentor-${doc}`)).uploadFile(pdfFile(server.dir, `${doc}-paolo.pdf`));
      await paolo.waitForFunction((id) => document.getElementById(id)?.parentElement?.textContent?.includes(".pdf"), {}, `cmd-apply_as_mentor-${doc}`);
    }
    assert.equal((await submitCommand(paolo, "cmd-apply_as_mentor")).status, 201);
  }, () => server.exec("paolo", mentor("paolo"), "apply_as_mentor", { full_name: "Paolo Neri", alumni_degree: "Physics", graduation_year: 2008,
    profession: "Data engineer", years_experience: 15, self_assessment: 80, cv: "cv.pdf", self_assessment_test: "t.pdf" }));

  // the rest of the cohort through the API, as a portal would
  await server.exec("luca", mentee("luca"), "apply_as_mentee",
    { full_name: "Luca Bianchi", status: "final_year_student", degree_course: "Law", self_assessment: 70, cv: "cv.pdf", self_assessment_test: "t.pdf" });
  for (const m of ["marta", "franco"])
    await server.exec(m, mentor(m), "apply_as_mentor", { full_name: m, alumni_degree: "Economics", graduation_year: 2010, profession: "Banker",
      years_experience: 12, self_assessment: 75, cv: "cv.pdf", self_assessment_test: "t.pdf" });

  await stage(t, "the Career Service's dashboard; applications closed, confirmed with what it will do", cohortNeeds, async () => {
    const carla = await pageOf("carla");
    await go(carla, server, `#/editions/${E}`, ".funnel");
    await look(carla, "04-dashboard");
    await carla.click(`form[aria-labelledby="cohort-close_applications-title"] button[type=submit]`);
    await carla.waitForSelector("dialog.confirm[open]");
    await carla.screenshot({ path: join(SHOTS, "05-confirm-cohort-command.png") });
    await axe(carla, "confirmation dialog");
    await carla.click("dialog.confirm button:not(.primary)");
    await submitConfirmed(carla, "cohort-close_applications");
  }, () => server.exec("carla", round, "close_applications"));

  await stage(t, "the submitted mentees listed; gia selected on the criteria", [R.me, R.definition, R.cases, R.commands], async () => {
    const carla = await pageOf("carla");
    await go(carla, server, `#/editions/${E}/cases?type=mentee_application&state=submitted`, "table");
    await look(carla, "06-cases-submitted");
    await go(carla, server, `#/cases/${mentee("gia")}`, "#cmd-select_mentee-academic_background");
    await fill(carla, "#cmd-select_mentee-academic_background", "8");
    await fill(carla, "#cmd-select_mentee-motivation", "9");
    await look(carla, "07-select-mentee");
    const selected = await submitCommand(carla, "cmd-select_mentee");
    assert.equal(selected.json.state, "selected", JSON.stringify(selected.json));
  }, () => server.exec("carla", mentee("gia"), "select_mentee", { academic_background: 8, motivation: 9 }));

  await stage(t, "gia's training recorded by the Career Service", [R.me, R.definition, R.commands], async () => {
    const carla = await pageOf("carla");
    await go(carla, server, `#/cases/${mentee("gia")}`, "#cmd-attend_mentee_training-session");
    await setValue(carla, "#cmd-attend_mentee_training-session", "2025-09-02T14:00");
    assert.equal((await submitCommand(carla, "cmd-attend_mentee_training")).status, 200);
    assert.equal((await submitCommand(carla, "cmd-finish_mentee_training")).json.state, "trained");
  }, async () => {
    await server.exec("carla", mentee("gia"), "attend_mentee_training", { session: "2025-09-02 14:00 Europe/Rome" });
    await server.exec("carla", mentee("gia"), "finish_mentee_training");
  });
  await server.exec("carla", mentee("luca"), "select_mentee", { academic_background: 8, motivation: 8 });
  await server.exec("carla", mentee("luca"), "attend_mentee_training", { session: "2025-09-18 14:00 Europe/Rome" });
  await server.exec("carla", mentee("luca"), "finish_mentee_training");
  for (const m of ["paolo", "marta", "franco"]) {
    await server.exec("carla", mentor(m), "select_mentor", { academic_background: 8, motivation: 8 });
    for (const day of ["01", "08", "15"])
      await server.exec("carla", mentor(m), "attend_mentor_training", { session: `2025-09-${day} 18:00 Europe/Rome` });
    await server.exec("carla", mentor(m), "finish_mentor_training");
  }

  await stage(t, "the speed date: a cohort command, confirmed with what it will do", cohortNeeds, async () => {
    const carla = await pageOf("carla");
    await cohortStep(carla, "hold_speed_date", /5/, () => setValue(carla, "#cohort-hold_speed_date-held_on", "2025-10-15T18:00"));
  }, () => server.exec("carla", round, "hold_speed_date", { held_on: "2025-10-15 18:00 Europe/Rome" }));

  await stage(t, "gia ranks the mentors she met, with the keyboard", [R.me, R.definition, R.commands], async () => {
    const gia = await pageOf("gia");
    await go(gia, server, `#/cases/${mentee("gia")}`, "#cmd-state_preferences-preferences-add");
    for (const who of ["paolo", "marta"]) {
      await choose(gia, "#cmd-state_preferences-preferences-add", mentor(who));
      await gia.click("#cmd-state_preferences-preferences .rank-add button");
    }
    await gia.focus("#cmd-state_preferences-preferences-up-1");   // marta up, with the keyboard
    await gia.keyboard.press("Enter");
    // marta is first now: her up button is disabled, so focus is on her down button
    await gia.waitForFunction(() => document.activeElement?.id === "cmd-state_preferences-preferences-down-0");
    const ranked = await gia.$$eval("#cmd-state_preferences-preferences ol li .rank-text", (l) => l.map((e) => e.textContent));
    assert.match(ranked[0], /marta/);
    await look(gia, "08-rank-mentors");
    assert.equal((await submitCommand(gia, "cmd-state_preferences")).json.state, "ranked");
  }, () => server.exec("gia", mentee("gia"), "state_preferences", { preferences: [mentor("marta"), mentor("paolo")] }));
  await server.exec("luca", mentee("luca"), "state_preferences", { preferences: [mentor("marta"), mentor("paolo")] });

  await stage(t, "the matching run", cohortNeeds, async () => {
    await cohortStep(await pageOf("carla"), "run_matching");
  }, () => server.exec("carla", round, "run_matching"));

  await stage(t, "the matching review: one proposal confirmed, one overridden with a reason", [R.me, R.definition, R.matching, R.commands], async () => {
    const carla = await pageOf("carla");
    await go(carla, server, `#/editions/${E}/matching`, "table.matching");
    await look(carla, "09-matching-review");
    const rows = await carla.$$eval("table.matching tbody tr th a", (l) => l.map((a) => a.textContent));
    assert.deepEqual(rows.sort(), ["gia", "luca"]);
    await carla.click(`button[aria-controls="decide-gia"]`);
    await carla.waitForSelector(`form[aria-labelledby="gia-confirm_match-title"]`);
    assert.equal((await submitCommand(carla, "gia-confirm_match")).json.state, "matched");
    await carla.waitForSelector(`button[aria-controls="decide-luca"]`);
    await carla.click(`button[aria-controls="decide-luca"]`);
    await carla.waitForSelector("#luca-override_match-mentor_choice");
    await choose(carla, "#luca-override_match-mentor_choice", mentor("franco"));
    await fill(carla, "#luca-override_match-reason", "Luca asked for a mentor who works in a bank");
    await look(carla, "10-override");
    const overridden = await submitCommand(carla, "luca-override_match");
    assert.equal(overridden.status, 200, JSON.stringify(overridden.json));
  }, async () => {
    await server.exec("carla", mentee("gia"), "confirm_match");
    await server.exec("carla", mentee("luca"), "override_match", { mentor_choice: mentor("franco"), reason: "Luca asked for a mentor who works in a bank" });
  });
  await server.exec("carla", mentee("luca"), "confirm_match");

  await stage(t, "mentoring starts", cohortNeeds, async () => {
    await cohortStep(await pageOf("carla"), "start_mentoring");
  }, () => server.exec("carla", round, "start_mentoring"));

  await stage(t, "meetings: one logged, a 2-hour one refused with the reason beside the length", [R.me, R.definition, R.commands], async () => {
    const gia = await pageOf("gia");
    await go(gia, server, `#/cases/${pair}`, "#cmd-log_meeting-held_on");
    await setValue(gia, "#cmd-log_meeting-held_on", "2025-11-05T18:00");
    await fill(gia, "#cmd-log_meeting-length", "90");
    await choose(gia, "#cmd-log_meeting-mode", "online");
    assert.equal((await submitCommand(gia, "cmd-log_meeting")).status, 200);
    await gia.waitForSelector("#cmd-log_meeting-held_on");
    await setValue(gia, "#cmd-log_meeting-held_on", "2025-11-26T18:00");
    await fill(gia, "#cmd-log_meeting-length", "2");
    await gia.select(`#cmd-log_meeting-length ~ select`, "h");
    await choose(gia, "#cmd-log_meeting-mode", "in_person");
    const refused = await submitCommand(gia, "cmd-log_meeting");
    assert.equal(refused.status, 422);
    const reason = await gia.$eval("#cmd-log_meeting-length-error", (e) => e.textContent);
    assert.match(reason, /a meeting lasts .*this one lasted 2h/);
    await look(gia, "11-meeting-refused");
  }, () => server.exec("gia", pair, "log_meeting", { held_on: "2025-11-05 18:00 Europe/Rome", length: "90min", mode: "online" }));
  for (const day of ["2025-11-26", "2025-12-17", "2026-01-07", "2026-01-28", "2026-02-18"])
    await server.exec("gia", pair, "log_meeting", { held_on: `${day} 18:00 Europe/Rome`, length: "90min", mode: "online" });

  await stage(t, "the end of the period and the certificates", cohortNeeds, async () => {
    const carla = await pageOf("carla");
    await cohortStep(carla, "end_meeting_period");
    await cohortStep(carla, "issue_certificates");
  }, async () => {
    await server.exec("carla", round, "end_meeting_period");
    await server.exec("carla", round, "issue_certificates");
  });

  await stage(t, "the certificates listed; gia downloads hers (read back with pdftotext) and her meetings as .ics",
              [R.me, R.definition, R.certificates, R.certificate, R.calendar], async () => {
    const carla = await pageOf("carla");
    await go(carla, server, `#/editions/${E}/certificates`, "main h1");
    await look(carla, "12-certificates");
    const gia = await pageOf("gia");
    await go(gia, server, `#/cases/${pair}`, "a[download$='.pdf']");
    await look(gia, "13-mentorship-certified");
    const href = await gia.$eval("a[download$='.pdf']", (a) => a.getAttribute("href"));
    const pdf = await gia.evaluate(async (u) => {
      const r = await fetch(u, { credentials: "same-origin" });
      const bytes = new Uint8Array(await r.arrayBuffer());
      let s = ""; for (const b of bytes) s += String.fromCharCode(b);
      return { type: r.headers.get("content-type"), base64: btoa(s) };
    }, href);
    assert.match(pdf.type, /application\/pdf/);
    const file = join(server.dir, "certificate.pdf");
    writeFileSync(file, Buffer.from(pdf.base64, "base64"));
    const text = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Gia Rossi|gia/);
    const ics = await gia.evaluate(async () => {
      const a = document.querySelector("a[download$='.ics']");
      return a ? (await fetch(a.getAttribute("href"))).text() : "";
    });
    assert.match(ics, /BEGIN:VCALENDAR/);
  });

  await stage(t, "the history, every decision in words", [R.me, R.definition], async () => {
    const gia = await pageOf("gia");
    await go(gia, server, `#/cases/${mentee("gia")}`, "ol.history");
    const history = await gia.$eval("ol.history", (e) => e.textContent);
    // The command by the workflow's label (select_mentee is labelled "Score and select") and the
    // decision with the rule and table rows that took it.
    assert.match(history, /Score and select/);
    assert.match(history, /Selected: mentee score 100 \(at least 60\).*rule mentee_selected, rules\/unimi-2025\.rules:\d+/);
    await look(gia, "14-history");
  });

  await stage(t, "gia downloads her own data from her home page: hers, and not her mentor's", [R.me, R.myData], async () => {
    const gia = await pageOf("gia");
    await go(gia, server, "#/", "a[href='/v1/me/export']");
    await look(gia, "15-my-data");
    const copy = await gia.evaluate(async () => {
      const r = await fetch(document.querySelector("a[href='/v1/me/export']").getAttribute("href"), { credentials: "same-origin" });
      return { status: r.status, disposition: r.headers.get("content-disposition"), body: await r.text() };
    });
    assert.equal(copy.status, 200, copy.body);
    assert.match(copy.disposition, /attachment/);
    const data = JSON.parse(copy.body);
    assert.equal(data.subject, "gia");
    assert.deepEqual(data.cases.map((c) => c.case).sort(), [mentee("gia"), pair].sort());
    assert.equal(data.cases.find((c) => c.case === mentee("gia")).state.fields.full_name, "Gia Rossi");
    // her mentor and the Career Service are named by their part, never by id or name
    assert.doesNotMatch(copy.body, /paolo|Paolo Neri|carla/);
    assert.match(copy.body, /\[mentor\]/);
  });

  await stage(t, "a legal hold on gia's application, shown on its page until it is released", [R.me, R.definition], async () => {
    const held = await server.api("carla", "POST", `/v1/hold/${mentee("gia")}`, { reason: "appeal against the selection, ref. 2026/114" });
    assert.equal(held.status, 200, JSON.stringify(held.json));
    const carla = await pageOf("carla");
    await go(carla, server, `#/cases/${mentee("gia")}`, "#legal-hold");
    assert.match(await carla.$eval("#legal-hold", (e) => e.textContent), /legal hold since .* placed by carla: appeal against the selection, ref\. 2026\/114/);
    await look(carla, "16-legal-hold");
    // the hold is an entry of its own in the history, even in the same minute as the step before
    const last = await carla.$$eval("ol.history > li", (l) => l[l.length - 1].textContent);
    assert.match(last, /legal hold placed: appeal against the selection/);
    assert.doesNotMatch(last, /Confirm the match/);
    assert.equal((await server.api("carla", "POST", `/v1/release-hold/${mentee("gia")}`, { reason: "decided" })).status, 200);
    await go(carla, server, `#/cases/${mentee("gia")}`, "main h1");
    assert.equal(await carla.$("#legal-hold"), null);
  });

  await stage(t, "an auditor verifies the log from the page and sees the states drawn", [R.me, R.definition, R.verify, R.graph], async () => {
    const audrey = await pageOf("audrey");
    await go(audrey, server, `#/editions/${E}/audit`, "#verify");
    await audrey.click("section[aria-labelledby=verify] button.primary");
    await audrey.waitForSelector("section[aria-labelledby=verify] pre.output", { timeout: 120000 });
    assert.match(await audrey.$eval("section[aria-labelledby=verify] p.verdict", (e) => e.textContent), /Verified|Verificato/);
    await audrey.waitForFunction(() => (document.querySelector(".picture img")?.naturalWidth ?? 0) > 0);
    await look(audrey, "15-audit");
  });

  for (const p of Object.values(pages)) noProblems(p);
});
