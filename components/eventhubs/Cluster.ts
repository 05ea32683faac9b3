import * as pulumi from "@pulumi/pulumi";
import * as eventhub from "@pulumi/azure-native/eventhub";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { intInRange, matches, violation } from "../core/validate";
import { commonLimits, tierLimits } from "./limits";

export interface EventHubsClusterArgs extends Omit<CommonResourceArgs, "privateEndpoints" | "managedIdentities"> {
  /** Cluster name, 6-50 letters, digits and hyphens, starting with a letter. Defaults to an auto-name. */
  readonly clusterName?: pulumi.Input<string>;
  /**
   * Capacity units (CUs), 1-20. Defaults to 1. More than 1 needs `supportsScaling: true` (a self-serve scalable
   * cluster); otherwise Azure sizes clusters beyond 1 CU only through a support request.
   */
  readonly capacityUnits?: number;
  /** Self-serve scalable cluster: change CUs yourself. Defaults to true when `capacityUnits` > 1, else false. */
  readonly supportsScaling?: boolean;
}

/** Validates EventHubsClusterArgs. Pure; exported for tests. */
export function validateEventHubsClusterArgs(args: EventHubsClusterArgs): Violation[] {
  const allowed = tierLimits.Dedicated.allowedUnits;
  const found: (Violation | undefined)[] = [
    ...validateCommonArgs(args, "Microsoft.EventHub/clusters"),
    matches(
      "clusterName",
      args.clusterName,
      commonLimits.namespaceName,
      "6-50 letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    ),
    intInRange("capacityUnits", args.capacityUnits, allowed[0], allowed[allowed.length - 1], "on a Dedicated cluster"),
  ];
  if ((args.capacityUnits ?? 1) > 1 && args.supportsScaling === false) {
    found.push(
      violation(
        "supportsScaling",
        false,
        `must be true for ${args.capacityUnits} capacity units: a cluster that does not support scaling is created with 1 CU`,
      ),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * An Event Hubs Dedicated cluster (single tenant, sized in capacity units). Namespaces are placed on it with
 * `EventHubNamespace`'s `dedicatedCluster`. Clusters are billed for at least 4 hours once created.
 */
export class EventHubsCluster extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly capacityUnits: number;
  public readonly cluster: eventhub.Cluster;

  constructor(name: string, args: EventHubsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:eventhubs:Cluster", name, {}, opts);
    throwIfInvalid(`azint:eventhubs:Cluster ${name}`, validateEventHubsClusterArgs(args));
    this.capacityUnits = args.capacityUnits ?? 1;
    this.cluster = new eventhub.Cluster(
      childName(name, "cluster"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        clusterName: args.clusterName,
        sku: { name: "Dedicated", capacity: this.capacityUnits },
        supportsScaling: args.supportsScaling ?? this.capacityUnits > 1,
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    applyExtensions(
      this,
      name,
      { id: this.cluster.id, resourceType: "Microsoft.EventHub/clusters", resource: this.cluster },
      args,
    );
    this.id = this.cluster.id;
    this.name = this.cluster.name;
    this.registerOutputs({ id: this.id, name: this.name });
  }
}
