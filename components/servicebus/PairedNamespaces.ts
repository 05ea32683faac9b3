import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as servicebus from "@pulumi/azure-native/servicebus";
import { throwIfInvalid, Violation } from "../core/errors";
import { CommonResourceArgs, PrivateEndpointArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { isKnown, matches, requireValue, violation } from "../core/validate";
import { entityScopes } from "./entities";
import { names } from "./limits";
import { ServiceBusNamespace, ServiceBusNamespaceArgs, validateServiceBusNamespaceArgs } from "./Namespace";

/** Settings applied to BOTH namespaces of the pair (what geo-DR does not replicate is mirrored by the component). */
type MirroredSettings = Pick<
  ServiceBusNamespaceArgs,
  | "capacity"
  | "premiumMessagingPartitions"
  | "zoneRedundant"
  | "minimumTlsVersion"
  | "disableLocalAuth"
  | "publicNetworkAccess"
  | "networkRuleSet"
  | "customerManagedKey"
>;

export interface PairedNamespacesArgs extends CommonResourceArgs, MirroredSettings {
  /**
   * Geo-DR alias: the stable host name applications connect to (`<alias>.servicebus.windows.net`), 6-50 letters,
   * digits and hyphens, starting with a letter. Required. Globally unique.
   */
  readonly alias: string;
  /** Region of the primary. Defaults to `location` (which must then be a known region name). */
  readonly primaryLocation?: string;
  /** Region of the secondary. Required; must differ from the primary's. */
  readonly secondaryLocation: string;
  /** Name of the primary namespace. Defaults to an auto-name. */
  readonly primaryNamespaceName?: pulumi.Input<string>;
  /** Name of the secondary namespace. Defaults to an auto-name. */
  readonly secondaryNamespaceName?: pulumi.Input<string>;
  /** Resource group of the secondary (e.g. one in the secondary region). Defaults to `resourceGroupName`. */
  readonly secondaryResourceGroupName?: pulumi.Input<string>;
  /** SAS policies on the primary namespace (replicated with the metadata). Need `disableLocalAuth: false`. */
  readonly authorizationRules?: ServiceBusNamespaceArgs["authorizationRules"];
  /** Queues, declared once, created on the primary only (the secondary must be empty to pair). */
  readonly queues?: ServiceBusNamespaceArgs["queues"];
  /** Topics, declared once, created on the primary only. */
  readonly topics?: ServiceBusNamespaceArgs["topics"];
}

const sameRegion = (a: string, b: string) => a.toLowerCase().replace(/\s/g, "") === b.toLowerCase().replace(/\s/g, "");

/** The primary's args (Premium, entities) from the pair's args. Exported for the stack config cross-check. */
export function primaryArgsOf(args: PairedNamespacesArgs): ServiceBusNamespaceArgs {
  return {
    resourceGroupName: args.resourceGroupName,
    location: args.primaryLocation ?? args.location,
    tags: args.tags,
    lock: args.lock,
    roleAssignments: args.roleAssignments,
    privateEndpoints: args.privateEndpoints,
    diagnosticSettings: args.diagnosticSettings,
    managedIdentities: args.managedIdentities,
    protect: args.protect,
    tier: "Premium",
    capacity: args.capacity,
    premiumMessagingPartitions: args.premiumMessagingPartitions,
    zoneRedundant: args.zoneRedundant,
    minimumTlsVersion: args.minimumTlsVersion,
    disableLocalAuth: args.disableLocalAuth,
    publicNetworkAccess: args.publicNetworkAccess,
    networkRuleSet: args.networkRuleSet,
    customerManagedKey: args.customerManagedKey,
    namespaceName: args.primaryNamespaceName,
    authorizationRules: args.authorizationRules,
    queues: args.queues,
    topics: args.topics,
  };
}

/** Validates PairedNamespacesArgs (alias, regions, pair-only rules, and everything the primary checks). Pure. */
export function validatePairedNamespacesArgs(args: PairedNamespacesArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  found.push(requireValue("alias", args.alias) ?? matches("alias", args.alias, names.alias, names.aliasRule));
  const primary = args.primaryLocation ?? args.location;
  found.push(
    requireValue("secondaryLocation", args.secondaryLocation, "is required: the secondary must be in another region"),
  );
  if (!isKnown(primary)) {
    found.push(
      violation(
        "primaryLocation",
        primary,
        "is required (or a known `location`): the pair needs both regions up front",
      ),
    );
  } else if (args.secondaryLocation && sameRegion(primary, args.secondaryLocation)) {
    found.push(
      violation(
        "secondaryLocation",
        args.secondaryLocation,
        `is the primary's region (${primary}); a geo-DR pair needs two regions`,
      ),
    );
  }
  for (const [field, value] of [
    ["primaryNamespaceName", args.primaryNamespaceName],
    ["secondaryNamespaceName", args.secondaryNamespaceName],
  ] as const) {
    found.push(matches(field, value, names.namespace, names.namespaceRule));
    if (isKnown(value) && value.toLowerCase() === args.alias?.toLowerCase()) {
      found.push(
        violation("alias", args.alias, `equals ${field}; reusing a namespace name as the alias is not supported here`),
      );
    }
  }
  if ((args as { geoReplication?: unknown }).geoReplication !== undefined) {
    found.push(
      violation(
        "geoReplication",
        (args as { geoReplication?: unknown }).geoReplication,
        "cannot be combined with a geo-DR pair (use one or the other)",
      ),
    );
  }
  if (args.customerManagedKey && args.customerManagedKey.userAssignedIdentityId === undefined) {
    found.push(
      violation(
        "customerManagedKey.userAssignedIdentityId",
        undefined,
        "is required in a pair: each namespace's system identity differs, so both must read the key through one user-assigned identity",
      ),
    );
  }
  found.push(
    ...validateServiceBusNamespaceArgs(primaryArgsOf(args), { inGeoDrPair: true }).filter(
      (v) => v.path !== "namespaceName",
    ),
  );
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Geo-disaster recovery: a primary and a secondary Premium namespace in two regions with equal messaging units and
 * partitions, and the geo-DR alias between them. Entities are declared once and created on the primary only (the
 * secondary must be empty to pair; pairing replicates them). Everything geo-DR does NOT replicate is mirrored onto the
 * secondary: namespace role assignments, entity role assignments (on the replicated entities, after pairing), network
 * rules, private endpoints (same subnets, as SB-GEO recommends), public network access, identities, CMK, local-auth
 * setting, TLS, zone redundancy, diagnostics and lock. Event Grid subscriptions on the namespace belong to the
 * Event Grid section: mirror them onto `secondary.id` there.
 *
 * Applications connect to `aliasEndpoint`, never to a namespace. Failover runbook: components/servicebus/README.md.
 */
export class PairedNamespaces extends pulumi.ComponentResource {
  public readonly primary: ServiceBusNamespace;
  public readonly secondary: ServiceBusNamespace;
  public readonly disasterRecoveryConfig: servicebus.DisasterRecoveryConfig;
  /** `<alias>.servicebus.windows.net`: what applications connect to; it follows a failover. */
  public readonly aliasHostName: pulumi.Output<string>;
  /** `sb://<alias>.servicebus.windows.net/`. */
  public readonly aliasEndpoint: pulumi.Output<string>;
  /** Entity role assignments mirrored onto the secondary's replicated entities. */
  public readonly secondaryEntityRoleAssignments: Record<string, authorization.RoleAssignment> = {};

  constructor(name: string, args: PairedNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:servicebus:PairedNamespaces", name, {}, opts);
    throwIfInvalid(`azint:servicebus:PairedNamespaces ${name}`, validatePairedNamespacesArgs(args));
    const primaryArgs = primaryArgsOf(args);
    const primaryLocation = primaryArgs.location as string;
    // A private endpoint lives in its subnet's region, not the namespace's: pin it so the mirror uses the same subnet.
    const privateEndpoints = Object.fromEntries(
      Object.entries(args.privateEndpoints ?? {}).map(([k, pe]): [string, PrivateEndpointArgs] => [
        k,
        { ...pe, location: pe.location ?? primaryLocation },
      ]),
    );
    const hasPe = Object.keys(privateEndpoints).length > 0;

    // The secondary: pairing needs it (and its private endpoints, SB-GEO) to exist, and it must stay empty.
    this.secondary = new ServiceBusNamespace(
      childName(name, "secondary"),
      {
        ...primaryArgs,
        resourceGroupName: args.secondaryResourceGroupName ?? args.resourceGroupName,
        location: args.secondaryLocation,
        namespaceName: args.secondaryNamespaceName,
        privateEndpoints: hasPe ? privateEndpoints : undefined,
        authorizationRules: undefined,
        queues: undefined,
        topics: undefined,
      },
      { parent: this },
    );
    this.primary = new ServiceBusNamespace(
      childName(name, "primary"),
      { ...primaryArgs, privateEndpoints: hasPe ? privateEndpoints : undefined },
      { parent: this },
    );
    this.disasterRecoveryConfig = new servicebus.DisasterRecoveryConfig(
      childName(name, "alias"),
      {
        resourceGroupName: args.resourceGroupName,
        namespaceName: this.primary.name,
        alias: args.alias,
        partnerNamespace: this.secondary.id,
      },
      // Pairing needs both namespaces and, when the primary has private endpoints, the secondary's too (SB-GEO);
      // nothing else (entities, locks, diagnostics) has to wait for it or be waited for.
      {
        parent: this,
        protect: args.protect,
        dependsOn: [
          this.primary.namespace,
          this.secondary.namespace,
          ...Object.values(this.primary.privateEndpoints),
          ...Object.values(this.secondary.privateEndpoints),
        ],
      },
    );

    // Entity role assignments are not replicated: grant them on the secondary's copies of the entities, which exist
    // once pairing has replicated the metadata (hence after the alias).
    for (const scope of entityScopes(args.queues, args.topics)) {
      for (const [key, a] of Object.entries(scope.roles)) {
        this.secondaryEntityRoleAssignments[`${scope.path}/${key}`] = createRoleAssignment(
          childName(name, "secondary-ra", ...scope.path.split("/"), key),
          { ...a, scope: pulumi.interpolate`${this.secondary.id}/${scope.path}` },
          { parent: this, dependsOn: [this.disasterRecoveryConfig] },
        );
      }
    }

    this.aliasHostName = pulumi.interpolate`${this.disasterRecoveryConfig.name}.servicebus.windows.net`;
    this.aliasEndpoint = pulumi.interpolate`sb://${this.aliasHostName}/`;
    this.registerOutputs({
      primaryId: this.primary.id,
      secondaryId: this.secondary.id,
      aliasHostName: this.aliasHostName,
      aliasEndpoint: this.aliasEndpoint,
    });
  }
}
