/**
 * Referral link validation. A saved link is later copied into messages and
 * opened by friends, so anything that is not plainly an https address on an
 * allowed host is refused with a reason, never "cleaned up" into something else.
 */
import { type Message, message } from "../core/message";
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
  /** `message` is English for logs and errors; `text` is the same sentence for the UI to translate. */
  | { ok: false; reason: LinkRefusal; message: string; text: Message };

type LinkRules = Pick<ProgramSettings, "allowedLinkHosts" | "shortLinkHosts">;

/** A referral code typed on its own: letters, digits, - and _, 3 to 64 characters. */
const BARE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;

const refuse = (reason: LinkRefusal, text: Message, english: string): LinkValidation => ({
  ok: false,
  reason,
  message: english,
  text,
});

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

/** The hosts a link may sit on: the bases (with their subdomains), then the exact short-link hosts. */
function allowedHosts(rules: LinkRules): { english: string; text: Message } {
  const bases = rules.allowedLinkHosts.join(", ");
  const short = rules.shortLinkHosts.join(", ");
  return short === ""
    ? { english: `${bases} (or their subdomains)`, text: message("link_allowedHosts", bases) }
    : {
        english: `${bases} (or their subdomains), ${short}`,
        text: message("link_allowedHostsAndShort", bases, short),
      };
}

/**
 * Checks a referral link or a bare referral code against a program's rules.
 * Surrounding spaces and line breaks (as pasted) are dropped; any other
 * whitespace, control or invisible character is refused. A link is returned
 * normalised (lower-case host, default port removed) as the URL parser writes it.
 */
export function validateReferralLink(input: string, rules: LinkRules): LinkValidation {
  const empty = () => refuse("empty", message("link_empty"), "Paste a referral link or code.");
  if (typeof input !== "string") return empty();
  const s = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  if (s === "") return empty();
  const tooLong = () =>
    refuse(
      "too-long",
      message("link_tooLong", MAX_LINK_LENGTH),
      `The link is longer than ${MAX_LINK_LENGTH} characters.`,
    );
  if (s.length > MAX_LINK_LENGTH) return tooLong();
  if (/\p{Cc}/u.test(s))
    return refuse(
      "control-character",
      message("link_controlCharacter"),
      "The link contains a control character (such as a tab or line break).",
    );
  if (/[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\p{Cn}]/u.test(s))
    return refuse(
      "invisible-character",
      message("link_invisibleCharacter"),
      "The link contains an invisible character, which can hide where it really goes.",
    );

  if (/\s/u.test(s))
    return refuse(
      "whitespace",
      message("link_whitespace"),
      "The link contains a space; a link never has one.",
    );
  const scheme = /^([A-Za-z][A-Za-z0-9+-]*):/.exec(s)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (BARE_CODE.test(s)) return { ok: true, kind: "code", value: s };
    if (/[./]/.test(s))
      return refuse(
        "missing-scheme",
        message("link_missingScheme"),
        "Paste the whole link, starting with https://.",
      );
    return refuse(
      "invalid-code",
      message("link_invalidCode"),
      "That is neither a link nor a referral code (3 to 64 letters, digits, - or _).",
    );
  }
  if (scheme === "javascript" || scheme === "vbscript")
    return refuse(
      "script-url",
      message("link_scriptUrl"),
      "Script links (javascript:) are never accepted: they run code instead of opening a page.",
    );
  if (scheme === "data")
    return refuse(
      "data-url",
      message("link_dataUrl"),
      "data: links are never accepted: they carry a whole page instead of pointing to one.",
    );
  if (scheme === "http")
    return refuse(
      "not-https",
      message("link_http"),
      "The link uses http; only secure https links are accepted.",
    );
  if (scheme !== "https")
    return refuse(
      "not-https",
      message("link_otherScheme", scheme),
      `"${scheme}:" links are not accepted; use an https link.`,
    );
  if (!/^https:\/\//i.test(s))
    return refuse(
      "malformed",
      message("link_noHost"),
      "The link must start with https:// followed by a host.",
    );
  if (s.includes("\\"))
    return refuse(
      "backslash",
      message("link_backslash"),
      "The link contains a backslash, which browsers may read as a different address.",
    );

  const authority = s.slice("https://".length).split(/[/?#]/, 1)[0] ?? "";
  if (authority.includes("@"))
    return refuse(
      "userinfo",
      message("link_atBeforeHost"),
      "The link has an @ before its host, a trick that makes it open a different site than it shows.",
    );
  if (authority.includes("%"))
    return refuse(
      "encoded-host",
      message("link_encodedHost"),
      "The link's host is percent-encoded, which can disguise the real site.",
    );
  if (/[^\x21-\x7e]/.test(authority))
    return refuse(
      "non-ascii-host",
      message("link_nonAsciiHost"),
      "The link's host contains non-Latin or look-alike letters; type the address with plain letters.",
    );

  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return refuse("malformed", message("link_malformed"), "That is not a valid web address.");
  }
  if (url.username !== "" || url.password !== "")
    return refuse(
      "userinfo",
      message("link_credentials"),
      "The link carries a user name or password, which is not accepted.",
    );
  const host = url.hostname;
  if (host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host))
    return refuse(
      "ip-host",
      message("link_ipHost"),
      "The link points to a bare IP address, not to an allowed site.",
    );
  if (host.split(".").some((label) => label.startsWith("xn--")))
    return refuse(
      "punycode-host",
      message("link_punycodeHost"),
      "The link's host is internationalised (xn--), a common way to imitate a real site.",
    );
  if (url.port !== "")
    return refuse("port", message("link_port"), "The link names a port; referral links never do.");
  if (!hostAllowed(host, rules)) {
    const allowed = allowedHosts(rules);
    if (looksLikeAllowed(host, rules))
      return refuse(
        "lookalike-host",
        message("link_lookalikeHost", host, allowed.text),
        `"${host}" looks like an allowed site but is not one (a common phishing trick). ` +
          `Allowed: ${allowed.english}. If it is a genuine regional site, add it in the program settings.`,
      );
    return refuse(
      "host-not-allowed",
      message("link_hostNotAllowed", host, allowed.text),
      `"${host}" is not an allowed host. Allowed: ${allowed.english}.`,
    );
  }
  if (url.href.length > MAX_LINK_LENGTH) return tooLong();
  return { ok: true, kind: "url", value: url.href, host };
}
