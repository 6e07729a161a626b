/**
 * The one helper every setting goes through (checkout, scan and wallet
 * preferences): what a damaged stored value gives back, that a bad change
 * writes nothing, and that other pages hear a change.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { z } from "../../optimizer/zod";
import { storedSetting } from "../../src/services/stored-setting";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const setting = storedSetting(
  "testSetting",
  z.object({
    on: z._default(z.boolean(), true),
    count: z._default(z.number().check(z.int(), z.gte(1)), 2),
    name: z.optional(z.string()),
  }),
);

beforeEach(() => fakeBrowser.reset());

describe("storedSetting", () => {
  it("gives the defaults when nothing is stored", async () => {
    expect(await setting.load()).toEqual({ on: true, count: 2 });
  });

  it("keeps the good fields of a damaged value and defaults the bad ones", async () => {
    await fakeBrowser.storage.local.set({ testSetting: { on: false, count: "three", name: "kept" } });
    expect(await setting.load()).toEqual({ on: false, count: 2, name: "kept" });
    expect(setting.parse("not an object")).toEqual({ on: true, count: 2 });
  });

  it("saves a change over the stored value, and refuses a bad one without writing", async () => {
    expect(await setting.save({ count: 4 })).toEqual({ on: true, count: 4 });
    await expect(setting.save({ count: 0 })).rejects.toThrow();
    expect((await fakeBrowser.storage.local.get("testSetting")).testSetting).toEqual({ on: true, count: 4 });
  });

  it("tells watchers the new value until they stop watching", async () => {
    const heard: unknown[] = [];
    const stop = setting.watch((value) => heard.push(value));
    await setting.save({ on: false });
    stop();
    await setting.save({ on: true });
    expect(heard).toEqual([{ on: false, count: 2 }]);
  });
});
