import type * as pulumi from "@pulumi/pulumi";
import type { PrivateEndpointArgs, RoleAssignmentArgs } from "../../components/core/interfaces";
import type { PrivateEndpointConfig } from "./common";

/** What a private endpoint's config names by key, resolved by the placeholder resolver or the real one. */
export interface PrivateEndpointRefs {
  /** The subnet's id (a `network.subnets` key resolved, or the id given). */
  readonly subnetId: pulumi.Input<string>;
  /** The zone of the endpoint's group id from the stack's registry (or `existing`); none when DNS is elsewhere. */
  readonly privateDnsZoneIds?: pulumi.Input<string>[];
  /** `roleAssignments` with their principals resolved. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
}

/**
 * One config endpoint as the components' `PrivateEndpointArgs`, the one mapping both resolvers use. Config differs from
 * the args only where it references by key (`subnet`, role principals) and in `tags`, which are added to the owning
 * resource's tags; everything else (name, group id, NIC name, static IPs, lock, location) passes through.
 */
export function privateEndpointArgs(
  pe: PrivateEndpointConfig & { location?: string },
  refs: PrivateEndpointRefs,
  resourceTags: Record<string, string> | undefined,
): PrivateEndpointArgs {
  const { subnet: _subnet, roleAssignments: _roles, tags, ...passThrough } = pe;
  return {
    ...passThrough,
    subnetId: refs.subnetId,
    privateDnsZoneIds: refs.privateDnsZoneIds,
    ...(refs.roleAssignments ? { roleAssignments: refs.roleAssignments } : {}),
    ...(tags ? { tags: { ...resourceTags, ...tags } } : {}),
  };
}
