// Values between the engine's JSON (docs/LANGUAGE.md, "Values as JSON") and what a person reads
// and types: date-times in the edition's zone, durations as a number and a unit, enums by name.

export interface Type {
  kind: string;
  values?: string[];
  value_labels?: Record<string, string>[];
  of?: Type;
  case_type?: string;
  variants?: string[];
}

export const CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export const DURATION_UNITS = ["min", "h", "days", "weeks"] as const;

/** Wall-clock parts of an instant in a zone (Intl), as "YYYY-MM-DD HH:MM". */
export function instantInZone(date: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/**
 * A date-time of the engine shown in the edition's zone as "YYYY-MM-DD HH:MM".
 * Accepts "2021-10-07T12:30:00+02:00[Europe/Rome]", "2025-07-10T07:00:00.000000Z",
 * "2025-11-12 18:00 Europe/Rome" (already local to that zone: shown as written when it is `zone`).
 */
export function showDateTime(value: string, zone: string): string {
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?::\d{2})? (\S+)$/.exec(value);
  if (spaced && spaced[3] === zone) return `${spaced[1]} ${spaced[2]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?(?:\[([^\]]+)\])?$/.exec(value);
  if (iso) {
    const [, d, t, offset, named] = iso;
    if (named === zone && offset) return `${d} ${t.slice(0, 5)}`;
    const ms = Date.parse(`${d}T${t.replace(/(\.\d{3})\d+/, "$1")}${offset ?? "Z"}`);
    if (!Number.isNaN(ms)) return instantInZone(new Date(ms), zone);
  }
  return value;
}

/** An instant (ms) from an engine date-time; NaN when it cannot be read. */
export function parseInstant(value: string): number {
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?/.exec(value);
  if (!iso) return NaN;
  return Date.parse(`${iso[1]}T${iso[2].replace(/(\.\d{3})\d+/, "$1")}${iso[3] ?? "Z"}`);
}

/** What a `datetime-local` input holds ("2025-11-12T18:00") sent as the engine reads it in the zone. */
export function dateTimeToEngine(local: string, zone: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(local.trim());
  return m ? `${m[1]} ${m[2]} ${zone}` : local.trim();
}

/** An engine date-time as the value of a `datetime-local` input in the zone. */
export function dateTimeToInput(value: string, zone: string): string {
  return showDateTime(value, zone).replace(" ", "T");
}

/** "90min" -> {amount: 90, unit: "min"}; "2h", "3weeks", "1w", "10d" likewise. */
export function parseDuration(text: string): { amount: number; unit: (typeof DURATION_UNITS)[number] } | null {
  const m = /^\s*(\d+)\s*(s|min|h|d|day|days|w|week|weeks)\s*$/.exec(text);
  if (!m) return null;
  const unit = m[2] === "d" || m[2] === "day" ? "days" : m[2] === "w" || m[2] === "week" ? "weeks" : m[2] === "s" ? "min" : m[2];
  const amount = m[2] === "s" ? Math.round(Number(m[1]) / 60) : Number(m[1]);
  return { amount, unit: unit as (typeof DURATION_UNITS)[number] };
}

export function durationToEngine(amount: string | number, unit: string): string {
  return `${String(amount).trim()}${unit}`;
}

/**
 * Seconds in a duration as the engine writes it, a day counting 24 hours (for sorting and "about
 * N weeks"): "90min", "3weeks", "1day 2h" (a calendar part and an elapsed part), "-2h"; NaN when
 * unreadable.
 */
export function durationSeconds(text: string): number {
  const unit: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800 };
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const m = /^(-?\d+)(s|min|h|d|day|days|w|week|weeks)$/.exec(part);
    if (!m) return NaN;
    total += Number(m[1]) * unit[m[2]];
  }
  return parts.length > 0 ? total : NaN;
}

/** A form's text for an input of `type` turned into the JSON the engine takes; undefined when empty. */
export function formToEngine(type: Type, raw: unknown, zone: string): unknown {
  const kind = type.kind === "optional" && type.of ? type.of.kind : type.kind;
  const inner = type.kind === "optional" && type.of ? type.of : type;
  if (raw === undefined || raw === null || raw === "") return undefined;
  switch (kind) {
    case "int": return Number.parseInt(String(raw), 10);
    case "number": return Number(String(raw).replace(",", "."));
    case "bool": return raw === true || raw === "true";
    case "datetime": return dateTimeToEngine(String(raw), zone);
    case "list": case "set":
      return Array.isArray(raw) ? raw.map((v) => formToEngine(inner.of ?? { kind: "text" }, v, zone)) : raw;
    default: return raw;
  }
}

/** True when `text` is an integer the engine takes (an int is 64-bit; the UI keeps to safe integers). */
export function isInt(text: string): boolean {
  return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text));
}
