import type { Violation } from "../../components/core/errors";

/**
 * The platform stack's export document: ONE stack output, `platform`, that team stacks read through a
 * StackReference. Versioned: a change that removes or renames a field bumps `version`, and team stacks of another
 * version fail with a clear message instead of reading `undefined`. Adding fields keeps the version.
 * Documented in docs/operations.md ("Export document").
 */
export const PLATFORM_EXPORT_NAME = "platform";
export const PLATFORM_EXPORT_VERSION = 1;

export interface ExportedServiceBusNamespace {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /** `Basic` | `Standard` | `Premium`: team stacks state the tier they expect, and it must match. */
  readonly sku: string;
  /** Whether SAS (local) authentication is on; team SAS policies need it. */
  readonly localAuth: boolean;
  /** Set when the namespace is the primary of a geo-DR pair: `<alias>.servicebus.windows.net` is what apps use. */
  readonly aliasHostName?: string;
}

export interface ExportedEventHubNamespace {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /** `Basic` | `Standard` | `Premium` | `Dedicated`. */
  readonly tier: string;
  readonly localAuth: boolean;
  /** Principal id of the namespace's system-assigned identity ("" without one): the grantee of team captures. */
  readonly principalId: string;
}

export interface PlatformExports {
  readonly version: typeof PLATFORM_EXPORT_VERSION;
  readonly environment: string;
  readonly location: string;
  /** The platform's resource group (namespaces may also live there). */
  readonly resourceGroupName: string;
  /** By `servicebus.namespaces` / `servicebus.pairs` key of the platform stack. */
  readonly servicebus: Record<string, ExportedServiceBusNamespace>;
  /** By `eventhubs.namespaces` key of the platform stack. */
  readonly eventhubs: Record<string, ExportedEventHubNamespace>;
  readonly network: {
    readonly virtualNetworkId?: string;
    /** Subnet ids by `network.subnets` key. */
    readonly subnets: Record<string, string>;
    /** Private DNS zone ids by zone name (created by the platform, or existing ones it uses). */
    readonly privateDnsZones: Record<string, string>;
  };
  /** Shared user-assigned identities by `identities` key. */
  readonly identities: Record<string, { readonly id: string; readonly principalId: string; readonly clientId: string }>;
  /** Shared storage accounts by `storage` key, with their containers (dead-letter, capture, checkpoints). */
  readonly storage: Record<
    string,
    {
      readonly id: string;
      readonly name: string;
      readonly containers: Record<string, { readonly id: string; readonly name: string }>;
    }
  >;
}

/** What a team stack reads from the document: every reference, with the config path that makes it. */
export interface TeamReferences {
  readonly servicebus: Record<string, { readonly sku: string; readonly usesLocalAuth: boolean }>;
  readonly eventhubs: Record<
    string,
    { readonly tier: string; readonly usesLocalAuth: boolean; readonly systemIdentityCaptures: string[] }
  >;
  /** Identity keys that are not declared in the team stack itself, with the path of each reference. */
  readonly identities: { readonly key: string; readonly path: string }[];
  /** `<storage key>/<container key>` references to containers not declared in the team stack itself. */
  readonly containers: { readonly ref: string; readonly path: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const listed = (m: unknown) => (isObject(m) && Object.keys(m).length > 0 ? Object.keys(m).join(", ") : "(none)");

/**
 * Checks a platform's export document against what a team stack references: the document's version, every namespace
 * key with the tier the team expects, local auth for SAS policies, the namespace identity for captures, and every
 * shared identity and container. Pure; the team builder runs it when the StackReference's outputs are known
 * (`pulumi up`/`preview`, and the offline plan), and a violation stops the program (exit 2 offline).
 */
export function checkPlatformExports(doc: unknown, refs: TeamReferences, platformStack: string): Violation[] {
  if (!isObject(doc)) {
    return [
      {
        path: "platform.stack",
        value: platformStack,
        message: `exports no '${PLATFORM_EXPORT_NAME}' output: is it a platform stack (platform.role: platform) of this project, and deployed?`,
      },
    ];
  }
  if (doc.version !== PLATFORM_EXPORT_VERSION) {
    return [
      {
        path: "platform.stack",
        value: platformStack,
        message: `exports version ${JSON.stringify(doc.version)} of the '${PLATFORM_EXPORT_NAME}' document; this program reads version ${PLATFORM_EXPORT_VERSION} (update the team stack or the platform stack)`,
      },
    ];
  }
  const found: Violation[] = [];
  /** One referenced namespace: exported, of the stated tier, with local auth when the team uses SAS. */
  const namespace = (
    section: "servicebus" | "eventhubs",
    key: string,
    tierField: "sku" | "tier",
    want: { readonly usesLocalAuth: boolean } & Partial<Record<"sku" | "tier", string>>,
  ): Record<string, unknown> | undefined => {
    const path = `platform.${section}.${key}`;
    const all = isObject(doc[section]) ? (doc[section] as Record<string, unknown>) : {};
    const service = section === "servicebus" ? "Service Bus" : "Event Hubs";
    const ns = all[key];
    if (!isObject(ns)) {
      found.push({
        path,
        value: key,
        message: `names no ${service} namespace that platform stack '${platformStack}' exports; exported: ${listed(all)}`,
      });
      return undefined;
    }
    if (ns[tierField] !== want[tierField]) {
      found.push({
        path: `${path}.${tierField}`,
        value: want[tierField],
        message: `does not match the platform namespace's tier ${JSON.stringify(ns[tierField])}; state the tier it has (the tier rules are checked against it)`,
      });
    }
    if (want.usesLocalAuth && ns.localAuth !== true) {
      found.push({
        path,
        value: key,
        message: `declares SAS policies, but the platform's ${service} namespace has local (SAS) authentication disabled; grant data-plane roles instead`,
      });
    }
    return ns;
  };
  for (const [key, want] of Object.entries(refs.servicebus)) namespace("servicebus", key, "sku", want);
  for (const [key, want] of Object.entries(refs.eventhubs)) {
    const ns = namespace("eventhubs", key, "tier", want);
    if (!ns) continue;
    for (const capturePath of want.systemIdentityCaptures) {
      if (typeof ns.principalId !== "string" || ns.principalId === "") {
        found.push({
          path: capturePath,
          value: "SystemAssigned",
          message:
            "captures with the namespace's system-assigned identity, which the platform namespace does not have; use { identity: <key> } or ask the platform for managedIdentities: { systemAssigned: true }",
        });
      }
    }
  }
  const identities = isObject(doc.identities) ? doc.identities : {};
  for (const { key, path } of refs.identities) {
    if (!isObject(identities[key])) {
      found.push({
        path,
        value: key,
        message: `names no identity declared under 'identities' in this stack or exported by platform stack '${platformStack}'; exported: ${listed(identities)}`,
      });
    }
  }
  const storage = isObject(doc.storage) ? doc.storage : {};
  for (const { ref, path } of refs.containers) {
    const [account, container] = ref.split("/");
    const acct = storage[account];
    if (!isObject(acct) || !isObject(acct.containers) || !isObject(acct.containers[container])) {
      const exported = Object.entries(storage).flatMap(([a, s]) =>
        isObject(s) && isObject(s.containers) ? Object.keys(s.containers).map((c) => `${a}/${c}`) : [],
      );
      found.push({
        path,
        value: ref,
        message: `names no container declared under 'storage' in this stack or exported by platform stack '${platformStack}'; exported: ${exported.join(", ") || "(none)"}`,
      });
    }
  }
  return found;
}
