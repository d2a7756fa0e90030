// One input of a command, its widget chosen by its declared type (docs/LANGUAGE.md, "Types"):
// text, int, number, bool, date, date-time in the edition's zone, duration, enum and cefr (select),
// ref (a picker over the cases offered), list of ref (a ranking), document (file upload).
import type { Input, Type } from "../types";
import { lang, t } from "../i18n";
import { CEFR, DURATION_UNITS, parseDuration } from "../lib/values";
import { labelOf, nameInWords, pickText } from "../lib/words";
import { DocumentInput } from "./DocumentInput";
import { RankList, type Choice } from "./RankList";

export interface FieldContext { zone: string; languages: string[] }

function enumChoices(type: Type, languages: string[]): Choice[] {
  return (type.values ?? []).map((v, i) => ({ value: v, text: pickText(type.value_labels?.[i], lang(), languages) ?? nameInWords(v) }));
}

function refChoices(input: Input): Choice[] {
  return (input.options ?? []).map((o) => ({ value: o.case, text: o.title && o.title !== o.id ? `${o.title} (${o.id})` : o.id }));
}

export function InputField({ input, value, onChange, error, ctx, idPrefix }: {
  input: Input; value: unknown; onChange: (v: unknown) => void; error?: string; ctx: FieldContext; idPrefix: string;
}) {
  const id = `${idPrefix}-${input.name}`;
  const optional = input.type.kind === "optional";
  const type = optional && input.type.of ? input.type.of : input.type;
  const required = input.required && !optional;
  const label = labelOf(input, lang(), ctx.languages);
  const help = pickText(input.help, lang(), ctx.languages);
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const str = value === undefined || value === null ? "" : String(value);
  const set = (e: Event) => onChange((e.target as HTMLInputElement).value);
  const common = { id, required, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, name: input.name };

  let widget;
  let group = false;
  switch (type.kind) {
    case "int":
      widget = <input type="number" step="1" inputMode="numeric" value={str} onInput={set} {...common} />;
      break;
    case "number":
      widget = <input type="number" step="any" inputMode="decimal" value={str} onInput={set} {...common} />;
      break;
    case "bool":
      widget = (
        <select value={str} onChange={set} {...common}>
          <option value="">{t("choose")}</option>
          <option value="true">{t("yes")}</option>
          <option value="false">{t("no")}</option>
        </select>
      );
      break;
    case "date":
      widget = <input type="date" value={str} onInput={set} {...common} />;
      break;
    case "datetime":
      widget = (
        <span class="with-suffix">
          <input type="datetime-local" value={str} onInput={set} {...common} />
          <span class="muted">{t("in_zone", { zone: ctx.zone })}</span>
        </span>
      );
      break;
    case "duration": {
      const d = parseDuration(str) ?? { amount: NaN, unit: "min" as const };
      const amount = Number.isNaN(d.amount) ? (/^\d+$/.test(str) ? str : "") : String(d.amount);
      group = true;
      widget = (
        <span class="duration" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
          <input type="number" min="0" step="1" inputMode="numeric" id={id} required={required} value={amount}
                 aria-label={`${label}: ${t("amount")}`} aria-invalid={error ? true : undefined}
                 onInput={(e) => { const v = (e.target as HTMLInputElement).value; onChange(v === "" ? "" : `${v}${d.unit}`); }} />
          <select aria-label={`${label}: ${t("unit")}`} value={d.unit}
                  onChange={(e) => onChange(`${Number.isNaN(d.amount) ? "" : d.amount}${(e.target as HTMLSelectElement).value}`)}>
            {DURATION_UNITS.map((u) => <option value={u} key={u}>{t(`unit_${u}`)}</option>)}
          </select>
        </span>
      );
      break;
    }
    case "cefr":
      widget = (
        <select value={str} onChange={set} {...common}>
          <option value="">{t("choose")}</option>
          {CEFR.map((l) => <option value={l} key={l}>{l}</option>)}
        </select>
      );
      break;
    case "enum":
      widget = (
        <select value={str} onChange={set} {...common}>
          <option value="">{t("choose")}</option>
          {enumChoices(type, ctx.languages).map((c) => <option value={c.value} key={c.value}>{c.text}</option>)}
        </select>
      );
      break;
    case "ref":
      widget = input.options ? (
        <select value={str} onChange={set} {...common}>
          <option value="">{t("choose")}</option>
          {refChoices(input).map((c) => <option value={c.value} key={c.value}>{c.text}</option>)}
        </select>
      ) : <input type="text" value={str} onInput={set} {...common} />;
      break;
    case "list": case "set": {
      const of = type.of ?? { kind: "text" };
      const list = Array.isArray(value) ? (value as string[]) : [];
      if (of.kind === "ref" || of.kind === "enum" || of.kind === "cefr") {
        const choices = of.kind === "ref" ? refChoices(input) : of.kind === "enum" ? enumChoices(of, ctx.languages)
          : CEFR.map((c) => ({ value: c, text: c }));
        group = true;
        widget = <RankList id={id} value={list} choices={choices} onChange={onChange} describedBy={describedBy} />;
      } else {
        widget = (
          <textarea rows={3} value={list.join("\n")} {...common}
                    onInput={(e) => onChange((e.target as HTMLTextAreaElement).value.split("\n").map((s) => s.trim()).filter(Boolean))} />
        );
      }
      break;
    }
    case "document":
      group = (type.variants?.length ?? 0) > 0;
      widget = <DocumentInput id={id} variants={type.variants ?? []} value={value} onChange={onChange} required={required}
                              describedBy={describedBy} label={label} />;
      break;
    default: // text
      widget = str.length > 80 || input.name.includes("reason") || input.name.includes("notes")
        ? <textarea rows={3} value={str} onInput={set} {...common} />
        : <input type="text" value={str} onInput={set} {...common} />;
  }

  const heading = (
    <>
      {label}
      {!required && <span class="muted"> ({t("optional")})</span>}
    </>
  );
  return (
    <div class={`field${error ? " has-error" : ""}`}>
      {group
        ? <span class="label" id={`${id}-label`}>{heading}</span>
        : <label class="label" for={id} id={`${id}-label`}>{heading}</label>}
      {help && <p class="help" id={helpId}>{help}</p>}
      {type.kind === "list" && (type.of?.kind === "ref") && <p class="help">{t("ranking_help")}</p>}
      {widget}
      {error && <p class="error" id={errorId} role="alert">{error}</p>}
    </div>
  );
}
