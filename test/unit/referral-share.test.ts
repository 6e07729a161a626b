import { describe, expect, it } from "vitest";
import englishCatalogue from "../../public/_locales/en/messages.json";
import { message } from "../../src/core/message";
import {
  DEFAULT_SHARE_TEMPLATE,
  defaultProgramSettings,
  validateProgramSettings,
} from "../../src/referral/settings";
import { renderShareMessage, validateShareTemplate } from "../../src/referral/share";
import { type CatalogueEntry, catalogueSay, type Message } from "../../src/services/i18n";

const values = {
  link: "https://aliexpress.com/i/ABC",
  welcome: "up to 19-24 USD in welcome coupons",
  program: "AliExpress",
};

const english = (m: Message | undefined) =>
  m === undefined ? "" : catalogueSay(englishCatalogue as Record<string, CatalogueEntry>, m);

describe("share message", () => {
  it("fills the default template", () => {
    expect(renderShareMessage(DEFAULT_SHARE_TEMPLATE, values)).toBe(
      "I shop on AliExpress and you can get up to 19-24 USD in welcome coupons when you join with my invite: https://aliexpress.com/i/ABC",
    );
  });

  it("fills every occurrence, leaves unknown placeholders and does not re-expand values", () => {
    const msg = renderShareMessage("{link} {link} {unknown} {program}", { ...values, program: "{link}" });
    expect(msg).toBe("https://aliexpress.com/i/ABC https://aliexpress.com/i/ABC {unknown} {link}");
  });

  it("reports template problems while editing", () => {
    expect(validateShareTemplate("Join: {link}")).toEqual([]);
    expect(validateShareTemplate("Join me!")).toEqual([message("share_noLink")]);
    expect(validateShareTemplate("  ")).toEqual([message("share_empty")]);
    const unknown = validateShareTemplate("{link} {name} {Link}");
    expect(unknown).toEqual([message("share_unknownPlaceholder", "{name}, {Link}")]);
    expect(english(unknown[0])).toBe(
      "Unknown placeholder {name}, {Link}; use {link}, {welcome} or {program}.",
    );
    expect(validateShareTemplate(`{link}${"x".repeat(1000)}`)).toEqual([message("share_tooLong", 1000)]);
  });
});

describe("program settings", () => {
  it("defaults follow the spec and validate", () => {
    const d = defaultProgramSettings();
    expect(d).toMatchObject({
      reward: { kind: "platform", off: 500, minSpend: 2000 },
      rewardValidDays: 30,
      monthlyCap: 10,
      creditWithinHours: 24,
      chaseAfterHours: 48,
      maxAccountsPerDevice: 4,
      allowedLinkHosts: ["aliexpress.com"],
      welcomeCouponsForFriend: "up to 19-24 USD in welcome coupons",
      timeZone: null,
    });
    expect(validateProgramSettings(d)).toEqual({ ok: true, settings: d });
  });

  it("returns a message per invalid field", () => {
    const r = validateProgramSettings({
      ...defaultProgramSettings(),
      monthlyCap: -1,
      rewardValidDays: 1.5,
      shortLinkHosts: ["ok.example", "https://bad.example"],
      shareTemplate: "no link here",
      timeZone: "Mars/Base",
      reward: { kind: "platform", off: 500, percent: 10, minSpend: 0, currency: "usd" },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        "monthlyCap",
        "reward.currency",
        "reward.off",
        "rewardValidDays",
        "shareTemplate",
        "shortLinkHosts[1]",
        "timeZone",
      ].sort(),
    );
    expect(r.errors).toMatchObject({
      monthlyCap: message("settings_rangeRewards", 0, 10_000),
      rewardValidDays: message("settings_rangeDays", 1, 3650),
      "reward.currency": message("settings_rewardCurrency"),
      "reward.off": message("settings_offOrPercent"),
      "shortLinkHosts[1]": message("settings_hostOnly"),
      shareTemplate: message("share_noLink"),
      timeZone: message("settings_timeZone"),
    });
    expect(english(r.errors.shareTemplate)).toMatch(/\{link\}/);
    expect(english(r.errors.monthlyCap)).toBe("Enter a whole number of rewards from 0 to 10000.");
  });

  it("a cap of 0 is a valid setting (rewards paused)", () => {
    expect(validateProgramSettings({ ...defaultProgramSettings(), monthlyCap: 0 }).ok).toBe(true);
  });
});
