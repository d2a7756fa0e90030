// Counts by case type and state, in the order the workflow declares its states, as bars: the
// edition's funnel. Each count links to the list of those cases.
import type { Dashboard, Definition } from "../types";
import { lang } from "../i18n";
import { href } from "../lib/route";
import { labelOf } from "../lib/words";

export function Funnel({ dashboard, definition }: { dashboard: Dashboard; definition: Definition }) {
  const languages = definition.languages;
  const types = definition.case_types.filter((c) => !c.cohort);
  return (
    <div class="funnels">
      {types.map((ct) => {
        const counts = ct.states.map((s) => ({ s, n: dashboard.counts.find((c) => c.type === ct.name && c.state === s.name)?.count ?? 0 }));
        const max = Math.max(1, ...counts.map((c) => c.n));
        const total = counts.reduce((a, c) => a + c.n, 0);
        return (
          <figure key={ct.name} class="funnel">
            <figcaption><strong>{labelOf(ct, lang(), languages)}</strong> <span class="muted">({total})</span></figcaption>
            <ul>
              {counts.map(({ s, n }) => (
                <li key={s.name}>
                  <a href={href.edition(dashboard.edition, "cases", { type: ct.name, state: s.name })}>
                    <span class="bar-label">{labelOf(s, lang(), languages)}</span>
                    <span class="bar" aria-hidden="true"><span style={{ width: `${(100 * n) / max}%` }} /></span>
                    <span class="bar-n">{n}</span>
                  </a>
                </li>
              ))}
            </ul>
          </figure>
        );
      })}
    </div>
  );
}
