// A case: its state, what the person may do now (forms generated from the commands the server says
// they may issue), progress against the counters, timers, details, documents, certificates, the
// meetings as .ics, and the history with every decision in plain words.
import { useEffect, useState } from "preact/hooks";
import * as api from "../../api";
import type { Accepted, CaseState, Definition, Me } from "../../types";
import { useLoad } from "../../hooks";
import { lang, t } from "../../i18n";
import { href } from "../../lib/route";
import { counterText, relativeTime, serverNow } from "../../lib/time";
import { parseInstant, showDateTime } from "../../lib/values";
import { caseId, labelOf, nameInWords, parseCaseName, pickText } from "../../lib/words";
import { CommandForm } from "../../components/CommandForm";
import { ErrorMessage } from "../../components/ErrorMessage";
import { HistoryList } from "../../components/HistoryList";
import { Loading } from "../../components/Loading";
import { StateBadge } from "../../components/StateBadge";
import { ValueText } from "../../components/ValueText";

function timersOf(state: CaseState): { timer: string; due: string }[] {
  const tm = state.timers as unknown;
  if (Array.isArray(tm)) return tm.filter((x) => x && typeof x === "object").map((x) => ({ timer: String(x.timer ?? x.name ?? ""), due: String(x.due ?? x.at ?? "") }));
  if (tm && typeof tm === "object") return Object.entries(tm as Record<string, unknown>).map(([timer, v]) =>
    ({ timer, due: typeof v === "string" ? v : String((v as { due?: string })?.due ?? "") }));
  return [];
}

export function CasePage({ name, me, doCommand }: { name: string; me: Me; doCommand?: string }) {
  const parsed = parseCaseName(name);
  const edition = parsed?.edition ?? "";
  const [done, setDone] = useState<Accepted | null>(null);
  const data = useLoad(async () => {
    const [state, definition, commands, history] = await Promise.all([
      api.caseState(name), api.definition(edition), api.commandsOn(name).catch(() => ({ case: name, commands: [] })), api.history(name),
    ]);
    const ct = definition.case_types.find((c) => c.name === state.case_type);
    const certificates = ct && ct.outputs.length > 0 ? await api.certificatesOf(name).catch(() => ({ certificates: [] })) : { certificates: [] };
    return { state, definition, commands, history, certificates: certificates.certificates };
  }, [name]);

  useEffect(() => {
    if (doCommand && data.data) document.getElementById(`cmd-${doCommand}-title`)?.scrollIntoView();
  }, [doCommand, data.data]);

  if (!parsed) return <p class="error" role="alert">{t("not_found", { path: name })}</p>;
  if (data.loading && !data.data) return <Loading />;
  if (data.error && !data.data) return <><h1>{caseId(name)}</h1><ErrorMessage error={data.error} /></>;
  const { state, definition, commands, history, certificates } = data.data!;
  const d: Definition = definition;
  const languages = d.languages;
  const zone = d.zone;
  const ct = d.case_types.find((c) => c.name === state.case_type);
  const typeTitle = ct ? labelOf(ct, lang(), languages) : nameInWords(state.case_type);
  const stateInfo = ct?.states.find((s) => s.name === state.state);
  const timers = timersOf(state);
  const ctx = { zone, languages };
  // fields in the order the workflow declares them (the JSON's keys are sorted)
  const declared = (ct?.fields ?? []).map((f) => f.name);
  const fields = Object.entries(state.fields ?? {}).filter(([, v]) => v !== null && v !== undefined)
    .sort(([a], [b]) => (declared.indexOf(a) + 1 || 1e6) - (declared.indexOf(b) + 1 || 1e6));
  const documents = Object.entries(state.documents ?? {});
  const parties = Object.entries(state.parties ?? {});
  const hasProgress = (ct?.counters.length ?? 0) > 0 || timers.length > 0 || certificates.length > 0;
  // a participant may read only their own cases: a ref to another person's case is not a link for them
  const standing = me.editions.find((e) => e.edition === edition);
  const readsOthers = (standing?.staff_roles.length ?? 0) + (standing?.auditor_roles.length ?? 0) > 0;

  return (
    <div class="page" aria-busy={data.loading ? "true" : "false"}>
      <p class="crumbs"><a href={href.home()}>{t("home")}</a> / {pickText(d.title, lang(), languages) ?? edition}
        {(me.editions.find((e) => e.edition === edition)?.staff_roles.length ?? 0) > 0 && <> / <a href={href.edition(edition, "cases", { type: state.case_type })}>{t("cases")}</a></>}</p>
      <h1>{typeTitle}: {caseId(name)}</h1>
      <p class="lead"><StateBadge state={state.state} caseType={ct} languages={languages} />
        {stateInfo && pickText(stateInfo.help, lang(), languages) && <span class="muted"> {pickText(stateInfo.help, lang(), languages)}</span>}</p>
      {state.hold && <p class="notice" id="legal-hold">{t("legal_hold", {
        at: showDateTime(new Date(state.hold.at / 1000).toISOString(), zone), by: state.hold.by, reason: state.hold.reason })}</p>}
      {done && <p class="notice" role="status">{t("accepted", { state: nameInWords(done.state ?? state.state) })}
        {done.notes && done.notes.length > 0 && <> {done.notes.join(" ")}</>}</p>}

      <div class="grid">
        <section aria-labelledby="next" class="span2">
          <h2 id="next">{t("whats_next")}</h2>
          {commands.commands.length === 0 && <p class="muted">{t("nothing_to_do")}</p>}
          {commands.commands.map((c) => (
            <CommandForm key={`${c.name}-${state.version}`} target={name} command={c} ctx={ctx} confirmFirst={ct?.cohort ?? false}
                         onDone={(a) => { setDone(a); data.reload(); }} />
          ))}
        </section>

        {hasProgress && <section aria-labelledby="progress">
          <h2 id="progress">{t("counters")}</h2>
          <dl class="facts">
            {(ct?.counters ?? []).map((c) => (
              <div key={c.name}><dt>{labelOf(c, lang(), languages)}</dt><dd>{counterText(state.counters?.[c.name] ?? 0, c.min, c.max, t("of"))}</dd></div>
            ))}
          </dl>
          {timers.length > 0 && (
            <>
              <h3>{t("timers")}</h3>
              <ul>{timers.map((tm) => {
                const at = parseInstant(tm.due);
                return <li key={tm.timer}>{nameInWords(tm.timer)}: {Number.isNaN(at) ? tm.due : relativeTime(at, serverNow(), lang())}
                  <span class="muted"> ({showDateTime(tm.due, zone)})</span></li>;
              })}</ul>
            </>
          )}
          {certificates.length > 0 && (
            <>
              <h3>{t("certificates")}</h3>
              <ul>{certificates.map((c) => (
                <li key={c.file}><a href={api.links.certificate(name, c.file)} download={c.file}>{t("download_pdf", { file: c.file })}</a>
                  <span class="muted"> ({c.recipient})</span></li>
              ))}</ul>
            </>
          )}
          {(ct?.counters.length ?? 0) > 0 && !ct?.cohort && (
            <p><a href={api.links.calendar(name)} download={`${caseId(name)}.ics`}>{t("calendar")}</a></p>
          )}
        </section>}

        {fields.length + parties.length > 0 && (
          <section aria-labelledby="fields">
            <h2 id="fields">{t("fields")}</h2>
            <dl class="facts">
              {parties.map(([party, user]) => {
                const role = d.roles.find((r) => r.name === party);   // a party named as its role takes the role's label
                return <div key={party}><dt>{role ? labelOf(role, lang(), languages) : nameInWords(party)}</dt><dd>{user}</dd></div>;
              })}
              {fields.map(([k, v]) => {
                const f = ct?.fields.find((x) => x.name === k);
                return <div key={k}><dt>{f ? labelOf(f, lang(), languages) : nameInWords(k)}</dt>
                  <dd><ValueText value={v} zone={zone} type={f?.type} languages={languages} canLink={readsOthers} /></dd></div>;
              })}
            </dl>
          </section>
        )}

        {documents.length > 0 && (
          <section aria-labelledby="documents">
            <h2 id="documents">{t("documents")}</h2>
            <ul>
              {documents.map(([k, v]) => {
                const doc = ct?.documents.find((x) => x.name === k);
                const title = doc ? labelOf(doc, lang(), languages) : nameInWords(k);
                // {"": file} without variants, {"it": file, "foreign": file} with them
                if (v && typeof v === "object" && !("file" in (v as object)))
                  return Object.entries(v as Record<string, unknown>).map(([variant, f]) => (
                    <li key={`${k}-${variant}`}><a href={api.links.document(name, k, variant || undefined)}>{title}{variant && ` (${variant})`}</a>
                      <span class="muted"> <ValueText value={f} zone={zone} /></span></li>));
                return <li key={k}><a href={api.links.document(name, k)}>{title}</a> <span class="muted"><ValueText value={v} zone={zone} /></span></li>;
              })}
            </ul>
          </section>
        )}

        <section aria-labelledby="history" class="span2">
          <h2 id="history">{t("history")}</h2>
          <HistoryList history={history} zone={zone} caseType={ct} languages={languages} />
        </section>
      </div>
    </div>
  );
}
