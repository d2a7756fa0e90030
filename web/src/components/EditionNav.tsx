// The views of an edition a member of staff or an auditor may open.
import type { EditionView } from "../lib/route";
import { href } from "../lib/route";
import { t, type Key } from "../i18n";

const VIEWS: [EditionView, Key][] = [
  ["dashboard", "dashboard"], ["cases", "cases"], ["matching", "matching"], ["import", "import"],
  ["placements", "placements"], ["certificates", "certificates"], ["audit", "audit"],
];

export function EditionNav({ edition, view, views }: { edition: string; view: EditionView; views?: EditionView[] }) {
  return (
    <nav class="tabs" aria-label={edition}>
      <ul>
        {VIEWS.filter(([v]) => !views || views.includes(v)).map(([v, key]) => (
          <li key={v}><a href={href.edition(edition, v)} aria-current={v === view ? "page" : undefined}>{t(key)}</a></li>
        ))}
      </ul>
    </nav>
  );
}
