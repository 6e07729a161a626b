/** The catalogue's keys separated by spaces, defined at build time (wxt.config.ts, catalogueKeysDefine). */
declare const __CATALOGUE_KEYS__: string | undefined;
