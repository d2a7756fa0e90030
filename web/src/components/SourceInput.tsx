// A designer's file: pasted into a text area or chosen from disk (its name is what diagnostics show).
import { t } from "../i18n";

export interface Source { name: string; text: string }

export function SourceInput({ id, label, value, onChange, defaultName }: {
  id: string; label: string; value: Source; onChange: (s: Source) => void; defaultName: string;
}) {
  return (
    <div class="field source">
      <label class="label" for={id}>{label}</label>
      <p class="help" id={`${id}-help`}>{t("paste_or_upload")}</p>
      <input type="file" aria-label={`${label}: ${t("paste_or_upload")}`} accept=".flow,.rules,.txt"
             onChange={async (e) => {
               const f = (e.target as HTMLInputElement).files?.[0];
               if (f) onChange({ name: f.name, text: await f.text() });
             }} />
      <textarea id={id} rows={12} spellcheck={false} class="code" aria-describedby={`${id}-help`} value={value.text}
                onInput={(e) => onChange({ name: value.name || defaultName, text: (e.target as HTMLTextAreaElement).value })} />
    </div>
  );
}
