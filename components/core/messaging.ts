import * as pulumi from "@pulumi/pulumi";
import { Violation } from "./errors";
import { ManagedIdentitiesArgs } from "./interfaces";
import { armId, isKnown, mapKeys, matches, oneOf, violation, warning } from "./validate";
import { sortedValues } from "./collections";

// What Event Hubs and Service Bus namespaces share: ARM gives both the same encryption and network-rule-set shapes
// (Microsoft.EventHub and Microsoft.ServiceBus are one resource provider family), so both components map them here.

/** A customer-managed key as both namespace components receive it (each documents its own tier rules). */
export interface NamespaceKeyArgs {
  readonly keyVaultUri: pulumi.Input<string>;
  readonly keyName: pulumi.Input<string>;
  /** The key's version. Defaults to none: the latest version, rotated automatically. */
  readonly keyVersion?: pulumi.Input<string>;
  /** User-assigned identity that reads the key. Defaults to none: the namespace's system-assigned identity. */
  readonly userAssignedIdentityId?: pulumi.Input<string>;
  /** Double encryption. Defaults to none (Azure's false). */
  readonly requireInfrastructureEncryption?: pulumi.Input<boolean>;
}

/**
 * The key checks both namespace components make (each gates the key by tier first): an https vault URI, and an
 * identity the namespace carries to read the key (a user-assigned one, or else its system-assigned identity).
 */
export function validateNamespaceKey(
  cmk: NamespaceKeyArgs,
  identities: ManagedIdentitiesArgs | undefined,
): Violation[] {
  const path = "customerManagedKey.userAssignedIdentityId";
  const found: (Violation | undefined)[] = [
    matches(
      "customerManagedKey.keyVaultUri",
      cmk.keyVaultUri,
      /^https:\/\/[^/]+/,
      "an https:// Key Vault or managed HSM URI",
    ),
  ];
  const uai = cmk.userAssignedIdentityId;
  if (uai === undefined && identities?.systemAssigned !== true) {
    found.push(
      violation(
        path,
        uai,
        "is required unless managedIdentities.systemAssigned is true: the namespace needs an identity to read the key",
      ),
    );
  }
  const attached = Object.values(identities?.userAssignedResourceIds ?? {});
  if (isKnown(uai) && attached.every((id) => isKnown(id))) {
    if (!(attached as string[]).some((id) => id.toLowerCase() === uai.toLowerCase())) {
      found.push(
        violation(path, uai, "is not attached to the namespace: add it to managedIdentities.userAssignedResourceIds"),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
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

/**
 * The namespace IP firewall / VNet rule set, as both namespace components receive it (each gates it by tier). Keys
 * are plain (they name the rules); values may be Outputs, which are passed through and left to Azure to check.
 */
export interface NamespaceNetworkRulesArgs {
  /** What traffic no rule matches gets. Defaults to `Deny` (the rules are an allow-list). */
  readonly defaultAction?: "Allow" | "Deny";
  /** Allowed IPv4 addresses or CIDR ranges, keyed by a stable name. Defaults to none. */
  readonly ipRules?: Record<string, pulumi.Input<string>>;
  /** Allowed subnets (service endpoints), keyed by a stable name. Defaults to none. */
  readonly virtualNetworkRules?: Record<
    string,
    { readonly subnetId: pulumi.Input<string>; readonly ignoreMissingVnetServiceEndpoint?: pulumi.Input<boolean> }
  >;
  /** Let trusted Microsoft services bypass the firewall. Defaults to false. */
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
    ipRules: sortedValues(nrs.ipRules).map((ipMask) => ({ ipMask, action: "Allow" as const })),
    virtualNetworkRules: sortedValues(nrs.virtualNetworkRules).map((r) => ({
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

/**
 * SAS rights: the `AccessRights` enum, the same in both providers (Azure/azure-rest-api-specs
 * specification/eventhub/resource-manager/Microsoft.EventHub/stable/2024-01-01/AuthorizationRules.json; azure-native's
 * `eventhub.AccessRights` and `servicebus.AccessRights`). ⚠️ That `Manage` needs `Send` and `Listen` as well is ARM's
 * rule from its error message, not a docs page.
 */
export const accessRights = ["Send", "Listen", "Manage"] as const;
export type AccessRight = (typeof accessRights)[number];

/**
 * A shared access (SAS) authorization rule. Usable only with local auth enabled (`disableLocalAuth: false`); with it
 * disabled the rule is still created and a warning says it can never be used.
 */
export interface AuthorizationRuleArgs {
  /** `Send`, `Listen` and/or `Manage`; `Manage` needs `Send` and `Listen` too. Required, at least one. */
  readonly rights: AccessRight[];
}

/** The service's own facts about SAS rules, checked when given. */
export interface AuthorizationRuleLimits {
  /** Rules per namespace or entity. */
  readonly maxRules?: number;
  /** Rule names: the pattern and how to say it in a message. */
  readonly name?: { readonly pattern: RegExp; readonly rule: string };
}

/**
 * The one SAS-rule validator of both namespace components (namespace, queue, topic or event hub rules): local auth
 * on, at least one known right, none twice, `Manage` only with `Send` and `Listen`, plus the service's `limits`.
 */
export function validateAuthorizationRules(
  path: string,
  rules: Record<string, AuthorizationRuleArgs> | undefined,
  localAuth: boolean,
  limits: AuthorizationRuleLimits = {},
): Violation[] {
  const found: (Violation | undefined)[] = [...mapKeys(path, rules)];
  const keys = Object.keys(rules ?? {});
  if (limits.maxRules !== undefined && keys.length > limits.maxRules) {
    found.push(violation(path, keys.length, `rules; at most ${limits.maxRules} are allowed`));
  }
  for (const [key, rule] of Object.entries(rules ?? {})) {
    const p = `${path}.${key}`;
    // Azure creates the rule (AVM's max and waf-aligned scenarios do this), but no token signed with its keys is ever
    // accepted: a loud warning, and the rule is still created as declared (never a silent drop or keep).
    if (!localAuth) {
      found.push(
        warning(
          p,
          rule,
          "is a SAS rule that can never be used: local auth is disabled (disableLocalAuth, the secure default), so " +
            "the namespace refuses every SAS token signed with its keys; set disableLocalAuth: false to use SAS, " +
            "or remove the rule and grant a data-plane role instead",
        ),
      );
    }
    if (limits.name) found.push(matches(p, key, limits.name.pattern, limits.name.rule));
    const rights = rule.rights ?? [];
    if (rights.length === 0) {
      found.push(violation(`${p}.rights`, rights, `must list at least one of ${accessRights.join(", ")}`));
    }
    for (const r of rights) {
      if (!accessRights.includes(r)) {
        found.push(violation(`${p}.rights`, r, `is not a right; allowed: ${accessRights.join(", ")}`));
      }
    }
    if (new Set(rights).size !== rights.length) found.push(violation(`${p}.rights`, rights, "lists a right twice"));
    if (rights.includes("Manage") && !(rights.includes("Send") && rights.includes("Listen"))) {
      found.push(
        violation(`${p}.rights`, rights, "includes Manage, which Azure accepts only together with Send and Listen"),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}
