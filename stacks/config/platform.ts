import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { EventHubArgs } from "../../components/eventhubs/Namespace";
import {
  EventHubNamespaceEntitiesArgs,
  validateEventHubNamespaceEntitiesArgs,
} from "../../components/eventhubs/NamespaceEntities";
import {
  ServiceBusNamespaceEntitiesArgs,
  validateServiceBusNamespaceEntitiesArgs,
} from "../../components/servicebus/NamespaceEntities";
import type { TeamReferences } from "../platform/exports";
import { keyed, keySchema } from "./common";
import { configPathOf } from "./argPaths";
import { eventHubArgPaths, namespaceArgs } from "./eventhubs";
import { eventHubsSchema, eventHubsTierSchema } from "./eventhubsSchema";
import { checkContainerRef } from "./foundation";
import { isArmId } from "./targets";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import { entitiesArgs, serviceBusNamespaceSchema, serviceBusTierSchema } from "./servicebus";
import type { StackConfig } from "./schema";

// The platform/team split (docs/operations.md). A PLATFORM stack owns namespaces, network, DNS zones, shared
// identities and storage, and exports their ids in one versioned document (stacks/platform/exports.ts). A TEAM stack
// reads that document through a StackReference and declares only its own entities on the platform's namespaces:
// `platform.servicebus.<namespace key>` and `platform.eventhubs.<namespace key>`, with the same keys as the
// `servicebus` / `eventhubs` sections, plus the tier the team expects (tier rules need a plain value).

/** Entities of one platform Service Bus namespace (by its key in the platform stack's `servicebus` section). */
const teamServiceBusSchema = z.strictObject({
  /** The namespace's tier, as the team expects it. Required: entity tier rules are checked against it; the platform's export must match. */
  tier: serviceBusTierSchema,
  /** Queues: the keys of `servicebus.namespaces.<ns>.queues`. */
  queues: serviceBusNamespaceSchema.shape.queues,
  /** Topics with subscriptions and rules: the keys of `servicebus.namespaces.<ns>.topics`. */
  topics: serviceBusNamespaceSchema.shape.topics,
});

/** Event hubs of one platform Event Hubs namespace (by its key in the platform stack's `eventhubs.namespaces`). */
const teamEventHubsSchema = z.strictObject({
  /** The namespace's tier, as the team expects it. Required: per-hub tier rules are checked against it; the platform's export must match. */
  tier: eventHubsTierSchema,
  /** Event hubs: the keys of `eventhubs.namespaces.<ns>.eventHubs` (consumer groups, checkpoint stores, capture, senders, receivers). */
  eventHubs: eventHubsSchema.shape.namespaces.unwrap().valueType.shape.eventHubs,
});

/** `<organization>/<project>/<stack>`, as `pulumi stack ls --all` prints it (the diy backends use `organization`). */
const stackNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "expected '<organization>/<project>/<stack>'");

export const platformSchema = z.strictObject({
  /** `platform`: this stack exports the `platform` document. `team`: this stack reads it and declares entities only. */
  role: z.enum(["platform", "team"]),
  /** Team only, required: the platform stack to read, `<organization>/<project>/<stack>`. */
  stack: stackNameSchema.optional(),
  /** Team only: the team's name, tagged `team: <name>` and in the default resource group `rg-integration-<environment>-<team>`. Defaults to the stack name. */
  team: keySchema.optional(),
  /** Team only: entities on the platform's Service Bus namespaces, by the platform's namespace key. */
  servicebus: keyed(teamServiceBusSchema).optional(),
  /** Team only: event hubs on the platform's Event Hubs namespaces, by the platform's namespace key. */
  eventhubs: keyed(teamEventHubsSchema).optional(),
});

export type PlatformConfig = z.infer<typeof platformSchema>;
export type TeamServiceBusConfig = z.infer<typeof teamServiceBusSchema>;
export type TeamEventHubsConfig = z.infer<typeof teamEventHubsSchema>;

/** Sections a team stack may not declare: the platform owns them. */
const PLATFORM_OWNED = ["network", "servicebus", "eventhubs"] as const;

/**
 * The platform namespace a team's entities attach to: from the platform's export document when building, a placeholder
 * when validating (SAS rules and the namespace identity are checked against the export once it is known).
 */
export interface PlatformNamespace {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly name: pulumi.Input<string>;
  readonly localAuth: boolean;
  /** The namespace's system-assigned identity (Event Hubs capture), empty when it has none. */
  readonly principalId?: string;
}

/** The placeholder platform namespace for the cross-check. */
const placeholderNamespace = (key: string): PlatformNamespace => ({
  resourceGroupName: "config",
  name: key,
  localAuth: true,
  principalId: PLACEHOLDER_GUID,
});

/** `platform.servicebus.<key>` as the entities component's args: the section's own entity mapping, on `ns`. */
export function teamServiceBusArgs(
  config: StackConfig,
  key: string,
  r: StackResolver,
  ns: PlatformNamespace,
): ServiceBusNamespaceEntitiesArgs {
  const cfg = config.platform!.servicebus![key];
  return {
    resourceGroupName: ns.resourceGroupName,
    namespaceName: ns.name,
    tier: cfg.tier,
    localAuthEnabled: ns.localAuth,
    ...entitiesArgs(cfg, r, `platform.servicebus.${key}.`),
  };
}

/** `platform.eventhubs.<key>` as the entities component's args: the section's own event hub mapping, on `ns`. */
export function teamEventHubsArgs(
  config: StackConfig,
  key: string,
  r: StackResolver,
  ns: PlatformNamespace,
): EventHubNamespaceEntitiesArgs {
  const cfg = config.platform!.eventhubs![key];
  return {
    resourceGroupName: ns.resourceGroupName,
    namespaceName: ns.name,
    tier: cfg.tier,
    localAuthEnabled: ns.localAuth,
    namespacePrincipalId: ns.principalId || undefined,
    eventHubs: teamEventHubs(config, key, cfg, r),
  };
}

/** Event hubs of a team namespace as component args, through the `eventhubs` section's own mapping. */
function teamEventHubs(
  config: StackConfig,
  key: string,
  cfg: TeamEventHubsConfig,
  r: StackResolver,
): Record<string, EventHubArgs> {
  // The section's mapping reads `eventhubs.namespaces.<key>`: give it a one-namespace view of the team's hubs.
  const view: StackConfig = {
    ...config,
    eventhubs: { namespaces: { [key]: { tier: cfg.tier, eventHubs: cfg.eventHubs } } },
  };
  return namespaceArgs(view, key, r).eventHubs ?? {};
}

/** Every `{ identity: <key> }` under a config subtree, with its path. */
function identityRefsIn(node: unknown, path: string, out: { key: string; path: string }[]): void {
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (Object.keys(o).length === 1 && typeof o.identity === "string") {
    out.push({ key: o.identity, path: `${path}.identity` });
    return;
  }
  for (const [k, v] of Object.entries(o)) identityRefsIn(v, `${path}.${k}`, out);
}

/** Container references of team event hubs (capture, checkpoint stores), with their paths. */
function containerRefsIn(cfg: TeamEventHubsConfig, path: string): { ref: string; path: string }[] {
  const out: { ref: string; path: string }[] = [];
  for (const [hk, hub] of Object.entries(cfg.eventHubs ?? {})) {
    const hp = `${path}.eventHubs.${hk}`;
    if (hub.capture) out.push({ ref: hub.capture.container, path: `${hp}.capture.container` });
    for (const [gk, g] of Object.entries(hub.consumerGroups ?? {})) {
      if (g.checkpointStore) {
        out.push({ ref: g.checkpointStore.container, path: `${hp}.consumerGroups.${gk}.checkpointStore.container` });
      }
    }
  }
  return out;
}

/** Whether a container reference names a storage account of this stack or is an id (else the platform's storage). */
export function isLocalContainer(config: StackConfig, ref: string): boolean {
  return isArmId(ref) || config.storage?.[ref.split("/")[0]] !== undefined;
}

/**
 * What a team stack reads from the platform's export document: namespaces with the tiers it expects, and the
 * identities and containers it does not declare itself (those come from the platform).
 */
export function teamReferences(config: StackConfig): TeamReferences {
  const p = config.platform;
  const identities: { key: string; path: string }[] = [];
  const refs: TeamReferences = { servicebus: {}, eventhubs: {}, identities, containers: [] };
  for (const [key, cfg] of Object.entries(p?.servicebus ?? {})) {
    const path = `platform.servicebus.${key}`;
    const entities = [...Object.values(cfg.queues ?? {}), ...Object.values(cfg.topics ?? {})];
    refs.servicebus[key] = { sku: cfg.tier, usesLocalAuth: entities.some((e) => e.authorizationRules !== undefined) };
    identityRefsIn(cfg, path, identities);
  }
  for (const [key, cfg] of Object.entries(p?.eventhubs ?? {})) {
    const path = `platform.eventhubs.${key}`;
    const hubs = Object.entries(cfg.eventHubs ?? {});
    refs.eventhubs[key] = {
      tier: cfg.tier,
      usesLocalAuth: hubs.some(([, h]) => h.authorizationRules !== undefined),
      systemIdentityCaptures: hubs
        .filter(([, h]) => h.capture && (h.capture.identity ?? "SystemAssigned") === "SystemAssigned")
        .map(([hk]) => `${path}.eventHubs.${hk}.capture.identity`),
    };
    identityRefsIn(cfg, path, identities);
    refs.containers.push(...containerRefsIn(cfg, path).filter((c) => !isLocalContainer(config, c.ref)));
  }
  const local = config.identities ?? {};
  return { ...refs, identities: identities.filter((i) => local[i.key] === undefined) };
}

const PLACEHOLDER_GUID = "00000000-0000-0000-0000-000000000001";
/**
 * The split's rules: a team names its platform stack and declares no platform-owned section; a platform declares no
 * team entities; team entities pass the same component validators as the `servicebus` / `eventhubs` sections (against
 * the tier the team states). References to the platform's namespaces, identities and containers are checked against
 * the export document when the platform's outputs are known (stacks/build/platform.ts).
 */
export function platformCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const p = config.platform;
  if (!p) return [];
  const found: (Violation | undefined)[] = [];
  // References may name the platform's identities and containers: checked against its export document, not here.
  const placeholders = placeholderResolver(config, check.location, () => undefined);
  if (p.role === "platform") {
    for (const key of ["stack", "team", "servicebus", "eventhubs"] as const) {
      if (p[key] !== undefined) {
        found.push({
          path: `platform.${key}`,
          value: key === "stack" || key === "team" ? p[key] : Object.keys(p[key] ?? {}),
          message:
            "is for team stacks (platform.role: team); a platform stack declares its namespaces in their sections",
        });
      }
    }
    return found.filter((v): v is Violation => v !== undefined);
  }
  if (p.stack === undefined) {
    found.push({
      path: "platform.stack",
      value: undefined,
      message: "is required for a team stack: the platform stack to read, '<organization>/<project>/<stack>'",
    });
  }
  for (const section of PLATFORM_OWNED) {
    if (config[section] !== undefined) {
      found.push({
        path: section,
        value: Object.keys(config[section] ?? {}),
        message: `is owned by the platform stack; a team stack declares its entities under platform.servicebus.<namespace> / platform.eventhubs.<namespace>`,
      });
    }
  }
  for (const key of Object.keys(p.servicebus ?? {})) {
    const path = `platform.servicebus.${key}`;
    const args = teamServiceBusArgs(config, key, placeholders, placeholderNamespace(key));
    found.push(...validateServiceBusNamespaceEntitiesArgs(args).map((v) => ({ ...v, path: `${path}.${v.path}` })));
  }
  for (const [key, cfg] of Object.entries(p.eventhubs ?? {})) {
    const path = `platform.eventhubs.${key}`;
    for (const c of containerRefsIn(cfg, path)) {
      if (isLocalContainer(config, c.ref)) found.push(checkContainerRef(c.path, c.ref, config.storage));
    }
    const args = teamEventHubsArgs(config, key, placeholders, placeholderNamespace(key));
    found.push(
      ...validateEventHubNamespaceEntitiesArgs(args).map((v) => ({
        ...v,
        path: `${path}.${configPathOf(eventHubArgPaths, v.path)}`,
      })),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}
