// Paging through a long list: "51–100 of 5000", previous and next.
import { t } from "../i18n";

export function Pager({ offset, limit, total, onPage }: { offset: number; limit: number; total: number; onPage: (offset: number) => void }) {
  if (total === 0) return null;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={t("page_of", { from: offset + 1, to, total })}>
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>← {t("previous")}</button>
      <span role="status">{t("page_of", { from: offset + 1, to, total })}</span>
      <button type="button" disabled={to >= total} onClick={() => onPage(offset + limit)}>{t("next")} →</button>
    </nav>
  );
}
