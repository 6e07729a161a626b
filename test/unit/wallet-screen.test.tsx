// @vitest-environment jsdom
/**
 * The wallet's first screen drawn from the database (walletScreen, which the
 * background keeps after a write no popup saw) is the popup's own picture of
 * its live screen, for any wallet: any kinds, stores, codes, sources, starts,
 * expiries near and far, used coupons, programs, imports. And the background's
 * redraw keeps it only under the stamp it read, never over a good picture.
 */
import fc from "fast-check";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import {
  type PictureDeps,
  pictureRedrawer,
  readWalletScreen,
  redrawWalletPicture,
} from "../../src/background/wallet-picture";
import { defaultProgramSettings } from "../../src/referral/settings";
import { OPENING_KEYS, SCREEN_COPY_KEY, type ScreenCopy } from "../../src/services/screen-picture";
import { loadPreferences, savePreferences } from "../../src/services/wallet-preferences";
import { walletScreen } from "../../src/services/wallet-screen";
import { addCapturedCoupons } from "../../src/storage/capture";
import type { StackwiseDb } from "../../src/storage/db";
import { saveProgramSettings } from "../../src/storage/programs";
import { addCoupon, savePoints } from "../../src/storage/wallet";
import { stampsSettled, WRITE_STAMP_KEY } from "../../src/storage/writeStamp";
import { drawablePicture, elementsOf } from "../../src/ui/popup/earlyScreen";
import { nextChangeWithTime } from "../../src/wallet/coupons";
import { closeUiBed, openUiBed } from "./support/ui";
import { openedWithPictures, openWalletTab } from "./support/wallet-tab";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const H = 3_600_000;
const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("wallet-screen"));
  await savePreferences({ copyOnOpen: false });
});

afterEach(async () => {
  await closeUiBed({ name, db, root });
});

const iso = (ms: number) => new Date(ms).toISOString();

const couponArb = fc.record(
  {
    kind: fc.constantFrom("platform", "promo", "store", "select"),
    amount: fc.oneof(
      fc.record({ off: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({
        percent: fc.integer({ min: 1, max: 90 }),
        maxOff: fc.option(fc.integer({ min: 1, max: 9_000 }), { nil: undefined }),
      }),
    ),
    minSpend: fc.constantFrom(0, 999, 2000, 123_456),
    currency: fc.constantFrom(undefined, "USD", "EUR", "JPY"),
    store: fc.option(
      fc.record({
        id: fc.constantFrom("s1", "store-b", "Zeta"),
        name: fc.option(fc.constantFrom("Shop One", "Bé Store"), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    code: fc.option(fc.constantFrom("SAVE5", "AE-12"), { nil: undefined }),
    source: fc.constantFrom(undefined, "manual", "referral", "welcome", "page", "paste", "something-else"),
    // Hours from now: long gone, just expired, within the hour, within the 72-hour window, far off.
    expiresInHours: fc.oneof(
      fc.integer({ min: -400, max: -1 }),
      fc.integer({ min: 1, max: 80 }),
      fc.integer({ min: 81, max: 3_000 }),
      fc.double({ min: 0.01, max: 2, noNaN: true }),
    ),
    startsInHours: fc.option(fc.integer({ min: -100, max: 100 }), { nil: undefined }),
    used: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  },
  { requiredKeys: ["kind", "amount", "minSpend", "expiresInHours"] },
);

type CouponCase = typeof couponArb extends fc.Arbitrary<infer T> ? T : never;

function stored(c: CouponCase, i: number) {
  const expiresAt = iso(Math.round(NOW + (c.expiresInHours as number) * H));
  const storeId = c.kind === "store" ? (c.store?.id ?? "s1") : c.store?.id;
  return {
    id: `c${i}`,
    kind: c.kind,
    ...("off" in c.amount
      ? { off: c.amount.off }
      : { percent: c.amount.percent, ...(c.amount.maxOff !== undefined ? { maxOff: c.amount.maxOff } : {}) }),
    minSpend: c.minSpend,
    expiresAt,
    ...(c.currency !== undefined ? { currency: c.currency } : {}),
    ...(storeId !== undefined ? { storeId } : {}),
    ...(c.store?.name !== undefined && storeId !== undefined ? { storeName: c.store.name } : {}),
    ...(c.kind === "promo" || c.code !== undefined ? { code: c.code ?? "PROMO" } : {}),
    ...(c.source !== undefined ? { source: c.source } : {}),
    ...(c.startsInHours !== undefined ? { validFrom: iso(NOW + c.startsInHours * H) } : {}),
    ...(c.used !== undefined ? { status: "used", usedAt: iso(NOW - c.used * H) } : { status: "active" }),
  };
}

const walletArb = fc.record({
  coupons: fc.array(couponArb, { maxLength: 7 }),
  programs: fc.constantFrom(1, 2, 3),
  active: fc.constantFrom(undefined, "aliexpress", "p2", "gone"),
  imported: fc.boolean(),
  points: fc.boolean(),
});

const clean = async () => {
  // A run that failed left its popup mounted.
  render(null, root);
  await db.transaction("rw", db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
  await fakeBrowser.storage.local.clear();
  await savePreferences({ copyOnOpen: false });
};

describe("the wallet's first screen drawn from the database", () => {
  it("is the popup's picture of its live screen, for any wallet", async () => {
    await fc.assert(
      fc.asyncProperty(walletArb, async (wallet) => {
        await clean();
        for (let p = 2; p <= wallet.programs; p++)
          await saveProgramSettings(db, {
            ...defaultProgramSettings(),
            id: `p${p}`,
            name: `Program ${p}`,
            reward: { kind: "platform", off: 300, minSpend: 0, currency: p === 2 ? "EUR" : "GBP" },
            timeZone: p === 2 ? "Asia/Tokyo" : null,
          });
        if (wallet.active !== undefined)
          await savePreferences({ copyOnOpen: false, activeProgramId: wallet.active });
        for (const [i, c] of wallet.coupons.entries()) await addCoupon(db, stored(c, i));
        if (wallet.imported)
          await addCapturedCoupons(
            db,
            [{ kind: "platform", off: 900, minSpend: 0, currency: "USD", expiresAt: iso(NOW + 50 * H) }],
            "paste",
            NOW,
          );
        if (wallet.points) await savePoints(db, { storeId: "points-store", balance: 10, centsPerPoint: 1 });
        await stampsSettled();
        const { services, kept } = await openedWithPictures({ dbName: name, now: NOW });
        await openWalletTab(root, services, { listed: true });
        await vi.waitFor(() => expect(kept.length).toBeGreaterThan(0));
        const live = kept[kept.length - 1] as ScreenCopy;
        const read = await readWalletScreen(db, await loadPreferences(), NOW, services.timeZone);
        expect(read).toBeDefined();
        if (read === undefined) return;
        expect(walletScreen(read.data, { locale: services.locale, now: NOW })).toEqual(live.screen);
        // The program shown is the one the picker shows (not its first).
        const picker = elementsOf(live.screen, document) as HTMLElement;
        const shown = picker.querySelector<HTMLSelectElement>(".program-picker select");
        if (shown !== null) expect(shown.value).toBe(read.data.programId);
        expect(Math.min(nextChangeWithTime(read.coupons, NOW), 8.64e15)).toBe(live.validUntil);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

describe("the background's redraw", () => {
  let clock = NOW;
  const deps = (): PictureDeps => ({
    storage: {
      get: (keys) => fakeBrowser.storage.local.get(keys),
      set: (items) => fakeBrowser.storage.local.set(items),
    },
    loadPreferences,
    withDb: (use) => use(db),
    now: () => clock,
    timeZone: () => "UTC",
    locale: () => "en-US",
  });
  const drawable = async () =>
    drawablePicture(await fakeBrowser.storage.local.get([...OPENING_KEYS, SCREEN_COPY_KEY]), {
      hash: "#wallet",
      now: clock,
      locale: "en-US",
      offset: new Date(clock).getTimezoneOffset(),
      doc: document,
    });

  /** Five and a half hours left: its label reads "in 5 hours" for half an hour more. */
  const addSoonCoupon = async () => {
    await addCoupon(db, {
      id: "soon",
      kind: "platform",
      off: 300,
      minSpend: 0,
      expiresAt: iso(NOW + 5 * H + H / 2),
    });
    await stampsSettled();
  };

  beforeEach(async () => {
    clock = NOW;
    await addCoupon(db, { id: "a", kind: "platform", off: 500, minSpend: 0, expiresAt: iso(NOW + 200 * H) });
    await stampsSettled();
  });

  it("keeps a picture that the next popup draws, showing the write that moved the stamp", async () => {
    expect(await drawable()).toBeUndefined();
    expect((await redrawWalletPicture(deps())).kind).toBe("drawn");
    expect(JSON.stringify(await drawable())).toContain("$5.00 off");
    await addCoupon(db, { id: "b", kind: "platform", off: 700, minSpend: 0, expiresAt: iso(NOW + 100 * H) });
    await stampsSettled();
    expect(await drawable()).toBeUndefined();
    expect((await redrawWalletPicture(deps())).kind).toBe("drawn");
    const picture = JSON.stringify(await drawable());
    expect(picture).toContain("$7.00 off");
    expect(picture.indexOf("$7.00 off")).toBeLessThan(picture.indexOf("$5.00 off"));
  });

  it("leaves a good picture as it is, and draws again once a label on it would read otherwise", async () => {
    await addSoonCoupon();
    const first = await redrawWalletPicture(deps());
    expect(first).toEqual({ kind: "drawn", validUntil: NOW + H / 2 + 1 });
    expect(JSON.stringify(await drawable())).toContain("in 5 hours");
    expect(await redrawWalletPicture(deps())).toEqual({ kind: "good", validUntil: NOW + H / 2 + 1 });
    clock = NOW + H;
    expect(await drawable()).toBeUndefined();
    expect((await redrawWalletPicture(deps())).kind).toBe("drawn");
    expect(JSON.stringify(await drawable())).toContain("in 4 hours");
  });

  it("keeps nothing when a write lands while it reads: that write's own redraw follows", async () => {
    const d = deps();
    const racing: PictureDeps = {
      ...d,
      withDb: async (use) => {
        const read = await use(db);
        await fakeBrowser.storage.local.set({ [WRITE_STAMP_KEY]: "a later write" });
        return read;
      },
    };
    expect(await redrawWalletPicture(racing)).toEqual({ kind: "moved" });
    expect((await fakeBrowser.storage.local.get(SCREEN_COPY_KEY))[SCREEN_COPY_KEY]).toBeUndefined();
  });

  it("draws once for a burst of asks, then sets the alarm for when the picture reads otherwise", async () => {
    await addSoonCoupon();
    const reads = vi.fn();
    const d = deps();
    const alarms: (number | undefined)[] = [];
    const redrawer = pictureRedrawer(
      {
        ...d,
        withDb: (use) => {
          reads();
          return d.withDb(use);
        },
      },
      async (when) => {
        alarms.push(when);
      },
      (e) => {
        throw e;
      },
      10,
    );
    redrawer.soon();
    redrawer.soon();
    redrawer.soon();
    await vi.waitFor(() => expect(alarms).toHaveLength(1));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(alarms[0]).toBe(NOW + H / 2 + 1 + 1000);
    expect(await drawable()).toBeDefined();
  });
});
