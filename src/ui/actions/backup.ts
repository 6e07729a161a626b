/** Importing a wallet or backup file, announced once it is in. */
import * as storage from "../../storage/backup";
import { announcing } from "./announce";

export const importStore = announcing("import", storage.importStore);
