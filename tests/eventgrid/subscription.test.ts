import {
  AdvancedFilterArgs,
  eventSubscriptionWarnings,
  EventSubscriptionArgs,
  resolveDeadLetter,
  resolveDeliveryIdentity,
  SubscriptionContext,
  validateAdvancedFilter,
  validateEventSubscription,
  validateEventSubscriptions,
} from "../../components/eventgrid/subscription";
import { advancedFilterOperators, attemptsWithinTtl } from "../../components/eventgrid/limits";

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
const queueId = `${sub}/Microsoft.ServiceBus/namespaces/sb1/queues/orders`;
const hubId = `${sub}/Microsoft.EventHub/namespaces/eh1/eventhubs/telemetry`;
const accountId = `${sub}/Microsoft.Storage/storageAccounts/stevents`;
const deadLetter = { storageAccountId: accountId, containerName: "deadletters" };

const ctx: SubscriptionContext = {
  inputSchema: "EventGridSchema",
  systemAssigned: true,
  userAssignedKeys: ["app"],
  userAssignedPrincipalKeys: ["app"],
};
const base: EventSubscriptionArgs = { destination: { kind: "serviceBusQueue", resourceId: queueId }, deadLetter };
const check = (s: Partial<EventSubscriptionArgs>, c: Partial<SubscriptionContext> = {}) =>
  validateEventSubscription("subscriptions.s1", "sub1", { ...base, ...s } as EventSubscriptionArgs, { ...ctx, ...c });

describe("validateAdvancedFilter: every operator with its value shape", () => {
  const good: Record<keyof typeof advancedFilterOperators, AdvancedFilterArgs> = {
    NumberIn: { operator: "NumberIn", key: "data.n", values: [1, 2] },
    NumberNotIn: { operator: "NumberNotIn", key: "data.n", values: [3] },
    NumberLessThan: { operator: "NumberLessThan", key: "data.n", value: 5 },
    NumberGreaterThan: { operator: "NumberGreaterThan", key: "data.n", value: 5 },
    NumberLessThanOrEquals: { operator: "NumberLessThanOrEquals", key: "data.n", value: 5 },
    NumberGreaterThanOrEquals: { operator: "NumberGreaterThanOrEquals", key: "data.n", value: 5 },
    NumberInRange: { operator: "NumberInRange", key: "data.n", values: [[1, 10]] },
    NumberNotInRange: { operator: "NumberNotInRange", key: "data.n", values: [[1, 1]] },
    BoolEquals: { operator: "BoolEquals", key: "data.b", value: true },
    StringIn: { operator: "StringIn", key: "data.s", values: ["a"] },
    StringNotIn: { operator: "StringNotIn", key: "data.s", values: ["a"] },
    StringBeginsWith: { operator: "StringBeginsWith", key: "subject", values: ["/orders"] },
    StringEndsWith: { operator: "StringEndsWith", key: "subject", values: [".json"] },
    StringContains: { operator: "StringContains", key: "data.s", values: ["x"] },
    StringNotBeginsWith: { operator: "StringNotBeginsWith", key: "data.s", values: ["x"] },
    StringNotEndsWith: { operator: "StringNotEndsWith", key: "data.s", values: ["x"] },
    StringNotContains: { operator: "StringNotContains", key: "data.s", values: ["x"] },
    IsNullOrUndefined: { operator: "IsNullOrUndefined", key: "data.s" },
    IsNotNull: { operator: "IsNotNull", key: "data.s" },
  };

  test("the table covers Azure's 19 operators", () => {
    expect(Object.keys(advancedFilterOperators)).toHaveLength(19);
  });

  test.each(Object.entries(good))("%s accepts its value shape", (_op, f) => {
    expect(validateAdvancedFilter("f", f)).toEqual([]);
  });

  test.each([
    [
      "NumberIn with a single value",
      { operator: "NumberIn", key: "k", value: 1 },
      "f.value",
      "is not allowed: NumberIn takes a list of numbers in 'values'",
    ],
    [
      "NumberIn with strings",
      { operator: "NumberIn", key: "k", values: ["1"] },
      "f.values.0",
      "must be a number (NumberIn)",
    ],
    [
      "NumberIn with no values",
      { operator: "NumberIn", key: "k", values: [] },
      "f.values",
      "must be a list of numbers with at least one entry",
    ],
    [
      "NumberLessThan with a list",
      { operator: "NumberLessThan", key: "k", values: [1] },
      "f.values",
      "is not allowed: NumberLessThan takes one number in 'value'",
    ],
    [
      "NumberGreaterThan with a string",
      { operator: "NumberGreaterThan", key: "k", value: "5" },
      "f.value",
      "must be a number",
    ],
    [
      "NumberInRange with a flat list",
      { operator: "NumberInRange", key: "k", values: [[1, 2], 3] },
      "f.values.1",
      "must be a [low, high] pair of numbers (NumberInRange)",
    ],
    [
      "NumberNotInRange reversed",
      { operator: "NumberNotInRange", key: "k", values: [[5, 1]] },
      "f.values.0",
      "is an empty range: low must not exceed high",
    ],
    [
      "BoolEquals with a string",
      { operator: "BoolEquals", key: "k", value: "true" },
      "f.value",
      "must be true or false: BoolEquals takes one boolean in 'value'",
    ],
    [
      "StringIn with a number",
      { operator: "StringIn", key: "k", values: [1] },
      "f.values.0",
      "must be a string (StringIn)",
    ],
    [
      "StringContains over 512 chars",
      { operator: "StringContains", key: "k", values: ["x".repeat(513)] },
      "f.values.0",
      "exceeds the maximum of 512 characters per filter value",
    ],
    [
      "IsNotNull with a value",
      { operator: "IsNotNull", key: "k", value: 1 },
      "f.value",
      "is not allowed: IsNotNull takes no value",
    ],
    [
      "IsNullOrUndefined with values",
      { operator: "IsNullOrUndefined", key: "k", values: ["a"] },
      "f.values",
      "is not allowed: IsNullOrUndefined takes no value",
    ],
    [
      "unknown operator",
      { operator: "StringLike", key: "k", values: ["a"] },
      "f.operator",
      "is not an advanced filter operator; allowed: NumberIn,",
    ],
    ["missing key", { operator: "IsNotNull", key: "" }, "f.key", "is required"],
  ])("%s", (_c, f, path, message) => {
    const found = validateAdvancedFilter("f", f as unknown as AdvancedFilterArgs);
    expect(found.map((v) => v.path)).toEqual([path]);
    expect(found[0].message).toContain(message);
  });
});

describe("validateEventSubscription", () => {
  const strings = (n: number) => ({
    operator: "StringIn" as const,
    key: "data.s",
    values: Array.from({ length: n }, (_, i) => `v${i}`),
  });
  test.each<[string, Partial<EventSubscriptionArgs>, Partial<SubscriptionContext>]>([
    ["a Service Bus queue with identity delivery and dead-letter", {}, {}],
    [
      "a webhook over https with batching and Entra ID",
      {
        destination: {
          kind: "webhook",
          endpointUrl: "https://x.example.com/api",
          maxEventsPerBatch: 5000,
          preferredBatchSizeKb: 1024,
          entraId: { applicationIdOrUri: "api://x" },
        },
      },
      {},
    ],
    [
      "a session queue with a SessionId mapping",
      {
        destination: {
          kind: "serviceBusQueue",
          resourceId: queueId,
          requiresSession: true,
          deliveryProperties: { SessionId: { sourceField: "data.orderId" } },
        },
      },
      {},
    ],
    [
      "25 filters with 25 values in total",
      {
        advancedFilters: Object.fromEntries(
          Array.from({ length: 25 }, (_, i) => [`f${i}`, { operator: "IsNotNull", key: `data.k${i}` }]),
        ),
      },
      {},
    ],
    ["EventGrid input delivered as CloudEvents", { deliverySchema: "CloudEventSchemaV1_0" }, {}],
    [
      "custom input delivered as custom schema",
      { deliverySchema: "CustomInputSchema" },
      { inputSchema: "CustomEventSchema" },
    ],
    ["dead-letter from the parent's default", { deadLetter: undefined }, { defaultDeadLetter: deadLetter }],
    ["dead-letter explicitly off", { deadLetter: false }, {}],
    ["a user-assigned identity", { identity: { userAssigned: "app" } }, {}],
    ["retry at the bounds", { retry: { maxDeliveryAttempts: 1, eventTtlMinutes: 1440 } }, {}],
  ])("valid: %s", (_c, s, c) => {
    expect(check(s, c)).toEqual([]);
  });

  test.each<[string, Partial<EventSubscriptionArgs>, Partial<SubscriptionContext>, string, string]>([
    [
      "webhook over http",
      { destination: { kind: "webhook", endpointUrl: "http://x.example.com" } },
      {},
      "subscriptions.s1.destination.endpointUrl",
      "must be an https:// URL",
    ],
    [
      "batch of 5001",
      { destination: { kind: "webhook", endpointUrl: "https://x", maxEventsPerBatch: 5001 } },
      {},
      "subscriptions.s1.destination.maxEventsPerBatch",
      "must be from 1 to 5000",
    ],
    [
      "batch size 2048 KB",
      {
        destination: {
          kind: "azureFunction",
          resourceId: `${sub}/Microsoft.Web/sites/app/functions/f`,
          preferredBatchSizeKb: 2048,
        },
      },
      {},
      "subscriptions.s1.destination.preferredBatchSizeKb",
      "must be from 1 to 1024",
    ],
    [
      "session queue without SessionId",
      { destination: { kind: "serviceBusQueue", resourceId: queueId, requiresSession: true } },
      {},
      "subscriptions.s1.destination.deliveryProperties",
      "must map a 'SessionId' property: the Service Bus queue requires sessions",
    ],
    [
      "an event hub id that is a namespace",
      { destination: { kind: "eventHub", resourceId: `${sub}/Microsoft.EventHub/namespaces/eh1` } },
      {},
      "subscriptions.s1.destination.resourceId",
      "is not the id of a EventHub destination",
    ],
    [
      "26 values across filters",
      { advancedFilters: { a: strings(20), b: strings(6) } },
      {},
      "subscriptions.s1.advancedFilters",
      "exceeds Event Grid's maximum of 25 values across all advanced filters",
    ],
    [
      "31 delivery attempts",
      { retry: { maxDeliveryAttempts: 31 } },
      {},
      "subscriptions.s1.retry.maxDeliveryAttempts",
      "must be from 1 to 30",
    ],
    [
      "TTL of 0",
      { retry: { eventTtlMinutes: 0 } },
      {},
      "subscriptions.s1.retry.eventTtlMinutes",
      "must be from 1 to 1440",
    ],
    [
      "TTL of 1441",
      { retry: { eventTtlMinutes: 1441 } },
      {},
      "subscriptions.s1.retry.eventTtlMinutes",
      "must be from 1 to 1440",
    ],
    [
      "CloudEvents input as EventGrid schema",
      { deliverySchema: "EventGridSchema" },
      { inputSchema: "CloudEventSchemaV1_0" },
      "subscriptions.s1.deliverySchema",
      "cannot be delivered from input schema CloudEventSchemaV1_0; allowed: CloudEventSchemaV1_0",
    ],
    [
      "EventGrid input as custom schema",
      { deliverySchema: "CustomInputSchema" },
      {},
      "subscriptions.s1.deliverySchema",
      "allowed: EventGridSchema, CloudEventSchemaV1_0",
    ],
    [
      "no dead-letter anywhere",
      { deadLetter: undefined },
      {},
      "subscriptions.s1.deadLetter",
      "is required: dead-lettering is on by default",
    ],
    [
      "identity delivery to a webhook",
      { destination: { kind: "webhook", endpointUrl: "https://x" }, identity: "SystemAssigned" },
      {},
      "subscriptions.s1.identity",
      "is not supported on webhook destinations",
    ],
    [
      "system identity that the topic lacks",
      { identity: "SystemAssigned" },
      { systemAssigned: false },
      "subscriptions.s1.identity",
      "needs the topic's system-assigned identity",
    ],
    [
      "unknown user-assigned identity",
      { identity: { userAssigned: "nope" } },
      {},
      "subscriptions.s1.identity.userAssigned",
      "names no user-assigned identity of the topic; declared: app",
    ],
    [
      "user identity without principal id",
      { identity: { userAssigned: "app" } },
      { userAssignedPrincipalKeys: [] },
      "subscriptions.s1.identity.userAssigned",
      "has no principal id in userAssignedPrincipalIds",
    ],
    [
      "bad subscription name",
      { name: "orders_high" },
      {},
      "subscriptions.s1.name",
      "must be 3-64 letters, digits and hyphens",
    ],
    [
      "dead-letter container with capitals",
      { deadLetter: { storageAccountId: accountId, containerName: "DeadLetters" } },
      {},
      "subscriptions.s1.deadLetter.containerName",
      "must be a container name",
    ],
    [
      "storage queue TTL of 0",
      { destination: { kind: "storageQueue", storageAccountId: accountId, queueName: "work", messageTtlSeconds: 0 } },
      {},
      "subscriptions.s1.destination.messageTtlSeconds",
      "or -1 for infinite",
    ],
    [
      "11 delivery properties",
      {
        destination: {
          kind: "eventHub",
          resourceId: hubId,
          deliveryProperties: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`h${i}`, { value: "v" }])),
        },
      },
      {},
      "subscriptions.s1.destination.deliveryProperties",
      "exceeds Event Grid's maximum of 10 per subscription",
    ],
    [
      "wildcard subject",
      { subjectBeginsWith: "/blobs/*" },
      {},
      "subscriptions.s1.subjectBeginsWith",
      "must not contain wildcards",
    ],
    [
      "bad expiration",
      { expirationTimeUtc: "next tuesday" },
      {},
      "subscriptions.s1.expirationTimeUtc",
      "must be an ISO 8601 time",
    ],
  ])("invalid: %s", (_c, s, c, path, message) => {
    const found = check(s, c);
    expect(found.map((v) => v.path)).toEqual([path]);
    expect(found[0].message).toContain(message);
  });

  test("26 advanced filters exceed both caps (each filter counts at least one value)", () => {
    const advancedFilters = Object.fromEntries(
      Array.from({ length: 26 }, (_, i) => [`f${i}`, { operator: "IsNotNull" as const, key: `data.k${i}` }]),
    );
    expect(check({ advancedFilters }).map((v) => v.message)).toEqual([
      "exceeds Event Grid's maximum of 25 advanced filters per subscription",
      "exceeds Event Grid's maximum of 25 values across all advanced filters of a subscription",
    ]);
  });

  test("a map checks keys, the per-parent cap and duplicate Azure names", () => {
    const found = validateEventSubscriptions(
      "subscriptions",
      { a: { ...base, name: "same" }, b: { ...base, name: "SAME" } },
      ctx,
      1,
    );
    expect(found.map((v) => [v.path, v.message])).toEqual([
      ["subscriptions", "exceeds Event Grid's maximum of 1 here"],
      ["subscriptions.b.name", "is also the name of subscription 'a'"],
    ]);
  });
});

describe("identity and dead-letter defaults", () => {
  test.each<[string, Partial<EventSubscriptionArgs>, Partial<SubscriptionContext>, unknown, unknown]>([
    ["queue with a system identity: both with identity", {}, {}, "SystemAssigned", "SystemAssigned"],
    [
      "queue, identity off: dead-letter still uses the system identity",
      { identity: false },
      {},
      undefined,
      "SystemAssigned",
    ],
    [
      "webhook: no delivery identity, dead-letter with the system identity",
      { destination: { kind: "webhook", endpointUrl: "https://x" } },
      {},
      undefined,
      "SystemAssigned",
    ],
    ["no identity on the topic: key-based", {}, { systemAssigned: false }, undefined, undefined],
    [
      "user identity for delivery is reused for dead-letter",
      { identity: { userAssigned: "app" } },
      {},
      { userAssigned: "app" },
      { userAssigned: "app" },
    ],
    ["dead-letter identity off", { deadLetter: { ...deadLetter, identity: false } }, {}, "SystemAssigned", undefined],
  ])("%s", (_c, s, c, delivery, dl) => {
    const args = { ...base, ...s } as EventSubscriptionArgs;
    const context = { ...ctx, ...c };
    expect(resolveDeliveryIdentity(args, context)).toEqual(delivery);
    expect(resolveDeadLetter(args, context)?.identity).toEqual(dl);
  });
});

describe("retry schedule warning", () => {
  test.each([
    [1, 3],
    [60, 7],
    [120, 8],
    [1440, 11],
  ])("a TTL of %i minutes allows %i attempts", (ttl, attempts) => {
    expect(attemptsWithinTtl(ttl)).toBe(attempts);
  });

  test("30 attempts with a 60-minute TTL warns and says how many attempts the TTL allows", () => {
    const [w] = eventSubscriptionWarnings("topics.orders.subscriptions.s1", {
      ...base,
      retry: { maxDeliveryAttempts: 30, eventTtlMinutes: 60 },
    });
    expect(w).toMatchObject({
      path: "topics.orders.subscriptions.s1.retry.maxDeliveryAttempts",
      value: 30,
      severity: "warning",
    });
    expect(w.message).toContain("can never happen with an event TTL of 60 minutes");
    expect(w.message).toContain(
      "allows at most 7 delivery attempts; lower maxDeliveryAttempts to 7 or raise eventTtlMinutes",
    );
  });

  test.each([
    ["no explicit attempts (Azure's defaults)", { eventTtlMinutes: 60 }],
    ["attempts within what the TTL allows", { maxDeliveryAttempts: 7, eventTtlMinutes: 60 }],
    ["out-of-range values are errors, not warnings", { maxDeliveryAttempts: 30, eventTtlMinutes: 0 }],
  ])("no warning: %s", (_c, retry) => {
    expect(eventSubscriptionWarnings("s", { ...base, retry })).toEqual([]);
  });
});
