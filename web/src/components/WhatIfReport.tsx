// What-if's answer: who would be decided otherwise under the other rules, each a link to the case.
import type { WhatIf } from "../types";
import { t } from "../i18n";
import { href } from "../lib/route";
import { caseId, nameInWords } from "../lib/words";

export function WhatIfReport({ report }: { report: WhatIf }) {
  const changes = (report.groups ?? []).flatMap((g) => g.changes ?? []);
  return (
    <div class="whatif" role="status">
      {changes.length === 0 && <p>{t("no_changes")}</p>}
      {changes.length > 0 && (
        <ul>{changes.map((c) => (
          <li key={`${c.case}-${c.position}`}><a href={href.case(c.case ?? "")}>{caseId(c.case ?? "")}</a>:{" "}
            {nameInWords(c.old_state ?? "")} → {c.new_state ? nameInWords(c.new_state) : "—"}. {c.reason}</li>
        ))}</ul>
      )}
      {report.text && <details><summary>{t("report_text")}</summary><pre tabIndex={0} class="output">{report.text}</pre></details>}
    </div>
  );
}
