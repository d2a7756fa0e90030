// The designer: a workflow and a rules file (pasted or uploaded) checked by the server, the
// diagnostics exactly as `mentorflow check` prints them (file:line:col, the line, the caret,
// notes), the states as a picture, and publish with a confirmation.
import { useState } from "preact/hooks";
import * as api from "../../api";
import type { Checked, Me, Published, WhatIf } from "../../types";
import { t } from "../../i18n";
import { href } from "../../lib/route";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Progress } from "../../components/Progress";
import { SourceInput, type Source } from "../../components/SourceInput";
import { WhatIfReport } from "../../components/WhatIfReport";

export function DesignerPage({ me }: { me: Me }) {
  const running = me.editions.filter((e) => e.staff_roles.length > 0 || e.auditor_roles.length > 0);
  const [against, setAgainst] = useState(running[0]?.edition ?? "");
  const [report, setReport] = useState<WhatIf | null>(null);
  const [workflow, setWorkflow] = useState<Source>({ name: "", text: "" });
  const [rules, setRules] = useState<Source>({ name: "", text: "" });
  const [edition, setEdition] = useState("");
  const [checked, setChecked] = useState<Checked | null>(null);
  const [since, setSince] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [published, setPublished] = useState<Published | null>(null);
  const wf = { name: workflow.name || "workflow.flow", text: workflow.text };
  const rl = { name: rules.name || "edition.rules", text: rules.text };

  const runCheck = async (e: Event) => {
    e.preventDefault();
    setSince(Date.now()); setChecked(null); setError(null); setPublished(null);
    try { setChecked(await api.check(wf, rules.text.trim() ? rl : undefined)); } catch (err) { setError(err); } finally { setSince(null); }
  };
  const runPublish = async () => {
    setSince(Date.now()); setError(null);
    try { setPublished(await api.publish(edition.trim(), wf, rl)); setConfirming(false); }
    catch (err) { setError(err); setConfirming(false); } finally { setSince(null); }
  };
  const runWhatIf = async (e: Event) => {
    e.preventDefault();
    setSince(Date.now()); setError(null); setReport(null);
    try { setReport(await api.whatIf(against, rl)); } catch (err) { setError(err); } finally { setSince(null); }
  };
  const publishDiagnostics = (error as api.ApiError | null)?.details?.diagnostics as string | undefined;
  return (
    <>
      <h1>{t("designer")}</h1>
      <form onSubmit={runCheck} class="card">
        <div class="two">
          <SourceInput id="wf" label={t("workflow_file")} value={workflow} onChange={setWorkflow} defaultName="workflow.flow" />
          <SourceInput id="rules" label={t("rules_file")} value={rules} onChange={setRules} defaultName="edition.rules" />
        </div>
        <div class="actions"><button type="submit" class="primary" disabled={!workflow.text.trim() || since !== null}>{t("check")}</button></div>
        <Progress since={since} />
      </form>
      <ErrorMessage error={error && !publishDiagnostics ? error : null} />
      {(checked && !checked.ok) || publishDiagnostics ? (
        <section aria-labelledby="diag" class="card">
          <h2 id="diag" class="error">{checked?.summary ?? t("refused")}</h2>
          <pre tabIndex={0} class="diagnostics" role="alert">{publishDiagnostics ?? checked?.diagnostics}</pre>
        </section>
      ) : null}
      {checked && checked.ok && (
        <section aria-labelledby="ok" class="card">
          <h2 id="ok" class="ok">{t("checks_ok")}</h2>
          {checked.diagnostics && <pre tabIndex={0} class="diagnostics">{checked.diagnostics}</pre>}
          {checked.svg && <div class="picture"><img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(checked.svg)}`} alt={t("states_picture")} /></div>}
          {rules.text.trim() && (
            <form class="row" onSubmit={(e) => { e.preventDefault(); setConfirming(true); }}>
              <div class="field"><label class="label" for="edition-name">{t("publish_as")}</label>
                <input id="edition-name" type="text" required pattern="[A-Za-z0-9][A-Za-z0-9._-]*" value={edition}
                       onInput={(e) => setEdition((e.target as HTMLInputElement).value)} /></div>
              <div class="actions"><button type="submit" class="primary" disabled={!edition.trim()}>{t("publish")}</button></div>
            </form>
          )}
        </section>
      )}
      {checked && checked.ok && rules.text.trim() && running.length > 0 && (
        <section aria-labelledby="designer-whatif" class="card">
          <h2 id="designer-whatif">{t("what_if")}</h2>
          <form class="row" onSubmit={runWhatIf}>
            <div class="field"><label class="label" for="whatif-edition">{t("edition")}</label>
              <select id="whatif-edition" value={against} onChange={(e) => setAgainst((e.target as HTMLSelectElement).value)}>
                {running.map((e) => <option key={e.edition} value={e.edition}>{e.edition}</option>)}
              </select></div>
            <div class="actions"><button type="submit" disabled={since !== null}>{t("run_what_if")}</button></div>
          </form>
          {report && <WhatIfReport report={report} />}
        </section>
      )}
      {published && <p class="notice" role="status">{t("published", { edition: published.edition ?? edition })} <a href={href.edition(published.edition ?? edition)}>{published.edition}</a></p>}
      {confirming && (
        <ConfirmDialog title={t("publish")} onConfirm={runPublish} onCancel={() => setConfirming(false)} busy={since !== null}>
          <p>{t("publish_confirm", { workflow: wf.name, edition: edition.trim() })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
