import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { ValidationError } from "../../components/core/errors";
import type { StackResolver } from "../config/resolver";
import type { StackContext, StackRefs } from "../context";
import { commonArgs, resolvePrincipal, resolveRoleAssignments } from "./shared";
import { parseContainerId } from "../config/targets";

function missing(path: string, value: unknown, message: string): never {
  // Unreachable after validateStackConfig (the placeholder resolver reports the same reference first); kept so that a
  // builder bug is a clean config error, never an undefined id.
  throw new ValidationError("stack config", [{ path, value, message }]);
}

/**
 * The real references: what earlier builders produced (`refs`, filled in build order). The same interface as the
 * placeholder resolver (stacks/config/resolver.ts) that validated the config, so both run the same mapping.
 */
export function stackResolver(ctx: StackContext, refs: Partial<StackRefs>): StackResolver {
  let subscriptionId: pulumi.Output<string> | undefined;
  const subscription = () => (subscriptionId ??= authorization.getClientConfigOutput().subscriptionId);
  const storage = () => refs.foundation?.storage ?? {};
  return {
    location: ctx.location,
    environment: ctx.environment,
    azureName: (kind, key) => ctx.names.name(kind, key),
    common: (cfg, resourceType, stateful, path) => commonArgs(ctx, refs, cfg, resourceType, stateful, path),
    roleAssignments: (cfg, path) => resolveRoleAssignments(refs, cfg, path),
    principal: (p, path) => resolvePrincipal(refs, p, `${path}.identity`),
    identity: (key, path) => {
      const id =
        refs.foundation?.identities[key] ?? missing(path, key, "names no identity declared under 'identities'");
      return { id: id.id, principalId: id.principalId };
    },
    subnet: (ref, path) =>
      ref.startsWith("/subscriptions/")
        ? ref
        : (refs.network?.subnets[ref] ??
          missing(path, ref, "names no subnet declared under 'network.subnets' and is not a subnet id")),
    storageAccount: (key, path) =>
      storage()[key]?.id ?? missing(path, key, "names no storage account declared under 'storage'"),
    container: (ref, path) => {
      // Outside the stack: the id as given; the grants are scoped to it as to a stack container.
      const external = parseContainerId(ref);
      if (external) return external;
      const [account, container] = ref.split("/");
      const c = storage()[account]?.containers[container] ?? missing(path, ref, "names no container under 'storage'");
      return { storageAccountId: storage()[account].id, containerName: c.name, containerId: c.id };
    },
    eventHubsCluster: (ref, path) => {
      if (ref.startsWith("/subscriptions/")) return { clusterId: ref };
      const c = refs.eventHubs?.clusters?.[ref] ?? missing(path, ref, "names no cluster under 'eventhubs.clusters'");
      return { clusterId: c.id, capacityUnits: c.capacityUnits };
    },
    serviceBusNamespace: (key, path) =>
      refs.serviceBus?.namespaces[key]?.id ?? missing(path, key, "names no Service Bus namespace built before it"),
    eventHubsNamespace: (key, path) =>
      refs.eventHubs?.namespaces[key]?.id ?? missing(path, key, "names no namespace built before it"),
    eventHub: (ns, hub, path) =>
      refs.eventHubs?.namespaces[ns]?.hubs[hub]?.id ??
      missing(path, `${ns}/${hub}`, "names no event hub of this stack"),
    serviceBusEntity: (ns, kind, name, path) => {
      const namespace = refs.serviceBus?.namespaces[ns] ?? refs.serviceBus?.pairs?.[ns]?.primary;
      const entity = kind === "queue" ? namespace?.queues[name] : namespace?.topics[name];
      if (!entity) return missing(path, `${ns}/${name}`, `names no Service Bus ${kind} of this stack`);
      return { id: entity.id, requiresSession: "requiresSession" in entity ? entity.requiresSession === true : false };
    },
    scope: (s) =>
      s === "resourceGroup"
        ? refs.foundation!.resourceGroup.id
        : s === "subscription"
          ? pulumi.interpolate`/subscriptions/${subscription()}`
          : s,
    systemTopicSource: (s, path) => {
      if (s.kind === "other")
        return { kind: "other", topicType: s.topicType!, resourceId: s.resourceId!, global: s.global };
      if (s.resourceId !== undefined) return { kind: s.kind, resourceId: s.resourceId };
      if (s.kind === "resourceGroup") return { kind: s.kind, resourceId: refs.foundation!.resourceGroup.id };
      if (s.kind === "subscription") {
        return { kind: s.kind, resourceId: pulumi.interpolate`/subscriptions/${subscription()}` };
      }
      const key = s.key!;
      const id =
        s.kind === "storageAccount"
          ? refs.foundation?.storage[key]?.id
          : s.kind === "eventHubNamespace"
            ? refs.eventHubs?.namespaces[key]?.id
            : (refs.serviceBus?.namespaces[key] ?? refs.serviceBus?.pairs?.[key]?.primary)?.id;
      return { kind: s.kind, resourceId: id ?? missing(`${path}.key`, key, `names no ${s.kind} of this stack`) };
    },
  };
}
