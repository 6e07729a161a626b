/**
 * Everything the content script does on a page it supports: mounts the
 * panel, reads the page (page-state copy plus the adapter's document capture)
 * at start and on every change, and sends what it reads to the background.
 */
import type { PageCapturer } from "../../adapters/capture";
import { openCartLine } from "./cart-line";
import { pageStateReader, randomId } from "./page-state-request";
import { mountPanelFrame } from "./panel-frame";
import { startReadLoop } from "./read-loop";

/** Reads when nothing announced a change, for state that moves without touching the DOM. */
const POLL_MS = 2000;

/** Attributes whose changes can mean a cart change (ticks, quantities, loaders showing or hiding). */
const WATCHED_ATTRIBUTES = ["class", "checked", "disabled", "hidden", "style"];

export function servePage(capturer: PageCapturer, onInvalidated: (stop: () => void) => void): void {
  const channel = randomId();
  const readState = capturer.page === "cart" ? pageStateReader() : () => null;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    loop.stop();
    observer.disconnect();
    listening.abort();
    frame.remove();
    line.close();
  };
  const listening = new AbortController();
  const line = openCartLine(channel, stop);
  const frame = mountPanelFrame(channel);
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
  onInvalidated(stop);
}
