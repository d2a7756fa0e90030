// Time as a person reads it: "in about 3 weeks", "4 of 6–8 meetings".

// The engine's clock, as /v1/me last told it: a rehearsal runs with --now, and "due in 3 weeks"
// must count from the edition's time, not the browser's. Kept as an offset from the browser's
// clock, so it goes on ticking between answers.
let serverOffset = 0;

/** Records the engine's `now` (ISO 8601) as seen at `browserNow` (ms). */
export function setServerNow(iso: string | undefined, browserNow = Date.now()): void {
  const at = iso ? Date.parse(iso) : NaN;
  serverOffset = Number.isNaN(at) ? 0 : at - browserNow;
}

/** The engine's time now (ms), the browser's own clock until /v1/me has said otherwise. */
export function serverNow(browserNow = Date.now()): number {
  return browserNow + serverOffset;
}

/** "in about 3 weeks" / "about 2 days ago" in the language, from two instants (ms). */
export function relativeTime(target: number, now: number, lang: string): string {
  const seconds = (target - now) / 1000;
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  for (const [unit, size] of units) {
    if (abs >= size || unit === "minute") return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, "minute");
}

/** "4 of 6–8" (a counter with a minimum and a maximum), "1 of 1", "3 (≥ 2)"; `of` in the interface's language. */
export function counterText(value: number, min: number | null | undefined, max: number | null | undefined, of = "of"): string {
  if (min != null && max != null) return min === max ? `${value} ${of} ${max}` : `${value} ${of} ${min}–${max}`;
  if (max != null) return `${value} ${of} ${max}`;
  if (min != null) return `${value} (≥ ${min})`;
  return String(value);
}

/** Elapsed time of a long operation: "0:07", "1:23". */
export function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
