/**
 * Copy first, render second: the popup's first script puts the default referral
 * link on the clipboard from the copy the storage layer keeps in `storage.local`
 * (src/storage/linkMirror.ts), before the popup's modules load and the database
 * opens. It must stay tiny: no Zod, no Preact, no Dexie. The popup checks the
 * result against the database once it has loaded (ReferralCard) and copies
 * again, and refreshes the stored copy, when the two disagree.
 */

import { PREFERENCES_STORAGE_KEY } from "../../services/screen-picture";
import { handoff } from "./handoff";

export { PREFERENCES_STORAGE_KEY };
/** Mirrors LINK_MIRROR_KEY (src/storage/linkMirror.ts; a unit test holds them equal). */
export const LINK_COPY_STORAGE_KEY = "defaultLinkCopy";
/** What the early copy reads from `storage.local`. */
export const EARLY_COPY_KEYS = [PREFERENCES_STORAGE_KEY, LINK_COPY_STORAGE_KEY] as const;

export type EarlyCopy =
  /** The popup opened on another tab (an expiry reminder's `#wallet`) or copy on open is off. */
  | { kind: "skipped" }
  /** No readable copy in storage (first run after an update, storage refused): the popup decides. */
  | { kind: "unknown" }
  /** The copy says there is no link to copy. */
  | { kind: "none" }
  | { kind: "copied"; text: string }
  /** The browser refused to write the clipboard (the popup does not retry: the button can). */
  | { kind: "failed"; text: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** As tabFromHash (PopupTabs.tsx) reads it: any other hash opens the referral card, which copies. */
function opensAnotherTab(hash: string): boolean {
  const tab = hash.replace(/^#/, "");
  return tab === "wallet" || tab === "tracker";
}

/**
 * What an opening popup should copy, from what storage holds: `undefined` for
 * "nothing" with the reason, or the text. Follows the popup's own rules: the
 * preferences as PreferencesSchema reads them (anything invalid means the
 * defaults: copy on, the built-in program), the active program or else the
 * first listed one, and only a link the program's settings allow.
 */
export function earlyCopyPlan(
  stored: Record<string, unknown>,
  hash: string,
): EarlyCopy | { kind: "copy"; text: string } {
  if (opensAnotherTab(hash)) return { kind: "skipped" };
  const mirror = stored[LINK_COPY_STORAGE_KEY];
  const prefs = stored[PREFERENCES_STORAGE_KEY] ?? {};
  let copyOnOpen = true;
  let activeProgramId: string | undefined;
  if (isRecord(prefs)) {
    const { copyOnOpen: copy, notifyBeforeExpiry: notify, activeProgramId: active } = prefs;
    const valid =
      (copy === undefined || typeof copy === "boolean") &&
      (notify === undefined || typeof notify === "boolean") &&
      (active === undefined || (typeof active === "string" && active.length > 0));
    if (valid) {
      copyOnOpen = copy ?? true;
      activeProgramId = active;
    }
  }
  if (!copyOnOpen) return { kind: "skipped" };
  if (
    !isRecord(mirror) ||
    mirror.version !== 1 ||
    !isRecord(mirror.links) ||
    typeof mirror.builtIn !== "string"
  )
    return { kind: "unknown" };
  const links = mirror.links;
  const programId = activeProgramId ?? mirror.builtIn;
  const entry = Object.hasOwn(links, programId)
    ? links[programId]
    : typeof mirror.fallback === "string"
      ? links[mirror.fallback]
      : undefined;
  if (entry === null) return { kind: "none" };
  if (typeof entry !== "string" || entry === "") return { kind: "unknown" };
  return { kind: "copy", text: entry };
}

export interface EarlyCopyDeps {
  /** `storage.local.get` */
  read(keys: string[]): Promise<Record<string, unknown>>;
  writeClipboard(text: string): Promise<void>;
  hash: string;
}

/**
 * Runs the early copy. `planned` settles after the one storage read, when the
 * clipboard write (if any) has been started: the popup's modules load then, so
 * their evaluation does not hold the read's answer back. `done` settles with
 * the outcome.
 */
export function startEarlyCopy(deps: EarlyCopyDeps): { planned: Promise<void>; done: Promise<EarlyCopy> } {
  let markPlanned: () => void = () => undefined;
  const planned = new Promise<void>((resolve) => {
    markPlanned = resolve;
  });
  // Opened on another tab (an expiry reminder): nothing to read, and nothing to wait for.
  if (opensAnotherTab(deps.hash))
    return { planned: Promise.resolve(), done: Promise.resolve({ kind: "skipped" }) };
  const done = (async (): Promise<EarlyCopy> => {
    let plan: ReturnType<typeof earlyCopyPlan>;
    try {
      plan = earlyCopyPlan(await deps.read([...EARLY_COPY_KEYS]), deps.hash);
    } catch {
      plan = { kind: "unknown" };
    }
    if (plan.kind !== "copy") {
      markPlanned();
      return plan;
    }
    const writing = deps.writeClipboard(plan.text);
    markPlanned();
    try {
      await writing;
      return { kind: "copied", text: plan.text };
    } catch {
      return { kind: "failed", text: plan.text };
    }
  })();
  return { planned, done };
}

const outcome = handoff<EarlyCopy>("__stackwiseEarlyCopy");
const planned = handoff<void>("__stackwiseEarlyCopyPlanned");

/** Leaves the early copy where the popup's modules find it (handoff.ts). */
export function publishEarlyCopy(early: { planned: Promise<void>; done: Promise<EarlyCopy> }): void {
  outcome.publish(early.done);
  planned.publish(early.planned);
}

/** The early copy's outcome; "unknown" when no early script ran (tests, an older page). */
export function publishedEarlyCopy(): Promise<EarlyCopy> {
  return outcome.take() ?? Promise.resolve({ kind: "unknown" });
}

/** Settles when the popup's modules may load: at once when no early script ran. */
export function earlyCopyPlanned(): Promise<void> {
  return planned.take() ?? Promise.resolve();
}
