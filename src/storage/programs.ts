/** Referral program settings as stored; a program never saved reads as its defaults. */
import { formatPath } from "../../optimizer/errors";
import { message } from "../core/message";
import {
  DEFAULT_PROGRAM_ID,
  defaultProgramSettings,
  type ProgramSettings,
  ProgramSettingsSchema,
} from "../referral/settings";
import type { StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";
import { linkMirrorSettled } from "./linkMirror";

function invalidSettings(issues: readonly { path: readonly PropertyKey[]; message: string }[]): StorageError {
  const problems = issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  return new StorageError("invalid-input", {
    userMessage: `The settings were not saved: ${problems.join("; ")}.`,
    problems,
  });
}

/** Inside a transaction: the stored settings, or the defaults for the built-in program. */
export async function readProgram(db: StackwiseDb, programId: string): Promise<ProgramSettings> {
  const stored = await db.programs.get(programId);
  if (stored !== undefined) return stored;
  if (programId === DEFAULT_PROGRAM_ID) return defaultProgramSettings();
  throw new StorageError("not-found", { text: message("errorNoProgram", programId) });
}

export function getProgramSettings(
  db: StackwiseDb,
  programId = DEFAULT_PROGRAM_ID,
): Promise<ProgramSettings> {
  return guard(() => readProgram(db, programId));
}

export function listPrograms(db: StackwiseDb): Promise<ProgramSettings[]> {
  return guard(async () => {
    const stored = await db.programs.toArray();
    if (!stored.some((p) => p.id === DEFAULT_PROGRAM_ID)) stored.unshift(defaultProgramSettings());
    return stored;
  });
}

/** Validates and saves whole settings (create or replace). */
export function saveProgramSettings(db: StackwiseDb, settings: unknown): Promise<ProgramSettings> {
  return guard(async () => {
    const parsed = ProgramSettingsSchema.safeParse(settings);
    if (!parsed.success) throw invalidSettings(parsed.error.issues);
    await db.programs.put(parsed.data);
    // A short-link host removed from the settings can make the default link uncopyable.
    await linkMirrorSettled(db);
    return parsed.data;
  });
}

/** Changes some settings of a program, validating the result as a whole. */
export function updateProgramSettings(
  db: StackwiseDb,
  programId: string,
  patch: Partial<Omit<ProgramSettings, "id">>,
): Promise<ProgramSettings> {
  return guard(async () => {
    const saved = await db.transaction("rw", db.programs, async () => {
      const current = await readProgram(db, programId);
      const parsed = ProgramSettingsSchema.safeParse({ ...current, ...patch, id: programId });
      if (!parsed.success) throw invalidSettings(parsed.error.issues);
      await db.programs.put(parsed.data);
      return parsed.data;
    });
    await linkMirrorSettled(db);
    return saved;
  });
}

/** Puts a program back to the shipped defaults (the built-in program only). */
export function resetProgramSettings(
  db: StackwiseDb,
  programId = DEFAULT_PROGRAM_ID,
): Promise<ProgramSettings> {
  return guard(async () => {
    if (programId !== DEFAULT_PROGRAM_ID)
      throw new StorageError("not-found", {
        text: message("errorNoProgramDefaults", programId),
      });
    const defaults = defaultProgramSettings();
    await db.programs.put(defaults);
    await linkMirrorSettled(db);
    return defaults;
  });
}

/**
 * Removes a program the user added, with its referral links and records, in one
 * transaction; coupons it already credited stay in the wallet (they are the user's).
 * The built-in program cannot be removed: reset its settings instead.
 */
export function removeProgram(db: StackwiseDb, programId: string): Promise<void> {
  return guard(async () => {
    if (programId === DEFAULT_PROGRAM_ID)
      throw new StorageError("invalid-input", {
        text: message("errorBuiltInProgram"),
      });
    await db.transaction("rw", db.programs, db.links, db.referrals, async () => {
      if ((await db.programs.get(programId)) === undefined)
        throw new StorageError("not-found", { text: message("errorNoProgram", programId) });
      await db.links.where("programId").equals(programId).delete();
      await db.referrals.where("programId").equals(programId).delete();
      await db.programs.delete(programId);
    });
    await linkMirrorSettled(db);
  });
}
