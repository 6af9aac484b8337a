// The page's router: #/ (home), #/closure/ID. Every route reads ?lang= from the hash's query.
import { t, useLang, lang, LANGS } from "./i18n.js";
import { esc, currentRoute, link } from "./util.js";
import { homePage } from "./home.js";
import { closurePage } from "./closure.js";
import { networkPage } from "./network.js";
import { formPage } from "./form.js";
import { explorerPage } from "./explorer.js";

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
    <nav><a href="${link([])}">${esc(t("nav.home"))}</a> · <a href="${link(["network"])}">${esc(t("nav.network"))}</a> · <a href="${link(["explorer"])}">${esc(t("nav.explorer"))}</a> · <a href="/method?lang=${lang()}">${esc(t("nav.method"))}</a> ·
      <a href="/openapi.json">${esc(t("nav.api"))}</a></nav>`;
  document.getElementById("foot").innerHTML = `<p>${esc(t("footer.licence"))}</p>`;
}

async function route() {
  charts.splice(0).forEach((c) => c.destroy());
  const { path, params } = currentRoute();
  // each route draws into its own view: a slower page still loading draws into its detached view
  const view = document.createElement("div");
  main.replaceChildren(view);
  try {
    await useLang(params.get("lang") || "en");
    chrome();
    view.innerHTML = `<p>${esc(t("loading"))}</p>`;
    if (path.length === 0) await homePage(view);
    else if (path[0] === "network" && path.length === 1) await networkPage(view);
    else if (path[0] === "explorer" && path.length === 1) await explorerPage(view, params, charts);
    else if (path[0] === "closures" && path[1] === "new" && path.length === 2) await formPage(view, null);
    else if (path[0] === "closure" && path[2] === "edit" && path.length === 3) await formPage(view, path[1]);
    else if (path[0] === "closure" && path.length === 2) await closurePage(view, path[1], params, charts);
    else view.innerHTML = `<p class="error" role="alert">${esc(t("error.notFound", { path: location.hash }))}</p>`;
  } catch (e) {
    view.innerHTML = `<p class="error" role="alert">${esc(t("error.load", { message: e.message }))}</p>`;
  }
}

window.addEventListener("hashchange", route);
route();
