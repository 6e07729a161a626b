/**
 * One sentence for any failure, in the user's language. A storage error says
 * what went wrong as a catalogue message: its own (a refused link, a full
 * cap) or its kind's (quota, blocked, private mode...). Details the storage
 * layer only words in English (which field of an import file) are listed
 * under it, so nothing the user could act on is hidden.
 */

import { say } from "../../services/i18n";
import { type StorageErrorKind, toStorageError } from "../../storage/errors";

export interface ShownError {
  kind: StorageErrorKind;
  message: string;
  /** Listed under the message (the message then stays short). */
  problems: readonly string[];
}

export function describeError(e: unknown): ShownError {
  const err = toStorageError(e);
  const message = say(err.text);
  if (err.ownText || err.userMessage === undefined) return { kind: err.kind, message, problems: [] };
  return { kind: err.kind, message, problems: err.problems.length > 0 ? err.problems : [err.userMessage] };
}

export const errorText = (e: unknown): string => describeError(e).message;
