/**
 * The popup's module entry. The early script (entrypoints/popup-early.ts) has
 * already asked storage for the link; the popup's modules load once that answer
 * is in and the clipboard write has started, so that their evaluation (tens of
 * milliseconds on a cold start) does not sit between the answer and the copy.
 * A popup opened on another tab copies nothing, so nothing waits.
 */
import { earlyCopyPlanned } from "../../src/ui/popup/copyFirst";

void earlyCopyPlanned().then(() => import("./main"));
