// Small helpers shared by the pages: escaping, numbers, dates, JSON fetches and the hash route.
import { has, lang, locale, t } from "./i18n.js";

export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const missing = (v) => v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v));
export const fmt = (v, d = 1) => (missing(v) ? "—" : Number(v).toFixed(d));
export const pct = (v) => (missing(v) ? "—" : (v > 0 ? "+" : "") + Number(v).toFixed(1) + " %");

/** An instant or a local time (in `zone`) written for people: "Fri 22 Sept 2023, 07:00". */
export function when(value, zone) {
  if (!value) return "—";
  const local = !/[zZ]|[+-]\d\d:\d\d$/.test(value);
  const t = local ? localToInstant(value, zone) : Date.parse(value);
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t);
}

/** An instant (ms or ISO) as "YYYY-MM-DD HH:mm:ss" in `zone`. */
export function localTime(value, zone) {
  const ms = typeof value === "number" ? value : Date.parse(value);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(ms);
}

/** The instant (ms) of a local date-time in `zone` (two passes settle the zone's offset). */
export function localToInstant(local, zone) {
  const asUtc = Date.parse(local + "Z");
  let t = asUtc;
  for (let i = 0; i < 2; i++) t = asUtc - offset(t, zone);
  return t;
}

function offset(t, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
    .formatToParts(t).map((p) => [p.type, p.value]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(t / 1000) * 1000;
}

/**
 * The errors of a refused request in the page's language: each of the answer's `problems` as the
 * message apiError.<code> (a parameter's value as apiError.<name>.<value> when there is one, e.g.
 * the role "treated"), else the API's English text.
 */
export function apiErrors(body, fallback) {
  const errors = body.errors || [fallback];
  const problems = body.problems || [];
  return errors.map((english, i) => {
    const p = problems[i];
    if (!p || !has(`apiError.${p.code}`)) return english;
    const params = Object.fromEntries(Object.entries(p.params || {}).map(([k, v]) => [k, has(`apiError.${k}.${v}`) ? t(`apiError.${k}.${v}`) : v]));
    return t(`apiError.${p.code}`, params);
  });
}

export async function getJson(url, init) {
  const r = await fetch(url, init);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const errors = apiErrors(body, r.statusText);
    const e = new Error(errors.join("; "));
    e.status = r.status; e.errors = errors;
    throw e;
  }
  return body;
}

/** The current route: path segments and query of the hash (#/closure/ID?quantity=no2&lang=sw). */
export function currentRoute() {
  const m = location.hash.match(/^#?([^?]*)(?:\?(.*))?$/);
  const path = (m[1] || "/").split("/").filter(Boolean).map(decodeURIComponent);
  return { path, params: new URLSearchParams(m[2] || "") };
}

/** A hash link to `path` (segments) with `params`, keeping the language. */
export function link(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  if (lang() !== "en") q.set("lang", lang());
  const s = q.toString();
  return "#/" + path.map(encodeURIComponent).join("/") + (s ? "?" + s : "");
}
