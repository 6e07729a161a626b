/**
 * The popup's only script tag: copies the default referral link from the copy in
 * `storage.local` (src/ui/popup/copyFirst.ts), then loads the popup itself. The
 * module import waits for the storage read only, so the link is on its way to the
 * clipboard before hundreds of kilobytes of modules are evaluated.
 */
import { browser } from "wxt/browser";
import { publishEarlyCopy, startEarlyCopy } from "../../src/ui/popup/copyFirst";
import { copyText } from "../../src/ui/shared/clipboard";

const early = startEarlyCopy({
  read: (keys) => browser.storage.local.get(keys),
  writeClipboard: (text) => copyText(text),
  hash: location.hash,
});
publishEarlyCopy(early.done);
void early.planned.then(() => import("./main"));
