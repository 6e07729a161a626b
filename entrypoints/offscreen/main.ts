/**
 * Chrome's offscreen document, opened by the background only to copy the
 * referral link from the toolbar menu or the keyboard shortcut.
 */
import { serve } from "../../src/messaging/bus";
import { copyText } from "../../src/ui/shared/clipboard";

serve({
  "clipboard/write": async ({ text }) => {
    await copyText(text);
    return { written: true as const };
  },
});
