// The link to the server: when a request or a live stream fails because the server cannot be reached, say so,
// retry with back-off (1, 2, 4 ... 16 s) and, once the server answers again, resume what was waiting.
import { h } from "./dom.js";

const DELAYS = [1, 2, 4, 8, 16]; // seconds between tries
const waiting = new Set(); // what to run again once the server is back
let lost = false;

function banner() {
  return document.getElementById("connection");
}

function show(text) {
  const box = banner();
  box.replaceChildren(h("strong", {}, "Connection lost. "), text);
  box.hidden = false;
}

async function reachable() {
  try {
    return (await fetch("/healthz", { cache: "no-store" })).ok;
  } catch {
    return false;
  }
}

async function retry(attempt) {
  const seconds = DELAYS[Math.min(attempt, DELAYS.length - 1)];
  for (let left = seconds; left > 0; left--) {
    show(`The studio cannot reach the vidloom server; trying again in ${left} s.`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  show("The studio cannot reach the vidloom server; trying again now…");
  if (!(await reachable())) return retry(attempt + 1);
  lost = false;
  banner().hidden = true;
  const resume = [...waiting];
  waiting.clear();
  resume.forEach((fn) => fn());
}

/** The server could not be reached: show it, and run `resume` (if given) once it answers again. */
export function connectionLost(resume) {
  if (resume) waiting.add(resume);
  if (lost) return;
  lost = true;
  retry(0);
}

/** Forget a `resume` that no longer applies (its view was left). */
export function forgetResume(resume) {
  waiting.delete(resume);
}
