/**
 * The program settings form: the stored settings as the strings the inputs
 * hold, and back. Amounts are typed in the currency's major unit and become
 * integer cents here; the settings schema has the last word on everything else.
 */

import { isKnownCurrency, moneyInputText, parseTypedAmount } from "../../core/money";
import {
  DEFAULT_PROGRAM_ID,
  defaultProgramSettings,
  normaliseLinkHost,
  type ProgramSettings,
  validateProgramSettings,
} from "../../referral/settings";
import { say, t } from "../../services/i18n";

export interface ProgramForm {
  name: string;
  rewardKind: string;
  rewardAmountType: "fixed" | "percent";
  rewardAmount: string;
  rewardPercent: string;
  rewardMaxOff: string;
  rewardMinSpend: string;
  rewardCurrency: string;
  rewardStoreId: string;
  rewardCode: string;
  rewardValidDays: string;
  monthlyCap: string;
  creditWithinHours: string;
  chaseAfterHours: string;
  maxAccountsPerDevice: string;
  /** One host per line. */
  allowedLinkHosts: string;
  shortLinkHosts: string;
  welcomeCouponsForFriend: string;
  shareTemplate: string;
  /** "" follows the browser. */
  timeZone: string;
}

export type ProgramField = keyof ProgramForm;
export type ProgramErrors = Partial<Record<ProgramField | "form", string>>;

export function programToForm(s: ProgramSettings, locale?: string): ProgramForm {
  const cur = s.reward.currency;
  const money = (v: number | undefined) => (v === undefined ? "" : moneyInputText(v, cur, locale));
  return {
    name: s.name,
    rewardKind: s.reward.kind,
    rewardAmountType: s.reward.percent !== undefined ? "percent" : "fixed",
    rewardAmount: money(s.reward.off),
    rewardPercent: s.reward.percent === undefined ? "" : String(s.reward.percent),
    rewardMaxOff: money(s.reward.maxOff),
    rewardMinSpend: s.reward.minSpend > 0 ? money(s.reward.minSpend) : "",
    rewardCurrency: cur,
    rewardStoreId: s.reward.storeId ?? "",
    rewardCode: s.reward.code ?? "",
    rewardValidDays: String(s.rewardValidDays),
    monthlyCap: String(s.monthlyCap),
    creditWithinHours: String(s.creditWithinHours),
    chaseAfterHours: String(s.chaseAfterHours),
    maxAccountsPerDevice: String(s.maxAccountsPerDevice),
    allowedLinkHosts: s.allowedLinkHosts.join("\n"),
    shortLinkHosts: s.shortLinkHosts.join("\n"),
    welcomeCouponsForFriend: s.welcomeCouponsForFriend,
    shareTemplate: s.shareTemplate,
    timeZone: s.timeZone ?? "",
  };
}

/** Schema paths ("reward.off", "shortLinkHosts[1]") to the input that shows them. */
const PATH_FIELDS: [RegExp, ProgramField][] = [
  [/^name/, "name"],
  [/^reward\.kind/, "rewardKind"],
  [/^reward\.off/, "rewardAmount"],
  [/^reward\.percent/, "rewardPercent"],
  [/^reward\.maxOff/, "rewardMaxOff"],
  [/^reward\.minSpend/, "rewardMinSpend"],
  [/^reward\.currency/, "rewardCurrency"],
  [/^reward\.storeId/, "rewardStoreId"],
  [/^reward\.code/, "rewardCode"],
  [/^rewardValidDays/, "rewardValidDays"],
  [/^monthlyCap/, "monthlyCap"],
  [/^creditWithinHours/, "creditWithinHours"],
  [/^chaseAfterHours/, "chaseAfterHours"],
  [/^maxAccountsPerDevice/, "maxAccountsPerDevice"],
  [/^allowedLinkHosts/, "allowedLinkHosts"],
  [/^shortLinkHosts/, "shortLinkHosts"],
  [/^welcomeCouponsForFriend/, "welcomeCouponsForFriend"],
  [/^shareTemplate/, "shareTemplate"],
  [/^timeZone/, "timeZone"],
];

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

function wholeNumber(text: string): number | undefined {
  const s = text.trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

export type ProgramFormResult =
  | { ok: true; settings: ProgramSettings }
  | { ok: false; errors: ProgramErrors };

/** The form as settings for `id`, or one message per field. */
export function formToProgram(form: ProgramForm, id: string, locale?: string): ProgramFormResult {
  const errors: ProgramErrors = {};
  const currency = form.rewardCurrency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) errors.rewardCurrency = t("errorCurrencyCode", form.rewardCurrency);
  const cur = errors.rewardCurrency === undefined ? currency : "USD";
  const reward: Record<string, unknown> = { kind: form.rewardKind, currency };
  const money = (text: string, field: ProgramField): number | undefined => {
    const r = parseTypedAmount(text, cur, locale);
    if (!r.ok) errors[field] = say(r.message);
    return r.ok ? r.units : undefined;
  };
  if (form.rewardAmountType === "fixed") reward.off = money(form.rewardAmount, "rewardAmount");
  else {
    const p = Number(form.rewardPercent.trim().replace(",", ".").replace(/%$/, ""));
    if (form.rewardPercent.trim() === "" || !Number.isFinite(p)) errors.rewardPercent = t("errorPercent");
    else reward.percent = p;
    if (form.rewardMaxOff.trim() !== "") reward.maxOff = money(form.rewardMaxOff, "rewardMaxOff");
  }
  reward.minSpend = form.rewardMinSpend.trim() === "" ? 0 : money(form.rewardMinSpend, "rewardMinSpend");
  if (form.rewardStoreId.trim() !== "") reward.storeId = form.rewardStoreId.trim();
  if (form.rewardCode.trim() !== "") reward.code = form.rewardCode.trim();

  const ints: Partial<Record<ProgramField, number | undefined>> = {};
  for (const field of [
    "rewardValidDays",
    "monthlyCap",
    "creditWithinHours",
    "chaseAfterHours",
    "maxAccountsPerDevice",
  ] as const) {
    ints[field] = wholeNumber(form[field]);
    if (ints[field] === undefined) errors[field] = t("errorWholeNumber");
  }

  const hosts = (text: string, field: ProgramField): string[] => {
    const out: string[] = [];
    for (const line of lines(text)) {
      const h = normaliseLinkHost(line);
      if (h.ok) out.push(h.host);
      else errors[field] ??= say(h.text);
    }
    return out;
  };
  const allowedLinkHosts = hosts(form.allowedLinkHosts, "allowedLinkHosts");
  const shortLinkHosts = hosts(form.shortLinkHosts, "shortLinkHosts");

  const candidate = {
    id,
    name: form.name,
    reward,
    rewardValidDays: ints.rewardValidDays,
    monthlyCap: ints.monthlyCap,
    creditWithinHours: ints.creditWithinHours,
    chaseAfterHours: ints.chaseAfterHours,
    maxAccountsPerDevice: ints.maxAccountsPerDevice,
    allowedLinkHosts,
    shortLinkHosts,
    welcomeCouponsForFriend: form.welcomeCouponsForFriend.trim(),
    shareTemplate: form.shareTemplate,
    timeZone: form.timeZone === "" ? null : form.timeZone,
  };
  const checked = validateProgramSettings(candidate);
  if (!checked.ok)
    for (const [path, message] of Object.entries(checked.errors)) {
      const field = PATH_FIELDS.find(([re]) => re.test(path))?.[1] ?? "form";
      errors[field] ??= say(message);
    }
  if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors };
  return { ok: true, settings: checked.settings };
}

/** A new program seeded from the built-in defaults, under a fresh id. */
export function newProgram(name: string): ProgramSettings {
  const id = `program-${globalThis.crypto?.randomUUID?.() ?? Date.now().toString(36)}`;
  return { ...defaultProgramSettings(), id, name };
}

export const isBuiltInProgram = (id: string): boolean => id === DEFAULT_PROGRAM_ID;
