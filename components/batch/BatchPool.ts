import * as pulumi from "@pulumi/pulumi";
import * as batch from "@pulumi/azure-native/batch";
import type * as types from "@pulumi/azure-native/types";
import { throwIfInvalid, Violation } from "../core/errors";
import { childName } from "../core/naming";
import {
  armId,
  durationInRange,
  formatSeconds,
  intInRange,
  isKnown,
  isoDurationSeconds,
  mapKeys,
  matches,
  oneOf,
  requireValue,
  subnetId,
  violation,
} from "../core/validate";
import { agentOs, batchLimits, imageRules, OsFamily, publisherOs } from "./limits";
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

/** The OS family of a marketplace image, from limits.ts (undefined for unknown publishers and gallery images). */
export function imageOs(image: BatchImageReference): OsFamily | undefined {
  const publisher = image.publisher?.toLowerCase();
  if (!publisher) return undefined;
  const rule = imageRules.find(
    (r) => r.publisher === publisher && r.offer.test(image.offer ?? "") && (!r.sku || r.sku.test(image.sku ?? "")),
  );
  return rule?.os ?? publisherOs[publisher];
}

/** Image and node agent checks: exclusivity, completeness, agent matching, Windows settings on Linux. */
export function validateImage(
  prefix: string,
  image: BatchImageReference | undefined,
  nodeAgentSkuId: string | undefined,
  windowsConfiguration: unknown,
): Violation[] {
  const found: (Violation | undefined)[] = [];
  const p = (s: string) => `${prefix}${s}`;
  if (!image)
    return [violation(p("imageReference"), image, "is required: publisher/offer/sku (version) or a gallery image id")];
  const marketplace = [image.publisher, image.offer, image.sku].some((x) => x !== undefined);
  const gallery = [image.id, image.sharedGalleryImageId, image.communityGalleryImageId].filter((x) => x !== undefined);
  if (marketplace && gallery.length > 0) {
    found.push(
      violation(
        p("imageReference"),
        image,
        "sets both marketplace fields (publisher/offer/sku) and a gallery image id; choose one",
      ),
    );
  } else if (gallery.length > 1) {
    found.push(
      violation(p("imageReference"), image, "sets more than one of id, sharedGalleryImageId, communityGalleryImageId"),
    );
  } else if (!marketplace && gallery.length === 0) {
    found.push(
      violation(p("imageReference"), image, "is empty: set publisher/offer/sku (version), or a gallery image id"),
    );
  } else if (marketplace) {
    for (const f of ["publisher", "offer", "sku"] as const) {
      found.push(
        requireValue(
          p(`imageReference.${f}`),
          image[f],
          "is required with a marketplace image (publisher, offer and sku)",
        ),
      );
    }
  }
  found.push(armId(p("imageReference.id"), image.id, "Microsoft.Compute/galleries"));
  const agent = nodeAgentSkuId;
  if (requireValue(p("nodeAgentSkuId"), agent)) {
    found.push(
      requireValue(
        p("nodeAgentSkuId"),
        agent,
        'is required, e.g. "batch.node.ubuntu 22.04" or "batch.node.windows amd64"',
      ),
    );
    return found.filter((v): v is Violation => v !== undefined);
  }
  const os = agentOs(agent!);
  if (!os) {
    found.push(violation(p("nodeAgentSkuId"), agent, 'is not a node agent SKU (they start with "batch.node.")'));
  }
  const publisher = image.publisher?.toLowerCase();
  const rule = imageRules.find(
    (r) => r.publisher === publisher && r.offer.test(image.offer ?? "") && (!r.sku || r.sku.test(image.sku ?? "")),
  );
  const imgOs = imageOs(image);
  if (rule && rule.nodeAgentSkuId.toLowerCase() !== agent!.toLowerCase()) {
    found.push(
      violation(
        p("nodeAgentSkuId"),
        agent,
        `does not match the image ${image.publisher}/${image.offer}/${image.sku}; its node agent SKU is "${rule.nodeAgentSkuId}"`,
      ),
    );
  } else if (os && imgOs && os !== imgOs) {
    found.push(violation(p("nodeAgentSkuId"), agent, `is a ${os} agent, but ${image.publisher} images are ${imgOs}`));
  }
  const effectiveOs = imgOs ?? os;
  if (windowsConfiguration !== undefined && effectiveOs === "linux") {
    found.push(
      violation(
        p("windowsConfiguration"),
        windowsConfiguration,
        "is set on a Linux image; Windows settings apply to Windows images only",
      ),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** Fixed scale XOR autoscale, target counts, resize timeout, formula and evaluation interval. */
export function validateScaleSettings(prefix: string, scale: BatchScaleSettings | undefined): Violation[] {
  const path = `${prefix}scaleSettings`;
  if (!scale || (scale.fixedScale === undefined && scale.autoScale === undefined)) {
    return [violation(path, scale, "needs exactly one of fixedScale or autoScale (Azure would create a 0-node pool)")];
  }
  if (scale.fixedScale !== undefined && scale.autoScale !== undefined) {
    return [violation(path, scale, "sets both fixedScale and autoScale; they are mutually exclusive, choose one")];
  }
  const found: (Violation | undefined)[] = [];
  const { fixedScale: f, autoScale: a } = scale;
  if (f) {
    if (f.targetDedicatedNodes === undefined && f.targetLowPriorityNodes === undefined) {
      found.push(violation(`${path}.fixedScale`, f, "needs targetDedicatedNodes or targetLowPriorityNodes"));
    }
    found.push(
      intInRange(`${path}.fixedScale.targetDedicatedNodes`, f.targetDedicatedNodes, 0, Number.MAX_SAFE_INTEGER),
    );
    found.push(
      intInRange(`${path}.fixedScale.targetLowPriorityNodes`, f.targetLowPriorityNodes, 0, Number.MAX_SAFE_INTEGER),
    );
    if (f.resizeTimeout !== undefined) {
      const s = isoDurationSeconds(f.resizeTimeout);
      if (s === undefined || s < batchLimits.resizeTimeoutMinSeconds) {
        found.push(
          violation(
            `${path}.fixedScale.resizeTimeout`,
            f.resizeTimeout,
            `must be an ISO 8601 duration of at least ${formatSeconds(batchLimits.resizeTimeoutMinSeconds)} (e.g. "PT15M")`,
          ),
        );
      }
    }
    found.push(
      oneOf(`${path}.fixedScale.nodeDeallocationOption`, f.nodeDeallocationOption, [
        "Requeue",
        "Terminate",
        "TaskCompletion",
        "RetainedData",
      ]),
    );
  }
  if (a) {
    if (!a.formula || a.formula.trim() === "") {
      found.push(violation(`${path}.autoScale.formula`, a.formula, "is required"));
    } else if (!batchLimits.autoscaleTargets.some((t) => a.formula.includes(t))) {
      found.push(
        violation(
          `${path}.autoScale.formula`,
          a.formula,
          `assigns neither ${batchLimits.autoscaleTargets.join(" nor ")}, so it never changes the pool size`,
        ),
      );
    }
    const { min, max } = batchLimits.evaluationIntervalSeconds;
    found.push(durationInRange(`${path}.autoScale.evaluationInterval`, a.evaluationInterval, min, max));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** Start task: command line required with any field, explicit elevation, retry count. */
export function validateStartTask(prefix: string, task: BatchStartTask | undefined): Violation[] {
  if (task === undefined) return [];
  const path = `${prefix}startTask`;
  const found: (Violation | undefined)[] = [];
  if (!task.commandLine || task.commandLine.trim() === "") {
    found.push(violation(`${path}.commandLine`, task.commandLine, "is required when any start-task field is set"));
  }
  const who = task.userIdentity;
  const elevation = who?.autoUser?.elevationLevel;
  if (who?.userName !== undefined && who.autoUser !== undefined) {
    found.push(violation(`${path}.userIdentity`, who, "sets both userName and autoUser; they are mutually exclusive"));
  } else if (who?.userName === undefined && elevation === undefined) {
    found.push(
      violation(
        `${path}.userIdentity.autoUser.elevationLevel`,
        elevation,
        'is required: state the start task\'s elevation explicitly ("NonAdmin" or "Admin"), or run it as a userName',
      ),
    );
  }
  found.push(oneOf(`${path}.userIdentity.autoUser.elevationLevel`, elevation, ["NonAdmin", "Admin"]));
  found.push(oneOf(`${path}.userIdentity.autoUser.scope`, who?.autoUser?.scope, ["Task", "Pool"]));
  found.push(
    intInRange(
      `${path}.maxTaskRetryCount`,
      task.maxTaskRetryCount,
      batchLimits.minMaxTaskRetryCount,
      Number.MAX_SAFE_INTEGER,
    ),
  );
  found.push(...mapKeys(`${path}.resourceFiles`, task.resourceFiles));
  return found.filter((v): v is Violation => v !== undefined);
}

/** Validates the pool options (without account and resource group). `prefix` is prepended to every path. */
export function validateBatchPoolOptions(options: BatchPoolOptions, prefix = ""): Violation[] {
  const p = (s: string) => `${prefix}${s}`;
  const found: (Violation | undefined)[] = [];
  found.push(matches(p("poolName"), options.poolName, batchLimits.poolName, "1-64 letters, digits, '-' or '_'"));
  found.push(requireValue(p("vmSize"), options.vmSize, 'is required, e.g. "Standard_D2s_v3"'));
  if (options.vmSize && batchLimits.unsupportedVmSizes.some((r) => r.test(options.vmSize))) {
    found.push(
      violation(
        p("vmSize"),
        options.vmSize,
        "is not supported by Batch (STANDARD_A0 and GS/DS/DSv2 premium-storage sizes are excluded)",
      ),
    );
  }
  found.push(...validateImage(prefix, options.imageReference, options.nodeAgentSkuId, options.windowsConfiguration));
  found.push(...validateScaleSettings(prefix, options.scaleSettings));
  found.push(...validateStartTask(prefix, options.startTask));
  const { min, max } = batchLimits.taskSlotsPerNode;
  found.push(
    intInRange(p("taskSlotsPerNode"), options.taskSlotsPerNode, min, max, "(the maximum is min(4 x cores, 256))"),
  );
  found.push(oneOf(p("taskSchedulingPolicy"), options.taskSchedulingPolicy, ["Spread", "Pack"]));
  found.push(
    oneOf(p("targetNodeCommunicationMode"), options.targetNodeCommunicationMode, ["Default", "Classic", "Simplified"]),
  );
  const net = options.networkConfiguration;
  if (net) {
    const provision = net.publicIPAddressProvisioning;
    found.push(
      oneOf(p("networkConfiguration.publicIPAddressProvisioning"), provision, [
        "BatchManaged",
        "UserManaged",
        "NoPublicIPAddresses",
      ]),
    );
    found.push(subnetId(p("networkConfiguration.subnetId"), net.subnetId));
    const ips = Object.keys(net.ipAddressIds ?? {}).length;
    if (provision === "UserManaged" && ips === 0) {
      found.push(
        violation(p("networkConfiguration.ipAddressIds"), net.ipAddressIds, "is required with UserManaged public IPs"),
      );
    }
    if (provision !== "UserManaged" && ips > 0) {
      found.push(
        violation(
          p("networkConfiguration.ipAddressIds"),
          net.ipAddressIds,
          "is only used with publicIPAddressProvisioning UserManaged",
        ),
      );
    }
    if (provision === "NoPublicIPAddresses") {
      if (net.subnetId === undefined) {
        found.push(
          violation(
            p("networkConfiguration.subnetId"),
            undefined,
            "is required for a pool without public IP addresses",
          ),
        );
      }
      if (options.targetNodeCommunicationMode === "Classic") {
        found.push(
          violation(
            p("targetNodeCommunicationMode"),
            "Classic",
            "cannot serve a pool without public IP addresses; use Simplified (the default)",
          ),
        );
      }
    }
  }
  const packages = Object.keys(options.applicationPackages ?? {}).length;
  if (packages > batchLimits.maxApplicationPackagesPerPool) {
    found.push(
      violation(
        p("applicationPackages"),
        packages,
        `references ${packages} packages; a pool takes at most ${batchLimits.maxApplicationPackagesPerPool}`,
      ),
    );
  }
  found.push(...mapKeys(p("applicationPackages"), options.applicationPackages));
  found.push(...mapKeys(p("mountConfiguration"), options.mountConfiguration));
  found.push(...mapKeys(p("userAssignedIdentities"), options.userAssignedIdentities));
  found.push(...validateIdentityReferences(options, prefix));
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Where the nodes use an identity (`identityReference`: container registries, start-task resource files, blobfuse
 * mounts), it must be one the pool gives its nodes: PN `ComputeNodeIdentityReferenceArgs` is "a user assigned
 * identity associated with the Batch pool"; a node cannot get a token for any other.
 */
function validateIdentityReferences(options: BatchPoolOptions, prefix: string): Violation[] {
  type Ref = { identityReference?: pulumi.Input<types.input.batch.ComputeNodeIdentityReferenceArgs | undefined> };
  const refs: [string, Ref | undefined][] = [];
  const registries = (
    options.virtualMachineOptions?.containerConfiguration as types.input.batch.ContainerConfigurationArgs | undefined
  )?.containerRegistries;
  if (Array.isArray(registries)) {
    registries.forEach((r, i) =>
      refs.push([`virtualMachineOptions.containerConfiguration.containerRegistries[${i}]`, r as Ref]),
    );
  }
  for (const [k, f] of Object.entries(options.startTask?.resourceFiles ?? {})) {
    refs.push([`startTask.resourceFiles.${k}`, f as Ref]);
  }
  for (const [k, m] of Object.entries(options.mountConfiguration ?? {})) {
    refs.push([`mountConfiguration.${k}.azureBlobFileSystemConfiguration`, m.azureBlobFileSystemConfiguration as Ref]);
  }
  const carried = Object.values(options.userAssignedIdentities ?? {});
  if (!carried.every((id) => isKnown(id))) return [];
  const ids = (carried as string[]).map((id) => id.toLowerCase());
  const found: Violation[] = [];
  for (const [path, ref] of refs) {
    const id = (ref?.identityReference as types.input.batch.ComputeNodeIdentityReferenceArgs | undefined)
      ?.resourceId as pulumi.Input<string> | undefined;
    if (!isKnown(id) || ids.includes(id.toLowerCase())) continue;
    found.push(
      violation(
        `${prefix}${path}.identityReference.resourceId`,
        id,
        `is not an identity of the pool's nodes; add it to userAssignedIdentities (the pool's: ${Object.keys(options.userAssignedIdentities ?? {}).join(", ") || "(none)"})`,
      ),
    );
  }
  return found;
}

/** Validates BatchPoolArgs. Pure; exported for tests. */
export function validateBatchPoolArgs(args: BatchPoolArgs): Violation[] {
  return validateBatchPoolOptions(args);
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
