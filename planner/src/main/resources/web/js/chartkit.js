// Chart.js plugins and fills shared by the charts. Charts are readable without colour: every series
// has a label, a dash pattern and a point style or a fill pattern, and the numbers are in a table.
import { pct } from "./util.js";

/**
 * The y range for bars with 95 % whiskers: set by the bars (and zero) with room for whiskers up to
 * a sensible limit, so one very wide interval cannot squash the others. Whiskers beyond the range
 * are clipped (see `whiskers`).
 */
export function clippedRange(values, intervals) {
  const v = values.filter(Number.isFinite);
  const big = Math.max(10, ...v.map(Math.abs));
  const limit = Math.ceil((2 * big) / 10) * 10;
  const ends = [0, ...v, ...intervals.flat().filter(Number.isFinite).map((x) => Math.max(-limit, Math.min(limit, x)))];
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const pad = 0.08 * (hi - lo || 1);
  const step = hi - lo > 200 ? 50 : 10;
  return { min: lo < 0 ? Math.floor((lo - pad) / step) * step : 0, max: hi > 0 ? Math.ceil((hi + pad) / step) * step : 0 };
}

/** Draws 95 % whiskers (dataset.ci = [[low, high], …]); an end beyond the axis gets an arrow and its value. */
export const whiskers = {
  id: "whiskers",
  afterDatasetsDraw(chart) {
    const { ctx, scales: { y }, chartArea } = chart;
    chart.data.datasets.forEach((ds, i) => {
      if (!ds.ci || chart.getDatasetMeta(i).hidden) return;
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const ci = ds.ci[j];
        if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1]) || !Number.isFinite(ds.data[j])) return;
        ctx.save(); ctx.strokeStyle = "#000"; ctx.fillStyle = "#000"; ctx.lineWidth = 1.5;
        const ends = ci.map((v) => ({ v, px: y.getPixelForValue(v), out: v > y.max ? -1 : v < y.min ? 1 : 0 }));
        const px = ends.map((e) => (e.out < 0 ? chartArea.top + 2 : e.out > 0 ? chartArea.bottom - 2 : e.px));
        ctx.beginPath(); ctx.moveTo(bar.x, px[0]); ctx.lineTo(bar.x, px[1]); ctx.stroke();
        ends.forEach((e, k) => {
          ctx.beginPath();
          if (e.out === 0) {
            ctx.moveTo(bar.x - 6, px[k]); ctx.lineTo(bar.x + 6, px[k]); ctx.stroke();
          } else {
            // an arrow pointing off the chart, and the clipped value beside it
            ctx.moveTo(bar.x, px[k]); ctx.lineTo(bar.x - 6, px[k] - e.out * 10); ctx.lineTo(bar.x + 6, px[k] - e.out * 10); ctx.closePath(); ctx.fill();
            label(ctx, (e.out < 0 ? "↑ " : "↓ ") + pct(e.v), bar.x + 9, px[k] - e.out * 9);
          }
        });
        ctx.restore();
      });
    });
  },
};

function label(ctx, text, x, y) {
  ctx.font = "bold 12px sans-serif"; ctx.textBaseline = "middle";
  const w = ctx.measureText(text).width;
  ctx.fillStyle = "rgba(255,255,255,0.9)"; ctx.fillRect(x - 2, y - 8, w + 4, 16);
  ctx.fillStyle = "#000"; ctx.fillText(text, x, y);
}

/** Writes each bar's value beside its end ("-41.6 %"); a bar without data gets dataset.gapText[j]. */
export const barValues = {
  id: "barValues",
  afterDatasetsDraw(chart) {
    const { ctx, scales: { y }, chartArea } = chart;
    ctx.save();
    chart.data.datasets.forEach((ds, i) => {
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const v = ds.data[j];
        if (!Number.isFinite(v)) {
          const gap = ds.gapText && ds.gapText[j];
          if (gap) {
            ctx.save(); ctx.translate(bar.x, y.getPixelForValue(0) - 6); ctx.rotate(-Math.PI / 2);
            label(ctx, gap, 0, 0); ctx.restore();
          }
          return;
        }
        const yy = v < 0 ? Math.min(bar.y + 10, chartArea.bottom - 8) : Math.max(bar.y - 10, chartArea.top + 8);
        label(ctx, pct(v), bar.x + 5, yy);
      });
    });
    ctx.restore();
  },
};

/** Hatches spans of the time axis and names each span in words, so neither colour nor legend is needed. */
export const periodShading = {
  id: "periodShading",
  beforeDatasetsDraw(chart, args, opts) {
    const { ctx, chartArea, scales } = chart;
    if (!opts.spans) return;
    const span = (from, to) => [Math.max(scales.x.getPixelForValue(from), chartArea.left), Math.min(scales.x.getPixelForValue(to), chartArea.right)];
    ctx.save();
    for (const s of opts.spans) {
      const [a, b] = span(s.from, s.to);
      if (s.hatched && b > a) {
        const p = document.createElement("canvas"); p.width = p.height = 8;
        const pc = p.getContext("2d"); pc.strokeStyle = "rgba(0,0,0,0.25)"; pc.beginPath(); pc.moveTo(0, 8); pc.lineTo(8, 0); pc.stroke();
        ctx.fillStyle = ctx.createPattern(p, "repeat");
        ctx.fillRect(a, chartArea.top, b - a, chartArea.bottom - chartArea.top);
      }
      ctx.font = "bold 12px sans-serif"; ctx.fillStyle = "#000";
      if (b - a > ctx.measureText(s.text).width + 8) {
        ctx.fillText(s.text, a + 4, chartArea.top + 14);
        ctx.strokeStyle = "#000"; ctx.setLineDash([2, 3]); ctx.beginPath();
        ctx.moveTo(a, chartArea.top); ctx.lineTo(a, chartArea.bottom); ctx.stroke(); ctx.setLineDash([]);
      }
    }
    ctx.restore();
  },
};

export function hatch(color) {
  const p = document.createElement("canvas"); p.width = p.height = 10;
  const c = p.getContext("2d"); c.fillStyle = "#fff"; c.fillRect(0, 0, p.width, p.height);
  c.strokeStyle = color; c.lineWidth = 2; c.beginPath(); c.moveTo(0, p.height); c.lineTo(p.width, 0); c.stroke();
  return c.createPattern(p, "repeat");
}

export function dots(color) {
  const p = document.createElement("canvas"); p.width = p.height = 6;
  const c = p.getContext("2d"); c.fillStyle = "#fff"; c.fillRect(0, 0, p.width, p.height);
  c.fillStyle = color; c.beginPath(); c.arc(3, 3, 1.4, 0, 2 * Math.PI); c.fill();
  return c.createPattern(p, "repeat");
}

/** Local midnights (in `zone`) between two instants, as ticks of a time axis. */
export function localMidnights(min, max, zone) {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" });
  const out = [];
  for (let t = Math.ceil(min / 3600000) * 3600000; t <= max; t += 3600000) {
    if (Number(hour.format(t)) === 0) out.push({ value: t });
  }
  return out;
}
