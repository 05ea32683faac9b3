import { routingModel } from "../../router/model";
import type { ServiceBusTopic } from "../../router/types";
import { validateStackConfig } from "../../stacks/config/load";

// The adapter applies the defaults the components apply, so the routed path is the deployed one.

const raw = {
  environment: "dev",
  storage: { events: { containers: { deadletters: {}, special: {} }, queues: { work: {} } } },
  servicebus: {
    namespaces: {
      orders: {
        queues: { in: {}, out: { forwardTo: "in" } },
        topics: {
          t: {
            subscriptions: {
              none: {},
              rules: { rules: { r: { sqlFilter: "a = 1" } } },
              kept: { rules: { r: { sqlFilter: "a = 1" } }, defaultRule: "keep" },
              replaced: { defaultRule: { correlationFilter: { label: "x" }, action: "SET b = 2" } },
            },
          },
        },
      },
    },
  },
  eventgrid: {
    deadLetter: "events/deadletters",
    topics: {
      a: {
        deadLetter: "events/special",
        subscriptions: {
          inherits: { destination: { kind: "storageQueue", storage: "events", queue: "work" } },
          off: { destination: { kind: "serviceBusQueue", namespace: "orders", queue: "in" }, deadLetter: false },
        },
      },
    },
    domains: {
      d: {
        topics: {
          one: {
            subscriptions: { own: { destination: { kind: "serviceBusTopic", namespace: "orders", topic: "t" } } },
          },
          two: {},
        },
        subscriptions: { all: { destination: { kind: "webhook", endpointUrl: "https://example.com/hook" } } },
      },
    },
  },
};

const { config, violations } = validateStackConfig(raw);

test("the fixture config is valid", () => {
  expect(violations).toEqual([]);
});

describe("routing model", () => {
  const model = routingModel("unit", config!);
  const topic = model.serviceBus.get("servicebus.namespaces.orders.topics.t") as ServiceBusTopic;
  const rules = (s: string) => topic.subscriptions.find((x) => x.key.endsWith(`.${s}`))!.rules;

  test.each<[string, string[]]>([
    ["none", ["$Default"]], // no rules: $Default kept (TrueFilter)
    ["rules", ["r", "$Default (disabled)"]], // rules given: $Default disabled
    ["kept", ["r", "$Default"]],
    ["replaced", ["$Default"]],
  ])("subscription %s has rules %j", (sub, names) => {
    expect(rules(sub).map((r) => r.name)).toEqual(names);
  });

  test("a kept $Default is a TrueFilter, a replaced one carries its filter and action", () => {
    expect(rules("kept")[1].filter).toEqual({ kind: "true" });
    expect(rules("replaced")[0]).toMatchObject({
      filter: { kind: "correlation", system: { label: "x" } },
      action: "SET b = 2",
    });
  });

  test("Service Bus defaults and forwarding targets by config key path", () => {
    expect(model.serviceBus.get("servicebus.namespaces.orders.queues.out")).toMatchObject({
      forwardTo: "servicebus.namespaces.orders.queues.in",
      maxDeliveryCount: 10,
      deadLetteringOnMessageExpiration: true,
    });
    expect(topic.subscriptions[0].deadLetteringOnFilterEvaluationExceptions).toBe(true);
  });

  test("dead-letter: the subscription's, else the parent's, else the section's; false turns it off", () => {
    const subs = model.eventGrid.get("eventgrid.topics.a")!.subscriptions;
    expect(subs.map((s) => s.deadLetter)).toEqual(["storage.events.containers.special", undefined]);
    const own = model.eventGrid.get("eventgrid.domains.d.topics.one")!.subscriptions[0];
    expect(own.deadLetter).toBe("storage.events.containers.deadletters");
  });

  test("destinations by config key path", () => {
    const subs = model.eventGrid.get("eventgrid.topics.a")!.subscriptions;
    expect(subs.map((s) => s.destination.target)).toEqual([
      "storage.events.queues.work",
      "servicebus.namespaces.orders.queues.in",
    ]);
  });

  test("a domain's own subscriptions see every domain topic", () => {
    expect(model.eventGrid.get("eventgrid.domains.d.topics.one")!.subscriptions.map((s) => s.key)).toEqual([
      "eventgrid.domains.d.topics.one.subscriptions.own",
      "eventgrid.domains.d.subscriptions.all",
    ]);
    expect(model.eventGrid.get("eventgrid.domains.d.topics.two")!.subscriptions.map((s) => s.key)).toEqual([
      "eventgrid.domains.d.subscriptions.all",
    ]);
  });

  test("retry defaults: 30 attempts, 1440 minutes", () => {
    expect(model.eventGrid.get("eventgrid.topics.a")!.subscriptions[0]).toMatchObject({
      maxDeliveryAttempts: 30,
      eventTtlMinutes: 1440,
    });
  });
});
