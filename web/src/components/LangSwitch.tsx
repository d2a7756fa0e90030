// The interface's language, switchable and remembered.
import { LANGUAGES, lang, setLang, t, type Lang } from "../i18n";

const NAMES: Record<Lang, string> = { en: "English", it: "Italiano" };

export function LangSwitch() {
  return (
    <label class="lang">
      <span class="visually-hidden">{t("language")}</span>
      <select value={lang()} onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}>
        {LANGUAGES.map((l) => <option value={l} key={l}>{NAMES[l]}</option>)}
      </select>
    </label>
  );
}
