/**
 * Everything the scanning content script does on a coupon, product or coin
 * page, when the shopper has not turned scanning off for that kind of page:
 * reads the page (its visible text, and the page world's copy of the page
 * data and coin answers), sends each new reading to the background, and
 * mounts the extension-origin panel where the shopper confirms. Only this
 * page is read, and only the background hears of it.
 */
import { browser } from "wxt/browser";
import { SCAN_PREFERENCES_KEY, type ScanKind, scanAllowed } from "../../adapters/scan-pages";
import { MAX_STATE_CHARS } from "../../messaging/ports";
import { randomId } from "../page-state-request";
import { mountPanelFrame, type PanelFrame } from "../panel-frame";
import { productCouponBlocks, productStore, visibleText } from "./capture";
import { openScanLine } from "./line";
import { SCAN_ANSWER, SCAN_CHANGED, SCAN_REQUEST } from "./page-world";

/** A busy page is read at most this often; its last change is always read. */
const SETTLE_MS = 400;

export interface ScanCapture {
  /** The page world's copy (page-world.ts) as JSON text, or null when no page-world script answered. */
  world: string | null;
  /** Coupon pages: the page's visible text. Other pages: "". */
  text: string;
  /** Product pages: the visible coupon blocks. */
  blocks: string[];
  /** Product pages: the store the product is sold by, from its store link. */
  store: { id: string; name: string } | null;
}

/** Asks the page-world script for its copy; the answer arrives during dispatchEvent. */
export function pageWorldReader(win: Window = window): () => string | null {
  const prefix = randomId();
  let asked = 0;
  let expected = "\u0000";
  let answer: string | null = null;
  win.addEventListener(SCAN_ANSWER, (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail === "string" && detail.startsWith(expected)) answer = detail.slice(expected.length);
  });
  return () => {
    asked += 1;
    expected = `${prefix}-${asked}\n`;
    answer = null;
    win.dispatchEvent(new CustomEvent(SCAN_REQUEST, { detail: `${prefix}-${asked}` }));
    const got = answer as string | null;
    expected = "\u0000";
    return got !== null && got.length <= MAX_STATE_CHARS ? got : null;
  };
}

export function captureScan(kind: ScanKind, doc: Document, world: string | null): ScanCapture {
  return {
    world: kind === "coupons" ? null : world,
    text: kind === "coupons" && doc.body ? visibleText(doc.body) : "",
    blocks: kind === "product" ? productCouponBlocks(doc) : [],
    store: kind === "product" ? productStore(doc) : null,
  };
}

/** Whether the page shows anything to offer: the panel is mounted only then, except on coupon pages. */
export function worthShowing(kind: ScanKind, capture: ScanCapture): boolean {
  if (kind === "coupons") return true;
  if (kind === "coins") return capture.world !== null && !capture.world.includes('"coins":[]');
  return capture.blocks.length > 0 || capture.world?.includes("promotionPanelDetailDTOList") === true;
}

export async function serveScan(kind: ScanKind, onInvalidated: (stop: () => void) => void): Promise<void> {
  let allowed = true;
  try {
    allowed = scanAllowed(
      (await browser.storage.local.get(SCAN_PREFERENCES_KEY))[SCAN_PREFERENCES_KEY],
      kind,
    );
  } catch {
    // storage unreadable: the default (on) holds
  }
  if (!allowed) return;

  const channel = randomId();
  const readWorld = pageWorldReader();
  const listening = new AbortController();
  let frame: PanelFrame | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = "";
  let seq = 0;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    listening.abort();
    if (timer !== undefined) clearTimeout(timer);
    frame?.remove();
    line.close();
  };
  const line = openScanLine({ type: "hello", channel, kind }, stop);

  const read = () => {
    timer = undefined;
    if (stopped) return;
    const capture = captureScan(kind, document, readWorld());
    // After the page's own load event, and only once there is something to offer.
    if (!frame && document.readyState === "complete" && worthShowing(kind, capture))
      frame = mountPanelFrame(channel, document, { page: "/scan.html", title: "scan_frameTitle" });
    const text = JSON.stringify(capture);
    if (text === last) return;
    last = text;
    seq += 1;
    line.send({ type: "capture", seq, ...capture });
  };
  const changed = () => {
    if (timer === undefined && !stopped) timer = setTimeout(read, SETTLE_MS);
  };
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  addEventListener(SCAN_CHANGED, changed, { signal: listening.signal });
  if (document.readyState !== "complete")
    addEventListener("load", changed, { once: true, signal: listening.signal });
  read();
  onInvalidated(stop);
}
