/**
 * Referral link validation. A saved link is later copied into messages and
 * opened by friends, so anything that is not plainly an https address on an
 * allowed host is refused with a reason, never "cleaned up" into something else.
 */
import type { ProgramSettings } from "./settings";

export const MAX_LINK_LENGTH = 2048;

export type LinkRefusal =
  | "empty"
  | "too-long"
  | "control-character"
  | "whitespace"
  | "invisible-character"
  | "script-url"
  | "data-url"
  | "not-https"
  | "missing-scheme"
  | "malformed"
  | "backslash"
  | "userinfo"
  | "encoded-host"
  | "non-ascii-host"
  | "punycode-host"
  | "ip-host"
  | "port"
  | "lookalike-host"
  | "host-not-allowed"
  | "invalid-code";

export type LinkValidation =
  | { ok: true; kind: "url"; value: string; host: string }
  | { ok: true; kind: "code"; value: string }
  | { ok: false; reason: LinkRefusal; message: string };

type LinkRules = Pick<ProgramSettings, "allowedLinkHosts" | "shortLinkHosts">;

/** A referral code typed on its own: letters, digits, - and _, 3 to 64 characters. */
const BARE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;

const refuse = (reason: LinkRefusal, message: string): LinkValidation => ({ ok: false, reason, message });

function hostAllowed(host: string, rules: LinkRules): boolean {
  return (
    rules.allowedLinkHosts.some((base) => host === base || host.endsWith(`.${base}`)) ||
    rules.shortLinkHosts.includes(host)
  );
}

/** Folds characters people (and attackers) swap for each other, to spot imitations. */
function skeleton(s: string): string {
  return s
    .toLowerCase()
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/[0]/g, "o")
    .replace(/[1|!]/g, "l")
    .replace(/i/g, "l")
    .replace(/[5]/g, "s")
    .replace(/[3]/g, "e")
    .replace(/[^a-z0-9]/g, "");
}

function looksLikeAllowed(host: string, rules: LinkRules): boolean {
  const hostSkeleton = skeleton(host);
  return rules.allowedLinkHosts.some((base) => {
    const brand = base.split(".")[0] ?? base;
    return brand.length >= 4 && hostSkeleton.includes(skeleton(brand));
  });
}

function hostList(rules: LinkRules): string {
  const bases = rules.allowedLinkHosts.map((h) => `${h} (or a subdomain)`);
  return [...bases, ...rules.shortLinkHosts].join(", ");
}

/**
 * Checks a referral link or a bare referral code against a program's rules.
 * Surrounding spaces and line breaks (as pasted) are dropped; any other
 * whitespace, control or invisible character is refused. A link is returned
 * normalised (lower-case host, default port removed) as the URL parser writes it.
 */
export function validateReferralLink(input: string, rules: LinkRules): LinkValidation {
  if (typeof input !== "string") return refuse("empty", "Paste a referral link or code.");
  const s = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  if (s === "") return refuse("empty", "Paste a referral link or code.");
  if (s.length > MAX_LINK_LENGTH)
    return refuse("too-long", `The link is longer than ${MAX_LINK_LENGTH} characters.`);
  if (/\p{Cc}/u.test(s))
    return refuse(
      "control-character",
      "The link contains a control character (such as a tab or line break).",
    );
  if (/[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\p{Cn}]/u.test(s))
    return refuse(
      "invisible-character",
      "The link contains an invisible character, which can hide where it really goes.",
    );

  if (/\s/u.test(s)) return refuse("whitespace", "The link contains a space; a link never has one.");
  const scheme = /^([A-Za-z][A-Za-z0-9+-]*):/.exec(s)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (BARE_CODE.test(s)) return { ok: true, kind: "code", value: s };
    if (/[./]/.test(s)) return refuse("missing-scheme", "Paste the whole link, starting with https://.");
    return refuse(
      "invalid-code",
      "That is neither a link nor a referral code (3 to 64 letters, digits, - or _).",
    );
  }
  if (scheme === "javascript" || scheme === "vbscript")
    return refuse(
      "script-url",
      "Script links (javascript:) are never accepted: they run code instead of opening a page.",
    );
  if (scheme === "data")
    return refuse(
      "data-url",
      "data: links are never accepted: they carry a whole page instead of pointing to one.",
    );
  if (scheme === "http")
    return refuse("not-https", "The link uses http; only secure https links are accepted.");
  if (scheme !== "https")
    return refuse("not-https", `"${scheme}:" links are not accepted; use an https link.`);
  if (!/^https:\/\//i.test(s))
    return refuse("malformed", "The link must start with https:// followed by a host.");
  if (s.includes("\\"))
    return refuse(
      "backslash",
      "The link contains a backslash, which browsers may read as a different address.",
    );

  const authority = s.slice("https://".length).split(/[/?#]/, 1)[0] ?? "";
  if (authority.includes("@"))
    return refuse(
      "userinfo",
      "The link has an @ before its host, a trick that makes it open a different site than it shows.",
    );
  if (authority.includes("%"))
    return refuse("encoded-host", "The link's host is percent-encoded, which can disguise the real site.");
  if (/[^\x21-\x7e]/.test(authority))
    return refuse(
      "non-ascii-host",
      "The link's host contains non-Latin or look-alike letters; type the address with plain letters.",
    );

  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return refuse("malformed", "That is not a valid web address.");
  }
  if (url.username !== "" || url.password !== "")
    return refuse("userinfo", "The link carries a user name or password, which is not accepted.");
  const host = url.hostname;
  if (host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host))
    return refuse("ip-host", "The link points to a bare IP address, not to an allowed site.");
  if (host.split(".").some((label) => label.startsWith("xn--")))
    return refuse(
      "punycode-host",
      "The link's host is internationalised (xn--), a common way to imitate a real site.",
    );
  if (url.port !== "") return refuse("port", "The link names a port; referral links never do.");
  if (!hostAllowed(host, rules)) {
    if (looksLikeAllowed(host, rules))
      return refuse(
        "lookalike-host",
        `"${host}" looks like an allowed site but is not one (a common phishing trick). ` +
          `Allowed: ${hostList(rules)}. If it is a genuine regional site, add it in the program settings.`,
      );
    return refuse("host-not-allowed", `"${host}" is not an allowed host. Allowed: ${hostList(rules)}.`);
  }
  if (url.href.length > MAX_LINK_LENGTH)
    return refuse("too-long", `The link is longer than ${MAX_LINK_LENGTH} characters.`);
  return { ok: true, kind: "url", value: url.href, host };
}
