// Names and labels as people read them. A definition's labels ("Text") are objects language ->
// text; without one the name is shown in words: degree_course -> "Degree course".

export type Text = Record<string, string>;

/** `degree_course` -> "Degree course"; `cv` -> "CV" (short names are read as initials). */
export function nameInWords(name: string): string {
  if (!name) return "";
  if (/^[a-z]{1,3}$/.test(name) && !/[aeiou]/.test(name.slice(1))) return name.toUpperCase();
  const words = name.replace(/[_\-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label in `lang`, else in the definition's first language, else any, else the name in words. */
export function pickText(text: Text | undefined | null, lang: string, languages: readonly string[] = []): string | undefined {
  if (!text) return undefined;
  if (text[lang]) return text[lang];
  for (const l of languages) if (text[l]) return text[l];
  for (const v of Object.values(text)) if (v) return v;
  return undefined;
}

export function labelOf(item: { name: string; label?: Text | null }, lang: string, languages: readonly string[] = []): string {
  return pickText(item.label, lang, languages) ?? nameInWords(item.name);
}

/** The last part of a case name: `unimi-2025/mentee_application/gia` -> `gia`. */
export function caseId(name: string): string {
  const i = name.lastIndexOf("/");
  return i < 0 ? name : name.slice(i + 1);
}

/** `EDITION/TYPE/ID` or `EDITION/COHORT` split into its parts. */
export function parseCaseName(name: string): { edition: string; type: string; id: string | null } | null {
  const parts = name.split("/");
  if (parts.length === 3 && parts.every((p) => p.length > 0)) return { edition: parts[0], type: parts[1], id: parts[2] };
  if (parts.length === 2 && parts.every((p) => p.length > 0)) return { edition: parts[0], type: parts[1], id: null };
  return null;
}
