import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { NamespaceKeyArgs, NamespaceNetworkRulesArgs } from "../../components/core/messaging";
import { keyed, keySchema } from "./common";
import type { StackResolver } from "./resolver";

// Config shapes Event Hubs and Service Bus namespaces share (their component args share
// components/core/messaging.ts): declared once here, mapped once.

/** The namespace firewall as config: subnets by `network.subnets` key or id. */
export const namespaceNetworkRuleSetSchema = z.strictObject({
  defaultAction: z.enum(["Allow", "Deny"]).optional(),
  ipRules: keyed(z.string()).optional(),
  /** Subnets allowed in, keyed. */
  virtualNetworkRules: keyed(
    z.strictObject({
      /**
       * A `network.subnets` key or a subnet id; the subnet needs the service's endpoint (`Microsoft.EventHub`,
       * `Microsoft.ServiceBus`).
       */
      subnet: z.string().min(1),
      /** Accept the rule although the subnet has no service endpoint for the namespace (a warning). Defaults to false. */
      ignoreMissingVnetServiceEndpoint: z.boolean().optional(),
    }),
  ).optional(),
  trustedServiceAccessEnabled: z.boolean().optional(),
});

export type NamespaceNetworkRuleSetConfig = z.infer<typeof namespaceNetworkRuleSetSchema>;

/** The rule set's args: subnets resolved by key (`at` is the rule set's config path). */
export function namespaceNetworkRulesArgs(
  nrs: NamespaceNetworkRuleSetConfig,
  r: StackResolver,
  at: string,
): NamespaceNetworkRulesArgs {
  const { virtualNetworkRules, ...passThrough } = nrs;
  return {
    ...passThrough,
    virtualNetworkRules:
      virtualNetworkRules &&
      Object.fromEntries(
        Object.entries(virtualNetworkRules).map(([k, { subnet, ...rule }]) => [
          k,
          { ...rule, subnetId: r.subnet(subnet, `${at}.virtualNetworkRules.${k}.subnet`) },
        ]),
      ),
  };
}

/** A customer-managed key as config: the identity that reads it by `identities` key. */
export const namespaceKeySchema = z.strictObject({
  /** The Key Vault's URI (`https://<vault>.vault.azure.net`). */
  keyVaultUri: z.string().url(),
  /** The key's name in the vault. */
  keyName: z.string().min(1),
  keyVersion: z.string().optional(),
  /** Key of `identities` that reads the key (also added to the namespace's identities). */
  identity: keySchema.optional(),
  requireInfrastructureEncryption: z.boolean().optional(),
});

export type NamespaceKeyConfig = z.infer<typeof namespaceKeySchema>;

/**
 * The key's args: the reading identity resolved by key (`at` is the key's config path). A config whose identity is
 * required (Event Hubs) gets args whose identity id is required.
 */
export function namespaceKeyArgs<C extends NamespaceKeyConfig>(
  cmk: C,
  r: StackResolver,
  at: string,
): NamespaceKeyArgs & (C["identity"] extends string ? { userAssignedIdentityId: pulumi.Input<string> } : unknown) {
  const { identity, ...passThrough } = cmk;
  const userAssignedIdentityId = identity ? r.identity(identity, `${at}.identity`).id : undefined;
  return { ...passThrough, userAssignedIdentityId } as NamespaceKeyArgs & {
    userAssignedIdentityId: pulumi.Input<string>;
  };
}
