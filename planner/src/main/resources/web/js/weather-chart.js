// The weather panel under the time series: hourly rain and wind speed at the closure's weather
// station (its `weather.station`), from the stored averages.
import { t, locale } from "./i18n.js";
import { getJson } from "./util.js";
import { hatch, localMidnights } from "./chartkit.js";

export async function weatherChart(canvas, station, from, to, zone) {
  const series = (q) => getJson(`/api/series?sensor=${encodeURIComponent(station)}&quantity=${q}&window=1h&from=${from}&to=${to}`);
  const [rain, wind] = await Promise.all([series("rain"), series("wind_speed")]);
  const day = new Intl.DateTimeFormat(locale(), { timeZone: zone, weekday: "short", day: "numeric", month: "short" });
  const points = (s) => s.points.map((p) => ({ x: Date.parse(p.time), y: p.mean }));
  return new Chart(canvas, {
    data: { datasets: [
      { type: "bar", label: t("weather.rain"), data: points(rain), backgroundColor: hatch("#000"), borderColor: "#000", borderWidth: 1, yAxisID: "rain", barPercentage: 1, categoryPercentage: 1 },
      { type: "line", label: t("weather.wind"), data: points(wind), borderColor: "#333", backgroundColor: "#333", borderDash: [6, 4], pointStyle: "triangle", pointRadius: 1, borderWidth: 1.5, yAxisID: "wind" },
    ] },
    options: {
      animation: false, maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: "linear", min: Date.parse(from), max: Date.parse(to),
          afterBuildTicks: (axis) => { axis.ticks = localMidnights(axis.min, axis.max, zone); },
          ticks: { callback: (v) => day.format(v), maxRotation: 0, autoSkip: true } },
        rain: { position: "left", beginAtZero: true, title: { display: true, text: t("weather.rainAxis", { unit: rain.unit }) } },
        wind: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: t("weather.windAxis", { unit: wind.unit }) } },
      },
      plugins: { legend: { labels: { usePointStyle: true } } },
    },
  });
}
