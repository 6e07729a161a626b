/**
 * A copy of each program's default referral link in `storage.local`, so that
 * the popup can put the link on the clipboard before it loads its modules and
 * opens the database (one storage read instead of a chain of IndexedDB reads).
 *
 * The database stays the truth. Every write transaction that touches links or
 * programs rewrites the copy once it has committed, whoever made it, through a
 * Dexie middleware (firstWrite.ts). Writes are serialised per connection so that
 * an older snapshot never lands last.
 */
import { type DBCore, Dexie, type Middleware } from "dexie";
import { browser } from "wxt/browser";
import { validateReferralLink } from "../referral/links";
import { DEFAULT_PROGRAM_ID, defaultProgramSettings, type ProgramSettings } from "../referral/settings";
import { firstWriteMiddleware } from "./firstWrite";
import type { ReferralLink } from "./schemas";

/** The `storage.local` key of the copy; read by src/ui/popup/copyFirst.ts without any schema library. */
export const LINK_MIRROR_KEY = "defaultLinkCopy";

export interface LinkMirror {
  version: 1;
  /**
   * Per program, the text "Copy referral link" copies: its default link or code,
   * or null when it has none or the program's settings now refuse it.
   */
  links: Record<string, string | null>;
  /** The program the popup shows when the preferences name none (the built-in one). */
  builtIn: string;
  /** The program the popup shows when the one the preferences name is gone (the first listed). */
  fallback: string;
}

const MIRRORED_TABLES = new Set(["links", "programs"]);

/** The link each program's popup card would show first: the default, else the oldest. */
export function mirrorOf(programs: readonly ProgramSettings[], links: readonly ReferralLink[]): LinkMirror {
  const listed = programs.some((p) => p.id === DEFAULT_PROGRAM_ID)
    ? [...programs]
    : [defaultProgramSettings(), ...programs];
  const out: Record<string, string | null> = {};
  for (const program of listed) {
    const first = links
      .filter((l) => l.programId === program.id)
      .sort(
        (a, b) =>
          Number(b.isDefault) - Number(a.isDefault) ||
          a.addedAt.localeCompare(b.addedAt) ||
          a.id.localeCompare(b.id),
      )[0];
    const usable =
      first !== undefined && (first.kind === "code" || validateReferralLink(first.value, program).ok);
    out[program.id] = usable ? first.value : null;
  }
  return {
    version: 1,
    links: out,
    builtIn: DEFAULT_PROGRAM_ID,
    fallback: listed[0]?.id ?? DEFAULT_PROGRAM_ID,
  };
}

export type MirrorWriter = (mirror: LinkMirror) => Promise<void>;

export const storageMirrorWriter: MirrorWriter = async (mirror) => {
  // Absent outside an extension (Node scripts that open the database): nothing to keep in step.
  const local = browser?.storage?.local;
  if (local !== undefined) await local.set({ [LINK_MIRROR_KEY]: mirror });
};

interface MirrorState {
  chain: Promise<void>;
}

const states = new WeakMap<Dexie, MirrorState>();

function stateOf(db: Dexie): MirrorState {
  let state = states.get(db);
  if (state === undefined) {
    state = { chain: Promise.resolve() };
    states.set(db, state);
  }
  return state;
}

/** Reads links and programs in one transaction and writes the copy. Never throws: the popup re-checks it. */
export async function syncLinkMirror(db: Dexie, write: MirrorWriter = storageMirrorWriter): Promise<void> {
  try {
    const [programs, links] = await db.transaction("r", ["programs", "links"], () =>
      Promise.all([
        db.table<ProgramSettings>("programs").toArray(),
        db.table<ReferralLink>("links").toArray(),
      ]),
    );
    await write(mirrorOf(programs, links));
  } catch {
    // A closed connection or a full storage: the popup finds the copy stale, copies from the
    // database and asks for a fresh copy (see PopupTabs), so nothing wrong stays copied.
  }
}

/** Resolves once every copy owed to a transaction already made on this connection is written. */
export function linkMirrorSettled(db: Dexie): Promise<void> {
  // Called inside a caller's larger transaction, the copy waits for that one to commit: waiting
  // here would never end.
  if (Dexie.currentTransaction) return Promise.resolve();
  return stateOf(db).chain;
}

/** Queues a rewrite after `db`'s current writes; what the popup asks for when it finds the copy stale. */
export function refreshLinkMirror(db: Dexie, write: MirrorWriter = storageMirrorWriter): Promise<void> {
  const state = stateOf(db);
  state.chain = state.chain.then(() => Dexie.ignoreTransaction(() => syncLinkMirror(db, write)));
  return state.chain;
}

/**
 * The middleware: on the first write to links or programs in a transaction, queues
 * a rewrite that waits for that transaction to commit. Queued at the write, not at
 * the commit, so that `linkMirrorSettled` called right after the transaction already
 * waits for it.
 */
export function linkMirrorMiddleware(
  db: Dexie,
  write: MirrorWriter = storageMirrorWriter,
): Middleware<DBCore> {
  return firstWriteMiddleware(
    "stackwise-link-mirror",
    (committed) => {
      const state = stateOf(db);
      state.chain = state.chain.then(async () => {
        // Queued inside the writing transaction's zone: leave it, or the read would join
        // that transaction, which has committed by then.
        if (await committed) await Dexie.ignoreTransaction(() => syncLinkMirror(db, write));
      });
    },
    MIRRORED_TABLES,
  );
}
