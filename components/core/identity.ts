import * as pulumi from "@pulumi/pulumi";
import { ManagedIdentitiesArgs } from "./interfaces";
import { sortedValues } from "./collections";

export type IdentityType = "None" | "SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned";

/** The ARM identity type for a ManagedIdentitiesArgs (the spelling every integration service accepts). */
export function identityType(m: ManagedIdentitiesArgs | undefined): IdentityType {
  const system = m?.systemAssigned === true;
  const user = Object.keys(m?.userAssignedResourceIds ?? {}).length > 0;
  if (system && user) return "SystemAssigned, UserAssigned";
  if (system) return "SystemAssigned";
  if (user) return "UserAssigned";
  return "None";
}

export function userAssignedIds(m: ManagedIdentitiesArgs | undefined): pulumi.Input<string>[] {
  return sortedValues(m?.userAssignedResourceIds);
}

/**
 * The `identity` input in the common azure-native v3 shape `{ type, userAssignedIdentities: string[] }`
 * (Event Hubs, Service Bus, Batch, Storage); undefined when no identity is requested.
 */
export function toManagedServiceIdentity(
  m: ManagedIdentitiesArgs | undefined,
): { type: IdentityType; userAssignedIdentities?: pulumi.Input<string>[] } | undefined {
  const type = identityType(m);
  if (type === "None") return undefined;
  const ids = userAssignedIds(m);
  return ids.length > 0 ? { type, userAssignedIdentities: ids } : { type };
}
