import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import {
  applyExtensions,
  defaultPublicNetworkAccess,
  roleDefinitionIdFor,
  validateCommonArgs,
} from "../../components/core";
import { useSimulatedArm } from "../helpers/simulation";

const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe";

const sim = useSimulatedArm();
const sub = "00000000-0000-0000-0000-000000000000";

class Host extends pulumi.ComponentResource {
  constructor(
    name: string,
    args: Parameters<typeof applyExtensions>[3],
    resourceType = "Microsoft.EventHub/namespaces",
  ) {
    super("test:core:Host", name, {}, {});
    const rg = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: "rg-x" }, { parent: this });
    applyExtensions(this, name, { id: rg.id, resourceType, resource: rg }, args);
    this.registerOutputs({});
  }
}

describe("validateCommonArgs", () => {
  const base = { resourceGroupName: "rg" };
  test.each([
    ["no extensions", {}, []],
    [
      "built-in role by name",
      {
        roleAssignments: {
          a: { role: "Azure Event Hubs Data Sender", principalId: "p", principalType: "ServicePrincipal" },
        },
      },
      [],
    ],
    [
      "role by GUID",
      {
        roleAssignments: {
          a: { role: "2b629674-e913-4c01-ae53-ef4638d8f975", principalId: "p", principalType: "Group" },
        },
      },
      [],
    ],
    [
      "unknown role name",
      { roleAssignments: { a: { role: "Event Hubs Sender", principalId: "p", principalType: "User" } } },
      ["roleAssignments.a.role"],
    ],
    [
      "missing principal type",
      { roleAssignments: { a: { role: "Azure Event Hubs Data Sender", principalId: "p" } } },
      ["roleAssignments.a.principalType"],
    ],
    [
      "wrong PE group id",
      { privateEndpoints: { pe: { subnetId: SUBNET, groupId: "topic" } } },
      ["privateEndpoints.pe.groupId"],
    ],
    ["diagnostics without destination", { diagnosticSettings: { d: {} } }, ["diagnosticSettings.d"]],
    ["bad lock kind", { lock: { kind: "Delete" } }, ["lock.kind"]],
  ])("%s", (_case, extra, paths) => {
    const found = validateCommonArgs({ ...base, ...(extra as object) }, "Microsoft.EventHub/namespaces");
    expect(found.map((v) => v.path)).toEqual(paths);
  });

  test("a multi-group target requires the group id and names the allowed ones", () => {
    const [v] = validateCommonArgs({ privateEndpoints: { pe: { subnetId: SUBNET } } }, "Microsoft.Batch/batchAccounts");
    expect(v.message).toBe("is required for Microsoft.Batch/batchAccounts; allowed: batchAccount, nodeManagement");
  });
});

describe("defaultPublicNetworkAccess", () => {
  test.each([
    [undefined, false, false, "Enabled"],
    [undefined, true, false, "Disabled"],
    [undefined, true, true, "Enabled"],
    ["Enabled", true, false, "Enabled"],
    ["Disabled", false, false, "Disabled"],
  ] as const)("explicit=%s pe=%s firewall=%s -> %s", (explicit, pe, fw, expected) => {
    expect(defaultPublicNetworkAccess(explicit, pe, fw)).toBe(expected);
  });
});

describe("roleDefinitionIdFor", () => {
  test("resolves names in the scope's subscription, GUIDs too, and keeps full ids", () => {
    const scope = "/subscriptions/abc/resourceGroups/rg";
    expect(roleDefinitionIdFor("Azure Service Bus Data Sender", scope)).toBe(
      "/subscriptions/abc/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
    );
    expect(
      roleDefinitionIdFor(
        "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        "/providers/Microsoft.Management/managementGroups/mg",
      ),
    ).toBe("/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39");
    expect(roleDefinitionIdFor("/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/r", scope)).toBe(
      "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/r",
    );
  });
});

describe("applyExtensions on the simulated ARM", () => {
  test("role assignment, diagnostics, private endpoint with zone group, and a lock created last", async () => {
    new Host("ns", {
      resourceGroupName: "rg-x",
      lock: { kind: "CanNotDelete" },
      roleAssignments: {
        app: { role: "Azure Event Hubs Data Sender", principalId: "pid-1", principalType: "ServicePrincipal" },
      },
      diagnosticSettings: {
        law: { workspaceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w" },
      },
      privateEndpoints: { main: { subnetId: SUBNET, privateDnsZoneIds: ["/zone"] } },
    });
    await sim.settle();
    const scope = `/subscriptions/${sub}/resourceGroups/rg-x`;

    const ra = sim.one("azure-native:authorization:RoleAssignment", "ns-ra/app");
    expect(ra.inputs).toMatchObject({
      scope,
      principalId: "pid-1",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/2b629674-e913-4c01-ae53-ef4638d8f975`,
    });
    expect(ra.inputs.roleAssignmentName).toMatch(/^[0-9a-f-]{36}$/);

    const diag = sim.one("azure-native:monitor:DiagnosticSetting");
    expect(diag.inputs).toMatchObject({
      resourceUri: scope,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
      metrics: [{ category: "AllMetrics", enabled: true }],
    });

    const pe = sim.one("azure-native:network:PrivateEndpoint");
    expect(pe.inputs).toMatchObject({
      subnet: { id: SUBNET },
      privateLinkServiceConnections: [{ privateLinkServiceId: scope, groupIds: ["namespace"] }],
    });
    expect(sim.one("azure-native:network:PrivateDnsZoneGroup").inputs).toMatchObject({
      privateDnsZoneConfigs: [{ privateDnsZoneId: "/zone" }],
    });

    const lock = sim.one("azure-native:authorization:ManagementLockByScope");
    expect(lock.inputs).toMatchObject({ scope, level: "CanNotDelete", lockName: "lock-ns" });
    // The lock depends on the assignments and endpoints, so it never blocks their creation.
    expect(lock.dependencies).toContain(ra.urn);
    // A component dependency expands to its children: the endpoint itself.
    expect(lock.dependencies).toContain(pe.urn);
  });

  test("the assignment name is the same on every run (no duplicate assignments on re-deploy)", async () => {
    const run = async () => {
      sim.arm.reset();
      new Host(`h${Math.random().toString(36).slice(2, 6)}`, {
        resourceGroupName: "rg-x",
        roleAssignments: {
          app: { role: "Azure Event Hubs Data Sender", principalId: "pid-1", principalType: "ServicePrincipal" },
        },
      });
      await sim.settle();
      return sim.arm.ofType("azure-native:authorization:RoleAssignment")[0].inputs.roleAssignmentName;
    };
    expect(await run()).toBe(await run());
  });
});
