// A command as a form generated from its declaration (inputs and their types). A refusal is shown
// in the engine's sentence beside the input it concerns (or beside the button); a command that
// changes other cases is first tried as a dry run and confirmed with what it will do.
import { useState } from "preact/hooks";
import * as api from "../api";
import { ApiError } from "../api";
import type { Accepted, Command, DryRun } from "../types";
import { lang, t } from "../i18n";
import { formToEngine } from "../lib/values";
import { labelOf, nameInWords, parseCaseName, pickText } from "../lib/words";
import { ConfirmDialog } from "./ConfirmDialog";
import { errorText } from "./ErrorMessage";
import { InputField, type FieldContext } from "./InputField";
import { Progress } from "./Progress";

/** Which input a refusal concerns: the API's details when it names one, else the input whose typed value it quotes. */
export function refusalInput(error: ApiError, command: Command, raw: Record<string, unknown>): string | undefined {
  const d = error.details as { input?: unknown; inputs?: unknown; field?: unknown };
  for (const named of [d.input, d.field, Array.isArray(d.inputs) ? d.inputs[0] : undefined])
    if (typeof named === "string" && command.inputs.some((i) => i.name === named)) return named;
  for (const input of command.inputs) {
    const v = raw[input.name];
    if (typeof v === "string" && v.trim().length > 1 && error.message.includes(v.trim())) return input.name;
  }
  for (const input of command.inputs)
    if (error.message.includes(input.name) || error.message.toLowerCase().includes(nameInWords(input.name).toLowerCase())) return input.name;
  return undefined;
}

/** "12 mentee applications, 3 mentor applications" from the names of the cases a command changes. */
function describeOthers(names: string[]): string {
  const byType = new Map<string, number>();
  for (const n of names) {
    const p = parseCaseName(n);
    const k = p ? p.type : n;
    byType.set(k, (byType.get(k) ?? 0) + 1);
  }
  return [...byType].map(([k, n]) => `${n} × ${nameInWords(k)}`).join(", ");
}

export function CommandForm({ target, command, ctx, onDone, confirmFirst = false, compact = false, idPrefix, level = 3 }: {
  target: string; command: Command; ctx: FieldContext; onDone: (a: Accepted) => void; confirmFirst?: boolean; compact?: boolean;
  idPrefix?: string; level?: 2 | 3 | 4;
}) {
  const Heading = `h${level}` as "h2" | "h3" | "h4";
  const prefix = idPrefix ?? `cmd-${command.name}`;
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [fieldError, setFieldError] = useState<{ name?: string; message: string } | null>(null);
  const [busySince, setBusySince] = useState<number | null>(null);
  const [finishedIn, setFinishedIn] = useState<number | null>(null);
  const [preview, setPreview] = useState<DryRun | null>(null);
  const [checking, setChecking] = useState(false);   // the dry run of a confirmed command
  const title = labelOf(command, lang(), ctx.languages);
  const help = pickText(command.help, lang(), ctx.languages);

  const request = () => {
    const inputs: Record<string, unknown> = {};
    for (const input of command.inputs) {
      const v = formToEngine(input.type, values[input.name], ctx.zone);
      if (v !== undefined) inputs[input.name] = v;
    }
    return { command: command.name, inputs, role: command.role };
  };
  const fail = (e: unknown) => {
    const name = e instanceof ApiError ? refusalInput(e, command, values) : undefined;
    setFieldError({ name, message: errorText(e) });
    if (name) requestAnimationFrame(() => document.getElementById(`${prefix}-${name}`)?.focus());
  };
  const run = async () => {
    setPreview(null);
    const started = Date.now();
    setBusySince(started);
    setFieldError(null);
    try {
      const accepted = await api.runCommand(target, request());
      setValues({});
      setFinishedIn(Date.now() - started);
      onDone(accepted);
    } catch (e) {
      fail(e);
    } finally {
      setBusySince(null);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!confirmFirst) return run();
    setFieldError(null);
    setChecking(true);
    try {
      setPreview(await api.dryRun(target, request()));
    } catch (err) {
      fail(err);
    } finally {
      setChecking(false);
    }
  };

  return (
    <form class={`command${compact ? " compact" : ""}`} onSubmit={submit} aria-labelledby={`${prefix}-title`} noValidate={false}
          aria-busy={busySince !== null || checking ? "true" : "false"}>
      {/* a step with nothing to fill in is its button: the heading still names the form, unseen */}
      <Heading id={`${prefix}-title`} class={command.inputs.length === 0 && !help ? "visually-hidden" : "form-title"}>{title}</Heading>
      {help && <p class="help">{help}</p>}
      {command.inputs.map((input) => (
        <InputField key={input.name} input={input} value={values[input.name]} ctx={ctx} idPrefix={prefix}
                    onChange={(v) => setValues((s) => ({ ...s, [input.name]: v }))}
                    error={fieldError && fieldError.name === input.name ? fieldError.message : undefined} />
      ))}
      <div class="actions">
        <button type="submit" class="primary" disabled={busySince !== null || checking}>{title}</button>
        {fieldError && !fieldError.name && <p class="error" role="alert">{fieldError.message}</p>}
      </div>
      {(busySince !== null || (confirmFirst && finishedIn !== null)) && <Progress since={busySince} finishedIn={finishedIn} />}
      {preview && (
        <ConfirmDialog title={t("confirm_title", { command: title })} onConfirm={run} onCancel={() => setPreview(null)} busy={busySince !== null}>
          {preview.state && <p>{t("will_do", { what: `${nameInWords(target.split("/").pop() ?? target)} → ${nameInWords(preview.state)}` })}</p>}
          {(preview.other_cases?.length ?? 0) > 0 && (
            <p><strong>{t("will_change", { n: preview.other_cases!.length })}</strong> {describeOthers(preview.other_cases!)}</p>
          )}
          {(preview.notes?.length ?? 0) > 0 && <ul class="notes">{preview.notes!.slice(0, 8).map((n, i) => <li key={i}>{n}</li>)}</ul>}
        </ConfirmDialog>
      )}
    </form>
  );
}
