import { installSimulatedArm } from "../../planner/simulatedArm";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable");

/** The debug trace the SDK stores on a promise it tracks. */
function debugTrace(): string {
  const p = Promise.resolve(1) as Promise<number> & { _debugStackTrace?: string };
  void debuggable.debuggablePromise(p, "test");
  return String(p._debugStackTrace);
}

describe("the simulated ARM's SDK promise stack traces", () => {
  test.each([
    { title: "skipped by default", options: {}, frames: false },
    { title: "kept on request", options: { debugPromiseStacks: true }, frames: true },
  ])("$title", ({ options, frames }) => {
    installSimulatedArm({ project: "p", stack: "s", ...options });
    const limit = Error.stackTraceLimit;
    expect(/\n\s+at /.test(debugTrace())).toBe(frames);
    // Nothing else loses its stack: the frame limit is restored after every tracked promise.
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error("boom").stack).toMatch(/\n\s+at /);
  });
});
