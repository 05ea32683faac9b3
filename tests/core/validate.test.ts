import * as pulumi from "@pulumi/pulumi";
import {
  armId,
  subnetId,
  durationInRange,
  formatViolation,
  intInRange,
  isoDurationSeconds,
  mapKeys,
  oneOf,
  throwIfInvalid,
  ValidationError,
} from "../../components/core";

describe("isoDurationSeconds", () => {
  test.each([
    ["PT20S", 20],
    ["PT5M", 300],
    ["PT1H", 3600],
    ["P1D", 86400],
    ["P7D", 604800],
    ["P1DT2H30M", 95400],
    ["PT0.5S", 0.5],
  ])("%s is %d s", (text, seconds) => expect(isoDurationSeconds(text)).toBe(seconds));

  test.each(["", "P", "PT", "5M", "P1M", "P1W", "PT5X", "P1DT"])("%j is rejected", (text) =>
    expect(isoDurationSeconds(text)).toBeUndefined(),
  );
});

describe("range validators", () => {
  test.each([
    [1, 1, 30, undefined],
    [30, 1, 30, undefined],
    [0, 1, 30, "must be from 1 to 30"],
    [31, 1, 30, "must be from 1 to 30"],
    [2.5, 1, 30, "must be a whole number from 1 to 30"],
  ])("intInRange(%p, %d..%d)", (value, min, max, message) => {
    expect(intInRange("x.y", value, min, max)?.message).toBe(message);
  });

  test.each([
    ["PT20S", undefined],
    ["P7D", undefined],
    ["PT10S", "must be from 20 s to 7 days"],
    ["P8D", "must be from 20 s to 7 days"],
    ["10 minutes", 'is not an ISO 8601 duration such as "PT5M" or "P1D"; must be from 20 s to 7 days'],
  ])("durationInRange(%j, 20 s..7 days)", (value, message) => {
    expect(durationInRange("window", value, 20, 7 * 86400)?.message).toBe(message);
  });

  test("oneOf lists what is allowed", () => {
    expect(oneOf("tier", "Gold", ["Basic", "Standard"])?.message).toBe('is not allowed; allowed: "Basic", "Standard"');
    expect(oneOf("tier", "Basic", ["Basic", "Standard"])).toBeUndefined();
  });
});

describe("armId", () => {
  const sa = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
  test.each([
    [sa, "Microsoft.Storage/storageAccounts", true],
    [sa, undefined, true],
    [sa, "Microsoft.EventHub/namespaces", false],
    ["st", undefined, false],
  ])("%s as %s", (id, type, ok) => expect(armId("p", id, type) === undefined).toBe(ok));
});

describe("mapKeys", () => {
  test("rejects keys that cannot become names", () => {
    expect(mapKeys("queues", { orders: 1, "bad key": 2, "-x": 3 }).map((v) => v.path)).toEqual([
      "queues.bad key",
      "queues.-x",
    ]);
  });
});

describe("ValidationError", () => {
  test("names the source, the field path, the value and what is allowed", () => {
    expect(() =>
      throwIfInvalid("azint:eventhubs:Namespace telemetry", [
        undefined,
        { path: "eventhubs.telemetry.partitionCount", value: 64, message: "exceeds the Standard tier maximum of 32" },
      ]),
    ).toThrow(
      "azint:eventhubs:Namespace telemetry: invalid input\n  - eventhubs.telemetry.partitionCount: 64 exceeds the Standard tier maximum of 32",
    );
  });

  test("is a RunError, so `pulumi up` prints it without a stack trace", () => {
    const e = new ValidationError("x", [{ path: "a", value: "b", message: "c" }]);
    expect(ValidationError.isInstance(e)).toBe(true);
    expect((e as unknown as { __pulumiRunError: boolean }).__pulumiRunError).toBe(true);
    expect(formatViolation({ path: "a", value: undefined, message: "is required" })).toBe("a: (not set) is required");
  });

  test("prints the settings a tier rule rejects, with Outputs inside them as (an Output)", () => {
    const value = { storageAccountId: pulumi.output("/subscriptions/x"), blobContainer: "capture" };
    expect(formatViolation({ path: "eventHubs.t.capture", value, message: "is not available" })).toBe(
      'eventHubs.t.capture: {"storageAccountId":"(an Output)","blobContainer":"capture"} is not available',
    );
  });

  test("throwIfInvalid does nothing without violations", () => {
    expect(() => throwIfInvalid("x", [undefined])).not.toThrow();
  });
});

describe("subnet ids", () => {
  const vnet = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub";
  test("a virtual network id is not a subnet id", () => {
    expect(subnetId("privateEndpoints.main.subnetId", vnet)?.message).toMatch(/is not a subnet id/);
    expect(subnetId("privateEndpoints.main.subnetId", `${vnet}/subnets/endpoints`)).toBeUndefined();
    expect(subnetId("x", `${vnet}/subnets/endpoints/extra`)?.path).toBe("x");
  });
});
