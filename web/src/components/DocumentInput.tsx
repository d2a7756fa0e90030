// A document input: a file per language variant (or one), uploaded at once to /v1/uploads; the
// command then names the upload ({file, sha256}).
import { useState } from "preact/hooks";
import * as api from "../api";
import type { Upload } from "../types";
import { t } from "../i18n";
import { errorText } from "./ErrorMessage";

type Ref = { file: string; sha256: string };

export function DocumentInput({ id, variants, value, onChange, required, describedBy, label }: {
  id: string; variants: string[]; value: unknown; onChange: (v: unknown) => void; required: boolean; describedBy?: string; label: string;
}) {
  const parts = variants.length ? variants : [""];
  const [status, setStatus] = useState<Record<string, { text: string; error?: boolean; busy?: boolean }>>({});
  const current = (variant: string): Ref | undefined => {
    if (!value || typeof value !== "object") return undefined;
    return variant ? (value as Record<string, Ref>)[variant] : (value as Ref);
  };
  const choose = async (variant: string, file: File | undefined) => {
    if (!file) return;
    setStatus((s) => ({ ...s, [variant]: { text: t("file_uploading", { file: file.name }), busy: true } }));
    try {
      const up: Upload = await api.upload(file);
      const ref = { file: up.file, sha256: up.sha256 };
      onChange(variant ? { ...((value as Record<string, Ref>) ?? {}), [variant]: ref } : ref);
      setStatus((s) => ({ ...s, [variant]: { text: t("file_uploaded", { file: up.file }) } }));
    } catch (e) {
      // the server's sentence beside the file it refused ("cv.pdf is not a PDF: ..."); nothing attached
      if (variant) { const rest = { ...((value as Record<string, Ref>) ?? {}) }; delete rest[variant]; onChange(Object.keys(rest).length ? rest : undefined); }
      else onChange(undefined);
      setStatus((s) => ({ ...s, [variant]: { text: errorText(e), error: true } }));
    }
  };
  return (
    <div class="documents">
      {parts.map((variant) => {
        const fid = variant ? `${id}-${variant}` : id;
        const st = status[variant];
        const errorId = st?.error ? `${fid}-upload-error` : undefined;
        return (
          <div key={variant} class="document">
            {variant && <label for={fid} class="sub">{t("variant", { variant })}</label>}
            <input type="file" id={fid} required={required && !current(variant)} aria-describedby={[describedBy, errorId].filter(Boolean).join(" ") || undefined}
                   aria-label={variant ? `${label}: ${variant}` : undefined} aria-invalid={st?.error ? true : undefined}
                   accept=".pdf,.png,.jpg,.jpeg,.txt,.odt,.docx"
                   onChange={(e) => choose(variant, (e.target as HTMLInputElement).files?.[0])} />
            {st?.error
              ? <p class="error" id={errorId} role="alert">{st.text}</p>
              : <span class="muted" role="status">{st?.busy && <span class="spinner" aria-hidden="true" />}{st?.text ?? (current(variant)?.file ?? "")}</span>}
          </div>
        );
      })}
    </div>
  );
}
