/**
 * Draws the picture of the wallet's first screen again after a write made where
 * no popup could take one: a coupon captured from a page (this worker's own
 * write), an import or a new program in the options page, a change of
 * preferences. Without it, the next popup opened on the wallet (the expiry
 * reminder's page) finds the picture stale and waits for its modules and the
 * database: 130 to 200 ms with 2,000 coupons, against 60 to 90 ms from a
 * picture (bench/popup.bench.ts).
 *
 * The picture is made from the database (walletScreen, src/services/wallet-screen.ts,
 * held equal to the popup's own screen by a unit test) under the same rules as
 * the popup's (src/services/screen-picture.ts): it carries the write stamp read
 * before its reads, so a write that lands meanwhile leaves it stale, and it is
 * kept only while the stamp and the preferences are still the ones it was
 * drawn under. It never replaces a good picture (the popup's own, of the
 * screen as drawn).
 *
 * It is drawn again, a moment after the stamp or the preferences move (writes
 * come in bursts), when a label on it would read otherwise (an alarm at its
 * `validUntil`: "in 5 hours" becomes "in 4 hours"), and with the badge's own
 * refresh, so that the reminder's page finds it good.
 */
import { programTimeZone } from "../referral/settings";
import {
  goodPicture,
  OPENING_KEYS,
  type OpeningState,
  openingState,
  SCREEN_COPY_KEY,
  type ScreenCopy,
} from "../services/screen-picture";
import type { Preferences } from "../services/wallet-preferences";
import { type WalletScreenData, walletScreen } from "../services/wallet-screen";
import type { StackwiseDb } from "../storage/db";
import { readCouponPages, readWalletOverview } from "../storage/firstScreen";
import { listPrograms } from "../storage/programs";
import type { StoredCoupon } from "../storage/schemas";
import { nextChangeWithTime } from "../wallet/coupons";

/** How long after a stamp or preferences change the picture is drawn: a burst of writes draws once. */
export const REDRAW_DELAY_MS = 250;
/** One-shot, at the instant the picture would read otherwise. */
export const PICTURE_ALARM = "wallet-picture";

/** What the first screen shows, read at `now` with the popup's own reads (src/storage/firstScreen.ts). */
export async function readWalletScreen(
  db: StackwiseDb,
  preferences: Pick<Preferences, "activeProgramId">,
  now: number,
  systemTimeZone: string,
): Promise<{ data: WalletScreenData; coupons: StoredCoupon[] } | undefined> {
  const [programs, overview, { active, expired, used }] = await Promise.all([
    listPrograms(db),
    readWalletOverview(db),
    readCouponPages(db, now),
  ]);
  // As PopupTabs picks it.
  const settings = programs.find((p) => p.id === preferences.activeProgramId) ?? programs[0];
  if (settings === undefined) return undefined;
  return {
    data: {
      programs: programs.map(({ id, name }) => ({ id, name })),
      programId: settings.id,
      currency: settings.reward.currency,
      timeZone: programTimeZone(settings, systemTimeZone),
      couponCount: overview.couponCount,
      stores: overview.stores,
      undoable: overview.lastImport !== undefined,
      usable: active.coupons,
      usableTotal: active.total ?? 0,
      others: expired.coupons.length + used.coupons.length,
    },
    coupons: [...active.coupons, ...expired.coupons, ...used.coupons],
  };
}

export interface PictureDeps {
  storage: {
    get(keys: string[]): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  loadPreferences(): Promise<Pick<Preferences, "activeProgramId">>;
  withDb<T>(use: (db: StackwiseDb) => Promise<T>): Promise<T>;
  now(): number;
  timeZone(): string;
  locale(): string;
}

const sameOpening = (a: OpeningState, b: OpeningState) =>
  a.stamp === b.stamp && a.preferences === b.preferences;

export type Redrawn =
  /** A new picture is kept; `validUntil` says until when. */
  | { kind: "drawn"; validUntil: number }
  /** The kept one is still good. */
  | { kind: "good"; validUntil: number }
  /** A write or a change of preferences came while it was drawn: the next redraw follows it. */
  | { kind: "moved" }
  /** No program to show. */
  | { kind: "none" };

/** Draws the wallet's first screen from the database, and keeps it if nothing moved meanwhile. */
export async function redrawWalletPicture(deps: PictureDeps): Promise<Redrawn> {
  const stored = await deps.storage.get([...OPENING_KEYS, SCREEN_COPY_KEY]);
  const opening = openingState(stored);
  const now = deps.now();
  const locale = deps.locale();
  const offset = new Date(now).getTimezoneOffset();
  const kept = goodPicture(stored, { now, locale, offset });
  if (kept !== undefined) return { kind: "good", validUntil: kept.validUntil };
  const preferences = await deps.loadPreferences();
  const read = await deps.withDb((db) => readWalletScreen(db, preferences, now, deps.timeZone()));
  if (read === undefined) return { kind: "none" };
  const copy: ScreenCopy = {
    version: 1,
    stamp: opening.stamp,
    preferences: opening.preferences,
    // As the popup's picture (walletPicture): Infinity does not survive storage's JSON.
    validUntil: Math.min(nextChangeWithTime(read.coupons, now), 8.64e15),
    locale,
    offset,
    screen: walletScreen(read.data, { locale, now }),
  };
  // Kept only under the stamp it was read under: a later write's own redraw follows.
  if (!sameOpening(openingState(await deps.storage.get([...OPENING_KEYS])), opening))
    return { kind: "moved" };
  await deps.storage.set({ [SCREEN_COPY_KEY]: copy });
  return { kind: "drawn", validUntil: copy.validUntil };
}

/**
 * One redraw at a time, a moment after the last ask; then the alarm for the instant the
 * picture reads otherwise (`setAlarm`, given undefined when no such instant is near).
 */
export function pictureRedrawer(
  deps: PictureDeps,
  setAlarm: (when: number | undefined) => Promise<unknown>,
  onError: (e: unknown) => void,
  delayMs = REDRAW_DELAY_MS,
): { soon(): void; now(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = (): Promise<void> => {
    running = running.then(async () => {
      try {
        const done = await redrawWalletPicture(deps);
        if (done.kind === "drawn" || done.kind === "good")
          // A second late, so that the label has certainly changed; none past a year (nothing will).
          await setAlarm(
            done.validUntil < deps.now() + 366 * 86_400_000 ? done.validUntil + 1000 : undefined,
          );
      } catch (e) {
        onError(e);
      }
    });
    return running;
  };
  return {
    soon: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, delayMs);
    },
    now: run,
  };
}
