/**
 * Export of the whole store to JSON and import back. Import validates the
 * entire file before touching the database and writes in one transaction, so
 * a bad file, or a failure halfway, leaves the data exactly as it was.
 *
 * Two kinds of file are accepted: a Stackwise backup, and a bare wallet in
 * the optimizer's `wallet` shape ({coupons, coins, points}).
 */

import { formatPath } from "../../optimizer/errors";
import { CoinsSchema, checkUnique, PointsSchema, type Wallet, WalletSchema } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";
import { type InstantLike, localDate, systemTimeZone, toIso } from "../core/calendar";
import { type ReferralRecord, ReferralRecordSchema } from "../referral/records";
import { DEFAULT_PROGRAM_ID, type ProgramSettings, ProgramSettingsSchema } from "../referral/settings";
import { COINS_KEY, CURRENT_SCHEMA_VERSION, type StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";
import { linkMirrorSettled } from "./linkMirror";
import {
  type CouponRecord,
  couponRecord,
  type ReferralLink,
  ReferralLinkSchema,
  StoredCouponSchema,
  withExpiryIndex,
} from "./schemas";

export const BACKUP_FORMAT = "stackwise-backup";
/** Bump with a converter in `upgradeBackup` when the file layout changes. */
export const BACKUP_FORMAT_VERSION = 1;
/** Larger files are refused before parsing: a wallet is kilobytes, not tens of megabytes. */
export const MAX_IMPORT_CHARS = 20_000_000;
const MAX_PROBLEMS_SHOWN = 5;

const WALLET_KEYS = ["coupons", "coins", "points"] as const;

type Issues = readonly { path: readonly PropertyKey[]; message: string }[];

const BackupWalletSchema = z
  .object({
    coupons: z._default(z.array(StoredCouponSchema), []),
    coins: z.optional(CoinsSchema),
    points: z._default(z.array(PointsSchema), []),
  })
  .check(
    z.superRefine((w, ctx) => {
      checkUnique(w.coupons, (c) => c.id, ["coupons"], "id", ctx);
      checkUnique(w.points, (p) => p.storeId, ["points"], "storeId", ctx);
    }),
  );

export const BackupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT, { error: `expected "${BACKUP_FORMAT}"` }),
    formatVersion: z.number({ error: "expected a whole number" }).check(
      z.int({ error: "expected a whole number" }),
      z.gte(1, { error: "expected a whole number from 1" }),
      z.lte(BACKUP_FORMAT_VERSION, {
        error: "this backup was made by a newer version of Stackwise; update the extension to import it",
      }),
    ),
    /** The database schema version that wrote it; informative. */
    schemaVersion: z.optional(z.number().check(z.int())),
    exportedAt: z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time with an offset" }),
    programs: z._default(z.array(ProgramSettingsSchema), []),
    links: z._default(z.array(ReferralLinkSchema), []),
    referrals: z._default(z.array(ReferralRecordSchema), []),
    wallet: z._default(BackupWalletSchema, { coupons: [], points: [] }),
  })
  .check(
    z.superRefine((b, ctx) => {
      checkUnique(b.programs, (p) => p.id, ["programs"], "id", ctx);
      checkUnique(b.links, (l) => l.id, ["links"], "id", ctx);
      checkUnique(b.referrals, (r) => r.id, ["referrals"], "id", ctx);
      const programIds = new Set([DEFAULT_PROGRAM_ID, ...b.programs.map((p) => p.id)]);
      b.links.forEach((l, i) => {
        if (!programIds.has(l.programId))
          ctx.addIssue({
            code: "custom",
            path: ["links", i, "programId"],
            message: `names no program in the file ("${l.programId}")`,
          });
      });
      b.referrals.forEach((r, i) => {
        if (!programIds.has(r.programId))
          ctx.addIssue({
            code: "custom",
            path: ["referrals", i, "programId"],
            message: `names no program in the file ("${r.programId}")`,
          });
      });
      const defaults = new Map<string, number>();
      b.links.forEach((l, i) => {
        if (!l.isDefault) return;
        const first = defaults.get(l.programId);
        if (first === undefined) defaults.set(l.programId, i);
        else
          ctx.addIssue({
            code: "custom",
            path: ["links", i, "isDefault"],
            message: `program "${l.programId}" already has a default link (links[${first}])`,
          });
      });
    }),
  );

export type Backup = z.output<typeof BackupSchema>;

/** A bare optimizer wallet, with the uniqueness the optimizer's full input would check. */
const BareWalletSchema = WalletSchema.check(
  z.superRefine((w, ctx) => {
    checkUnique(w.coupons, (c) => c.id, ["coupons"], "id", ctx);
    checkUnique(w.points, (p) => p.storeId, ["points"], "storeId", ctx);
  }),
);

export type ParsedImport = { kind: "backup"; backup: Backup } | { kind: "wallet"; wallet: Wallet };

export type ImportCheck = ({ ok: true } & ParsedImport) | { ok: false; problems: string[] };

const problemsOf = (issues: Issues, prefix: (string | number)[] = []): string[] =>
  issues.map((i) => `${formatPath([...prefix, ...i.path])}: ${i.message}`);

/**
 * Checks a file's text without touching the database: which kind it is and
 * whether it is valid, with one line per problem ("wallet.coupons[2].expiresAt: ...").
 */
export function checkImport(text: string): ImportCheck {
  if (typeof text !== "string" || text.trim() === "") return { ok: false, problems: ["the file is empty"] };
  if (text.length > MAX_IMPORT_CHARS)
    return {
      ok: false,
      problems: [`the file is larger than ${MAX_IMPORT_CHARS / 1_000_000} million characters`],
    };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, problems: [`the file is not valid JSON (${(e as Error).message})`] };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return {
      ok: false,
      problems: ["expected a JSON object: a Stackwise backup or a wallet {coupons, coins, points}"],
    };
  const obj = data as Record<string, unknown>;

  if ("format" in obj) {
    if (obj.format !== BACKUP_FORMAT)
      return {
        ok: false,
        problems: [`format: expected "${BACKUP_FORMAT}", found ${JSON.stringify(obj.format)}`],
      };
    const parsed = BackupSchema.safeParse(obj);
    return parsed.success
      ? { ok: true, kind: "backup", backup: parsed.data }
      : { ok: false, problems: problemsOf(parsed.error.issues) };
  }

  const keys = Object.keys(obj);
  if ("wallet" in obj && ("cart" in obj || "now" in obj))
    return {
      ok: false,
      problems: [
        'this is a whole optimizer input; import only its "wallet" object ({coupons, coins, points})',
      ],
    };
  const unexpected = keys.filter((k) => !(WALLET_KEYS as readonly string[]).includes(k));
  if (keys.length === 0 || unexpected.length > 0)
    return {
      ok: false,
      problems: [
        keys.length === 0
          ? "the object is empty: expected a Stackwise backup or a wallet with coupons, coins and/or points"
          : `not a Stackwise backup or a wallet: unexpected ${unexpected.map((k) => `"${k}"`).join(", ")} ` +
            '(a wallet has only "coupons", "coins" and "points")',
      ],
    };
  const parsed = BareWalletSchema.safeParse(obj);
  return parsed.success
    ? { ok: true, kind: "wallet", wallet: parsed.data }
    : { ok: false, problems: problemsOf(parsed.error.issues) };
}

export interface ImportSummary {
  kind: "backup" | "wallet";
  mode: "replace" | "merge";
  programs: number;
  links: number;
  referrals: number;
  coupons: number;
  points: number;
  coins: boolean;
}

export interface ImportOptions {
  /**
   * "replace" empties the store first (the default for a backup); "merge"
   * adds to what is stored, replacing items with the same id (the default for
   * a bare wallet, whose coins, when present, replace the saved coins).
   */
  mode?: "replace" | "merge";
}

function invalidFile(problems: string[]): StorageError {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).join("; ");
  const more =
    problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${problems.length - MAX_PROBLEMS_SHOWN} more)` : "";
  return new StorageError("invalid-file", {
    userMessage: `This file was not imported and nothing was changed: ${shown}${more}.`,
    problems,
  });
}

/** Imports a file's text. A refused file throws StorageError "invalid-file" listing every problem. */
export function importStore(
  db: StackwiseDb,
  text: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return guard(async () => {
    const check = checkImport(text);
    if (!check.ok) throw invalidFile(check.problems);
    const parsed: ParsedImport = check;
    const mode = options.mode ?? (parsed.kind === "backup" ? "replace" : "merge");
    const programs: ProgramSettings[] = parsed.kind === "backup" ? parsed.backup.programs : [];
    const links: ReferralLink[] = parsed.kind === "backup" ? parsed.backup.links : [];
    const referrals: ReferralRecord[] = parsed.kind === "backup" ? parsed.backup.referrals : [];
    const wallet = parsed.kind === "backup" ? parsed.backup.wallet : parsed.wallet;
    const coupons = (wallet.coupons as CouponRecord[]).map(withExpiryIndex);

    await db.transaction(
      "rw",
      [db.programs, db.links, db.referrals, db.coupons, db.coins, db.points],
      async () => {
        if (mode === "replace") {
          const walletOnly = parsed.kind === "wallet";
          await Promise.all([db.coupons.clear(), db.coins.clear(), db.points.clear()]);
          if (!walletOnly) await Promise.all([db.programs.clear(), db.links.clear(), db.referrals.clear()]);
        } else if (links.some((l) => l.isDefault)) {
          // A merged-in default link takes over from the stored one.
          const programsWithNewDefault = new Set(links.filter((l) => l.isDefault).map((l) => l.programId));
          await db.links
            .filter((l) => l.isDefault && programsWithNewDefault.has(l.programId))
            .modify({ isDefault: false });
        }
        await db.programs.bulkPut(programs);
        await db.links.bulkPut(links);
        await db.referrals.bulkPut(referrals);
        await db.coupons.bulkPut(coupons);
        if (wallet.coins !== undefined) await db.coins.put({ ...wallet.coins, id: COINS_KEY });
        await db.points.bulkPut(wallet.points);
      },
    );
    // A restored backup brings its own default links: the popup's copy follows before this resolves.
    await linkMirrorSettled(db);
    return {
      kind: parsed.kind,
      mode,
      programs: programs.length,
      links: links.length,
      referrals: referrals.length,
      coupons: coupons.length,
      points: wallet.points.length,
      coins: wallet.coins !== undefined,
    };
  });
}

/** The whole store as a backup object, read in one transaction. */
export function exportStore(db: StackwiseDb, options: { now?: InstantLike } = {}): Promise<Backup> {
  return guard(() =>
    db.transaction("r", [db.programs, db.links, db.referrals, db.coupons, db.coins, db.points], async () => {
      const [programs, links, referrals, coupons, coinsRow, points] = await Promise.all([
        db.programs.toArray(),
        db.links.toArray(),
        db.referrals.toArray(),
        db.coupons.orderBy("expiresMs").toArray(),
        db.coins.get(COINS_KEY),
        db.points.orderBy("storeId").toArray(),
      ]);
      const wallet: Backup["wallet"] = { coupons: coupons.map(couponRecord), points };
      if (coinsRow !== undefined) {
        const { id: _key, ...coins } = coinsRow;
        wallet.coins = coins;
      }
      return {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        exportedAt: toIso(options.now ?? Date.now()),
        programs,
        links,
        referrals,
        wallet,
      } satisfies Backup;
    }),
  );
}

/** The backup as the text of a JSON file. */
export async function exportStoreJson(db: StackwiseDb, options: { now?: InstantLike } = {}): Promise<string> {
  return `${JSON.stringify(await exportStore(db, options), null, 2)}\n`;
}

/** "stackwise-backup-2026-03-31.json", dated in the user's zone. */
export function backupFileName(now: InstantLike, timeZone: string = systemTimeZone()): string {
  return `stackwise-backup-${localDate(now, timeZone)}.json`;
}
