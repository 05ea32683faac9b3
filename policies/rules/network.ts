import type { PolicyResource } from "@pulumi/policy";
import * as batch from "@pulumi/azure-native/batch";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as storage from "@pulumi/azure-native/storage";
import { connectionsOf, groupIdsOf, linked, ofType, zoneGroupsOf } from "../lib/graph";
import { AP, asArray, isOfType, PackPolicy, Props, resourceRule, ResourceClass, schema, stackRule } from "../lib/rule";

export interface LinkTarget {
  readonly cls: ResourceClass;
  /** ARM type, to recognise targets outside the stack by their (known) id. */
  readonly armType: string;
  /** Group id -> private DNS zone. Source: learn.microsoft.com/azure/private-link/private-endpoint-dns (PE-DNS). */
  readonly groups: Record<string, string>;
}

/**
 * ⚠️ Batch: older PE-DNS copies give regional zones (`{region}.privatelink.batch.azure.com`); zone names that end in
 * the listed zone are accepted. ⚠️ Event Grid namespace `topicspace` (MQTT) uses its own zone, not checked here.
 */
// Same facts as components/network/privateLink.ts (copied so the pack stands alone); tests/policies/factsAgree.test.ts
// fails if they drift.
export const TARGETS: readonly LinkTarget[] = [
  {
    cls: eventhub.Namespace,
    armType: "Microsoft.EventHub/namespaces",
    groups: { namespace: "privatelink.servicebus.windows.net" },
  },
  {
    cls: servicebus.Namespace,
    armType: "Microsoft.ServiceBus/namespaces",
    groups: { namespace: "privatelink.servicebus.windows.net" },
  },
  { cls: eventgrid.Topic, armType: "Microsoft.EventGrid/topics", groups: { topic: "privatelink.eventgrid.azure.net" } },
  {
    cls: eventgrid.Domain,
    armType: "Microsoft.EventGrid/domains",
    groups: { domain: "privatelink.eventgrid.azure.net" },
  },
  {
    cls: eventgrid.Namespace,
    armType: "Microsoft.EventGrid/namespaces",
    groups: { topic: "privatelink.eventgrid.azure.net", topicspace: "" },
  },
  {
    cls: batch.BatchAccount,
    armType: "Microsoft.Batch/batchAccounts",
    groups: { batchAccount: "privatelink.batch.azure.com", nodeManagement: "privatelink.batch.azure.com" },
  },
  {
    cls: storage.StorageAccount,
    armType: "Microsoft.Storage/storageAccounts",
    groups: {
      blob: "privatelink.blob.core.windows.net",
      blob_secondary: "privatelink.blob.core.windows.net",
      queue: "privatelink.queue.core.windows.net",
      queue_secondary: "privatelink.queue.core.windows.net",
      table: "privatelink.table.core.windows.net",
      table_secondary: "privatelink.table.core.windows.net",
      file: "privatelink.file.core.windows.net",
      dfs: "privatelink.dfs.core.windows.net",
      dfs_secondary: "privatelink.dfs.core.windows.net",
      web: "privatelink.web.core.windows.net",
      web_secondary: "privatelink.web.core.windows.net",
    },
  },
  { cls: keyvault.Vault, armType: "Microsoft.KeyVault/vaults", groups: { vault: "privatelink.vaultcore.azure.net" } },
];

/** The Private Link target(s) of an endpoint: linked resources of the stack, else targets named by a known id. */
function targetsOf(pe: PolicyResource): { name: string; target: LinkTarget }[] {
  const linkedTargets = [
    ...linked(pe, "privateLinkServiceConnections"),
    ...linked(pe, "manualPrivateLinkServiceConnections"),
  ];
  const found = linkedTargets.flatMap((r) => {
    const t = TARGETS.find((x) => isOfType(r.type, [x.cls]));
    return t ? [{ name: r.name, target: t }] : [];
  });
  if (linkedTargets.length > 0) return found;
  return connectionsOf(pe).flatMap((c) => {
    const id = String(c.privateLinkServiceId ?? "");
    const t = TARGETS.find((x) => id.toLowerCase().includes(`/providers/${x.armType.toLowerCase()}/`));
    return t ? [{ name: id.split("/").pop() ?? id, target: t }] : [];
  });
}

function zoneMatches(zone: string, expected: string): boolean {
  const z = zone.toLowerCase();
  return z === expected || z.endsWith(`.${expected}`);
}

/** Private endpoint and private DNS rules (PE-xx, listed in policies/README.md). */
export const networkPolicies: PackPolicy[] = [
  stackRule(
    {
      name: "private-endpoint-group-id",
      code: "PE-01",
      description: "Private endpoints connect to a group id (sub-resource) that the target resource type offers.",
      severity: "medium",
      anchor: `the groupId filters of AP ${AP}/*/PrivateDNSZone_DINE.json and Batch/PrivateDnsZones_DINE.json`,
      remediation:
        "Use the target type's group id: namespace (Event Hubs, Service Bus), topic, domain, batchAccount/nodeManagement, blob/queue/dfs.",
    },
    (all, _a, report) => {
      for (const pe of ofType(all, [network.PrivateEndpoint])) {
        const groupIds = groupIdsOf(pe);
        for (const { name, target } of targetsOf(pe)) {
          const allowed = Object.keys(target.groups);
          const bad = groupIds.filter((g) => !allowed.some((a) => a.toLowerCase() === g.toLowerCase()));
          if (groupIds.length === 0 || bad.length > 0) {
            report(
              `${pe.name} connects to ${name} (${target.armType}) with group id ${JSON.stringify(groupIds)}; allowed: ${allowed.join(", ")}`,
              pe.urn,
            );
          }
        }
      }
    },
  ),
  stackRule<{ dnsManagedExternally: boolean }>(
    {
      name: "private-endpoint-dns-zone-group",
      code: "PE-02",
      description: "Private endpoints register in private DNS through a zone group.",
      severity: "medium",
      anchor: `AP ${AP}/*/PrivateDNSZone_DINE.json (they deploy privateEndpoints/privateDnsZoneGroups)`,
      remediation: "Pass privateDnsZoneIds to the private endpoint so that a PrivateDnsZoneGroup is created.",
      configSchema: {
        properties: {
          dnsManagedExternally: schema.boolean(
            false,
            "DNS records are created by Azure Policy (DINE) outside the stack: skip.",
          ),
        },
      },
    },
    (all, args, report, cfg) => {
      if (cfg.dnsManagedExternally) return args.notApplicable("private DNS is managed outside the stack");
      for (const pe of ofType(all, [network.PrivateEndpoint])) {
        if (zoneGroupsOf(all, pe).length === 0) {
          report(`${pe.name} has no private DNS zone group: clients would resolve the public address`, pe.urn);
        }
      }
    },
  ),
  resourceRule(
    {
      name: "private-endpoint-no-manual-connections",
      code: "PE-03",
      description: "Private endpoints use auto-approved connections, not manual ones (often to other tenants).",
      severity: "low",
      anchor: `AP d8d639f5 (${AP}/Mission/ServiceBusRestrictExternalPrivateEndpoint_Audit.json)`,
      remediation: "Use privateLinkServiceConnections to a target you own; manual approval hides cross-tenant links.",
    },
    [network.PrivateEndpoint],
    (p, _a, report) => {
      if (asArray(p.manualPrivateLinkServiceConnections).length > 0) {
        report("manualPrivateLinkServiceConnections is used: the connection waits for approval by the target's owner");
      }
    },
  ),
  stackRule(
    {
      name: "private-dns-zone-matches-group-id",
      code: "PE-04",
      description:
        "Private DNS zone groups use the zone of the endpoint's group id (privatelink.servicebus.windows.net, ...).",
      severity: "medium",
      anchor: "PE-DNS (learn.microsoft.com/azure/private-link/private-endpoint-dns); AP */PrivateDNSZone_DINE.json",
      remediation: "Link the zone group to the private DNS zone listed for the group id in PE-DNS.",
    },
    (all, _a, report) => {
      for (const group of ofType(all, [network.PrivateDnsZoneGroup])) {
        const pe = linked(group, "privateEndpointName").find((x) => isOfType(x.type, [network.PrivateEndpoint]));
        if (!pe) continue;
        const expected = targetsOf(pe).flatMap(({ target }) =>
          groupIdsOf(pe)
            .map((g) => target.groups[g])
            .filter((z): z is string => !!z),
        );
        if (expected.length === 0) continue;
        const zones = [
          ...linked(group, "privateDnsZoneConfigs")
            .filter((z) => isOfType(z.type, [privatedns.PrivateZone]))
            .map((z) => String((z.props as Props).privateZoneName ?? (z.props as Props).name ?? "")),
        ];
        if (zones.length === 0) {
          // Zones outside the stack: their (known) ids name them.
          for (const c of asArray((group.props as Props).privateDnsZoneConfigs) as Props[]) {
            zones.push(
              String(c.privateDnsZoneId ?? "")
                .split("/")
                .pop() ?? "",
            );
          }
        }
        if (!zones.some((z) => expected.some((e) => zoneMatches(z, e)))) {
          report(
            `${group.name} registers ${pe.name} in ${JSON.stringify(zones)}; expected ${[...new Set(expected)].join(" or ")}`,
            group.urn,
          );
        }
      }
    },
  ),
  stackRule(
    {
      name: "private-dns-zone-vnet-link",
      code: "PE-05",
      description: "Private DNS zones of the stack are linked to a virtual network.",
      severity: "medium",
      anchor:
        "PE-DNS (learn.microsoft.com/azure/private-link/private-endpoint-dns): a zone resolves only in linked networks",
      remediation: "Add a privatedns VirtualNetworkLink from the zone to the integration virtual network.",
    },
    (all, _a, report) => {
      const links = ofType(all, [privatedns.VirtualNetworkLink]);
      for (const zone of ofType(all, [privatedns.PrivateZone])) {
        if (
          !links.some((l) => linked(l, "privateZoneName").some((z) => z.urn === zone.urn) || l.parent?.urn === zone.urn)
        ) {
          report(`${zone.name} is linked to no virtual network: nothing resolves through it`, zone.urn);
        }
      }
    },
  ),
];
