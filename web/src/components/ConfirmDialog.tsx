// A modal confirmation (the native <dialog>: focus moves into it and stays until it closes; Escape
// cancels). Says what will happen before it happens.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";

export function ConfirmDialog({ title, children, onConfirm, onCancel, busy }: {
  title: string; children: ComponentChildren; onConfirm: () => void; onCancel: () => void; busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => { if (d?.open) d.close(); };
  }, []);
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <div class="confirm-body">{children}</div>
      <div class="actions">
        <button type="button" class="primary" onClick={onConfirm} disabled={busy}>{t("confirm")}</button>
        <button type="button" onClick={onCancel}>{t("cancel")}</button>
      </div>
    </dialog>
  );
}
