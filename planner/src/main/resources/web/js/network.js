// The network page: every registered sensor on a map and in a table.
import { t } from "./i18n.js";
import { esc, fmt, getJson } from "./util.js";
import { sensorMap } from "./map.js";

export async function networkPage(main) {
  const sensors = await getJson("/api/sensors");
  const rows = sensors.map((s) => `<tr><th scope="row" data-user>${esc(s.id)}</th><td class="text" data-user>${esc(s.area)}</td><td class="text" data-user>${esc(s.county)}</td>
    <td class="text" data-user>${esc(s.street)}</td><td>${fmt(s.lat, 4)}, ${fmt(s.lon, 4)}${s.positionCoarsened ? ` (${esc(t("map.coarsened"))})` : ""}</td>
    <td class="text">${esc(t(s.active ? "yes" : "no"))}</td></tr>`).join("");
  main.innerHTML = `<h2>${esc(t("network.title"))}</h2><div id="map-box"></div>
    <table><caption>${esc(t("network.caption"))}</caption><thead><tr>${["sensor", "area", "county", "street", "position", "active"]
      .map((c) => `<th scope="col">${esc(t("network.col." + c))}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>`;
  await sensorMap(main.querySelector("#map-box"), sensors);
}
