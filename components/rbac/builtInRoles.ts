/**
 * Built-in Azure role catalog: display name -> role definition GUID.
 * Source for every entry: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 * (as collected in shared/reference/azure-limits.md §6, all ✅). Add a role here, with its GUID from that page,
 * before any component assigns it; `roleAssignments` accept these names, a GUID, or a full role definition id.
 */
export const builtInRoles = {
  "EventGrid Data Sender": "d5a91429-5739-47e2-a06b-3470a27159e7",
  "EventGrid Contributor": "1e241071-0855-49ea-94dc-649edcd759de",
  "EventGrid EventSubscription Contributor": "428e0ff0-5e57-4d9c-a221-2c70d0e0a443",
  "EventGrid EventSubscription Reader": "2414bbcf-6497-4faf-8c65-045460748405",
  "Azure Event Hubs Data Owner": "f526a384-b230-433a-b45c-95f59c4a2dec",
  "Azure Event Hubs Data Sender": "2b629674-e913-4c01-ae53-ef4638d8f975",
  "Azure Event Hubs Data Receiver": "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
  "Azure Service Bus Data Owner": "090c5cfd-751d-490a-894a-3ce6f1109419",
  "Azure Service Bus Data Sender": "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
  "Azure Service Bus Data Receiver": "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Storage Queue Data Message Sender": "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
  "Azure Batch Account Contributor": "29fe4964-1e60-436b-bd3a-77fd4c178b3c",
  "Azure Batch Data Contributor": "6aaa78f1-f7de-44ca-8722-c64a23943cae",
} as const;

export type BuiltInRoleName = keyof typeof builtInRoles;
