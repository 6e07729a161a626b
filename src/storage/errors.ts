/**
 * Storage failures as typed errors with a sentence for people: `text`, a
 * catalogue message the UI shows in the user's language (the kind's, or the
 * thrower's own). IndexedDB and Dexie report problems under many names (and
 * wrap them in one another); the UI should only have to switch on `kind`.
 */
import { type Message, type MessageKey, message, messageTrace } from "../core/message";

export type StorageErrorKind =
  /** The browser refused to store more data. */
  | "quota"
  /** An upgrade waits for another open Stackwise page to close. */
  | "blocked"
  /** IndexedDB is missing or refused (private mode, disabled site data). */
  | "unavailable"
  /** The stored data is newer than this version of the extension. */
  | "version"
  /** Upgrading the stored data to the current schema failed; it was left as it was. */
  | "upgrade-failed"
  /** The database connection was closed under us. */
  | "closed"
  /** Something with this id already exists. */
  | "conflict"
  | "not-found"
  /** Input refused by validation (a link, a coupon, settings). */
  | "invalid-input"
  /** An import file was refused. */
  | "invalid-file"
  /** "I placed this order" refused: a coupon missing or used, a balance too small. */
  | "order-refused"
  /** Crediting would exceed the monthly cap. */
  | "cap-reached"
  /** A referral event that does not fit the record's state. */
  | "invalid-transition"
  | "unknown";

/** The catalogue's sentence for each kind. */
export const KIND_TEXTS: Record<StorageErrorKind, MessageKey> = {
  quota: "errorQuota",
  blocked: "errorBlocked",
  unavailable: "errorUnavailable",
  version: "errorVersion",
  "upgrade-failed": "errorUpgradeFailed",
  closed: "errorClosed",
  conflict: "errorConflict",
  "not-found": "errorNotFound",
  "invalid-input": "errorInvalidInput",
  "invalid-file": "errorInvalidFile",
  "order-refused": "errorOrderRefused",
  "cap-reached": "errorCapReached",
  "invalid-transition": "errorInvalidTransition",
  unknown: "errorUnknown",
};

export class StorageError extends Error {
  override name = "StorageError";
  /**
   * What the thrower said in English beyond its kind (which field of an import
   * file, which coupon), listed under `text` when there are no `problems`;
   * `message` may carry technical detail for logs.
   */
  readonly userMessage: string | undefined;
  /** One line per problem, for invalid files, inputs and refused orders. */
  readonly problems: readonly string[];
  /** A machine-readable refusal reason where there is one (a link's LinkRefusal). */
  readonly reason: string | undefined;
  /** The sentence to show, translatable: the thrower's own, else the kind's. */
  readonly text: Message;
  /** True when `text` is the thrower's own sentence rather than the kind's. */
  readonly ownText: boolean;

  constructor(
    readonly kind: StorageErrorKind,
    options: {
      userMessage?: string;
      /** The thrower's own sentence for people, shown instead of the kind's. */
      text?: Message;
      problems?: readonly string[];
      reason?: string;
      cause?: unknown;
      detail?: string;
    } = {},
  ) {
    const text = options.text ?? message(KIND_TEXTS[kind]);
    super(
      options.detail ?? options.userMessage ?? messageTrace(text),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.userMessage = options.userMessage;
    this.problems = options.problems ?? [];
    this.reason = options.reason;
    this.text = text;
    this.ownText = options.text !== undefined;
  }
}

const NAME_KINDS: Record<string, StorageErrorKind> = {
  QuotaExceededError: "quota",
  NS_ERROR_DOM_QUOTA_REACHED: "quota",
  MissingAPIError: "unavailable",
  InvalidStateError: "unavailable",
  SecurityError: "unavailable",
  VersionError: "version",
  UpgradeError: "upgrade-failed",
  DatabaseClosedError: "closed",
  ConstraintError: "conflict",
  NotFoundError: "not-found",
};

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
  code?: unknown;
}

/** The most specific known kind in an error and the errors it wraps (Dexie's `inner`, bulk `failures`). */
function findKind(e: unknown, depth = 0): StorageErrorKind | null {
  if (e === null || typeof e !== "object" || depth > 6) return null;
  if (e instanceof StorageError) return e.kind;
  const err = e as ErrorLike;
  for (const nested of [err.inner, err.cause, ...(Array.isArray(err.failures) ? err.failures : [])]) {
    const k = findKind(nested, depth + 1);
    if (k !== null) return k;
  }
  if (err.code === 22 || err.code === 1014) return "quota";
  const name = typeof err.name === "string" ? err.name : "";
  return NAME_KINDS[name] ?? null;
}

/** Any thrown value as a StorageError, keeping the original as `cause`. */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const kind = findKind(e) ?? "unknown";
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new StorageError(kind, { cause: e, detail });
}

/** Runs a storage operation and rethrows whatever fails as a StorageError. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    throw toStorageError(e);
  }
}
