import fc from "fast-check";
import { describe, expect, it } from "vitest";
import englishCatalogue from "../../public/_locales/en/messages.json";
import { type LinkRefusal, MAX_LINK_LENGTH, validateReferralLink } from "../../src/referral/links";
import { defaultProgramSettings, normaliseLinkHost } from "../../src/referral/settings";
import { type CatalogueEntry, catalogueSay } from "../../src/services/i18n";

const english = englishCatalogue as Record<string, CatalogueEntry>;

const rules = { ...defaultProgramSettings(), shortLinkHosts: ["a.aliexpress.example", "sl.example"] };
const defaults = defaultProgramSettings();

describe("validateReferralLink: accepted", () => {
  it.each([
    ["https://aliexpress.com/invite?code=ABC123", "https://aliexpress.com/invite?code=ABC123"],
    ["https://s.click.aliexpress.com/e/_DlXyz12", "https://s.click.aliexpress.com/e/_DlXyz12"],
    ["HTTPS://WWW.AliExpress.COM/p/invite", "https://www.aliexpress.com/p/invite"],
    ["https://aliexpress.com:443/x", "https://aliexpress.com/x"],
    ["  https://aliexpress.com/x\n", "https://aliexpress.com/x"],
    ["https://sl.example/abc", "https://sl.example/abc"],
  ])("%j -> %s", (input, normalised) => {
    const r = validateReferralLink(input, rules);
    expect(r).toMatchObject({ ok: true, kind: "url", value: normalised });
  });

  it("accepts a bare referral code", () => {
    expect(validateReferralLink("ABC123xyz", rules)).toEqual({ ok: true, kind: "code", value: "ABC123xyz" });
    expect(validateReferralLink(" my_code-2 ", rules)).toEqual({
      ok: true,
      kind: "code",
      value: "my_code-2",
    });
  });

  it("accepts exactly 2048 characters and refuses 2049", () => {
    const base = "https://aliexpress.com/?q=";
    expect(validateReferralLink(base + "a".repeat(MAX_LINK_LENGTH - base.length), rules).ok).toBe(true);
    expect(validateReferralLink(base + "a".repeat(MAX_LINK_LENGTH - base.length + 1), rules)).toMatchObject({
      ok: false,
      reason: "too-long",
    });
  });

  it("short-link hosts match exactly, not their subdomains", () => {
    expect(validateReferralLink("https://sub.sl.example/abc", rules)).toMatchObject({
      ok: false,
      reason: "host-not-allowed",
    });
    expect(validateReferralLink("https://sl.example/abc", defaults)).toMatchObject({ ok: false });
  });
});

const hostile: [string, LinkRefusal][] = [
  ["javascript:alert(1)", "script-url"],
  ["JavaScript:alert(document.cookie)", "script-url"],
  ["javascript://aliexpress.com/%0aalert(1)", "script-url"],
  ["vbscript:msgbox(1)", "script-url"],
  ["java\tscript:alert(1)", "control-character"],
  ["\u0001javascript:alert(1)", "control-character"],
  ["data:text/html,<script>alert(1)</script>", "data-url"],
  ["DATA:text/html;base64,PHNjcmlwdD4=", "data-url"],
  ["http://aliexpress.com/invite", "not-https"],
  ["ftp://aliexpress.com/x", "not-https"],
  ["file:///etc/passwd", "not-https"],
  ["chrome-extension://abc/popup.html", "not-https"],
  ["blob:https://aliexpress.com/uuid", "not-https"],
  ["aliexpress.com/invite", "missing-scheme"],
  ["//aliexpress.com/invite", "missing-scheme"],
  ["https:aliexpress.com/x", "malformed"],
  ["https:/aliexpress.com/x", "malformed"],
  ["https://", "malformed"],
  ["https://aliexpress.com.evil.example/x", "lookalike-host"],
  ["https://aliexpress.com-deals.example/", "lookalike-host"],
  ["https://evilaliexpress.com/", "lookalike-host"],
  ["https://aIiexpress.com/", "lookalike-host"],
  ["https://a1iexpress.com/", "lookalike-host"],
  ["https://aliexpress.co/", "lookalike-host"],
  ["https://aliexpress.com./", "lookalike-host"],
  ["https://evil.example/aliexpress.com", "host-not-allowed"],
  ["https://aliexpress.com@evil.example/", "userinfo"],
  ["https://user:pass@aliexpress.com/", "userinfo"],
  ["https://aliexpress.com%2F@evil.example/", "userinfo"],
  ["https://evil.example\\@aliexpress.com/", "backslash"],
  ["https://aliexpress.com\\.evil.example/", "backslash"],
  ["https://aliexpress%2ecom/", "encoded-host"],
  ["https://xn--aliexpres-0ig.com/", "punycode-host"],
  ["https://aliexprеss.com/", "non-ascii-host"], // Cyrillic е
  ["https://ａｌｉｅｘｐｒｅｓｓ.com/", "non-ascii-host"], // fullwidth
  ["https://aliexpress.com\u200b/x", "invisible-character"],
  ["https://aliexpress.com/\u202Eevil", "invisible-character"],
  ["\uFEFFhttps://aliexpress.com/", "invisible-character"],
  ["https://aliexpress.com/a b", "whitespace"],
  ["https://aliexpress.com/\u00a0", "whitespace"],
  ["https://aliexpress.com/\u3000x", "whitespace"],
  ["https://aliexpress.com/\nx", "control-character"],
  ["https://127.0.0.1/", "ip-host"],
  ["https://0x7f.1/", "ip-host"],
  ["https://[::1]/", "ip-host"],
  ["https://aliexpress.com:8443/x", "port"],
  ["", "empty"],
  ["   \n", "empty"],
  ["ab", "invalid-code"],
  ["<script>", "invalid-code"],
  ["code with spaces", "whitespace"],
];

describe("validateReferralLink: hostile inputs are refused with a reason", () => {
  it.each(hostile)("%j -> %s", (input, reason) => {
    const r = validateReferralLink(input, rules);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message.length).toBeGreaterThan(10);
      // The popup shows `text` translated; in English it must say exactly what `message` tells the logs.
      expect(r.text.key).toMatch(/^link_/);
      expect(catalogueSay(english, r.text)).toBe(r.message);
    }
  });

  it.each([
    ["http://aliexpress.com/invite", "link_http", []],
    ["ftp://aliexpress.com/x", "link_otherScheme", ["ftp"]],
    ["https:aliexpress.com/x", "link_noHost", []],
    ["https://", "link_malformed", []],
    ["https://aliexpress.com%2F@evil.example/", "link_atBeforeHost", []],
    ["https://user:pass@aliexpress.com/", "link_atBeforeHost", []],
  ])("words %j as %s", (input, key, plain) => {
    const r = validateReferralLink(input, rules);
    expect(r).toMatchObject({ ok: false, text: { key, subs: plain } });
  });

  it("names the foreign host and the allowed ones, short-link hosts listed apart", () => {
    const r = validateReferralLink("https://evil.example/aliexpress.com", rules);
    expect(r).toMatchObject({
      ok: false,
      text: {
        key: "link_hostNotAllowed",
        subs: [
          "evil.example",
          { key: "link_allowedHostsAndShort", subs: ["aliexpress.com", "a.aliexpress.example, sl.example"] },
        ],
      },
    });
    const plain = validateReferralLink("https://evilaliexpress.com/", defaults);
    expect(plain).toMatchObject({
      ok: false,
      text: {
        key: "link_lookalikeHost",
        subs: ["evilaliexpress.com", { key: "link_allowedHosts", subs: ["aliexpress.com"] }],
      },
    });
    if (!plain.ok) expect(catalogueSay(english, plain.text)).toMatch(/Allowed: aliexpress\.com \(or their/);
  });

  it("refuses anything longer than the limit, even a valid-looking one", () => {
    expect(validateReferralLink(`https://aliexpress.com/${"x".repeat(5000)}`, rules)).toMatchObject({
      reason: "too-long",
    });
  });

  it("property: whatever the input, an accepted link is https on an allowed host", () => {
    const pieces = fc.constantFrom(
      "https://",
      "http://",
      "javascript:",
      "aliexpress.com",
      ".evil.example",
      "@",
      ":",
      "/",
      "\\",
      "%2e",
      "%40",
      "xn--",
      "s.click.",
      "\u0430",
      "\u200b",
      " ",
      "#",
      "?",
      "sl.example",
      "..",
      "[",
      "]",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 12 }), (parts) => {
        const r = validateReferralLink(parts.join(""), rules);
        if (!r.ok || r.kind === "code") return true;
        const url = new URL(r.value);
        const host = url.hostname;
        return (
          url.protocol === "https:" &&
          url.username === "" &&
          url.password === "" &&
          url.port === "" &&
          (host === "aliexpress.com" ||
            host.endsWith(".aliexpress.com") ||
            rules.shortLinkHosts.includes(host))
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe("normaliseLinkHost", () => {
  it("accepts and lower-cases plain host names", () => {
    expect(normaliseLinkHost(" S.Click.Example ")).toEqual({ ok: true, host: "s.click.example" });
  });
  it.each([
    ["", "settings_hostMissing"],
    ["https://sl.example", "settings_hostOnly"],
    ["sl.example/path", "settings_hostOnly"],
    ["sl.example:8080", "settings_hostOnly"],
    ["localhost", "settings_hostInvalid"],
    ["xn--80ak6aa92e.com", "settings_hostPunycode"],
    ["10.0.0.1", "settings_hostIp"],
    ["bad_host.com", "settings_hostInvalid"],
    ["user@sl.example", "settings_hostOnly"],
  ])("refuses %j (%s)", (input, key) => {
    const r = normaliseLinkHost(input);
    expect(r).toMatchObject({ ok: false, text: { key } });
    if (!r.ok) expect(catalogueSay(english, r.text)).toBe(r.message);
  });
});
