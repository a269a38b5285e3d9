// The router: #/name/args -> a view function that returns the view's element.
import { session } from "./api.js";
import { clearNotice, h, leave, notice } from "./dom.js";
import * as account from "./views/account.js";
import * as auth from "./views/auth.js";
import * as create from "./views/create.js";
import * as detail from "./views/detail.js";
import * as feed from "./views/feed.js";
import * as library from "./views/library.js";
import * as storyboard from "./views/storyboard.js";

const ROUTES = {
  login: auth.login, signup: auth.signup, create: create.view, library: library.view, video: detail.view,
  feed: feed.view, storyboard: storyboard.view, account: account.view,
};
const PUBLIC = new Set(["login", "signup"]);

async function render() {
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
    link.toggleAttribute("aria-current", link.getAttribute("href") === `#/${route}`);
  }
  const main = document.getElementById("view");
  try {
    main.replaceChildren(await ROUTES[route](...args.map(decodeURIComponent)));
  } catch (err) {
    main.replaceChildren(h("p", { class: "empty" }, "This page could not be loaded."));
    notice(err.message);
  }
  main.focus({ preventScroll: true });
}

window.addEventListener("hashchange", render);
render();
