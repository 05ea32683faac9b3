import { z } from "zod";
import { keyed, keySchema } from "./common";
import { captureIntervalSchema, loadSchema } from "./eventhubsSchema";
import { webhookEntraIdSchema } from "./eventgridSchema";
import { boundsOverTiers } from "../../components/eventhubs/limits";
import { maxDeliveryCount, messagingUnitSteps } from "../../components/servicebus/limits";

// Reference architectures. Each preset expands, before the schema
// runs, into the regular sections (identities, storage, servicebus, eventgrid, eventhubs, batch, rbac) with settings
// for the stack's environment; what the user writes in those sections explicitly wins (stacks/architectures/merge.ts).
// Every key is documented in stacks/README.md ("Reference architectures"). Semantic checks of these options (subnets,
// load per tier, webhook security in prod, key clashes) are made by expandArchitectures and name `architectures.*`.

/** Lowercase prefix of every key and name a preset derives (`orders` -> `orders-api`, `evgt-orders-prod`, ...). */
const prefixSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/, "3-20 lowercase letters, digits and hyphens, starting with a letter");

/** ISO 8601 duration (`PT30M`, `P14D`); ranges are checked by the expansion with the `architectures.*` path. */
const duration = z.string().min(1);

const webBackendSchema = z.strictObject({
  /** Switch the preset off without deleting its options. Defaults to true. */
  enabled: z.boolean().optional(),
  /**
   * Prefix of the keys and names it creates: identities `<prefix>-api`, `-processor`, `-billing`, `-shipping`; storage
   * `<prefix>-storage`; Service Bus namespace or pair `<prefix>` with queues `<prefix>`, `app-events`, `blob-uploads`
   * and topic `<prefix>-events`; Event Grid topic `<prefix>`, system topic `<prefix>-storage`. Defaults to `orders`.
   */
  prefix: prefixSchema.optional(),
  /** The orders queue (FIFO per order with sessions, duplicate detection). */
  orders: z
    .strictObject({
      /** Sessions (SessionId = order id). Defaults to true. */
      sessions: z.boolean().optional(),
      /** Duplicate-detection window, 20 s - 7 days. Defaults to `PT30M`. */
      duplicateDetectionWindow: duration.optional(),
      /** Deliveries before a message is dead-lettered. Defaults to 5. */
      maxDeliveryCount: z.number().int().min(maxDeliveryCount.min).max(maxDeliveryCount.max).optional(),
      /** Time to live; expired orders are dead-lettered. Defaults to `P14D`. */
      messageTimeToLive: duration.optional(),
    })
    .optional(),
  /** SQL filter of the billing subscription on the order-events topic. Defaults to `eventType = 'OrderPlaced'`. */
  billingFilter: z.string().min(1).max(1024).optional(),
  /** Subject (label) the shipping subscription's correlation filter matches. Defaults to `order.paid`. */
  shippingLabel: z.string().min(1).optional(),
  /** The Event Grid custom topic for application events (routed to a queue and, with `webhook`, a webhook). Defaults to true. */
  appEvents: z.boolean().optional(),
  /** A webhook subscriber of the application events. Defaults to none. In prod it needs `entraId`. */
  webhook: z
    .strictObject({
      /** https URL. */
      endpointUrl: z.string().min(1),
      /** Entra ID protected webhook: the app id or URI (and tenant, required in prod) Event Grid requests a token for. */
      entraId: webhookEntraIdSchema.optional(),
    })
    .optional(),
  /** The upload storage account with its system topic (blob created -> uploads queue). Defaults to true. */
  uploads: z.boolean().optional(),
  /** Premium messaging units in prod: 1, 2, 4, 8 or 16. Defaults to 1. */
  messagingUnits: z
    .number()
    .int()
    .min(Math.min(...messagingUnitSteps))
    .max(Math.max(...messagingUnitSteps))
    .optional(),
  /** Geo-DR alias of the prod Service Bus pair (what applications connect to). Defaults to `<prefix>-bus-prod`. */
  serviceBusAlias: z.string().optional(),
});

const iotBackendSchema = z.strictObject({
  /** Switch the preset off without deleting its options. Defaults to true. */
  enabled: z.boolean().optional(),
  /**
   * Prefix of the keys and names it creates: identities `<prefix>-ingest`, `<prefix>-<group>`, `<prefix>-batch`;
   * storage `<prefix>-lake` (Data Lake: containers `capture`, `checkpoints`, `deadletters`, queue `work`); Event Hubs
   * namespace and hub `<prefix>`; system topic `<prefix>-capture`; Batch account `<prefix>` with pool `capture-files`.
   * Defaults to `telemetry`.
   */
  prefix: prefixSchema.optional(),
  /**
   * Expected peak load of the telemetry hub. Sizes the namespace (TUs / PUs) and the partitions through the Event
   * Hubs sizing (components/eventhubs/sizing.ts). Defaults to 1 MB/s and 1000 events/s in, 2 MB/s out.
   */
  load: loadSchema.optional(),
  /** Retention of the telemetry hub in days. Defaults to 1 in dev, 3 in test, 7 in prod (tier maximum applies). */
  retentionDays: z
    .number()
    .int()
    .positive()
    .max(boundsOverTiers((l) => l.maxRetentionHours / 24).max)
    .optional(),
  /**
   * Consumer groups, each with a checkpoint store and a reader identity (`<prefix>-<group>` unless `identity` names
   * one). Defaults to `processing`, `alerting` and `archive`.
   */
  consumerGroups: keyed(
    z.strictObject({
      /** An `identities` key that reads the group. Defaults to `<prefix>-<group>`. */
      identity: keySchema.optional(),
    }),
  ).optional(),
  /** Capture to `<prefix>-lake/capture`, written by the namespace's identity. */
  capture: z
    .strictObject({
      /** 60-900 seconds. Defaults to 300. */
      intervalInSeconds: captureIntervalSchema.optional(),
      /** Capture file encoding. Defaults to `Avro`. */
      encoding: z.enum(["Avro", "AvroDeflate"]).optional(),
    })
    .optional(),
  /** The Batch pool that processes captured files (fed by the capture-file-created system topic). */
  batch: z
    .strictObject({
      /** The Batch pool that processes captured files. Defaults to true. */
      enabled: z.boolean().optional(),
      /** The pool's VM size. Defaults to `Standard_D2s_v3`. */
      vmSize: z.string().min(1).optional(),
      /**
       * Autoscale ceiling. Defaults to 2 in dev, 4 in test, 10 in prod. At most 100: the preset's own cap (a product
       * choice, not an Azure limit; larger estates declare their pools under `batch`).
       */
      maxNodes: z.number().int().min(1).max(100).optional(),
      /** Subnet of the nodes (no public IPs) outside dev: a `network.subnets` key or id. Defaults to `batch-nodes`. */
      subnet: z.string().min(1).optional(),
    })
    .optional(),
});

export const architecturesSchema = z.strictObject({
  /** Private endpoints for the presets' resources. */
  privateEndpoints: z
    .strictObject({
      /** Private endpoints for the presets' resources (Service Bus only on Premium). Defaults to true in test and prod, false in dev. */
      enabled: z.boolean().optional(),
      /** A `network.subnets` key or a subnet id. Defaults to `private-endpoints`. */
      subnet: z.string().min(1).optional(),
      /** Prod: a subnet in the secondary region for the Service Bus pair's endpoints. Defaults to none. */
      secondarySubnet: z.string().min(1).optional(),
    })
    .optional(),
  /**
   * Prod: the Service Bus pair's second region; required when `location` is unset or has no known pair. Defaults to
   * the Azure paired region of `location`.
   */
  secondaryLocation: z.string().min(1).optional(),
  /** The requested custom "Event grid read only role" (`Microsoft.EventGrid/*\/read`). */
  eventGridReaderRole: z
    .strictObject({
      /** The "Event grid read only role (<environment>)" as `rbac.customRoles.eventgrid-reader`. Defaults to true when a preset is on. */
      enabled: z.boolean().optional(),
      /** Identities (keys of `identities`) it is assigned to. Defaults to the presets' API / ingest identities. */
      assignTo: keyed(z.strictObject({})).optional(),
    })
    .optional(),
  /** Web application backend (order processing). */
  webBackend: webBackendSchema.optional(),
  /** IoT backend (telemetry). */
  iotBackend: iotBackendSchema.optional(),
});

export type ArchitecturesConfig = z.infer<typeof architecturesSchema>;
export type WebBackendConfig = z.infer<typeof webBackendSchema>;
export type IotBackendConfig = z.infer<typeof iotBackendSchema>;
