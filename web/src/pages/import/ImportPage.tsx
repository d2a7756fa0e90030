// CSV import of applicants (a form's export): all or nothing; the rows the engine refused are
// listed with their row number and the engine's sentence.
import { useState } from "preact/hooks";
import * as api from "../../api";
import { ApiError } from "../../api";
import type { Imported } from "../../types";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { caseId, labelOf } from "../../lib/words";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";
import { Progress } from "../../components/Progress";

export function ImportPage({ edition }: { edition: string }) {
  const def = useLoad(() => api.definition(edition), [edition]);
  const [type, setType] = useState("");
  const [command, setCommand] = useState("");
  const [csv, setCsv] = useState("");
  const [since, setSince] = useState<number | null>(null);
  const [took, setTook] = useState<number | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (def.loading) return <><EditionNav edition={edition} view="import" /><Loading /></>;
  if (def.error) return <><EditionNav edition={edition} view="import" /><ErrorMessage error={def.error} /></>;
  const languages = def.data!.languages;
  const types = def.data!.case_types.filter((c) => !c.cohort && c.commands.some((x) => x.creates));
  const ct = types.find((c) => c.name === type) ?? types[0];
  const creating = ct?.commands.filter((c) => c.creates) ?? [];
  const cmd = creating.find((c) => c.name === command) ?? creating[0];
  const problems = error instanceof ApiError ? (error.details.problems as { row: number; message: string }[] | undefined) : undefined;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ct || !cmd) return;
    const started = Date.now();
    setSince(started); setResult(null); setError(null);
    try {
      setResult(await api.importApplicants(edition, ct.name, cmd.name, csv));
    } catch (err) {
      setError(err);
    } finally {
      setSince(null); setTook(Date.now() - started);
    }
  };
  return (
    <>
      <EditionNav edition={edition} view="import" />
      <h1>{t("import_title")}</h1>
      <form onSubmit={submit} class="card">
        <div class="row">
          <div class="field"><label class="label" for="imp-type">{t("type")}</label>
            <select id="imp-type" value={ct?.name} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
              {types.map((c) => <option key={c.name} value={c.name}>{labelOf(c, lang(), languages)}</option>)}
            </select></div>
          <div class="field"><label class="label" for="imp-command">{t("command")}</label>
            <select id="imp-command" value={cmd?.name} onChange={(e) => setCommand((e.target as HTMLSelectElement).value)}>
              {creating.map((c) => <option key={c.name} value={c.name}>{labelOf(c, lang(), languages)}</option>)}
            </select></div>
        </div>
        <div class="field"><label class="label" for="imp-file">{t("csv_file")}</label>
          <input id="imp-file" type="file" accept=".csv,text/csv" required
                 onChange={async (e) => { const f = (e.target as HTMLInputElement).files?.[0]; setCsv(f ? await f.text() : ""); }} /></div>
        <div class="actions"><button type="submit" class="primary" disabled={!csv || since !== null}>{t("import")}</button></div>
        <Progress since={since} finishedIn={took} />
      </form>
      {error && !problems && <ErrorMessage error={error} />}
      {problems && (
        <section aria-labelledby="problems" class="card">
          <h2 id="problems" class="error">{t("row_errors")}</h2>
          <ErrorMessage error={error} />
          <table><thead><tr><th scope="col">{t("row")}</th><th scope="col">{t("reason")}</th></tr></thead>
            <tbody>{problems.map((p, i) => <tr key={i}><td>{p.row}</td><td>{p.message}</td></tr>)}</tbody></table>
        </section>
      )}
      {result && (
        <section aria-labelledby="imported" class="card">
          <h2 id="imported">{t("imported_n", { n: result.imported.length })}</h2>
          <ul>{result.imported.map((r) => <li key={r.case}><a href={href.case(r.case)}>{caseId(r.case)}</a> ({r.state})</li>)}</ul>
        </section>
      )}
    </>
  );
}
