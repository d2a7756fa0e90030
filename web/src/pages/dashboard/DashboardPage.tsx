// An edition's dashboard for staff: the funnel, the cohort's phase and its steps (each confirmed
// with what it will do to how many cases), flags such as a meeting gap, timers coming due.
import * as api from "../../api";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { relativeTime, serverNow } from "../../lib/time";
import { parseInstant, showDateTime } from "../../lib/values";
import { caseId, labelOf, nameInWords, pickText } from "../../lib/words";
import { CommandForm } from "../../components/CommandForm";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Funnel } from "../../components/Funnel";
import { Loading } from "../../components/Loading";
import { StateBadge } from "../../components/StateBadge";

export function DashboardPage({ edition }: { edition: string }) {
  const data = useLoad(async () => {
    const [def, dash] = await Promise.all([api.definition(edition), api.dashboard(edition)]);
    const cohortCommands = await Promise.all(dash.cohorts.map((c) => api.commandsOn(c.case).catch(() => ({ case: c.case, commands: [] }))));
    return { def, dash, cohortCommands };
  }, [edition]);
  if (data.loading && !data.data) return <><EditionNav edition={edition} view="dashboard" /><Loading /></>;
  if (data.error && !data.data) return <><EditionNav edition={edition} view="dashboard" /><ErrorMessage error={data.error} /></>;
  const { def, dash, cohortCommands } = data.data!;
  const languages = def.languages;
  return (
    <div class="page" aria-busy={data.loading ? "true" : "false"}>
      <EditionNav edition={edition} view="dashboard" />
      <h1>{pickText(def.title, lang(), languages) ?? edition} <span class="muted">{edition}</span></h1>
      <div class="grid">
        <section aria-labelledby="phase">
          <h2 id="phase">{t("phase")}</h2>
          {dash.cohorts.map((c) => {
            const ct = def.case_types.find((x) => x.name === c.type);
            return <p key={c.case}><a href={href.case(c.case)}>{ct ? labelOf(ct, lang(), languages) : nameInWords(c.type)}</a>:{" "}
              <StateBadge state={c.state} caseType={ct} languages={languages} /></p>;
          })}
          <h3>{t("cohort_commands")}</h3>
          {cohortCommands.flatMap((cc) => cc.commands.map((c) => (
            <CommandForm key={`${cc.case}-${c.name}`} target={cc.case} command={c} ctx={{ zone: def.zone, languages }} confirmFirst compact level={4}
                         idPrefix={`cohort-${c.name}`} onDone={() => data.reload()} />
          )))}
          {cohortCommands.every((cc) => cc.commands.length === 0) && <p class="muted">{t("nothing_to_do")}</p>}
        </section>
        <div>
        <section aria-labelledby="flags">
          <h2 id="flags">{t("flags")}</h2>
          {dash.flags.length === 0 ? <p class="muted">{t("no_flags")}</p> : (
            <ul>{dash.flags.map((f, i) => <li key={i}><a href={href.case(f.case)}>{caseId(f.case)}</a>: {f.text}</li>)}</ul>
          )}
        </section>
        <section aria-labelledby="timers">
          <h2 id="timers">{t("timers_due")}</h2>
          {dash.timers.length === 0 ? <p class="muted">{t("no_timers")}</p> : (
            <ul>{dash.timers.map((tm, i) => {
              const at = parseInstant(tm.due);
              return <li key={i}><a href={href.case(tm.case)}>{caseId(tm.case)}</a>: {nameInWords(tm.timer)}{" "}
                {Number.isNaN(at) ? tm.due : relativeTime(at, serverNow(), lang())} <span class="muted">({showDateTime(tm.due, def.zone)})</span></li>;
            })}</ul>
          )}
        </section>
        </div>
        <section aria-labelledby="funnel" class="span2">
          <h2 id="funnel">{t("funnel")}</h2>
          <Funnel dashboard={dash} definition={def} />
        </section>
      </div>
    </div>
  );
}
