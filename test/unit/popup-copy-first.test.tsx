// @vitest-environment jsdom
/**
 * Copy first, render second: the copy of the default link that the storage
 * layer keeps in storage.local, the early script's decision from it (link
 * changed, deleted, setting off, a popup opened from the expiry reminder), and
 * the popup's check of that decision against the database.
 */
import { Dexie } from "dexie";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { defaultProgramSettings } from "../../src/referral/settings";
import { defaultPreferences, PREFERENCES_KEY, savePreferences } from "../../src/services/wallet-preferences";
import { exportStoreJson, importStore } from "../../src/storage/backup";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import { LINK_MIRROR_KEY, linkMirrorSettled } from "../../src/storage/linkMirror";
import {
  addReferralLink,
  listReferralLinks,
  removeReferralLink,
  setDefaultReferralLink,
} from "../../src/storage/links";
import { removeProgram, saveProgramSettings, updateProgramSettings } from "../../src/storage/programs";
import {
  type EarlyCopy,
  earlyCopyPlan,
  earlyCopyPlanned,
  LINK_COPY_STORAGE_KEY,
  PREFERENCES_STORAGE_KEY,
  publishEarlyCopy,
  publishedEarlyCopy,
  startEarlyCopy,
} from "../../src/ui/popup/copyFirst";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import { tabFromHash } from "../../src/ui/popup/PopupTabs";
import type { UiServices } from "../../src/ui/shared/services";
import { settle, speakEnglish, text } from "./support/ui";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const LINK = "https://s.click.aliexpress.com/e/_DkReF42";
const OTHER = "https://s.click.aliexpress.com/e/_OtherLnk";
const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;

const stored = () => fakeBrowser.storage.local.get([PREFERENCES_STORAGE_KEY, LINK_COPY_STORAGE_KEY]);

/** What the early script would do if the popup opened now, at `hash`. */
async function openingCopies(hash = ""): Promise<EarlyCopy | { kind: "copy"; text: string }> {
  return earlyCopyPlan(await stored(), hash);
}

beforeEach(async () => {
  fakeBrowser.reset();
  speakEnglish();
  name = `copy-first-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(name);
  vi.restoreAllMocks();
});

describe("the stored copy follows the database", () => {
  it("uses the same storage keys as the storage layer and the preferences", () => {
    expect(LINK_COPY_STORAGE_KEY).toBe(LINK_MIRROR_KEY);
    expect(PREFERENCES_STORAGE_KEY).toBe(PREFERENCES_KEY);
  });

  it("holds the first saved link as soon as the save resolves", async () => {
    expect(await openingCopies()).toEqual({ kind: "unknown" });
    await addReferralLink(db, { input: LINK, now: NOW });
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });

  it("follows a change of default, by a new default link and by choosing another", async () => {
    const first = await addReferralLink(db, { input: LINK, now: NOW });
    await addReferralLink(db, { input: OTHER, now: NOW + 1000, makeDefault: true });
    expect(await openingCopies()).toEqual({ kind: "copy", text: OTHER });
    await setDefaultReferralLink(db, first.id);
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });

  it("follows a deletion: the next link takes over, then nothing is copied", async () => {
    const first = await addReferralLink(db, { input: LINK, now: NOW });
    const second = await addReferralLink(db, { input: OTHER, now: NOW + 1000 });
    await removeReferralLink(db, first.id);
    expect(await openingCopies()).toEqual({ kind: "copy", text: OTHER });
    await removeReferralLink(db, second.id);
    expect(await openingCopies()).toEqual({ kind: "none" });
    expect(await listReferralLinks(db)).toEqual([]);
  });

  it("drops a link the program's settings no longer allow, and takes it back when they do", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    await updateProgramSettings(db, "aliexpress", { allowedLinkHosts: ["aliexpress.us"] });
    expect((await listReferralLinks(db))[0]?.allowed).toBe(false);
    expect(await openingCopies()).toEqual({ kind: "none" });
    await updateProgramSettings(db, "aliexpress", { allowedLinkHosts: ["aliexpress.com"] });
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });

  it("leaves the copy alone when a write is refused (its transaction aborted)", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    const before = (await stored())[LINK_COPY_STORAGE_KEY];
    await expect(
      db.transaction("rw", db.links, async () => {
        await db.links.update((await db.links.toArray())[0]?.id ?? "", { value: OTHER });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await linkMirrorSettled(db);
    expect((await stored())[LINK_COPY_STORAGE_KEY]).toEqual(before);
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });

  it("follows the active program, and falls back like the popup when it is removed", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    await saveProgramSettings(db, { ...defaultProgramSettings(), id: "other", name: "Other shop" });
    await addReferralLink(db, { input: OTHER, programId: "other", now: NOW });
    await savePreferences({ activeProgramId: "other" });
    expect(await openingCopies()).toEqual({ kind: "copy", text: OTHER });
    await removeProgram(db, "other");
    // The preferences still name the removed program; the popup shows the first listed one.
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });

  it("follows a restored backup", async () => {
    const old = await addReferralLink(db, { input: LINK, now: NOW });
    const backup = await exportStoreJson(db, { now: NOW });
    await addReferralLink(db, { input: OTHER, now: NOW, makeDefault: true });
    await removeReferralLink(db, old.id);
    expect(await openingCopies()).toEqual({ kind: "copy", text: OTHER });
    await importStore(db, backup, { mode: "replace" });
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });
});

describe("the early script's decision", () => {
  it("copies nothing when copy on open is off", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    await savePreferences({ copyOnOpen: false });
    expect(await openingCopies()).toEqual({ kind: "skipped" });
    await savePreferences({ copyOnOpen: true });
    expect(await openingCopies()).toEqual({ kind: "copy", text: LINK });
  });

  it("copies nothing in a popup opened from the expiry reminder (#wallet), nor for #tracker", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    for (const hash of ["#wallet", "#tracker"]) {
      expect(tabFromHash(hash)).not.toBe("referral");
      expect(await openingCopies(hash)).toEqual({ kind: "skipped" });
    }
    for (const hash of ["", "#", "#referral", "#nonsense"]) {
      expect(tabFromHash(hash)).toBe("referral");
      expect(await openingCopies(hash)).toEqual({ kind: "copy", text: LINK });
    }
  });

  it("reads unreadable preferences as the defaults, as the popup does", () => {
    const mirror = {
      version: 1,
      links: { aliexpress: LINK, other: OTHER },
      builtIn: "aliexpress",
      fallback: "aliexpress",
    };
    const plan = (prefs: unknown) =>
      earlyCopyPlan({ [LINK_COPY_STORAGE_KEY]: mirror, [PREFERENCES_STORAGE_KEY]: prefs }, "");
    expect(defaultPreferences().copyOnOpen).toBe(true);
    expect(plan(undefined)).toEqual({ kind: "copy", text: LINK });
    expect(plan({ copyOnOpen: "no", activeProgramId: "other" })).toEqual({ kind: "copy", text: LINK });
    expect(plan({ copyOnOpen: false, activeProgramId: "" })).toEqual({ kind: "copy", text: LINK });
    expect(plan({ activeProgramId: "other" })).toEqual({ kind: "copy", text: OTHER });
    expect(plan("garbage")).toEqual({ kind: "copy", text: LINK });
    expect(earlyCopyPlan({ [LINK_COPY_STORAGE_KEY]: { version: 2 } }, "")).toEqual({ kind: "unknown" });
  });

  it("starts the clipboard write before it lets the modules load, and reports a refused write", async () => {
    const events: string[] = [];
    const ok = startEarlyCopy({
      read: async () => ({
        [LINK_COPY_STORAGE_KEY]: {
          version: 1,
          links: { aliexpress: LINK },
          builtIn: "aliexpress",
          fallback: "aliexpress",
        },
      }),
      writeClipboard: async (t) => {
        events.push(`write ${t}`);
        await new Promise((r) => setTimeout(r, 10));
      },
      hash: "",
    });
    void ok.planned.then(() => events.push("load modules"));
    expect(await ok.done).toEqual({ kind: "copied", text: LINK });
    expect(events).toEqual([`write ${LINK}`, "load modules"]);

    const refused = startEarlyCopy({
      read: async () => ({
        [LINK_COPY_STORAGE_KEY]: {
          version: 1,
          links: { aliexpress: LINK },
          builtIn: "aliexpress",
          fallback: "aliexpress",
        },
      }),
      writeClipboard: () => Promise.reject(new Error("not focused")),
      hash: "",
    });
    expect(await refused.done).toEqual({ kind: "failed", text: LINK });
    const broken = startEarlyCopy({
      read: () => Promise.reject(new Error("no storage")),
      writeClipboard: vi.fn(),
      hash: "",
    });
    await broken.planned;
    expect(await broken.done).toEqual({ kind: "unknown" });
  });

  it("opened on another tab, reads nothing and lets the modules load at once", async () => {
    for (const hash of ["#wallet", "#tracker"]) {
      const read = vi.fn(async () => ({}));
      const writeClipboard = vi.fn(async () => undefined);
      const early = startEarlyCopy({ read, writeClipboard, hash });
      await early.planned;
      expect(await early.done).toEqual({ kind: "skipped" });
      expect(read).not.toHaveBeenCalled();
      expect(writeClipboard).not.toHaveBeenCalled();
    }
  });
});

describe("the hand-off from the early script to the popup's modules", () => {
  afterEach(() => {
    const global = globalThis as Record<string, unknown>;
    delete global.__stackwiseEarlyCopy;
    delete global.__stackwiseEarlyCopyPlanned;
  });

  it("without an early script, the modules load at once and copy from the database", async () => {
    await earlyCopyPlanned();
    expect(await publishedEarlyCopy()).toEqual({ kind: "unknown" });
  });

  it("holds the modules until the storage read is in, and hands them the outcome", async () => {
    let answer: (stored: Record<string, unknown>) => void = () => undefined;
    const early = startEarlyCopy({
      read: () => new Promise((resolve) => (answer = resolve)),
      writeClipboard: async () => undefined,
      hash: "",
    });
    publishEarlyCopy(early);
    let loaded = false;
    void earlyCopyPlanned().then(() => (loaded = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(loaded).toBe(false);
    answer({
      [LINK_COPY_STORAGE_KEY]: {
        version: 1,
        links: { aliexpress: LINK },
        builtIn: "aliexpress",
        fallback: "aliexpress",
      },
    });
    await earlyCopyPlanned();
    expect(loaded).toBe(true);
    expect(await publishedEarlyCopy()).toEqual({ kind: "copied", text: LINK });
  });
});

describe("the popup checks the early copy against the database", () => {
  let root: HTMLElement;
  let clipboard: string[];

  const services = (early: EarlyCopy): UiServices => ({
    openDb: () => openStackwiseDb({ name }),
    now: () => NOW,
    locale: "en-US",
    timeZone: "UTC",
    writeClipboard: async (t) => {
      clipboard.push(t);
    },
    earlyCopy: () => Promise.resolve(early),
    walletChanged: () => undefined,
    openOptions: vi.fn(),
    requestPermission: vi.fn(async () => true),
    removePermission: vi.fn(async () => undefined),
  });
  const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  beforeEach(() => {
    root = document.createElement("div");
    document.body.append(root);
    clipboard = [];
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it("says Copied for the early copy without writing the clipboard again", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    render(<PopupApp services={services({ kind: "copied", text: LINK })} />, root);
    await vi.waitFor(() => expect(text(byTestId("copied-link"))).toBe(LINK));
    expect(byTestId("stop-auto-copy")).not.toBeNull();
    await settle();
    expect(clipboard).toEqual([]);
  });

  it("copies the database's link when the early copy was stale, and rewrites the stored copy", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    await fakeBrowser.storage.local.remove(LINK_COPY_STORAGE_KEY);
    render(<PopupApp services={services({ kind: "copied", text: OTHER })} />, root);
    await vi.waitFor(() => expect(clipboard).toEqual([LINK]));
    await vi.waitFor(() => expect(text(byTestId("copied-link"))).toBe(LINK));
    await vi.waitFor(async () => expect(await openingCopies()).toEqual({ kind: "copy", text: LINK }));
  });

  it("copies when no early copy was possible, and nothing when it was skipped", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    render(<PopupApp services={services({ kind: "unknown" })} />, root);
    await vi.waitFor(() => expect(clipboard).toEqual([LINK]));
    render(null, root);
    clipboard = [];
    await savePreferences({ copyOnOpen: false });
    render(<PopupApp services={services({ kind: "skipped" })} />, root);
    await vi.waitFor(() => expect(byTestId("default-link")).not.toBeNull());
    await settle();
    expect(clipboard).toEqual([]);
    expect(byTestId("copied")).toBeNull();
  });

  it("opened on the wallet, copies nothing even with a stored link", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    render(<PopupApp services={services({ kind: "skipped" })} initialTab={tabFromHash("#wallet")} />, root);
    await vi.waitFor(() => expect(byTestId("panel-wallet")).not.toBeNull());
    await new Promise((r) => setTimeout(r, 20));
    expect(clipboard).toEqual([]);
  });
});
