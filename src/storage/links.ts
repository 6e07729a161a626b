/** Saved referral links and codes; only what passes validation is ever stored. */
import { type InstantLike, toIso } from "../core/calendar";
import type { Message } from "../core/message";
import { validateReferralLink } from "../referral/links";
import { DEFAULT_PROGRAM_ID, type ProgramSettings } from "../referral/settings";
import type { StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";
import { linkMirrorSettled } from "./linkMirror";
import { readProgram } from "./programs";
import type { ReferralLink } from "./schemas";

export interface ReferralLinkView extends ReferralLink {
  /**
   * False when the current settings would refuse the link (a short-link host
   * was removed since): the popup must not copy or open it.
   */
  allowed: boolean;
  /** Why the settings refuse it, for people (the link checks' words, in the reader's language). */
  problem?: Message;
}

function view(link: ReferralLink, settings: ProgramSettings): ReferralLinkView {
  if (link.kind === "code") return { ...link, allowed: true };
  const check = validateReferralLink(link.value, settings);
  return check.ok ? { ...link, allowed: true } : { ...link, allowed: false, problem: check.text };
}

const byDefaultThenAge = (a: ReferralLink, b: ReferralLink) =>
  Number(b.isDefault) - Number(a.isDefault) || a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id);

/**
 * Runs a write and resolves once the popup's copy of the default link is in step with it too
 * (src/storage/linkMirror.ts), so a popup opened right after copies the new link.
 */
async function mirrored<T>(db: StackwiseDb, write: () => Promise<T>): Promise<T> {
  const result = await guard(write);
  await linkMirrorSettled(db);
  return result;
}

function newId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `l-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

/**
 * Validates and saves a referral link or bare code. A refused input throws
 * StorageError "invalid-input" with the validation's message and `reason`. The
 * same link saved twice returns the saved one. The first link of a program
 * becomes its default.
 */
export function addReferralLink(
  db: StackwiseDb,
  fields: { input: string; programId?: string; label?: string; makeDefault?: boolean; now?: InstantLike },
): Promise<ReferralLinkView> {
  const programId = fields.programId ?? DEFAULT_PROGRAM_ID;
  return mirrored(db, () =>
    db.transaction("rw", [db.links, db.programs], async () => {
      const settings = await readProgram(db, programId);
      const check = validateReferralLink(fields.input, settings);
      if (!check.ok)
        throw new StorageError("invalid-input", {
          userMessage: check.message,
          text: check.text,
          problems: [check.message],
          reason: check.reason,
        });
      const existing = await db.links.where("programId").equals(programId).toArray();
      const same = existing.find((l) => l.value === check.value);
      if (same !== undefined) return view(same, settings);
      const label = (fields.label ?? "").trim().slice(0, 100);
      const link: ReferralLink = {
        id: newId(),
        programId,
        kind: check.kind,
        value: check.value,
        label,
        isDefault: existing.length === 0 || fields.makeDefault === true,
        addedAt: toIso(fields.now ?? Date.now()),
      };
      if (link.isDefault)
        for (const other of existing.filter((l) => l.isDefault))
          await db.links.update(other.id, { isDefault: false });
      await db.links.add(link);
      return view(link, settings);
    }),
  );
}

/** A program's links, the default first, then oldest first. */
export function listReferralLinks(
  db: StackwiseDb,
  programId = DEFAULT_PROGRAM_ID,
): Promise<ReferralLinkView[]> {
  return guard(async () => {
    const settings = await readProgram(db, programId);
    const links = await db.links.where("programId").equals(programId).toArray();
    return links.sort(byDefaultThenAge).map((l) => view(l, settings));
  });
}

/** The link the popup's main button copies, or undefined when none is saved. */
export async function getDefaultReferralLink(
  db: StackwiseDb,
  programId = DEFAULT_PROGRAM_ID,
): Promise<ReferralLinkView | undefined> {
  return (await listReferralLinks(db, programId))[0];
}

export function setDefaultReferralLink(db: StackwiseDb, linkId: string): Promise<void> {
  return mirrored(db, () =>
    db.transaction("rw", db.links, async () => {
      const link = await db.links.get(linkId);
      if (link === undefined) throw new StorageError("not-found");
      const siblings = await db.links.where("programId").equals(link.programId).toArray();
      for (const s of siblings)
        if (s.isDefault !== (s.id === linkId)) await db.links.update(s.id, { isDefault: s.id === linkId });
    }),
  );
}

export function renameReferralLink(db: StackwiseDb, linkId: string, label: string): Promise<void> {
  return guard(async () => {
    const changed = await db.links.update(linkId, { label: label.trim().slice(0, 100) });
    if (changed === 0 && (await db.links.get(linkId)) === undefined) throw new StorageError("not-found");
  });
}

/** Deletes a link; when it was the default, the oldest remaining one takes over. */
export function removeReferralLink(db: StackwiseDb, linkId: string): Promise<void> {
  return mirrored(db, () =>
    db.transaction("rw", db.links, async () => {
      const link = await db.links.get(linkId);
      if (link === undefined) return;
      await db.links.delete(linkId);
      if (!link.isDefault) return;
      const rest = (await db.links.where("programId").equals(link.programId).toArray()).sort(
        byDefaultThenAge,
      );
      const next = rest[0];
      if (next !== undefined) await db.links.update(next.id, { isDefault: true });
    }),
  );
}
