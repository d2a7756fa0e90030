// Progress of a long operation (matching run, CSV import, verify): a live region with the elapsed
// time, so a screen reader hears it start and end and everyone sees it is still going.
import { useElapsed } from "../hooks";
import { t } from "../i18n";
import { elapsed } from "../lib/time";

export function Progress({ since, finishedIn }: { since: number | null; finishedIn?: number | null }) {
  const ms = useElapsed(since);
  return (
    <p class="progress" role="status" aria-live="polite">
      {since !== null && <><span class="spinner" aria-hidden="true" />{t("working", { elapsed: elapsed(ms) })}</>}
      {since === null && finishedIn != null && t("done_in", { elapsed: elapsed(finishedIn) })}
    </p>
  );
}
