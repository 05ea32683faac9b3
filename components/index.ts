/**
 * Every service's components, argument types, validators and limit tables. Importing creates nothing: resources
 * exist only once a component is constructed inside a Pulumi program. One entry point per service too
 * (`<package>/eventhubs`, `<package>/servicebus`, ...).
 */
export * from "./core";
export * from "./batch";
export * from "./eventgrid";
export * from "./eventhubs";
export * from "./network";
export * from "./rbac";
export * from "./servicebus";
export * from "./storage";
