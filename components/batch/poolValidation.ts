/**
 * Validation of Batch pool options (the arguments declared in BatchPool.ts): image, scale settings, start task,
 * network and identity references, each a named validator that collects every problem with its key path.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as types from "@pulumi/azure-native/types";
import { Violation } from "../core/errors";
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
import type {
  BatchImageReference,
  BatchPoolArgs,
  BatchPoolOptions,
  BatchScaleSettings,
  BatchStartTask,
} from "./BatchPool";

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
