// The matching review: each proposal of the latest run with the rank the person obtained, the
// explanation, the alternatives and the blocking-pair audit. A proposal is decided with the
// commands the workflow gives staff on that case (confirm, override with a reason), loaded when
// the row is opened.
import { useState } from "preact/hooks";
import * as api from "../../api";
import type { Definition, MatchingRow } from "../../types";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { showDateTime } from "../../lib/values";
import { caseId, nameInWords, pickText } from "../../lib/words";
import { CommandForm } from "../../components/CommandForm";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";
import { Pager } from "../../components/Pager";
import { StateBadge } from "../../components/StateBadge";

const ROWS = 50;
const obtained = (row: MatchingRow) => row.rank ?? row.place ?? null;
const flagText = (f: unknown) => typeof f === "string" ? f : typeof f === "object" && f && "text" in f ? String((f as { text: unknown }).text) : JSON.stringify(f);

function Decide({ row, def, onDone }: { row: MatchingRow; def: Definition; onDone: () => void }) {
  const commands = useLoad(() => api.commandsOn(row.left), [row.left, row.state]);
  if (commands.loading) return <Loading />;
  if (commands.error) return <ErrorMessage error={commands.error} />;
  if (commands.data!.commands.length === 0) return <p class="muted">{t("nothing_to_do")}</p>;
  return (
    <div class="decide">
      {commands.data!.commands.map((c) => (
        <CommandForm key={c.name} level={4} target={row.left} command={c} ctx={{ zone: def.zone, languages: def.languages }} compact
                     idPrefix={`${caseId(row.left)}-${c.name}`} onDone={onDone} />
      ))}
    </div>
  );
}

export function MatchingPage({ edition }: { edition: string }) {
  const data = useLoad(async () => ({ def: await api.definition(edition), runs: (await api.matching(edition)).runs }), [edition]);
  const [open, setOpen] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [pendingOnly, setPendingOnly] = useState(false);
  const [which, setWhich] = useState(0);
  if (data.loading && !data.data) return <><EditionNav edition={edition} view="matching" /><Loading /></>;
  if (data.error && !data.data) return <><EditionNav edition={edition} view="matching" /><ErrorMessage error={data.error} /></>;
  const { def, runs } = data.data!;
  const run = runs[Math.min(which, Math.max(0, runs.length - 1))];   // the latest unless another is chosen
  const languages = def.languages;
  const typeOf = (name: string) => def.case_types.find((c) => c.name === name.split("/")[1]);
  // a run may hold thousands of rows: they are shown a page at a time, the undecided first if asked
  const rows = run ? run.rows.filter((r) => !pendingOnly || (r.right !== null && r.state === "proposed")) : [];
  const shown = rows.slice(offset, offset + ROWS);
  return (
    <div class="page" aria-busy={data.loading ? "true" : "false"}>
      <EditionNav edition={edition} view="matching" />
      <h1>{t("matching")} <span class="muted">{pickText(def.title, lang(), languages) ?? edition}</span></h1>
      {!run && <p class="muted">{t("no_runs")}</p>}
      {runs.length > 1 && (
        <div class="field">
          <label class="label" for="run-choice">{t("matching_runs", { n: runs.length })}</label>
          <select id="run-choice" value={String(which)} onChange={(e) => { setWhich(Number((e.target as HTMLSelectElement).value)); setOffset(0); setOpen(null); }}>
            {runs.map((r, i) => <option key={r.position} value={String(i)}>
              {t("matching_run", { at: r.at ? showDateTime(r.at, def.zone) : String(r.position) })}{r.clause ? ` · ${nameInWords(r.clause)}` : ""}</option>)}
          </select>
        </div>
      )}
      {run && (
        <section aria-labelledby="run">
          <h2 id="run">{t("matching_run", { at: run.at ? showDateTime(run.at, def.zone) : String(run.position) })}
            {run.method && <span class="muted"> · {nameInWords(run.method)}</span>}</h2>
          {run.summary && <p class="lead">{run.summary}</p>}
          <p><span class={`badge${run.blocking_pairs ? " warn" : " ok"}`}>{t("blocking_pairs", { n: run.blocking_pairs ?? 0 })}</span></p>
          {(run.flags ?? []).length > 0 && <ul>{run.flags!.map((f, i) => <li key={i}>{flagText(f)}</li>)}</ul>}
          <label class="check"><input type="checkbox" checked={pendingOnly}
                                      onChange={(e) => { setPendingOnly((e.target as HTMLInputElement).checked); setOffset(0); }} /> {t("to_decide")}</label>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t("matching")}>
            <table class="matching">
              <caption class="visually-hidden">{t("matching")}</caption>
              <thead><tr><th scope="col">{t("case")}</th><th scope="col">{t("proposal")}</th><th scope="col">{t("rank")}</th>
                <th scope="col">{t("explanation")}</th><th scope="col">{t("state")}</th><th scope="col"><span class="visually-hidden">{t("commands")}</span></th></tr></thead>
              <tbody>
                {shown.map((row) => {
                  const ct = typeOf(row.left);
                  const isOpen = open === row.left;
                  return [
                    <tr key={row.left}>
                      <th scope="row"><a href={href.case(row.left)}>{caseId(row.left)}</a></th>
                      <td>{row.right ? <a href={href.case(row.right)}>{caseId(row.right)}</a> : <span class="muted">{t("unmatched")}</span>}</td>
                      <td>{obtained(row) ? t("rank_n", { n: obtained(row)! }) : "—"}</td>
                      <td>{row.explanation}
                        {(row.choices ?? []).length > 0 && (
                          <details><summary>{t("alternatives")}</summary>
                            <ol>{row.choices!.map((c) => {
                              const aside = row.set_aside?.find((a) => a.place === c.place);
                              return <li key={c.right}>{caseId(c.right)}{c.fate && `: ${c.fate}`}{aside && <span class="muted">: {aside.why}</span>}</li>;
                            })}</ol></details>
                        )}</td>
                      <td>{row.state && <StateBadge state={row.state} caseType={ct} languages={languages} />}</td>
                      <td><button type="button" aria-expanded={isOpen} aria-controls={`decide-${caseId(row.left)}`}
                                  onClick={() => setOpen(isOpen ? null : row.left)}>
                        {t("decide")}</button></td>
                    </tr>,
                    isOpen && (
                      <tr key={`${row.left}-decide`} id={`decide-${caseId(row.left)}`}>
                        <td colSpan={6}><Decide row={row} def={def} onDone={() => { setOpen(null); data.reload(); }} /></td>
                      </tr>
                    ),
                  ];
                })}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={ROWS} total={rows.length} onPage={setOffset} />
        </section>
      )}
    </div>
  );
}
