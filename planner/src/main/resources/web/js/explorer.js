// The explorer: window averages of chosen sensors or an area, as stored (corrected and raw means,
// extremes, coverage, correction, index values), drawn, tabulated and downloadable, and the QA-flagged
// readings of those sensors (or of the area's). Dates are days in a time zone (a closure's link passes
// its own; else the browser's), and times are shown in it. The choice is kept in the hash's query, so
// a link reproduces it.
import { t } from "./i18n.js";
import { esc, fmt, getJson, link, localToInstant, localTime } from "./util.js";
import { QUANTITIES } from "./closure.js";

const WINDOWS = ["1m", "1h", "24h"];
const ROWS = 500;

export async function explorerPage(main, params, charts) {
  const sensors = await getJson("/api/sensors");
  const areas = [...new Set(sensors.map((s) => s.area).filter(Boolean))].sort();
  const mode = params.get("area") ? "area" : "sensors";
  const chosen = (params.get("sensors") || "").split(",").filter(Boolean);
  const quantity = QUANTITIES.includes(params.get("quantity")) ? params.get("quantity") : "pm25";
  const window = WINDOWS.includes(params.get("window")) ? params.get("window") : "1h";
  const zone = validZone(params.get("zone")) || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const day = (ms) => localTime(ms, zone).slice(0, 10);
  const from = params.get("from") || day(Date.now() - 7 * 86400000);
  const to = params.get("to") || day(Date.now());
  const select = (id, values, current, label) => `<select id="${id}">${values.map((v) => `<option value="${esc(v)}" ${v === current ? "selected" : ""}>${esc(label(v))}</option>`).join("")}</select>`;
  main.innerHTML = `<h2>${esc(t("explorer.title"))}</h2><p class="note">${esc(t("explorer.intro"))}</p>
    <form id="explore"><fieldset><legend>${esc(t("explorer.mode"))}</legend>
      <input type="radio" name="mode" id="mode-sensors" value="sensors" ${mode === "sensors" ? "checked" : ""}><label for="mode-sensors">${esc(t("explorer.mode.sensors"))}</label>
      <input type="radio" name="mode" id="mode-area" value="area" ${mode === "area" ? "checked" : ""}><label for="mode-area">${esc(t("explorer.mode.area"))}</label></fieldset>
    <p><label for="sensors">${esc(t("explorer.sensors"))}</label><br><select id="sensors" multiple size="${Math.min(8, Math.max(2, sensors.length))}">${sensors.map((s) =>
      `<option data-user value="${esc(s.id)}" ${chosen.includes(s.id) ? "selected" : ""}>${esc(s.id)}${s.area ? " — " + esc(s.area) : ""}</option>`).join("")}</select></p>
    <p><label for="area">${esc(t("explorer.area"))}</label> ${select("area", areas, params.get("area") || "", (a) => a).replace(/<option /g, "<option data-user ")}</p>
    <p><label for="quantity">${esc(t("quantity.label"))}</label> ${select("quantity", QUANTITIES, quantity, (q) => t("quantity." + q))}
      <label for="window">${esc(t("explorer.window"))}</label> ${select("window", WINDOWS, window, (w) => t("window." + w))}</p>
    <p><label for="from">${esc(t("explorer.from"))}</label> <input type="date" id="from" value="${esc(from)}">
      <label for="to">${esc(t("explorer.to"))}</label> <input type="date" id="to" value="${esc(to)}">
      <label for="zone">${esc(t("explorer.zone"))}</label> <input id="zone" value="${esc(zone)}" size="20"></p>
    <p><button type="submit">${esc(t("explorer.show"))}</button></p></form><div id="results"></div>`;
  main.querySelector("#explore").onsubmit = (e) => {
    e.preventDefault();
    const v = (id) => main.querySelector("#" + id).value;
    const area = main.querySelector("#mode-area").checked;
    location.hash = link(["explorer"], { sensors: area ? "" : [...main.querySelector("#sensors").selectedOptions].map((o) => o.value).join(","),
      area: area ? v("area") : "", quantity: v("quantity"), window: v("window"), from: v("from"), to: v("to"), zone: v("zone") });
  };
  const keys = mode === "area" ? [["area", params.get("area")]] : chosen.map((s) => ["sensor", s]);
  if (!params.has("from")) return;
  const results = main.querySelector("#results");
  if (!keys.length) { results.innerHTML = `<p class="notice">${esc(t("explorer.pick"))}</p>`; return; }
  // from the start of `from` to the end of `to`, local days in the zone
  const iso = (ms) => new Date(ms).toISOString().replace(".000", "");
  const nextDay = new Date(Date.parse(to + "T00:00:00Z") + 86400000).toISOString().slice(0, 10);
  const span = `from=${iso(localToInstant(from + "T00:00:00", zone))}&to=${iso(localToInstant(nextDay + "T00:00:00", zone))}`;
  const range = `quantity=${quantity}&window=${window}&${span}`;
  const urls = keys.map(([k, v]) => `/api/series?${k}=${encodeURIComponent(v)}&${range}`);
  const all = await Promise.all(urls.map((u) => getJson(u)));
  const unit = all[0].unit;
  const rows = all.flatMap((s) => s.points);
  results.innerHTML = `<h3>${esc(t("explorer.chart"))}</h3>
    <div class="chart"><canvas id="explorer-chart" role="img" aria-label="${esc(t("explorer.aria"))}"></canvas></div>
    <p>${all.map((s, i) => `<a href="${urls[i]}&format=csv" download="${esc(s.key)}-${quantity}-${window}.csv">${esc(t("explorer.download", { key: s.key }))} (${esc(t("closure.download.csv"))})</a>,
      <a href="${urls[i]}" download="${esc(s.key)}-${quantity}-${window}.json">${esc(t("closure.download.json"))}</a>`).join(" · ")}</p>
    ${rows.length ? table(rows, unit, quantity, window, zone) : `<p class="notice">${esc(t("explorer.none"))}</p>`}
    <h3>${esc(t("explorer.flags"))}</h3><div id="flags"></div>`;
  const dash = [[], [6, 4], [2, 3], [8, 3, 2, 3]];
  const styles = ["circle", "triangle", "rect", "rectRot"];
  charts.push(new Chart(results.querySelector("#explorer-chart"), {
    type: "line",
    data: { datasets: all.flatMap((s, i) => [
      { label: t("explorer.corrected", { key: s.key }), data: s.points.map((p) => ({ x: Date.parse(p.time), y: p.mean })), borderColor: "#000", backgroundColor: "#000", borderDash: dash[i % 4], pointStyle: styles[i % 4], pointRadius: 2, borderWidth: 2 },
      { label: t("explorer.raw", { key: s.key }), data: s.points.filter((p) => p.rawMean !== null && p.rawMean !== undefined).map((p) => ({ x: Date.parse(p.time), y: p.rawMean })), borderColor: "#777", backgroundColor: "#777", borderDash: [3, 3], pointStyle: styles[i % 4], pointRadius: 1, borderWidth: 1 },
    ]) },
    options: { animation: false, maintainAspectRatio: false, parsing: false,
      scales: { x: { type: "linear", ticks: { callback: (v) => localTime(v, zone).slice(0, 16) }, title: { display: true, text: t("explorer.xAxis", { zone }) } },
        y: { title: { display: true, text: t("explorer.yAxis", { quantity: t("quantity." + quantity), unit }) } } },
      plugins: { legend: { labels: { usePointStyle: true } } } },
  }));
  // the QA-flagged readings of the chosen sensors, or of every sensor registered in the area
  const flagsBox = results.querySelector("#flags");
  const flaggedOf = mode === "area" ? sensors.filter((s) => s.area === params.get("area")).map((s) => s.id) : chosen;
  const answers = await Promise.all(flaggedOf.map((s) => getJson(`/api/flags?sensor=${encodeURIComponent(s)}&quantity=${quantity}&${span}`)));
  const flagged = answers.flatMap((f) => f.readings).sort((a, b) => a.time.localeCompare(b.time) || a.sensor.localeCompare(b.sensor));
  flagsBox.innerHTML = flagged.length ? flagTable(flagged, unit, quantity, zone, mode === "area" ? params.get("area") : null) : `<p class="note">${esc(t("explorer.flagsNone"))}</p>`;
}

/** A valid IANA zone name, or null. */
function validZone(z) {
  if (!z) return null;
  try { new Intl.DateTimeFormat("en", { timeZone: z }); return z; } catch (e) { return null; }
}


function table(rows, unit, quantity, window, zone) {
  const cols = ["key", "time", "mean", "raw", "min", "max", "coverage", "count", "correction", "indices"]
    .map((c) => `<th scope="col">${esc(t("explorer.col." + c, { unit, zone }))}</th>`).join("");
  const body = rows.slice(0, ROWS).map((p) => `<tr><th scope="row" data-user>${esc(p.key)}</th><td class="text" data-user>${esc(localTime(p.time, zone))}</td>
    <td>${fmt(p.mean, 2)}</td><td>${fmt(p.rawMean, 2)}</td><td>${fmt(p.min, 2)}</td><td>${fmt(p.max, 2)}</td><td>${fmt(p.coverage, 0)}</td>
    <td>${p.count} / ${p.expected}</td><td class="text" data-user>${esc(p.correction || "")}</td>
    <td class="text" data-user>${esc((p.indices || []).map((i) => `${i.field} ${i.value} (${i.category})`).join("; "))}</td></tr>`).join("");
  return `<table id="explorer-table"><caption>${esc(t("explorer.caption", { quantity: t("quantity." + quantity), window: t("window." + window) }))}</caption>
    <thead><tr>${cols}</tr></thead><tbody>${body}</tbody></table>
    ${rows.length > ROWS ? `<p class="note">${esc(t("explorer.more", { shown: ROWS, total: rows.length }))}</p>` : ""}`;
}

function flagTable(readings, unit, quantity, zone, area) {
  const cols = ["sensor", "time", "flags", "value", "raw"].map((c) => `<th scope="col">${esc(t("explorer.flags." + c, { unit, zone }))}</th>`).join("");
  const body = readings.slice(0, ROWS).map((r) => `<tr><th scope="row" data-user>${esc(r.sensor)}</th><td class="text" data-user>${esc(localTime(r.time, zone))}</td>
    <td class="text" data-user>${esc(r.flags)}</td><td>${fmt(r.value, 2)}</td><td>${fmt(r.raw, 2)}</td></tr>`).join("");
  const caption = area ? t("explorer.flagsCaptionArea", { quantity: t("quantity." + quantity), area }) : t("explorer.flagsCaption", { quantity: t("quantity." + quantity) });
  return `<table id="flags-table"><caption>${esc(caption)}</caption>
    <thead><tr>${cols}</tr></thead><tbody>${body}</tbody></table>
    ${readings.length > ROWS ? `<p class="note">${esc(t("explorer.more", { shown: ROWS, total: readings.length }))}</p>` : ""}`;
}
