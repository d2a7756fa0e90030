// Unit tests of the UI's logic: names in words, labels by language, values between the engine's
// JSON and forms (date-times in the edition's zone, durations), routes, counters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadLib } from "./load-lib.mjs";

const lib = await loadLib();

test("a name without a label is shown in words", () => {
  assert.equal(lib.nameInWords("degree_course"), "Degree course");
  assert.equal(lib.nameInWords("apply_as_mentee"), "Apply as mentee");
  assert.equal(lib.nameInWords("cv"), "CV");
  assert.equal(lib.nameInWords("met"), "Met");
});

test("labels: the chosen language, else the definition's first, else any, else the name", () => {
  const label = { en: "Degree course", it: "Corso di laurea" };
  assert.equal(lib.labelOf({ name: "degree_course", label }, "it", ["en", "it"]), "Corso di laurea");
  assert.equal(lib.labelOf({ name: "degree_course", label: { it: "Corso" } }, "en", ["it"]), "Corso");
  assert.equal(lib.labelOf({ name: "degree_course", label: { de: "Studiengang" } }, "en", ["en"]), "Studiengang");
  assert.equal(lib.labelOf({ name: "degree_course", label: {} }, "it", ["en", "it"]), "Degree course");
});

test("date-times are shown and entered in the edition's zone", () => {
  assert.equal(lib.showDateTime("2021-10-07T12:30:00+02:00[Europe/Rome]", "Europe/Rome"), "2021-10-07 12:30");
  assert.equal(lib.showDateTime("2025-07-10T07:00:00.000000Z", "Europe/Rome"), "2025-07-10 09:00");
  assert.equal(lib.showDateTime("2025-12-10T17:00:00Z", "Europe/Rome"), "2025-12-10 18:00");
  assert.equal(lib.showDateTime("2025-11-12 18:00 Europe/Rome", "Europe/Rome"), "2025-11-12 18:00");
  assert.equal(lib.dateTimeToEngine("2025-11-12T18:00", "Europe/Rome"), "2025-11-12 18:00 Europe/Rome");
  assert.equal(lib.dateTimeToInput("2021-10-07T12:30:00+02:00[Europe/Rome]", "Europe/Rome"), "2021-10-07T12:30");
});

test("form values become the engine's JSON by type", () => {
  const zone = "Europe/Rome";
  assert.equal(lib.formToEngine({ kind: "int" }, "55", zone), 55);
  assert.equal(lib.formToEngine({ kind: "number" }, "1,5", zone), 1.5);
  assert.equal(lib.formToEngine({ kind: "bool" }, "false", zone), false);
  assert.equal(lib.formToEngine({ kind: "datetime" }, "2025-11-12T18:00", zone), "2025-11-12 18:00 Europe/Rome");
  assert.equal(lib.formToEngine({ kind: "optional", of: { kind: "date" } }, "", zone), undefined);
  assert.equal(lib.formToEngine({ kind: "duration" }, "90min", zone), "90min");
  assert.deepEqual(lib.formToEngine({ kind: "list", of: { kind: "ref" } }, ["e/t/a", "e/t/b"], zone), ["e/t/a", "e/t/b"]);
});

test("durations are read as an amount and a unit", () => {
  assert.deepEqual(lib.parseDuration("90min"), { amount: 90, unit: "min" });
  assert.deepEqual(lib.parseDuration("2h"), { amount: 2, unit: "h" });
  assert.deepEqual(lib.parseDuration("3weeks"), { amount: 3, unit: "weeks" });
  assert.deepEqual(lib.parseDuration("1w"), { amount: 1, unit: "weeks" });
  assert.equal(lib.parseDuration("soon"), null);
  assert.equal(lib.durationSeconds("2h"), 7200);
});

test("routes: a case, an edition's list with its filters, anything else not found", () => {
  assert.deepEqual(lib.parseRoute("#/cases/unimi-2025/mentee_application/gia"),
                   { page: "case", name: "unimi-2025/mentee_application/gia", query: {} });
  assert.deepEqual(lib.parseRoute("#/editions/unimi-2025/cases?type=mentee_application&offset=50"),
                   { page: "edition", edition: "unimi-2025", view: "cases", query: { type: "mentee_application", offset: "50" } });
  assert.deepEqual(lib.parseRoute(""), { page: "home" });
  assert.equal(lib.parseRoute("#/cases/a").page, "not_found");
  assert.equal(lib.parseRoute("#/editions/x/nope").page, "not_found");
  assert.equal(lib.href.case("unimi-2025/mentee_application/gia"), "#/cases/unimi-2025/mentee_application/gia");
  assert.equal(lib.href.edition("e", "cases", { type: "t", state: "" }), "#/editions/e/cases?type=t");
  const round = lib.parseRoute(lib.href.edition("e 1", "cases", { q: "a&b" }));
  assert.deepEqual(round, { page: "edition", edition: "e 1", view: "cases", query: { q: "a&b" } });
});

test("counters against their minimum and maximum; relative times", () => {
  assert.equal(lib.counterText(4, 6, 8), "4 of 6–8");
  assert.equal(lib.counterText(4, 6, 8, "di"), "4 di 6–8");
  assert.equal(lib.counterText(1, 1, 1), "1 of 1");
  assert.equal(lib.counterText(3, 2, null), "3 (≥ 2)");
  assert.equal(lib.relativeTime(Date.UTC(2026, 0, 22), Date.UTC(2026, 0, 1), "en"), "in 3 weeks");
  assert.equal(lib.relativeTime(Date.UTC(2026, 0, 22), Date.UTC(2026, 0, 1), "it"), "tra 3 settimane");
  assert.equal(lib.elapsed(83000), "1:23");
});

test("durations as the engine writes them, calendar and elapsed parts alike", () => {
  assert.equal(lib.durationSeconds("90min"), 5400);
  assert.equal(lib.durationSeconds("3weeks"), 3 * 604800);
  assert.equal(lib.durationSeconds("1day 2h"), 86400 + 7200);
  assert.equal(lib.durationSeconds("-2h"), -7200);
  assert.ok(Number.isNaN(lib.durationSeconds("soon")));
  assert.ok(Number.isNaN(lib.durationSeconds("")));
});

test("due times count from the engine's clock, which goes on ticking", () => {
  // A rehearsal with --now 2025-07-10: the browser says 2026-12-05.
  const browser = Date.UTC(2026, 11, 5, 12);
  lib.setServerNow("2025-07-10T09:00:00Z", browser);
  assert.equal(lib.serverNow(browser), Date.UTC(2025, 6, 10, 9));
  assert.equal(lib.serverNow(browser + 60000), Date.UTC(2025, 6, 10, 9, 1));
  assert.equal(lib.relativeTime(Date.UTC(2025, 6, 31, 9), lib.serverNow(browser), "en"), "in 3 weeks");
  lib.setServerNow(undefined, browser);  // a server that does not say: the browser's clock
  assert.equal(lib.serverNow(browser), browser);
});

test("case names split into edition, type and id", () => {
  assert.deepEqual(lib.parseCaseName("unimi-2025/mentee_application/gia"), { edition: "unimi-2025", type: "mentee_application", id: "gia" });
  assert.deepEqual(lib.parseCaseName("unimi-2025/round"), { edition: "unimi-2025", type: "round", id: null });
  assert.equal(lib.parseCaseName("x"), null);
  assert.equal(lib.caseId("unimi-2025/mentee_application/gia"), "gia");
});
