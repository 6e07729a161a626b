/** A Message as an English reader sees it: the English catalogue, as the browser would fill it in. */
import english from "../../../public/_locales/en/messages.json";
import type { Message } from "../../../src/core/message";
import { type CatalogueEntry, catalogueSay } from "../../../src/services/i18n";

export const inEnglish = (m: Message): string => catalogueSay(english as Record<string, CatalogueEntry>, m);
