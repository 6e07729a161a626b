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
import { earlyCopyPlanned } from "../../src/ui/popup/copyFirst";
import { warmDatabase } from "../../src/ui/popup/warmDatabase";

void earlyCopyPlanned().then(() => {
  warmDatabase();
  return import("./main");
});
