/** Every shared end-to-end feature, in the order both runners register them. */
import { popup } from "./popup";
import type { Feature } from "./scenario";

export const FEATURES: readonly Feature[] = [popup];
