import { createHash } from "crypto";

/**
 * The naming policy for every Azure name the product chooses (a user-given `name` is validated against the same
 * rules). Source of the rules: "Naming rules and restrictions for Azure resources",
 * https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules (one anchor per provider,
 * given with each rule). Names are `<prefix>-<key>-<environment>`, shortened to fit, and names Azure makes part of a
 * DNS name or requires unique across Azure get a stable `-<suffix>` (6 hex characters of the subscription, project,
 * stack, resource group, environment and key) so that two stacks, two environments or two subscriptions never want
 * the same name. Names that allow no hyphens drop them (`steventsdev1a2b3c`).
 */
export interface AzureNameRule {
  /** Longest name (the pattern says it too; `productName` shortens keys to fit). */
  readonly max: number;
  /** The full rule, as Azure checks it. */
  readonly pattern: RegExp;
  /** Lower-case letters and digits only (no hyphens, no upper case). */
  readonly lowerAlnum?: boolean;
  /** Unique across Azure (part of a DNS name): the product adds the stack's suffix. */
  readonly globallyUnique: boolean;
  /** What the pattern says, for messages. */
  readonly says: string;
  readonly source: string;
}

const RULES = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

export const azureNameRules = {
  storageAccount: {
    max: 24,
    pattern: /^[a-z0-9]{3,24}$/,
    lowerAlnum: true,
    globallyUnique: true,
    says: "3-24 lowercase letters and digits",
    source: `${RULES}#microsoftstorage`,
  },
  batchAccount: {
    max: 24,
    pattern: /^[a-z0-9]{3,24}$/,
    lowerAlnum: true,
    globallyUnique: true,
    says: "3-24 lowercase letters and digits",
    source: `${RULES}#microsoftbatch`,
  },
  serviceBusNamespace: {
    max: 50,
    // "The name doesn't end with '-', '-sb' or '-mgmt'": https://learn.microsoft.com/rest/api/servicebus/create-namespace
    pattern: /^(?!.*-(sb|mgmt)$)[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$/,
    globallyUnique: true,
    says: "6-50 letters, digits and hyphens, starting with a letter, ending with a letter or digit, not ending in -sb or -mgmt",
    source: `${RULES}#microsoftservicebus`,
  },
  eventHubsNamespace: {
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$/,
    globallyUnique: true,
    says: "6-50 letters, digits and hyphens, starting with a letter, ending with a letter or digit",
    source: `${RULES}#microsofteventhub`,
  },
  eventHubsCluster: {
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$/,
    globallyUnique: false,
    says: "6-50 letters, digits and hyphens, starting with a letter, ending with a letter or digit",
    source: `${RULES}#microsofteventhub`,
  },
  // The alias is the host name applications connect to (`<alias>.servicebus.windows.net`, Event Hubs and Service Bus).
  geoDrAlias: {
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$/,
    globallyUnique: true,
    says: "6-50 letters, digits and hyphens, starting with a letter, ending with a letter or digit",
    source: `${RULES}#microsoftservicebus`,
  },
  // Topic and domain endpoints are `https://<name>.<region>-1.eventgrid.azure.net/api/events`: DNS names.
  eventGridTopic: {
    max: 50,
    pattern: /^[a-zA-Z0-9-]{3,50}$/,
    globallyUnique: true,
    says: "3-50 letters, digits and hyphens",
    source: `${RULES}#microsofteventgrid`,
  },
  eventGridDomain: {
    max: 50,
    pattern: /^[a-zA-Z0-9-]{3,50}$/,
    globallyUnique: true,
    says: "3-50 letters, digits and hyphens",
    source: `${RULES}#microsofteventgrid`,
  },
  eventGridSystemTopic: {
    max: 128,
    pattern: /^[a-zA-Z0-9-]{3,128}$/,
    globallyUnique: false,
    says: "3-128 letters, digits and hyphens",
    source: `${RULES}#microsofteventgrid`,
  },
  userAssignedIdentity: {
    max: 128,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/,
    globallyUnique: false,
    says: "3-128 letters, digits, hyphens and underscores, starting with a letter or digit",
    source: `${RULES}#microsoftmanagedidentity`,
  },
  logAnalyticsWorkspace: {
    max: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/,
    globallyUnique: false,
    says: "4-63 letters, digits and hyphens, starting and ending with a letter or digit",
    source: `${RULES}#microsoftoperationalinsights`,
  },
  virtualNetwork: {
    max: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]$/,
    globallyUnique: false,
    says: "2-64 letters, digits, underscores, periods and hyphens, starting with a letter or digit, ending with a letter, digit or underscore",
    source: `${RULES}#microsoftnetwork`,
  },
} as const satisfies Record<string, AzureNameRule>;

export type AzureNameKind = keyof typeof azureNameRules;

/**
 * The stack's naming seed: differs per subscription, project, stack, resource group and environment, and never
 * changes for one stack. `productName` derives each name's suffix from it and the config key.
 */
export function nameSeed(parts: {
  subscriptionId: string;
  project: string;
  stack: string;
  resourceGroupName: string;
  environment: string;
}): string {
  const text = [parts.subscriptionId, parts.project, parts.stack, parts.resourceGroupName, parts.environment]
    .map((p) => p.toLowerCase())
    .join("|");
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

const hex = (text: string, length: number) => createHash("sha256").update(text).digest("hex").slice(0, length);

/**
 * The name the product gives a resource of `kind` for config key `key`: valid by construction for its rule
 * (characters Azure refuses are dropped, the key is shortened to fit). A globally unique name ends with 6 hex
 * characters of the stack's seed, the kind and the key; any other name whose key had to be changed to fit gets 4
 * hex characters of the key, so two keys never give one name.
 */
export function productName(
  kind: AzureNameKind,
  prefix: string,
  key: string,
  environment: string,
  seed: string,
): string {
  const rule: AzureNameRule = azureNameRules[kind];
  const clean = (s: string) =>
    rule.lowerAlnum ? s.toLowerCase().replace(/[^a-z0-9]/g, "") : s.replace(/[^a-zA-Z0-9-]/g, "-");
  const sep = rule.lowerAlnum ? "" : "-";
  const cleanKey = clean(key);
  const suffixFor = (lossy: boolean) =>
    rule.globallyUnique ? hex(`${seed}|${kind}|${key}`, 6) : lossy ? hex(`${kind}|${key}`, 4) : "";
  const compose = (suffix: string) => {
    const tail = [clean(environment), suffix].filter((p) => p !== "").join(sep);
    const head = clean(prefix);
    const room = rule.max - head.length - tail.length - 2 * sep.length;
    const body = cleanKey.slice(0, Math.max(room, 1)).replace(/-+$/, "");
    return {
      name: [head, body, tail]
        .filter((p) => p !== "")
        .join(sep)
        .replace(/-{2,}/g, "-"),
      cut: body !== cleanKey,
    };
  };
  let out = compose(suffixFor(cleanKey !== key));
  if (out.cut && !rule.globallyUnique) out = compose(suffixFor(true));
  if (!rule.pattern.test(out.name)) {
    throw new Error(`productName: ${JSON.stringify(out.name)} breaks the ${kind} rule (${rule.says}); fix the prefix`);
  }
  return out.name;
}

/** Checks a user-given name against its rule: undefined when valid, else what is allowed (with the source). */
export function azureNameProblem(kind: AzureNameKind, name: string): string | undefined {
  const rule: AzureNameRule = azureNameRules[kind];
  return rule.pattern.test(name) ? undefined : `is not a valid ${kind} name: ${rule.says} (${rule.source})`;
}
