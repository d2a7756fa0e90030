// The certificates issued in an edition, each downloadable as its PDF.
import * as api from "../../api";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { caseId, labelOf, nameInWords, parseCaseName } from "../../lib/words";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";

export function CertificatesPage({ edition }: { edition: string }) {
  const list = useLoad(() => api.editionCertificates(edition), [edition]);
  const def = useLoad(() => api.definition(edition), [edition]);
  const languages = def.data?.languages ?? [];
  const typeOf = (name: string) => def.data?.case_types.find((c) => c.name === parseCaseName(name)?.type);
  return (
    <>
      <EditionNav edition={edition} view="certificates" />
      <h1>{t("certificates")} <span class="muted">{edition}</span></h1>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && list.data.certificates.length === 0 && <p class="muted">{t("no_certificates")}</p>}
      {list.data && list.data.certificates.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("certificates")}><table>
          <caption class="visually-hidden">{t("certificates")}</caption>
          <thead><tr><th scope="col">{t("case")}</th><th scope="col">{t("output")}</th><th scope="col">{t("recipient")}</th><th scope="col">PDF</th></tr></thead>
          <tbody>{list.data.certificates.map((c) => (
            <tr key={c.file}>
              <td>{c.case ? <a href={href.case(c.case)}>{typeOf(c.case) ? `${labelOf(typeOf(c.case)!, lang(), languages)}: ` : ""}{caseId(c.case)}</a> : ""}</td>
              <td>{(() => { const o = c.case ? typeOf(c.case)?.outputs.find((x) => x.name === c.output) : undefined;
                            return o ? labelOf(o, lang(), languages) : nameInWords(c.output); })()}</td>
              <td>{c.recipient}</td>
              <td>{c.case && <a href={api.links.certificate(c.case, c.file)} download={c.file}>{c.file}</a>}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
    </>
  );
}
