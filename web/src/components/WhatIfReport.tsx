// What-if's answer: a one-line count of what would change, then who would be decided otherwise,
// which values the rules produce would differ (credits, fields set from rules) and which pairs a
// matching run would change. Each case is a link named by the people it concerns (in a pair case
// the mentor who gains the credits is not the case's name).
import type { WhatIf } from "../types";
import { t } from "../i18n";
import { href } from "../lib/route";
import { caseId, nameInWords } from "../lib/words";

function Who({ name, parties }: { name: string; parties?: string | null }) {
  return <a href={href.case(name)}>{parties || caseId(name)}</a>;
}

type Run = NonNullable<WhatIf["runs"]>[number];

function RunChanges({ run }: { run: Run }) {
  const method = run.new_method && run.new_method !== run.method ? `${run.method} → ${run.new_method}` : run.method;
  return (
    <li>
      {nameInWords(run.command ?? "")} ({run.cohort}, {method})
      <ul>
        {run.problem && <li>{run.problem}</li>}
        {(run.lost ?? []).map((p) => (
          <li key={`lost-${p.left}-${p.right}`}>{t("pair_lost")}: <Who name={p.left ?? ""} parties={p.left_parties} /> — <Who name={p.right ?? ""} parties={p.right_parties} /></li>
        ))}
        {(run.gained ?? []).map((p) => (
          <li key={`gained-${p.left}-${p.right}`}>{t("pair_gained")}: <Who name={p.left ?? ""} parties={p.left_parties} /> — <Who name={p.right ?? ""} parties={p.right_parties} /></li>
        ))}
      </ul>
    </li>
  );
}

export function WhatIfReport({ report }: { report: WhatIf }) {
  const changes = (report.groups ?? []).flatMap((g) => g.changes ?? []);
  const values = (report.value_groups ?? []).flatMap((g) => g.changes ?? []);
  const runs = (report.runs ?? []).filter((r) => r.problem || (r.lost ?? []).length > 0 || (r.gained ?? []).length > 0);
  const summary = t("whatif_summary", {
    changes: report.changes ?? 0, decisions: report.decisions ?? 0,
    value_changes: (report.field_value_changes ?? 0) + (report.output_value_changes ?? 0),
    values: (report.field_values ?? 0) + (report.output_values ?? 0),
    runs_changed: report.matching_runs_changed ?? 0, runs: report.matching_runs ?? 0,
  });
  return (
    <div class="whatif" role="status">
      <p class="summary">{summary}</p>
      {changes.length > 0 && (<>
        <h3>{t("whatif_decisions")}</h3>
        <ul>{changes.map((c) => (
          <li key={`${c.case}-${c.position}`}><Who name={c.case ?? ""} parties={c.parties} />:{" "}
            {nameInWords(c.old_state ?? "")} → {c.new_state ? nameInWords(c.new_state) : t("whatif_not_evaluated")}. {c.reason}</li>
        ))}</ul>
      </>)}
      {values.length > 0 && (<>
        <h3>{t("whatif_values")}</h3>
        <ul>{values.map((v) => (
          <li key={`${v.case}-${v.position}-${v.name}`}><Who name={v.case ?? ""} parties={v.parties} />:{" "}
            {nameInWords(v.name ?? "")} {v.old_value ?? "—"} → {v.new_value ?? t("whatif_not_evaluated")}{v.reason ? `. ${v.reason}` : ""}</li>
        ))}</ul>
      </>)}
      {runs.length > 0 && (<>
        <h3>{t("whatif_runs")}</h3>
        <ul>{runs.map((r) => <RunChanges key={`run-${r.position}`} run={r} />)}</ul>
      </>)}
      {report.text && <details><summary>{t("report_text")}</summary><pre tabIndex={0} class="output">{report.text}</pre></details>}
    </div>
  );
}
