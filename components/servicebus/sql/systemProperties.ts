// System properties a SQL filter or action can name with the `sys.` prefix. Accessing one that does not exist is an
// error (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter, "Remarks": "An
// attempt to access a non-existent system property is an error"), so the config check rejects unknown names.
// The names are the broker properties of https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messages-payloads
// (property names are case-insensitive, same source, "Considerations").

/** Canonical name -> what the router's message model calls it (camelCase). */
export const systemProperties = {
  ContentType: "contentType",
  CorrelationId: "correlationId",
  DeadLetterSource: "deadLetterSource",
  DeliveryCount: "deliveryCount",
  EnqueuedSequenceNumber: "enqueuedSequenceNumber",
  EnqueuedTimeUtc: "enqueuedTimeUtc",
  ExpiresAtUtc: "expiresAtUtc",
  ForcePersistence: "forcePersistence",
  Label: "label",
  LockedUntilUtc: "lockedUntilUtc",
  LockToken: "lockToken",
  MessageId: "messageId",
  PartitionKey: "partitionKey",
  ReplyTo: "replyTo",
  ReplyToSessionId: "replyToSessionId",
  ScheduledEnqueueTimeUtc: "scheduledEnqueueTimeUtc",
  SequenceNumber: "sequenceNumber",
  SessionId: "sessionId",
  Size: "size",
  State: "state",
  TimeToLive: "timeToLive",
  To: "to",
  ViaPartitionKey: "viaPartitionKey",
} as const;

export type SystemPropertyName = keyof typeof systemProperties;

/**
 * Newer SDK names of the same broker properties (`Subject` is `Label`; `TransactionPartitionKey` is `ViaPartitionKey`).
 * ⚠️ The messages-payloads page lists them as the same properties; whether the broker's SQL parser accepts the new
 * names is not stated, so they are accepted and mapped onto the documented ones.
 */
const aliases: Readonly<Record<string, SystemPropertyName>> = {
  subject: "Label",
  transactionpartitionkey: "ViaPartitionKey",
};

const byLowerName = new Map<string, SystemPropertyName>(
  (Object.keys(systemProperties) as SystemPropertyName[]).map((k) => [k.toLowerCase(), k]),
);

/** The canonical system property for a name (case-insensitive), or undefined when there is none. */
export function systemProperty(name: string): SystemPropertyName | undefined {
  const lower = name.toLowerCase();
  return byLowerName.get(lower) ?? aliases[lower];
}
