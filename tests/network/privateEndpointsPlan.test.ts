import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlannedJson as Planned, runPlanCli } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pe-"));

describe("npm run plan: private endpoints, DNS zone registry, RBAC and Batch (one process per plan)", () => {
  test("every service's endpoints plan with the shared zones created once (tests/fixtures/stacks)", () => {
    const r = sharedPlan("tests/fixtures/stacks/Pulumi.private-endpoints.yaml");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const resources: Planned[] = r.plan.resources;
    const ofType = (t: string) => resources.filter((x) => x.type === `azure-native:${t}`);

    const zones = ofType("privatedns:PrivateZone").map((z) => z.inputs.privateZoneName);
    expect([...zones].sort()).toEqual([
      "privatelink.batch.azure.com",
      "privatelink.blob.core.windows.net",
      "privatelink.eventgrid.azure.net",
      "privatelink.queue.core.windows.net",
      "privatelink.servicebus.windows.net",
    ]);
    expect(ofType("privatedns:VirtualNetworkLink")).toHaveLength(zones.length);

    // One endpoint per declared endpoint, each with the group id of its service and a zone group.
    const endpoints = ofType("network:PrivateEndpoint");
    const groups = endpoints
      .map((e) => (e.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0].groupIds[0])
      .sort();
    expect(groups).toEqual([
      "batchAccount",
      "blob",
      "domain",
      "namespace",
      "namespace",
      "nodeManagement",
      "queue",
      "topic",
    ]);
    const zoneGroups = ofType("network:PrivateDnsZoneGroup");
    expect(zoneGroups).toHaveLength(endpoints.length);
    const zoneOf = (prefix: string) =>
      (
        zoneGroups.find((g) => g.name.startsWith(prefix))!.inputs.privateDnsZoneConfigs as {
          privateDnsZoneId: string;
        }[]
      )[0].privateDnsZoneId;
    // Event Hubs and Service Bus register in the same zone; so do Batch's two sub-resources.
    expect(zoneOf("evhns-telemetry-pe/main")).toBe(zoneOf("sb-orders-pe/main"));
    expect(zoneOf("evhns-telemetry-pe/main")).toMatch(/\/privateDnsZones\/privatelink\.servicebus\.windows\.net$/);
    expect(zoneOf("batch-jobs-pe/account")).toBe(zoneOf("batch-jobs-pe/nodes"));
    expect(zoneOf("eg-orders-pe/main")).toBe(zoneOf("egd-partners-pe/main"));

    // Private endpoints switch public access off by default; the pool has no public IPs.
    expect(ofType("batch:BatchAccount")[0].inputs).toMatchObject({
      publicNetworkAccess: "Disabled",
      allowedAuthenticationModes: ["AAD"],
    });
    expect(ofType("batch:Pool")[0].inputs).toMatchObject({
      networkConfiguration: { publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" } },
      targetNodeCommunicationMode: "Simplified",
    });
    // The stack's custom role is assigned through its full id and after the definition exists.
    const definition = ofType("authorization:RoleDefinition")[0];
    const assignment = ofType("authorization:RoleAssignment").find((a) => a.name.startsWith("rbac-"))!;
    expect(assignment.inputs.roleDefinitionId).toMatch(
      new RegExp(`/providers/Microsoft.Authorization/roleDefinitions/${definition.inputs.roleDefinitionId}$`),
    );
    expect(assignment.dependencies).toContain(definition.urn);
  });

  test("bad network, RBAC and Batch config exits 2 naming every key path", () => {
    const file = path.join(tmp, "Pulumi.bad.yaml");
    fs.writeFileSync(
      file,
      [
        "config:",
        "  azure-integration:environment: dev",
        "  azure-integration:storage:",
        "    events:",
        "      privateEndpoints:",
        "        blob: { subnet: endpoints, groupId: blob }",
        "  azure-integration:rbac:",
        "    customRoles:",
        '      reader: { actions: ["Microsoft.Event Grid/*/read"] }',
        "  azure-integration:batch:",
        "    accounts:",
        "      jobs:",
        "        pools:",
        "          win:",
        "            vmSize: Standard_D2s_v3",
        "            imageReference: { publisher: MicrosoftWindowsServer, offer: WindowsServer, sku: 2022-datacenter }",
        "            nodeAgentSkuId: batch.node.ubuntu 22.04",
        "            scaleSettings:",
        "              fixedScale: { targetDedicatedNodes: 1 }",
        "              autoScale: { formula: '$TargetDedicatedNodes = 1;', evaluationInterval: PT1M }",
        "",
      ].join("\n"),
    );
    const r = runPlanCli(["--config", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "storage.events.privateEndpoints.blob.subnet: \"endpoints\" names no subnet declared under 'network.subnets'",
    );
    expect(r.stderr).toContain('rbac.customRoles.reader.actions[0]: "Microsoft.Event Grid/*/read" contains whitespace');
    expect(r.stderr).toContain(
      'batch.accounts.jobs.pools.win.nodeAgentSkuId: "batch.node.ubuntu 22.04" does not match the image MicrosoftWindowsServer/WindowsServer/2022-datacenter; its node agent SKU is "batch.node.windows amd64"',
    );
    expect(r.stderr).toContain("batch.accounts.jobs.pools.win.scaleSettings: ");
    expect(r.stderr).toContain("they are mutually exclusive, choose one");
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
    expect(r.stdout).toContain("Result: invalid configuration (exit 2)");
  });
});
