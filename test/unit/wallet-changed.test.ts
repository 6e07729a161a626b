/**
 * One walletChanged event: the background announces every change once, and
 * the badge, the panels' wallet feed and open pages listen. UI writes go
 * through src/ui/actions, which write and announce together.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Dexie } from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WalletFeed } from "../../src/background/checkout/wallet-feed";
import { type WalletChange, walletChangedEvent } from "../../src/services/wallet-changed";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import { announcing } from "../../src/ui/actions/announce";
import { removePoints, savePoints } from "../../src/ui/actions/wallet";

let name: string;
let db: StackwiseDb;

beforeEach(async () => {
  name = `wallet-changed-${Math.random().toString(36).slice(2)}`;
  db = await openStackwiseDb({ name });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(name);
  vi.restoreAllMocks();
});

describe("the event", () => {
  it("reaches this context's listeners before announce resolves, and other contexts over the channel", async () => {
    const channel = `test-${Math.random()}`;
    const background = walletChangedEvent(channel);
    const popup = walletChangedEvent(channel);
    const here: WalletChange[] = [];
    const there: WalletChange[] = [];
    let slowDone = false;
    background.listen((c) => here.push(c));
    background.listen(async () => {
      await new Promise((r) => setTimeout(r, 20));
      slowDone = true;
    });
    const stop = popup.listen((c) => there.push(c));
    await background.announce({ reason: "orders" });
    expect(here).toEqual([{ reason: "orders" }]);
    expect(slowDone).toBe(true);
    await vi.waitFor(() => expect(there).toEqual([{ reason: "orders" }]));
    stop();
    await background.announce({ reason: "coupons" });
    await new Promise((r) => setTimeout(r, 20));
    expect(there).toEqual([{ reason: "orders" }]);
  });

  it("a failing listener does not keep the others from hearing it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const event = walletChangedEvent(null);
    const heard: string[] = [];
    event.listen(() => {
      throw new Error("broken");
    });
    event.listen((c) => heard.push(c.reason));
    await event.announce({ reason: "import" });
    expect(heard).toEqual(["import"]);
  });

  it("ignores what is not a change on the channel", async () => {
    const channel = `test-${Math.random()}`;
    const heard: unknown[] = [];
    walletChangedEvent(channel).listen((c) => heard.push(c));
    const stranger = new BroadcastChannel(channel);
    stranger.postMessage({ reason: "everything" });
    stranger.postMessage("hello");
    await new Promise((r) => setTimeout(r, 20));
    stranger.close();
    expect(heard).toEqual([]);
  });
});

describe("UI actions", () => {
  it("announce after the write, and not when the write fails", async () => {
    const announced: string[] = [];
    const ctx = { db, walletChanged: (reason: string) => announced.push(reason) };
    await savePoints(ctx, { storeId: "s1", balance: 10, centsPerPoint: 1 });
    expect(await db.points.get("s1")).toBeDefined();
    await removePoints(ctx, "s1");
    expect(announced).toEqual(["coupons", "coupons"]);
    await expect(savePoints(ctx, { storeId: "", balance: -1 })).rejects.toMatchObject({
      kind: "invalid-input",
    });
    expect(announced).toEqual(["coupons", "coupons"]);
    const order: string[] = [];
    const write = announcing("links", async () => {
      order.push("write");
    });
    await write({ db, walletChanged: () => order.push("announce") });
    expect(order).toEqual(["write", "announce"]);
  });
});

describe("the panels' wallet feed", () => {
  it("re-optimizes once per real change, whether the event or the live query sees it first", async () => {
    const onChange = vi.fn();
    const feed = new WalletFeed(async () => db, onChange);
    feed.start();
    await vi.waitFor(async () => expect(await feed.wallet()).toBeDefined());
    await new Promise((r) => setTimeout(r, 50));
    expect(onChange).not.toHaveBeenCalled();
    await db.coins.put({ id: "coins", balance: 100, centsPerCoin: 1 } as never);
    await feed.changed();
    await new Promise((r) => setTimeout(r, 100));
    expect(onChange).toHaveBeenCalledTimes(1);
    await feed.changed();
    expect(onChange).toHaveBeenCalledTimes(1);
    feed.stop();
  });
});

describe("no UI file writes around the actions", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(entry) ? [path] : [];
    });
  const WRITES =
    /\b(addCoupon|saveCoupon|setCouponStatus|removeCoupons|saveCoins|clearCoins|savePoints|removePoints|addReferral|creditReferral|recordReferralEvent|removeReferral|addReferralLink|renameReferralLink|setDefaultReferralLink|removeReferralLink|saveProgramSettings|updateProgramSettings|resetProgramSettings|removeProgram|importStore|savePreferences)\b/;

  it("imports no storage write and announces nothing by hand", () => {
    const offenders: string[] = [];
    for (const file of files("src/ui")) {
      if (file.startsWith(join("src", "ui", "actions"))) continue;
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
        const [, names = "", from = ""] = m;
        const writes = /storage\/|services\/wallet-preferences/.test(from) && WRITES.test(names);
        if (writes) offenders.push(`${file}: imports a write from ${from}`);
      }
      if (/\bwalletChanged\(/.test(code) && !file.endsWith(join("shared", "services.ts")))
        offenders.push(`${file}: calls walletChanged itself`);
    }
    expect(offenders).toEqual([]);
  });
});
