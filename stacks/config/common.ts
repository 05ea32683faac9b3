import { z } from "zod";
import type { DiagnosticSettingArgs } from "../../components/core/interfaces";

// Shared config building blocks for the per-service schemas. Every object is strict: an unknown key is an error
// (a typo must never be silently ignored), and every key is documented in stacks/README.md.

/** Keys of keyed collections: they become logical names and usually Azure names. */
export const keySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-_.]{0,62}$/, "keys are 1-63 letters, digits, '-', '_' or '.', starting alphanumeric");

export const keyed = <T extends z.ZodType>(value: T) => z.record(keySchema, value);

export const tagsSchema = z.record(z.string().max(512), z.string().max(256));

export const lockSchema = z.strictObject({
  kind: z.enum(["CanNotDelete", "ReadOnly"]),
  name: z.string().optional(),
  notes: z.string().optional(),
});

export const principalTypeSchema = z.enum(["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"]);

/**
 * A principal in config: either a stack identity by key (`identity: orders-app`, its principal id and type are
 * filled in) or an explicit object id with its type (required: ARM's silent `User` default breaks service principals).
 */
export const principalSchema = z.union([
  z.strictObject({ identity: keySchema }),
  z.strictObject({ principalId: z.string().uuid(), principalType: principalTypeSchema }),
]);
export type PrincipalConfig = z.infer<typeof principalSchema>;

export const roleAssignmentSchema = z.strictObject({
  /** Built-in role name, role GUID or role definition id; `custom:<key>` names a custom role of this stack. */
  role: z.string().min(1),
  principal: principalSchema,
  description: z.string().optional(),
  condition: z.string().optional(),
});
export type RoleAssignmentConfig = z.infer<typeof roleAssignmentSchema>;

/** A static private IP of an endpoint (the component's `ipConfigurations.<name>`), keyed by IP configuration name. */
const privateEndpointIpConfigurationSchema = z.strictObject({
  /** IPv4 address inside the endpoint's subnet (not one of the first four or the last). */
  privateIPAddress: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, "expected an IPv4 address such as 10.20.1.10"),
  /** Defaults to the endpoint's group id. */
  groupId: z.string().min(1).optional(),
  /** Member of the group; defaults where the library knows the group's member, else required. */
  memberName: z.string().min(1).optional(),
});

/**
 * One private endpoint (the components' shared `PrivateEndpointArgs`): config names the subnet by `network.subnets` key
 * (or id) and role principals by identity key; the DNS zone comes from the stack's registry; the rest passes through.
 */
export const privateEndpointSchema = z.strictObject({
  /** Subnet by key of `network.subnets`, or a full subnet id. */
  subnet: z.string().min(1),
  groupId: z.string().optional(),
  /** Azure name of the endpoint. Defaults to an auto-name. */
  name: z.string().min(1).max(80).optional(),
  /** Name of the endpoint's network interface. Defaults to Azure's (`<endpoint name>.nic.<guid>`). */
  customNetworkInterfaceName: z.string().min(1).max(80).optional(),
  /** Static private IPs keyed by IP configuration name. Defaults to none (Azure assigns dynamic IPs). */
  ipConfigurations: keyed(privateEndpointIpConfigurationSchema).optional(),
  /** Tags on the endpoint, added to the resource's. Defaults to the resource's tags. */
  tags: tagsSchema.optional(),
  /** Management lock on the endpoint. Defaults to none. */
  lock: lockSchema.optional(),
  /** Role assignments scoped to the endpoint. Defaults to none. */
  roleAssignments: keyed(roleAssignmentSchema).optional(),
});
  /** The sub-resource the endpoint connects to (e.g. `namespace`, `blob`, `topic`). Defaults to the resource type's only group. */
export type PrivateEndpointConfig = z.infer<typeof privateEndpointSchema>;

/** Shared keys every service resource in config accepts (the stack maps them onto the components' shared interface). */
export const commonResourceShape = {
  tags: tagsSchema.optional(),
  lock: lockSchema.optional(),
  roleAssignments: keyed(roleAssignmentSchema).optional(),
  privateEndpoints: keyed(privateEndpointSchema).optional(),
  /**
   * The default diagnostic setting: `true` sends all logs and metrics to the stack's Log Analytics workspace. Defaults
   * to true when `monitoring.logAnalytics` is on. Not together with `diagnosticSettings`, which replaces it.
   */
  diagnostics: z.boolean().optional(),
};
  /** Private endpoints of the resource, keyed; the DNS zone comes from `network.privateDnsZones`. Defaults to none. */
