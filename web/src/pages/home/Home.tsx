// Home. A participant: their cases across editions with what's next, and the editions they may
// apply to. Staff and auditors: their editions. A publisher: the designer.
import * as api from "../../api";
import type { Definition, Me } from "../../types";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { labelOf, pickText } from "../../lib/words";
import { CaseCard } from "../../components/CaseCard";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";

export function Home({ me }: { me: Me }) {
  const participantEditions = me.editions.filter((e) => e.participant_roles.length > 0);
  const staffEditions = me.editions.filter((e) => e.staff_roles.length > 0 || e.auditor_roles.length > 0);
  const mine = useLoad(async () => {
    if (participantEditions.length === 0) return { cases: [], defs: new Map<string, Definition>() };
    const { cases } = await api.myCases();
    const names = new Set([...cases.map((c) => c.edition ?? c.case.split("/")[0]), ...participantEditions.map((e) => e.edition)]);
    const defs = new Map<string, Definition>();
    await Promise.all([...names].map(async (e) => { try { defs.set(e, await api.definition(e)); } catch { /* not readable */ } }));
    return { cases, defs };
  }, [me.user]);

  const applyItems = !mine.data ? [] : participantEditions.flatMap((e) => {
    const def = mine.data!.defs.get(e.edition);
    if (!def) return [];
    const have = new Set(mine.data!.cases.filter((c) => c.case.startsWith(e.edition + "/")).map((c) => c.type));
    const openable = def.case_types.filter((ct) => !ct.cohort && !have.has(ct.name) &&
      ct.commands.some((c) => c.creates && c.roles.some((r) => e.participant_roles.includes(r))));
    const search = def.case_types.some((ct) => ct.name.includes("offer"));
    if (openable.length === 0 && !search) return [];
    return [(
      <li key={e.edition} class="card">
        <h3>{pickText(def.title, lang(), def.languages) ?? e.edition} <span class="muted">({e.edition})</span></h3>
        <ul class="inline">
          {openable.map((ct) => {
            // the button says what the person does: the opening command's label ("Request placement")
            const opening = ct.commands.filter((c) => c.creates && c.roles.some((r) => e.participant_roles.includes(r)));
            const text = opening.length === 1 ? labelOf(opening[0], lang(), def.languages) : t("start_case", { what: labelOf(ct, lang(), def.languages) });
            return <li key={ct.name}><a class="button" href={href.apply(e.edition, ct.name)}>{text}</a></li>;
          })}
          {search && <li><a class="button" href={href.edition(e.edition, "placements")}>{t("placements")}</a></li>}
        </ul>
      </li>
    )];
  });
  return (
    <>
      <h1>{t("home")}</h1>
      {participantEditions.length > 0 && (
        <section aria-labelledby="my-cases">
          <h2 id="my-cases">{t("my_cases")}</h2>
          {mine.loading && <Loading />}
          <ErrorMessage error={mine.error} />
          {mine.data && mine.data.cases.length === 0 && <p class="muted">{t("no_cases")}</p>}
          <div class="cards">
            {mine.data?.cases.map((c) => <CaseCard key={c.case} summary={c} definition={mine.data!.defs.get(c.edition ?? c.case.split("/")[0])} />)}
          </div>
          {mine.data && mine.data.cases.length > 0 && (
            <p><a class="button" href={api.links.myData()} download="my-data.json">{t("my_data")}</a>{" "}
              <span class="muted">{t("my_data_help")}</span></p>
          )}
        </section>
      )}
      {applyItems.length > 0 && (
        <section aria-labelledby="apply">
          <h2 id="apply">{t("apply")}</h2>
          <ul class="cards">{applyItems}</ul>
        </section>
      )}
      {staffEditions.length > 0 && (
        <section aria-labelledby="editions">
          <h2 id="editions">{t("editions")}</h2>
          <ul class="cards">
            {staffEditions.map((e) => (
              <li key={e.edition} class="card">
                <h3><a href={href.edition(e.edition)}>{pickText(e.title, lang(), e.languages) ?? e.edition}</a></h3>
                <p class="muted">{e.edition} · {[...e.staff_roles, ...e.auditor_roles].join(", ")}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.publisher && <p><a class="button" href={href.designer()}>{t("designer")}</a></p>}
    </>
  );
}
