// The views of an edition a member of staff or an auditor may open. The placement search only
// where the programme has placement offers (its definition says so).
import * as api from "../api";
import { useLoad } from "../hooks";
import type { EditionView } from "../lib/route";
import { href } from "../lib/route";
import { t, type Key } from "../i18n";

const VIEWS: [EditionView, Key][] = [
  ["dashboard", "dashboard"], ["cases", "cases"], ["matching", "matching"], ["import", "import"],
  ["placements", "placements"], ["certificates", "certificates"], ["audit", "audit"],
];

export function EditionNav({ edition, view }: { edition: string; view: EditionView }) {
  const def = useLoad(() => api.definition(edition), [edition]);
  const offers = def.data?.case_types.some((c) => c.name.includes("offer")) ?? false;
  return (
    <nav class="tabs" aria-label={edition}>
      <ul>
        {VIEWS.filter(([v]) => v !== "placements" || offers || view === "placements").map(([v, key]) => (
          <li key={v}><a href={href.edition(edition, v)} aria-current={v === view ? "page" : undefined}>{t(key)}</a></li>
        ))}
      </ul>
    </nav>
  );
}
