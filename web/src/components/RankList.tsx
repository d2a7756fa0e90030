// A ranked list the person reorders (preferences among the mentors met at the speed date): each
// entry has move-up, move-down and remove buttons, so it works with the keyboard alone; the
// choices not ranked yet are added from a select.
import { useState } from "preact/hooks";
import { t } from "../i18n";

export interface Choice { value: string; text: string }

export function RankList({ id, value, choices, onChange, describedBy }: {
  id: string; value: string[]; choices: Choice[]; onChange: (v: string[]) => void; describedBy?: string;
}) {
  const [pick, setPick] = useState("");
  const [said, setSaid] = useState("");
  const textOf = (v: string) => choices.find((c) => c.value === v)?.text ?? v;
  const move = (i: number, by: number) => {
    const next = value.slice();
    const [item] = next.splice(i, 1);
    const to = i + by;
    next.splice(to, 0, item);
    onChange(next);
    setSaid(t("moved_to", { item: textOf(item), n: to + 1 }));
    // focus stays with the moved item: the same button at its new place, or (at the top or the
    // bottom, where that one is disabled) the other one
    const same = by < 0 ? "up" : "down", other = by < 0 ? "down" : "up";
    const edge = by < 0 ? to === 0 : to === next.length - 1;
    requestAnimationFrame(() => document.getElementById(`${id}-${edge ? other : same}-${to}`)?.focus());
  };
  const left = choices.filter((c) => !value.includes(c.value));
  return (
    <div class="ranklist" id={id} aria-describedby={describedBy}>
      <ol>
        {value.map((v, i) => (
          <li key={v}>
            <span class="rank-n" aria-hidden="true">{i + 1}</span>
            <span class="rank-text">{textOf(v)}</span>
            <span class="rank-buttons">
              <button type="button" id={`${id}-up-${i}`} disabled={i === 0} onClick={() => move(i, -1)}
                      aria-label={t("move_up", { item: textOf(v) })}>↑</button>
              <button type="button" id={`${id}-down-${i}`} disabled={i === value.length - 1} onClick={() => move(i, 1)}
                      aria-label={t("move_down", { item: textOf(v) })}>↓</button>
              <button type="button" onClick={() => onChange(value.filter((x) => x !== v))}
                      aria-label={t("remove", { item: textOf(v) })}>×</button>
            </span>
          </li>
        ))}
      </ol>
      <p class="visually-hidden" role="status">{said}</p>
      {left.length > 0 && (
        <div class="rank-add">
          <label>
            <span class="visually-hidden">{t("add_choice")}</span>
            <select id={`${id}-add`} value={pick} onChange={(e) => setPick((e.target as HTMLSelectElement).value)}>
              <option value="">{t("add_choice")}</option>
              {left.map((c) => <option value={c.value} key={c.value}>{c.text}</option>)}
            </select>
          </label>
          <button type="button" disabled={!pick} onClick={() => { onChange([...value, pick]); setPick(""); }}>{t("add")}</button>
        </div>
      )}
    </div>
  );
}
