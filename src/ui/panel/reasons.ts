/**
 * The background hands the panel its reasons and notes as English sentences
 * (they are also what logs and tests read). The panel shows each in its own
 * language when it knows the sentence: an adapter's template, or a storage
 * failure's standard wording; anything else is shown as written.
 */
import { adapterMessages } from "../../adapters/texts";
import { defaultUserMessage, KIND_TEXTS, type StorageErrorKind } from "../../storage/errors";
import { say, t } from "../i18n";

const storageKinds = Object.keys(KIND_TEXTS) as StorageErrorKind[];

export function localiseReason(text: string): string {
  const kind = storageKinds.find((k) => defaultUserMessage(k) === text);
  if (kind !== undefined) return t(KIND_TEXTS[kind]);
  return adapterMessages(text)
    .map((part) => (typeof part === "string" ? part : say(part)))
    .join("; ");
}
