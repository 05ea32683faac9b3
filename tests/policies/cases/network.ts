import * as authorization from "@pulumi/azure-native/authorization";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as pulumi from "@pulumi/pulumi";
import { fail, pass, RG, RuleCase, SUB } from "../harness";
import { privateEndpoint } from "./fixtures";

const VNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet`;
const ehNs = (n: string, opts: pulumi.CustomResourceOptions = {}, rg: pulumi.Input<string> = RG) =>
  new eventhub.Namespace(
    `${n}-ns`,
    { resourceGroupName: rg, namespaceName: `${n}-ns`, sku: { name: "Premium" } },
    opts,
  );
const zone = (n: string, name: string) =>
  new privatedns.PrivateZone(`${n}-zone`, { resourceGroupName: RG, privateZoneName: name, location: "global" });
const zoneGroup = (n: string, pe: network.PrivateEndpoint, zoneIds: pulumi.Input<string>[]) =>
  new network.PrivateDnsZoneGroup(`${n}-dns`, {
    resourceGroupName: RG,
    privateEndpointName: pe.name,
    privateDnsZoneGroupName: "default",
    privateDnsZoneConfigs: zoneIds.map((id, i) => ({ name: `z${i}`, privateDnsZoneId: id })),
  });
const lock = (n: string, scope: pulumi.Input<string>, level = "CanNotDelete") =>
  new authorization.ManagementLockByScope(`${n}-lock`, { scope, lockName: `${n}-lock`, level });

export const networkCases: RuleCase[] = [
  pass("private-endpoint-group-id", "namespace endpoint to an Event Hubs namespace", (n) =>
    privateEndpoint(n, ehNs(n).id, ["namespace"]),
  ),
  fail(
    "private-endpoint-group-id",
    "topic group id on a Service Bus namespace",
    (n) => {
      const sb = new servicebus.Namespace(`${n}-sb`, { resourceGroupName: RG, sku: { name: "Premium" } });
      privateEndpoint(n, sb.id, ["topic"]);
    },
    /connects to c\d+-sb \(Microsoft.ServiceBus\/namespaces\) with group id \["topic"\]; allowed: namespace/,
  ),
  fail(
    "private-endpoint-group-id",
    "blob group id on a Batch account outside the stack (known id)",
    (n) => privateEndpoint(n, `${SUB}/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/ba`, ["blob"]),
    /connects to ba \(Microsoft.Batch\/batchAccounts\) with group id \["blob"\]; allowed: batchAccount, nodeManagement/,
  ),
  pass("private-endpoint-dns-zone-group", "with a zone group", (n) => {
    const pe = privateEndpoint(n, ehNs(n).id, ["namespace"]);
    zoneGroup(n, pe, [zone(n, "privatelink.servicebus.windows.net").id]);
  }),
  fail(
    "private-endpoint-dns-zone-group",
    "without",
    (n) => privateEndpoint(n, ehNs(n).id, ["namespace"]),
    /c\d+-pe has no private DNS zone group/,
  ),
  pass("private-endpoint-no-manual-connections", "auto-approved", (n) => privateEndpoint(n, ehNs(n).id, ["namespace"])),
  fail(
    "private-endpoint-no-manual-connections",
    "manual",
    (n) =>
      privateEndpoint(n, `${SUB}/resourceGroups/x/providers/Microsoft.EventHub/namespaces/theirs`, ["namespace"], true),
    /manualPrivateLinkServiceConnections is used/,
  ),
  pass("private-dns-zone-matches-group-id", "servicebus zone for a namespace endpoint", (n) => {
    const pe = privateEndpoint(n, ehNs(n).id, ["namespace"]);
    zoneGroup(n, pe, [zone(n, "privatelink.servicebus.windows.net").id]);
  }),
  pass("private-dns-zone-matches-group-id", "a zone outside the stack, by its known id", (n) => {
    const pe = privateEndpoint(n, ehNs(n).id, ["namespace"]);
    zoneGroup(n, pe, [
      `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.servicebus.windows.net`,
    ]);
  }),
  fail(
    "private-dns-zone-matches-group-id",
    "blob zone for a namespace endpoint",
    (n) => {
      const pe = privateEndpoint(n, ehNs(n).id, ["namespace"]);
      zoneGroup(n, pe, [zone(n, "privatelink.blob.core.windows.net").id]);
    },
    /registers c\d+-pe in \["privatelink.blob.core.windows.net"\]; expected privatelink.servicebus.windows.net/,
  ),
  pass("private-dns-zone-vnet-link", "linked", (n) => {
    const z = zone(n, "privatelink.servicebus.windows.net");
    new privatedns.VirtualNetworkLink(`${n}-link`, {
      resourceGroupName: RG,
      privateZoneName: z.name,
      location: "global",
      virtualNetwork: { id: VNET },
      registrationEnabled: false,
    });
  }),
  fail(
    "private-dns-zone-vnet-link",
    "not linked",
    (n) => zone(n, "privatelink.eventgrid.azure.net"),
    /is linked to no virtual network/,
  ),
];

export const stackCases: RuleCase[] = [
  pass("stateful-resources-protected", "protected namespace", (n) => ehNs(n, { protect: true })),
  fail(
    "stateful-resources-protected",
    "unprotected namespace",
    (n) => ehNs(n),
    /c\d+-ns \(azure-native:eventhub:Namespace\) is not protected/,
  ),
  pass("stateful-resources-locked", "lock on the namespace", (n) => lock(n, ehNs(n).id)),
  pass("stateful-resources-locked", "ReadOnly lock on its resource group", (n) => {
    const rg = new resources.ResourceGroup(`${n}-rg`, { resourceGroupName: `${n}-rg` });
    ehNs(n, {}, rg.name);
    lock(n, rg.id, "ReadOnly");
  }),
  fail(
    "stateful-resources-locked",
    "no lock",
    (n) => ehNs(n),
    /c\d+-ns \(azure-native:eventhub:Namespace\) has no CanNotDelete or ReadOnly lock/,
  ),
  fail(
    "stateful-resources-locked",
    "a lock on another namespace",
    (n) => {
      ehNs(`${n}a`);
      lock(n, ehNs(`${n}b`).id);
    },
    /c\d+a-ns .* has no CanNotDelete or ReadOnly lock/,
  ),
];
