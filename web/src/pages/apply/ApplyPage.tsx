// Apply: the commands that open a case of a type in an edition, as forms. A participant's case is
// named with their user id; staff name the case they open.
import { useState } from "preact/hooks";
import * as api from "../../api";
import type { Me } from "../../types";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { caseId, labelOf, nameInWords, pickText } from "../../lib/words";
import { CommandForm } from "../../components/CommandForm";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Loading } from "../../components/Loading";

export function ApplyPage({ edition, type, me }: { edition: string; type: string; me: Me }) {
  const data = useLoad(async () => ({ def: await api.definition(edition), commands: await api.openingCommands(edition, type) }), [edition, type]);
  const isParticipant = (me.editions.find((e) => e.edition === edition)?.participant_roles.length ?? 0) > 0;
  const [id, setId] = useState(isParticipant ? me.user : "");
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorMessage error={data.error} />;
  const { def, commands } = data.data!;
  const ct = def.case_types.find((c) => c.name === type);
  const what = ct ? labelOf(ct, lang(), def.languages) : nameInWords(type);
  const target = `${edition}/${type}/${id.trim()}`;
  return (
    <>
      <p class="crumbs"><a href={href.home()}>{t("home")}</a> / {pickText(def.title, lang(), def.languages) ?? edition}</p>
      <h1>{what}</h1>
      {ct && pickText(ct.help, lang(), def.languages) && <p class="lead">{pickText(ct.help, lang(), def.languages)}</p>}
      {!isParticipant && (
        <div class="field">
          <label class="label" for="new-case-id">{t("case")}</label>
          <input id="new-case-id" type="text" required value={id} onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        </div>
      )}
      {commands.exists && (
        <p class="notice">{t("already_open", { case: caseId(commands.case) })} <a href={href.case(commands.case)}>{t("see_case")}</a></p>
      )}
      {commands.commands.length === 0 && !commands.exists && <p class="muted">{t("nothing_to_do")}</p>}
      {commands.commands.map((c) => (
        <CommandForm key={c.name} level={2} target={target} command={c} ctx={{ zone: def.zone, languages: def.languages }}
                     onDone={(a) => { location.hash = href.case(a.case ?? target); }} />
      ))}
    </>
  );
}
