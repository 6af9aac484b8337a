// The explorer: window averages of chosen sensors or an area, as stored (corrected and raw means,
// extremes, coverage, correction, index values), drawn, tabulated and downloadable. The choice is
// kept in the hash's query, so a link reproduces it.
import { t } from "./i18n.js";
import { esc, fmt, getJson, link } from "./util.js";
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
  const today = new Date().toISOString().slice(0, 10);
  const from = params.get("from") || new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
  const to = params.get("to") || today;
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
      <label for="to">${esc(t("explorer.to"))}</label> <input type="date" id="to" value="${esc(to)}"></p>
    <p><button type="submit">${esc(t("explorer.show"))}</button></p></form><div id="results"></div>`;
  main.querySelector("#explore").onsubmit = (e) => {
    e.preventDefault();
    const v = (id) => main.querySelector("#" + id).value;
    const area = main.querySelector("#mode-area").checked;
    location.hash = link(["explorer"], { sensors: area ? "" : [...main.querySelector("#sensors").selectedOptions].map((o) => o.value).join(","),
      area: area ? v("area") : "", quantity: v("quantity"), window: v("window"), from: v("from"), to: v("to") });
  };
  const keys = mode === "area" ? [["area", params.get("area")]] : chosen.map((s) => ["sensor", s]);
  if (!params.has("from")) return;
  const results = main.querySelector("#results");
  if (!keys.length) { results.innerHTML = `<p class="notice">${esc(t("explorer.pick"))}</p>`; return; }
  const range = `quantity=${quantity}&window=${window}&from=${from}T00:00:00Z&to=${new Date(Date.parse(to) + 86400000).toISOString().replace(".000", "")}`;
  const urls = keys.map(([k, v]) => `/api/series?${k}=${encodeURIComponent(v)}&${range}`);
  const all = await Promise.all(urls.map((u) => getJson(u)));
  const unit = all[0].unit;
  const rows = all.flatMap((s) => s.points);
  results.innerHTML = `<h3>${esc(t("explorer.chart"))}</h3>
    <div class="chart"><canvas id="explorer-chart" role="img" aria-label="${esc(t("explorer.aria"))}"></canvas></div>
    <p>${all.map((s, i) => `<a href="${urls[i]}&format=csv" download="${esc(s.key)}-${quantity}-${window}.csv">${esc(t("explorer.download", { key: s.key }))} (${esc(t("closure.download.csv"))})</a>,
      <a href="${urls[i]}" download="${esc(s.key)}-${quantity}-${window}.json">${esc(t("closure.download.json"))}</a>`).join(" · ")}</p>
    ${rows.length ? table(rows, unit, quantity, window) : `<p class="notice">${esc(t("explorer.none"))}</p>`}
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
      scales: { x: { type: "linear", ticks: { callback: (v) => new Date(v).toISOString().slice(0, 16).replace("T", " ") }, title: { display: true, text: t("explorer.xAxis") } },
        y: { title: { display: true, text: t("explorer.yAxis", { quantity: t("quantity." + quantity), unit }) } } },
      plugins: { legend: { labels: { usePointStyle: true } } } },
  }));
  const flagsBox = results.querySelector("#flags");
  if (mode === "area") flagsBox.innerHTML = `<p class="note">${esc(t("explorer.flagsArea"))}</p>`;
  else {
    const range2 = `quantity=${quantity}&from=${from}T00:00:00Z&to=${new Date(Date.parse(to) + 86400000).toISOString().replace(".000", "")}`;
    const flagged = (await Promise.all(chosen.map((s) => getJson(`/api/flags?sensor=${encodeURIComponent(s)}&${range2}`)))).flatMap((f) => f.readings);
    flagsBox.innerHTML = flagged.length ? flagTable(flagged, unit, quantity) : `<p class="note">${esc(t("explorer.flagsNone"))}</p>`;
  }
}

function table(rows, unit, quantity, window) {
  const cols = ["key", "time", "mean", "raw", "min", "max", "coverage", "count", "correction", "indices"]
    .map((c) => `<th scope="col">${esc(t("explorer.col." + c, { unit }))}</th>`).join("");
  const body = rows.slice(0, ROWS).map((p) => `<tr><th scope="row" data-user>${esc(p.key)}</th><td class="text" data-user>${esc(p.time.replace("T", " ").replace("Z", ""))}</td>
    <td>${fmt(p.mean, 2)}</td><td>${fmt(p.rawMean, 2)}</td><td>${fmt(p.min, 2)}</td><td>${fmt(p.max, 2)}</td><td>${fmt(p.coverage, 0)}</td>
    <td>${p.count} / ${p.expected}</td><td class="text" data-user>${esc(p.correction || "")}</td>
    <td class="text" data-user>${esc((p.indices || []).map((i) => `${i.field} ${i.value} (${i.category})`).join("; "))}</td></tr>`).join("");
  return `<table id="explorer-table"><caption>${esc(t("explorer.caption", { quantity: t("quantity." + quantity), window: t("window." + window) }))}</caption>
    <thead><tr>${cols}</tr></thead><tbody>${body}</tbody></table>
    ${rows.length > ROWS ? `<p class="note">${esc(t("explorer.more", { shown: ROWS, total: rows.length }))}</p>` : ""}`;
}

function flagTable(readings, unit, quantity) {
  const cols = ["sensor", "time", "flags", "value", "raw"].map((c) => `<th scope="col">${esc(t("explorer.flags." + c, { unit }))}</th>`).join("");
  const body = readings.slice(0, ROWS).map((r) => `<tr><th scope="row" data-user>${esc(r.sensor)}</th><td class="text" data-user>${esc(r.time.replace("T", " ").replace("Z", ""))}</td>
    <td class="text" data-user>${esc(r.flags)}</td><td>${fmt(r.value, 2)}</td><td>${fmt(r.raw, 2)}</td></tr>`).join("");
  return `<table id="flags-table"><caption>${esc(t("explorer.flagsCaption", { quantity: t("quantity." + quantity) }))}</caption>
    <thead><tr>${cols}</tr></thead><tbody>${body}</tbody></table>`;
}
