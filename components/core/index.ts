export * from "./diagnostics";
export * from "./errors";
export * from "./extensions";
export * from "./identity";
export * from "./interfaces";
export * from "./naming";
export * from "./roleAssignment";
export * from "./validate";
