// What an auditor asks: verify the log (with its result as `mentorflow verify` prints it), what-if
// with an uploaded rules file (who would be decided otherwise), and the programme's states as a
// picture (an SVG drawn by the server's Graphviz). Any case's history is a click away in Cases.
import { useState } from "preact/hooks";
import * as api from "../../api";
import type { Verified, WhatIf } from "../../types";
import { t } from "../../i18n";
import { href } from "../../lib/route";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Progress } from "../../components/Progress";
import { SourceInput, type Source } from "../../components/SourceInput";
import { WhatIfReport } from "../../components/WhatIfReport";

export function AuditPage({ edition }: { edition: string }) {
  const [verifySince, setVerifySince] = useState<number | null>(null);
  const [verifyTook, setVerifyTook] = useState<number | null>(null);
  const [verified, setVerified] = useState<Verified | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [rules, setRules] = useState<Source>({ name: "", text: "" });
  const [whatIfSince, setWhatIfSince] = useState<number | null>(null);
  const [report, setReport] = useState<WhatIf | null>(null);
  const [whatIfError, setWhatIfError] = useState<unknown>(null);

  const runVerify = async () => {
    const started = Date.now();
    setVerifySince(started); setVerified(null); setVerifyError(null);
    try { setVerified(await api.verify()); } catch (e) { setVerifyError(e); } finally { setVerifySince(null); setVerifyTook(Date.now() - started); }
  };
  const runWhatIf = async (e: Event) => {
    e.preventDefault();
    setWhatIfSince(Date.now()); setReport(null); setWhatIfError(null);
    try { setReport(await api.whatIf(edition, { name: rules.name || "rules.rules", text: rules.text })); }
    catch (err) { setWhatIfError(err); } finally { setWhatIfSince(null); }
  };
  const diagnostics = (whatIfError as api.ApiError | null)?.details?.diagnostics as string | undefined;
  const [caseName, setCaseName] = useState("");
  return (
    <>
      <EditionNav edition={edition} view="audit" />
      <h1>{t("audit")} <span class="muted">{edition}</span></h1>
      <section aria-labelledby="open-case" class="card">
        <h2 id="open-case">{t("history")}</h2>
        <form class="row" onSubmit={(e) => { e.preventDefault(); if (caseName.trim()) location.hash = href.case(caseName.includes("/") ? caseName.trim() : `${edition}/${caseName.trim()}`); }}>
          <div class="field"><label class="label" for="case-name">{t("case_name")}</label>
            <input id="case-name" type="text" placeholder={`${edition}/TYPE/ID`} value={caseName} onInput={(e) => setCaseName((e.target as HTMLInputElement).value)} /></div>
          <div class="actions"><button type="submit">{t("open")}</button></div>
        </form>
      </section>
      <section aria-labelledby="verify" class="card">
        <h2 id="verify">{t("verify")}</h2>
        <button type="button" class="primary" onClick={runVerify} disabled={verifySince !== null}>{t("verify")}</button>
        <Progress since={verifySince} finishedIn={verifyTook} />
        <ErrorMessage error={verifyError} />
        {verified && (
          <>
            <p class={`verdict ${verified.ok ? "ok" : "error"}`} role="status"><strong>{verified.ok ? t("verify_ok") : t("verify_failed")}</strong></p>
            <pre tabIndex={0} class="output">{verified.text}</pre>
          </>
        )}
      </section>
      <section aria-labelledby="whatif" class="card">
        <h2 id="whatif">{t("what_if")}</h2>
        <form onSubmit={runWhatIf}>
          <SourceInput id="whatif-rules" label={t("rules_file")} value={rules} onChange={setRules} defaultName="rules.rules" />
          <div class="actions"><button type="submit" class="primary" disabled={!rules.text.trim() || whatIfSince !== null}>{t("run_what_if")}</button></div>
          <Progress since={whatIfSince} />
        </form>
        {whatIfError && !diagnostics && <ErrorMessage error={whatIfError} />}
        {diagnostics && <pre tabIndex={0} class="diagnostics" role="alert">{diagnostics}</pre>}
        {report && <WhatIfReport report={report} />}
      </section>
      <section aria-labelledby="picture" class="card">
        <h2 id="picture">{t("states_picture")}</h2>
        <div class="picture"><img src={`/v1/editions/${encodeURIComponent(edition)}/graph.svg`} alt={t("states_picture")} /></div>
      </section>
    </>
  );
}
