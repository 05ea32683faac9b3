/**
 * Built-in Azure role catalog: display name -> role definition GUID.
 * Source for every entry: RBAC = https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 * (entries marked ✅ read on that page; the rest confirmed through search of
 * that page's per-category copies and public ARM/Bicep code quoting the same GUID with the same name).
 * Add a role here, with its GUID from that page, before any component assigns it; `roleAssignments` accept these
 * names, a GUID, or a full role definition id.
 */
export const builtInRoles = {
  // Event Grid (RBAC ✅)
  "EventGrid Data Sender": "d5a91429-5739-47e2-a06b-3470a27159e7",
  "EventGrid Contributor": "1e241071-0855-49ea-94dc-649edcd759de",
  "EventGrid EventSubscription Contributor": "428e0ff0-5e57-4d9c-a221-2c70d0e0a443",
  "EventGrid EventSubscription Reader": "2414bbcf-6497-4faf-8c65-045460748405",
  // Event Hubs (RBAC ✅)
  "Azure Event Hubs Data Owner": "f526a384-b230-433a-b45c-95f59c4a2dec",
  "Azure Event Hubs Data Sender": "2b629674-e913-4c01-ae53-ef4638d8f975",
  "Azure Event Hubs Data Receiver": "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
  // Service Bus (RBAC ✅)
  "Azure Service Bus Data Owner": "090c5cfd-751d-490a-894a-3ce6f1109419",
  "Azure Service Bus Data Sender": "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
  "Azure Service Bus Data Receiver": "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
  // Storage (dead-letter, capture, checkpoints, Batch auto-storage)
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // RBAC ✅
  "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", // RBAC, confirmed via search
  "Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // RBAC, confirmed via search
  "Storage Queue Data Message Sender": "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", // RBAC ✅
  "Storage Queue Data Message Processor": "8a0f0c08-91a1-4084-bc3d-661d67233fed", // RBAC, confirmed via search
  "Storage Queue Data Contributor": "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // RBAC, confirmed via search
  "Storage Queue Data Reader": "19e7f393-937e-4f77-808e-94535e297925", // RBAC, confirmed via search
  // Batch
  "Azure Batch Account Contributor": "29fe4964-1e60-436b-bd3a-77fd4c178b3c", // RBAC ✅
  "Azure Batch Data Contributor": "6aaa78f1-f7de-44ca-8722-c64a23943cae", // RBAC ✅
  "Azure Batch Account Reader": "11076f67-66f6-4be0-8f6b-f0609fd05cc9", // RBAC (Compute category), via search
  "Azure Batch Job Submitter": "48e5e92e-a480-4e71-aa9c-2778f4c13781", // RBAC (Compute category), via search
  // Networking (private endpoints and DNS zones)
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7", // RBAC, confirmed via search
  "Private DNS Zone Contributor": "b12aa53e-6015-4669-85d0-8515ebb3ae7f", // RBAC, confirmed via search
  // General and privileged roles (RBAC "General"/"Privileged" categories, confirmed via search). Listed so that
  // policies can recognise them (RB-04: Owner / User Access Administrator at broad scopes); assign them sparingly.
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
} as const;

export type BuiltInRoleName = keyof typeof builtInRoles;

/** The catalog name of a built-in role GUID, or undefined (reverse lookup for reports and policies). */
export function builtInRoleName(guid: string): BuiltInRoleName | undefined {
  const lower = guid.toLowerCase();
  return (Object.keys(builtInRoles) as BuiltInRoleName[]).find((name) => builtInRoles[name] === lower);
}
