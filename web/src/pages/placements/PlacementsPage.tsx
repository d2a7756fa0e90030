// The placement search (MILEAGE): offers with their filters and the places left; students use it
// too (they see the offers, not who took them).
import { useState } from "preact/hooks";
import * as api from "../../api";
import type { Me } from "../../types";
import { useLoad } from "../../hooks";
import { t } from "../../i18n";
import { caseId, nameInWords } from "../../lib/words";
import { EditionNav } from "../../components/EditionNav";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";

const FILTERS = ["field", "location", "language", "from", "until"] as const;

export function PlacementsPage({ edition, query, me }: { edition: string; query: Record<string, string>; me: Me }) {
  const staff = me.editions.some((e) => e.edition === edition && (e.staff_roles.length > 0 || e.auditor_roles.length > 0));
  const [form, setForm] = useState<Record<string, string>>({ ...query });
  const [applied, setApplied] = useState<Record<string, string>>({ ...query });
  const result = useLoad(() => api.placements(edition, applied), [edition, JSON.stringify(applied)]);
  const set = (k: string, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const offers = result.data?.offers ?? [];
  return (
    <>
      {staff && <EditionNav edition={edition} view="placements" />}
      <h1>{t("placements")} <span class="muted">{edition}</span></h1>
      <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); setApplied(Object.fromEntries(Object.entries(form).filter(([, v]) => v))); }}>
        {FILTERS.map((k) => (
          <label key={k}>{k === "field" ? t("field_of_work") : k === "location" ? t("location") : k === "language" ? t("language") : k === "from" ? t("from_date") : t("until_date")}
            <input type={k === "from" || k === "until" ? "date" : "text"} name={k} value={form[k] ?? ""} onInput={(e) => set(k, (e.target as HTMLInputElement).value)} />
          </label>
        ))}
        <label>{t("state")}
          <select name="state" value={form.state ?? "open"} onChange={(e) => set("state", (e.target as HTMLSelectElement).value)}>
            <option value="open">{t("open_offers")}</option>
            <option value="any">{t("all")}</option>
          </select>
        </label>
        <label class="check"><input type="checkbox" name="with_places" checked={form.with_places === "true"}
                                    onChange={(e) => set("with_places", (e.target as HTMLInputElement).checked ? "true" : "")} /> {t("with_places")}</label>
        <label class="check"><input type="checkbox" name="fewer_opportunities" checked={form.fewer_opportunities === "true"}
                                    onChange={(e) => set("fewer_opportunities", (e.target as HTMLInputElement).checked ? "true" : "")} /> {t("fewer_opportunities")}</label>
        <button type="submit">{t("search")}</button>
      </form>
      <ErrorMessage error={result.error} />
      {result.loading && <Loading />}
      {result.data && offers.length === 0 && <p class="muted">{t("no_offers")}</p>}
      <p class="muted" role="status">{result.data && offers.length > 0 ? t("offers_found", { n: offers.length }) : ""}</p>
      <ul class="cards offers">
        {offers.map((o) => (
          <li key={o.offer} class="card">
            <h2 class="h3">{o.title ?? caseId(o.offer ?? "")}</h2>
            <p class="muted">{o.ngo} · {o.location} · {nameInWords(o.area ?? "")} · {o.language}</p>
            <p>{o.starts} – {o.ends}{o.hours ? ` · ${o.hours} h` : ""}</p>
            <p><strong>{t("places_left", { n: o.places_left ?? 0, total: o.places ?? 0 })}</strong>
              {o.fewer_opportunities_support && <span class="badge ok"> {t("fewer_opportunities")}</span>}</p>
            {o.taken_by && o.taken_by.length > 0 && <p class="muted">{o.taken_by.map(caseId).join(", ")}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
