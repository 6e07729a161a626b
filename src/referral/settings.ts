/**
 * Referral program settings. Terms differ by region and change over time, so
 * every number of the program lives here as an editable, stored value; the
 * defaults only seed a new install (spec: referral-program.md, Program settings).
 */

import { formatPath } from "../../optimizer/errors";
import { COUPON_KINDS, cents, percent } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";
import { isValidTimeZone, systemTimeZone } from "../core/calendar";
import { isMessage, type Message, message } from "../core/message";

export const DEFAULT_PROGRAM_ID = "aliexpress";

/** Placeholders a share template may use; `{link}` is required. */
export const SHARE_PLACEHOLDERS = ["link", "welcome", "program"] as const;

export const DEFAULT_SHARE_TEMPLATE =
  "I shop on {program} and you can get {welcome} when you join with my invite: {link}";

const HOST_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST_RE = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})+$`);

/**
 * Checks a host the user wants to allow for referral links ("s.click.example").
 * Punycode labels are refused: an allowed host must be readable as typed, or a
 * look-alike could be whitelisted by accident.
 */
export function normaliseLinkHost(
  input: string,
): { ok: true; host: string } | { ok: false; message: string; text: Message } {
  const host = input.trim().toLowerCase();
  const refuse = (english: string, text: Message) => ({ ok: false as const, message: english, text });
  if (host === "")
    return refuse("Enter a host name such as s.click.aliexpress.com.", message("settings_hostMissing"));
  if (/[:/?#@\s\\]/.test(host))
    return refuse(
      "Enter only the host name, without https://, a path or a port.",
      message("settings_hostOnly"),
    );
  if (!HOST_RE.test(host))
    return refuse(
      `"${host}" is not a valid host name (letters, digits, hyphens and dots only).`,
      message("settings_hostInvalid", host),
    );
  if (host.split(".").some((label) => label.startsWith("xn--")))
    return refuse(
      "Internationalised (xn--) host names are not accepted; they are easy to spoof.",
      message("settings_hostPunycode"),
    );
  if (/^[0-9]+$/.test(host.split(".").at(-1) ?? ""))
    return refuse("An IP address cannot be a referral link host.", message("settings_hostIp"));
  return { ok: true, host };
}

/**
 * The schema words its issues in English, for logs and import reports; the
 * options page shows each as the catalogue message remembered here.
 */
const SAID = new Map<string, Message>();
function said(english: string, text: Message): string {
  SAID.set(english, text);
  return english;
}

const hostSchema = () =>
  z.string().check(
    z.superRefine((h, ctx) => {
      const r = normaliseLinkHost(h);
      if (!r.ok) ctx.addIssue({ code: "custom", message: r.message, params: { text: r.text } });
      else if (r.host !== h)
        ctx.addIssue({
          code: "custom",
          message: `write the host in lower case: "${r.host}"`,
          params: { text: message("settings_hostLowerCase", r.host) },
        });
    }),
  );

const RANGE_KEYS = {
  days: "settings_rangeDays",
  rewards: "settings_rangeRewards",
  hours: "settings_rangeHours",
  accounts: "settings_rangeAccounts",
} as const;

const intIn = (min: number, max: number, what: keyof typeof RANGE_KEYS) => {
  const error = said(
    `expected a whole number of ${what} from ${min} to ${max}`,
    message(RANGE_KEYS[what], min, max),
  );
  return z.number({ error }).check(z.int({ error }), z.gte(min, { error }), z.lte(max, { error }));
};

/** What one successful referral earns: the template of the coupon it becomes. */
export const RewardSchema = z
  .object({
    kind: z.enum(COUPON_KINDS, {
      error: said('expected one of "platform", "promo", "store", "select"', message("settings_rewardKind")),
    }),
    off: z.optional(cents()),
    percent: z.optional(percent()),
    maxOff: z.optional(cents()),
    minSpend: z._default(cents(), 0),
    currency: z.string().check(
      z.regex(/^[A-Z]{3}$/, {
        error: said("expected an ISO 4217 currency code such as USD", message("settings_rewardCurrency")),
      }),
    ),
    storeId: z.optional(z.string().check(z.minLength(1))),
    code: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.superRefine((r, ctx) => {
      if ((r.off === undefined) === (r.percent === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["off"],
          message: said("expected exactly one of off or percent", message("settings_offOrPercent")),
        });
      if (r.maxOff !== undefined && r.percent === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["maxOff"],
          message: said("allowed only with percent", message("settings_maxOffNeedsPercent")),
        });
      if (r.kind === "store" && r.storeId === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["storeId"],
          message: said('required for kind "store"', message("wallet_storeMissing")),
        });
      if (r.kind === "promo" && r.code === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["code"],
          message: said('required for kind "promo"', message("wallet_codeMissing")),
        });
    }),
  );

export const ProgramSettingsSchema = z.object({
  id: z.string().check(z.minLength(1, { error: "expected a non-empty program id" })),
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: said("expected a name", message("settings_nameMissing")) }),
      z.maxLength(80, { error: said("expected at most 80 characters", message("settings_tooLong", 80)) }),
    ),
  reward: RewardSchema,
  rewardValidDays: intIn(1, 3650, "days"),
  /** 0 is allowed: a region may pause rewards, and the tracker must then warn on every order. */
  monthlyCap: intIn(0, 10_000, "rewards"),
  creditWithinHours: intIn(0, 24 * 365, "hours"),
  chaseAfterHours: intIn(1, 24 * 365, "hours"),
  maxAccountsPerDevice: intIn(1, 100, "accounts"),
  /** A link may sit on one of these hosts or any of their subdomains. */
  allowedLinkHosts: z
    .array(hostSchema())
    .check(
      z.minLength(1, { error: said("expected at least one allowed host", message("settings_hostsMissing")) }),
    ),
  /** Short-link hosts the user added; matched exactly, subdomains are not implied. */
  shortLinkHosts: z._default(z.array(hostSchema()), []),
  welcomeCouponsForFriend: z
    .string()
    .check(
      z.maxLength(200, { error: said("expected at most 200 characters", message("settings_tooLong", 200)) }),
    ),
  shareTemplate: z.string().check(
    z.maxLength(1000, { error: said("expected at most 1000 characters", message("share_tooLong", 1000)) }),
    z.refine((t) => t.includes("{link}"), {
      error: said("must contain {link}, where the link goes", message("share_noLink")),
    }),
  ),
  /** IANA zone whose calendar months the cap counts in; null follows the browser. */
  timeZone: z._default(
    z.nullable(
      z.string().check(
        z.refine(isValidTimeZone, {
          error: said("expected an IANA time zone such as Europe/Berlin", message("settings_timeZone")),
        }),
      ),
    ),
    null,
  ),
});

export type Reward = z.output<typeof RewardSchema>;
export type ProgramSettings = z.output<typeof ProgramSettingsSchema>;

export function defaultProgramSettings(): ProgramSettings {
  return {
    id: DEFAULT_PROGRAM_ID,
    name: "AliExpress",
    reward: { kind: "platform", off: 500, minSpend: 2000, currency: "USD" },
    rewardValidDays: 30,
    monthlyCap: 10,
    creditWithinHours: 24,
    chaseAfterHours: 48,
    maxAccountsPerDevice: 4,
    allowedLinkHosts: ["aliexpress.com"],
    shortLinkHosts: [],
    welcomeCouponsForFriend: "up to 19-24 USD in welcome coupons",
    shareTemplate: DEFAULT_SHARE_TEMPLATE,
    timeZone: null,
  };
}

/** The zone the tracker counts months in: the program's choice, else the given default. */
export function programTimeZone(settings: Pick<ProgramSettings, "timeZone">, fallback?: string): string {
  return settings.timeZone ?? fallback ?? systemTimeZone();
}

export type SettingsValidation =
  | { ok: true; settings: ProgramSettings }
  | { ok: false; errors: Record<string, Message> };

/**
 * Validates settings from the options page. Errors are keyed by field path
 * ("reward.off", "shortLinkHosts[1]") so each can sit beside its input.
 */
export function validateProgramSettings(input: unknown): SettingsValidation {
  const parsed = ProgramSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Record<string, Message> = {};
  for (const issue of parsed.error.issues) {
    const key = formatPath(issue.path);
    const own = issue.code === "custom" ? issue.params?.text : undefined;
    errors[key] ??= isMessage(own) ? own : (SAID.get(issue.message) ?? message("settings_invalid"));
  }
  return { ok: false, errors };
}
