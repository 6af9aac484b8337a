// The page's router: #/ (home), #/closure/ID. Every route reads ?lang= from the hash's query.
import { t, useLang, lang, LANGS } from "./i18n.js";
import { esc, currentRoute, link } from "./util.js";
import { homePage } from "./home.js";
import { closurePage } from "./closure.js";
import { networkPage } from "./network.js";

const main = document.getElementById("main");
const charts = [];

function chrome() {
  document.title = t("title");
  const { path, params } = currentRoute();
  const rest = Object.fromEntries([...params.entries()].filter(([k]) => k !== "lang"));
  const langLinks = LANGS.map((l) => {
    const q = new URLSearchParams({ ...rest, ...(l === "en" ? {} : { lang: l }) }).toString();
    const href = "#/" + path.map(encodeURIComponent).join("/") + (q ? "?" + q : "");
    return `<a href="${esc(href)}" lang="${l}" hreflang="${l}" ${l === lang() ? 'aria-current="true"' : ""}>${esc(t("lang." + l))}</a>`;
  }).join(" · ");
  document.getElementById("top").innerHTML = `<h1><a href="${link([])}">${esc(t("app.name"))}</a></h1>
    <p>${esc(t("app.tagline"))}</p>
    <nav aria-label="${esc(t("lang.label"))}"><span id="lang-label">${esc(t("lang.label"))}</span> ${langLinks}</nav>
    <nav><a href="${link([])}">${esc(t("nav.home"))}</a> · <a href="${link(["network"])}">${esc(t("nav.network"))}</a> · <a href="/method?lang=${lang()}">${esc(t("nav.method"))}</a> ·
      <a href="/openapi.json">${esc(t("nav.api"))}</a></nav>`;
  document.getElementById("foot").innerHTML = `<p>${esc(t("footer.licence"))}</p>`;
}

async function route() {
  charts.splice(0).forEach((c) => c.destroy());
  const { path, params } = currentRoute();
  try {
    await useLang(params.get("lang") || "en");
    chrome();
    main.innerHTML = `<p>${esc(t("loading"))}</p>`;
    if (path.length === 0) await homePage(main);
    else if (path[0] === "network" && path.length === 1) await networkPage(main);
    else if (path[0] === "closure" && path.length === 2) await closurePage(main, path[1], params, charts);
    else main.innerHTML = `<p class="error" role="alert">${esc(t("error.notFound", { path: location.hash }))}</p>`;
  } catch (e) {
    main.innerHTML = `<p class="error" role="alert">${esc(t("error.load", { message: e.message }))}</p>`;
  }
}

window.addEventListener("hashchange", route);
route();
