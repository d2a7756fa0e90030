// Cases as a table: name (a link), type, state, counters, last change; sortable columns.
import type { CaseSummary, Definition } from "../types";
import { lang, t } from "../i18n";
import { href } from "../lib/route";
import { caseId, labelOf, nameInWords } from "../lib/words";
import { showDateTime } from "../lib/values";
import { StateBadge } from "./StateBadge";

export function CaseTable({ cases, definition, sort, order, onSort, caption }: {
  cases: CaseSummary[]; definition?: Definition; sort?: string; order?: string; onSort?: (column: string) => void; caption: string;
}) {
  const zone = definition?.zone ?? "UTC";
  const languages = definition?.languages ?? [];
  const typeOf = (name: string) => definition?.case_types.find((c) => c.name === name);
  const head = (column: string, text: string) => {
    if (!onSort) return <th scope="col">{text}</th>;
    const active = sort === column;
    return (
      <th scope="col" aria-sort={active ? (order === "desc" ? "descending" : "ascending") : "none"}>
        <button type="button" class="link" onClick={() => onSort(column)}>
          {text} {active ? (order === "desc" ? "↓" : "↑") : ""}
        </button>
      </th>
    );
  };
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>{head("case", t("case"))}<th scope="col">{t("type")}</th>{head("state", t("state"))}<th scope="col">{t("counters")}</th>{head("updated_at", t("updated"))}</tr>
        </thead>
        <tbody>
          {cases.map((c) => {
            const ct = typeOf(c.type);
            return (
              <tr key={c.case}>
                <td><a href={href.case(c.case)}>{caseId(c.case)}</a>{(c.flags ?? 0) > 0 && <span class="flag" title={t("flags")}> ⚑</span>}</td>
                <td>{ct ? labelOf(ct, lang(), languages) : nameInWords(c.type)}</td>
                <td><StateBadge state={c.state} caseType={ct} languages={languages} /></td>
                <td>{Object.entries(c.counters ?? {}).map(([k, v]) => {
                  const counter = ct?.counters.find((x) => x.name === k);
                  return `${counter ? labelOf(counter, lang(), languages) : nameInWords(k)}: ${v}`;
                }).join(", ")}</td>
                <td>{c.updated_at ? showDateTime(c.updated_at, zone) : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
