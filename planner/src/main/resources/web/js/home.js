// The home page: what airq does, the registered closures with their status and headline result, a
// search box, and links to the network page and the explorer.
import { t, lang } from "./i18n.js";
import { esc, pct, getJson, when, link, localToInstant } from "./util.js";
import { groupOutcome, hasData } from "./report.js";

const HEADLINE = ["no2", "pm25", "pm10"];

export function status(c, now = Date.now()) {
  if (c.withdrawnAt) return "withdrawn";
  if (localToInstant(c.start, c.zone) > now) return "upcoming";
  return localToInstant(c.end, c.zone) > now ? "ongoing" : "finished";
}

export async function homePage(main) {
  const closures = await getJson("/api/closures");
  const rows = closures.map((c) => `<tr data-closure="${esc(c.id)}" data-search="${esc([c.id, c.name, c.zone, ...c.treated.sensors, ...c.treated.areas].join(" ").toLowerCase())}">
      <td class="text" data-user><a href="${link(["closure", c.id])}">${esc(c.name)}</a>${c.withdrawnAt ? ` (${esc(t("home.withdrawn", { date: when(c.withdrawnAt, c.zone) }))})` : ""}</td>
      <td class="text status">${esc(t("status." + status(c)))}</td>
      <td class="text" data-user>${esc(when(c.start, c.zone))}</td><td class="text" data-user>${esc(when(c.end, c.zone))}</td><td class="text" data-user>${esc(c.zone)}</td>
      <td class="text" data-user>${esc([...c.treated.sensors, ...c.treated.areas].join(", "))}</td><td class="text result">…</td></tr>`).join("");
  const cols = ["closure", "status", "start", "end", "zone", "treated", "result"].map((c) => `<th scope="col">${esc(t("home.col." + c))}</th>`).join("");
  main.innerHTML = `<p class="about">${esc(t("home.about"))}</p>
    <p><a href="${link(["network"])}">${esc(t("nav.network"))}</a> · <a href="${link(["explorer"])}">${esc(t("nav.explorer"))}</a> ·
      <a href="/method?lang=${lang()}">${esc(t("nav.method"))}</a></p>
    <h2>${esc(t("home.title"))}</h2>
    <p><a href="${link(["closures", "new"])}" id="new-closure">${esc(t("form.newLink"))}</a></p>
    <p><label for="search">${esc(t("home.search"))}</label> <input id="search" type="search"></p>
    <table id="closures"><caption>${esc(t("home.caption"))}</caption><thead><tr>${cols}</tr></thead>
    <tbody>${rows || `<tr><td colspan="7">${esc(t("home.empty"))}</td></tr>`}</tbody></table>
    <p id="no-match" hidden>${esc(t("home.noMatch"))}</p>`;
  const search = main.querySelector("#search");
  search.oninput = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const tr of main.querySelectorAll("tr[data-search]")) {
      tr.hidden = !words.every((w) => tr.dataset.search.includes(w));
      if (!tr.hidden) shown++;
    }
    main.querySelector("#no-match").hidden = shown > 0 || !closures.length;
  };
  await Promise.all(closures.map((c) => headline(c, main.querySelector(`tr[data-closure="${CSS.escape(c.id)}"] .result`))));
}

/** The treated change during the closure for the first of NO2, PM2.5, PM10 with data. */
async function headline(c, cell) {
  if (status(c) === "upcoming") { cell.textContent = "—"; return; }
  for (const q of HEADLINE) {
    const r = await getJson(`/api/closures/${encodeURIComponent(c.id)}/impact?quantity=${q}`).catch(() => null);
    if (r && hasData(r.report, true)) {
      const g = r.report.treated;
      cell.textContent = t("home.result", { quantity: t("quantity." + q), percent: pct(g.duringVsBefore && g.duringVsBefore.percent), outcome: groupOutcome(g, r.report.coverageGate) });
      return;
    }
  }
  cell.textContent = t("home.noResult");
}
