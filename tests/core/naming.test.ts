import { childName, deterministicGuid, isGuid } from "../../components/core";

describe("deterministicGuid", () => {
  test("same parts give the same GUID; different parts differ", () => {
    const a = deterministicGuid("/subscriptions/0/x", "principal", "role");
    expect(a).toBe(deterministicGuid("/subscriptions/0/x", "principal", "role"));
    expect(a).not.toBe(deterministicGuid("/subscriptions/0/y", "principal", "role"));
    expect(isGuid(a)).toBe(true);
    expect(a[14]).toBe("5"); // RFC 4122 version-5 layout
  });

  test("is case-insensitive like ARM ids", () => {
    expect(deterministicGuid("/Subscriptions/A")).toBe(deterministicGuid("/subscriptions/a"));
  });

  test("child names derive from the component name and map keys", () => {
    expect(childName("core", "queue", "orders")).toBe("core-queue/orders");
    expect(childName("sb-orders", "namespace")).toBe("sb-orders-namespace");
  });

  test("child names are injective: keys containing '-' never make two key paths one URN", () => {
    // topic `order-events` + subscription `eu-created` vs topic `order` + subscription `events-eu-created`
    expect(childName("sb-orders", "sub", "order-events", "eu-created")).not.toBe(
      childName("sb-orders", "sub", "order", "events-eu-created"),
    );
    // namespace key `a-queue-b` + queue `c` vs namespace key `a` + queue `b-queue-c`
    expect(childName("sb-a-queue-b", "queue", "c")).not.toBe(childName("sb-a", "queue", "b-queue-c"));
    expect(() => childName("sb", "queue", "a/b")).toThrow(/must not contain '\/'/);
  });
});
