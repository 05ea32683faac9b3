/*
 * Requires the package root and every service entry point and fails if importing registers a resource, calls a
 * provider function, adds a process listener or throws: importing the components must create nothing.
 * Run from a directory where @azint/components is installed.
 */
"use strict";
/* global setImmediate */
const pulumi = require("@pulumi/pulumi");

const entries = ["", "/core", "/eventhubs", "/servicebus", "/eventgrid", "/batch", "/rbac", "/network", "/storage"];
const events = ["exit", "beforeExit", "uncaughtException", "unhandledRejection", "warning"];
const listenersBefore = events.map((e) => process.listenerCount(e));
const effects = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => (effects.push(`registered ${args.type} ${args.name}`), { id: "x", state: {} }),
    call: (args) => (effects.push(`called ${args.token}`), {}),
  },
  "imports",
  "test",
  false,
);

const exported = {};
for (const entry of entries) {
  const mod = require(`@azint/components${entry}`);
  exported[entry || "."] = Object.keys(mod).length;
  if (Object.keys(mod).length === 0) effects.push(`@azint/components${entry} exports nothing`);
}
setImmediate(() => {
  events.forEach((e, i) => {
    if (process.listenerCount(e) !== listenersBefore[i]) effects.push(`added a process '${e}' listener`);
  });
  if (effects.length > 0) {
    console.error(`importing the package has side effects:\n${effects.join("\n")}`);
    process.exit(1);
  }
  console.log(`imports: ${entries.length} entry points, no side effects (${JSON.stringify(exported)})`);
});
