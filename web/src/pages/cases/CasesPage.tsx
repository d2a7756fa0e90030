// An edition's cases, paged on the server (an edition may have thousands): filters by type, state
// and text, sorting, paging. The filters live in the URL, so a list can be bookmarked and shared.
import { useState } from "preact/hooks";
import * as api from "../../api";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { labelOf } from "../../lib/words";
import { CaseTable } from "../../components/CaseTable";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";
import { Pager } from "../../components/Pager";

export const PAGE = 50;

export function CasesPage({ edition, query }: { edition: string; query: Record<string, string> }) {
  const def = useLoad(() => api.definition(edition), [edition]);
  const offset = Number(query.offset ?? 0) || 0;
  const list = useLoad(() => api.cases(edition, {
    type: query.type, state: query.state, q: query.q, sort: query.sort, order: query.order, offset, limit: PAGE,
  }), [edition, query.type, query.state, query.q, query.sort, query.order, offset]);
  const [q, setQ] = useState(query.q ?? "");
  const go = (change: Record<string, string | number | undefined>) => {
    location.hash = href.edition(edition, "cases", { ...query, offset: undefined, ...change });
  };
  const types = def.data?.case_types.filter((c) => !c.cohort) ?? [];
  const ct = types.find((c) => c.name === query.type);
  const states = ct ? ct.states : [...new Map(types.flatMap((c) => c.states).map((s) => [s.name, s])).values()];
  const languages = def.data?.languages ?? [];
  // a server that does not page (no `total`) sends every case: then the page is cut here
  const serverPaged = typeof list.data?.total === "number";
  const rows = !list.data ? [] : serverPaged ? list.data.cases : list.data.cases.slice(offset, offset + PAGE);
  const total = list.data ? (serverPaged ? list.data.total! : list.data.cases.length) : 0;
  return (
    <>
      <EditionNav edition={edition} view="cases" />
      <h1>{t("cases")} <span class="muted">{edition}</span></h1>
      <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); go({ q }); }}>
        <label>{t("type")}
          <select value={query.type ?? ""} onChange={(e) => go({ type: (e.target as HTMLSelectElement).value, state: undefined })}>
            <option value="">{t("all")}</option>
            {types.map((c) => <option key={c.name} value={c.name}>{labelOf(c, lang(), languages)}</option>)}
          </select>
        </label>
        <label>{t("state")}
          <select value={query.state ?? ""} onChange={(e) => go({ state: (e.target as HTMLSelectElement).value })}>
            <option value="">{t("all")}</option>
            {states.map((s) => <option key={s.name} value={s.name}>{labelOf(s, lang(), languages)}</option>)}
          </select>
        </label>
        <label>{t("search")}
          <input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t("filter")}</button>
      </form>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          {rows.length === 0 ? <p class="muted">{t("no_match_results")}</p> : (
            <CaseTable cases={rows} definition={def.data} caption={t("cases")} sort={query.sort ?? "case"} order={query.order ?? "asc"}
                       onSort={(column) => go({ sort: column, order: query.sort === column && query.order !== "desc" ? "desc" : "asc" })} />
          )}
          <Pager offset={offset} limit={PAGE} total={total}
                 onPage={(o) => go({ offset: o })} />
        </>
      )}
    </>
  );
}
