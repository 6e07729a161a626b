/**
 * One sentence for any failure. Storage errors carry their own `userMessage`;
 * the generic ones (quota, blocked, private mode...) are shown from the
 * translated catalogue, the specific ones (which field, which coupon) as the
 * storage layer worded them.
 */
import { defaultUserMessage, type StorageErrorKind, toStorageError } from "../../storage/errors";
import { type MessageKey, t } from "../i18n";

const KIND_KEYS: Record<StorageErrorKind, MessageKey> = {
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

export interface ShownError {
  kind: StorageErrorKind;
  message: string;
  /** Listed under the message when there are several (the message then stays short). */
  problems: readonly string[];
}

export function describeError(e: unknown): ShownError {
  const err = toStorageError(e);
  const generic = err.userMessage === defaultUserMessage(err.kind);
  if (generic || err.problems.length > 1)
    return { kind: err.kind, message: t(KIND_KEYS[err.kind]), problems: generic ? [] : err.problems };
  return { kind: err.kind, message: err.userMessage, problems: [] };
}

export const errorText = (e: unknown): string => describeError(e).message;
