import type { PolicyResource } from "@pulumi/policy";
import * as authorization from "@pulumi/azure-native/authorization";
import * as batch from "@pulumi/azure-native/batch";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as resources from "@pulumi/azure-native/resources";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as storage from "@pulumi/azure-native/storage";
import { linked, ofType } from "../lib/graph";
import { isOfType, PackPolicy, Props, ResourceClass, same, schema, stackRule, tokenOf, typeMatches } from "../lib/rule";

/** Resources that hold data or configuration that a replacement or deletion would lose. */
const STATEFUL: readonly ResourceClass[] = [
  eventhub.Namespace,
  eventhub.EventHub,
  servicebus.Namespace,
  servicebus.Queue,
  servicebus.Topic,
  servicebus.Subscription,
  eventgrid.Topic,
  eventgrid.Domain,
  eventgrid.Namespace,
  storage.StorageAccount,
  storage.BlobContainer,
  batch.BatchAccount,
  keyvault.Vault,
];

/** Top-level stateful resources: a lock on them also covers their child entities. */
const LOCKABLE: readonly ResourceClass[] = [
  eventhub.Namespace,
  servicebus.Namespace,
  eventgrid.Topic,
  eventgrid.Domain,
  eventgrid.Namespace,
  storage.StorageAccount,
  batch.BatchAccount,
  keyvault.Vault,
];

/** Resources whose type is one of `tokens` (versioned tokens included). */
const ofTokens = (all: readonly PolicyResource[], tokens: readonly string[]) =>
  all.filter((x) => tokens.some((t) => typeMatches(x.type, t)));

const typesConfig = (classes: readonly ResourceClass[], description: string) => ({
  properties: { types: schema.stringList(classes.map(tokenOf), description) },
});

/** Stack-wide governance rules (ST-xx). Disabled in dev, mandatory in prod (policies/config). */
export const stackPolicies: PackPolicy[] = [
  stackRule<{ types: string[] }>(
    {
      name: "stateful-resources-protected",
      code: "ST-01",
      description:
        "Stateful resources (namespaces, entities, accounts, vaults) are protected from deletion and replacement.",
      severity: "high",
      anchor: "derived: Pulumi resource option protect (PolicyResource.opts.protect)",
      remediation:
        "Set protect: true on stateful resources (the stacks do it in prod through the components' protect arg).",
      configSchema: typesConfig(STATEFUL, "Type tokens (versioned tokens match too) that must be protected."),
    },
    (all, _a, report, cfg) => {
      for (const r of ofTokens(all, cfg.types)) {
        if (!r.opts.protect) report(`${r.name} (${r.type}) is not protected`, r.urn);
      }
    },
  ),
  stackRule<{ types: string[]; levels: string[] }>(
    {
      name: "stateful-resources-locked",
      code: "ST-02",
      description: "Top-level stateful resources carry a management lock (on themselves or their resource group).",
      severity: "high",
      anchor: "derived: Azure management locks (ARM Microsoft.Authorization/locks), linked through the lock's scope",
      remediation:
        "Add lock: { kind: CanNotDelete } to the component (the stacks do it in prod), or lock the resource group.",
      configSchema: {
        properties: {
          ...typesConfig(LOCKABLE, "Type tokens (versioned tokens match too) that must be locked.").properties,
          levels: schema.stringList(["CanNotDelete", "ReadOnly"], "Lock levels that count."),
        },
      },
    },
    (all, _a, report, cfg) => {
      const locks = ofType(all, [authorization.ManagementLockByScope]).filter((l) =>
        cfg.levels.some((lv) => same((l.props as Props).level, lv)),
      );
      const lockedUrns = new Set(locks.flatMap((l) => linked(l, "scope").map((x) => x.urn)));
      for (const r of ofTokens(all, cfg.types)) {
        const rg = linked(r, "resourceGroupName").find((x) => isOfType(x.type, [resources.ResourceGroup]));
        if (!lockedUrns.has(r.urn) && !(rg && lockedUrns.has(rg.urn))) {
          report(`${r.name} (${r.type}) has no ${cfg.levels.join(" or ")} lock on itself or its resource group`, r.urn);
        }
      }
    },
  ),
];
