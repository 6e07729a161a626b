/**
 * The one door to Zod for the extension and the optimizer. Zod Mini (tree-shakable functions
 * instead of methods) keeps each bundle about 60 kB smaller than the classic API, but it loads
 * no locale: without this `config` every message would read "Invalid input" instead of
 * "Too big: expected string to have <=200 characters". Importing `z` from here, never from
 * "zod/mini" itself, keeps the messages exactly the classic API's.
 */
import { z } from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

export { z };
