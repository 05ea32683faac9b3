/* eslint-disable @typescript-eslint/no-require-imports */
import * as pulumi from "@pulumi/pulumi";

/**
 * The SDK runtime internals planner/simulatedArm.ts relies on (there is no public API for a recording monitor). A
 * newer @pulumi/pulumi that renames, moves or reshapes one of them fails here by name, instead of as a wrong plan.
 */
const mocks = require("@pulumi/pulumi/runtime/mocks");
const settings = require("@pulumi/pulumi/runtime/settings");
const state = require("@pulumi/pulumi/runtime/state");
const rpc = require("@pulumi/pulumi/runtime/rpc");
const debuggable = require("@pulumi/pulumi/runtime/debuggable");
const resourceRuntime = require("@pulumi/pulumi/runtime/resource");
const resourcePb = require("@pulumi/pulumi/proto/resource_pb");

describe("SDK runtime internals used by the simulated ARM", () => {
  test.each([
    ["runtime/mocks MockMonitor (the class RecordingMonitor extends)", mocks.MockMonitor],
    [
      "runtime/mocks MockMonitor#registerResource (overridden, then called as super)",
      mocks.MockMonitor?.prototype.registerResource,
    ],
    ["runtime/mocks MockMonitor#newUrn (overridden: engine-shaped URNs)", mocks.MockMonitor?.prototype.newUrn],
    ["runtime/settings setMockOptions (installs the monitor)", settings.setMockOptions],
    ["runtime/settings getStack", settings.getStack],
    ["runtime/settings getProject", settings.getProject],
    ["runtime/state getStore (feature flags setMocks would set)", state.getStore],
    ["runtime/rpc deserializeProperties (registration inputs and outputs)", rpc.deserializeProperties],
    ["runtime/debuggable debuggablePromise (wrapped: lean promise stacks)", debuggable.debuggablePromise],
    ["runtime/resource registerResource (wrapped: config key of each construction)", resourceRuntime.registerResource],
  ])("%s is a function", (_name, member) => {
    expect(typeof member).toBe("function");
  });

  test("runtime/rpc unknownValue is the engine's unknown sentinel string", () => {
    expect(rpc.unknownValue).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  test("runtime/debuggable debugPromiseLeaks is a boolean (PULUMI_DEBUG_PROMISE_LEAKS)", () => {
    expect(typeof debuggable.debugPromiseLeaks).toBe("boolean");
  });

  test("runtime/state's store has the feature flags the simulator sets", () => {
    const store = state.getStore();
    for (const flag of [
      "supportsSecrets",
      "supportsResourceReferences",
      "supportsOutputValues",
      "supportsDeletedWith",
      "supportsAliasSpecs",
      "supportsTransforms",
    ]) {
      expect({ flag, present: flag in store }).toEqual({ flag, present: true });
    }
  });

  test("RegisterResourceRequest has the getters the simulator reads", () => {
    for (const getter of [
      "getParent",
      "getType",
      "getName",
      "getObject",
      "getCustom",
      "getProtect",
      "getDependenciesList",
      "getPropertydependenciesMap",
    ]) {
      expect({ getter, type: typeof resourcePb.RegisterResourceRequest.prototype[getter] }).toEqual({
        getter,
        type: "function",
      });
    }
  });

  test("the SDK calls registerResource and debuggablePromise through their module exports, so wrapping them works", async () => {
    const calls = { registerResource: 0, debuggablePromise: 0 };
    const originalRegister = resourceRuntime.registerResource;
    const originalPromise = debuggable.debuggablePromise;
    resourceRuntime.registerResource = (...args: unknown[]) => {
      calls.registerResource++;
      return originalRegister(...args);
    };
    debuggable.debuggablePromise = (...args: unknown[]) => {
      calls.debuggablePromise++;
      return originalPromise(...args);
    };
    try {
      await pulumi.runtime.setMocks(
        { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs },
        "sdk-internals",
        "test",
        false,
      );
      // CustomResource is abstract in newer SDKs: a minimal resource class, as providers generate them.
      class Thing extends pulumi.CustomResource {
        constructor(name: string) {
          super("test:index:Thing", name, { value: 1 });
        }
      }
      const res = new Thing("thing");
      const id = await new Promise((resolve) => res.id.apply(resolve));
      expect(id).toBe("thing-id");
      expect(calls.registerResource).toBeGreaterThan(0);
      expect(calls.debuggablePromise).toBeGreaterThan(0);
    } finally {
      resourceRuntime.registerResource = originalRegister;
      debuggable.debuggablePromise = originalPromise;
    }
  });
});
