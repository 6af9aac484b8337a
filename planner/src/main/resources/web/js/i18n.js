// Every word the page shows comes from the message files web/i18n/<lang>.json; the language is kept
// in the hash's query (#/closure/ID?lang=sw), so a link keeps it.
export const LANGS = ["en", "sw"];
const cache = {};
let messages = {};
let current = "en";

export async function useLang(lang) {
  current = LANGS.includes(lang) ? lang : "en";
  if (!cache[current]) {
    const r = await fetch(`/web/i18n/${current}.json`);
    if (!r.ok) throw new Error(`/web/i18n/${current}.json: ${r.status}`);
    cache[current] = await r.json();
  }
  messages = cache[current];
  document.documentElement.lang = current;
  return current;
}

export const lang = () => current;

/** Whether the message file of the current language has `key`. */
export const has = (key) => messages[key] !== undefined;

/** The message `key` with `{name}` placeholders filled from `params`; a missing key shows as [key]. */
export function t(key, params = {}) {
  const m = messages[key];
  if (m === undefined) return `[${key}]`;
  return m.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
}

/** The locale for dates and numbers formatted by Intl. */
export const locale = () => (current === "sw" ? "sw-KE" : "en-GB");
