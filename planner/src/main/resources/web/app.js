// airq planner web page: closure list and closure report. Charts are readable without colour:
// every series has a label, a dash pattern and a point style; the numbers are also in a table.
"use strict";

const main = document.getElementById("main");
const fmt = (v, d = 1) => (v === null || v === undefined ? "—" : Number(v).toFixed(d));
const pct = (v) => (v === null || v === undefined ? "—" : (v > 0 ? "+" : "") + Number(v).toFixed(1) + " %");
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const charts = [];

async function getJson(url) {
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error((body.errors || [r.statusText]).join("; "));
  return body;
}

async function route() {
  charts.splice(0).forEach((c) => c.destroy());
  const m = location.hash.match(/^#\/closure\/([^?]+)(?:\?(.*))?$/);
  try {
    if (m) await closurePage(decodeURIComponent(m[1]), new URLSearchParams(m[2] || ""));
    else await listPage();
  } catch (e) {
    main.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
  }
}

async function listPage() {
  const closures = await getJson("/api/closures");
  const rows = closures.map((c) => `<tr><td class="text"><a href="#/closure/${encodeURIComponent(c.id)}">${esc(c.name)}</a>${c.withdrawnAt ? ` (withdrawn ${esc(c.withdrawnAt)})` : ""}</td>
      <td class="text">${esc(c.start)}</td><td class="text">${esc(c.end)}</td><td class="text">${esc(c.zone)}</td>
      <td class="text">${esc([...c.treated.sensors, ...c.treated.areas].join(", "))}</td></tr>`).join("");
  main.innerHTML = `<h2>Closures</h2>
    <table><caption>Registered closures (local times)</caption>
    <thead><tr><th scope="col">Closure</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Zone</th><th scope="col">Treated</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="5">No closures yet.</td></tr>'}</tbody></table>`;
}

async function seriesMean(selection, quantity, from, to) {
  const urls = [
    ...selection.sensors.map((s) => `sensor=${encodeURIComponent(s)}`),
    ...selection.areas.map((a) => `area=${encodeURIComponent(a)}`),
  ].map((k) => `/api/series?${k}&quantity=${quantity}&window=1h&from=${from}&to=${to}`);
  const all = await Promise.all(urls.map((u) => getJson(u)));
  const byTime = new Map();
  for (const s of all) for (const p of s.points) {
    const t = Date.parse(p.time);
    const acc = byTime.get(t) || [0, 0];
    acc[0] += p.mean; acc[1] += 1; byTime.set(t, acc);
  }
  const points = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, [s, n]]) => ({ x: t, y: s / n }));
  return { points, unit: all.length ? all[0].unit : "" };
}

// Local midnights (in the closure's zone) between two instants, for the time axis.
function localMidnights(min, max, zone) {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" });
  const out = [];
  for (let t = Math.ceil(min / 3600000) * 3600000; t <= max; t += 3600000) {
    if (Number(hour.format(t)) === 0) out.push({ value: t });
  }
  return out;
}

// Shades the closure period with a hatch pattern and names every period in words (baseline,
// road closed, after), so neither colour nor the legend is needed to read it.
const closedShading = {
  id: "closedShading",
  beforeDatasetsDraw(chart, args, opts) {
    const { ctx, chartArea, scales } = chart;
    if (!opts.from) return;
    const span = (from, to) => [Math.max(scales.x.getPixelForValue(from), chartArea.left), Math.min(scales.x.getPixelForValue(to), chartArea.right)];
    const [x0, x1] = span(opts.from, opts.to);
    ctx.save();
    if (x1 > x0) {
      const p = document.createElement("canvas"); p.width = p.height = 8;
      const pc = p.getContext("2d"); pc.strokeStyle = "rgba(0,0,0,0.25)"; pc.beginPath(); pc.moveTo(0, 8); pc.lineTo(8, 0); pc.stroke();
      ctx.fillStyle = ctx.createPattern(p, "repeat");
      ctx.fillRect(x0, chartArea.top, x1 - x0, chartArea.bottom - chartArea.top);
    }
    ctx.font = "bold 12px sans-serif"; ctx.fillStyle = "#000";
    for (const [from, to, text] of [...(opts.others || []), [opts.from, opts.to, "Road closed"]]) {
      const [a, b] = span(from, to);
      if (b - a > ctx.measureText(text).width + 8) {
        ctx.fillText(text, a + 4, chartArea.top + 14);
        ctx.strokeStyle = "#000"; ctx.setLineDash([2, 3]); ctx.beginPath();
        ctx.moveTo(a, chartArea.top); ctx.lineTo(a, chartArea.bottom); ctx.stroke(); ctx.setLineDash([]);
      }
    }
    ctx.restore();
  },
};

// Writes each bar's value beside its end ("-41.6 %"), on white so whiskers and hatching do not hide it.
const barValues = {
  id: "barValues",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save(); ctx.font = "bold 12px sans-serif"; ctx.textBaseline = "middle";
    chart.data.datasets.forEach((ds, i) => {
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const v = ds.data[j];
        if (v === null || v === undefined) return;
        const text = pct(v);
        const w = ctx.measureText(text).width;
        const x = bar.x + 5;
        const y = v < 0 ? Math.min(bar.y + 10, chart.chartArea.bottom - 8) : Math.max(bar.y - 10, chart.chartArea.top + 8);
        ctx.fillStyle = "rgba(255,255,255,0.9)"; ctx.fillRect(x - 2, y - 8, w + 4, 16);
        ctx.fillStyle = "#000"; ctx.fillText(text, x, y);
      });
    });
    ctx.restore();
  },
};

// Draws 95 % confidence whiskers on bars (dataset.ci = [[low, high], ...]).
const whiskers = {
  id: "whiskers",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      if (!ds.ci) return;
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const ci = ds.ci[j];
        if (!ci || ci[0] === null || ci[1] === null) return;
        const y0 = chart.scales.y.getPixelForValue(ci[0]);
        const y1 = chart.scales.y.getPixelForValue(ci[1]);
        ctx.save(); ctx.strokeStyle = "#000"; ctx.lineWidth = 1.5; ctx.beginPath();
        ctx.moveTo(bar.x, y0); ctx.lineTo(bar.x, y1);
        ctx.moveTo(bar.x - 6, y0); ctx.lineTo(bar.x + 6, y0);
        ctx.moveTo(bar.x - 6, y1); ctx.lineTo(bar.x + 6, y1);
        ctx.stroke(); ctx.restore();
      });
    });
  },
};

function hatch(color) {
  const p = document.createElement("canvas"); p.width = p.height = 10;
  const c = p.getContext("2d"); c.fillStyle = "#fff"; c.fillRect(0, 0, p.width, p.height);
  c.strokeStyle = color; c.lineWidth = 2; c.beginPath(); c.moveTo(0, p.height); c.lineTo(p.width, 0); c.stroke();
  return c.createPattern(p, "repeat");
}

function dots(color) {
  const p = document.createElement("canvas"); p.width = p.height = 6;
  const c = p.getContext("2d"); c.fillStyle = "#fff"; c.fillRect(0, 0, p.width, p.height);
  c.fillStyle = color; c.beginPath(); c.arc(3, 3, 1.4, 0, 2 * Math.PI); c.fill();
  return c.createPattern(p, "repeat");
}

async function closurePage(id, params) {
  const quantity = params.get("quantity") || "pm25";
  const matched = params.get("matchedHours") === "true";
  const base = `/api/closures/${encodeURIComponent(id)}/impact?quantity=${quantity}&matchedHours=${matched}`;
  const data = await getJson(base);
  const { closure, report, periods, provenance } = data;
  const from = periods.before.map((p) => p.from).sort()[0];
  const to = [periods.after.to, ...periods.before.map((p) => p.to)].sort().reverse()[0];
  const groups = [report.treated, report.control, ...report.breakdown].filter(Boolean);
  const phaseRows = groups.flatMap((g) => ["before", "during", "after"].filter((p) => g.phases[p]).map((p) => {
    const s = g.phases[p];
    const ch = p === "during" ? g.duringVsBefore : p === "after" ? g.afterVsBefore : null;
    return `<tr><th scope="row">${esc(g.label)}</th><td class="text">${p}</td><td>${fmt(s.mean, 2)}</td>
      <td>${s.validHours} / ${s.expectedHours}</td><td>${fmt(s.coverage * 100, 0)} %</td><td>${s.days}</td>
      <td>${ch ? pct(ch.percent) : ""}</td><td>${ch ? `${pct(ch.lowPercent)} to ${pct(ch.highPercent)}` : ""}</td>
      <td class="text">${p === "during" ? esc(g.outcome) : ""}</td></tr>`;
  })).join("");
  const did = report.differenceInDifferences;
  main.innerHTML = `<h2>${esc(closure.name)}</h2>
    ${closure.withdrawnAt ? `<p class="withdrawn" role="status">This closure was withdrawn at ${esc(closure.withdrawnAt)}.</p>` : ""}
    <p>${esc(closure.start)} to ${esc(closure.end)} (${esc(closure.zone)}).
      <label>Quantity: <select id="quantity">${["pm25", "pm10", "pm1", "no2", "o3"].map((q) => `<option ${q === quantity ? "selected" : ""}>${q}</option>`).join("")}</select></label>
      <label><input type="checkbox" id="matched" ${matched ? "checked" : ""}> matched hours</label></p>
    <p class="summary" lang="en">${esc(report.summaryEn)}</p>
    <p class="summary" lang="sw">${esc(report.summarySw)}</p>
    <h3>Time series, treated and control (hourly means)</h3>
    <div class="chart"><canvas id="series" role="img" aria-label="Hourly means of treated and control sensors; the closure is hatched"></canvas></div>
    <h3>Change against the baseline, with 95 % confidence intervals</h3>
    <div class="chart"><canvas id="phases" role="img" aria-label="Change during and after the closure against the baseline with 95 % confidence whiskers"></canvas></div>
    <table><caption>The same numbers (method ${esc(report.methodVersion)}, coverage gate ${fmt(report.coverageGate * 100, 0)} %)</caption>
      <thead><tr><th scope="col">Group</th><th scope="col">Phase</th><th scope="col">Mean</th><th scope="col">Valid / expected sensor-hours</th>
      <th scope="col">Coverage</th><th scope="col">Days</th><th scope="col">Change vs before</th><th scope="col">95 % CI</th><th scope="col">Outcome</th></tr></thead>
      <tbody>${phaseRows}
      <tr><th scope="row">difference in differences</th><td class="text">during</td><td colspan="4"></td><td>${pct(did.percent)}</td>
      <td>${pct(did.lowPercent)} to ${pct(did.highPercent)}</td><td class="text">${esc(report.didOutcome)}</td></tr></tbody></table>
    <p>Downloads: <a href="${base}&format=csv" download="${esc(id)}-impact.csv">CSV</a>,
      <a href="${base}" download="${esc(id)}-impact.json">JSON</a>,
      <a href="#" id="png-series">PNG (time series)</a>, <a href="#" id="png-phases">PNG (changes)</a></p>
    <p><small>Generated ${esc(provenance.generatedAt)}. ${esc(provenance.licence)}</small></p>`;
  document.getElementById("quantity").onchange = (e) => (location.hash = `#/closure/${encodeURIComponent(id)}?quantity=${e.target.value}&matchedHours=${matched}`);
  document.getElementById("matched").onchange = (e) => (location.hash = `#/closure/${encodeURIComponent(id)}?quantity=${quantity}&matchedHours=${e.target.checked}`);

  const treated = await seriesMean(closure.treated, quantity, from, to);
  const control = await seriesMean(closure.control, quantity, from, to);
  const others = [...periods.before.map((p) => [Date.parse(p.from), Date.parse(p.to), "Baseline"]),
    [Date.parse(periods.after.from), Date.parse(periods.after.to), "After"]];
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: closure.zone, weekday: "short", day: "numeric", month: "short" });
  charts.push(new Chart(document.getElementById("series"), {
    type: "line",
    data: { datasets: [
      { label: "Treated (closed streets) — solid, circles", data: treated.points, borderColor: "#000", backgroundColor: "#000", pointStyle: "circle", pointRadius: 2, borderWidth: 2 },
      { label: "Control sites — dashed, triangles", data: control.points, borderColor: "#555", backgroundColor: "#555", borderDash: [6, 4], pointStyle: "triangle", pointRadius: 3, borderWidth: 2 },
    ] },
    options: {
      animation: false, maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: "linear", min: Date.parse(from), max: Date.parse(to),
          afterBuildTicks: (axis) => { axis.ticks = localMidnights(axis.min, axis.max, closure.zone); },
          ticks: { callback: (v) => day.format(v), maxRotation: 0, autoSkip: true },
          title: { display: true, text: `local days (${closure.zone})` } },
        y: { title: { display: true, text: `${quantity} hourly mean${treated.unit ? ", " + treated.unit : ""}` } },
      },
      plugins: { closedShading: { from: Date.parse(periods.during.from), to: Date.parse(periods.during.to), others }, legend: { labels: { usePointStyle: true } } },
    },
    plugins: [closedShading],
  }));
  const labels = ["During vs before", "After vs before"];
  const ds = [{ g: report.treated, label: "Treated (hatched)", fill: hatch("#000") },
    { g: report.control, label: "Control (dotted)", fill: dots("#333") }].filter((d) => d.g)
    .map((d) => ({
      label: d.label, backgroundColor: d.fill, borderColor: "#000", borderWidth: 1,
      data: [d.g.duringVsBefore.percent, d.g.afterVsBefore.percent],
      ci: [[d.g.duringVsBefore.lowPercent, d.g.duringVsBefore.highPercent], [d.g.afterVsBefore.lowPercent, d.g.afterVsBefore.highPercent]],
    }));
  if (report.control) {
    labels.push("Difference in differences");
    ds.forEach((d) => { d.data.push(null); d.ci.push(null); });
    ds.push({ label: "Difference in differences (solid)", backgroundColor: "#999", borderColor: "#000", borderWidth: 1,
      data: [null, null, did.percent], ci: [null, null, [did.lowPercent, did.highPercent]] });
  }
  // the axis spans the whiskers too, so no interval is cut off
  const ends = ds.flatMap((d) => [...d.data, ...d.ci.flat()]).filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const pad = (v) => v + Math.sign(v) * 0.08 * (Math.max(...ends, 0) - Math.min(...ends, 0));
  charts.push(new Chart(document.getElementById("phases"), {
    type: "bar", data: { labels, datasets: ds },
    options: { animation: false, maintainAspectRatio: false,
      scales: { y: { suggestedMin: pad(Math.min(...ends, 0)), suggestedMax: pad(Math.max(...ends, 0)),
        title: { display: true, text: "change against the baseline, %" } } } },
    plugins: [whiskers, barValues],
  }));
  for (const [link, i] of [["png-series", 0], ["png-phases", 1]]) {
    document.getElementById(link).onclick = (e) => {
      e.preventDefault();
      const a = document.createElement("a"); a.href = charts[i].toBase64Image(); a.download = `${id}-${link.slice(4)}.png`; a.click();
    };
  }
}

window.addEventListener("hashchange", route);
route();
