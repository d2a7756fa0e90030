// Hash routes: the server serves only "/" and "/assets/*", the rest is after the "#".
//   #/                               home (my cases, or the editions for staff)
//   #/signin
//   #/cases/EDITION/TYPE/ID          a case (or #/cases/EDITION/COHORT)
//   #/apply/EDITION/TYPE             open a case of TYPE (apply)
//   #/editions/EDITION               the edition's dashboard
//   #/editions/EDITION/cases?type=&state=&q=&sort=&order=&offset=
//   #/editions/EDITION/matching | import | placements | certificates | audit
//   #/designer

export type Route =
  | { page: "home" }
  | { page: "signin" }
  | { page: "case"; name: string; query: Record<string, string> }
  | { page: "apply"; edition: string; type: string }
  | { page: "edition"; edition: string; view: EditionView; query: Record<string, string> }
  | { page: "designer" }
  | { page: "not_found"; path: string };

export type EditionView = "dashboard" | "cases" | "matching" | "import" | "placements" | "certificates" | "audit";
const VIEWS: EditionView[] = ["dashboard", "cases", "matching", "import", "placements", "certificates", "audit"];

export function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

export function queryString(query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [pathPart, queryPart = ""] = raw.split("?", 2);
  const parts = pathPart.split("/").filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  if (parts.length === 0) return { page: "home" };
  const [head, ...rest] = parts;
  if (head === "signin" && rest.length === 0) return { page: "signin" };
  if (head === "designer" && rest.length === 0) return { page: "designer" };
  if (head === "cases" && (rest.length === 2 || rest.length === 3)) return { page: "case", name: rest.join("/"), query: parseQuery(queryPart) };
  if (head === "apply" && rest.length === 2) return { page: "apply", edition: rest[0], type: rest[1] };
  if (head === "editions" && rest.length >= 1 && rest.length <= 2) {
    const view = (rest[1] ?? "dashboard") as EditionView;
    if (VIEWS.includes(view)) return { page: "edition", edition: rest[0], view, query: parseQuery(queryPart) };
  }
  return { page: "not_found", path: pathPart };
}

const seg = (s: string) => encodeURIComponent(s);
export const href = {
  home: () => "#/",
  signin: () => "#/signin",
  case: (name: string) => `#/cases/${name.split("/").map(seg).join("/")}`,
  apply: (edition: string, type: string) => `#/apply/${seg(edition)}/${seg(type)}`,
  edition: (edition: string, view: EditionView = "dashboard", query: Record<string, string | number | undefined> = {}) =>
    `#/editions/${seg(edition)}${view === "dashboard" ? "" : "/" + view}${queryString(query)}`,
  designer: () => "#/designer",
};
