/**
 * The background wiring of the wallet, driven through a fake of the
 * extension APIs it uses: the toolbar menu and the shortcut copy the default
 * link without opening anything, the badge counts coupons expiring within
 * 72 hours and is refreshed by alarms, reminders go out a day before expiry
 * only when turned on and permitted, and Chrome's copy goes through an
 * offscreen document.
 */
import { Dexie } from "dexie";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { OrderResult } from "../../optimizer/schema";
import { recordPlacedOrder } from "../../src/background/checkout";
import {
  BOUNDARY_ALARM,
  COPY_COMMAND,
  COPY_MENU_ID,
  clipboardWriter,
  copyDefaultLink,
  FLASH_MS,
  localStorageOf,
  NOTIFIED_KEY,
  openWalletFromNotification,
  REFRESH_ALARM,
  refreshWallet,
  setUpWallet,
  startWallet,
  WALLET_PAGE,
  type WalletBackgroundDeps,
  type WalletPlatform,
  walletHandlers,
} from "../../src/background/wallet";
import { PICTURE_ALARM, REDRAW_DELAY_MS } from "../../src/background/wallet-picture";
import type { Message } from "../../src/core/message";
import { message } from "../../src/core/message";
import { defaultProgramSettings } from "../../src/referral/settings";
import { dispatch } from "../../src/services/bus";
import { SCREEN_COPY_KEY, type ScreenCopy } from "../../src/services/screen-picture";
import { walletChangedEvent } from "../../src/services/wallet-changed";
import { savePreferences } from "../../src/services/wallet-preferences";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import { LINK_MIRROR_KEY } from "../../src/storage/linkMirror";
import { addReferralLink } from "../../src/storage/links";
import { saveProgramSettings, updateProgramSettings } from "../../src/storage/programs";
import {
  activeExpiringWithin,
  addCoupon,
  countExpiringSoon,
  liveCouponIds,
  nextExpiryBoundary,
  saveCoupon,
} from "../../src/storage/wallet";
import { WRITE_STAMP_KEY } from "../../src/storage/writeStamp";
import { inEnglish } from "./support/english";
import { speakEnglish } from "./support/ui";

const H = 3_600_000;
const NOW = Date.parse("2026-03-14T12:00:00Z");
const LINK = "https://s.click.aliexpress.com/e/_DkReF42";

function event<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (listener: (...args: A) => unknown) => {
      listeners.push(listener);
    },
    fire: (...args: A) => {
      for (const l of listeners) l(...args);
    },
    listeners,
  };
}

function fakePlatform(manifestVersion = 3) {
  const state = {
    badge: { text: "", title: "", color: "" },
    alarms: new Map<string, { when?: number; periodInMinutes?: number }>(),
    menus: [] as { id: string; title: string; contexts: string[] }[],
    notifications: [] as { id: string; title: string; message: string; iconUrl: string }[],
    clipboard: [] as string[],
    tabs: [] as string[],
    cleared: [] as string[],
    permitted: true,
    clipboardFails: false,
  };
  const events = {
    onAlarm: event<[{ name: string }]>(),
    onClicked: event<[{ menuItemId: string | number }]>(),
    onCommand: event<[string]>(),
    onInstalled: event<[unknown]>(),
    onStartup: event<[]>(),
    onNotificationClicked: event<[string]>(),
    onPermissionAdded: event<[unknown]>(),
  };
  const platform: WalletPlatform = {
    manifestVersion,
    action: {
      setBadgeText: async ({ text }) => {
        state.badge.text = text;
      },
      setBadgeBackgroundColor: async ({ color }) => {
        state.badge.color = color;
      },
      setTitle: async ({ title }) => {
        state.badge.title = title;
      },
    },
    alarms: {
      create: vi.fn(async (name: string, info: { when?: number; periodInMinutes?: number }) => {
        state.alarms.set(name, info);
      }),
      get: async (name) => (state.alarms.has(name) ? { name } : undefined),
      clear: async (name) => state.alarms.delete(name),
      onAlarm: events.onAlarm,
    },
    contextMenus: {
      create: (properties) => {
        if (state.menus.some((m) => m.id === properties.id)) throw new Error("duplicate id");
        state.menus.push(properties);
      },
      removeAll: async () => {
        state.menus.length = 0;
      },
      onClicked: events.onClicked,
    },
    commands: { onCommand: events.onCommand },
    runtime: { onInstalled: events.onInstalled, onStartup: events.onStartup },
    notifications: {
      create: async (id, options) => {
        state.notifications.push({ id, ...options });
        return id;
      },
      clear: async (id) => {
        state.cleared.push(id);
        return true;
      },
      onClicked: events.onNotificationClicked,
    },
    permissions: { contains: async () => state.permitted, onAdded: events.onPermissionAdded },
    openTab: async (path) => {
      state.tabs.push(path);
    },
    writeClipboard: async (text) => {
      if (state.clipboardFails) throw new Error("denied");
      state.clipboard.push(text);
    },
  };
  return { platform, state, events };
}

let name: string;
let db: StackwiseDb;
let now: number;
let fake: ReturnType<typeof fakePlatform>;
let deps: WalletBackgroundDeps;

const coupon = (id: string, expiresMs: number, extra: Record<string, unknown> = {}) => ({
  id,
  kind: "platform",
  off: 500,
  minSpend: 0,
  expiresAt: new Date(expiresMs).toISOString(),
  currency: "USD",
  status: "active",
  ...extra,
});

beforeEach(async () => {
  fakeBrowser.reset();
  speakEnglish();
  name = `bg-wallet-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
  now = NOW;
  fake = fakePlatform();
  deps = {
    platform: fake.platform,
    openDb: () => openStackwiseDb({ name }),
    now: () => now,
    timeZone: () => "UTC",
    locale: () => "en-US",
  };
});

afterEach(async () => {
  db.close();
  await Dexie.delete(name);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("setting up", () => {
  it("on install: a Copy referral link item on the toolbar icon's menu, an hourly alarm and the badge", async () => {
    await addCoupon(db, coupon("soon", NOW + 5 * H));
    startWallet(deps);
    fake.events.onInstalled.fire({ reason: "install" });
    await vi.waitFor(() => expect(fake.state.badge.text).toBe("1"));
    expect(fake.state.menus).toEqual([
      { id: COPY_MENU_ID, title: "Copy referral link", contexts: ["action"] },
    ]);
    expect(fake.state.alarms.get(REFRESH_ALARM)).toEqual({ periodInMinutes: 60 });
  });

  it("writes the popup's early copy of the default link, for a profile whose copy is missing (an update)", async () => {
    await addReferralLink(db, { input: "https://s.click.aliexpress.com/e/_DkReF42" });
    await fakeBrowser.storage.local.remove(LINK_MIRROR_KEY);
    await setUpWallet(deps);
    expect((await fakeBrowser.storage.local.get(LINK_MIRROR_KEY))[LINK_MIRROR_KEY]).toMatchObject({
      links: { aliexpress: "https://s.click.aliexpress.com/e/_DkReF42" },
    });
  });

  it("names the toolbar context of Manifest V2 (Firefox) browser_action", async () => {
    const mv2 = fakePlatform(2);
    await setUpWallet({ ...deps, platform: mv2.platform });
    expect(mv2.state.menus[0]?.contexts).toEqual(["browser_action"]);
  });

  it("starts again cleanly on every browser start: one menu item, the existing alarm kept", async () => {
    await setUpWallet(deps);
    await setUpWallet(deps);
    expect(fake.state.menus).toHaveLength(1);
    expect(
      vi.mocked(fake.platform.alarms.create).mock.calls.filter(([n]) => n === REFRESH_ALARM),
    ).toHaveLength(1);
  });

  it("registers every listener at once, without awaiting anything", () => {
    startWallet(deps);
    for (const e of Object.values(fake.events)) expect(e.listeners).toHaveLength(1);
  });
});

describe("the badge", () => {
  it("counts active coupons expiring within 72 hours, and says so in the tooltip", async () => {
    await addCoupon(db, coupon("in-10h", NOW + 10 * H));
    await addCoupon(db, coupon("in-71h", NOW + 71 * H));
    await addCoupon(db, coupon("in-73h", NOW + 73 * H));
    await addCoupon(db, coupon("used", NOW + 5 * H, { status: "used" }));
    await addCoupon(db, coupon("expired", NOW - H));
    expect(await refreshWallet(deps)).toBe(2);
    expect(fake.state.badge).toEqual({
      text: "2",
      title: "Stackwise: 2 coupons expire within 72 hours",
      color: "#b45309",
    });
    // Next change: "in-73h" enters its last 72 hours an hour from now.
    expect(fake.state.alarms.get(BOUNDARY_ALARM)).toEqual({ when: NOW + H + 1000 });
  });

  it("says one coupon expires, not one coupons", async () => {
    await addCoupon(db, coupon("in-10h", NOW + 10 * H));
    expect(await refreshWallet(deps)).toBe(1);
    expect(fake.state.badge).toMatchObject({
      text: "1",
      title: "Stackwise: 1 coupon expires within 72 hours",
    });
  });

  it("is empty with nothing expiring, and sets no boundary alarm for an empty wallet", async () => {
    expect(await refreshWallet(deps)).toBe(0);
    expect(fake.state.badge.text).toBe("");
    expect(fake.state.badge.title).toBe("Stackwise: copy your referral link");
    expect(fake.state.alarms.has(BOUNDARY_ALARM)).toBe(false);
  });

  it("is recounted when an alarm fires (and only for its own alarms)", async () => {
    await addCoupon(db, coupon("later", NOW + 80 * H));
    startWallet(deps);
    await refreshWallet(deps);
    expect(fake.state.badge.text).toBe("");
    now = NOW + 9 * H;
    fake.events.onAlarm.fire({ name: "someone-elses-alarm" });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.state.badge.text).toBe("");
    fake.events.onAlarm.fire({ name: BOUNDARY_ALARM });
    await vi.waitFor(() => expect(fake.state.badge.text).toBe("1"));
    now = NOW + 81 * H;
    fake.events.onAlarm.fire({ name: REFRESH_ALARM });
    await vi.waitFor(() => expect(fake.state.badge.text).toBe(""));
  });

  it("is recounted when a page says the wallet changed, and answers the count", async () => {
    await addCoupon(db, coupon("soon", NOW + 2 * H));
    const answer = await dispatch(
      walletHandlers(deps),
      { stackwise: 1, name: "wallet/changed", payload: { reason: "coupons" } },
      { id: "stackwise" },
      "stackwise",
    );
    expect(answer).toEqual({ ok: true, value: { expiringSoon: 1 } });
    expect(fake.state.badge.text).toBe("1");
  });

  it("is recounted at once when a panel's order uses a coupon, without waiting for an alarm", async () => {
    await addCoupon(db, coupon("soon", NOW + 2 * H, { off: 300 }));
    await addCoupon(db, coupon("later", NOW + 20 * H));
    const changed = walletChangedEvent(null);
    walletHandlers(deps, changed);
    await refreshWallet(deps);
    expect(fake.state.badge.text).toBe("2");
    const order = {
      storeCoupons: [],
      platformCoupon: { couponId: "soon", amount: 300 },
      coins: { coins: 0, amount: 0 },
      points: [],
    } as unknown as OrderResult;
    await recordPlacedOrder(db, order, changed, NOW);
    expect(fake.state.badge).toMatchObject({
      text: "1",
      title: "Stackwise: 1 coupon expires within 72 hours",
    });
    expect(fake.state.alarms.get(BOUNDARY_ALARM)).toBeDefined();
  });

  it("clears itself rather than failing when the database cannot be opened", async () => {
    fake.state.badge.text = "3";
    const count = await refreshWallet({ ...deps, openDb: () => Promise.reject(new Error("blocked")) });
    expect(count).toBe(0);
    expect(fake.state.badge.text).toBe("");
  });
});

/**
 * What the refresh reads from the expiry index, against the whole wallet read and filtered
 * here (what the worker did before it read the index only).
 */
describe("the badge's count, the next change and the day's coupons, read from the expiry index", () => {
  type Row = { expiresMs: number; status: "active" | "used" };
  /** The next instant the badge or a reminder changes, from the whole wallet. */
  const oracle = (rows: readonly Row[], nowMs: number, notify: boolean) => {
    let next: number | undefined;
    for (const r of rows) {
      if (r.status !== "active" || r.expiresMs <= nowMs) continue;
      for (const at of [r.expiresMs - 72 * H, r.expiresMs, ...(notify ? [r.expiresMs - 24 * H] : [])])
        if (at > nowMs && (next === undefined || at < next)) next = at;
    }
    return next;
  };
  const windows = (notify: boolean) => (notify ? [72, 24] : [72]);
  const put = async (rows: readonly Row[]) => {
    await db.coupons.clear();
    for (const [i, r] of rows.entries())
      await addCoupon(db, coupon(`c${i}`, r.expiresMs, r.status === "used" ? { status: "used" } : {}));
  };

  it("is the soonest of entering the 72-hour window and expiring, ignoring used and past coupons", async () => {
    await put([
      { expiresMs: NOW + 100 * H, status: "active" },
      { expiresMs: NOW + 10 * H, status: "active" },
    ]);
    expect(await nextExpiryBoundary(db, NOW, windows(false))).toBe(NOW + 10 * H);
    await put([{ expiresMs: NOW + 100 * H, status: "active" }]);
    expect(await nextExpiryBoundary(db, NOW, windows(false))).toBe(NOW + 28 * H);
    await put([
      { expiresMs: NOW + 5 * H, status: "used" },
      { expiresMs: NOW - H, status: "active" },
    ]);
    expect(await nextExpiryBoundary(db, NOW, windows(false))).toBeUndefined();
  });

  it("includes the day-before instant when reminders are on", async () => {
    await put([{ expiresMs: NOW + 30 * H, status: "active" }]);
    expect(await nextExpiryBoundary(db, NOW, windows(false))).toBe(NOW + 30 * H);
    expect(await nextExpiryBoundary(db, NOW, windows(true))).toBe(NOW + 6 * H);
  });

  it("agrees with the whole wallet on any wallet: the count, the next change, the coupons due within the day", async () => {
    // Expiries on a coarse grid around now, so that ties, edges (exactly now, exactly 24 and
    // 72 hours on) and past coupons all come up.
    const row = fc.record({
      expiresMs: fc.integer({ min: -10, max: 90 }).map((h) => NOW + h * H + (h % 3 === 0 ? 0 : 1)),
      status: fc.constantFrom<Row["status"]>("active", "active", "used"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), fc.boolean(), async (rows, notify) => {
        await put(rows);
        expect(await nextExpiryBoundary(db, NOW, windows(notify))).toBe(oracle(rows, NOW, notify));
        const due = (await activeExpiringWithin(db, NOW, 24)).map((c) => c.id);
        const expected = rows
          .map((r, i) => ({ ...r, id: `c${i}` }))
          .filter((r) => r.status === "active" && r.expiresMs > NOW && r.expiresMs <= NOW + 24 * H)
          .sort((a, b) => a.expiresMs - b.expiresMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((r) => r.id);
        expect(due).toEqual(expected);
        expect(await countExpiringSoon(db, NOW)).toBe(
          rows.filter((r) => r.status === "active" && r.expiresMs > NOW && r.expiresMs <= NOW + 72 * H)
            .length,
        );
        const ids = rows.map((_, i) => `c${i}`).concat("gone");
        const live = await liveCouponIds(db, ids, NOW);
        expect([...live].sort()).toEqual(
          rows.flatMap((r, i) => (r.status === "active" && r.expiresMs > NOW ? [`c${i}`] : [])).sort(),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe("copying the referral link without opening anything", () => {
  it("copies the default link from the toolbar menu and shows a tick, then the count again", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    await addCoupon(db, coupon("soon", NOW + 2 * H));
    startWallet(deps);
    fake.events.onClicked.fire({ menuItemId: COPY_MENU_ID });
    await vi.waitFor(() => expect(fake.state.clipboard).toEqual([LINK]));
    await vi.waitFor(() => expect(fake.state.badge.text).toBe("✓"));
    expect(fake.state.badge.title).toBe(`Copied: ${LINK}`);
    await vi.waitFor(() => expect(fake.state.badge.text).toBe("1"), { timeout: FLASH_MS + 2000 });
  });

  it("copies from the keyboard shortcut, and ignores other commands and menu items", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    startWallet(deps);
    fake.events.onCommand.fire("some-other-command");
    fake.events.onClicked.fire({ menuItemId: "some-other-item" });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.state.clipboard).toEqual([]);
    fake.events.onCommand.fire(COPY_COMMAND);
    await vi.waitFor(() => expect(fake.state.clipboard).toEqual([LINK]));
  });

  it("copies the active program's link, or the built-in program's when that program is gone", async () => {
    await saveProgramSettings(db, { ...defaultProgramSettings(), id: "other", name: "Other" });
    await addReferralLink(db, { input: LINK, now: NOW });
    await addReferralLink(db, { input: "OTHER-CODE", programId: "other", now: NOW });
    await savePreferences({ activeProgramId: "other" });
    expect(await copyDefaultLink(deps)).toBe("copied");
    await savePreferences({ activeProgramId: "deleted-program" });
    expect(await copyDefaultLink(deps)).toBe("copied");
    expect(fake.state.clipboard).toEqual(["OTHER-CODE", LINK]);
  });

  it("copies nothing and says why when there is no link, a refused link, or no clipboard", async () => {
    expect(await copyDefaultLink(deps)).toBe("no-link");
    expect(fake.state.badge.text).toBe("!");
    expect(fake.state.badge.title).toBe("No referral link saved yet: open Stackwise to add one");

    await updateProgramSettings(db, "aliexpress", { shortLinkHosts: ["go.example.net"] });
    await addReferralLink(db, { input: "https://go.example.net/r/1", now: NOW });
    await updateProgramSettings(db, "aliexpress", { shortLinkHosts: [] });
    expect(await copyDefaultLink(deps)).toBe("not-allowed");
    expect(fake.state.clipboard).toEqual([]);

    await updateProgramSettings(db, "aliexpress", { shortLinkHosts: ["go.example.net"] });
    fake.state.clipboardFails = true;
    expect(await copyDefaultLink(deps)).toBe("failed");
    expect(fake.state.badge.title).toBe("Stackwise could not copy the referral link");
  });
});

describe("reminders a day before expiry", () => {
  beforeEach(async () => {
    await addCoupon(db, coupon("in-20h", NOW + 20 * H, { off: 300 }));
    await addCoupon(db, coupon("in-30h", NOW + 30 * H));
  });

  it("are off by default", async () => {
    await refreshWallet(deps);
    expect(fake.state.notifications).toEqual([]);
  });

  it("go out once per coupon when turned on and permitted, and again for a changed expiry", async () => {
    await savePreferences({ notifyBeforeExpiry: true });
    await refreshWallet(deps);
    expect(fake.state.notifications).toHaveLength(1);
    expect(fake.state.notifications[0]).toMatchObject({
      id: "stackwise-expiry-in-20h",
      title: "A coupon expires tomorrow",
      message: "$3.00 off expires Mar 15, 2026, 8:00 AM.",
    });
    expect(fake.state.notifications[0]?.iconUrl).toMatch(/^data:image\/png;base64,/);
    // The next boundary is the other coupon's last day.
    expect(fake.state.alarms.get(BOUNDARY_ALARM)).toEqual({ when: NOW + 6 * H + 1000 });

    await refreshWallet(deps);
    expect(fake.state.notifications).toHaveLength(1);
    now = NOW + 7 * H;
    await refreshWallet(deps);
    expect(fake.state.notifications.map((n) => n.id)).toEqual([
      "stackwise-expiry-in-20h",
      "stackwise-expiry-in-30h",
    ]);

    await saveCoupon(db, coupon("in-20h", NOW + 21 * H, { off: 300 }));
    await refreshWallet(deps);
    expect(fake.state.notifications).toHaveLength(3);
    const notified = (await browser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY];
    expect(Object.keys(notified as object).sort()).toEqual(["in-20h", "in-30h"]);
  });

  it("open the wallet in a tab when clicked, and close themselves; other notifications are not ours", async () => {
    startWallet(deps);
    fake.events.onNotificationClicked.fire("stackwise-expiry-in-20h");
    await vi.waitFor(() => expect(fake.state.tabs).toEqual([WALLET_PAGE]));
    expect(WALLET_PAGE).toBe("/wallet.html#wallet");
    await vi.waitFor(() => expect(fake.state.cleared).toEqual(["stackwise-expiry-in-20h"]));
    expect(await openWalletFromNotification(deps, "someone-else")).toBe(false);
    expect(fake.state.tabs).toHaveLength(1);
  });

  it("are heard once the permission is granted while the worker runs, and only once", async () => {
    const { notifications } = fake.platform;
    fake.platform.notifications = undefined;
    startWallet(deps);
    expect(fake.events.onNotificationClicked.listeners).toHaveLength(0);
    fake.platform.notifications = notifications;
    fake.events.onPermissionAdded.fire({ permissions: ["notifications"] });
    fake.events.onPermissionAdded.fire({ permissions: ["notifications"] });
    expect(fake.events.onNotificationClicked.listeners).toHaveLength(1);
  });

  it("stay silent without the permission", async () => {
    await savePreferences({ notifyBeforeExpiry: true });
    fake.state.permitted = false;
    await refreshWallet(deps);
    expect(fake.state.notifications).toEqual([]);
  });
});

describe("the clipboard writer", () => {
  function fakeOffscreen(options: { exists?: boolean; createError?: string } = {}) {
    const log: string[] = [];
    let open = options.exists ?? false;
    return {
      log,
      api: {
        hasDocument: vi.fn(async () => open),
        createDocument: vi.fn(async (p: { url: string; reasons: string[]; justification: string }) => {
          log.push(`create ${p.url} ${p.reasons.join()}`);
          if (options.createError) throw new Error(options.createError);
          open = true;
        }),
        closeDocument: vi.fn(async () => {
          log.push("close");
          open = false;
        }),
      },
    };
  }

  it("writes through an offscreen document in a worker, closing it after each copy, one copy at a time", async () => {
    const offscreen = fakeOffscreen();
    const sent: unknown[] = [];
    vi.spyOn(browser.runtime, "sendMessage").mockImplementation((async (message: unknown) => {
      sent.push(message);
      offscreen.log.push("send");
      return { ok: true, value: { written: true } };
    }) as never);
    const write = clipboardWriter({ hasDom: false, offscreen: offscreen.api });
    await Promise.all([write("first"), write("second")]);
    expect(offscreen.log).toEqual([
      "create offscreen.html CLIPBOARD",
      "send",
      "close",
      "create offscreen.html CLIPBOARD",
      "send",
      "close",
    ]);
    expect(sent).toEqual([
      { stackwise: 1, name: "clipboard/write", payload: { text: "first" } },
      { stackwise: 1, name: "clipboard/write", payload: { text: "second" } },
    ]);
  });

  it("uses a document that is already open, and closes it even when the copy fails", async () => {
    const offscreen = fakeOffscreen({ exists: true });
    vi.spyOn(browser.runtime, "sendMessage").mockResolvedValue({
      ok: false,
      error: message("bus_failed", "execCommand refused"),
    } as never);
    const write = clipboardWriter({ hasDom: false, offscreen: offscreen.api });
    await expect(write("x")).rejects.toThrow("execCommand refused");
    expect(offscreen.api.createDocument).not.toHaveBeenCalled();
    expect(offscreen.log).toEqual(["close"]);
  });

  it("writes directly where the background has a page (Firefox)", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    const offscreen = fakeOffscreen();
    await clipboardWriter({ hasDom: true, offscreen: offscreen.api })("direct");
    expect(writeText).toHaveBeenCalledWith("direct");
    expect(offscreen.log).toEqual([]);
  });
});

describe("captured coupons", () => {
  const draft = (off: number) => ({
    kind: "platform",
    off,
    minSpend: 0,
    currency: "USD",
    expiresAt: new Date(NOW + 5 * H).toISOString(),
  });
  const ask = (name: string, payload: unknown) =>
    dispatch(walletHandlers(deps), { stackwise: 1, name, payload }, { id: "stackwise" }, "stackwise");

  it("capture/add adds the batch, says what was already there and recounts the badge", async () => {
    await addCoupon(db, { id: "mine", ...draft(100), status: "active" });
    const answer = await ask("capture/add", { drafts: [draft(100), draft(200)], source: "page" });
    expect(answer).toMatchObject({
      ok: true,
      value: { alreadyThere: [{ index: 0, couponId: "mine" }], added: [{ index: 1 }] },
    });
    expect(fake.state.badge.text).toBe("2");
    const undo = await ask("capture/undo", {});
    expect(undo).toMatchObject({ ok: true, value: { kept: [] } });
    expect((undo as { value: { removed: string[] } }).value.removed).toHaveLength(1);
    expect(fake.state.badge.text).toBe("1");
  });

  it("a bad batch is answered with the reason and changes nothing", async () => {
    const answer = await ask("capture/add", {
      drafts: [{ ...draft(100), expiresAt: undefined }],
      source: "paste",
    });
    expect(answer).toMatchObject({ ok: false });
    expect(inEnglish((answer as { error: Message }).error)).toMatch(/no expiry/);
    const wrongShape = await ask("capture/add", { drafts: [{ kind: "gift" }], source: "paste" });
    expect(wrongShape).toMatchObject({ ok: false });
    expect(await db.coupons.count()).toBe(0);
  });
});

describe("the wallet's picture, drawn again by the background (wallet-picture.ts)", () => {
  /** The picture the next popup opened on the wallet would find. */
  const kept = async () =>
    (await fakeBrowser.storage.local.get(SCREEN_COPY_KEY))[SCREEN_COPY_KEY] as ScreenCopy | undefined;
  const stamp = async () => (await fakeBrowser.storage.local.get(WRITE_STAMP_KEY))[WRITE_STAMP_KEY];

  beforeEach(() => {
    // As browserPlatform gives it: storage.local, and its changes.
    fake.platform.localStorage = localStorageOf(fakeBrowser.storage);
  });

  it("a moment after a write elsewhere, and again at the alarm for when a label on it reads otherwise", async () => {
    startWallet(deps);
    await addCoupon(db, coupon("soon", NOW + 5 * H + H / 2));
    await vi.waitFor(async () => expect((await kept())?.stamp).toBe(await stamp()), { timeout: 3000 });
    expect(JSON.stringify((await kept())?.screen)).toContain("in 5 hours");
    expect(fake.state.alarms.get(PICTURE_ALARM)).toEqual({ when: NOW + H / 2 + 1 + 1000 });

    now = NOW + H;
    fake.events.onAlarm.fire({ name: PICTURE_ALARM });
    await vi.waitFor(async () => expect(JSON.stringify((await kept())?.screen)).toContain("in 4 hours"));

    // A change to storage that the picture does not depend on draws nothing.
    const before = await kept();
    await fakeBrowser.storage.local.set({ [NOTIFIED_KEY]: { other: "x" } });
    await new Promise((r) => setTimeout(r, REDRAW_DELAY_MS + 100));
    expect(await kept()).toEqual(before);
  });

  it("not without storage.local (the rest of the wallet's tests run without it)", async () => {
    delete fake.platform.localStorage;
    startWallet(deps);
    await addCoupon(db, coupon("soon", NOW + 5 * H));
    await new Promise((r) => setTimeout(r, REDRAW_DELAY_MS + 100));
    expect(await kept()).toBeUndefined();
  });
});
