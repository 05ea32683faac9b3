// Targets outside the stack, given by ARM id where the config otherwise takes a stack key: blob containers (capture,
// checkpoint stores, Event Grid dead-letter) and Event Hubs geo-DR partners. One regular expression per id shape,
// used by the schema (a clear error naming the key and the expected shape), the checks and both resolvers.

/** The ARM id of a blob container: what a `<storage key>/<container key>` reference may be instead. */
export const containerIdShape =
  "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Storage/storageAccounts/{account}/blobServices/default/containers/{container}";
const CONTAINER_ID =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+)\/blobServices\/default\/containers\/([^/]+)$/i;
/** `<storage key>/<container key>`, or a container id (the pattern the schema and its JSON Schema state). */
export const CONTAINER_REF = new RegExp(`^(?:[^/]+\\/[^/]+|${CONTAINER_ID.source.slice(1, -1)})$`, "i");

/** The ARM id of an Event Hubs namespace: what a geo-DR `partner` key may be instead. */
export const eventHubsNamespaceIdShape =
  "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.EventHub/namespaces/{namespace}";
const EVENT_HUBS_NAMESPACE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+$/i;

/** Whether a reference is an ARM id (outside the stack) rather than a stack key; keys never start with '/'. */
export function isArmId(ref: string): boolean {
  return ref.startsWith("/");
}

/** A container id as the parts the components take, or undefined when `ref` is not a container id. */
export function parseContainerId(
  ref: string,
): { storageAccountId: string; containerName: string; containerId: string } | undefined {
  const m = CONTAINER_ID.exec(ref);
  return m ? { storageAccountId: m[1], containerName: m[2], containerId: ref } : undefined;
}

/** Whether `ref` is the id of an Event Hubs namespace (not of a child such as an event hub). */
export function isEventHubsNamespaceId(ref: string): boolean {
  return EVENT_HUBS_NAMESPACE_ID.test(ref);
}
