// The one module that speaks to the server. Every page asks here; nothing else calls fetch.
// Browser sessions: the sign-in page trades a token for the session cookie (HttpOnly, so never
// seen here); each state-changing request carries the session's CSRF token in X-CSRF-Token.
import type {
  Accepted, CaseList, CaseState, Certificate, Checked, CommandsAvailable, CaseSummary, Dashboard, Definition,
  DryRun, Edition, History, Imported, Me, MatchingRun, PlacementSearch, Published, SourceFile, Upload, Verified, WhatIf,
} from "./types";
import { queryString } from "./lib/route";
import { setServerNow } from "./lib/time";

/** An answer of the API other than 2xx: its status and the API's own sentence. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

let csrf: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Called when the server says the session is gone (expired or signed out elsewhere). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const enc = (name: string) => name.split("/").map(encodeURIComponent).join("/");

interface Options { body?: unknown; raw?: BodyInit; contentType?: string; accept?: "json" | "text" | "blob"; quiet401?: boolean }

async function request<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: options.accept === "json" || !options.accept ? "application/json" : "*/*" };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  } else if (options.raw !== undefined) {
    headers["Content-Type"] = options.contentType ?? "application/octet-stream";
    body = options.raw;
  }
  if (method !== "GET" && method !== "HEAD" && csrf) headers["X-CSRF-Token"] = csrf;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "");
  }
  if (!response.ok) {
    let code = "http_" + response.status;
    let message = response.statusText;
    let details: Record<string, unknown> = {};
    try {
      const e = (await response.json()) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
      if (e.error) ({ code = code, message = message, details = {} } = e.error as { code: string; message: string; details: Record<string, unknown> });
    } catch { /* not JSON: keep the status */ }
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiError(response.status, code, message, details);
  }
  if (response.status === 204) return undefined as T;
  if (options.accept === "text") return (await response.text()) as T;
  if (options.accept === "blob") return (await response.blob()) as T;
  return (await response.json()) as T;
}

// ---- session ---------------------------------------------------------------------------------

export async function signIn(token: string): Promise<Me> {
  const me = await request<Me>("POST", "/v1/session", { body: { token }, quiet401: true });
  csrf = me.csrf;
  setServerNow(me.now);
  return me;
}
export async function signOut(): Promise<void> {
  try { await request<void>("DELETE", "/v1/session", { quiet401: true }); } finally { csrf = undefined; }
}
export async function me(): Promise<Me> {
  const m = await request<Me>("GET", "/v1/me", { quiet401: true });
  csrf = m.csrf;
  setServerNow(m.now);
  return m;
}
export const myCases = () => request<{ cases: CaseSummary[] }>("GET", "/v1/me/cases");

// ---- editions and definitions -----------------------------------------------------------------

export const editions = () => request<{ editions: Edition[] }>("GET", "/v1/editions");
const definitions = new Map<string, Promise<Definition>>();
/** An edition's definition; asked once per page load (a published definition never changes). */
export function definition(edition: string): Promise<Definition> {
  let d = definitions.get(edition);
  if (!d) {
    d = request<Definition>("GET", `/v1/editions/${encodeURIComponent(edition)}/definition`);
    d.catch(() => definitions.delete(edition));
    definitions.set(edition, d);
  }
  return d;
}
export const graphSvg = (edition: string) =>
  request<string>("GET", `/v1/editions/${encodeURIComponent(edition)}/graph.svg`, { accept: "text" });

// ---- cases ------------------------------------------------------------------------------------

export interface CaseQuery { type?: string; state?: string; q?: string; sort?: string; order?: string; offset?: number; limit?: number }
export const cases = (edition: string, query: CaseQuery) =>
  request<CaseList>("GET", `/v1/editions/${encodeURIComponent(edition)}/cases${queryString({ ...query })}`);
export const caseState = (name: string) => request<CaseState>("GET", `/v1/cases/${enc(name)}`);
export const history = (name: string) => request<History>("GET", `/v1/history/${enc(name)}`);
export const commandsOn = (name: string) => request<CommandsAvailable>("GET", `/v1/commands/${enc(name)}`);
export const openingCommands = (edition: string, type: string) =>
  request<CommandsAvailable>("GET", `/v1/editions/${encodeURIComponent(edition)}/commands${queryString({ type })}`);

export interface CommandRequest { command: string; inputs: Record<string, unknown>; role?: string }
export const runCommand = (name: string, command: CommandRequest) =>
  request<Accepted>("POST", `/v1/cases/${enc(name)}`, { body: command });
export const dryRun = (name: string, command: CommandRequest) =>
  request<DryRun>("POST", `/v1/cases/${enc(name)}`, { body: { ...command, dry_run: true } });

export const upload = (file: File) =>
  request<Upload>("POST", `/v1/uploads${queryString({ name: file.name })}`, { raw: file, contentType: file.type || "application/octet-stream" });

/** Links a person follows to download (the session cookie goes with them). */
export const links = {
  document: (name: string, document: string, variant?: string) =>
    `/v1/documents/${enc(name)}${queryString({ name: document, variant })}`,
  certificate: (name: string, file: string) => `/v1/certificates/${enc(name)}${queryString({ file })}`,
  calendar: (name: string) => `/v1/calendar/${enc(name)}`,
  /** The signed-in person's own copy of their data (docs/PRIVACY.md, "A person's own copy"). */
  myData: () => "/v1/me/export",
};
export const certificatesOf = (name: string) => request<{ certificates: Certificate[] }>("GET", `/v1/certificates/${enc(name)}`);

// ---- staff ------------------------------------------------------------------------------------

export const dashboard = (edition: string) => request<Dashboard>("GET", `/v1/editions/${encodeURIComponent(edition)}/dashboard`);
export const matching = (edition: string) => request<{ runs: MatchingRun[] }>("GET", `/v1/editions/${encodeURIComponent(edition)}/matching`);
/** CSV import, all or nothing; with `dryRun` the rows are checked and nothing is written. */
export const importApplicants = (edition: string, type: string, command: string, csv: string, name: string, dryRun = false) =>
  request<Imported>("POST", `/v1/editions/${encodeURIComponent(edition)}/import${queryString({ type, command, name, dry_run: dryRun ? "true" : undefined })}`,
                    { raw: csv, contentType: "text/csv" });
export const editionCertificates = (edition: string) =>
  request<{ certificates: Certificate[] }>("GET", `/v1/editions/${encodeURIComponent(edition)}/certificates`);
export const placements = (edition: string, filters: Record<string, string>) =>
  request<PlacementSearch>("GET", `/v1/editions/${encodeURIComponent(edition)}/placements${queryString(filters)}`);

// ---- auditor and designer ----------------------------------------------------------------------

export const verify = () => request<Verified>("POST", "/v1/verify", { body: {} });
export const whatIf = (edition: string, rules: SourceFile) =>
  request<WhatIf>("POST", `/v1/editions/${encodeURIComponent(edition)}/what-if`, { body: { rules } });
export const check = (workflow: SourceFile, rules?: SourceFile) =>
  request<Checked>("POST", "/v1/check", { body: rules ? { workflow, rules } : { workflow } });
export const publish = (edition: string, workflow: SourceFile, rules: SourceFile) =>
  request<Published>("PUT", `/v1/editions/${encodeURIComponent(edition)}`, { body: { workflow, rules } });
