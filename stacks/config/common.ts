import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { DiagnosticSettingArgs } from "../../components/core/interfaces";
import type { StackResolver } from "./resolver";

// Shared config building blocks for the per-service schemas. Every object is strict: an unknown key is an error
// (a typo must never be silently ignored), and every key is documented in stacks/README.md.

/** Keys of keyed collections: they become logical names and usually Azure names. */
export const keySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-_.]{0,62}$/, "keys are 1-63 letters, digits, '-', '_' or '.', starting alphanumeric");

export const keyed = <T extends z.ZodType>(value: T) => z.record(keySchema, value);

/**
 * A resource's managed identities as config, the same in every service (the component argument's name and fields):
 * `userAssigned` lists `identities` keys as a set, so order never matters and a key given twice is an error. Each
 * service documents its defaults on its own `managedIdentities` key.
 */
export const managedIdentitiesSchema = z.strictObject({
  /** The system-assigned identity. Defaults per service (see the service's `managedIdentities`). */
  systemAssigned: z.boolean().optional(),
  /** Keys of `identities`, a set: order does not matter, each key at most once. Defaults to none. */
  userAssigned: z
    .array(keySchema)
    .superRefine((keys, ctx) =>
      keys.forEach((k, i) => {
        if (keys.indexOf(k) !== i) ctx.addIssue({ code: "custom", path: [i], message: `lists '${k}' twice` });
      }),
    )
    .optional(),
});
export type ManagedIdentitiesConfig = z.infer<typeof managedIdentitiesSchema>;

/**
 * The user-assigned identities of `managedIdentities` resolved by key, sorted by key (the list is a set), each at
 * `<at>.userAssigned.<key>` (`at` is the `managedIdentities` config path).
 */
export function userAssignedIdentities(
  cfg: ManagedIdentitiesConfig | undefined,
  r: Pick<StackResolver, "identity">,
  at: string,
): Record<string, ReturnType<StackResolver["identity"]>> {
  const keys = [...(cfg?.userAssigned ?? [])].sort();
  return Object.fromEntries(keys.map((k) => [k, r.identity(k, `${at}.userAssigned.${k}`)]));
}

/** The ids of identities resolved by key, as the component's `managedIdentities.userAssignedResourceIds`. */
export function identityIds(
  identities: Record<string, ReturnType<StackResolver["identity"]>>,
): Record<string, pulumi.Input<string>> {
  return Object.fromEntries(Object.entries(identities).map(([k, v]) => [k, v.id]));
}

/** The ids of `userAssignedIdentities`, as the component's `managedIdentities.userAssignedResourceIds`. */
export function userAssignedResourceIds(
  cfg: ManagedIdentitiesConfig | undefined,
  r: Pick<StackResolver, "identity">,
  at: string,
): Record<string, pulumi.Input<string>> {
  return identityIds(userAssignedIdentities(cfg, r, at));
}

export const tagsSchema = z.record(z.string().max(512), z.string().max(256));

/** A management lock. @argsType components/core/interfaces.ts#LockArgs */
export const lockSchema = z.strictObject({
  kind: z.enum(["CanNotDelete", "ReadOnly"]),
  name: z.string().optional(),
  notes: z.string().optional(),
});

export const principalTypeSchema = z.enum(["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"]);

/**
 * A principal in config: either a stack identity by key (`identity: orders-app`, its principal id and type are
 * filled in) or an explicit object id with its type (required: ARM's silent `User` default breaks service principals).
 * @argsType components/core/interfaces.ts#RoleAssignmentArgs
 */
export const principalSchema = z.union([
  z.strictObject({
    /** An `identities` key: the stack's user-assigned identity, its principal id and type filled in. */
    identity: keySchema,
  }),
  z.strictObject({
    principalId: z.string().uuid(),
    principalType: principalTypeSchema,
  }),
]);
export type PrincipalConfig = z.infer<typeof principalSchema>;

/** A role assignment: the principal by stack identity key or by id. @argsType components/core/interfaces.ts#RoleAssignmentArgs */
export const roleAssignmentSchema = z.strictObject({
  /** Built-in role name, role GUID or role definition id; `custom:<key>` names a custom role of this stack. */
  role: z.string().min(1),
  /** Who gets the role: `{ identity: <identities key> }` or `{ principalId, principalType }`. */
  principal: principalSchema,
  description: z.string().optional(),
  condition: z.string().optional(),
});
export type RoleAssignmentConfig = z.infer<typeof roleAssignmentSchema>;

/** A static private IP of an endpoint (the component's `ipConfigurations.<name>`), keyed by IP configuration name. */
const privateEndpointIpConfigurationSchema = z.strictObject({
  /** IPv4 address inside the endpoint's subnet (not one of the first four or the last). */
  privateIPAddress: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, "expected an IPv4 address such as 10.20.1.10"),
  /** The group the IP serves. Defaults to the endpoint's group id. */
  groupId: z.string().min(1).optional(),
  /** Member of the group; defaults where the library knows the group's member, else required. */
  memberName: z.string().min(1).optional(),
});

/**
 * One private endpoint (the components' shared `PrivateEndpointArgs`): config names the subnet by `network.subnets` key
 * (or id) and role principals by identity key; the DNS zone comes from the stack's registry; the rest passes through.
 * @argsType components/core/interfaces.ts#PrivateEndpointArgs
 */
export const privateEndpointSchema = z.strictObject({
  /** Subnet by key of `network.subnets`, or a full subnet id. */
  subnet: z.string().min(1),
  groupId: z.string().optional(),
  name: z.string().min(1).max(80).optional(),
  customNetworkInterfaceName: z.string().min(1).max(80).optional(),
  ipConfigurations: keyed(privateEndpointIpConfigurationSchema).optional(),
  /** Tags on the endpoint, added to the resource's. Defaults to the resource's tags. */
  tags: tagsSchema.optional(),
  lock: lockSchema.optional(),
  /** Role assignments scoped to the endpoint. Defaults to none. */
  roleAssignments: keyed(roleAssignmentSchema).optional(),
});
export type PrivateEndpointConfig = z.infer<typeof privateEndpointSchema>;

/** An event hub of this stack as a diagnostics destination, by keys, or any namespace rule by id. */
const diagnosticEventHubSchema = z.union([
  z.strictObject({
    /** An `eventhubs.namespaces` key (in the resource's region). */
    namespace: keySchema,
    /** A key of that namespace's `authorizationRules`, with the rights Manage, Send and Listen. */
    authorizationRule: keySchema,
    /** A key of that namespace's `eventHubs`. Defaults to Azure's: one event hub per log category. */
    eventHub: keySchema.optional(),
  }),
  z.strictObject({
    /** A namespace authorization rule id (`…/namespaces/<ns>/authorizationRules/<rule>`). */
    authorizationRuleId: z.string().min(1),
    /** An event hub name in that namespace. Defaults to Azure's: one event hub per log category. */
    eventHubName: z.string().min(1).optional(),
  }),
]);

/**
 * A named diagnostic setting (its key is the setting's ARM name). Destinations by stack key or ARM id; the log and
 * metric selection passes through to the component's `DiagnosticSettingArgs`.
 * @argsType {@link DiagnosticSettingArgs}
 */
export const diagnosticSettingSchema = z.strictObject({
  /** `default` (the stack's workspace, `monitoring.logAnalytics`) or a Log Analytics workspace id. */
  workspace: z.string().min(1).optional(),
  /** A `storage` key or a storage account id (same region as the resource). */
  storage: z.string().min(1).optional(),
  /** Stream to an event hub (SIEM routing): `{ namespace, authorizationRule, eventHub? }` keys or `{ authorizationRuleId, eventHubName? }`. */
  eventHub: diagnosticEventHubSchema.optional(),
  ...({
    marketplacePartnerId: z.string().min(1).optional(),
    logCategoryGroups: z.array(z.string().min(1)).optional(),
    logCategories: z.array(z.string().min(1)).optional(),
    metrics: z.boolean().optional(),
    logAnalyticsDestinationType: z.literal("Dedicated").optional(),
  } satisfies { [K in DiagnosticPassThrough]-?: z.ZodType<DiagnosticSettingArgs[K]> }),
});
export type DiagnosticSettingConfig = z.infer<typeof diagnosticSettingSchema>;

/** DiagnosticSettingArgs that config passes through unchanged (the destinations are mapped from keys). */
export type DiagnosticPassThrough = Exclude<
  keyof DiagnosticSettingArgs,
  "workspaceId" | "storageAccountId" | "eventHubAuthorizationRuleId" | "eventHubName"
>;

/** Shared keys every service resource in config accepts (the stack maps them onto the components' shared interface). */
export const commonResourceShape = {
  /** Tags on the resource, added to the stack's `tags` (names up to 512, values up to 256 characters). Defaults to none. */
  tags: tagsSchema.optional(),
  /** A management lock on the resource. Defaults to none (prod: `lockStateful` locks stateful resources). */
  lock: lockSchema.optional(),
  /** Role assignments scoped to the resource, keyed: `{ role, principal, description?, condition? }`. Defaults to none. */
  roleAssignments: keyed(roleAssignmentSchema).optional(),
  /** Private endpoints of the resource, keyed; the DNS zone comes from `network.privateDnsZones`. Defaults to none. */
  privateEndpoints: keyed(privateEndpointSchema).optional(),
  /**
   * The default diagnostic setting: `true` sends all logs and metrics to the stack's Log Analytics workspace. Defaults
   * to true when `monitoring.logAnalytics` is on. Not together with `diagnosticSettings`, which replaces it.
   */
  diagnostics: z.boolean().optional(),
  /**
   * Named diagnostic settings (at most 5 per resource), replacing the default one: each with destinations
   * (`workspace`, `storage`, `eventHub`, `marketplacePartnerId`) and a selection (`logCategoryGroups` or
   * `logCategories`, `metrics`, `logAnalyticsDestinationType`). `{}` sends nothing.
   */
  diagnosticSettings: keyed(diagnosticSettingSchema).optional(),
};
