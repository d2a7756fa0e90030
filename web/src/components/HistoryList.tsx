// A case's timeline, every decision in plain words (the engine's), newest last. Commands, states
// and inputs by their labels in the definition, the inputs in the order the command declares them.
import type { CaseType, History, HistoryEntry } from "../types";
import { lang, t } from "../i18n";
import { labelOf, nameInWords } from "../lib/words";
import { valueText } from "./ValueText";

export function HistoryList({ history, zone, caseType, languages = [] }: {
  history: History; zone: string; caseType?: CaseType; languages?: string[];
}) {
  const commandOf = (name: string | null | undefined) => caseType?.commands.find((c) => c.name === name);
  const stateText = (name: string) => {
    const s = caseType?.states.find((x) => x.name === name);
    return s ? labelOf(s, lang(), languages) : nameInWords(name);
  };
  const inputsOf = (e: HistoryEntry) => {
    const declared = commandOf(e.command)?.inputs ?? [];
    const order = (k: string) => { const i = declared.findIndex((d) => d.name === k); return i < 0 ? 1e6 : i; };
    return Object.entries(e.inputs ?? {}).sort(([a], [b]) => order(a) - order(b)).map(([k, v]) => {
      const input = declared.find((d) => d.name === k);
      const text = typeof v === "boolean" ? t(v ? "yes" : "no") : valueText(v, zone, input?.type, languages);
      return { name: k, label: input ? labelOf(input, lang(), languages) : nameInWords(k), text };
    });
  };
  if (history.entries.length === 0) return <p class="muted">{t("history_empty")}</p>;
  return (
    <ol class="history">
      {history.entries.map((e, i) => {
        const command = commandOf(e.command);
        const inputs = e.redacted ? [] : inputsOf(e);
        return (
          <li key={e.positions?.first ?? i} class={e.redacted ? "redacted" : undefined}>
            <p class="when">
              <time>{e.time}</time>
              {e.actor?.user && <span class="muted"> · {t("by", { who: `${e.actor.user} (${nameInWords(e.actor.role ?? "")})` })}</span>}
            </p>
            <p class="what">
              <strong>{command ? labelOf(command, lang(), languages) : e.command ? nameInWords(e.command) : "—"}</strong>
              {e.state && (e.state.from
                ? <span> · {stateText(e.state.from)} → {stateText(e.state.to)}</span>
                : <span> · {t("opened_in", { state: stateText(e.state.to) })}</span>)}
            </p>
            {e.redacted && <p class="muted">{t("hidden_entry")}</p>}
            {inputs.length > 0 && (
              <dl class="inputs">
                {inputs.map((x) => <div key={x.name}><dt>{x.label}</dt><dd>{x.text}</dd></div>)}
              </dl>
            )}
            {(e.decisions ?? []).filter((d) => d.reason).map((d, j) => (
              <p class="decision" key={j}>
                <strong>{t("decided", { state: d.state ? stateText(d.state) : "" })}</strong>: {d.reason}
                {d.warning && <span class="error"> {d.warning}</span>}
              </p>
            ))}
            {(e.notes ?? []).length > 0 && <ul class="notes">{e.notes!.map((n, j) => <li key={j}>{n}</li>)}</ul>}
          </li>
        );
      })}
    </ol>
  );
}
