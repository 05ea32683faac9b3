import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import { architecturesSchema } from "./architectures";
import { tagsSchema } from "./common";
import { identitiesSchema, monitoringSchema, storageCrossCheck, storageSchema } from "./foundation";
import { batchCrossCheck, batchSchema } from "./batch";
import { eventGridCrossCheck } from "./eventgrid";
import { eventGridSchema } from "./eventgridSchema";
import { eventHubsCrossCheck } from "./eventhubs";
import { eventHubsSchema } from "./eventhubsSchema";
import { networkCrossCheck, networkSchema } from "./network";
import { platformCrossCheck, platformSchema } from "./platform";
import { rbacCrossCheck, rbacSchema } from "./rbac";
import type { CheckContext } from "./resolver";
import { serviceBusCrossCheck, serviceBusSchema } from "./servicebus";

/**
 * The stack configuration: every `azure-integration:<key>` in `stacks/Pulumi.<env>.yaml`. This schema is the
 * user's contract; each key is documented in stacks/README.md and exported as JSON Schema.
 */
export const stackConfigSchema = z.strictObject({
  /** Environment kind: decides secure defaults (protect, locks, SKUs) and the policy configuration (`policies/config/<environment>.json`). */
  environment: z.enum(["dev", "test", "prod"]),
  /** Resource group for everything in this stack. Defaults to `rg-integration-<environment>`. */
  resourceGroupName: z.string().min(1).max(90).optional(),
  /** Azure region. Defaults to the `azure-native:location` provider config, else `westeurope`. */
  location: z.string().min(1).optional(),
  /** Tags on every taggable resource; `environment` and `managed-by` are always added. */
  tags: tagsSchema.optional(),
  /** Protect stateful resources from deletion and replacement. Defaults to true in prod, false elsewhere. */
  protect: z.boolean().optional(),
  /** CanNotDelete lock on every stateful resource. Defaults to true in prod, false elsewhere. */
  lockStateful: z.boolean().optional(),
  /** Platform/team split: what this stack owns and where a team stack reads the platform's exports. */
  platform: platformSchema.optional(),
  /** Reference architectures, expanded into the sections below before validation. */
  architectures: architecturesSchema.optional(),
  /** User-assigned managed identities for applications, keyed; referenced elsewhere as `{ identity: <key> }`. */
  identities: identitiesSchema.optional(),
  /** Storage accounts, keyed (secure defaults: TLS 1.2, HTTPS only, no shared keys, no public blobs). */
  storage: storageSchema.optional(),
  /** A Log Analytics workspace that receives every component's diagnostics. Defaults to none. */
  monitoring: monitoringSchema.optional(),
  /** The stack's virtual network, subnets and private DNS zones. */
  network: networkSchema.optional(),
  /** Custom roles and stack-level role assignments. */
  rbac: rbacSchema.optional(),
  /** Event Hubs: Dedicated clusters and namespaces with their event hubs. */
  eventhubs: eventHubsSchema.optional(),
  /** Service Bus namespaces with queues, topics and subscriptions, and geo-DR pairs. */
  servicebus: serviceBusSchema.optional(),
  /** Event Grid custom topics, domains, system and partner topics, and their subscriptions. */
  eventgrid: eventGridSchema.optional(),
  /** Batch accounts and their pools. */
  batch: batchSchema.optional(),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;

/**
 * Every section's check, in this order after the schema passed: references to other sections' keys, then the
 * section's mapping to component args (placeholder references) through every component validator.
 */
export const crossChecks: ((config: StackConfig, check: CheckContext) => Violation[])[] = [
  platformCrossCheck,
  networkCrossCheck,
  storageCrossCheck,
  rbacCrossCheck,
  eventHubsCrossCheck,
  serviceBusCrossCheck,
  eventGridCrossCheck,
  batchCrossCheck,
];
