import * as pulumi from "@pulumi/pulumi";
import * as batch from "@pulumi/azure-native/batch";
import type * as types from "@pulumi/azure-native/types";
import { throwIfInvalid } from "../core/errors";
import { childName } from "../core/naming";
import { agentOs, batchLimits } from "./limits";
import { imageOs, validateBatchPoolArgs } from "./poolValidation";
import { sortedEntries, sortedValues } from "../core/collections";

type VmConfiguration = types.input.batch.VirtualMachineConfigurationArgs;

/** A marketplace image (publisher/offer/sku/version) or a gallery image (one of the ids): mutually exclusive. */
export interface BatchImageReference {
  /** Marketplace publisher, e.g. `canonical`, `MicrosoftWindowsServer`. */
  readonly publisher?: string;
  /** Marketplace offer, e.g. `0001-com-ubuntu-server-jammy`, `WindowsServer`. */
  readonly offer?: string;
  /** Marketplace sku, e.g. `22_04-lts`, `2022-datacenter`. */
  readonly sku?: string;
  /** Marketplace image version. Defaults to `latest`. */
  readonly version?: string;
  /** Azure Compute Gallery image (version) id. The OS is then known from the node agent SKU only. */
  readonly id?: pulumi.Input<string>;
  /** Shared gallery image id. */
  readonly sharedGalleryImageId?: pulumi.Input<string>;
  /** Community gallery image id. */
  readonly communityGalleryImageId?: pulumi.Input<string>;
}

export interface BatchFixedScale {
  /** Dedicated nodes. At least one of the two targets is required. */
  readonly targetDedicatedNodes?: number;
  /** Spot / low-priority nodes. At least one of the two targets is required. */
  readonly targetLowPriorityNodes?: number;
  /** Resize timeout (ISO 8601), at least 5 min. Defaults to Azure's `PT15M`. */
  readonly resizeTimeout?: string;
  /** What happens to running tasks when nodes are removed. Defaults to Azure's `Requeue`. */
  readonly nodeDeallocationOption?: "Requeue" | "Terminate" | "TaskCompletion" | "RetainedData";
}

export interface BatchAutoScale {
  /** Autoscale formula; must assign `$TargetDedicatedNodes` or `$TargetLowPriorityNodes`. Required. */
  readonly formula: string;
  /** How often the formula is evaluated (ISO 8601), 5 min to 168 h. Defaults to `PT15M`. */
  readonly evaluationInterval?: string;
}

/** Exactly one of `fixedScale` and `autoScale` (Azure would otherwise create a 0-node fixed pool). */
export interface BatchScaleSettings {
  readonly fixedScale?: BatchFixedScale;
  readonly autoScale?: BatchAutoScale;
}

export interface BatchStartTask {
  /**
   * Command line (no shell: wrap in `/bin/sh -c "..."` or `cmd /c ...`). Required when any start-task field is set.
   */
  readonly commandLine?: string;
  /**
   * Who runs the task. Required when a start task is given: state the elevation explicitly with
   * `autoUser.elevationLevel` (`NonAdmin` or `Admin`; scope defaults to Azure's `Pool`), or name a `userName`.
   */
  readonly userIdentity?: {
    readonly autoUser?: { readonly elevationLevel?: "NonAdmin" | "Admin"; readonly scope?: "Task" | "Pool" };
    readonly userName?: string;
  };
  /** Environment variables by name. Defaults to none. */
  readonly environmentSettings?: Record<string, pulumi.Input<string>>;
  /** Files downloaded before the task runs, keyed by a stable name. Defaults to none. */
  readonly resourceFiles?: Record<string, types.input.batch.ResourceFileArgs>;
  /** Retries: -1 for unlimited. Defaults to Azure's 0. */
  readonly maxTaskRetryCount?: number;
  /** Wait for the start task to succeed before scheduling tasks on a node. Defaults to true. */
  readonly waitForSuccess?: boolean;
  /** Run the start task in a container. Defaults to none. */
  readonly containerSettings?: types.input.batch.TaskContainerSettingsArgs;
}

export interface BatchPoolNetwork {
  /** Subnet for the nodes (same region and subscription as the account). Defaults to none (Batch-managed network). */
  readonly subnetId?: pulumi.Input<string>;
  /**
   * Public IPs of the nodes: `BatchManaged` (Azure's default), `UserManaged` (with `ipAddressIds`), or
   * `NoPublicIPAddresses` (needs a subnet and simplified node communication).
   */
  readonly publicIPAddressProvisioning?: "BatchManaged" | "UserManaged" | "NoPublicIPAddresses";
  /** Public IP ids for `UserManaged`, keyed. Defaults to none. */
  readonly ipAddressIds?: Record<string, pulumi.Input<string>>;
  /** Accelerated networking. Defaults to Azure's false. */
  readonly enableAcceleratedNetworking?: boolean;
  /** Dynamic VNet assignment scope. Defaults to Azure's `none`. */
  readonly dynamicVnetAssignmentScope?: "none" | "job";
}

export interface BatchPoolOptions {
  /** Pool id (letters, digits, `-`, `_`, at most 64). Defaults to the component's name. */
  readonly poolName?: string;
  /** Display name. Defaults to none. */
  readonly displayName?: pulumi.Input<string>;
  /** VM size, e.g. `Standard_D2s_v3` (not STANDARD_A0, nor GS/DS/DSv2 premium-storage sizes). Required. */
  readonly vmSize: string;
  /** The image: marketplace fields or a gallery image id, not both. Required. */
  readonly imageReference: BatchImageReference;
  /**
   * The node agent SKU matching the image, e.g. `batch.node.ubuntu 22.04`, `batch.node.windows amd64`. Required;
   * checked against the image where limits.ts knows it, and always against the image's OS family.
   */
  readonly nodeAgentSkuId: string;
  /** Windows settings (Windows images only). Defaults to none. */
  readonly windowsConfiguration?: { readonly enableAutomaticUpdates?: boolean };
  /**
   * More VM configuration passed through (OS disk, data disks, containers, security profile, extensions, ...).
   * `diskEncryptionConfiguration` defaults to the OS's targets for marketplace images (Linux `TemporaryDisk`, Windows
   * `OsDisk` + `TemporaryDisk`), unless `securityProfile.encryptionAtHost` is on; none for images given by id.
   */
  readonly virtualMachineOptions?: Omit<VmConfiguration, "imageReference" | "nodeAgentSkuId" | "windowsConfiguration">;
  /** Fixed scale XOR autoscale. Required. */
  readonly scaleSettings: BatchScaleSettings;
  /** Start task on every node. Defaults to none. */
  readonly startTask?: BatchStartTask;
  /** Concurrent task slots per node, 1 to min(4 x cores, 256). Defaults to Azure's 1. */
  readonly taskSlotsPerNode?: number;
  /** How tasks are spread over nodes. Defaults to Azure's `Spread`. */
  readonly taskSchedulingPolicy?: "Spread" | "Pack";
  /** Node networking. Defaults to a Batch-managed network with public IPs. */
  readonly networkConfiguration?: BatchPoolNetwork;
  /** Node communication. Defaults to `Simplified` (Classic is retired on 31 March 2026). */
  readonly targetNodeCommunicationMode?: "Default" | "Classic" | "Simplified";
  /** Application packages by a stable key: application id and version (at most 10). Defaults to none. */
  readonly applicationPackages?: Record<string, { readonly id: pulumi.Input<string>; readonly version?: string }>;
  /** File systems mounted on every node (Azure Files, NFS, CIFS, Blobfuse), keyed. Defaults to none. */
  readonly mountConfiguration?: Record<string, types.input.batch.MountConfigurationArgs>;
  /** User-assigned identities of the nodes, keyed; values are identity ids. Defaults to none. */
  readonly userAssignedIdentities?: Record<string, pulumi.Input<string>>;
  /** Metadata by name. Defaults to none. */
  readonly metadata?: Record<string, pulumi.Input<string>>;
  /** Inter-node communication (MPI). Defaults to Azure's `Disabled`. */
  readonly interNodeCommunication?: "Enabled" | "Disabled";
  /** Tags on the pool. Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface BatchPoolArgs extends BatchPoolOptions {
  readonly resourceGroupName: pulumi.Input<string>;
  /** The Batch account's name. */
  readonly accountName: pulumi.Input<string>;
  /** Protect the pool from deletion and replacement. Defaults to false. */
  readonly protect?: boolean;
}

function toStartTask(t: BatchStartTask | undefined): types.input.batch.StartTaskArgs | undefined {
  if (!t) return undefined;
  return {
    commandLine: t.commandLine,
    userIdentity: t.userIdentity?.userName
      ? { userName: t.userIdentity.userName }
      : {
          autoUser: {
            elevationLevel: t.userIdentity?.autoUser?.elevationLevel,
            scope: t.userIdentity?.autoUser?.scope,
          },
        },
    environmentSettings: t.environmentSettings
      ? sortedEntries(t.environmentSettings).map(([name, value]) => ({ name, value }))
      : undefined,
    resourceFiles: t.resourceFiles ? sortedValues(t.resourceFiles) : undefined,
    maxTaskRetryCount: t.maxTaskRetryCount,
    waitForSuccess: t.waitForSuccess ?? true,
    containerSettings: t.containerSettings,
  };
}

/**
 * Disk encryption by default (secure default): the OS's targets for marketplace images; none for images given by id,
 * where Azure does not support it on Linux (limits.ts). `virtualMachineOptions.diskEncryptionConfiguration` wins.
 */
function defaultDiskEncryption(
  options: BatchPoolOptions,
): types.input.batch.DiskEncryptionConfigurationArgs | undefined {
  if (!options.imageReference.publisher) return undefined;
  const securityProfile = options.virtualMachineOptions?.securityProfile as { encryptionAtHost?: unknown } | undefined;
  if (securityProfile?.encryptionAtHost === true) return undefined;
  const os = agentOs(options.nodeAgentSkuId) ?? imageOs(options.imageReference);
  return os ? { targets: [...batchLimits.defaultDiskEncryptionTargets[os]] } : undefined;
}

/** The azure-native Pool inputs for validated options (shared by BatchPool and tests). */
export function poolInputs(
  options: BatchPoolOptions,
  poolName: string,
): Omit<batch.PoolArgs, "resourceGroupName" | "accountName"> {
  const net = options.networkConfiguration;
  const provision = net?.publicIPAddressProvisioning;
  return {
    poolName,
    displayName: options.displayName,
    vmSize: options.vmSize,
    deploymentConfiguration: {
      virtualMachineConfiguration: {
        ...options.virtualMachineOptions,
        imageReference: {
          ...options.imageReference,
          version: options.imageReference.publisher ? (options.imageReference.version ?? "latest") : undefined,
        },
        nodeAgentSkuId: options.nodeAgentSkuId,
        windowsConfiguration: options.windowsConfiguration,
        diskEncryptionConfiguration:
          options.virtualMachineOptions?.diskEncryptionConfiguration ?? defaultDiskEncryption(options),
      },
    },
    scaleSettings: options.scaleSettings.autoScale
      ? {
          autoScale: {
            formula: options.scaleSettings.autoScale.formula,
            evaluationInterval: options.scaleSettings.autoScale.evaluationInterval ?? "PT15M",
          },
        }
      : { fixedScale: options.scaleSettings.fixedScale },
    startTask: toStartTask(options.startTask),
    taskSlotsPerNode: options.taskSlotsPerNode,
    taskSchedulingPolicy: options.taskSchedulingPolicy ? { nodeFillType: options.taskSchedulingPolicy } : undefined,
    networkConfiguration: net
      ? {
          subnetId: net.subnetId,
          enableAcceleratedNetworking: net.enableAcceleratedNetworking,
          dynamicVnetAssignmentScope: net.dynamicVnetAssignmentScope,
          publicIPAddressConfiguration: provision
            ? { provision, ipAddressIds: net.ipAddressIds ? sortedValues(net.ipAddressIds) : undefined }
            : undefined,
        }
      : undefined,
    targetNodeCommunicationMode: options.targetNodeCommunicationMode ?? batchLimits.defaultNodeCommunicationMode,
    applicationPackages: options.applicationPackages
      ? sortedValues(options.applicationPackages).map((a) => ({ id: a.id, version: a.version }))
      : undefined,
    mountConfiguration: options.mountConfiguration ? sortedValues(options.mountConfiguration) : undefined,
    identity:
      Object.keys(options.userAssignedIdentities ?? {}).length > 0
        ? { type: "UserAssigned", userAssignedIdentities: sortedValues(options.userAssignedIdentities!) }
        : undefined,
    metadata: options.metadata ? sortedEntries(options.metadata).map(([name, value]) => ({ name, value })) : undefined,
    interNodeCommunication: options.interNodeCommunication,
    tags: options.tags,
  };
}

/**
 * A Batch pool of virtual machines: image and node agent checked against each other, fixed scale XOR autoscale,
 * an explicit start-task elevation, simplified node communication by default. Jobs and tasks are data-plane objects
 * submitted against `poolId` (see components/batch/README.md).
 */
export class BatchPool extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  /** The pool id jobs are submitted against (`poolInfo.poolId`). */
  public readonly poolId: pulumi.Output<string>;
  public readonly pool: batch.Pool;

  constructor(name: string, args: BatchPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:batch:BatchPool", name, {}, opts);
    throwIfInvalid(`azint:batch:BatchPool ${name}`, validateBatchPoolArgs(args));
    this.pool = new batch.Pool(
      childName(name, "pool"),
      {
        resourceGroupName: args.resourceGroupName,
        accountName: args.accountName,
        ...poolInputs(args, args.poolName ?? name),
      },
      // Children do not inherit a component's dependsOn: pass it on (the account's auto-storage grant, packages).
      { parent: this, protect: args.protect, dependsOn: opts?.dependsOn },
    );
    this.id = this.pool.id;
    this.poolId = this.pool.name;
    this.registerOutputs({ id: this.id, poolId: this.poolId });
  }
}
