// The shapes of the API's answers the pages read. Those docs/openapi.yaml describes are taken from
// the types generated from it (@openapi, made by build.mjs), so the UI and the document cannot
// drift apart; the rest follow the web API contract until their schemas land in the document.
import type { components, paths } from "@openapi";
import type { Text } from "./lib/words";
import type { Type } from "./lib/values";

export type { Text, Type };

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { responses: { 200: infer R } } ? Json<R> : never;

export type ApiErrorBody = components["schemas"]["Error"];
export type Accepted = components["schemas"]["Accepted"];
export type Published = components["schemas"]["Published"];
export type SourceFile = components["schemas"]["SourceFile"];
export type PlacementSearch = Ok<"/v1/editions/{edition}/placements", "get">;
export type Offer = NonNullable<PlacementSearch["offers"]>[number];
export type WhatIf = Ok<"/v1/editions/{edition}/what-if", "post">;

export interface EditionRef {
  edition: string;
  workflow: string;
  title: Text;
  zone: string;
  languages: string[];
  participant_roles: string[];
  staff_roles: string[];
  auditor_roles: string[];
}
export interface Me {
  user: string;
  auth: "session" | "token" | "proxy";
  csrf?: string;
  roles: string[];
  publisher: boolean;
  editions: EditionRef[];
  now?: string;  // the engine's time (a rehearsal's --now), ISO 8601 UTC
}
export interface Edition extends EditionRef {
  definition_id?: string;
  published_at?: string;
  cohorts?: { case: string; type: string; state: string }[];
}

export interface CaseSummary {
  case: string;
  edition?: string;
  type: string;
  state: string;
  version: number;
  updated_at?: string;
  parties?: Record<string, string>;
  counters?: Record<string, number>;
  flags?: number;
  timers?: { timer: string; due: string }[];
}
export interface CaseList { edition: string; cases: CaseSummary[]; total?: number; offset?: number; limit?: number }

export interface Input {
  name: string;
  type: Type;
  label?: Text;
  help?: Text;
  required: boolean;
  origin?: "input" | "fills" | "attach";
  options?: { case: string; id: string; title?: string }[];
}
export interface Command {
  name: string;
  label?: Text;
  help?: Text;
  roles: string[];
  role?: string;
  from: string[];
  to: string | null;
  creates?: boolean;
  inputs: Input[];
}
export interface Named { name: string; label?: Text; help?: Text }
export interface CaseType extends Named {
  cohort: boolean;
  parties: { name: string; role: string }[];
  fields: (Named & { type: Type })[];
  documents: (Named & { variants: string[] })[];
  counters: (Named & { min: number | null; max: number | null })[];
  states: (Named & { initial: boolean; final: boolean })[];
  commands: Command[];
  outputs: (Named & { recipients: string[]; value_label?: Text })[];
  timers: { name: string; in_state: string | null; every: string | null; command: string | null; remind: string | null }[];
}
export interface Definition {
  edition: string;
  workflow: string;
  title: Text;
  definition_id: string;
  zone: string;
  languages: string[];
  roles: (Named & { kind: "participant" | "staff" | "auditor" | "privacy" | "system" })[];
  params: { name: string; type: Type; value: unknown; text: string }[];
  case_types: CaseType[];
}

export interface CaseState {
  case: string;
  case_type: string;
  edition: string;
  state: string;
  version: number;
  position?: number;
  updated_at?: string;
  parties?: Record<string, string>;
  fields?: Record<string, unknown>;
  documents?: Record<string, unknown>;
  counters?: Record<string, number>;
  cadence?: Record<string, unknown>;
  flags?: unknown[];
  outputs?: Record<string, unknown> | unknown[];
  links?: unknown;
  timers?: unknown;
  reminders?: unknown;
  /** A legal hold, while one is placed (docs/PRIVACY.md): `at` in UTC microseconds. */
  hold?: { reason: string; by: string; at: number };
}
/** The commands open now; `exists` (opening commands only): the case to open is there already. */
export interface CommandsAvailable { case: string; state?: string; exists?: boolean; commands: Command[] }

export interface HistoryDecision { position?: number; expression?: string; outcome?: unknown; state?: string; reason?: string; rule?: string; at?: string; warning?: string }
/** One entry of `mentorflow history --json` (engine/audit/history.cpp). */
export interface HistoryEntry {
  positions?: { first: number; last: number };
  time?: string;
  actor?: { role?: string; user?: string };
  command?: string | null;
  inputs?: Record<string, unknown>;
  state?: { from: string; to: string } | null;
  decisions?: HistoryDecision[];
  notes?: string[];
  events?: string[];
  redacted?: boolean;
}
export interface History { case: string; entries: HistoryEntry[] }

export interface Certificate { output: string; recipient: string; party?: string; file: string; sha256: string; issued_at?: string; case?: string }

export interface Dashboard {
  edition: string;
  counts: { type: string; state: string; count: number }[];
  cohorts: { case: string; type: string; state: string }[];
  flags: { case: string; text: string; at?: string }[];
  timers: { case: string; timer: string; due: string }[];
}

/** One left case of a run. The contract names the obtained place `rank` and a choice's outcome
 *  `fate`; the server names them `place` (and lists the choices set aside, with why): both are read. */
export interface MatchingRow {
  left: string;
  right: string | null;
  rank?: number | null;
  place?: number | null;
  explanation?: string;
  choices?: { right: string; fate?: string; place?: number }[];
  set_aside?: { place: number; why: string }[];
  state?: string;
}
export interface MatchingRun {
  position: number;
  at?: string;
  cohort?: string;
  clause?: string;
  method?: string;
  summary?: string;
  flags?: unknown[];
  blocking_pairs?: number;
  rows: MatchingRow[];
  rights?: { right: string; places: number; note?: string }[];
}

export interface DryRun { dry_run: true; state?: string; other_cases?: string[]; events?: string[]; notes?: string[] }
export interface Upload { file: string; sha256: string; size: number; type: string }
export interface Imported { dry_run?: boolean; imported: { row: number; case: string; state: string; notes?: string[] }[] }
export interface Verified { ok: boolean; text: string; [part: string]: unknown }
export interface Checked {
  ok: boolean;
  diagnostics: string;
  summary?: string;
  items?: { severity: string; file: string; line: number; column: number; message: string }[];
  svg?: string;
}
