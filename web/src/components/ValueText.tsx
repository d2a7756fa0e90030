// A value of the engine shown as a person reads it: date-times in the edition's zone, enums and
// names in words, documents by file name, lists joined, refs as links to the case.
import type { Type } from "../types";
import { showDateTime } from "../lib/values";
import { caseId, nameInWords, pickText } from "../lib/words";
import { href } from "../lib/route";
import { lang } from "../i18n";

const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const CASE = /^[a-z0-9][\w.-]*\/[a-z_][\w]*\/[\w.@-]+$/i;

export function valueText(value: unknown, zone: string, type?: Type, languages: string[] = []): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map((v) => valueText(v, zone, type?.of, languages)).join(", ");
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.file === "string") return o.file;
    return Object.entries(o).map(([k, v]) => `${k}: ${valueText(v, zone, undefined, languages)}`).join(" + ");
  }
  if (typeof value === "string") {
    if (type?.kind === "enum" && type.values) {
      const i = type.values.indexOf(value);
      return pickText(type.value_labels?.[i], lang(), languages) ?? nameInWords(value);
    }
    if (DATETIME.test(value)) return showDateTime(value, zone);
    if (CASE.test(value)) return caseId(value);
    return value;
  }
  return String(value);
}

export function ValueText({ value, zone, type, languages, canLink = false }: {
  value: unknown; zone: string; type?: Type; languages?: string[]; canLink?: boolean;
}) {
  if (canLink && typeof value === "string" && CASE.test(value)) return <a href={href.case(value)}>{caseId(value)}</a>;
  return <>{valueText(value, zone, type, languages)}</>;
}
