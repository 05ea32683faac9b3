import type * as pulumi from "@pulumi/pulumi";
import type { Violation } from "../../components/core/errors";
import type { CommonResourceArgs, LockArgs, PrincipalType, RoleAssignmentArgs } from "../../components/core/interfaces";
import { SystemTopicSourceKind, systemTopicSources } from "../../components/eventgrid/limits";
import type { SystemTopicSource } from "../../components/eventgrid/SystemTopic";
import type { PrincipalConfig, PrivateEndpointConfig, RoleAssignmentConfig } from "./common";
import { checkContainerRef, checkIdentityRef } from "./foundation";
import type { StackConfig } from "./schema";
import type { AzureNameKind } from "../../components/core/azureNames";
import { placeholderNames } from "../naming";
import { subnetId } from "../../components/core/validate";
import { privateEndpointArgs } from "./privateEndpoints";
import { DiagnosticsConfig, placeholderDiagnostics } from "./diagnostics";
import { parseContainerId } from "./targets";

// Where config and component args differ, it is here and only here: config names other stack resources by KEY
// (`identity: orders-app`, `subnet: endpoints`, `container: dlq/events`, `namespace` + `queue`), the components take
// ARM ids and principal ids. Each section's mapping (config -> component args) asks a StackResolver for them; the
// resolver has two implementations: placeholders (below) for validating the whole stack before anything is registered,
// and real references (stacks/build/resolver.ts) for building.

/** The shared keys of one resource in config (`commonResourceShape` in common.ts). */
export interface CommonConfig {
  readonly tags?: Record<string, string>;
  readonly lock?: LockArgs;
  readonly roleAssignments?: Record<string, RoleAssignmentConfig>;
  readonly privateEndpoints?: Record<string, PrivateEndpointConfig & { location?: string }>;
  readonly diagnostics?: boolean;
  readonly diagnosticSettings?: DiagnosticsConfig["diagnosticSettings"];
}

/** A system topic's source in config (`eventgrid.systemTopics.<key>.source`). */
export interface SystemTopicSourceConfig {
  readonly kind: SystemTopicSourceKind | "other";
  readonly key?: string;
  readonly resourceId?: string;
  readonly topicType?: string;
  readonly global?: boolean;
}

/** What a section's mapping needs from the rest of the stack, by config key; `path` is the config key path asking. */
export interface StackResolver {
  /** The stack's region (`location`, else `azure-native:location`, else westeurope). */
  readonly location: string;
  readonly environment: StackConfig["environment"];
  /** The shared interface (tags, lock, role assignments, private endpoints, diagnostics) with environment defaults. */
  common(cfg: CommonConfig, resourceType: string, stateful: boolean, path: string): CommonResourceArgs;
  roleAssignments(
    cfg: Record<string, RoleAssignmentConfig> | undefined,
    path: string,
  ): Record<string, RoleAssignmentArgs> | undefined;
  principal(p: PrincipalConfig, path: string): { principalId: pulumi.Input<string>; principalType: PrincipalType };
  /** A stack identity (`identities.<key>`). */
  identity(key: string, path: string): { id: pulumi.Input<string>; principalId: pulumi.Input<string> };
  /** A `network.subnets` key or a subnet id. */
  subnet(ref: string, path: string): pulumi.Input<string>;
  /** A `storage` key. */
  storageAccount(key: string, path: string): pulumi.Input<string>;
  /** `<storage key>/<container key>`, or a container id outside the stack (stacks/config/targets.ts). */
  container(
    ref: string,
    path: string,
  ): {
    storageAccountId: pulumi.Input<string>;
    containerName: pulumi.Input<string>;
    containerId: pulumi.Input<string>;
  };
  /** An `eventhubs.clusters` key or a cluster id. */
  eventHubsCluster(ref: string, path: string): { clusterId: pulumi.Input<string>; capacityUnits?: number };
  /** An `eventhubs.namespaces` key. */
  eventHubsNamespace(key: string, path: string): pulumi.Input<string>;
  /** A `servicebus.namespaces` key. */
  serviceBusNamespace(key: string, path: string): pulumi.Input<string>;
  /** An event hub by namespace and hub key. */
  eventHub(namespace: string, hub: string, path: string): pulumi.Input<string>;
  /** A Service Bus queue or topic by namespace (or pair) key and entity key. */
  serviceBusEntity(
    namespace: string,
    kind: "queue" | "topic",
    name: string,
    path: string,
  ): { id: pulumi.Input<string>; requiresSession: boolean };
  systemTopicSource(source: SystemTopicSourceConfig, path: string): SystemTopicSource;
  /** An `rbac` scope: `resourceGroup` (the stack's), `subscription` (the stack's) or an ARM id. */
  scope(scope: string): pulumi.Input<string>;
  /** The default Azure name of a `kind` resource for config key `key` (the naming policy, stacks/naming.ts). */
  azureName(kind: AzureNameKind, key: string): pulumi.Input<string>;
}

/** The region of the stack: one rule for validation and build. */
export function stackLocation(config: Pick<StackConfig, "location">, providerLocation?: string): string {
  return config.location ?? providerLocation ?? "westeurope";
}

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
const PLACEHOLDER_PRINCIPAL = "00000000-0000-0000-0000-000000000001";
const PLACEHOLDER_ROLE_ID = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000002`;
const placeholderId = (type: string, name: string) => `${SUBSCRIPTION}/resourceGroups/config/providers/${type}/${name}`;

/**
 * Placeholder references for validation: well-formed ids derived from the keys, so that only the config's own values
 * can fail the components' validators. A reference to a key the config does not declare is reported to `report`.
 */
export function placeholderResolver(
  config: StackConfig,
  location: string,
  report: (v: Violation) => void,
): StackResolver {
  const check = (v: Violation | undefined) => v && report(v);
  const missing = (path: string, value: unknown, message: string) => report({ path, value, message });
  const declared = (keys: object | undefined) => Object.keys(keys ?? {}).join(", ") || "(none)";
  const names = placeholderNames(config.environment);
  const r: StackResolver = {
    location,
    environment: config.environment,
    azureName: (kind, key) => names.name(kind, key),
    common: (cfg, resourceType, _stateful, path) => ({
      resourceGroupName: "config",
      location,
      tags: cfg.tags,
      lock: cfg.lock,
      roleAssignments: r.roleAssignments(cfg.roleAssignments, `${path}roleAssignments`),
      // Subnets are checked by the network section (every private endpoint of the config); group ids here.
      privateEndpoints: cfg.privateEndpoints
        ? Object.fromEntries(
            Object.entries(cfg.privateEndpoints).map(([k, pe]) => [
              k,
              privateEndpointArgs(
                pe,
                {
                  // The network section checks the reference (key or subnet id) once, at `.subnet`.
                  subnetId: placeholderId(
                    "Microsoft.Network/virtualNetworks",
                    `v/subnets/${pe.subnet.startsWith("/") ? "given" : pe.subnet}`,
                  ),
                  roleAssignments: r.roleAssignments(
                    pe.roleAssignments,
                    `${path}privateEndpoints.${k}.roleAssignments`,
                  ),
                },
                cfg.tags,
              ),
            ]),
          )
        : undefined,
      diagnosticSettings: placeholderDiagnostics(config, cfg, resourceType, location, path, report),
    }),
    roleAssignments: (cfg, path) =>
      cfg &&
      Object.fromEntries(
        Object.entries(cfg).map(([k, a]) => [
          k,
          {
            // `custom:<key>` references are checked against rbac.customRoles (rbacCrossCheck); a well-formed id here.
            role: a.role.startsWith("custom:") ? PLACEHOLDER_ROLE_ID : a.role,
            ...r.principal(a.principal, `${path}.${k}.principal`),
            description: a.description,
            condition: a.condition,
          },
        ]),
      ),
    principal: (p, path) => {
      if ("identity" in p) {
        check(checkIdentityRef(`${path}.identity`, p.identity, config.identities));
        return { principalId: PLACEHOLDER_PRINCIPAL, principalType: "ServicePrincipal" };
      }
      return { principalId: p.principalId, principalType: p.principalType };
    },
    identity: (key, path) => {
      check(checkIdentityRef(path, key, config.identities));
      return {
        id: placeholderId("Microsoft.ManagedIdentity/userAssignedIdentities", key),
        principalId: PLACEHOLDER_PRINCIPAL,
      };
    },
    subnet: (ref, path) => {
      if (ref.startsWith("/subscriptions/")) {
        check(subnetId(path, ref));
        return placeholderId("Microsoft.Network/virtualNetworks", "v/subnets/given");
      }
      if (!config.network?.subnets?.[ref]) {
        missing(
          path,
          ref,
          `names no subnet declared under 'network.subnets' and is not a subnet id; declared: ${declared(config.network?.subnets)}`,
        );
      }
      return placeholderId("Microsoft.Network/virtualNetworks", `v/subnets/${ref}`);
    },
    storageAccount: (key, path) => {
      if (!config.storage?.[key]) {
        missing(path, key, `names no storage account declared under 'storage'; declared: ${declared(config.storage)}`);
      }
      return placeholderId("Microsoft.Storage/storageAccounts", `st${key.toLowerCase().replace(/[^a-z0-9]/g, "")}`);
    },
    container: (ref, path) => {
      const external = parseContainerId(ref);
      if (external) return external;
      check(checkContainerRef(path, ref, config.storage));
      const [account, container] = ref.split("/");
      const accountId = placeholderId("Microsoft.Storage/storageAccounts", account);
      return {
        storageAccountId: accountId,
        containerName: container,
        containerId: `${accountId}/blobServices/default/containers/${container}`,
      };
    },
    eventHubsCluster: (ref, path) => {
      if (ref.startsWith("/subscriptions/")) return { clusterId: ref };
      const c = config.eventhubs?.clusters?.[ref];
      if (!c) {
        missing(
          path,
          ref,
          `names no cluster declared under 'eventhubs.clusters' and is not a cluster id; declared: ${declared(config.eventhubs?.clusters)}`,
        );
      }
      return { clusterId: placeholderId("Microsoft.EventHub/clusters", ref), capacityUnits: c?.capacityUnits ?? 1 };
    },
    eventHubsNamespace: (key) => placeholderId("Microsoft.EventHub/namespaces", key),
    // The section's own check reports a key it does not declare (migrationTargetRules).
    serviceBusNamespace: (key) => placeholderId("Microsoft.ServiceBus/namespaces", key),
    eventHub: (ns, hub, path) => {
      if (!config.eventhubs?.namespaces?.[ns]?.eventHubs?.[hub])
        missing(path, `${ns}/${hub}`, `names no event hub declared under eventhubs.namespaces.${ns}.eventHubs`);
      return placeholderId("Microsoft.EventHub/namespaces", `${ns}/eventhubs/${hub}`);
    },
    serviceBusEntity: (ns, kind, name, path) => {
      const sb = config.servicebus;
      const namespace = sb?.namespaces?.[ns] ?? sb?.pairs?.[ns];
      const entity = kind === "queue" ? namespace?.queues?.[name] : namespace?.topics?.[name];
      if (!entity) {
        missing(
          path,
          `${ns}/${name}`,
          `names no ${kind} declared under servicebus.namespaces.${ns}.${kind}s (or servicebus.pairs.${ns}.${kind}s)`,
        );
      }
      return {
        id: placeholderId("Microsoft.ServiceBus/namespaces", `${ns}/${kind}s/${name}`),
        requiresSession: kind === "queue" && (entity as { requiresSession?: boolean })?.requiresSession === true,
      };
    },
    systemTopicSource: (s, path) => placeholderSource(config, s, path, missing),
    scope: (s) =>
      s === "subscription" ? SUBSCRIPTION : s === "resourceGroup" ? `${SUBSCRIPTION}/resourceGroups/config` : s,
  };
  return r;
}

function placeholderSource(
  config: StackConfig,
  s: SystemTopicSourceConfig,
  path: string,
  v: (path: string, value: unknown, message: string) => void,
): SystemTopicSource {
  if (s.kind === "other") {
    if (!s.topicType || !s.resourceId) v(path, s, "needs topicType and resourceId for kind 'other'");
    return { kind: "other", topicType: s.topicType ?? "", resourceId: s.resourceId ?? "", global: s.global };
  }
  if (s.kind === "resourceGroup" || s.kind === "subscription") {
    if (s.key !== undefined)
      v(`${path}.key`, s.key, `is not used for a ${s.kind} source (the stack's own ${s.kind}, or give resourceId)`);
    return {
      kind: s.kind,
      resourceId: s.resourceId ?? (s.kind === "subscription" ? SUBSCRIPTION : `${SUBSCRIPTION}/resourceGroups/stack`),
    };
  }
  if ((s.key === undefined) === (s.resourceId === undefined)) {
    v(path, s, `needs either 'key' (a ${s.kind} of this stack) or 'resourceId'`);
  }
  if (s.resourceId !== undefined) return { kind: s.kind, resourceId: s.resourceId };
  const key = s.key ?? "";
  const sections = {
    storageAccount: ["storage", config.storage?.[key]],
    eventHubNamespace: ["eventhubs.namespaces", config.eventhubs?.namespaces?.[key]],
    serviceBusNamespace: [
      "servicebus.namespaces",
      config.servicebus?.namespaces?.[key] ?? config.servicebus?.pairs?.[key],
    ],
  } as const;
  const kind = s.kind as keyof typeof sections;
  const [section, found] = sections[kind];
  if (!found) v(`${path}.key`, key, `names no ${kind} declared under '${section}'`);
  return {
    kind,
    resourceId: `${SUBSCRIPTION}/resourceGroups/stack/providers/${systemTopicSources[kind].resourceType}/${key}`,
  };
}

/** What every section's check gets besides the config: the stack's region and where warnings go. */
export interface CheckContext {
  readonly location: string;
  /** A setting Azure accepts that has no effect: reported with its config key path, not an error. */
  warn(message: string): void;
}
