// Register, change and withdraw a closure on the page, with an editor token. The planner validates:
// its 422 messages are shown as they are, the same words as the API and the CLI.
import { t } from "./i18n.js";
import { apiErrors, esc, getJson, when, link } from "./util.js";
import { sensorMap } from "./map.js";

const TOKEN = "airq.editorToken";
/** The closed street being edited, as GeoJSON positions [lon, lat]. */
let street = [];
const field = (id, label, attrs = "") => `<p><label for="${id}">${esc(t(label))}</label><br><input id="${id}" name="${id}" ${attrs}></p>`;
const list = (s) => s.split(",").map((x) => x.trim()).filter(Boolean);
const hours = (d) => { const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(d || ""); return m ? (Number(m[1] || 0) * 24 + Number(m[2] || 0)) : ""; };

/** #/closures/new (no id) or #/closure/ID/edit. */
export async function formPage(main, id) {
  const [sensors, closure] = await Promise.all([getJson("/api/sensors"), id ? getJson(`/api/closures/${encodeURIComponent(id)}`) : null]);
  const c = closure || { treated: { sensors: [], areas: [] }, control: { sensors: [], areas: [] }, zone: Intl.DateTimeFormat().resolvedOptions().timeZone, baseline: "P7D", after: "P7D", comparisonPeriods: [] };
  const role = (s) => (c.treated.sensors.includes(s) ? "treated" : c.control.sensors.includes(s) ? "control" : "none");
  const rows = sensors.map((s) => `<tr><th scope="row" data-user>${esc(s.id)}</th><td class="text" data-user>${esc([s.area, s.street, s.county].filter(Boolean).join(", "))}</td><td class="text">
      <select id="role-${esc(s.id)}" data-sensor="${esc(s.id)}" aria-label="${esc(t("form.role"))} ${esc(s.id)}">${["none", "treated", "control"]
        .map((r) => `<option value="${r}" ${r === role(s.id) ? "selected" : ""}>${esc(t("form.role." + r))}</option>`).join("")}</select></td></tr>`).join("");
  main.innerHTML = `<h2>${esc(t(id ? "form.editTitle" : "form.newTitle"))}</h2>
    <form id="closure-form" novalidate>
    <p><label for="token">${esc(t("form.token"))}</label><br><input id="token" type="password" autocomplete="off" value="${esc(sessionStorage.getItem(TOKEN) || "")}">
      <br><small>${esc(t("form.tokenHelp"))}</small></p>
    ${field("id", "form.id", `value="${esc(c.id || "")}" ${id ? "readonly" : ""} required`)}
    ${field("name", "form.name", `value="${esc(c.name || "")}"`)}
    ${field("start", "form.start", `type="datetime-local" value="${esc((c.start || "").slice(0, 16))}" required`)}
    ${field("end", "form.end", `type="datetime-local" value="${esc((c.end || "").slice(0, 16))}" required`)}
    ${field("zone", "form.zone", `value="${esc(c.zone)}"`)}
    ${field("baseline", "form.baseline", `type="number" min="0" step="any" value="${hours(c.baseline) / 24}"`)}
    ${field("after", "form.after", `type="number" min="0" step="any" value="${hours(c.after)}"`)}
    <div id="picker-map"></div>
    <p><button type="button" id="draw-street" aria-pressed="false">${esc(t("form.streetDraw"))}</button>
      <button type="button" id="clear-street">${esc(t("form.streetClear"))}</button>
      <span id="street-points" role="status"></span></p>
    <table><caption>${esc(t("form.sensorsCaption"))}</caption><thead><tr><th scope="col">${esc(t("form.sensors"))}</th>
      <th scope="col">${esc(t("network.col.area"))}</th><th scope="col">${esc(t("form.role"))}</th></tr></thead><tbody>${rows}</tbody></table>
    ${field("treated-areas", "form.treatedAreas", `value="${esc(c.treated.areas.join(", "))}"`)}
    ${field("control-areas", "form.controlAreas", `value="${esc(c.control.areas.join(", "))}"`)}
    <p><label for="comparison">${esc(t("form.comparison"))}</label><br><textarea id="comparison" rows="3" cols="60">${esc(c.comparisonPeriods.map((p) => `${p.start.slice(0, 16)}/${p.end.slice(0, 16)}`).join("\n"))}</textarea></p>
    <h3>${esc(t("form.preview"))}</h3><ul id="preview"></ul>
    <div id="form-errors" role="alert"></div>
    <p><button type="submit" id="save">${esc(t("form.save"))}</button>
    ${id && !c.withdrawnAt ? `<button type="button" id="withdraw">${esc(t("form.withdraw"))}</button>` : ""}</p></form>`;
  const form = main.querySelector("#closure-form");
  form.oninput = preview;
  preview();
  // the map picker: a click on a marker moves its sensor on (none → treated → control → none), the
  // list's select follows, and a change in the list redraws the marker
  const NEXT = { none: "treated", treated: "control", control: "none" };
  const select = (s) => main.querySelector(`select[data-sensor="${CSS.escape(s)}"]`);
  const roles = new Map(sensors.filter((s) => role(s.id) !== "none").map((s) => [s.id, role(s.id)]));
  const map = await sensorMap(main.querySelector("#picker-map"), sensors, roles, {
    street: c.street,
    pick: (s) => { const e = select(s); e.value = NEXT[e.value]; e.dispatchEvent(new Event("change", { bubbles: true })); },
  });
  main.querySelectorAll("select[data-sensor]").forEach((e) => { e.onchange = () => map.setRole(e.dataset.sensor, e.value === "none" ? "other" : e.value); });
  // the closed street: while drawing, each click on the map (not on a marker) adds a position
  street = c.street ? c.street.coordinates.map((p) => [...p]) : [];
  let drawing = false;
  const draw = main.querySelector("#draw-street");
  const shown = () => {
    map.setStreet(street);
    main.querySelector("#street-points").textContent = t("form.streetPoints", { n: street.length });
  };
  draw.onclick = () => {
    drawing = !drawing;
    draw.setAttribute("aria-pressed", String(drawing));
    draw.textContent = t(drawing ? "form.streetDone" : "form.streetDraw");
  };
  main.querySelector("#clear-street").onclick = () => { street = []; shown(); };
  map.on("click", (e) => {
    if (!drawing) return;
    const r = (v) => Math.round(v * 1e6) / 1e6;
    street.push([r(e.latlng.lng), r(e.latlng.lat)]);
    shown();
  });
  shown();
  form.onsubmit = async (e) => {
    e.preventDefault();
    const body = closureJson(c);
    if (body) await send(id ? "PUT" : "POST", `/api/closures${id ? "/" + encodeURIComponent(id) : ""}`, body, body.id);
  };
  const withdraw = main.querySelector("#withdraw");
  if (withdraw) withdraw.onclick = async () => { if (confirm(t("form.withdrawConfirm"))) await send("DELETE", `/api/closures/${encodeURIComponent(id)}`, null, id); };
}

const value = (id) => document.getElementById(id).value.trim();

/** The closure as the API takes it; null (with the error shown) when a comparison line is not start/end. */
function closureJson(current) {
  const picked = (r) => [...document.querySelectorAll("select[data-sensor]")].filter((s) => s.value === r).map((s) => s.dataset.sensor);
  const periods = [];
  for (const [i, line] of value("comparison").split("\n").map((l) => l.trim()).filter(Boolean).entries()) {
    const [start, end] = line.split("/");
    if (!start || !end) { showErrors([t("form.badComparison", { line: i + 1 })]); return null; }
    periods.push({ start: withSeconds(start.trim()), end: withSeconds(end.trim()) });
  }
  const num = (id) => (value(id) === "" ? undefined : Number(value(id)));
  const baseline = num("baseline");
  const after = num("after");
  return {
    id: value("id"), name: value("name") || undefined,
    start: withSeconds(value("start")), end: withSeconds(value("end")), zone: value("zone") || undefined,
    baseline: baseline === undefined ? undefined : `PT${Math.round(baseline * 24 * 60)}M`,
    after: after === undefined ? undefined : `PT${Math.round(after * 60)}M`,
    treated: { sensors: picked("treated"), areas: list(value("treated-areas")) },
    control: { sensors: picked("control"), areas: list(value("control-areas")) },
    comparisonPeriods: periods,
    // kept as it is: the form does not edit it
    weather: current.weather || undefined,
    street: street.length > 1 ? { type: "LineString", coordinates: street } : undefined,
  };
}

const withSeconds = (local) => (local && local.length === 16 ? local + ":00" : local);

async function send(method, url, body, id) {
  const token = value("token");
  if (!token) { showErrors([t("form.noToken")]); return; }
  sessionStorage.setItem(TOKEN, token);
  const r = await fetch(url, { method, headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined });
  const answer = await r.json().catch(() => ({}));
  if (!r.ok) {
    showErrors([...(r.status === 401 || r.status === 403 ? [t("form.noToken")] : []), ...apiErrors(answer, r.statusText)]);
    return;
  }
  location.hash = link(["closure", id]);
}

function showErrors(errors) {
  document.getElementById("form-errors").innerHTML = `<p class="error">${esc(t("form.refused"))}</p><ul class="error">${errors.map((e) => `<li>${esc(e)}</li>`).join("")}</ul>`;
}

/** The phases of the closure being edited, in its local times (whole days as calendar days). */
function preview() {
  const out = document.getElementById("preview");
  const start = value("start"); const end = value("end");
  if (!start || !end) { out.innerHTML = `<li>${esc(t("form.previewInvalid"))}</li>`; return; }
  const zone = value("zone") || "UTC";
  const shift = (local, h) => new Date(Date.parse(local + "Z") + h * 3600000).toISOString().slice(0, 16);
  const range = (a, b) => t("form.previewRange", { from: when(a, zone), to: when(b, zone) });
  const periods = value("comparison").split("\n").map((l) => l.trim().split("/")).filter((p) => p.length === 2 && p[0] && p[1]);
  const before = periods.length ? periods.map(([a, b]) => range(a.trim(), b.trim())) : [range(shift(start, -Number(value("baseline") || 7) * 24), start)];
  try {
    out.innerHTML = [...before.map((b) => [t("form.previewBefore"), b]), [t("form.previewDuring"), range(start, end)], [t("form.previewAfter"), range(end, shift(end, Number(value("after") || 0)))]]
      .map(([k, v]) => `<li><strong>${esc(k)}:</strong> ${esc(v)}</li>`).join("");
  } catch (e) {
    out.innerHTML = `<li>${esc(t("form.previewInvalid"))}</li>`;
  }
}
