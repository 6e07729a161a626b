/**
 * The page-world half of reading page state (a `world: "MAIN"` content
 * script): on request, copies the cart state with `snapshotCartState` and
 * hands it back as JSON text. Events cross between the page's world and the
 * extension's isolated world, and strings cross them intact.
 *
 * Anything in the page can see and imitate these events, so the isolated
 * side treats the answer as untrusted page data (the reader validates it);
 * the nonce only pairs an answer with its request.
 */
import { snapshotCartState } from "../../adapters/page-state";

export const READ_REQUEST = "stackwise:read";
export const READ_ANSWER = "stackwise:state";

export function answerCartStateRequests(win: Window = window): void {
  win.addEventListener(READ_REQUEST, (event) => {
    const nonce = (event as CustomEvent<unknown>).detail;
    if (typeof nonce !== "string" || nonce.length > 64) return;
    let text: string;
    try {
      text = JSON.stringify(snapshotCartState(win));
    } catch (error) {
      text = JSON.stringify({ ok: false, reason: "threw", detail: String(error).slice(0, 200) });
    }
    win.dispatchEvent(new CustomEvent(READ_ANSWER, { detail: `${nonce}\n${text}` }));
  });
}
