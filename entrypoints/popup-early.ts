/**
 * The popup's first script (popup.html's first tag, a classic script): copies the
 * default referral link from the copy in `storage.local` (src/ui/popup/copyFirst.ts)
 * while the page is still being parsed; on the wallet (`#wallet`), draws the
 * picture of its first screen (src/ui/popup/earlyScreen.ts). A classic script in
 * the head runs as soon as its one small file is read, with no module graph to
 * fetch and link and nothing in the page ahead of it; the popup's modules wait
 * for its storage read (entrypoints/popup/start.ts), so their evaluation cannot
 * hold the answer back.
 *
 * Built by WXT as an unlisted script (an IIFE, /popup-early.js); popup.html names
 * it with `vite-ignore` so Vite leaves the tag as it is. The build moves the page's
 * styles and modules onto that tag, and this script loads them (src/ui/popup/laterAssets.ts).
 */
import { browser } from "wxt/browser";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { copyTextAtOnce } from "../src/services/clipboard";
import { EARLY_COPY_KEYS, publishEarlyCopy, startEarlyCopy } from "../src/ui/popup/copyFirst";
import {
  drawScreenCopy,
  OPENING_KEYS,
  openingState,
  opensWallet,
  publishOpening,
  publishScreenShown,
  SCREEN_COPY_KEY,
} from "../src/ui/popup/earlyScreen";
import { FIRST_SCRIPT_SRC, holdsFirstPaint, loadLaterAssets } from "../src/ui/popup/laterAssets";

export default defineUnlistedScript(() => {
  // This script's own tag, which names the page's styles and modules (read while it runs; found
  // by its path should it not be known, for without it the popup would never load).
  const tag = document.currentScript ?? document.querySelector(`script[src="${FIRST_SCRIPT_SRC}"]`);
  const hash = location.hash;
  const wallet = opensWallet(hash);
  // One storage read for everything the first script and the modules need at opening.
  let stored: Promise<Record<string, unknown>>;
  try {
    stored = browser.storage.local.get([...OPENING_KEYS, ...(wallet ? [SCREEN_COPY_KEY] : EARLY_COPY_KEYS)]);
  } catch (e) {
    stored = Promise.reject(e);
  }
  const early = startEarlyCopy({
    read: () => stored,
    writeClipboard: (text) => copyTextAtOnce(text),
    hash,
  });
  publishEarlyCopy(early);
  publishOpening(stored.then(openingState, () => undefined));
  // The page's styles and modules load once the copy has started (or is known not to happen),
  // whatever the read answered: fetched sooner, they hold the read's answer back.
  if (!wallet) {
    void early.planned.then(() => loadLaterAssets(tag, document));
    return;
  }
  // On the wallet there is no copy, and the picture needs the styles: they load now (on
  // wallet.html they are named in the page). The modules wait for the storage read's answer,
  // as on the referral card: fetched beside it, they held it, and so the picture, back.
  const styled = loadLaterAssets(tag, document, { modulesWhen: stored });
  // Drawn before the styles, the picture would show unstyled: where the browser holds the first
  // paint for them (`blocking`), it is drawn at once; elsewhere it waits for their load.
  const drawn = Promise.all([stored, holdsFirstPaint(document) ? undefined : styled]).then(
    ([found]) =>
      new Promise<boolean>((resolve) => {
        const draw = () => {
          let locale = "";
          try {
            locale = browser.i18n.getUILanguage();
          } catch {
            // not readable: no picture, the live screen comes as usual
          }
          resolve(
            drawScreenCopy(found, {
              hash,
              now: Date.now(),
              locale,
              offset: new Date().getTimezoneOffset(),
              doc: document,
            }),
          );
        };
        if (document.getElementById("app")) draw();
        else document.addEventListener("DOMContentLoaded", draw, { once: true });
      }),
  );
  // The modules load once the picture is on screen: started earlier, their parsing holds the
  // picture's first frame back (a cold popup drew it 80 to 120 ms after it was made).
  publishScreenShown(drawn);
});
