/** A catalogue's keys, texts dropped (wxt.config.ts, catalogueKeys): values are meaningless. */
declare module "*/messages.json?keys" {
  const keys: Readonly<Record<string, unknown>>;
  export default keys;
}
