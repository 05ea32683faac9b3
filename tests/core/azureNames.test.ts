import {
  AzureNameKind,
  azureNameProblem,
  azureNameRules,
  nameSeed,
  productName,
} from "../../components/core/azureNames";
import { nameViolations } from "../../planner/arm/constraints/names";
import { namePrefixes, placeholderNames } from "../../stacks/naming";

const seed = (over: Partial<Parameters<typeof nameSeed>[0]> = {}) =>
  nameSeed({
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    project: "azure-integration",
    stack: "dev",
    resourceGroupName: "rg-integration-dev",
    environment: "dev",
    ...over,
  });

const kinds = Object.keys(azureNameRules) as AzureNameKind[];
// Config keys are 1-63 letters, digits, '-', '_' or '.', starting with a letter or digit.
const hostileKeys = ["a", "orders", "Order_Events.v2", "x".repeat(63), "9-lives", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p"];

describe("naming policy (components/core/azureNames.ts)", () => {
  test.each(kinds)("every %s name the product chooses is valid for any config key and environment", (kind) => {
    for (const key of hostileKeys) {
      for (const env of ["dev", "test", "prod"]) {
        const name = productName(kind, namePrefixes[kind], key, env, seed({ environment: env }));
        expect(azureNameProblem(kind, name)).toBeUndefined();
      }
    }
  });

  test("globally unique names differ per subscription, stack, resource group and environment, and are stable", () => {
    const of = (s: string) => productName("storageAccount", "st", "events", "dev", s);
    const base = of(seed());
    expect(of(seed())).toBe(base);
    for (const other of [
      seed({ subscriptionId: "11111111-1111-1111-1111-111111111111" }),
      seed({ stack: "dev-eu" }),
      seed({ resourceGroupName: "rg-other" }),
      seed({ environment: "test" }),
    ]) {
      expect(of(other)).not.toBe(base);
    }
    expect(base).toMatch(/^steventsdev[0-9a-f]{6}$/);
  });

  test("two keys never give one name, also when characters are dropped or the key is cut", () => {
    for (const kind of kinds) {
      const names = ["a.b", "a_b", "a-b", "ab", "x".repeat(60) + "1", "x".repeat(60) + "2"].map((k) =>
        productName(kind, namePrefixes[kind], k, "dev", seed()),
      );
      expect(new Set(names).size).toBe(names.length);
    }
  });

  test("names that are not globally unique stay readable: no suffix when the key fits as it is", () => {
    expect(productName("userAssignedIdentity", "id", "orders-app", "dev", seed())).toBe("id-orders-app-dev");
    expect(productName("logAnalyticsWorkspace", "log", "integration", "prod", seed())).toBe("log-integration-prod");
  });

  test("user-given names are checked against the same rule, with what is allowed and the source", () => {
    expect(azureNameProblem("storageAccount", "st-events-account1a2b3c4d")).toMatch(
      /3-24 lowercase letters and digits .*resource-name-rules#microsoftstorage/,
    );
    expect(azureNameProblem("serviceBusNamespace", "orders-sb")).toMatch(/not ending in -sb or -mgmt/);
    expect(azureNameProblem("serviceBusNamespace", "sbns-orders-dev")).toBeUndefined();
  });

  test("validation uses the same names with a fixed seed (nothing is invoked)", () => {
    expect(placeholderNames("dev").name("storageAccount", "events")).toMatch(/^steventsdev[0-9a-f]{6}$/);
  });
});

// The naming policy and the simulated ARM's constraint tables (planner/arm/constraints) state the same Azure rules
// from two sources (the naming-rules page, the REST specs): a name one accepts and the other refuses would pass config
// validation and then fail the plan, or the reverse. They must agree on every candidate.
describe("the naming policy agrees with the ARM constraint tables", () => {
  const armType: Partial<Record<AzureNameKind, string>> = {
    storageAccount: "azure-native:storage:StorageAccount",
    batchAccount: "azure-native:batch:BatchAccount",
    serviceBusNamespace: "azure-native:servicebus:Namespace",
    eventHubsNamespace: "azure-native:eventhub:Namespace",
    eventHubsCluster: "azure-native:eventhub:Cluster",
    geoDrAlias: "azure-native:servicebus:DisasterRecoveryConfig",
    eventGridTopic: "azure-native:eventgrid:Topic",
    eventGridDomain: "azure-native:eventgrid:Domain",
    userAssignedIdentity: "azure-native:managedidentity:UserAssignedIdentity",
    logAnalyticsWorkspace: "azure-native:operationalinsights:Workspace",
    virtualNetwork: "azure-native:network:VirtualNetwork",
  };
  const candidates = [
    "ab",
    "abc",
    "abcdef",
    "orders",
    "Orders",
    "orders-dev",
    "orders_dev",
    "orders.dev",
    "-orders",
    "orders-",
    "9orders",
    "orders-sb",
    "orders-mgmt",
    "a".repeat(24),
    "a".repeat(25),
    "a".repeat(50),
    "a".repeat(51),
    "a".repeat(63),
    "a".repeat(64),
    "a".repeat(128),
    "a".repeat(129),
  ];
  test.each(Object.entries(armType))("%s", (kind, type) => {
    for (const name of candidates) {
      const policy = azureNameProblem(kind as AzureNameKind, name) === undefined;
      const arm = nameViolations(type!, name).length === 0;
      expect({ name, accepted: policy }).toEqual({ name, accepted: arm });
    }
    const made = productName(kind as AzureNameKind, namePrefixes[kind as AzureNameKind], "orders", "dev", seed());
    expect(nameViolations(type!, made)).toEqual([]);
  });
});
