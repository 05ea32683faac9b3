import type { Violation } from "../../components/core/errors";
import { durationInRange, isoDurationSeconds, violation } from "../../components/core/validate";
import { durations, messagingUnitSteps, names } from "../../components/servicebus/limits";
import type { WebBackendConfig } from "../config/architectures";
import { pairedRegions, Profile } from "./profile";

/** What a preset contributes: regular config sections, the identities of its apps, and option violations. */
export interface PresetResult {
  readonly sections: Record<string, unknown>;
  /** The identity that gets the requested read-only Event Grid role by default. */
  readonly readerIdentity: string;
  readonly violations: Violation[];
}

const P = "architectures.webBackend";

/**
 * Web application backend (order processing), after the user's notes ("Service Bus: order processing and financial
 * transactions"): an orders queue (sessions = FIFO per order, duplicate detection), an order-events topic with a
 * billing subscription (SQL filter) and a shipping subscription (correlation filter), an Event Grid custom topic for
 * application events routed to a queue and optionally a webhook, a system topic on the upload storage account
 * (blob created -> queue), dead-lettering everywhere, and one identity per app with data roles on its own entities:
 * `<prefix>-api` sends and publishes, `<prefix>-processor` / `-billing` / `-shipping` each receive from one entity.
 */
export function expandWebBackend(
  cfg: WebBackendConfig,
  profile: Profile,
  /** Prod: the pair's second region (checkSecondaryLocation). */
  secondaryLocation?: string,
): PresetResult {
  const violations: Violation[] = [];
  const p = cfg.prefix ?? "orders";
  const env = profile.environment;
  const prod = profile.serviceBusPair;

  // Options, checked with their architectures.* paths (the components would report the generated paths instead).
  const dup = cfg.orders?.duplicateDetectionWindow ?? "PT30M";
  const dupWindow = durations.duplicateDetectionWindow;
  const v1 = durationInRange(`${P}.orders.duplicateDetectionWindow`, dup, dupWindow.min, dupWindow.max);
  if (v1) violations.push(v1);
  const ttl = cfg.orders?.messageTimeToLive ?? "P14D";
  if (!isoDurationSeconds(ttl)) {
    violations.push(
      violation(`${P}.orders.messageTimeToLive`, ttl, 'is not a positive ISO 8601 duration such as "P14D" or "PT12H"'),
    );
  }
  const deliveries = cfg.orders?.maxDeliveryCount ?? 5;
  const units = cfg.messagingUnits ?? 1;
  if (!messagingUnitSteps.includes(units)) {
    violations.push(
      violation(`${P}.messagingUnits`, units, `allowed: ${messagingUnitSteps.join(", ")} (Premium messaging units)`),
    );
  }
  const alias = cfg.serviceBusAlias ?? `${p}-bus-${env}`;
  if (!names.alias.test(alias)) violations.push(violation(`${P}.serviceBusAlias`, alias, `must be ${names.aliasRule}`));
  if (cfg.webhook) {
    if (!/^https:\/\//i.test(cfg.webhook.endpointUrl)) {
      violations.push(violation(`${P}.webhook.endpointUrl`, cfg.webhook.endpointUrl, "must be an https URL"));
    }
    if (prod && !cfg.webhook.entraId?.tenantId) {
      // Both the app id/URI and the tenant: what policy eventgrid-webhook-secure (mandatory in prod) checks.
      violations.push(
        violation(
          cfg.webhook.entraId ? `${P}.webhook.entraId.tenantId` : `${P}.webhook.entraId`,
          undefined,
          "is required in prod: Event Grid authenticates to the webhook with an Entra ID token " +
            "({ applicationIdOrUri, tenantId }; policy eventgrid-webhook-secure)",
        ),
      );
    }
  }

  const ids = { api: `${p}-api`, processor: `${p}-processor`, billing: `${p}-billing`, shipping: `${p}-shipping` };
  const appEvents = cfg.appEvents ?? true;
  const uploads = cfg.uploads ?? true;
  const storageKey = `${p}-storage`;
  const deadLetter = `${storageKey}/deadletters`;
  const pe = profile.privateEndpointSubnet;
  const sender = (identity: string) => ({ role: "Azure Service Bus Data Sender", principal: { identity } });
  const receiver = (identity: string) => ({ role: "Azure Service Bus Data Receiver", principal: { identity } });
  const receiving = { deadLetteringOnMessageExpiration: true, maxDeliveryCount: deliveries };

  const queues: Record<string, unknown> = {
    [p]: {
      // FIFO per order (SessionId = order id); client retries within the window are dropped.
      requiresSession: cfg.orders?.sessions ?? true,
      requiresDuplicateDetection: true,
      duplicateDetectionHistoryTimeWindow: dup,
      lockDuration: "PT1M",
      defaultMessageTimeToLive: ttl,
      ...receiving,
      roleAssignments: { send: sender(ids.api), receive: receiver(ids.processor) },
    },
  };
  if (appEvents) {
    queues["app-events"] = {
      defaultMessageTimeToLive: "P7D",
      ...receiving,
      roleAssignments: { receive: receiver(ids.processor) },
    };
  }
  if (uploads) {
    queues["blob-uploads"] = {
      defaultMessageTimeToLive: "P7D",
      ...receiving,
      roleAssignments: { receive: receiver(ids.processor) },
    };
  }
  const subscriptionDefaults = { ...receiving, deadLetteringOnFilterEvaluationExceptions: true };
  const entities = {
    queues,
    topics: {
      [`${p}-events`]: {
        requiresDuplicateDetection: true,
        defaultMessageTimeToLive: ttl,
        roleAssignments: { send: sender(ids.api) },
        subscriptions: {
          billing: {
            ...subscriptionDefaults,
            rules: { billing: { sqlFilter: cfg.billingFilter ?? "eventType = 'OrderPlaced'" } },
            roleAssignments: { receive: receiver(ids.billing) },
          },
          shipping: {
            ...subscriptionDefaults,
            rules: { paid: { correlationFilter: { label: cfg.shippingLabel ?? "order.paid" } } },
            roleAssignments: { receive: receiver(ids.shipping) },
          },
        },
      },
    },
  };

  let servicebus: Record<string, unknown>;
  if (prod) {
    const endpoints: Record<string, unknown> = {};
    if (pe) endpoints.main = { subnet: pe };
    if (profile.secondaryPrivateEndpointSubnet) {
      endpoints.secondary = { subnet: profile.secondaryPrivateEndpointSubnet, location: secondaryLocation };
    }
    servicebus = {
      pairs: {
        [p]: {
          alias,
          secondaryLocation,
          capacity: units,
          zoneRedundant: true,
          minimumTlsVersion: "1.2",
          managedIdentities: { systemAssigned: true }, // ready for a customer-managed key (SB-05/SB-08)
          // Event Grid (a trusted service) delivers app and upload events with its managed identity.
          networkRuleSet: { defaultAction: "Deny", trustedServiceAccessEnabled: true },
          ...(Object.keys(endpoints).length > 0 ? { privateEndpoints: endpoints } : {}),
          ...entities,
        },
      },
    };
  } else {
    // Private endpoints and network rules are Premium features: test keeps Standard with public access.
    servicebus = { namespaces: { [p]: { tier: profile.serviceBusSku, minimumTlsVersion: "1.2", ...entities } } };
  }

  const topicSubscriptions: Record<string, unknown> = {
    "to-queue": {
      destination: { kind: "serviceBusQueue", namespace: p, queue: "app-events" },
      retry: { maxDeliveryAttempts: 10, eventTtlMinutes: 1440 },
    },
  };
  if (cfg.webhook) {
    topicSubscriptions["to-webhook"] = {
      destination: {
        kind: "webhook",
        endpointUrl: cfg.webhook.endpointUrl,
        ...(cfg.webhook.entraId ? { entraId: cfg.webhook.entraId } : {}),
        minimumTlsVersion: "1.2",
      },
      retry: { maxDeliveryAttempts: 10, eventTtlMinutes: 1440 },
    };
  }
  const eventgrid: Record<string, unknown> = {};
  if (appEvents) {
    eventgrid.topics = {
      [p]: {
        inputSchema: "CloudEventSchemaV1_0",
        minimumTlsVersion: "1.2",
        publishers: { api: { identity: ids.api } },
        deadLetter,
        ...(pe ? { privateEndpoints: { main: { subnet: pe } } } : {}),
        subscriptions: topicSubscriptions,
      },
    };
  }
  if (uploads) {
    eventgrid.systemTopics = {
      [storageKey]: {
        source: { kind: "storageAccount", key: storageKey },
        deadLetter,
        subscriptions: {
          "blob-created": {
            destination: { kind: "serviceBusQueue", namespace: p, queue: "blob-uploads" },
            includedEventTypes: ["Microsoft.Storage.BlobCreated"],
            subjectBeginsWith: "/blobServices/default/containers/uploads/",
          },
        },
      },
    };
  }

  const storage = {
    [storageKey]: {
      sku: profile.storageSku,
      containers: { deadletters: {}, ...(uploads ? { uploads: {} } : {}) },
      ...(pe
        ? {
            // Clients use the blob endpoint privately; Event Grid dead-letters through the trusted-services exception.
            publicNetworkAccess: "Enabled",
            privateEndpoints: { blob: { subnet: pe, groupId: "blob" } },
          }
        : {}),
    },
  };

  return {
    sections: {
      identities: Object.fromEntries(Object.values(ids).map((k) => [k, {}])),
      storage,
      servicebus,
      eventgrid,
    },
    readerIdentity: ids.api,
    violations,
  };
}

/** The prod pair's secondary region: the option, else the Azure pair of the stack's location. */
export function checkSecondaryLocation(
  profile: Profile,
  secondaryLocation: string | undefined,
): { location?: string; violation?: Violation } {
  const location = secondaryLocation ?? pairedRegions[profile.location ?? ""];
  if (!location) {
    return {
      violation: violation(
        "architectures.secondaryLocation",
        undefined,
        `is required in prod for the Service Bus pair (the second region)${profile.location ? `: '${profile.location}' has no pair in stacks/architectures/profile.ts` : "; or set 'location' to a region with a known pair"}`,
      ),
    };
  }
  if (profile.location && location.toLowerCase() === profile.location.toLowerCase()) {
    return {
      violation: violation(
        "architectures.secondaryLocation",
        location,
        "must be another region than the stack's location (geo-DR pairs span two regions)",
      ),
    };
  }
  return { location };
}
