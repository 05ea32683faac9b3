import * as pulumi from "@pulumi/pulumi";
import type { BatchRefs } from "./build/batch";
import type { EventGridRefs } from "./build/eventgrid";
import type { EventHubsRefs } from "./build/eventhubs";
import type { FoundationRefs } from "./build/foundation";
import type { NetworkRefs } from "./build/network";
import type { RbacRefs } from "./build/rbac";
import type { ServiceBusRefs } from "./build/servicebus";
import type { StackConfig } from "./config/schema";
import type { StackNames } from "./naming";

/** What every builder needs from the stack: validated config, placement and environment-driven defaults. */
export interface StackContext {
  readonly config: StackConfig;
  readonly environment: StackConfig["environment"];
  readonly resourceGroupName: pulumi.Output<string>;
  /**
   * The same name as a plain string, for ids composed from names (known in a preview, and linked to the resource
   * they name rather than to the resource group). Defaults to none: `resourceGroupName` then.
   */
  readonly resourceGroupNameText?: string;
  readonly location: string;
  /** Tags for every taggable resource (config tags plus `environment` and `managed-by`). */
  readonly tags: Record<string, string>;
  /** Protect stateful resources (prod by default). */
  readonly protect: boolean;
  /** CanNotDelete lock on stateful resources (prod by default). */
  readonly lockStateful: boolean;
  /** Default Azure names (the naming policy, stacks/naming.ts). */
  readonly names: StackNames;
}

/**
 * What the builders produced so far, in build order (foundation, network, storage/identities, rbac, Event Hubs,
 * Service Bus, Batch, Event Grid). Later builders wire to earlier ones through these, never through id strings.
 */
export interface StackRefs {
  foundation: FoundationRefs;
  network: NetworkRefs;
  rbac: RbacRefs;
  eventHubs: EventHubsRefs;
  serviceBus: ServiceBusRefs;
  batch: BatchRefs;
  eventGrid: EventGridRefs;
}
