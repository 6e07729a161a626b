/** A catalogue as JSON text; in the build its messages are dropped (wxt.config.ts, catalogueKeys). */
declare module "*/messages.json?raw&keys" {
  const text: string;
  export default text;
}
