// The frame of every page: a skip link, the header with the places the person may go, and main.
import type { ComponentChildren } from "preact";
import type { Me } from "../types";
import { t, lang } from "../i18n";
import { href } from "../lib/route";
import { pickText } from "../lib/words";
import { LangSwitch } from "./LangSwitch";

export function Shell({ me, onSignOut, children }: { me: Me | null; onSignOut: () => void; children: ComponentChildren }) {
  const staffEditions = me?.editions.filter((e) => e.staff_roles.length > 0 || e.auditor_roles.length > 0) ?? [];
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>{t("skip_to_content")}</a>
      <header class="top">
        <a class="brand" href={href.home()}>{t("app_name")}</a>
        {me && (
          <nav aria-label={t("menu")}>
            <ul>
              <li><a href={href.home()}>{t("home")}</a></li>
              {staffEditions.map((e) => (
                <li key={e.edition}><a href={href.edition(e.edition)}>{pickText(e.title, lang(), e.languages) ?? e.edition}</a></li>
              ))}
              {me.publisher && <li><a href={href.designer()}>{t("designer")}</a></li>}
            </ul>
          </nav>
        )}
        <div class="top-end">
          <LangSwitch />
          {me && me.auth !== "proxy" && (
            <button type="button" class="link" onClick={onSignOut} title={t("signed_in_as", { user: me.user })}>
              {t("sign_out")} <span class="muted">({me.user})</span>
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
