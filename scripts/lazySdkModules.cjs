/*
 * @pulumi/pulumi requires `typescript` (its closure serializer's parser, through typescript-shim.js) and
 * `@npmcli/arborist` (the code-path walker of function serialization) when it is loaded, although only serializing
 * a function (dynamic providers, callbacks) uses them: 9 MB of TypeScript and about 500 modules, most of the SDK's
 * load time. Its index also loads the Automation API, which a stack program does not use. The SDK gets stand-ins that load the real module on first use, so nothing changes for code that uses
 * them. Used by `npm run plan` (scripts/tsRequire.cjs) and by Jest (tests/helpers/jestResolver.cjs); code outside
 * the SDK resolves these modules as before.
 */
"use strict";
const path = require("path");

/** What the SDK requires eagerly and uses only to serialize functions. */
const lazyRequests = ["typescript", "@npmcli/arborist"];
const sdkDir = `${path.sep}node_modules${path.sep}@pulumi${path.sep}pulumi${path.sep}`;

/**
 * What the SDK's index requires eagerly and a stack program never uses: the Automation API (a program that drives
 * the Pulumi CLI), about a tenth of the SDK's load time.
 */
const lazyIndexRequests = ["./automation"];

/** Whether `request`, required from a module in `fromDir`, gets a stand-in. */
function isLazy(request, fromDir) {
  const dir = `${fromDir}${path.sep}`;
  if (lazyIndexRequests.includes(request)) return dir.endsWith(sdkDir);
  return lazyRequests.includes(request) && dir.includes(sdkDir);
}

/**
 * A stand-in that loads the module on first use (property read, `in`, key listing). It reports `__esModule`
 * without loading, so that TypeScript's `__importStar` passes it through instead of copying (loading) every export.
 */
function lazyModule(load) {
  let real;
  const target = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : target()[key]),
      has: (_, key) => key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** Node's CommonJS loader hands the SDK stand-ins (for a process that loads the SDK with plain `require`). */
function installInNode() {
  const Module = require("module");
  const load = Module._load;
  Module._load = function (request, parent) {
    if (parent?.filename && isLazy(request, path.dirname(parent.filename))) {
      const args = arguments;
      return lazyModule(() => load.apply(this, args));
    }
    return load.apply(this, arguments);
  };
}

module.exports = { lazyRequests, lazyIndexRequests, isLazy, lazyModule, installInNode };
