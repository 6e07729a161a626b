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
// The styles are linked from the page (Vite moves an entry's CSS there, and the build hands it to
// the first script to load), not loaded with the modules: the first script's picture needs them.
import "./style.css";
import { earlyCopyPlanned } from "../../src/ui/popup/copyFirst";
import { screenShown } from "../../src/ui/popup/earlyScreen";
import { stylesReady } from "../../src/ui/popup/laterAssets";
import { warmDatabase } from "../../src/ui/popup/warmDatabase";

void earlyCopyPlanned()
  .then(() => {
    warmDatabase();
    // On the wallet, the picture of its first screen is shown first (src/ui/popup/earlyScreen.ts);
    // and no render before the styles (src/ui/popup/laterAssets.ts).
    return Promise.all([screenShown(), stylesReady()]);
  })
  .then(() => import("./main"));
