// @vitest-environment jsdom
/**
 * The picture of the wallet's first screen that a popup opened on the wallet
 * draws before its modules load: the stamp every committed write moves, what
 * changes a coupon list with time alone, what a picture may hold, when it may
 * be drawn, and the popup taking one of its live screen.
 */
import fc from "fast-check";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { timeLeftLabel } from "../../src/services/format";
import { savePreferences } from "../../src/services/wallet-preferences";
import { addCapturedCoupons } from "../../src/storage/capture";
import { openStackwiseDb, StackwiseDb } from "../../src/storage/db";
import { readCouponPages, readWalletOverview } from "../../src/storage/firstScreen";
import { addReferralLink } from "../../src/storage/links";
import { listPrograms } from "../../src/storage/programs";
import { addReferral } from "../../src/storage/referrals";
import { addCoupon, listCoupons, saveCoins, setCouponStatus } from "../../src/storage/wallet";
import { STAMPED_TABLES, stampsSettled, WRITE_STAMP_KEY } from "../../src/storage/writeStamp";
import {
  type DrawEnv,
  drawablePicture,
  drawScreenCopy,
  dropScreenCopy,
  elementsOf,
  OPENING_KEYS,
  pictureOf,
  publishScreenShown,
  SCREEN_COPY_KEY,
  type ScreenCopy,
  type ScreenNode,
  screenShown,
  WRITE_STAMP_STORAGE_KEY,
} from "../../src/ui/popup/earlyScreen";
import { isExpired, isExpiringSoon, isNotStarted, nextChangeWithTime } from "../../src/wallet/coupons";
import { closeUiBed, openUiBed, screenOf, text } from "./support/ui";
import { walletCoupon as coupon, openedWithPictures, openWalletTab } from "./support/wallet-tab";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const H = 3_600_000;
const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("screen-copy"));
  await savePreferences({ copyOnOpen: false });
});

afterEach(async () => {
  delete document.documentElement.dataset.stackwiseLive;
  document.getElementById("wallet-screen-copy")?.remove();
  await closeUiBed({ name, db, root });
});

const storedStamp = async () =>
  (await fakeBrowser.storage.local.get(WRITE_STAMP_KEY))[WRITE_STAMP_KEY] as string | undefined;

describe("the write stamp", () => {
  it("is read by the first script under the storage layer's key", () => {
    expect(WRITE_STAMP_STORAGE_KEY).toBe(WRITE_STAMP_KEY);
  });

  it("moves once per committed write transaction to a table the wallet shows, and not for reads", async () => {
    const stamps: string[] = [];
    const other = await openStackwiseDb({
      name: `${name}-stamps`,
      writeStamp: async (stamp) => {
        stamps.push(stamp);
      },
    });
    try {
      const before = stamps.length;
      await addCoupon(other, coupon("a", "2026-04-01T00:00:00Z"));
      await vi.waitFor(() => expect(stamps.length).toBe(before + 1));
      await saveCoins(other, { balance: 120, centsPerCoin: 1, currency: "USD" });
      await vi.waitFor(() => expect(stamps.length).toBe(before + 2));
      // Two writes in one transaction: one stamp.
      await other.transaction("rw", other.coupons, async () => {
        const a = await other.coupons.get("a");
        if (a === undefined) throw new Error("coupon a missing");
        await other.coupons.bulkPut([
          { ...a, off: 100 },
          { ...a, id: "b" },
        ]);
      });
      await vi.waitFor(() => expect(stamps.length).toBe(before + 3));
      await listCoupons(other);
      // A referral link saved, a referral logged: the wallet is as it was.
      await addReferralLink(other, { input: "https://s.click.aliexpress.com/e/_DkReF42", makeDefault: true });
      await addReferral(other, { invitedAt: NOW, friend: "Ana" });
      await new Promise((r) => setTimeout(r, 50));
      expect(stamps.length).toBe(before + 3);
      expect(new Set(stamps).size).toBe(stamps.length);
    } finally {
      other.close();
      await other.delete();
    }
  });

  it("stays when a write is refused (its transaction aborted)", async () => {
    await addCoupon(db, coupon("a", "2026-04-01T00:00:00Z"));
    await vi.waitFor(async () => expect(await storedStamp()).toBeDefined());
    const before = await storedStamp();
    await expect(
      db.transaction("rw", db.coupons, async () => {
        await db.coupons.delete("a");
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await new Promise((r) => setTimeout(r, 50));
    expect(await storedStamp()).toBe(before);
    expect(await listCoupons(db)).toHaveLength(1);
  });

  it("guards every table the wallet's first screen reads", async () => {
    const read = new Set<string>();
    const watched = new StackwiseDb(`${name}-reads`);
    watched.use({
      stack: "dbcore",
      name: "record-reads",
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          for (const s of stores) read.add(s);
          return down.transaction(stores, mode, options);
        },
      }),
    });
    try {
      await watched.open();
      await addCoupon(watched, coupon("a", "2026-04-01T00:00:00Z"));
      read.clear();
      // What the popup's frame (the program picker) and the wallet tab read for the first screen.
      await Promise.all([listPrograms(watched), readWalletOverview(watched), readCouponPages(watched, NOW)]);
      expect(read.size).toBeGreaterThan(0);
      expect([...read].filter((table) => !STAMPED_TABLES.has(table))).toEqual([]);
    } finally {
      watched.close();
      await watched.delete();
    }
  });

  it("has landed, for this page's own writes, once stampsSettled says so", async () => {
    let release: () => void = () => undefined;
    const landed: string[] = [];
    const slow = await openStackwiseDb({
      name: `${name}-slow`,
      writeStamp: (stamp) =>
        new Promise<void>((resolve) => {
          release = () => {
            landed.push(stamp);
            resolve();
          };
        }),
    });
    try {
      await addCoupon(slow, coupon("a", "2026-04-01T00:00:00Z"));
      let settled = false;
      const settling = stampsSettled().then(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 30));
      expect(settled).toBe(false);
      expect(landed).toEqual([]);
      release();
      await settling;
      expect(landed).toHaveLength(1);
    } finally {
      slow.close();
      await slow.delete();
    }
  });
});

describe("what a coupon list shows changes only at nextChangeWithTime", () => {
  const at = (iso: string) => Date.parse(iso);

  it("finds the start, the 72-hour mark, the next hour of time left and the expiry", () => {
    const c = (id: string, expiresAt: string, extra: Record<string, unknown> = {}) =>
      ({ ...coupon(id, expiresAt), ...extra }) as Parameters<typeof nextChangeWithTime>[0][number];
    // 100 hours left: it comes within the expiring-soon window 28 hours from now.
    expect(nextChangeWithTime([c("a", "2026-03-18T16:00:00Z")], NOW)).toBe(NOW + 28 * H);
    // 5.5 hours left: the label says 5 hours until half an hour from now.
    expect(nextChangeWithTime([c("b", "2026-03-14T17:30:00Z")], NOW)).toBe(NOW + H / 2 + 1);
    // Not started for 2 hours.
    expect(
      nextChangeWithTime([c("c", "2026-06-01T00:00:00Z", { validFrom: "2026-03-14T14:00:00Z" })], NOW),
    ).toBe(NOW + 2 * H);
    // Used, or expired: nothing changes.
    expect(nextChangeWithTime([c("d", "2026-03-15T00:00:00Z", { status: "used" })], NOW)).toBe(Infinity);
    expect(nextChangeWithTime([c("e", "2026-03-01T00:00:00Z")], NOW)).toBe(Infinity);
    expect(nextChangeWithTime([], at("2026-01-01T00:00:00Z"))).toBe(Infinity);
  });

  // What the list draws of a coupon that depends on the time: its list, its chips, its label
  // (with `hours`, the whole hours left that the label is made from, in its place).
  const shownAt = (coupons: Parameters<typeof nextChangeWithTime>[0], t: number, hours = false) =>
    coupons.map((c) => {
      const soon = isExpiringSoon(c, t);
      const left = Date.parse(c.expiresAt) - t;
      return [
        c.status === "active" && isExpired(c, t),
        soon,
        c.status === "active" && isNotStarted(c, t),
        !soon ? "" : hours ? Math.floor(left / H) : timeLeftLabel(t, Date.parse(c.expiresAt), "en-US"),
      ];
    });

  it("holds for any coupons: the same until then, and the hours left or a chip change at it", () => {
    const arbCoupon = fc.record({
      expiresIn: fc.integer({ min: -5 * 24 * H, max: 10 * 24 * H }),
      startsIn: fc.option(fc.integer({ min: -3 * 24 * H, max: 5 * 24 * H }), { nil: undefined }),
      used: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbCoupon, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        (specs, fraction) => {
          const coupons = specs.map((s, i) => ({
            ...coupon(`c${i}`, new Date(NOW + s.expiresIn).toISOString()),
            ...(s.startsIn === undefined ? {} : { validFrom: new Date(NOW + s.startsIn).toISOString() }),
            status: s.used ? ("used" as const) : ("active" as const),
          })) as Parameters<typeof nextChangeWithTime>[0];
          const next = nextChangeWithTime(coupons, NOW);
          const now = shownAt(coupons, NOW);
          if (next === Infinity) {
            expect(shownAt(coupons, NOW + 30 * 24 * H)).toEqual(now);
            return;
          }
          expect(next).toBeGreaterThan(NOW);
          expect(shownAt(coupons, next - 1)).toEqual(now);
          expect(shownAt(coupons, NOW + Math.floor(((next - 1 - NOW) * fraction) / 1000))).toEqual(now);
          // It is the first instant anything the label is made from changes (a label of days
          // may still read the same an hour later: the picture is then dropped a little early).
          expect(shownAt(coupons, next, true)).not.toEqual(shownAt(coupons, NOW, true));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("what a picture may hold", () => {
  const screen = () => {
    const el = document.createElement("div");
    el.className = "popup";
    el.innerHTML = `
      <header id="top" data-testid="header"><h1 class="brand">Stackwise</h1>
        <button type="button" onclick="alert(1)" style="color:red" data-testid="open-options">Settings</button></header>
      <ul class="list" aria-label="Coupons">${Array.from({ length: 12 }, (_, i) => `<li class="coupon" data-coupon-id="c${i}"><p class="coupon-face">$${i}.00 off</p></li>`).join("")}</ul>
      <a href="javascript:alert(1)">link</a><img src="x"><script>alert(1)</script>
      <section data-testid="balances-card"><p>Coins</p></section>`;
    return el;
  };

  it("keeps elements, classes and words; leaves out ids, test ids, handlers, styles, links, scripts and skipped parts", () => {
    const picture = pictureOf(screen(), '[data-testid="balances-card"]', 8);
    const json = JSON.stringify(picture);
    for (const banned of ["id", "data-testid", "data-coupon-id", "onclick", "style", "href", "src"])
      expect(json).not.toContain(`"${banned}"`);
    for (const banned of ["script", "Coins", "javascript", "alert"]) expect(json).not.toContain(banned);
    const drawn = elementsOf(picture as ScreenNode, document) as HTMLElement;
    expect(drawn.className).toBe("popup");
    expect(text(drawn.querySelector("h1"))).toBe("Stackwise");
    expect(drawn.querySelector("ul")?.getAttribute("aria-label")).toBe("Coupons");
    expect([...drawn.querySelectorAll(".coupon-face")].map((e) => text(e))).toEqual(
      Array.from({ length: 8 }, (_, i) => `$${i}.00 off`),
    );
    expect(drawn.querySelector("button")?.getAttribute("type")).toBe("button");
  });

  it("shows a select's chosen option, which the page set as a property, not the first one", () => {
    const el = document.createElement("div");
    el.innerHTML = `<select><option value="aliexpress">AliExpress</option><option value="p2">Program 2</option></select>`;
    const select = el.querySelector("select") as HTMLSelectElement;
    select.value = "p2";
    expect(select.querySelector("option[selected]")).toBeNull();
    const drawn = elementsOf(pictureOf(el, "nothing", 8) as ScreenNode, document) as HTMLElement;
    expect((drawn.querySelector("select") as HTMLSelectElement).value).toBe("p2");
  });

  it("is none at all when something it would keep is refused, and refused parts that are skipped do not count", () => {
    const el = screen();
    el.querySelector('[data-testid="balances-card"]')?.append(document.createElement("form"));
    expect(pictureOf(el, '[data-testid="balances-card"]', 8, "form")).toBeDefined();
    el.querySelector("ul")?.after(document.createElement("form"));
    expect(pictureOf(el, '[data-testid="balances-card"]', 8, "form")).toBeUndefined();
    expect(pictureOf(el, '[data-testid="balances-card"]', 8)).toBeDefined();
  });

  it("refuses to draw what a picture may not hold", () => {
    const bad: unknown[] = [
      ["script", {}, "alert(1)"],
      ["div", { onclick: "alert(1)" }],
      ["div", { id: "app" }],
      ["div", null],
      ["div", {}, 42],
      { tag: "div" },
      ["div", { class: 1 }],
    ];
    for (const node of bad) expect(() => elementsOf(node as ScreenNode, document)).toThrow();
  });
});

describe("when the first script draws the picture", () => {
  const picture: ScreenNode = ["div", { class: "popup" }, ["p", { class: "coupon-face" }, "$5.00 off"]];
  const copy = (over: Partial<ScreenCopy> = {}): ScreenCopy => ({
    version: 1,
    stamp: "s1",
    preferences: JSON.stringify({ copyOnOpen: false }),
    validUntil: NOW + H,
    locale: "en-US",
    offset: 0,
    screen: picture,
    ...over,
  });
  const storage = (c: unknown, extra: Record<string, unknown> = {}) => ({
    [SCREEN_COPY_KEY]: c,
    [WRITE_STAMP_STORAGE_KEY]: "s1",
    walletPreferences: { copyOnOpen: false },
    ...extra,
  });
  const env = (over: Partial<DrawEnv> = {}): DrawEnv => ({
    hash: "#wallet",
    now: NOW,
    locale: "en-US",
    offset: 0,
    doc: document,
    ...over,
  });

  // The popup page's mount point, as popup.html has it.
  beforeEach(() => {
    const app = document.createElement("div");
    app.id = "app";
    document.body.append(app);
    return () => app.remove();
  });

  it("draws it, inert and hidden from assistive technology, before the popup's root", () => {
    expect(drawScreenCopy(storage(copy()), env())).toBe(true);
    const frame = document.getElementById("wallet-screen-copy");
    expect(frame?.hasAttribute("inert")).toBe(true);
    expect(frame?.getAttribute("aria-hidden")).toBe("true");
    expect(text(frame?.querySelector(".coupon-face") ?? null)).toBe("$5.00 off");
    expect(frame?.nextElementSibling).toBe(document.getElementById("app"));
    dropScreenCopy();
    expect(document.getElementById("wallet-screen-copy")).toBeNull();
  });

  it.each([
    ["another write since", storage(copy(), { [WRITE_STAMP_STORAGE_KEY]: "s2" }), env()],
    ["the first write since", storage(copy({ stamp: null }), { [WRITE_STAMP_STORAGE_KEY]: "s1" }), env()],
    ["other preferences", storage(copy(), { walletPreferences: { copyOnOpen: true } }), env()],
    ["a label due to change", storage(copy()), env({ now: NOW + H })],
    ["another language", storage(copy()), env({ locale: "fr-FR" })],
    ["another UTC offset", storage(copy()), env({ offset: -60 })],
    ["a popup opened on another tab", storage(copy()), env({ hash: "" })],
    ["no picture", storage(undefined), env()],
    ["another version", storage({ ...copy(), version: 2 }), env()],
    ["a broken picture", storage(copy({ screen: ["script", {}, "x"] })), env()],
  ])("not with %s", (_, stored, where) => {
    expect(drawScreenCopy(stored, where)).toBe(false);
    expect(document.getElementById("wallet-screen-copy")).toBeNull();
  });

  it("not when the live screen came first", () => {
    dropScreenCopy();
    expect(drawScreenCopy(storage(copy()), env())).toBe(false);
    expect(document.getElementById("wallet-screen-copy")).toBeNull();
  });
});

describe("the modules wait for the picture to be on screen", () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__stackwiseScreenShown;
  });
  const settledWithin = async (p: Promise<unknown>, ms: number) =>
    Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

  it("not at all without a first script, nor when no picture was drawn", async () => {
    expect(await settledWithin(screenShown(), 5)).toBe(true);
    publishScreenShown(Promise.resolve(false), 10_000);
    expect(await settledWithin(screenShown(), 5)).toBe(true);
    publishScreenShown(Promise.reject(new Error("storage gone")), 10_000);
    expect(await settledWithin(screenShown(), 5)).toBe(true);
  });

  it("until the next frame after the picture, and no longer than the limit where no frame comes", async () => {
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(globalThis, "requestAnimationFrame").mockImplementation((cb) => {
      frames.push(cb);
      return frames.length;
    });
    publishScreenShown(Promise.resolve(true), 10_000);
    expect(await settledWithin(screenShown(), 20)).toBe(false);
    for (const frame of frames) frame(0);
    expect(await settledWithin(screenShown(), 20)).toBe(true);

    frames.length = 0;
    publishScreenShown(Promise.resolve(true), 30);
    expect(await settledWithin(screenShown(), 5)).toBe(false);
    expect(await settledWithin(screenShown(), 100)).toBe(true);
    expect(raf).toHaveBeenCalled();
  });
});

describe("the popup takes a picture of its wallet's first screen", () => {
  const { allByTestId, button } = screenOf(() => root);
  const opened = () => openedWithPictures({ dbName: name, now: NOW });
  const drawable = async (now = NOW) =>
    drawablePicture(await fakeBrowser.storage.local.get([...OPENING_KEYS, SCREEN_COPY_KEY]), {
      hash: "#wallet",
      now,
      locale: "en-US",
      offset: new Date(NOW).getTimezoneOffset(),
      doc: document,
    });

  beforeEach(async () => {
    for (let i = 0; i < 12; i++)
      await addCoupon(
        db,
        coupon(`c${i}`, new Date(NOW + (10 + i) * 24 * H).toISOString(), { off: 100 * (i + 1) }),
      );
    await addCoupon(db, coupon("soon", new Date(NOW + 30 * H + H / 2).toISOString(), { off: 50 }));
    await vi.waitFor(async () => expect(await storedStamp()).toBeDefined());
    // Every write's stamp is in before the popup opens.
    await new Promise((r) => setTimeout(r, 20));
  });

  it("draws what the live screen showed first, and nothing of its balances or test ids", async () => {
    const { services, kept } = await opened();
    await openWalletTab(root, services, { listed: true });
    await vi.waitFor(() => expect(kept).toHaveLength(1));
    const picture = await drawable();
    expect(picture).toBeDefined();
    const drawn = elementsOf(picture as ScreenNode, document) as HTMLElement;
    const live = allByTestId("coupon-face").map((e) => text(e));
    const shown = [...drawn.querySelectorAll(".coupon-face")].map((e) => text(e));
    expect(shown).toEqual(live.slice(0, 4));
    expect(shown[0]).toBe("$0.50 off");
    expect(drawn.querySelector("[data-testid], [id]")).toBeNull();
    expect(JSON.stringify(picture)).not.toContain("Coins");
    // The soon coupon's label counts 30 hours: it reads otherwise half an hour later.
    expect(kept[0]?.validUntil).toBeLessThanOrEqual(NOW + H / 2 + 1);
    expect(await drawable(NOW + H / 2 + 1)).toBeUndefined();
  });

  it("is not drawn after a later write elsewhere, nor after a change of preferences", async () => {
    const { services, kept } = await opened();
    await openWalletTab(root, services, { listed: true });
    await vi.waitFor(() => expect(kept).toHaveLength(1));
    expect(await drawable()).toBeDefined();
    await setCouponStatus(db, "c3", "used", NOW);
    await vi.waitFor(async () => expect(await drawable()).toBeUndefined());

    await fakeBrowser.storage.local.remove(SCREEN_COPY_KEY);
    const again = await opened();
    render(null, root);
    await openWalletTab(root, again.services, { listed: true });
    await vi.waitFor(() => expect(again.kept).toHaveLength(1));
    expect(await drawable()).toBeDefined();
    await savePreferences({ notifyBeforeExpiry: true });
    expect(await drawable()).toBeUndefined();
  });

  it("is taken again after the popup's own write, showing it, with the stamp that write moved", async () => {
    const { services, kept } = await opened();
    await openWalletTab(root, services, { listed: true });
    await vi.waitFor(() => expect(kept).toHaveLength(1));
    const stamp = await storedStamp();
    button("Mark used: $0.50 off").click();
    await vi.waitFor(() => expect(kept).toHaveLength(2));
    expect(kept[1]?.stamp).not.toBe(stamp);
    expect(kept[1]?.stamp).toBe(await storedStamp());
    const picture = await drawable();
    expect(picture).toBeDefined();
    const drawn = elementsOf(picture as ScreenNode, document) as HTMLElement;
    const faces = [...drawn.querySelectorAll(".coupon-face")].map((e) => text(e));
    expect(faces).toEqual(["$1.00 off", "$2.00 off", "$3.00 off", "$4.00 off"]);
    expect(faces).toEqual(
      allByTestId("coupon-face")
        .map((e) => text(e))
        .slice(0, 4),
    );
    // No longer expiring soon: nothing on it changes with time for days.
    expect(kept[1]?.validUntil).toBeGreaterThan(NOW + 24 * H);
  });

  it("leaves out what the last undo said, which a popup opened afresh does not say", async () => {
    await addCapturedCoupons(
      db,
      [
        {
          kind: "platform",
          off: 900,
          minSpend: 0,
          currency: "USD",
          expiresAt: new Date(NOW + 2 * 24 * H).toISOString(),
        },
      ],
      "paste",
      NOW,
    );
    await new Promise((r) => setTimeout(r, 20));
    const { services, kept } = await opened();
    await openWalletTab(root, services, { listed: true });
    await vi.waitFor(() => expect(kept).toHaveLength(1));
    expect(JSON.stringify(kept[0]?.screen)).toContain("$9.00 off");
    button("Undo last import").click();
    await vi.waitFor(() =>
      expect(text(root.querySelector('[data-testid="import-notice"]'))).toContain("Removed 1"),
    );
    await vi.waitFor(() => expect(kept).toHaveLength(2));
    const picture = JSON.stringify(kept[1]?.screen);
    expect(picture).not.toContain("$9.00 off");
    expect(picture).not.toContain("Removed");
    expect(await drawable()).toBeDefined();
  });

  it("is not taken of another tab, should the shopper leave the wallet before the frame", async () => {
    const { services, kept } = await opened();
    await openWalletTab(root, services, { listed: true });
    await vi.waitFor(() => expect(kept).toHaveLength(1));
    // Frames held back: the picture waits for the next one.
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(globalThis, "requestAnimationFrame").mockImplementation((cb) => {
      frames.push(cb);
      return frames.length;
    });
    try {
      button("Mark used: $0.50 off").click();
      await vi.waitFor(() => expect(allByTestId("coupon-face").map((e) => text(e))[0]).toBe("$1.00 off"));
      await new Promise((r) => setTimeout(r, 150));
      allByTestId("tab-tracker")[0]?.click();
      await vi.waitFor(() => expect(allByTestId("coupons-card")).toHaveLength(0));
      await vi.waitFor(() => expect(root.querySelector('[aria-busy="true"]')).toBeNull(), { timeout: 5000 });
    } finally {
      raf.mockRestore();
    }
    for (const frame of frames.splice(0)) frame(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(kept).toHaveLength(1);
  });

  it("is not taken of a screen caught asking something; the next settled one is", async () => {
    const { services, kept } = await opened();
    await openWalletTab(root, services, { listed: true });
    await vi.waitFor(() => expect(kept).toHaveLength(1));
    button("Delete $1.00 off").click();
    await vi.waitFor(() => expect(allByTestId("confirm-delete-coupon")).toHaveLength(1));
    button("Mark used: $0.50 off").click();
    await vi.waitFor(() => expect(allByTestId("coupon-face").map((e) => text(e))[0]).toBe("$1.00 off"));
    await new Promise((r) => setTimeout(r, 50));
    expect(kept).toHaveLength(1);
    // The question answered (the delete confirmed): its screen, read again, is settled.
    allByTestId("confirm-delete-coupon")[0]?.click();
    await vi.waitFor(() => expect(kept).toHaveLength(2));
    expect(JSON.stringify(kept[1]?.screen)).not.toContain("$1.00 off");
    expect(await drawable()).toBeDefined();
  });

  /**
   * Opens the wallet with its frames held back, lets `leave` take the screen away, then lets
   * the frames run: no picture is kept and the page is not looked at. `leave` returns what
   * puts the page back afterwards.
   */
  async function expectNothingOnceGone(leave: () => () => void) {
    const { services } = await opened();
    const keep = vi.fn(async () => undefined);
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (run: FrameRequestCallback) => frames.push(run));
    try {
      await openWalletTab(root, { ...services, keepScreenCopy: keep }, { listed: true });
      // Preact runs its effects, onPagesShown among them, on a timer when no frame comes.
      await new Promise((r) => setTimeout(r, 300));
      const restore = leave();
      const looked = vi.spyOn(document, "querySelector");
      for (const run of frames.splice(0)) run(0);
      await new Promise((r) => setTimeout(r, 50));
      expect(looked).not.toHaveBeenCalled();
      expect(keep).not.toHaveBeenCalled();
      restore();
    } finally {
      vi.unstubAllGlobals();
    }
  }

  it("keeps none, and touches no page, once the popup has closed before the list's frame", async () => {
    // A test's page is torn down after its file ends; a popup's document after it closes.
    await expectNothingOnceGone(() => {
      render(null, root);
      return () => undefined;
    });
  });

  it("keeps none, and touches no page, once the screen has left its page without an unmount", async () => {
    // The page goes with the tab still mounted (a document torn down, not rendered away).
    await expectNothingOnceGone(() => {
      const page = root.parentNode;
      root.remove();
      return () => page?.appendChild(root);
    });
  });

  it("keeps none where storage cannot be read before the screen's reads", async () => {
    const { services } = await opened();
    const keep = vi.fn(async () => undefined);
    await openWalletTab(
      root,
      { ...services, opening: undefined, readOpening: undefined, keepScreenCopy: keep },
      { listed: true },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(keep).not.toHaveBeenCalled();
  });
});
