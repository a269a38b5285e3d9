// The router: #/name/args -> a view function that returns the view's element.
import { Unreachable, explain, session } from "./api.js";
import { connectionLost } from "./connection.js";
import { clearNotice, h, leave, notice } from "./dom.js";
import * as account from "./views/account.js";
import * as appeal from "./views/appeal.js";
import * as auth from "./views/auth.js";
import * as create from "./views/create.js";
import * as detail from "./views/detail.js";
import * as feed from "./views/feed.js";
import * as library from "./views/library.js";
import * as storyboard from "./views/storyboard.js";
import * as watch from "./views/watch.js";

const ROUTES = {
  login: auth.login, signup: auth.signup, create: create.view, library: library.view, video: detail.view,
  feed: feed.view, watch: watch.view, storyboard: storyboard.view, account: account.view, appeal: appeal.view,
};
const PUBLIC = new Set(["login", "signup"]);
const NAV = { video: "library", watch: "feed", appeal: "account" }; // the menu entry a sub-page belongs to

/** After a view is shown: focus what it marked with data-autofocus (scrolled into view), else its heading. */
function settle(main) {
  const target = main.querySelector("[data-autofocus]");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    return;
  }
  window.scrollTo(0, 0);
  const heading = main.querySelector("h1");
  if (heading) {
    heading.tabIndex = -1; // a place to start from, read out by screen readers; not a tab stop
    heading.focus({ preventScroll: true });
  }
}

let latest = 0; // the render that is current: an older one that finishes late is dropped

async function render() {
  const mine = ++latest;
  const [name, ...args] = location.hash.replace(/^#\/?/, "").split("/");
  const route = ROUTES[name] ? name : "create";
  if (!PUBLIC.has(route) && !session()) {
    location.hash = "#/login";
    return;
  }
  leave();
  clearNotice();
  document.body.classList.toggle("signed-out", !session());
  for (const link of document.querySelectorAll("nav a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === `#/${NAV[route] || route}`);
  }
  const main = document.getElementById("view");
  try {
    const view = await ROUTES[route](...args.map(decodeURIComponent));
    if (mine !== latest) return;
    main.replaceChildren(view);
  } catch (err) {
    if (mine !== latest) return;
    main.replaceChildren(h("h1", {}, "This page could not be loaded"), h("p", { class: "empty" }, explain(err)));
    if (err instanceof Unreachable) connectionLost(render); // shown again once the server is back
    else notice(explain(err));
  }
  settle(main);
}

window.addEventListener("hashchange", render);
render();
