// A case's state as a badge; final states look settled.
import type { CaseType } from "../types";
import { labelOf } from "../lib/words";
import { lang } from "../i18n";

export function StateBadge({ state, caseType, languages = [] }: { state: string; caseType?: CaseType; languages?: string[] }) {
  const s = caseType?.states.find((x) => x.name === state);
  return <span class={`badge${s?.final ? " final" : ""}`}>{s ? labelOf(s, lang(), languages) : state}</span>;
}
