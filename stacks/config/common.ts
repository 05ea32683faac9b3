import { z } from "zod";

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

export const privateEndpointSchema = z.strictObject({
  /** Subnet by key of `network.subnets`, or a full subnet id. */
  subnet: z.string().min(1),
  groupId: z.string().optional(),
});
export type PrivateEndpointConfig = z.infer<typeof privateEndpointSchema>;

/** Shared keys every service resource in config accepts (the stack maps them onto the components' shared interface). */
export const commonResourceShape = {
  tags: tagsSchema.optional(),
  lock: lockSchema.optional(),
  roleAssignments: keyed(roleAssignmentSchema).optional(),
  privateEndpoints: keyed(privateEndpointSchema).optional(),
  /** Send diagnostics to the stack's Log Analytics workspace. Defaults to true when `monitoring.logAnalytics` is on. */
  diagnostics: z.boolean().optional(),
};
