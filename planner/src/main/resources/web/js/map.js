// Maps of sensors with Leaflet (WebJar). Treated and control differ by shape and by a letter, not by
// colour alone; the markers need no tiles, so the map works offline. Positions are the API's public
// ones: a resident host's is already coarsened (PublicSensor).
import { t } from "./i18n.js";
import { esc, getJson } from "./util.js";

let settings;

async function tiles() {
  settings = settings || (await getJson("/api/page")).map;
  return settings;
}

/** Which role a sensor has on this map: "treated", "control" or "other". */
function icon(role) {
  const letter = role === "other" ? "" : t("map." + role);
  const size = role === "other" ? 10 : 22;
  return L.divIcon({ className: `marker ${role}`, html: `<span aria-hidden="true">${esc(letter)}</span>`, iconSize: [size, size] });
}

/** A legend entry for each kind of marker on the map. */
function legend(present) {
  return ["treated", "control", "other"].filter((r) => present.has(r)).map((r) => {
    const letter = r === "other" ? "" : `<span>${esc(t("map." + r))}</span>`;
    const text = t(r === "treated" ? "map.legendTreated" : r === "control" ? "map.legendControl" : "map.legendOther");
    return `<li><span class="marker ${r}" aria-hidden="true">${letter}</span> ${esc(text)}</li>`;
  }).join("");
}

const title = (s, role) => `${s.id} — ${role === "other" ? t("map.legendOther") : t(role === "treated" ? "map.legendTreated" : "map.legendControl")}`
  + (s.positionCoarsened ? ` (${t("map.coarsened")})` : "");

/**
 * Draws `sensors` on a map in `container`; `roles` maps a sensor id to treated or control (others
 * are "other"). With `pick` (a function of a sensor id), every sensor is shown and a click (or
 * Enter) on a marker calls it; the map's `setRole(id, role)` then redraws that marker. With
 * `street` (a GeoJSON LineString), the closed street is drawn as a thick dashed line; the map's
 * `setStreet(coordinates)` redraws it. Returns the Leaflet map.
 */
export async function sensorMap(container, sensors, roles = new Map(), { pick, street } = {}) {
  const cfg = await tiles();
  container.innerHTML = `<div class="map" role="img" aria-label="${esc(t("map.aria"))}"></div>
    <ul class="map-legend">${legend(pick ? new Set(["treated", "control", "other"]) : new Set(roles.size ? roles.values() : ["other"]))}${street || pick ? `<li><span class="street-key" aria-hidden="true"></span> ${esc(t("map.legendStreet"))}</li>` : ""}</ul>
    ${pick ? `<p class="note">${esc(t("map.pickHelp"))}</p>` : ""}
    <p class="note map-tiles-failed" hidden>${esc(t("map.noTiles"))}</p>`;
  const map = L.map(container.querySelector(".map"), { scrollWheelZoom: false });
  const layer = L.tileLayer(cfg.tiles, { attribution: esc(cfg.attribution), maxZoom: 19 });
  layer.on("tileerror", () => { container.querySelector(".map-tiles-failed").hidden = false; });
  layer.addTo(map);
  const shown = roles.size && !pick ? sensors.filter((s) => roles.has(s.id)) : sensors;
  const points = shown.map((s) => [s.lat, s.lon]);
  // the closed street, redrawn by setStreet([[lon, lat], …]) (fewer than two positions: none)
  let line = null;
  map.setStreet = (coordinates) => {
    if (line) line.remove();
    line = coordinates.length > 1
      ? L.polyline(coordinates.map(([lon, lat]) => [lat, lon]), { color: "#000", weight: 6, dashArray: "10 6", className: "closed-street", smoothFactor: 0 })
        .bindTooltip(esc(t("map.legendStreet"))).addTo(map)
      : null;
  };
  if (street) {
    map.setStreet(street.coordinates);
    points.push(...street.coordinates.map(([lon, lat]) => [lat, lon]));
  }
  if (points.length) map.fitBounds(points, { padding: [30, 30], maxZoom: 16 });
  else map.setView([0, 20], 2);
  const markers = new Map();
  for (const s of shown) {
    const role = roles.get(s.id) || "other";
    const m = L.marker([s.lat, s.lon], { icon: icon(role), title: title(s, role), alt: title(s, role), keyboard: true }).addTo(map);
    Object.assign(m.getElement().dataset, { sensor: s.id, lat: m.getLatLng().lat, lon: m.getLatLng().lng });
    m.bindTooltip(esc(s.id) + (role === "other" ? "" : ` (${esc(t("map." + role))})`));
    if (pick) m.on("click", () => pick(s.id)).on("keypress", (e) => { if (e.originalEvent.key === "Enter") pick(s.id); });
    markers.set(s.id, [m, s]);
  }
  map.setRole = (id, role) => {
    const [m, s] = markers.get(id) || [];
    if (!m) return;
    m.options.title = m.options.alt = title(s, role);
    m.setIcon(icon(role));
    Object.assign(m.getElement(), { title: m.options.title });
    m.getElement().setAttribute("alt", m.options.alt);
    m.setTooltipContent(esc(s.id) + (role === "other" ? "" : ` (${esc(t("map." + role))})`));
  };
  return map;
}
