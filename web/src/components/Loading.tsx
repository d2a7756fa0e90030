import { t } from "../i18n";

export function Loading() {
  return <p class="muted" role="status">{t("loading")}</p>;
}
