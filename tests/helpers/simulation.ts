import * as pulumi from "@pulumi/pulumi";
import { installSimulatedArm, PlannedResource, SimulatedArm } from "../../planner/simulatedArm";

/**
 * Installs the simulated ARM for one test file (Pulumi's runtime state is per Jest file) and clears the recorder
 * before each test. Construct components inside a test, then `await sim.settle()` before reading `sim.arm`.
 */
export function useSimulatedArm(options: { stack?: string; config?: Record<string, string>; preview?: boolean } = {}) {
  let arm: SimulatedArm | undefined;
  beforeAll(() => {
    arm = installSimulatedArm({
      project: "azure-integration",
      stack: options.stack ?? "test",
      config: options.config,
      preview: options.preview,
    });
  });
  beforeEach(() => arm?.reset());
  return {
    get arm(): SimulatedArm {
      if (!arm) throw new Error("useSimulatedArm: the simulator is installed in beforeAll");
      return arm;
    },
    /** Waits until every registration and invoke has been answered. */
    async settle(): Promise<void> {
      await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    },
    /** The one resource of a type whose logical name ends with `suffix` (fails clearly if not exactly one). */
    one(type: string, suffix = ""): PlannedResource {
      const found = arm!.ofType(type).filter((r) => r.name.endsWith(suffix));
      if (found.length !== 1) {
        throw new Error(
          `expected one ${type} named *${suffix}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`,
        );
      }
      return found[0];
    },
  };
}

/** Resolves an Output's value (apply-based, like the Pulumi testing guide). */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}
