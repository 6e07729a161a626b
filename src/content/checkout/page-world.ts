/**
 * The page-world half of reading page state (a `world: "MAIN"` content
 * script): on request, copies the cart state with `snapshotCartState` (on
 * cart pages) or hands over the checkout's captured responses (on checkout
 * pages, checkout-api.ts), as JSON text. Events cross between the page's
 * world and the extension's isolated world, and strings cross them intact.
 *
 * Anything in the page can see and imitate these events, so the isolated
 * side treats the answer as untrusted page data (the reader validates it);
 * the nonce only pairs an answer with its request.
 */
import { snapshotCartState } from "../../adapters/page-state";

export const READ_REQUEST = "stackwise:read";
export const READ_ANSWER = "stackwise:state";
/** The page world has new data (a checkout response arrived): read again. */
export const API_CHANGED = "stackwise:changed";

/** Answers each read request with `state()`'s text. */
export function answerStateRequests(win: Window, state: () => string): void {
  win.addEventListener(READ_REQUEST, (event) => {
    const nonce = (event as CustomEvent<unknown>).detail;
    if (typeof nonce !== "string" || nonce.length > 64) return;
    let text: string;
    try {
      text = state();
    } catch (error) {
      text = JSON.stringify({ ok: false, reason: "threw", detail: String(error).slice(0, 200) });
    }
    // The window's own constructor: an event made in another realm cannot be dispatched on it.
    const Custom = (win as unknown as typeof globalThis).CustomEvent ?? CustomEvent;
    win.dispatchEvent(new Custom(READ_ANSWER, { detail: `${nonce}\n${text}` }));
  });
}

export function answerCartStateRequests(win: Window = window): void {
  answerStateRequests(win, () => JSON.stringify(snapshotCartState(win)));
}
