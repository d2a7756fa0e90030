// A case's timeline, every decision in plain words (the engine's), newest last.
import type { CaseType, History } from "../types";
import { t } from "../i18n";
import { nameInWords } from "../lib/words";
import { valueText } from "./ValueText";

export function HistoryList({ history, zone, caseType }: { history: History; zone: string; caseType?: CaseType }) {
  const typeOf = (command: string | null | undefined, input: string) =>
    caseType?.commands.find((c) => c.name === command)?.inputs.find((i) => i.name === input)?.type;
  if (history.entries.length === 0) return <p class="muted">{t("history_empty")}</p>;
  return (
    <ol class="history">
      {history.entries.map((e, i) => (
        <li key={e.positions?.first ?? i} class={e.redacted ? "redacted" : undefined}>
          <p class="when">
            <time>{e.time}</time>
            {e.actor?.user && <span class="muted"> · {t("by", { who: `${e.actor.user} (${e.actor.role ?? ""})` })}</span>}
          </p>
          <p class="what">
            <strong>{e.command ? nameInWords(e.command) : "—"}</strong>
            {e.state && (e.state.from
              ? <span> · {nameInWords(e.state.from)} → {nameInWords(e.state.to)}</span>
              : <span> · {t("opened_in", { state: nameInWords(e.state.to) })}</span>)}
          </p>
          {e.redacted && <p class="muted">{t("hidden_entry")}</p>}
          {!e.redacted && e.inputs && Object.keys(e.inputs).length > 0 && (
            <p class="inputs"><span class="muted">{t("inputs")}:</span>{" "}
              {Object.entries(e.inputs).map(([k, v]) => `${nameInWords(k)} ${valueText(v, zone, typeOf(e.command, k))}`).join("; ")}
            </p>
          )}
          {(e.decisions ?? []).filter((d) => d.reason).map((d, j) => (
            <p class="decision" key={j}>
              <strong>{t("decided", { state: nameInWords(d.state ?? "") })}</strong>: {d.reason}
              {d.warning && <span class="error"> {d.warning}</span>}
            </p>
          ))}
          {(e.notes ?? []).length > 0 && <ul class="notes">{e.notes!.map((n, j) => <li key={j}>{n}</li>)}</ul>}
        </li>
      ))}
    </ol>
  );
}
