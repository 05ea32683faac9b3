import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as eventhub from "@pulumi/azure-native/eventhub";
import { withConfigKey } from "../core/configKey";
import { applyEntityExtensions } from "../core/extensions";
import { childName } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { EventHubArgs, PrincipalRef } from "./args";
import { commonLimits } from "./limits";
import { effectivePartitionCount } from "./sizing";

// The event-hub children (capture grant, hub, consumer groups, checkpoint grants, data roles, SAS rules), built the
// same way for a namespace this stack creates (EventHubNamespace) and for one another stack owns
// (EventHubNamespaceEntities).

/** A SAS rule's keys and connection strings, always wrapped as Pulumi secrets. */
export type AuthorizationRuleKeys = pulumi.Output<{
  primaryConnectionString: string;
  secondaryConnectionString: string;
  primaryKey: string;
  secondaryKey: string;
}>;

export interface EventHubResources {
  readonly hub: eventhub.EventHub;
  readonly consumerGroups: Record<string, eventhub.ConsumerGroup>;
  /** SAS keys of the hub's rules (secrets). */
  readonly authorizationRuleKeys: Record<string, AuthorizationRuleKeys>;
  /** The capture role assignment, when capture is configured. */
  readonly captureRoleAssignment?: authorization.RoleAssignment;
}

/** Where event hubs are created: the namespace (created by a component, or an existing one) and their parent. */
export interface EventHubPlacement {
  readonly parent: pulumi.ComponentResource;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly namespaceName: pulumi.Input<string>;
  /** Principal id of the namespace's system-assigned identity: the grantee of captures that use it. */
  readonly systemPrincipalId: pulumi.Input<string>;
  /** Protect the event hubs and consumer groups. */
  readonly protect?: boolean;
}

/**
 * Creates one event hub with its capture grant (on the container, before the hub), consumer groups (after their
 * checkpoint grants), sender/receiver roles scoped to the hub and SAS rules. Validate with validateEventHubs first.
 */
export function createEventHub(name: string, key: string, hub: EventHubArgs, at: EventHubPlacement): EventHubResources {
  const rg = at.resourceGroupName;
  const c = hub.capture;
  let captureRoleAssignment: authorization.RoleAssignment | undefined;
  if (c) {
    // Least privilege: the capturing identity may write to this one container, and the hub waits for the grant.
    captureRoleAssignment = createRoleAssignment(
      childName(name, "capture", key),
      {
        scope: c.containerId,
        role: "Storage Blob Data Contributor",
        principalId: c.identity.type === "SystemAssigned" ? at.systemPrincipalId : c.identity.principalId,
        principalType: "ServicePrincipal",
        description: `Event Hubs Capture of ${key} writes to this container.`,
      },
      { parent: at.parent },
    );
  }
  const retention = hub.retention ?? {};
  const compact = retention.cleanupPolicy === "Compact";
  const eh = new eventhub.EventHub(
    childName(name, "hub", key),
    {
      resourceGroupName: rg,
      namespaceName: at.namespaceName,
      eventHubName: hub.name ?? key,
      partitionCount: effectivePartitionCount(hub),
      // Only retentionDescription is set, never the legacy messageRetentionInDays as well (⚠️ whether both
      // conflict is unverified, so the question never arises).
      retentionDescription: compact
        ? { cleanupPolicy: "Compact", tombstoneRetentionTimeInHours: retention.tombstoneRetentionTimeInHours }
        : {
            cleanupPolicy: "Delete",
            retentionTimeInHours:
              retention.retentionTimeInHours ??
              (retention.retentionTimeInDays !== undefined
                ? retention.retentionTimeInDays * 24
                : commonLimits.defaultRetentionHours),
          },
      status: hub.status,
      userMetadata: hub.userMetadata,
      captureDescription: c
        ? {
            enabled: c.enabled ?? true,
            encoding: c.encoding ?? "Avro",
            intervalInSeconds: c.intervalInSeconds ?? commonLimits.captureIntervalSeconds.default,
            sizeLimitInBytes: c.sizeLimitInBytes ?? commonLimits.captureSizeLimitBytes.default,
            skipEmptyArchives: c.skipEmptyArchives ?? true,
            destination: {
              name: commonLimits.captureDestinationName,
              storageAccountResourceId: c.storageAccountId,
              blobContainer: c.blobContainer,
              archiveNameFormat: c.archiveNameFormat ?? commonLimits.defaultArchiveNameFormat,
              identity:
                c.identity.type === "SystemAssigned"
                  ? { type: "SystemAssigned" }
                  : { type: "UserAssigned", userAssignedIdentity: c.identity.resourceId },
            },
          }
        : undefined,
    },
    { parent: at.parent, protect: at.protect, dependsOn: captureRoleAssignment ? [captureRoleAssignment] : [] },
  );

  const consumerGroups: Record<string, eventhub.ConsumerGroup> = {};
  for (const [gk, g] of Object.entries(hub.consumerGroups ?? {})) {
    for (const [ck, consumer] of Object.entries(g.checkpointStore?.consumers ?? {})) {
      createRoleAssignment(
        childName(name, "checkpoint", key, gk, ck),
        {
          scope: g.checkpointStore!.containerId,
          role: "Storage Blob Data Contributor",
          principalId: consumer.principalId,
          principalType: consumer.principalType,
          description: `Checkpoint store of consumer group ${gk} on ${key}.`,
        },
        { parent: at.parent },
      );
    }
    consumerGroups[gk] = new eventhub.ConsumerGroup(
      childName(name, "cg", key, gk),
      {
        resourceGroupName: rg,
        namespaceName: at.namespaceName,
        eventHubName: eh.name,
        consumerGroupName: g.name ?? gk,
        userMetadata: g.userMetadata,
      },
      // No dependsOn on the checkpoint grants: Azure does not need them to create the group (shorter chain).
      { parent: at.parent, protect: at.protect },
    );
    const cg = consumerGroups[gk];
    withConfigKey(`consumerGroups.${gk}`, () =>
      applyEntityExtensions(at.parent, name, "cg", [key, gk], { id: cg.id, resource: cg }, g),
    );
  }

  // Data-plane roles scoped to the event hub, not the namespace.
  const grant = (kind: "sender" | "receiver", role: string, principals: Record<string, PrincipalRef> | undefined) => {
    for (const [pk, p] of Object.entries(principals ?? {})) {
      createRoleAssignment(
        childName(name, kind, key, pk),
        { scope: eh.id, role, principalId: p.principalId, principalType: p.principalType },
        { parent: at.parent },
      );
    }
  };
  grant("sender", "Azure Event Hubs Data Sender", hub.senders);
  grant("receiver", "Azure Event Hubs Data Receiver", hub.receivers);

  const authorizationRuleKeys: Record<string, AuthorizationRuleKeys> = {};
  const rules: eventhub.EventHubAuthorizationRule[] = [];
  for (const [rk, rule] of Object.entries(hub.authorizationRules ?? {})) {
    const r: eventhub.EventHubAuthorizationRule = new eventhub.EventHubAuthorizationRule(
      childName(name, "rule", key, rk),
      {
        resourceGroupName: rg,
        namespaceName: at.namespaceName,
        eventHubName: eh.name,
        authorizationRuleName: rk,
        rights: rule.rights,
      },
      { parent: at.parent },
    );
    rules.push(r);
    authorizationRuleKeys[rk] = pulumi.secret(
      eventhub.listEventHubKeysOutput(
        {
          resourceGroupName: rg,
          namespaceName: at.namespaceName,
          eventHubName: eh.name,
          authorizationRuleName: r.name,
        },
        { parent: at.parent },
      ),
    );
  }
  // Role assignments and a lock declared on the event hub itself, scoped to its id, after its children.
  applyEntityExtensions(at.parent, name, "hub", [key], { id: eh.id, resource: eh }, hub, [
    ...Object.values(consumerGroups),
    ...rules,
  ]);
  return { hub: eh, consumerGroups, authorizationRuleKeys, captureRoleAssignment };
}
