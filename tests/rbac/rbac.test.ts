import { isGuid } from "../../components/core/naming";
import { validateOperation, validateOperations } from "../../components/rbac/actions";
import { builtInRoleName, builtInRoles } from "../../components/rbac/builtInRoles";
import { CustomRoleDefinition, validateCustomRoleDefinitionArgs } from "../../components/rbac/CustomRoleDefinition";
import { RoleAssignment, validateRoleAssignmentComponentArgs } from "../../components/rbac/RoleAssignment";
import { validateStackConfig } from "../../stacks/config/load";
import { useSimulatedArm, valueOf } from "../helpers/simulation";

const sim = useSimulatedArm();
const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const rg = `${sub}/resourceGroups/rg-x`;

describe("validateOperation (action strings)", () => {
  test.each([
    ["Microsoft.EventGrid/*/read"],
    ["*/read"],
    ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
    ["Microsoft.EventHub/namespaces/messages/send/action"],
    ["Microsoft.Support/*"],
    ["Microsoft.Web/sites/providers/Microsoft.Insights/diagnosticSettings/write"],
    ["microsoft.eventgrid/topics/Delete"],
  ])("accepts %s", (op) => {
    expect(validateOperation("actions[0]", op)).toBeUndefined();
  });

  test.each([
    ["a typo (space in the namespace)", "Microsoft.Event Grid/*/read", "contains whitespace"],
    ["no provider namespace dot", "EventGrid/topics/read", "must be an operation string"],
    ["provider only", "Microsoft.EventGrid", "must be an operation string"],
    ["not a verb", "Microsoft.EventGrid/topics/list", 'ends in "list", which is not an operation verb'],
    ["empty segment", "Microsoft.EventGrid//read", "must be an operation string"],
    ["bare wildcard", "*", "grants every operation"],
  ])("rejects %s", (_case, op, message) => {
    const v = validateOperation("actions[0]", op);
    expect(v?.path).toBe("actions[0]");
    expect(v?.value).toBe(op);
    expect(v?.message).toContain(message);
  });

  test("a bare wildcard passes only when explicitly allowed; duplicates are reported", () => {
    expect(validateOperation("actions[0]", "*", true)).toBeUndefined();
    expect(validateOperations("actions", ["*/read", "*/READ"]).map((v) => [v.path, v.message])).toEqual([
      ["actions[1]", "is listed twice"],
    ]);
  });
});

describe("validateCustomRoleDefinitionArgs", () => {
  const base = { scope: sub, roleName: "Event grid read only role", actions: ["Microsoft.EventGrid/*/read"] };
  test.each([
    ["the requested role", {}, []],
    ["resource-group scope", { scope: rg }, []],
    ["data actions only", { actions: [], dataActions: ["Microsoft.EventHub/namespaces/messages/receive/action"] }, []],
    ["no operations", { actions: [] }, ["actions"]],
    ["bare * data action", { dataActions: ["*"] }, ["dataActions[0]"]],
    ["bare * allowed explicitly", { actions: ["*"], allowWildcard: true }, []],
    ["management-group definition scope", { scope: "/providers/Microsoft.Management/managementGroups/mg" }, ["scope"]],
    ["root assignable scope", { assignableScopes: ["/"] }, ["assignableScopes[0]"]],
    [
      "two management groups",
      {
        assignableScopes: [
          "/providers/Microsoft.Management/managementGroups/a",
          "/providers/Microsoft.Management/managementGroups/b",
        ],
      },
      ["assignableScopes[1]"],
    ],
    [
      "data actions at a management group",
      {
        dataActions: ["Microsoft.EventHub/namespaces/messages/send/action"],
        assignableScopes: ["/providers/Microsoft.Management/managementGroups/a"],
      },
      ["assignableScopes[0]"],
    ],
    ["role id not a GUID", { roleDefinitionId: "reader" }, ["roleDefinitionId"]],
    ["empty name", { roleName: " " }, ["roleName"]],
  ])("%s", (_case, extra, paths) => {
    expect(validateCustomRoleDefinitionArgs({ ...base, ...(extra as object) }).map((v) => v.path)).toEqual(paths);
  });
});

describe("built-in role catalog", () => {
  test("every GUID is well-formed and unique, and the reverse lookup finds it", () => {
    const guids = Object.values(builtInRoles);
    expect(guids.filter((g) => !isGuid(g))).toEqual([]);
    expect(new Set(guids).size).toBe(guids.length);
    expect(builtInRoleName("8E3AF657-A8FF-443C-A75C-2FE8C4BCB635")).toBe("Owner");
    expect(builtInRoleName("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });
});

describe("CustomRoleDefinition on the simulated ARM", () => {
  test("the requested read-only role: permissions, default assignable scope, deterministic id", async () => {
    const run = async (name: string) => {
      sim.arm.reset();
      const role = new CustomRoleDefinition(name, {
        scope: sub,
        roleName: "Event grid read only role",
        actions: ["Microsoft.EventGrid/*/read"],
      });
      await sim.settle();
      return { role, planned: sim.one("azure-native:authorization:RoleDefinition") };
    };
    const { role, planned } = await run("eg-reader");
    expect(planned.inputs).toMatchObject({
      scope: sub,
      roleName: "Event grid read only role",
      description: "Event grid read only role",
      roleType: "CustomRole",
      permissions: [{ actions: ["Microsoft.EventGrid/*/read"], notActions: [], dataActions: [], notDataActions: [] }],
      assignableScopes: [sub],
    });
    const guid = planned.inputs.roleDefinitionId as string;
    expect(isGuid(guid)).toBe(true);
    expect(await valueOf(role.roleDefinitionId)).toBe(
      `${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    );
    // Same name and scope: the same GUID on every run; another name: another role.
    expect((await run("eg-reader")).planned.inputs.roleDefinitionId).toBe(guid);
    expect((await run("eg-reader-2")).planned.inputs.roleDefinitionId).not.toBe(guid);
  });

  test("an explicit GUID (an existing role's id) is kept; an invalid role fails before any child", async () => {
    new CustomRoleDefinition("seed", {
      scope: rg,
      roleName: "Event grid read only role",
      actions: ["Microsoft.EventGrid/*/read"],
      roleDefinitionId: "7c0b6b59-a278-4b62-ba19-411b70753856",
    });
    await sim.settle();
    expect(sim.one("azure-native:authorization:RoleDefinition").inputs).toMatchObject({
      scope: rg,
      roleDefinitionId: "7c0b6b59-a278-4b62-ba19-411b70753856",
      assignableScopes: [rg],
    });
    sim.arm.reset();
    expect(
      () => new CustomRoleDefinition("bad", { scope: sub, roleName: "x", actions: ["Microsoft.Event Grid/*/read"] }),
    ).toThrow('actions[0]: "Microsoft.Event Grid/*/read" contains whitespace');
    await sim.settle();
    expect(sim.arm.ofType("azure-native:authorization:RoleDefinition")).toHaveLength(0);
  });
});

describe("RoleAssignment", () => {
  test.each([
    ["valid", {}, []],
    ["missing principal type", { principalType: undefined }, ["principalType"]],
    ["unknown role", { role: "Event Grid Reader" }, ["role"]],
    ["bad scope", { scope: "rg-x" }, ["scope"]],
  ])("validate: %s", (_case, extra, paths) => {
    const args = { scope: rg, role: "Reader", principalId: "p", principalType: "Group" as const, ...(extra as object) };
    expect(validateRoleAssignmentComponentArgs(args as never).map((v) => v.path)).toEqual(paths);
  });

  test("a custom role at resource-group scope with an ABAC condition and a deterministic name", async () => {
    const role = new CustomRoleDefinition("reader", { scope: sub, roleName: "r", actions: ["*/read"] });
    new RoleAssignment("app", {
      scope: rg,
      role: role.roleDefinitionId,
      principalId: "pid-1",
      principalType: "ServicePrincipal",
      condition: "@Resource[Microsoft.EventGrid/topics:name] StringEquals 'orders'",
    });
    await sim.settle();
    const ra = sim.one("azure-native:authorization:RoleAssignment");
    const guid = sim.one("azure-native:authorization:RoleDefinition").inputs.roleDefinitionId;
    expect(ra.inputs).toMatchObject({
      scope: rg,
      principalId: "pid-1",
      principalType: "ServicePrincipal",
      roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
      conditionVersion: "2.0",
    });
    expect(isGuid(ra.inputs.roleAssignmentName as string)).toBe(true);
    // The assignment waits for the role definition it uses.
    expect(ra.dependencies).toContain(sim.one("azure-native:authorization:RoleDefinition").urn);
  });
});

describe("rbac stack config", () => {
  const cfg = (rbac: object, extra: object = {}) => validateStackConfig({ environment: "dev", rbac, ...extra });
  test("the requested role and an assignment of it are valid", () => {
    const { violations } = cfg(
      {
        customRoles: { "eg-reader": { actions: ["Microsoft.EventGrid/*/read"] } },
        roleAssignments: { a: { role: "custom:eg-reader", principal: { identity: "app" } } },
      },
      { identities: { app: {} } },
    );
    expect(violations).toEqual([]);
  });

  test("a custom role assigned on a service resource (a Service Bus queue) is valid config", () => {
    const { violations } = cfg(
      {
        customRoles: { peek: { dataActions: ["Microsoft.ServiceBus/namespaces/messages/receive/action"] } },
      },
      {
        identities: { app: {} },
        servicebus: {
          namespaces: {
            orders: {
              queues: { work: { roleAssignments: { peek: { role: "custom:peek", principal: { identity: "app" } } } } },
            },
          },
        },
      },
    );
    expect(violations).toEqual([]);
  });

  test.each([
    [
      "a typo",
      { customRoles: { r: { actions: ["Microsoft.Event Grid/*/read"] } } },
      "rbac.customRoles.r.actions[0]",
      "contains whitespace",
    ],
    [
      "a bare * action",
      { customRoles: { r: { actions: ["*"] } } },
      "rbac.customRoles.r.actions[0]",
      "grants every operation",
    ],
    [
      "an unknown custom role",
      { roleAssignments: { a: { role: "custom:nope", principal: { identity: "app" } } } },
      "rbac.roleAssignments.a.role",
      "names no custom role declared under 'rbac.customRoles'",
    ],
    [
      "two roles with one name",
      { customRoles: { a: { roleName: "X", actions: ["*/read"] }, b: { roleName: "x", actions: ["*/read"] } } },
      "rbac.customRoles.b.roleName",
      "is also the name of rbac.customRoles.a",
    ],
    [
      "an unknown identity",
      { roleAssignments: { a: { role: "Reader", principal: { identity: "ghost" } } } },
      "rbac.roleAssignments.a.principal.identity",
      "names no identity declared under 'identities'",
    ],
  ])("%s", (_case, rbac, path, message) => {
    const { violations } = cfg(rbac, { identities: { app: {} } });
    expect(violations).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });
});
