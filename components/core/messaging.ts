import * as pulumi from "@pulumi/pulumi";
import { Violation } from "./errors";
import { armId, mapKeys, matches, oneOf } from "./validate";

// What Event Hubs and Service Bus namespaces share: ARM gives both the same encryption and network-rule-set shapes
// (Microsoft.EventHub and Microsoft.ServiceBus are one resource provider family), so both components map them here.

/** A customer-managed key as both namespace components receive it (each documents its own tier rules). */
export interface NamespaceKeyArgs {
  readonly keyVaultUri: pulumi.Input<string>;
  readonly keyName: pulumi.Input<string>;
  /** Defaults to none: the latest version, rotated automatically. */
  readonly keyVersion?: pulumi.Input<string>;
  /** User-assigned identity that reads the key. Defaults to none: the namespace's system-assigned identity. */
  readonly userAssignedIdentityId?: pulumi.Input<string>;
  /** Double encryption. Defaults to none (Azure's false). */
  readonly requireInfrastructureEncryption?: pulumi.Input<boolean>;
}

/** The namespace's `encryption` input for a customer-managed key in Key Vault (or undefined without one). */
export function toNamespaceEncryption(cmk: NamespaceKeyArgs | undefined) {
  if (!cmk) return undefined;
  return {
    keySource: "Microsoft.KeyVault" as const,
    keyVaultProperties: [
      {
        keyVaultUri: cmk.keyVaultUri,
        keyName: cmk.keyName,
        keyVersion: cmk.keyVersion,
        identity: cmk.userAssignedIdentityId ? { userAssignedIdentity: cmk.userAssignedIdentityId } : undefined,
      },
    ],
    requireInfrastructureEncryption: cmk.requireInfrastructureEncryption,
  };
}

/** An IP firewall / VNet rule set as both namespace components receive it. */
export interface NamespaceNetworkRulesArgs {
  readonly defaultAction?: "Allow" | "Deny";
  readonly ipRules?: Record<string, pulumi.Input<string>>;
  readonly virtualNetworkRules?: Record<
    string,
    { readonly subnetId: pulumi.Input<string>; readonly ignoreMissingVnetServiceEndpoint?: pulumi.Input<boolean> }
  >;
  readonly trustedServiceAccessEnabled?: pulumi.Input<boolean>;
}

/**
 * The rule set resource's rule inputs: Deny by default (the rules are an allow-list), trusted services off, every IP
 * rule an Allow, VNet rules that require the subnet's service endpoint. The caller adds its `publicNetworkAccess`.
 */
export function toNamespaceNetworkRules(nrs: NamespaceNetworkRulesArgs) {
  return {
    defaultAction: nrs.defaultAction ?? "Deny",
    trustedServiceAccessEnabled: nrs.trustedServiceAccessEnabled ?? false,
    ipRules: Object.values(nrs.ipRules ?? {}).map((ipMask) => ({ ipMask, action: "Allow" as const })),
    virtualNetworkRules: Object.values(nrs.virtualNetworkRules ?? {}).map((r) => ({
      subnet: { id: r.subnetId },
      ignoreMissingVnetServiceEndpoint: r.ignoreMissingVnetServiceEndpoint ?? false,
    })),
  };
}

const IPV4_OR_CIDR = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)(\/([0-9]|[12]\d|3[0-2]))?$/;

/** The rule-set checks both services share: default action, keys, IPv4/CIDR masks and subnet ids. Tier rules are each component's. */
export function validateNamespaceNetworkRules(nrs: NamespaceNetworkRulesArgs): Violation[] {
  const found: (Violation | undefined)[] = [
    oneOf("networkRuleSet.defaultAction", nrs.defaultAction, ["Allow", "Deny"] as const),
    ...mapKeys("networkRuleSet.ipRules", nrs.ipRules),
    ...mapKeys("networkRuleSet.virtualNetworkRules", nrs.virtualNetworkRules),
  ];
  for (const [k, ip] of Object.entries(nrs.ipRules ?? {})) {
    found.push(
      matches(`networkRuleSet.ipRules.${k}`, ip, IPV4_OR_CIDR, "an IPv4 address or CIDR range such as 203.0.113.0/24"),
    );
  }
  for (const [k, r] of Object.entries(nrs.virtualNetworkRules ?? {})) {
    found.push(
      armId(`networkRuleSet.virtualNetworkRules.${k}.subnetId`, r.subnetId, "Microsoft.Network/virtualNetworks"),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** SAS rights: Azure accepts `Manage` only together with `Send` and `Listen`. */
export function manageWithoutSendAndListen(rights: readonly string[]): boolean {
  return rights.includes("Manage") && !(rights.includes("Send") && rights.includes("Listen"));
}
