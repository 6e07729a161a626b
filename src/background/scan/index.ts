/**
 * Background side of page scanning: captures from the scanning content script
 * become the lists the scan panels show (src/background/scan/sessions.ts), and the
 * panels' "Add" and "Set my coins" write to the wallet. This file only wires
 * sessions to the browser, the coupon-text reader and storage.
 */
import { liveQuery, type Subscription } from "dexie";
import { browser } from "wxt/browser";
import { systemTimeZone } from "../../core/calendar";
import type { ScannedCoupon } from "../../messaging/scan";
import { programTimeZone } from "../../referral/settings";
import { serve } from "../../services/bus";
import { loadPreferences } from "../../services/wallet-preferences";
import { addCapturedCoupons } from "../../storage/capture";
import { openStackwiseDb, type StackwiseDb } from "../../storage/db";
import { StorageError } from "../../storage/errors";
import { listPrograms } from "../../storage/programs";
import { getCoins, listCoupons, saveCoins } from "../../storage/wallet";
import { couponKey, storeIdForName } from "../../wallet/captured";
import { readCouponTextReport, readOneCoupon } from "../../wallet/coupon-text";
import { ScanRefusal, ScanSessions } from "./sessions";

/** The key a scanned coupon will have once added (a store named only by name gets the capture's id for it). */
const scannedKey = (c: ScannedCoupon): string =>
  couponKey({
    ...c,
    storeId: c.storeId ?? (c.storeName === undefined ? undefined : storeIdForName(c.storeName)),
  });

/** Dates without an offset are read in the active program's time zone, as the popup's paste reads them. */
async function readingZone(db: StackwiseDb): Promise<string> {
  try {
    const [preferences, programs] = await Promise.all([loadPreferences(), listPrograms(db)]);
    const settings = programs.find((p) => p.id === preferences.activeProgramId) ?? programs[0];
    return settings ? programTimeZone(settings, systemTimeZone()) : systemTimeZone();
  } catch {
    return systemTimeZone();
  }
}

export function startScan(): void {
  let opened: Promise<StackwiseDb> | undefined;
  const database = () => {
    if (!opened) {
      const opening = openStackwiseDb();
      opened = opening;
      opening.catch(() => {
        if (opened === opening) opened = undefined;
      });
    }
    return opened;
  };
  const sessions = new ScanSessions({
    extensionId: browser.runtime.id,
    scanUrl: browser.runtime.getURL("/scan.html"),
    readers: async () => {
      const now = new Date();
      const timeZone = await readingZone(await database());
      return {
        timeZone,
        report: (text) => readCouponTextReport(text, { now, timeZone }),
        one: (text) => readOneCoupon(text, { now, timeZone }),
      };
    },
    knownTest: async () => {
      const keys = new Set<string>();
      for (const c of await listCoupons(await database())) {
        keys.add(couponKey(c));
        if (c.capturedKey !== undefined) keys.add(c.capturedKey);
      }
      return (coupon) => keys.has(scannedKey(coupon));
    },
    coins: async () => getCoins(await database()),
    onSessionCount: (count) => (count > 0 ? follow() : unfollow()),
  });

  // While pages are served, a change to the wallet from anywhere (an undo in the popup, a coin
  // balance edited by hand) reads their lists again, so "already in your wallet" stays true.
  let following: Subscription | undefined;
  let seen: string | undefined;
  const follow = () => {
    if (following) return;
    database().then(
      (db) => {
        if (following || sessions.size === 0) return;
        following = liveQuery(async () => {
          const [coupons, coins] = await Promise.all([db.coupons.toArray(), getCoins(db)]);
          return JSON.stringify([coupons, coins ?? null]);
        }).subscribe({
          next: (now) => {
            if (seen !== undefined && now !== seen) sessions.refreshAll();
            seen = now;
          },
          error: () => unfollow(),
        });
      },
      () => undefined,
    );
  };
  const unfollow = () => {
    following?.unsubscribe();
    following = undefined;
    seen = undefined;
  };

  // Registered synchronously: a woken service worker only gets events it listens to at once.
  browser.runtime.onConnect.addListener((port) => sessions.connect(port as never));

  const refusing = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StorageError) throw new ScanRefusal(error.text);
      throw error;
    }
  };
  serve({
    "scan/add": (ref, sender) =>
      refusing(async () => {
        const coupons = sessions.picked(ref, sender);
        const outcome = await addCapturedCoupons(await database(), coupons, "page");
        // The lists mark what is now in the wallet at once, without waiting for the live query.
        sessions.refreshAll();
        return { added: outcome.added.length, alreadyThere: outcome.alreadyThere.length };
      }),
    "scan/coins": (ref, sender) =>
      refusing(async () => {
        const shown = sessions.coinsShown(ref, sender);
        const db = await database();
        const before = await getCoins(db);
        // The per-order limit the shopper set stays; the balance and its worth are the page's.
        const saved = await saveCoins(db, { ...before, ...shown });
        sessions.refreshAll();
        return { balance: saved.balance, centsPerCoin: saved.centsPerCoin };
      }),
  });
}
