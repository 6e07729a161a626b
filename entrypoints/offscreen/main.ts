/**
 * Chrome's offscreen document, opened by the background only to copy the
 * referral link from the toolbar menu or the keyboard shortcut.
 *
 * It answers the one message of the table it serves ("clipboard/write") in
 * the bus's envelope, checked by hand: the page loads no schema library, so it
 * opens and copies at once. The background still checks the answer with the
 * table's schema (src/services/bus.ts `send`).
 */
import { browser } from "wxt/browser";
import { copyText } from "../../src/services/clipboard";

/** The same bounds as the table's "clipboard/write" request (src/messaging/wallet.ts). */
const MAX_TEXT = 10_000;

browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (answer: unknown) => void) => {
  if (sender.id !== browser.runtime.id || typeof raw !== "object" || raw === null) return undefined;
  const { stackwise, name, payload } = raw as { stackwise?: unknown; name?: unknown; payload?: unknown };
  if (stackwise !== 1 || name !== "clipboard/write") return undefined;
  const text = (payload as { text?: unknown } | null)?.text;
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_TEXT) {
    sendResponse({ ok: false, error: `clipboard/write: payload.text: expected 1 to ${MAX_TEXT} characters` });
    return undefined;
  }
  copyText(text).then(
    () => sendResponse({ ok: true, value: { written: true } }),
    (error: unknown) =>
      sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  return true;
});
