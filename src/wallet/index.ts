export * from "./coupons";
export * from "./form";
export * from "./money";
