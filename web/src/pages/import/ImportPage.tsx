// CSV import of applicants (a form's export), all or nothing. The file is first checked (a dry run:
// nothing written) and the import confirmed with how many applicants it makes; the rows the engine
// refuses are listed with their row number, the row itself and the engine's sentence.
import { useState } from "preact/hooks";
import * as api from "../../api";
import { ApiError } from "../../api";
import type { Command, Imported } from "../../types";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { caseId, labelOf, nameInWords } from "../../lib/words";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";
import { Progress } from "../../components/Progress";

interface Problem { row: number; message: string }

/** The columns `mentorflow import-applicants` reads: `user`, `id`, then the inputs (a variant each: `cv.it`). */
function csvColumns(command: Command): string[] {
  const inputs = command.inputs.flatMap((i) => {
    const type = i.type.kind === "optional" && i.type.of ? i.type.of : i.type;
    return type.kind === "document" && (type.variants?.length ?? 0) > 0 ? type.variants!.map((v) => `${i.name}.${v}`) : [i.name];
  });
  return ["user", "id", ...inputs];
}

export function ImportPage({ edition }: { edition: string }) {
  const def = useLoad(() => api.definition(edition), [edition]);
  const [type, setType] = useState("");
  const [command, setCommand] = useState("");
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [since, setSince] = useState<number | null>(null);
  const [took, setTook] = useState<number | null>(null);
  const [checked, setChecked] = useState<Imported | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (def.loading) return <><EditionNav edition={edition} view="import" /><Loading /></>;
  if (def.error) return <><EditionNav edition={edition} view="import" /><ErrorMessage error={def.error} /></>;
  const languages = def.data!.languages;
  const types = def.data!.case_types.filter((c) => !c.cohort && c.commands.some((x) => x.creates));
  const ct = types.find((c) => c.name === type) ?? types[0];
  const creating = ct?.commands.filter((c) => c.creates) ?? [];
  const cmd = creating.find((c) => c.name === command) ?? creating[0];
  const problems = error instanceof ApiError ? (error.details.problems as Problem[] | undefined) : undefined;
  const lines = file ? file.text.split(/\r?\n/) : [];
  const what = ct ? labelOf(ct, lang(), languages) : "";

  const send = async (dryRun: boolean) => {
    if (!ct || !cmd || !file) return;
    const started = Date.now();
    setSince(started); setError(null); setTook(null);
    if (!dryRun) setChecked(null);
    try {
      const answer = await api.importApplicants(edition, ct.name, cmd.name, file.text, file.name, dryRun);
      if (dryRun) setChecked(answer); else setResult(answer);
    } catch (err) {
      setError(err);
      setChecked(null);
    } finally {
      setSince(null); setTook(Date.now() - started);
    }
  };
  const reset = () => { setChecked(null); setResult(null); setError(null); setTook(null); };

  return (
    <>
      <EditionNav edition={edition} view="import" />
      <h1>{t("import_title")}</h1>
      <form onSubmit={(e) => { e.preventDefault(); void send(true); }} class="card" aria-labelledby="import-form-title">
        <h2 id="import-form-title" class="visually-hidden">{t("import_title")}</h2>
        <div class="row">
          <div class="field"><label class="label" for="imp-type">{t("type")}</label>
            <select id="imp-type" value={ct?.name} onChange={(e) => { setType((e.target as HTMLSelectElement).value); reset(); }}>
              {types.map((c) => <option key={c.name} value={c.name}>{labelOf(c, lang(), languages)}</option>)}
            </select></div>
          <div class="field"><label class="label" for="imp-command">{t("command")}</label>
            <select id="imp-command" value={cmd?.name} onChange={(e) => { setCommand((e.target as HTMLSelectElement).value); reset(); }}>
              {creating.map((c) => <option key={c.name} value={c.name}>{labelOf(c, lang(), languages)}</option>)}
            </select></div>
        </div>
        <div class="field"><label class="label" for="imp-file">{t("csv_file")}</label>
          {cmd && <p class="help" id="imp-file-help">{t("csv_columns", { columns: csvColumns(cmd).join(", ") })}</p>}
          <input id="imp-file" type="file" accept=".csv,text/csv" required aria-describedby="imp-file-help"
                 onChange={async (e) => {
                   const f = (e.target as HTMLInputElement).files?.[0];
                   reset();
                   setFile(f ? { name: f.name, text: await f.text() } : null);
                 }} />
          {file && <p class="sub muted">{t("csv_rows", { n: Math.max(0, lines.filter((l) => l.trim()).length - 1) })}</p>}
        </div>
        <div class="actions"><button type="submit" class="primary" disabled={!file || since !== null}>{t("import_check")}</button></div>
        <Progress since={since} finishedIn={took} />
      </form>
      {error && !problems && <ErrorMessage error={error} />}
      {problems && (
        <section aria-labelledby="problems" class="card">
          <h2 id="problems" class="error">{t("row_errors")}</h2>
          <ErrorMessage error={error} />
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t("row_errors")}>
            <table><caption class="visually-hidden">{t("row_errors")}</caption>
              <thead><tr><th scope="col">{t("row")}</th><th scope="col">{t("row_text")}</th><th scope="col">{t("reason")}</th></tr></thead>
              <tbody>{problems.map((p, i) => (
                <tr key={i}><th scope="row">{p.row}</th><td><code class="csv-row">{lines[p.row - 1] ?? ""}</code></td><td class="error">{p.message}</td></tr>
              ))}</tbody></table>
          </div>
        </section>
      )}
      {checked && (
        <ConfirmDialog title={t("import_confirm_title", { n: checked.imported.length, what })} busy={since !== null}
                       onConfirm={() => void send(false)} onCancel={() => setChecked(null)}>
          <p>{t("import_confirm", { n: checked.imported.length, what, command: cmd ? labelOf(cmd, lang(), languages) : "" })}</p>
          <ul class="notes">{checked.imported.slice(0, 8).map((r) => <li key={r.case}>{caseId(r.case)} → {nameInWords(r.state)}</li>)}
            {checked.imported.length > 8 && <li>…</li>}</ul>
        </ConfirmDialog>
      )}
      {result && (
        <section aria-labelledby="imported" class="card">
          <h2 id="imported" role="status">{t("imported_n", { n: result.imported.length })}</h2>
          <ul>{result.imported.map((r) => <li key={r.case}><a href={href.case(r.case)}>{caseId(r.case)}</a> ({nameInWords(r.state)})</li>)}</ul>
        </section>
      )}
    </>
  );
}
