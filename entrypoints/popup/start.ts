/**
 * The popup's module entry. The early script (entrypoints/popup-early.ts) has
 * already asked storage for the link; the popup's modules load once that answer
 * is in and the clipboard write has started, so that their evaluation (tens of
 * milliseconds on a cold start) does not sit between the answer and the copy.
 * A popup opened on another tab copies nothing, so nothing waits.
 *
 * While the modules load, the database's files are opened (src/ui/popup/warmDatabase.ts).
 * (Fetching the wallet tab's code from here as well, on `#wallet`, was measured and
 * dropped: its modules then ran before the shell's, and the first screen came no sooner.)
 */
// The styles are linked from the page's head (Vite moves an entry's CSS there), not loaded with
// the modules: the picture of the wallet's first screen that the first script draws needs them.
import "./style.css";
import { earlyCopyPlanned } from "../../src/ui/popup/copyFirst";
import { screenShown } from "../../src/ui/popup/earlyScreen";
import { warmDatabase } from "../../src/ui/popup/warmDatabase";

void earlyCopyPlanned()
  .then(() => {
    warmDatabase();
    // On the wallet, the picture of its first screen is shown first (src/ui/popup/earlyScreen.ts).
    return screenShown();
  })
  .then(() => import("./main"));
