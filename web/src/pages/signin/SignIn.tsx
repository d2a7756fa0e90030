// The sign-in page: a token traded for a session cookie (POST /v1/session).
import { useState } from "preact/hooks";
import * as api from "../../api";
import type { Me } from "../../types";
import { t } from "../../i18n";
import { ErrorMessage } from "../../components/ErrorMessage";

export function SignIn({ onSignedIn, expired }: { onSignedIn: (me: Me) => void; expired: boolean }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(token.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin card">
      <h1>{t("sign_in_title")}</h1>
      {expired && <p class="notice" role="status">{t("session_expired")}</p>}
      <form onSubmit={submit}>
        <div class="field">
          <label class="label" for="token">{t("token")}</label>
          <p class="help" id="token-help">{t("sign_in_help")}</p>
          <input id="token" name="token" type="password" autoComplete="off" spellcheck={false} required
                 aria-describedby={error ? "token-help token-error" : "token-help"} aria-invalid={error ? true : undefined}
                 value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
          <ErrorMessage error={error} id="token-error" />
        </div>
        <div class="actions"><button type="submit" class="primary" disabled={busy || !token.trim()}>{t("sign_in")}</button></div>
      </form>
    </section>
  );
}
