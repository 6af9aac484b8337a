// The home page: the registered closures.
import { t } from "./i18n.js";
import { esc, getJson, when, link } from "./util.js";

export async function homePage(main) {
  const closures = await getJson("/api/closures");
  const rows = closures.map((c) => `<tr><td class="text"><a href="${link(["closure", c.id])}">${esc(c.name)}</a>${c.withdrawnAt ? ` (${esc(t("home.withdrawn", { date: when(c.withdrawnAt, c.zone) }))})` : ""}</td>
      <td class="text">${esc(when(c.start, c.zone))}</td><td class="text">${esc(when(c.end, c.zone))}</td><td class="text">${esc(c.zone)}</td>
      <td class="text">${esc([...c.treated.sensors, ...c.treated.areas].join(", "))}</td></tr>`).join("");
  main.innerHTML = `<h2>${esc(t("home.title"))}</h2>
    <p><a href="${link(["closures", "new"])}" id="new-closure">${esc(t("form.newLink"))}</a></p>
    <table><caption>${esc(t("home.caption"))}</caption>
    <thead><tr><th scope="col">${esc(t("home.col.closure"))}</th><th scope="col">${esc(t("home.col.start"))}</th><th scope="col">${esc(t("home.col.end"))}</th>
    <th scope="col">${esc(t("home.col.zone"))}</th><th scope="col">${esc(t("home.col.treated"))}</th></tr></thead>
    <tbody>${rows || `<tr><td colspan="5">${esc(t("home.empty"))}</td></tr>`}</tbody></table>`;
}
