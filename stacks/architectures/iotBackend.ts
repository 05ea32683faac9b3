import type { Violation } from "../../components/core/errors";
import { violation } from "../../components/core/validate";
import { commonLimits, tierLimits } from "../../components/eventhubs/limits";
import { partitionsNeeded, unitsNeeded } from "../../components/eventhubs/sizing";
import type { IotBackendConfig } from "../config/architectures";
import { checkSubnetOption, Profile } from "./profile";
import type { PresetResult } from "./webBackend";

const P = "architectures.iotBackend";

/** Default peak load when none is declared: one Standard TU's worth of ingress. */
const defaultLoad = { ingressMBps: 1, ingressEventsPerSecond: 1000, egressMBps: 2 };

/**
 * IoT backend (telemetry), after the user's notes ("Event Hubs: telemetry and distributed data streaming"): an Event
 * Hubs namespace sized from the declared load, a telemetry hub with capture to a data lake container, consumer groups
 * (stream processing, alerting, archive) each with a checkpoint store and its own reader identity, a system topic on
 * capture-file-created events feeding the work queue of a Batch pool that processes the captured files.
 */
export function expandIotBackend(cfg: IotBackendConfig, profile: Profile, raw: Record<string, unknown>): PresetResult {
  const violations: Violation[] = [];
  const p = cfg.prefix ?? "telemetry";
  const tier = profile.eventHubsTier;
  const limits = tierLimits[tier];

  // Sizing through the Event Hubs sizing logic; what the tier cannot carry is reported on the preset's option.
  const load = cfg.load ?? defaultLoad;
  const units = unitsNeeded(tier, load);
  if (units.units === undefined) {
    violations.push(
      violation(
        `${P}.load`,
        load,
        `needs ${Math.ceil(units.exact)} ${limits.unit} (${units.reason}); a ${tier} namespace allows at most ` +
          `${Math.max(...limits.allowedUnits)} ${limits.unitName} in ${profile.environment}`,
      ),
    );
  }
  const partitions = partitionsNeeded(load);
  if (partitions.partitions > limits.maxPartitionsPerHub) {
    violations.push(
      violation(
        `${P}.load`,
        load,
        `needs ${partitions.partitions} partitions (${partitions.reason}); ${tier} allows ${limits.maxPartitionsPerHub} per event hub`,
      ),
    );
  }
  const retentionDays = cfg.retentionDays ?? profile.defaultRetentionDays;
  const maxDays = limits.maxRetentionHours / 24;
  if (retentionDays < 1 || retentionDays > maxDays) {
    violations.push(
      violation(
        `${P}.retentionDays`,
        retentionDays,
        `must be 1-${maxDays} days on ${tier} (the ${profile.environment} tier)`,
      ),
    );
  }
  const interval = cfg.capture?.intervalInSeconds ?? commonLimits.captureIntervalSeconds.default;
  const { min, max } = commonLimits.captureIntervalSeconds;
  if (interval < min || interval > max) {
    violations.push(violation(`${P}.capture.intervalInSeconds`, interval, `must be ${min}-${max} seconds`));
  }
  const groups = cfg.consumerGroups ?? { processing: {}, alerting: {}, archive: {} };
  if (Object.keys(groups).length + 1 > limits.maxConsumerGroupsPerHub) {
    violations.push(
      violation(
        `${P}.consumerGroups`,
        Object.keys(groups),
        `${tier} allows ${limits.maxConsumerGroupsPerHub} consumer groups per event hub including $Default`,
      ),
    );
  }
  const declaredIdentities = typeof raw.identities === "object" && raw.identities !== null ? raw.identities : {};
  for (const [group, g] of Object.entries(groups)) {
    if (g.identity !== undefined && !(g.identity in declaredIdentities)) {
      violations.push(
        violation(
          `${P}.consumerGroups.${group}.identity`,
          g.identity,
          `names no identity declared under 'identities'; declared: ${Object.keys(declaredIdentities).join(", ") || "(none)"}`,
        ),
      );
    }
  }
  const batchOn = cfg.batch?.enabled ?? true;
  const maxNodes = cfg.batch?.maxNodes ?? profile.defaultBatchMaxNodes;
  // Outside dev the nodes run in a subnet without public IPs (policy batch-pool-no-public-ip).
  const batchSubnet =
    batchOn && profile.environment !== "dev" ? (cfg.batch?.subnet ?? "batch-nodes") : cfg.batch?.subnet;
  const subnetViolation = batchOn ? checkSubnetOption(raw, `${P}.batch.subnet`, batchSubnet) : undefined;
  if (subnetViolation) violations.push(subnetViolation);

  const ingest = `${p}-ingest`;
  const batchIdentity = `${p}-batch`;
  const readerOf = (group: string) => groups[group].identity ?? `${p}-${group}`;
  const lake = `${p}-lake`;
  const pe = profile.privateEndpointSubnet;

  const identities: Record<string, unknown> = { [ingest]: {} };
  for (const group of Object.keys(groups)) if (!groups[group].identity) identities[readerOf(group)] = {};
  if (batchOn) identities[batchIdentity] = {};

  const storage = {
    [lake]: {
      sku: profile.storageSku,
      dataLake: true,
      // The pool's identity reads the captured files and takes work items: data roles on that container and that
      // queue only (least privilege), never on the account.
      containers: {
        capture: batchOn
          ? {
              roleAssignments: {
                "batch-read": { role: "Storage Blob Data Reader", principal: { identity: batchIdentity } },
              },
            }
          : {},
        checkpoints: {},
        deadletters: {},
      },
      ...(batchOn
        ? {
            queues: {
              work: {
                roleAssignments: {
                  "batch-process": {
                    role: "Storage Queue Data Message Processor",
                    principal: { identity: batchIdentity },
                  },
                },
              },
            },
          }
        : {}),
      ...(pe
        ? {
            // Capture (Event Hubs) and delivery to the work queue (Event Grid) use the trusted-services exception;
            // everything in the network (Batch nodes, processors) uses the private endpoints.
            publicNetworkAccess: "Enabled",
            privateEndpoints: {
              blob: { subnet: pe, groupId: "blob" },
              dfs: { subnet: pe, groupId: "dfs" },
              ...(batchOn ? { queue: { subnet: pe, groupId: "queue" } } : {}),
            },
          }
        : {}),
    },
  };

  const eventhubs = {
    namespaces: {
      [p]: {
        tier,
        zoneRedundant: profile.zoneRedundant,
        minimumTlsVersion: "1.2",
        ...(pe ? { privateEndpoints: { main: { subnet: pe } } } : {}),
        eventHubs: {
          [p]: {
            load,
            retention: { retentionTimeInDays: retentionDays },
            capture: {
              container: `${lake}/capture`,
              intervalInSeconds: interval,
              encoding: cfg.capture?.encoding ?? "Avro",
            },
            consumerGroups: Object.fromEntries(
              Object.keys(groups).map((group) => [
                group,
                {
                  checkpointStore: {
                    container: `${lake}/checkpoints`,
                    consumers: { reader: { identity: readerOf(group) } },
                  },
                },
              ]),
            ),
            senders: { ingest: { identity: ingest } },
            receivers: Object.fromEntries(Object.keys(groups).map((group) => [group, { identity: readerOf(group) }])),
          },
        },
      },
    },
  };

  const sections: Record<string, unknown> = { identities, storage, eventhubs };
  if (batchOn) {
    sections.eventgrid = {
      systemTopics: {
        [`${p}-capture`]: {
          source: { kind: "eventHubNamespace", key: p },
          deadLetter: `${lake}/deadletters`,
          subscriptions: {
            "capture-files": {
              destination: { kind: "storageQueue", storage: lake, queue: "work" },
              includedEventTypes: ["Microsoft.EventHub.CaptureFileCreated"],
            },
          },
        },
      },
    };
    sections.batch = {
      accounts: {
        [p]: {
          autoStorage: lake,
          ...(pe
            ? {
                privateEndpoints: {
                  account: { subnet: pe, groupId: "batchAccount" },
                  nodes: { subnet: pe, groupId: "nodeManagement" },
                },
              }
            : {}),
          pools: {
            "capture-files": {
              vmSize: cfg.batch?.vmSize ?? "Standard_D2s_v3",
              imageReference: { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts" },
              nodeAgentSkuId: "batch.node.ubuntu 22.04",
              scaleSettings: {
                autoScale: {
                  evaluationInterval: "PT5M",
                  // One node per pending task, up to maxNodes; nodes leave when their tasks complete.
                  formula:
                    `maxNodes = ${maxNodes};\n` +
                    "pending = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5) < 70 ? 0 : " +
                    "max($PendingTasks.GetSample(TimeInterval_Minute * 5));\n" +
                    "$TargetDedicatedNodes = min(maxNodes, pending);\n" +
                    "$NodeDeallocationOption = taskcompletion;",
                },
              },
              startTask: {
                commandLine: '/bin/sh -c "python3 --version"',
                userIdentity: { autoUser: { elevationLevel: "NonAdmin", scope: "Pool" } },
              },
              ...(batchSubnet
                ? { networkConfiguration: { subnet: batchSubnet, publicIPAddressProvisioning: "NoPublicIPAddresses" } }
                : {}),
              identities: { [batchIdentity]: {} },
            },
          },
        },
      },
    };
  }
  const firstGroup = Object.keys(groups)[0];
  return { sections, readerIdentity: firstGroup ? readerOf(firstGroup) : ingest, violations };
}
