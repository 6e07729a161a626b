/** Referral programs' settings, written and announced together. */
import * as storage from "../../storage/programs";
import { announcing } from "./announce";

export const saveProgramSettings = announcing("programs", storage.saveProgramSettings);
export const updateProgramSettings = announcing("programs", storage.updateProgramSettings);
export const resetProgramSettings = announcing("programs", storage.resetProgramSettings);
export const removeProgram = announcing("programs", storage.removeProgram);
