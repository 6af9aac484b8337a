// The closure page's three charts: hourly means over time, the changes with 95 % whiskers, and the
// change by area and county.
import { t, locale } from "./i18n.js";
import { getJson } from "./util.js";
import { groupLabel, usableChange } from "./report.js";
import { clippedRange, whiskers, barValues, periodShading, hatch, dots, localMidnights } from "./chartkit.js";

const HOUR = 3600000;

/** The ids of the registered sensors a selection picks (listed, or in a listed area), as the report does. */
export function selected(selection, sensors) {
  return sensors.filter((s) => selection.sensors.includes(s.id) || (s.area && selection.areas.includes(s.area))).map((s) => s.id);
}

/**
 * A group's hourly line from its sensors' stored hourly means: the mean of the valid sensor-hours
 * (count ≥ hourGate × expected, as the report counts them), a gap where an hour has none, and the
 * invalid sensor-hours apart, to be marked.
 */
async function groupSeries(ids, quantity, from, to, hourGate) {
  const all = await Promise.all(ids.map((s) =>
    getJson(`/api/series?sensor=${encodeURIComponent(s)}&quantity=${quantity}&window=1h&from=${from}&to=${to}`)));
  const byTime = new Map();
  const invalid = [];
  for (const s of all) for (const p of s.points) {
    const x = Date.parse(p.time);
    if (Number.isFinite(p.mean) && p.expected > 0 && p.count >= hourGate * p.expected) {
      const acc = byTime.get(x) || [0, 0];
      acc[0] += p.mean; acc[1] += 1; byTime.set(x, acc);
    } else if (Number.isFinite(p.mean)) {
      invalid.push({ x, y: p.mean });
    }
  }
  const points = [];
  let last = null;
  for (const [x, [sum, n]] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
    if (last !== null && x - last > HOUR) points.push({ x: last + HOUR, y: null });
    points.push({ x, y: sum / n });
    last = x;
  }
  return { points, invalid: invalid.sort((a, b) => a.x - b.x) };
}

export async function seriesChart(canvas, { closure, periods, quantity, unit, hourGate, sensors }) {
  const from = periods.before.map((p) => p.from).sort()[0];
  const to = [periods.after.to, ...periods.before.map((p) => p.to)].sort().reverse()[0];
  const [treated, control] = await Promise.all([closure.treated, closure.control].map((sel) =>
    groupSeries(selected(sel, sensors), quantity, from, to, hourGate)));
  const zone = closure.zone;
  const day = new Intl.DateTimeFormat(locale(), { timeZone: zone, weekday: "short", day: "numeric", month: "short" });
  const spans = [
    ...periods.before.map((p) => ({ from: Date.parse(p.from), to: Date.parse(p.to), text: t("closure.series.baseline") })),
    { from: Date.parse(periods.after.from), to: Date.parse(periods.after.to), text: t("closure.series.after") },
    { from: Date.parse(periods.during.from), to: Date.parse(periods.during.to), text: t("closure.series.closed"), hatched: true },
  ];
  const datasets = [
    { label: t("closure.series.treated"), data: treated.points, borderColor: "#000", backgroundColor: "#000", pointStyle: "circle", pointRadius: 2, borderWidth: 2, spanGaps: false },
  ];
  if (control.points.length || control.invalid.length) {
    datasets.push({ label: t("closure.series.control"), data: control.points, borderColor: "#555", backgroundColor: "#555", borderDash: [6, 4], pointStyle: "triangle", pointRadius: 3, borderWidth: 2, spanGaps: false });
  }
  const invalid = [...treated.invalid, ...control.invalid].sort((a, b) => a.x - b.x);
  if (invalid.length) {
    datasets.push({ label: t("closure.series.invalid"), data: invalid, showLine: false, borderColor: "#900", backgroundColor: "#900", pointStyle: "crossRot", pointRadius: 5, borderWidth: 2, borderDash: [1, 0] });
  }
  return new Chart(canvas, {
    type: "line",
    data: { datasets },
    options: {
      animation: false, maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: "linear", min: Date.parse(from), max: Date.parse(to),
          afterBuildTicks: (axis) => { axis.ticks = localMidnights(axis.min, axis.max, zone); },
          ticks: { callback: (v) => day.format(v), maxRotation: 0, autoSkip: true },
          title: { display: true, text: t("closure.series.xAxis", { zone }) } },
        y: { title: { display: true, text: t("closure.series.yAxis", { quantity: t("quantity." + quantity), unit }) } },
      },
      plugins: { periodShading: { spans }, legend: { labels: { usePointStyle: true } } },
    },
    plugins: [periodShading],
  });
}

/** Bars of changes with whiskers on an axis set by the clipped range; a thin phase says so instead of a bar. */
function barChart(canvas, labels, datasets, yTitle) {
  const { min, max } = clippedRange(datasets.flatMap((d) => d.data), datasets.flatMap((d) => d.ci.filter(Boolean)));
  return new Chart(canvas, {
    type: "bar", data: { labels, datasets },
    options: { animation: false, maintainAspectRatio: false,
      scales: { y: { min, max, title: { display: true, text: yTitle } } } },
    plugins: [whiskers, barValues],
  });
}

function bars(g, gate, phases) {
  const changes = phases.map((p) => usableChange(g, gate, p));
  return {
    data: changes.map((c) => (c ? c.percent : null)),
    ci: changes.map((c) => (c ? [c.lowPercent, c.highPercent] : null)),
    gapText: changes.map((c) => (c ? null : t("closure.phases.insufficient"))),
  };
}

export function phasesChart(canvas, report) {
  const gate = report.coverageGate;
  const labels = [t("closure.phases.during"), t("closure.phases.after")];
  const ds = [{ g: report.treated, label: t("closure.phases.treated"), fill: hatch("#000") },
    { g: report.control, label: t("closure.phases.control"), fill: dots("#333") }].filter((d) => d.g)
    .map((d) => ({ label: d.label, backgroundColor: d.fill, borderColor: "#000", borderWidth: 1, ...bars(d.g, gate, ["during", "after"]) }));
  const did = report.differenceInDifferences;
  if (report.control && did) {
    labels.push(t("closure.phases.did"));
    ds.forEach((d) => { d.data.push(null); d.ci.push(null); d.gapText.push(null); });
    const ok = report.didOutcome !== "INSUFFICIENT_DATA" && Number.isFinite(did.percent);
    ds.push({ label: t("closure.phases.didBar"), backgroundColor: "#999", borderColor: "#000", borderWidth: 1,
      data: [null, null, ok ? did.percent : null], ci: [null, null, ok ? [did.lowPercent, did.highPercent] : null],
      gapText: [null, null, ok ? null : t("closure.phases.insufficient")] });
  }
  return barChart(canvas, labels, ds, t("closure.phases.yAxis"));
}

export function breakdownChart(canvas, report) {
  const gate = report.coverageGate;
  const groups = report.breakdown;
  const b = groups.map((g) => bars(g, gate, ["during"]));
  const ds = [{ label: t("closure.breakdown.bar"), backgroundColor: hatch("#000"), borderColor: "#000", borderWidth: 1,
    data: b.map((x) => x.data[0]), ci: b.map((x) => x.ci[0]), gapText: b.map((x) => x.gapText[0]) }];
  return barChart(canvas, groups.map((g) => groupLabel(g.label)), ds, t("closure.phases.yAxis"));
}
