export * from "../core/calendar";
export * from "./links";
export * from "./records";
export * from "./reward";
export * from "./settings";
export * from "./share";
export * from "./tracker";
