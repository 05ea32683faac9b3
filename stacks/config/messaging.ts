import { z } from "zod";
import type { NamespaceNetworkRulesArgs } from "../../components/core/messaging";
import { keyed } from "./common";
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
