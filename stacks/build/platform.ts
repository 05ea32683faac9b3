import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../components/core/errors";
import { EventHubNamespaceEntities } from "../../components/eventhubs/NamespaceEntities";
import { ServiceBusNamespaceEntities } from "../../components/servicebus/NamespaceEntities";
import { zonesForConfig } from "../config/network";
import { isLocalContainer, teamEventHubsArgs, teamReferences, teamServiceBusArgs } from "../config/platform";
import type { StackResolver } from "../config/resolver";
import type { StackContext, StackRefs } from "../context";
import {
  checkPlatformExports,
  PLATFORM_EXPORT_NAME,
  PLATFORM_EXPORT_VERSION,
  PlatformExports,
} from "../platform/exports";
import type { IdentityRef } from "./foundation";
import { stackResolver } from "./resolver";
import { withConfigKey } from "../../components/core/configKey";

/** What a team stack built: its entity components by platform namespace key, and the checked export document. */
export interface TeamRefs {
  readonly serviceBus: Record<string, ServiceBusNamespaceEntities>;
  readonly eventHubs: Record<string, EventHubNamespaceEntities>;
  /** The platform's export document, checked against every reference of this stack. */
  readonly platform: PlatformExports;
}

/**
 * The platform's export document (stack output `platform`, shape in stacks/platform/exports.ts): every namespace,
 * the network, DNS zones, shared identities and storage, by config key.
 */
export function buildPlatformExports(ctx: StackContext, refs: StackRefs): pulumi.Output<PlatformExports> {
  const config = ctx.config;
  const sbNamespaces = config.servicebus?.namespaces ?? {};
  const sbPairs = config.servicebus?.pairs ?? {};
  const servicebus = Object.fromEntries(
    Object.entries(refs.serviceBus.namespaces).map(([key, ns]) => {
      const cfg = sbNamespaces[key] ?? sbPairs[key];
      const pair = refs.serviceBus.pairs?.[key];
      return [
        key,
        {
          id: ns.id,
          name: ns.name,
          resourceGroupName: ctx.resourceGroupName,
          // A pair is Premium (geo-DR needs it); a namespace defaults to Standard, as the component does.
          sku: sbPairs[key] ? "Premium" : (sbNamespaces[key]?.tier ?? "Standard"),
          localAuth: cfg?.disableLocalAuth === false,
          ...(pair ? { aliasHostName: pair.aliasHostName } : {}),
        },
      ];
    }),
  );
  const ehNamespaces = config.eventhubs?.namespaces ?? {};
  const eventhubs = Object.fromEntries(
    Object.entries(refs.eventHubs.namespaces).map(([key, ns]) => [
      key,
      {
        id: ns.id,
        name: ns.name,
        resourceGroupName: ctx.resourceGroupName,
        tier: ehNamespaces[key].tier,
        localAuth: ehNamespaces[key].disableLocalAuth === false,
        principalId: ns.principalId ?? "",
      },
    ]),
  );
  const zones: Record<string, pulumi.Output<string>> = {};
  for (const zone of [...zonesForConfig(config), ...Object.keys(config.network?.privateDnsZones?.existing ?? {})]) {
    const id = refs.network.dnsZoneId(zone);
    if (id) zones[zone] = id;
  }
  const doc = {
    version: PLATFORM_EXPORT_VERSION,
    environment: ctx.environment,
    location: ctx.location,
    resourceGroupName: ctx.resourceGroupName,
    servicebus,
    eventhubs,
    network: {
      virtualNetworkId: refs.network.virtualNetwork?.id,
      subnets: refs.network.subnets,
      privateDnsZones: zones,
    },
    identities: Object.fromEntries(
      Object.entries(refs.foundation.identities).map(([k, v]) => [
        k,
        { id: v.id, principalId: v.principalId, clientId: v.clientId },
      ]),
    ),
    storage: Object.fromEntries(
      Object.entries(refs.foundation.storage).map(([k, s]) => [
        k,
        {
          id: s.id,
          name: s.name,
          containers: Object.fromEntries(Object.entries(s.containers).map(([c, r]) => [c, { id: r.id, name: r.name }])),
        },
      ]),
    ),
  };
  return pulumi.output(doc) as pulumi.Output<PlatformExports>;
}

/**
 * A team stack: reads the platform's export document through a StackReference, checks every reference against it
 * BEFORE creating anything (namespace keys, the tiers the team states, shared identities and containers; a violation
 * rejects the program with the config path: exit 2 offline, a clean error in `pulumi up`), then attaches the team's
 * entities to the platform's namespaces. Role assignments go to the team's own identities (or shared ones the
 * platform exports), scoped to the team's entities. Async: the document's values are plain once read, like
 * `StackReference.getOutputDetails` intends, so nothing is created inside an apply.
 */
export async function buildTeam(ctx: StackContext, refs: Partial<StackRefs>): Promise<TeamRefs> {
  const config = ctx.config;
  const p = config.platform!;
  const platformStack = p.stack!;
  const reference = new pulumi.StackReference("platform", { name: platformStack });
  const details = await reference.getOutputDetails(PLATFORM_EXPORT_NAME);
  const wanted = teamReferences(config);
  const violations = checkPlatformExports(details.value ?? details.secretValue, wanted, platformStack);
  if (violations.length > 0) {
    throw new ValidationError(
      `team stack '${pulumi.getStack()}': references to platform stack '${platformStack}'`,
      violations,
    );
  }
  const platform = (details.value ?? details.secretValue) as PlatformExports;

  // Identities the team does not declare come from the platform (checked above).
  const shared: Record<string, IdentityRef> = {};
  for (const { key } of wanted.identities) {
    const i = platform.identities[key];
    shared[key] = {
      id: pulumi.output(i.id),
      principalId: pulumi.output(i.principalId),
      clientId: pulumi.output(i.clientId),
    };
  }
  const teamRefs: Partial<StackRefs> = {
    ...refs,
    foundation: { ...refs.foundation!, identities: { ...shared, ...refs.foundation!.identities } },
  };

  const serviceBus: Record<string, ServiceBusNamespaceEntities> = {};
  for (const key of Object.keys(p.servicebus ?? {})) {
    serviceBus[key] = withConfigKey(
      `platform.servicebus.${key}`,
      () =>
        new ServiceBusNamespaceEntities(`sbe-${key}`, {
          ...teamServiceBusArgs(config, key, stackResolver(ctx, teamRefs), platform.servicebus[key]),
          protect: ctx.protect,
        }),
    );
  }

  const local = stackResolver(ctx, teamRefs);
  const eventHubs: Record<string, EventHubNamespaceEntities> = {};
  for (const key of Object.keys(p.eventhubs ?? {})) {
    const ns = platform.eventhubs[key];
    const r: StackResolver = {
      ...stackResolver(ctx, teamRefs),
      // A container of the team's own storage, else one the platform exports (checked above).
      container: (ref, at) => {
        if (isLocalContainer(config, ref)) return local.container(ref, at);
        const [account, container] = ref.split("/");
        const exported = platform.storage[account];
        return {
          storageAccountId: exported.id,
          containerName: exported.containers[container].name,
          containerId: exported.containers[container].id,
        };
      },
      eventHubsNamespace: () => ns.id,
    };
    const args = teamEventHubsArgs(config, key, r, ns);
    eventHubs[key] = withConfigKey(
      `platform.eventhubs.${key}`,
      () => new EventHubNamespaceEntities(`evhe-${key}`, { ...args, protect: ctx.protect }),
    );
  }
  return { serviceBus, eventHubs, platform };
}

/** The team's stack outputs: entity ids by platform namespace key (what the team's applications are wired to). */
export function teamOutputs(team: TeamRefs): Record<string, unknown> {
  return {
    servicebus: Object.fromEntries(
      Object.entries(team.serviceBus).map(([k, e]) => [
        k,
        {
          queues: Object.fromEntries(Object.entries(e.queues).map(([q, r]) => [q, r.id])),
          topics: Object.fromEntries(Object.entries(e.topics).map(([t, r]) => [t, r.id])),
        },
      ]),
    ),
    eventhubs: Object.fromEntries(
      Object.entries(team.eventHubs).map(([k, e]) => [
        k,
        { eventHubs: Object.fromEntries(Object.entries(e.eventHubs).map(([h, r]) => [h, r.hub.id])) },
      ]),
    ),
  };
}
