// The closure page: which pollutant, the summary, the charts, the same numbers in a table, downloads.
import { t, lang, has } from "./i18n.js";
import { esc, fmt, pct, getJson, when, link, localTime } from "./util.js";
import { PHASES, groupLabel, usableChange, groupOutcome, didOutcome, hasData } from "./report.js";
import { seriesChart, phasesChart, breakdownChart, selected } from "./closure-charts.js";
import { sensorMap } from "./map.js";
import { weatherChart } from "./weather-chart.js";

/** The planner's licence line (Provenance.LICENCE), which the message files word in each language. */
const LICENCE_EN =
  "Data: Open Database License (ODbL) 1.0 or CC BY 4.0, as licensed by each sensor's source; attribution: airq contributors and the sensor hosts";

/** Every quantity the page can show; the default is the first of PREFERRED with valid data. */
export const QUANTITIES = ["no2", "pm25", "pm10", "pm1", "o3"];
const PREFERRED = ["no2", "pm25", "pm10"];

/** The reports of every quantity, to offer only those with data and to pick the default. */
async function reports(id, matched) {
  const all = await Promise.all(QUANTITIES.map((q) =>
    getJson(`/api/closures/${encodeURIComponent(id)}/impact?quantity=${q}&matchedHours=${matched}`).then((r) => [q, r])));
  return new Map(all);
}

export function defaultQuantity(byQuantity) {
  return PREFERRED.find((q) => hasData(byQuantity.get(q).report, true))
    || QUANTITIES.find((q) => hasData(byQuantity.get(q).report, false))
    || "pm25";
}

export async function closurePage(main, id, params, charts) {
  const matched = params.get("matchedHours") === "true";
  const [byQuantity, sensors] = await Promise.all([reports(id, matched), getJson("/api/sensors")]);
  const quantity = QUANTITIES.includes(params.get("quantity")) ? params.get("quantity") : defaultQuantity(byQuantity);
  const offered = QUANTITIES.filter((q) => q === quantity || hasData(byQuantity.get(q).report, false));
  const api = `/api/closures/${encodeURIComponent(id)}/impact?quantity=${quantity}&matchedHours=${matched}`;
  // the API adds the weather-adjusted result by itself only for a closure naming its station; for
  // the others ask for it, so the page shows it and the weather the report used (nearest station)
  let data = byQuantity.get(quantity);
  if (!weatherStation(data.closure, data.report)) data = await getJson(`${api}&weather=true`).catch(() => data);
  const { closure, report, periods, provenance } = data;
  const unit = data.unit;
  const gate = report.coverageGate;
  const zone = closure.zone;
  const station = weatherStation(closure, report);
  const go = (q, m) => (location.hash = link(["closure", id], { quantity: q, matchedHours: m ? "true" : "" }));

  main.innerHTML = `<h2 data-user>${esc(closure.name)}</h2>
    ${closure.withdrawnAt ? `<p class="withdrawn" role="status">${esc(t("closure.withdrawn", { date: when(closure.withdrawnAt, zone) }))}</p>` : ""}
    <p><a href="${link(["closure", id, "edit"])}" id="edit">${esc(t("form.editLink"))}</a></p>
    <p class="period">${esc(t("closure.period", { start: when(closure.start, zone), end: when(closure.end, zone), zone }))}</p>
    <p class="controls"><label for="quantity">${esc(t("quantity.label"))}</label>
      <select id="quantity">${offered.map((q) => `<option value="${q}" ${q === quantity ? "selected" : ""}>${esc(t("quantity." + q))}</option>`).join("")}</select>
      <input type="checkbox" id="matched" ${matched ? "checked" : ""}><label for="matched">${esc(t("matched.label"))}</label></p>
    ${hasData(report, false) ? "" : `<p class="notice" role="status">${esc(t("quantity.none"))}</p>`}
    <h3>${esc(t("closure.summary"))}</h3>
    <p class="summary" lang="${lang() === "sw" ? "sw" : "en"}">${esc(lang() === "sw" ? report.summarySw : report.summaryEn)}</p>
    <details><summary>${esc(t("closure.summaryOther"))}</summary>
      <p class="summary" lang="${lang() === "sw" ? "en" : "sw"}">${esc(lang() === "sw" ? report.summaryEn : report.summarySw)}</p></details>
    <p><a href="/method?lang=${lang()}">${esc(t("closure.method", { version: report.methodVersion }))}</a></p>
    ${weather(report)}
    <h3>${esc(t("map.title"))}</h3><div id="map-box"></div>
    <h3>${esc(t("closure.series.title"))}</h3>
    <div class="chart"><canvas id="series" role="img" aria-label="${esc(t("closure.series.aria"))}"></canvas></div>
    <p class="note">${esc(t("closure.series.gaps", { gate: fmt(data.hourGate * 100, 0) }))}</p>
    ${station ? `<h3>${esc(t("weather.title", { station }))}</h3>
    <div class="chart weather"><canvas id="weather" role="img" aria-label="${esc(t("weather.aria"))}"></canvas></div>` : ""}
    <h3>${esc(t("closure.phases.title"))}</h3>
    <div class="chart"><canvas id="phases" role="img" aria-label="${esc(t("closure.phases.aria"))}"></canvas></div>
    <p class="note">${esc(t("closure.phases.clipped"))}</p>
    ${report.breakdown.length ? `<h3>${esc(t("closure.breakdown.title"))}</h3>
    <div class="chart"><canvas id="breakdown" role="img" aria-label="${esc(t("closure.breakdown.aria"))}"></canvas></div>` : ""}
    ${table(report, unit)}
    <p><a id="explore" href="${esc(exploreLink(closure, sensors, periods, quantity))}">${esc(t("closure.explore"))}</a></p>
    <p>${esc(t("closure.downloads"))}: <a href="${api}&format=csv" download="${esc(id)}-impact.csv">${esc(t("closure.download.csv"))}</a>,
      <a href="${api}" download="${esc(id)}-impact.json">${esc(t("closure.download.json"))}</a>,
      <a href="#" id="png-series">${esc(t("closure.download.pngSeries"))}</a>, <a href="#" id="png-phases">${esc(t("closure.download.pngPhases"))}</a></p>
    <p><small>${esc(t("closure.generated", { date: when(provenance.generatedAt, zone) }))} ${esc(provenance.licence === LICENCE_EN ? t("closure.licence") : provenance.licence)}</small></p>`;
  main.querySelector("#quantity").onchange = (e) => go(e.target.value, matched);
  main.querySelector("#matched").onchange = (e) => go(quantity, e.target.checked);

  const roles = new Map([...selected(closure.control, sensors).map((s) => [s, "control"]), ...selected(closure.treated, sensors).map((s) => [s, "treated"])]);
  await sensorMap(main.querySelector("#map-box"), sensors, roles, { street: closure.street });
  charts.push(phasesChart(main.querySelector("#phases"), report));
  if (report.breakdown.length) charts.push(breakdownChart(main.querySelector("#breakdown"), report));
  if (station) {
    const from = periods.before.map((p) => p.from).sort()[0];
    const to = [periods.after.to, ...periods.before.map((p) => p.to)].sort().reverse()[0];
    charts.push(await weatherChart(main.querySelector("#weather"), station, from, to, zone));
  }
  // the series chart last: a drawn series chart means the page is complete
  charts.push(await seriesChart(main.querySelector("#series"), { closure, periods, quantity, unit, hourGate: data.hourGate, sensors }));
  for (const [linkId, canvas] of [["png-series", "series"], ["png-phases", "phases"]]) {
    main.querySelector("#" + linkId).onclick = (e) => {
      e.preventDefault();
      const a = document.createElement("a"); a.href = Chart.getChart(canvas).toBase64Image(); a.download = `${id}-${canvas}.png`; a.click();
    };
  }
}

/** The explorer on the closure's sensors, over its phases' local days, in its zone. */
function exploreLink(closure, sensors, periods, quantity) {
  const ids = [...new Set([...selected(closure.treated, sensors), ...selected(closure.control, sensors)])];
  const from = periods.before.map((p) => p.from).sort()[0];
  const last = Date.parse(periods.after.to) - 1;
  return link(["explorer"], { sensors: ids.join(","), quantity, window: "1h", zone: closure.zone,
    from: localTime(from, closure.zone).slice(0, 10), to: localTime(last, closure.zone).slice(0, 10) });
}

function table(report, unit) {
  const gate = report.coverageGate;
  const groups = [report.treated, report.control, ...report.breakdown].filter(Boolean);
  const rows = groups.flatMap((g) => PHASES.filter((p) => g.phases[p]).map((p) => {
    const s = g.phases[p];
    const ch = p === "before" ? null : usableChange(g, gate, p);
    return `<tr><th scope="row">${esc(groupLabel(g.label))}</th><td class="text">${esc(t("phase." + p))}</td><td>${fmt(s.mean, 2)}</td>
      <td>${s.validHours} / ${s.expectedHours}</td><td>${fmt(s.coverage * 100, 0)} %</td><td>${s.days}</td>
      <td>${ch ? pct(ch.percent) : ""}</td><td>${ch ? esc(t("closure.table.range", { low: pct(ch.lowPercent), high: pct(ch.highPercent) })) : ""}</td>
      <td class="text">${p === "during" ? esc(groupOutcome(g, gate)) : ""}</td></tr>`;
  })).join("");
  const did = report.differenceInDifferences;
  const didRow = report.control && did ? `<tr><th scope="row">${esc(t("group.did"))}</th><td class="text">${esc(t("phase.during"))}</td><td colspan="4"></td>
      <td>${pct(did.percent)}</td><td>${esc(t("closure.table.range", { low: pct(did.lowPercent), high: pct(did.highPercent) }))}</td>
      <td class="text">${esc(didOutcome(report))}</td></tr>` : "";
  const cols = ["group", "phase", "mean", "hours", "coverage", "days", "change", "ci", "outcome"]
    .map((c) => `<th scope="col">${esc(t("closure.table." + c, { unit }))}</th>`).join("");
  return `<table id="numbers"><caption>${esc(t("closure.table.caption", { version: report.methodVersion, gate: fmt(gate * 100, 0) }))}</caption>
    <thead><tr>${cols}</tr></thead><tbody>${rows}${didRow}</tbody></table>`;
}

/**
 * The weather station whose rain and wind the page shows: the closure's named one, else the one the
 * report used (`weatherSource` "station:ID" or "nearest:ID (x km)"); null for the treated sensors.
 */
export function weatherStation(closure, report) {
  if (closure.weather && closure.weather.station) return closure.weather.station;
  const w = report.treated && report.treated.weatherAdjusted;
  const m = w && String(w.weatherSource || "").match(/^(?:station|nearest):(\S+)/);
  return m ? m[1] : null;
}

/**
 * The weather-adjusted change of each group (`weatherAdjusted`, method airq-impact-2), when the
 * report has one: the change during against the weather-predicted level, with its interval, the
 * model's skill and the smallest change the data could detect, in plain words.
 */
function weather(report) {
  const groups = [report.treated, report.control, ...report.breakdown].filter((g) => g && g.weatherAdjusted);
  if (!groups.length) return "";
  const items = groups.map((g) => {
    const w = g.weatherAdjusted;
    // no result: only why (no change or interval to misread), in the page's language when the
    // message file knows the reason's code, else in the API's English
    if (w.outcome === "INSUFFICIENT_DATA") {
      const p = w.reasonProblem;
      const why = p && has(`weatherReason.${p.code}`)
        ? `<span>${esc(t(`weatherReason.${p.code}`, p.params || {}))}</span>`
        : `<span lang="en">${esc(w.reason || "")}</span>`;
      return `<li class="insufficient">${esc(t("closure.weather.insufficient", { group: groupLabel(g.label) }))}
        ${why}</li>`;
    }
    const ch = w.duringVsBefore || {};
    const parts = [t("closure.weather.text", { group: groupLabel(g.label), percent: pct(ch.percent), low: pct(ch.lowPercent), high: pct(ch.highPercent) })];
    if (w.skill && Number.isFinite(w.skill.r2)) parts.push(t("closure.weather.skill", { skill: fmt(w.skill.r2 * 100, 0) }));
    if (Number.isFinite(w.minimumDetectablePercent)) parts.push(t("closure.weather.mde", { mde: fmt(Math.abs(w.minimumDetectablePercent), 1) + " %" }));
    if (w.outcome) parts.push(t("closure.weather.outcome", { outcome: t("outcome." + w.outcome, { reason: t("reason.weatherModel") }) }));
    if (w.weatherSource) parts.push(t("closure.weather.source", { source: w.weatherSource }));
    return `<li>${esc(parts.join(" "))}</li>`;
  }).join("");
  return `<section class="weather"><h3>${esc(t("closure.weather.title"))}</h3><ul>${items}</ul></section>`;
}
