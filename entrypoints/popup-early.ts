/**
 * The popup's first script (popup.html's first tag, a classic script): copies the
 * default referral link from the copy in `storage.local` (src/ui/popup/copyFirst.ts)
 * while the page is still being parsed. A classic script in the head runs as soon
 * as its one small file is read, with no module graph to fetch and link and
 * nothing in the page ahead of it; the popup's modules wait for its storage read
 * (entrypoints/popup/start.ts), so their evaluation cannot hold the answer back.
 *
 * Built by WXT as an unlisted script (an IIFE, /popup-early.js); popup.html names
 * it with `vite-ignore` so Vite leaves the tag as it is.
 */
import { browser } from "wxt/browser";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { copyTextAtOnce } from "../src/services/clipboard";
import { publishEarlyCopy, startEarlyCopy } from "../src/ui/popup/copyFirst";

export default defineUnlistedScript(() => {
  publishEarlyCopy(
    startEarlyCopy({
      read: (keys) => browser.storage.local.get(keys),
      writeClipboard: (text) => copyTextAtOnce(text),
      hash: location.hash,
    }),
  );
});
