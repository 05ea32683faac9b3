import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installSimulatedArm } from "../../planner/simulatedArm";
import { readStackFile } from "../../planner/stackFile";
import { buildStack } from "../../stacks/program";

// A warning is reported once, with its config key path: at config time by the stack program, not again by the
// component when it is constructed (both used to print it).
test("an Event Grid retry warning is logged once, with the config key path", async () => {
  const { config, secretKeys } = readStackFile(path.resolve(__dirname, "../../stacks/Pulumi.dev.yaml"));
  const eventgrid = JSON.parse(config["azure-integration:eventgrid"]) as {
    topics: { orders: { subscriptions: Record<string, { retry?: object }> } };
  };
  eventgrid.topics.orders.subscriptions["order-telemetry"].retry = { maxDeliveryAttempts: 30, eventTtlMinutes: 30 };
  installSimulatedArm({
    project: "azure-integration",
    stack: "dev",
    config: { ...config, "azure-integration:eventgrid": JSON.stringify(eventgrid) },
    secretKeys,
  });
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    buildStack();
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    const retry = warn.mock.calls.map(([m]) => String(m)).filter((m) => m.includes("can never happen"));
    expect(retry).toHaveLength(1);
    expect(retry[0]).toContain("eventgrid.topics.orders.subscriptions.order-telemetry.retry.maxDeliveryAttempts: 30");
  } finally {
    warn.mockRestore();
  }
});
