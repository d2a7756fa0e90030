// What-if's answer: who would be decided otherwise under the other rules, which values the rules
// produce would differ (credits, fields set from rules) and which pairs a matching run would
// change, each case a link.
import type { WhatIf } from "../types";
import { t } from "../i18n";
import { href } from "../lib/route";
import { caseId, nameInWords } from "../lib/words";

function CaseLink({ name }: { name: string }) {
  return <a href={href.case(name)}>{caseId(name)}</a>;
}

export function WhatIfReport({ report }: { report: WhatIf }) {
  const changes = (report.groups ?? []).flatMap((g) => g.changes ?? []);
  const values = (report.value_groups ?? []).flatMap((g) => g.changes ?? []);
  const runs = (report.runs ?? []).filter((r) => r.problem || (r.lost ?? []).length > 0 || (r.gained ?? []).length > 0);
  const nothing = changes.length === 0 && values.length === 0 && runs.length === 0;
  return (
    <div class="whatif" role="status">
      {nothing && <p>{t("no_changes")}</p>}
      {changes.length > 0 && (
        <ul>{changes.map((c) => (
          <li key={`${c.case}-${c.position}`}><CaseLink name={c.case ?? ""} />:{" "}
            {nameInWords(c.old_state ?? "")} → {c.new_state ? nameInWords(c.new_state) : "—"}. {c.reason}</li>
        ))}</ul>
      )}
      {values.length > 0 && (
        <ul>{values.map((v) => (
          <li key={`${v.case}-${v.position}-${v.name}`}><CaseLink name={v.case ?? ""} />:{" "}
            {nameInWords(v.name ?? "")} {v.old_value ?? "—"} → {v.new_value ?? "—"}{v.reason ? `. ${v.reason}` : ""}</li>
        ))}</ul>
      )}
      {runs.map((r) => (
        <ul key={`run-${r.position}`}>
          {r.problem && <li>{r.command}: {r.problem}</li>}
          {(r.lost ?? []).map((p) => (
            <li key={`lost-${p.left}`}>{t("pair_lost")}: <CaseLink name={p.left ?? ""} /> — <CaseLink name={p.right ?? ""} /></li>
          ))}
          {(r.gained ?? []).map((p) => (
            <li key={`gained-${p.left}`}>{t("pair_gained")}: <CaseLink name={p.left ?? ""} /> — <CaseLink name={p.right ?? ""} /></li>
          ))}
        </ul>
      ))}
      {report.text && <details><summary>{t("report_text")}</summary><pre tabIndex={0} class="output">{report.text}</pre></details>}
    </div>
  );
}
