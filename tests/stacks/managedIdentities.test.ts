import { batchAccountArgs } from "../../stacks/config/batch";
import { eventGridTopicArgs } from "../../stacks/config/eventgrid";
import { namespaceArgs } from "../../stacks/config/eventhubs";
import { validateStackConfig } from "../../stacks/config/load";
import { placeholderResolver } from "../../stacks/config/resolver";
import type { StackConfig } from "../../stacks/config/schema";
import { serviceBusNamespaceArgs, serviceBusPairArgs } from "../../stacks/config/servicebus";

// Every service takes the same `managedIdentities: { systemAssigned, userAssigned: [<identities key>] }` config:
// unknown keys and duplicates fail at the key's path, and the list is a set (its order changes no argument).

type Ids = { systemAssigned?: boolean; userAssigned?: string[] };

const services: {
  name: string;
  /** The config with `ids` as the resource's managedIdentities. */
  config: (ids: Ids) => Record<string, unknown>;
  /** The resource's config path. */
  at: string;
  /** The component's managedIdentities for the validated config. */
  args: (config: StackConfig) => { userAssignedResourceIds?: Record<string, unknown> } | undefined;
}[] = [
  {
    name: "Event Grid topic",
    config: (ids) => ({ eventgrid: { topics: { t: { managedIdentities: ids } } } }),
    at: "eventgrid.topics.t",
    args: (c) => eventGridTopicArgs(c, "t", placeholderResolver(c, "westeurope", fail)).managedIdentities,
  },
  {
    name: "Service Bus namespace",
    config: (ids) => ({ servicebus: { namespaces: { main: { tier: "Premium", managedIdentities: ids } } } }),
    at: "servicebus.namespaces.main",
    args: (c) => serviceBusNamespaceArgs(c, "main", placeholderResolver(c, "westeurope", fail)).managedIdentities,
  },
  {
    name: "Service Bus pair",
    config: (ids) => ({
      servicebus: { pairs: { orders: { alias: "orders", secondaryLocation: "northeurope", managedIdentities: ids } } },
    }),
    at: "servicebus.pairs.orders",
    args: (c) => serviceBusPairArgs(c, "orders", placeholderResolver(c, "westeurope", fail)).managedIdentities,
  },
  {
    name: "Event Hubs namespace",
    config: (ids) => ({ eventhubs: { namespaces: { ns: { tier: "Standard", managedIdentities: ids } } } }),
    at: "eventhubs.namespaces.ns",
    args: (c) => namespaceArgs(c, "ns", placeholderResolver(c, "westeurope", fail)).managedIdentities,
  },
  {
    name: "Batch account",
    // One user-assigned identity per account (the order case below lists two: not for Batch).
    config: (ids) => ({ batch: { accounts: { jobs: { managedIdentities: ids } } } }),
    at: "batch.accounts.jobs",
    args: (c) => batchAccountArgs(c, "jobs", placeholderResolver(c, "westeurope", fail)).managedIdentities,
  },
];

function fail(v: unknown): never {
  throw new Error(`unexpected violation ${JSON.stringify(v)}`);
}

const stack = (section: Record<string, unknown>) => ({
  environment: "dev",
  identities: { app: {}, ops: {} },
  ...section,
});

describe.each(services)("$name managedIdentities", ({ name, config, at, args }) => {
  test("an unknown identity key fails at its key", () => {
    expect(validateStackConfig(stack(config({ userAssigned: ["ghost"] }))).violations).toEqual([
      expect.objectContaining({
        path: `${at}.managedIdentities.userAssigned.ghost`,
        message: expect.stringContaining("names no identity declared under 'identities'"),
      }),
    ]);
  });

  test("a key listed twice fails at the second", () => {
    expect(validateStackConfig(stack(config({ userAssigned: ["app", "app"] }))).violations).toEqual([
      expect.objectContaining({
        path: `${at}.managedIdentities.userAssigned.1`,
        message: expect.stringContaining("lists 'app' twice"),
      }),
    ]);
  });

  test("the identities reach the component by key, whatever their order", () => {
    const keys =
      name === "Batch account"
        ? [["app"], ["app"]]
        : [
            ["ops", "app"],
            ["app", "ops"],
          ];
    const mapped = keys.map((userAssigned) => {
      const result = validateStackConfig(stack(config({ userAssigned })));
      expect(result.violations).toEqual([]);
      return args(result.config!)?.userAssignedResourceIds;
    });
    expect(Object.keys(mapped[0] ?? {})).toEqual([...keys[1]]);
    expect(JSON.stringify(mapped[0])).toEqual(JSON.stringify(mapped[1]));
    expect(mapped[0]?.app).toContain("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/");
  });
});
