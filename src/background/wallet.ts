/**
 * Background side of the wallet half: the toolbar badge (coupons expiring
 * within 72 hours), the "Copy referral link" menu on the toolbar icon and its
 * keyboard shortcut, and the optional day-before expiry notifications.
 *
 * Nothing here keeps the worker alive: the badge is recounted when an alarm
 * fires, when the browser starts or the extension is installed, and when a
 * page says the wallet changed. Every browser API goes through
 * `WalletPlatform` so the tests can drive it without a browser.
 */
import { browser } from "wxt/browser";
import { z } from "../../optimizer/zod";
import { systemTimeZone } from "../core/calendar";
import { DEFAULT_PROGRAM_ID } from "../referral/settings";
import type { Handlers } from "../services/bus";
import { send, serve } from "../services/bus";
import { copyText } from "../services/clipboard";
import { couponFace } from "../services/coupon-labels";
import { dateTimeLabel } from "../services/format";
import { t, tn, uiLocale } from "../services/i18n";
import { OPENING_KEYS } from "../services/screen-picture";
import { type WalletChangedEvent, walletChanged, walletChangedEvent } from "../services/wallet-changed";
import { loadPreferences } from "../services/wallet-preferences";
import { addCapturedCoupons, undoLastImport } from "../storage/capture";
import { openStackwiseDb, type StackwiseDb } from "../storage/db";
import { refreshLinkMirror } from "../storage/linkMirror";
import { getDefaultReferralLink } from "../storage/links";
import type { StoredCoupon } from "../storage/schemas";
import {
  activeExpiringWithin,
  countExpiringSoon,
  liveCouponIds,
  nextExpiryBoundary,
} from "../storage/wallet";
import { badgeText, EXPIRING_SOON_HOURS } from "../wallet/coupons";
import { PICTURE_ALARM, type PictureDeps, pictureRedrawer } from "./wallet-picture";

export const COPY_MENU_ID = "stackwise-copy-referral-link";
/** Must match the command declared in wxt.config.ts. */
export const COPY_COMMAND = "copy-referral-link";
/** A periodic backstop: catches clock changes and sleep, which move no boundary alarm. */
export const REFRESH_ALARM = "wallet-refresh";
export const REFRESH_PERIOD_MINUTES = 60;
/** One-shot, at the next instant the badge or a notification must change. */
export const BOUNDARY_ALARM = "wallet-boundary";
export const NOTIFY_BEFORE_HOURS = 24;
export const NOTIFIED_KEY = "walletNotified";
const NOTIFICATION_PREFIX = "stackwise-expiry-";
/** Where a click on an expiry notification leads: the wallet, sorted by expiry. */
export const WALLET_PAGE = "/wallet.html#wallet";
const OFFSCREEN_PATH = "offscreen.html";
/** How long the badge shows the result of a copy before it shows the count again. */
export const FLASH_MS = 2000;
export const BADGE_COLOR = "#b45309";
export const FLASH_COLOR = "#0f766e";

/** A 48 px tile (three white bars on teal): Chrome refuses a notification without an icon. */
const NOTIFICATION_ICON =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAgUlEQVR42u3aMQqAMAwF0NzAmzp6fd1cRFGqpYkv0P2/oSk0ibhZ0zKvPU+0Vu/Ar4FGC/4IMnr4S0SW8KeI1IBs4Q8IAIAGQNbwOwIgG+DrAgAA0IUAAFxiAAAAbRQAQBcCAPCQaaPl/0d9rwP8eU5Wb8yaftBdYtWgxLJHtnWbDasVb/bswuaXAAAAAElFTkSuQmCC";

interface Event<A extends unknown[]> {
  addListener(callback: (...args: A) => unknown): void;
}

/** The slice of the extension APIs this file uses; `browserPlatform()` fills it from the real ones. */
export interface WalletPlatform {
  /** 2 or 3: names the toolbar icon's menu context ("browser_action" or "action"). */
  manifestVersion: number;
  action: {
    setBadgeText(details: { text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { color: string }): Promise<void>;
    setTitle(details: { title: string }): Promise<void>;
  };
  alarms: {
    create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> | void;
    get(name: string): Promise<{ name: string } | undefined | null>;
    clear(name: string): Promise<boolean>;
    onAlarm: Event<[{ name: string }]>;
  };
  contextMenus: {
    create(properties: { id: string; title: string; contexts: string[] }): void;
    removeAll(): Promise<void>;
    onClicked: Event<[{ menuItemId: string | number }, ...unknown[]]>;
  };
  commands: { onCommand: Event<[string, ...unknown[]]> };
  runtime: { onInstalled: Event<[unknown]>; onStartup: Event<[]> };
  notifications?: {
    create(
      id: string,
      options: { type: "basic"; iconUrl: string; title: string; message: string },
    ): Promise<string>;
    clear(id: string): Promise<boolean>;
    onClicked: Event<[string]>;
  };
  /** Opens an extension page in a new tab (no "tabs" permission needed). */
  openTab(path: string): Promise<void>;
  permissions: {
    contains(permissions: { permissions: string[] }): Promise<boolean>;
    onAdded?: Event<[unknown]>;
  };
  /** Writes the clipboard without a page: an offscreen document in Chrome, the background page elsewhere. */
  writeClipboard(text: string): Promise<void>;
  /**
   * `storage.local`, and its changes, for the wallet's picture (wallet-picture.ts). Without
   * them (tests of the rest), no picture is drawn here.
   */
  localStorage?: PictureDeps["storage"] & {
    onChanged: Event<[Record<string, unknown>]>;
  };
}

export interface WalletBackgroundDeps {
  platform: WalletPlatform;
  openDb(): Promise<StackwiseDb>;
  now(): number;
  timeZone(): string;
  locale(): string;
}

async function withDb<T>(deps: WalletBackgroundDeps, use: (db: StackwiseDb) => Promise<T>): Promise<T> {
  // Opened per task and closed at once: a connection held by an idle worker
  // would block the next schema upgrade of an open popup.
  const db = await deps.openDb();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

async function showBadge(platform: WalletPlatform, text: string, title: string, color = BADGE_COLOR) {
  await platform.action.setBadgeBackgroundColor({ color });
  await platform.action.setBadgeText({ text });
  await platform.action.setTitle({ title });
}

const NotifiedSchema = z.record(z.string(), z.string());

/** The coupons already notified, by id, with the expiry they were notified of. */
async function notifiedBefore(): Promise<Record<string, string>> {
  const stored = (await browser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY];
  const parsed = NotifiedSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * Day-before notifications, once per coupon and expiry (an edited expiry notifies again):
 * `due` are the active coupons expiring within the day, `live` which of those notified
 * before are still usable (the others are forgotten).
 */
async function notifyExpiring(
  deps: WalletBackgroundDeps,
  due: readonly StoredCoupon[],
  before: Record<string, string>,
  live: ReadonlySet<string>,
): Promise<number> {
  const { platform } = deps;
  if (platform.notifications === undefined) return 0;
  if (!(await platform.permissions.contains({ permissions: ["notifications"] }))) return 0;
  const notified: Record<string, string> = {};
  for (const [id, expiresAt] of Object.entries(before)) if (live.has(id)) notified[id] = expiresAt;
  let sent = 0;
  for (const c of due) {
    if (notified[c.id] === c.expiresAt) continue;
    await platform.notifications.create(`${NOTIFICATION_PREFIX}${c.id}`, {
      type: "basic",
      iconUrl: NOTIFICATION_ICON,
      title: t("notifyExpiryTitle"),
      message: t(
        "notifyExpiryMessage",
        couponFace(c, deps.locale()),
        dateTimeLabel(c.expiresAt, deps.locale(), deps.timeZone()),
      ),
    });
    notified[c.id] = c.expiresAt;
    sent++;
  }
  await browser.storage.local.set({ [NOTIFIED_KEY]: notified });
  return sent;
}

/**
 * Recounts the badge, sends due notifications and sets the alarm for the next
 * change. Returns the number of coupons expiring within 72 hours. Reads only what
 * it needs from the expiry index (the count, the day's coupons, the next edge): it
 * runs on every wallet change, and a wallet may hold tens of thousands of coupons.
 */
export async function refreshWallet(deps: WalletBackgroundDeps): Promise<number> {
  const { platform } = deps;
  const nowMs = deps.now();
  const prefs = await loadPreferences();
  const notify = prefs.notifyBeforeExpiry;
  const before = notify ? await notifiedBefore().catch(() => ({})) : {};
  let read: { count: number; due: StoredCoupon[]; live: Set<string>; next: number | undefined };
  try {
    read = await withDb(deps, async (db) => ({
      count: await countExpiringSoon(db, nowMs),
      due: notify ? await activeExpiringWithin(db, nowMs, NOTIFY_BEFORE_HOURS) : [],
      live: notify ? await liveCouponIds(db, Object.keys(before), nowMs) : new Set<string>(),
      next: await nextExpiryBoundary(
        db,
        nowMs,
        notify ? [EXPIRING_SOON_HOURS, NOTIFY_BEFORE_HOURS] : [EXPIRING_SOON_HOURS],
      ),
    }));
  } catch {
    // The popup shows the storage error in words; a badge has no room for it.
    await showBadge(platform, "", t("actionTitle"));
    return 0;
  }
  const { count, due, live, next } = read;
  await showBadge(
    platform,
    badgeText(count),
    count > 0 ? tn("actionTitleExpiring", count, count) : t("actionTitle"),
  );
  if (notify) await notifyExpiring(deps, due, before, live).catch(() => 0);
  // A second late, so that the boundary has certainly passed when the alarm fires.
  if (next === undefined) await platform.alarms.clear(BOUNDARY_ALARM);
  else await platform.alarms.create(BOUNDARY_ALARM, { when: next + 1000 });
  return count;
}

export type CopyOutcome = "copied" | "no-link" | "not-allowed" | "failed";

/** A short sign on the toolbar icon that the copy worked (or why not), then the count again. */
async function flash(deps: WalletBackgroundDeps, text: string, title: string) {
  await showBadge(deps.platform, text, title, FLASH_COLOR);
  setTimeout(() => void refreshWallet(deps), FLASH_MS);
}

/** Copies the active program's default link: the toolbar menu and the shortcut, without opening anything. */
export async function copyDefaultLink(deps: WalletBackgroundDeps): Promise<CopyOutcome> {
  const prefs = await loadPreferences();
  let link: Awaited<ReturnType<typeof getDefaultReferralLink>>;
  try {
    link = await withDb(deps, async (db) => {
      try {
        return await getDefaultReferralLink(db, prefs.activeProgramId);
      } catch {
        // The chosen program was deleted (or never imported): fall back to the built-in one.
        return getDefaultReferralLink(db, DEFAULT_PROGRAM_ID);
      }
    });
  } catch {
    await flash(deps, "!", t("copyFailedTitle"));
    return "failed";
  }
  if (link === undefined) {
    await flash(deps, "!", t("noLinkTitle"));
    return "no-link";
  }
  if (!link.allowed) {
    await flash(deps, "!", t("linkNotAllowedTitle"));
    return "not-allowed";
  }
  try {
    await deps.platform.writeClipboard(link.value);
  } catch {
    await flash(deps, "!", t("copyFailedTitle"));
    return "failed";
  }
  await flash(deps, "✓", t("copiedTitle", link.value));
  return "copied";
}

/**
 * A click on an expiry notification opens the wallet in a tab: a popup cannot
 * be opened from a notification in every browser, and a tab also leaves the
 * user room to act on the coupon.
 */
export async function openWalletFromNotification(deps: WalletBackgroundDeps, id: string): Promise<boolean> {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return false;
  await deps.platform.openTab(WALLET_PAGE);
  await deps.platform.notifications?.clear(id);
  return true;
}

/** Menu, periodic alarm and badge: on install, update and browser start. */
export async function setUpWallet(deps: WalletBackgroundDeps): Promise<void> {
  const { platform } = deps;
  await platform.contextMenus.removeAll();
  platform.contextMenus.create({
    id: COPY_MENU_ID,
    title: t("copyReferralLink"),
    contexts: [platform.manifestVersion >= 3 ? "action" : "browser_action"],
  });
  if (!(await platform.alarms.get(REFRESH_ALARM)))
    await platform.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_PERIOD_MINUTES });
  // The popup's early copy of the default link (src/storage/linkMirror.ts), written now so the
  // first popup after an install or update already copies before it loads.
  await withDb(deps, (db) => refreshLinkMirror(db)).catch(() => undefined);
  await refreshWallet(deps);
}

/**
 * The badge listens to walletChanged (whoever changed the wallet), and a
 * page's `wallet/changed` message announces it: the badge, the panels' feed
 * and other pages hear it once. The answer is the badge's new count.
 */
export function walletHandlers(
  deps: WalletBackgroundDeps,
  event: WalletChangedEvent = walletChangedEvent(null),
): Handlers {
  let expiringSoon = 0;
  event.listen(async () => {
    expiringSoon = await refreshWallet(deps);
  });
  return {
    "wallet/changed": async (change) => {
      await event.announce(change);
      return { expiringSoon };
    },
    // A captured batch changes the wallet like any other write: announced once, the badge follows.
    "capture/add": async ({ drafts, source }) => {
      const outcome = await withDb(deps, (db) => addCapturedCoupons(db, drafts, source, deps.now()));
      if (outcome.added.length > 0) await event.announce({ reason: "coupons" });
      return {
        importId: outcome.importId,
        added: outcome.added.map((a) => ({ index: a.index, couponId: a.coupon.id })),
        alreadyThere: outcome.alreadyThere,
      };
    },
    "capture/undo": async () => {
      const outcome = await withDb(deps, (db) => undoLastImport(db));
      if (outcome.removed.length > 0) await event.announce({ reason: "coupons" });
      return outcome;
    },
  };
}

/** Redraws the wallet's picture where the platform gives `storage.local` (wallet-picture.ts). */
function walletPictureRedrawer(deps: WalletBackgroundDeps, swallow: (p: Promise<unknown>) => void) {
  const { platform } = deps;
  const storage = platform.localStorage;
  if (storage === undefined) return undefined;
  return pictureRedrawer(
    {
      storage,
      loadPreferences,
      withDb: (use) => withDb(deps, use),
      now: deps.now,
      timeZone: deps.timeZone,
      locale: deps.locale,
    },
    async (when) => {
      if (when === undefined) await platform.alarms.clear(PICTURE_ALARM);
      else await platform.alarms.create(PICTURE_ALARM, { when });
    },
    (e) => swallow(Promise.reject(e)),
  );
}

/** Registers every listener synchronously, as an MV3 worker must to be woken by them. */
export function startWallet(deps: WalletBackgroundDeps = browserDeps()): void {
  const { platform } = deps;
  const swallow = (p: Promise<unknown>) => {
    p.catch((e: unknown) => console.error("Stackwise wallet:", e));
  };
  const picture = walletPictureRedrawer(deps, swallow);
  platform.runtime.onInstalled.addListener(() => {
    swallow(setUpWallet(deps));
    picture?.soon();
  });
  platform.runtime.onStartup.addListener(() => {
    swallow(setUpWallet(deps));
    picture?.soon();
  });
  platform.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM || alarm.name === BOUNDARY_ALARM) {
      swallow(refreshWallet(deps));
      // At a boundary the reminder may be about to open the wallet: its picture must be good.
      void picture?.now();
    }
    if (alarm.name === PICTURE_ALARM) void picture?.now();
  });
  platform.localStorage?.onChanged.addListener((changes) => {
    // The keys whose change leaves the picture stale.
    if (OPENING_KEYS.some((key) => key in changes)) picture?.soon();
  });
  platform.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === COPY_MENU_ID) swallow(copyDefaultLink(deps));
  });
  platform.commands.onCommand.addListener((command) => {
    if (command === COPY_COMMAND) swallow(copyDefaultLink(deps));
  });
  // The notifications API exists only once its optional permission is granted. Granted before this worker
  // started: listen now, synchronously, so a click can wake the worker. Granted while it runs: listen then.
  let hearingClicks = false;
  const hearClicks = () => {
    if (hearingClicks || platform.notifications === undefined) return;
    hearingClicks = true;
    platform.notifications.onClicked.addListener((id) => swallow(openWalletFromNotification(deps, id)));
  };
  hearClicks();
  platform.permissions.onAdded?.addListener(hearClicks);
  serve(walletHandlers(deps, walletChanged));
}

// ---- the real browser ----

export interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

let offscreenQueue: Promise<unknown> = Promise.resolve();

/** Chrome MV3: the worker has no clipboard, so a short-lived offscreen document writes it. */
export function offscreenClipboard(offscreen: OffscreenApi): (text: string) => Promise<void> {
  const writeOnce = async (text: string) => {
    if (!(await offscreen.hasDocument?.()))
      await offscreen
        .createDocument({
          url: OFFSCREEN_PATH,
          reasons: ["CLIPBOARD"],
          justification: "Copy the referral link from the toolbar menu or keyboard shortcut.",
        })
        .catch((e: unknown) => {
          // Another copy opened it a moment ago; use that one.
          if (!String(e).includes("single offscreen")) throw e;
        });
    try {
      await send("clipboard/write", { text });
    } finally {
      await offscreen.closeDocument().catch(() => undefined);
    }
  };
  // One at a time: a second copy must not close the document under the first.
  return (text) => {
    const run = offscreenQueue.then(() => writeOnce(text));
    offscreenQueue = run.catch(() => undefined);
    return run;
  };
}

/**
 * How the background writes the clipboard: directly where it has a page
 * (Firefox's background page), through an offscreen document where it is a
 * service worker (Chrome).
 */
export function clipboardWriter(env: {
  hasDom: boolean;
  offscreen: OffscreenApi | undefined;
}): (text: string) => Promise<void> {
  if (env.hasDom || env.offscreen === undefined) return (text) => copyText(text);
  return offscreenClipboard(env.offscreen);
}

/** The slice of `browser.storage` the picture needs. */
interface StorageApi {
  local: PictureDeps["storage"];
  onChanged: { addListener(callback: (changes: Record<string, unknown>, area: string) => void): void };
}

/** `storage.local` as the platform gives it (the tests pass WXT's fake `storage`). */
export function localStorageOf(storage: StorageApi): NonNullable<WalletPlatform["localStorage"]> {
  return {
    get: (keys) => storage.local.get(keys),
    set: (items) => storage.local.set(items),
    // storage.onChanged with its area, which every browser has (StorageArea.onChanged is newer).
    onChanged: {
      addListener: (callback) =>
        storage.onChanged.addListener((changes, area) => {
          if (area === "local") callback(changes);
        }),
    },
  };
}

function browserPlatform(): WalletPlatform {
  const api = browser as unknown as Record<string, unknown> & typeof browser;
  const action = (api.action ?? api.browserAction) as WalletPlatform["action"];
  const offscreen = api.offscreen as OffscreenApi | undefined;
  return {
    manifestVersion: browser.runtime.getManifest().manifest_version,
    action,
    alarms: browser.alarms as unknown as WalletPlatform["alarms"],
    contextMenus: {
      create: (properties) =>
        void browser.contextMenus.create(properties as never, () => {
          // Read so Chrome does not log "Unchecked runtime.lastError" for a menu that already exists.
          void browser.runtime.lastError;
        }),
      removeAll: () => browser.contextMenus.removeAll(),
      onClicked: browser.contextMenus.onClicked as unknown as WalletPlatform["contextMenus"]["onClicked"],
    },
    commands: browser.commands as unknown as WalletPlatform["commands"],
    runtime: browser.runtime as unknown as WalletPlatform["runtime"],
    get notifications() {
      // Present only once the optional permission is granted.
      return api.notifications as WalletPlatform["notifications"];
    },
    permissions: browser.permissions as unknown as WalletPlatform["permissions"],
    openTab: async (path) => {
      await browser.tabs.create({ url: browser.runtime.getURL(path as "/popup.html") });
    },
    writeClipboard: clipboardWriter({ hasDom: typeof document !== "undefined", offscreen }),
    localStorage: localStorageOf(browser.storage),
  };
}

function browserDeps(): WalletBackgroundDeps {
  return {
    platform: browserPlatform(),
    openDb: () => openStackwiseDb(),
    now: () => Date.now(),
    timeZone: () => systemTimeZone(),
    locale: () => uiLocale(),
  };
}
