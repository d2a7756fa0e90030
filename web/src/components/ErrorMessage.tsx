// An API error in the API's own sentence, where the person acted (role=alert: read out at once).
import { ApiError } from "../api";
import { t } from "../i18n";

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? t("network_error") : error.message;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return <p class="error" role="alert" id={id}>{errorText(error)}</p>;
}
