/**
 * The popup's module entry. The early script (entrypoints/popup-early.ts) has
 * already asked storage for the link; the popup's modules load once that answer
 * is in and the clipboard write has started, so that their evaluation (tens of
 * milliseconds on a cold start) does not sit between the answer and the copy.
 * A popup opened on another tab copies nothing, so nothing waits.
 *
 * While the modules load, the database's files are opened (src/ui/popup/warmDatabase.ts)
 * and, for a popup opened on the wallet (`#wallet`, as tabFromHash reads it), the
 * wallet tab's code is fetched beside the shell's rather than after it.
 */
import { earlyCopyPlanned } from "../../src/ui/popup/copyFirst";
import { warmDatabase } from "../../src/ui/popup/warmDatabase";

void earlyCopyPlanned().then(() => {
  warmDatabase();
  if (location.hash.replace(/^#/, "") === "wallet") void import("../../src/ui/popup/wallet/WalletTab");
  return import("./main");
});
