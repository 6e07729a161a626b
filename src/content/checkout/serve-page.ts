/**
 * Everything the content script does on a page it supports: reads the page
 * (page-state copy plus the adapter's document capture) at start and on every
 * change, sends what it reads to the background, and mounts the panel once
 * the page has loaded.
 */
import type { PageCapturer } from "../../adapters/capture";
import { pageStateReader, randomId } from "../page-state-request";
import { mountPanelFrame, type PanelFrame } from "../panel-frame";
import { openCartLine } from "./cart-line";
import { API_CHANGED } from "./page-world";
import { startReadLoop } from "./read-loop";

/** Reads when nothing announced a change, for state that moves without touching the DOM. */
const POLL_MS = 2000;

/** Attributes whose changes can mean a cart change (ticks, quantities, loaders showing or hiding). */
const WATCHED_ATTRIBUTES = ["class", "checked", "disabled", "hidden", "style"];

export function servePage(capturer: PageCapturer, onInvalidated: (stop: () => void) => void): void {
  const channel = randomId();
  // Cart pages answer with a page-state copy, checkout pages with the page's own API responses.
  const readState = pageStateReader();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    loop.stop();
    observer.disconnect();
    listening.abort();
    frame?.remove();
    line.close();
  };
  const listening = new AbortController();
  const line = openCartLine(channel, stop);
  // After the page's own load event: a frame added earlier would hold that event back for the shop.
  let frame: PanelFrame | undefined;
  const mount = () => {
    frame = mountPanelFrame(channel);
  };
  if (document.readyState === "complete") mount();
  else addEventListener("load", mount, { once: true, signal: listening.signal });
  const loop = startReadLoop({
    read: () => ({ state: readState(), dom: capturer.capture(document) }),
    send: (message) => line.send(message),
    pollMs: POLL_MS,
  });
  const changed = () => loop.changed();
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  // Typing into a quantity box changes its value without a mutation.
  for (const type of ["input", "change"])
    document.addEventListener(type, changed, { capture: true, signal: listening.signal });
  // A checkout response arrived in the page's world: read now, before the page redraws.
  addEventListener(API_CHANGED, changed, { signal: listening.signal });
  onInvalidated(stop);
}
