// A participant's case at a glance: the state, "what's next" (the commands open to them now), the
// counters against their minimum and maximum, and the timers that concern them.
import type { CaseSummary, Definition } from "../types";
import * as api from "../api";
import { useLoad } from "../hooks";
import { lang, t } from "../i18n";
import { href } from "../lib/route";
import { counterText, relativeTime, serverNow } from "../lib/time";
import { parseInstant, showDateTime } from "../lib/values";
import { caseId, labelOf, nameInWords, pickText } from "../lib/words";
import { ErrorMessage } from "./ErrorMessage";
import { StateBadge } from "./StateBadge";

export function CaseCard({ summary, definition }: { summary: CaseSummary; definition?: Definition }) {
  const next = useLoad(() => api.commandsOn(summary.case), [summary.case, summary.version]);
  const languages = definition?.languages ?? [];
  const zone = definition?.zone ?? "UTC";
  const ct = definition?.case_types.find((c) => c.name === summary.type);
  const title = ct ? labelOf(ct, lang(), languages) : nameInWords(summary.type);
  return (
    <article class="card case-card">
      <h3><a href={href.case(summary.case)}>{title}: {caseId(summary.case)}</a></h3>
      <p class="muted">{definition ? pickText(definition.title, lang(), languages) ?? definition.edition : summary.edition}{" · "}
        <StateBadge state={summary.state} caseType={ct} languages={languages} /></p>
      {(ct?.counters.length ?? 0) > 0 && (
        <ul class="plain counters">
          {ct!.counters.map((c) => (
            <li key={c.name}>{labelOf(c, lang(), languages)}: <strong>{counterText(summary.counters?.[c.name] ?? 0, c.min, c.max, t("of"))}</strong></li>
          ))}
        </ul>
      )}
      {(summary.timers ?? []).length > 0 && (
        <ul class="plain timers">
          {summary.timers!.map((tm) => {
            const at = parseInstant(tm.due);
            return <li key={tm.timer}>{nameInWords(tm.timer)}: {t("due", { when: Number.isNaN(at) ? tm.due : relativeTime(at, serverNow(), lang()) })}
              <span class="muted"> ({showDateTime(tm.due, zone)})</span></li>;
          })}
        </ul>
      )}
      <div class="next">
        <h4>{t("whats_next")}</h4>
        <ErrorMessage error={next.error} />
        {next.data && next.data.commands.length === 0 && <p class="muted">{t("nothing_to_do")}</p>}
        {next.data && next.data.commands.length > 0 && (
          <ul class="inline">
            {next.data.commands.map((c) => <li key={c.name}><a class="button" href={`${href.case(summary.case)}?do=${encodeURIComponent(c.name)}`}>{labelOf(c, lang(), languages)}</a></li>)}
          </ul>
        )}
      </div>
    </article>
  );
}
