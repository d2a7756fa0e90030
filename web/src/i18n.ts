// The interface's own words in English and Italian. Labels of programmes, fields and commands come
// from the definition instead (lib/words.ts). The language: the one chosen (remembered in
// localStorage), else the browser's, else English.
import { useEffect, useState } from "preact/hooks";

export const LANGUAGES = ["en", "it"] as const;
export type Lang = (typeof LANGUAGES)[number];

const strings = {
  app_name: ["mentorflow", "mentorflow"],
  skip_to_content: ["Skip to content", "Vai al contenuto"],
  language: ["Language", "Lingua"],
  sign_in: ["Sign in", "Accedi"],
  sign_in_title: ["Sign in to mentorflow", "Accedi a mentorflow"],
  sign_in_help: ["Paste the access token your programme's office gave you.", "Incolla il token di accesso che ti ha dato l'ufficio del programma."],
  token: ["Access token", "Token di accesso"],
  sign_out: ["Sign out", "Esci"],
  signed_in_as: ["Signed in as {user}", "Accesso come {user}"],
  session_expired: ["Your session has ended. Sign in again.", "La sessione è terminata. Accedi di nuovo."],
  loading: ["Loading…", "Caricamento…"],
  working: ["Working… {elapsed}", "In corso… {elapsed}"],
  done_in: ["Done in {elapsed}", "Fatto in {elapsed}"],
  network_error: ["The server could not be reached.", "Il server non è raggiungibile."],
  not_found: ["Nothing here: {path}", "Qui non c'è niente: {path}"],
  home: ["Home", "Home"],
  my_cases: ["My cases", "Le mie pratiche"],
  no_cases: ["You take part in no case yet.", "Non partecipi ancora a nessuna pratica."],
  my_data: ["Download my data", "Scarica i miei dati"],
  legal_hold: ["Under a legal hold since {at}, placed by {by}: {reason}. Its people's data is kept past the retention until it is released.",
               "Sotto blocco legale dal {at}, disposto da {by}: {reason}. I dati delle persone sono conservati oltre il periodo previsto finché non viene revocato."],
  my_data_help: ["Everything kept about you, as a JSON file (GDPR articles 15 and 20).", "Tutto ciò che è conservato su di te, in un file JSON (GDPR, articoli 15 e 20)."],
  editions: ["Editions", "Edizioni"],
  apply: ["Apply", "Candidati"],
  start_case: ["Start: {what}", "Avvia: {what}"],
  whats_next: ["What's next", "Prossimi passi"],
  nothing_to_do: ["Nothing for you to do now.", "Per ora non devi fare nulla."],
  already_open: ["{case} is open already:", "{case} è già aperta:"],
  see_case: ["see it", "aprila"],
  state: ["State", "Stato"],
  type: ["Type", "Tipo"],
  case: ["Case", "Pratica"],
  updated: ["Updated", "Aggiornata"],
  parties: ["People", "Persone"],
  fields: ["Details", "Dati"],
  documents: ["Documents", "Documenti"],
  counters: ["Progress", "Avanzamento"],
  outputs: ["Outputs", "Esiti"],
  output: ["Certificate", "Attestato"],
  timers: ["Coming up", "Scadenze"],
  due: ["due {when}", "previsto {when}"],
  of: ["of", "di"],
  history: ["History", "Storia"],
  history_empty: ["No history yet.", "Ancora nessuna storia."],
  hidden_entry: ["A step of another person (not shown to you)", "Un passo di un'altra persona (non visibile)"],
  decided: ["Decided {state}", "Deciso: {state}"],
  inputs: ["Inputs", "Dati inseriti"],
  by: ["by {who}", "da {who}"],
  opened_in: ["opened in {state}", "aperta in {state}"],
  certificates: ["Certificates", "Attestati"],
  download_pdf: ["Download {file} (PDF)", "Scarica {file} (PDF)"],
  calendar: ["Meetings as a calendar (.ics)", "Incontri come calendario (.ics)"],
  commands: ["Actions", "Azioni"],
  submit: ["Submit", "Invia"],
  cancel: ["Cancel", "Annulla"],
  confirm: ["Confirm", "Conferma"],
  required: ["required", "obbligatorio"],
  optional: ["optional", "facoltativo"],
  accepted: ["Done: the case is now {state}.", "Fatto: la pratica ora è {state}."],
  refused: ["Refused", "Rifiutato"],
  move_up: ["Move {item} up", "Sposta {item} su"],
  move_down: ["Move {item} down", "Sposta {item} giù"],
  moved_to: ["{item} is now choice {n}", "{item} ora è la scelta {n}"],
  remove: ["Remove {item}", "Togli {item}"],
  add: ["Add", "Aggiungi"],
  add_choice: ["Add a choice", "Aggiungi una scelta"],
  ranking_help: ["Best first. Use the buttons to reorder.", "Dalla preferita. Usa i pulsanti per riordinare."],
  choose: ["Choose…", "Scegli…"],
  yes: ["Yes", "Sì"],
  no: ["No", "No"],
  amount: ["Amount", "Quantità"],
  unit: ["Unit", "Unità"],
  unit_min: ["minutes", "minuti"],
  unit_h: ["hours", "ore"],
  unit_days: ["days", "giorni"],
  unit_weeks: ["weeks", "settimane"],
  in_zone: ["in {zone}", "fuso {zone}"],
  file_uploading: ["Uploading {file}…", "Caricamento di {file}…"],
  file_uploaded: ["{file} uploaded", "{file} caricato"],
  variant: ["Version: {variant}", "Versione: {variant}"],
  dashboard: ["Dashboard", "Cruscotto"],
  funnel: ["Cases by state", "Pratiche per stato"],
  phase: ["Phase", "Fase"],
  flags: ["Flags", "Segnalazioni"],
  no_flags: ["No flags.", "Nessuna segnalazione."],
  timers_due: ["Timers coming due", "Scadenze in arrivo"],
  no_timers: ["No timers due.", "Nessuna scadenza."],
  cohort_commands: ["Edition steps", "Passi dell'edizione"],
  will_do: ["This will: {what}", "Questo farà: {what}"],
  will_change: ["It will change {n} other cases.", "Cambierà {n} altre pratiche."],
  will_change_one: ["It will change 1 other case.", "Cambierà 1 altra pratica."],
  confirm_title: ["Confirm: {command}", "Conferma: {command}"],
  cases: ["Cases", "Pratiche"],
  all: ["All", "Tutti"],
  search: ["Search", "Cerca"],
  filter: ["Filter", "Filtra"],
  sort_by: ["Sort by", "Ordina per"],
  order: ["Order", "Ordine"],
  ascending: ["ascending", "crescente"],
  descending: ["descending", "decrescente"],
  page_of: ["{from}–{to} of {total}", "{from}–{to} di {total}"],
  previous: ["Previous", "Precedenti"],
  next: ["Next", "Successive"],
  matching: ["Matching", "Abbinamenti"],
  matching_run: ["Run of {at}", "Esecuzione del {at}"],
  matching_runs: ["{n} runs, latest first", "{n} esecuzioni, dalla più recente"],
  no_runs: ["No matching run yet.", "Ancora nessun abbinamento."],
  blocking_pairs: ["Blocking pairs: {n}", "Coppie bloccanti: {n}"],
  rank: ["Rank", "Posizione"],
  rank_n: ["choice {n}", "scelta {n}"],
  proposal: ["Proposal", "Proposta"],
  explanation: ["Why", "Perché"],
  alternatives: ["Alternatives", "Alternative"],
  unmatched: ["no match", "nessun abbinamento"],
  confirm_match: ["Confirm", "Conferma"],
  decide: ["Decide", "Decidi"],
  to_decide: ["Only proposals still to decide", "Solo le proposte da decidere"],
  import: ["Import", "Importa"],
  import_title: ["Import applicants from a CSV file", "Importa candidati da un file CSV"],
  csv_file: ["CSV file", "File CSV"],
  command: ["Command", "Comando"],
  imported_n: ["{n} applicants imported.", "{n} candidati importati."],
  imported_n_one: ["1 applicant imported.", "1 candidato importato."],
  row_errors: ["Nothing was imported: fix these rows.", "Nulla è stato importato: correggi queste righe."],
  row: ["Row", "Riga"],
  row_text: ["The row", "La riga"],
  import_check: ["Check and import", "Controlla e importa"],
  csv_rows: ["{n} rows besides the header.", "{n} righe oltre l'intestazione."],
  csv_rows_one: ["1 row besides the header.", "1 riga oltre l'intestazione."],
  csv_columns: ["A header row, then one row per applicant. Columns: {columns} (id is optional; a list is written a|b|c).",
                "Una riga d'intestazione, poi una riga per candidato. Colonne: {columns} (id è facoltativo; una lista si scrive a|b|c)."],
  import_confirm_title: ["Import {n} applicants?", "Importare {n} candidati?"],
  import_confirm_title_one: ["Import 1 applicant?", "Importare 1 candidato?"],
  import_confirm: ["Every row checks: this makes {n} new cases ({what}), each by “{command}”.", "Tutte le righe sono corrette: si creano {n} nuove pratiche ({what}), ciascuna con “{command}”."],
  placements: ["Placements", "Tirocini"],
  places_left: ["{n} of {total} places left", "{n} posti liberi su {total}"],
  places_left_one: ["{n} of {total} places left", "{n} posto libero su {total}"],
  open_offers: ["Open", "Aperte"],
  no_offers: ["No offer matches.", "Nessuna offerta corrisponde."],
  offers_found: ["{n} offers found.", "Offerte trovate: {n}."],
  offers_found_one: ["1 offer found.", "Trovata 1 offerta."],
  with_places: ["Only with places left", "Solo con posti liberi"],
  fewer_opportunities: ["Support for fewer opportunities", "Supporto per minori opportunità"],
  from_date: ["From", "Dal"],
  until_date: ["Until", "Al"],
  location: ["Location", "Luogo"],
  field_of_work: ["Field", "Ambito"],
  audit: ["Audit", "Verifica"],
  verify: ["Verify the log", "Verifica il registro"],
  verify_ok: ["Verified: nothing was altered.", "Verificato: nulla è stato alterato."],
  verify_failed: ["Verification failed.", "Verifica non riuscita."],
  what_if: ["What if: other rules", "E se: altre regole"],
  rules_file: ["Rules file", "File delle regole"],
  run_what_if: ["Show who would be decided otherwise", "Mostra chi sarebbe deciso diversamente"],
  whatif_summary: ["Would change: {changes} of {decisions} decisions, {value_changes} of {values} values the rules produce, {runs_changed} of {runs} matching runs.",
                   "Cambierebbero: {changes} decisioni su {decisions}, {value_changes} valori prodotti dalle regole su {values}, {runs_changed} abbinamenti su {runs}."],
  whatif_decisions: ["Decided otherwise", "Decisi diversamente"],
  whatif_values: ["Values the rules produce", "Valori prodotti dalle regole"],
  whatif_runs: ["Matching runs", "Abbinamenti"],
  whatif_not_evaluated: ["cannot be evaluated", "non valutabile"],
  pair_lost: ["Pair no longer proposed", "Coppia non più proposta"],
  pair_gained: ["Pair proposed instead", "Coppia proposta invece"],
  states_picture: ["The programme's states", "Gli stati del programma"],
  designer: ["Designer", "Progettazione"],
  workflow_file: ["Workflow file", "File del workflow"],
  paste_or_upload: ["Paste the text or choose a file.", "Incolla il testo o scegli un file."],
  check: ["Check", "Controlla"],
  checks_ok: ["The files check.", "I file sono corretti."],
  publish: ["Publish", "Pubblica"],
  publish_as: ["Edition name", "Nome dell'edizione"],
  publish_confirm: ["Publish {workflow} as edition {edition}? A published edition cannot be changed.", "Pubblicare {workflow} come edizione {edition}? Un'edizione pubblicata non si può cambiare."],
  published: ["Published as {edition}.", "Pubblicato come {edition}."],
  edition: ["Edition", "Edizione"],
  staff: ["Staff", "Staff"],
  auditor: ["Auditor", "Revisore"],
  close: ["Close", "Chiudi"],
  issued_at: ["Issued", "Rilasciato"],
  recipient: ["Recipient", "Destinatario"],
  no_certificates: ["No certificate issued yet.", "Nessun attestato ancora."],
  reason: ["Reason", "Motivo"],
  open_case: ["Open {case}", "Apri {case}"],
  view_case: ["Case", "Pratica"],
  no_match_results: ["No case matches.", "Nessuna pratica corrisponde."],
  menu: ["Menu", "Menu"],
  case_name: ["Case name (edition/type/id)", "Nome della pratica (edizione/tipo/id)"],
  open: ["Open", "Apri"],
  report_text: ["The report as the command line prints it", "Il rapporto come lo stampa la riga di comando"],
} as const;

export type Key = keyof typeof strings;

const STORAGE = "mentorflow.lang";
let current: Lang = initial();
const listeners = new Set<() => void>();

function initial(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE);
    if (saved === "en" || saved === "it") return saved;
  } catch { /* storage may be off */ }
  const nav = typeof navigator !== "undefined" ? navigator.language.slice(0, 2) : "en";
  return nav === "it" ? "it" : "en";
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try { localStorage.setItem(STORAGE, next); } catch { /* not remembered */ }
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

/** The interface's sentence `key` in the current language, `{name}` replaced from `vars`. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  // a sentence about one thing has its own wording where the language needs it (key_one)
  const one = `${key}_one`;
  const pair = vars.n === 1 && one in strings ? strings[one as Key] : strings[key];
  const text: string = pair[current === "it" ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Re-renders the component when the language changes. */
export function useLang(): Lang {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return current;
}
