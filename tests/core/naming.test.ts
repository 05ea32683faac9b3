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
    expect(childName("core", "queue", "orders")).toBe("core-queue-orders");
  });
});
