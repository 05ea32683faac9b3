import * as authorization from "@pulumi/azure-native/authorization";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as pulumi from "@pulumi/pulumi";
import { fail, pass, RG, RuleCase, SUB } from "../harness";

const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const UAA = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
const CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
const SB_SENDER = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
const SB_DATA_OWNER = "090c5cfd-751d-490a-894a-3ce6f1109419";
const roleId = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

const role = (n: string, permissions: authorization.RoleDefinitionArgs["permissions"], description?: string) =>
  new authorization.RoleDefinition(`${n}-role`, {
    scope: `${SUB}/resourceGroups/${RG}`,
    roleName: `${n} operator`,
    description:
      description ?? "Reads Service Bus queues for the orders team; no built-in role is read-only on queues.",
    permissions,
    assignableScopes: [`${SUB}/resourceGroups/${RG}`],
  });

const assignment = (
  n: string,
  scope: pulumi.Input<string>,
  guid: string,
  extra: Partial<authorization.RoleAssignmentArgs> = {},
) =>
  new authorization.RoleAssignment(`${n}-ra`, {
    scope,
    roleDefinitionId: roleId(guid),
    principalId: "22222222-2222-2222-2222-222222222222",
    principalType: "Group",
    ...extra,
  });

/** An Event Grid topic delivering to a Service Bus queue with its identity; the role is scoped by `scopeOf`. */
function wiring(n: string, scopeOf: (ns: servicebus.Namespace, q: servicebus.Queue) => pulumi.Input<string>) {
  const ns = new servicebus.Namespace(`${n}-ns`, {
    resourceGroupName: RG,
    namespaceName: `${n}-ns`,
    sku: { name: "Premium" },
  });
  const queue = new servicebus.Queue(`${n}-q`, { resourceGroupName: RG, namespaceName: ns.name, queueName: "orders" });
  const topic = new eventgrid.Topic(`${n}-topic`, { resourceGroupName: RG, identity: { type: "SystemAssigned" } });
  const principalId = topic.identity.apply((i) => i!.principalId!);
  const ra = new authorization.RoleAssignment(`${n}-ra`, {
    scope: scopeOf(ns, queue),
    roleDefinitionId: roleId(SB_SENDER),
    principalId,
    principalType: "ServicePrincipal",
  });
  new eventgrid.TopicEventSubscription(
    `${n}-sub`,
    {
      resourceGroupName: RG,
      topicName: topic.name,
      deliveryWithResourceIdentity: {
        identity: { type: "SystemAssigned" },
        destination: { endpointType: "ServiceBusQueue", resourceId: queue.id },
      },
    },
    { dependsOn: [ra] },
  );
}

export const cases: RuleCase[] = [
  pass("rbac-custom-role-review", "described", (n) =>
    role(n, [{ actions: ["Microsoft.ServiceBus/namespaces/queues/read"] }]),
  ),
  fail(
    "rbac-custom-role-review",
    "no description",
    (n) => role(n, [{ actions: ["Microsoft.ServiceBus/namespaces/queues/read"] }], ""),
    /has no description/,
  ),
  pass("rbac-custom-role-no-wildcard-actions", "exact actions", (n) =>
    role(n, [{ actions: ["Microsoft.ServiceBus/namespaces/queues/read"] }]),
  ),
  fail(
    "rbac-custom-role-no-wildcard-actions",
    "'*'",
    (n) => role(n, [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Delete"] }]),
    /permissions\[0\].actions contains '\*': the role is equivalent to Owner/,
  ),
  pass("rbac-custom-role-no-wildcard-data-actions", "exact data actions", (n) =>
    role(n, [{ actions: [], dataActions: ["Microsoft.ServiceBus/namespaces/messages/receive/action"] }]),
  ),
  fail(
    "rbac-custom-role-no-wildcard-data-actions",
    "'*' data actions and role assignment writes",
    (n) => role(n, [{ actions: ["Microsoft.Authorization/*/write"], dataActions: ["*"] }]),
    [
      /dataActions contains '\*'/,
      /grants Microsoft.Authorization\/\*\/write, which covers the denied Microsoft.Authorization\/\*/,
    ],
  ),
  pass(
    "rbac-no-privileged-assignment-at-broad-scope",
    "Owner on a resource group, Contributor on the subscription",
    (n) => {
      assignment(`${n}a`, `${SUB}/resourceGroups/${RG}`, OWNER);
      assignment(`${n}b`, SUB, CONTRIBUTOR);
    },
  ),
  fail(
    "rbac-no-privileged-assignment-at-broad-scope",
    "Owner on the subscription, User Access Administrator on a management group",
    (n) => {
      assignment(`${n}a`, SUB, OWNER);
      assignment(`${n}b`, "/providers/Microsoft.Management/managementGroups/mg-platform", UAA);
    },
    [/assigns Owner at \/subscriptions\//, /assigns User Access Administrator at \/providers\/Microsoft.Management/],
  ),
  pass("rbac-assignment-principal-type-not-user", "group", (n) =>
    assignment(n, `${SUB}/resourceGroups/${RG}`, CONTRIBUTOR),
  ),
  fail(
    "rbac-assignment-principal-type-not-user",
    "unset: the SDK default User",
    (n) => assignment(n, `${SUB}/resourceGroups/${RG}`, CONTRIBUTOR, { principalType: undefined }),
    /principalType is "User"/,
  ),
  pass("rbac-grants-outside-stack", "a role on an entity of this stack", (n) => wiring(n, (_ns, q) => q.id)),
  pass("rbac-grants-outside-stack", "a role at resource group scope (judged by RB-06 / RB-07)", (n) =>
    assignment(n, `${SUB}/resourceGroups/${RG}`, CONTRIBUTOR),
  ),
  fail(
    "rbac-grants-outside-stack",
    "a role on a queue given by id",
    (n) =>
      assignment(
        n,
        `${SUB}/resourceGroups/rg-billing/providers/Microsoft.ServiceBus/namespaces/sb-billing/queues/invoices`,
        SB_SENDER,
      ),
    /grants a principal role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 on .*\/queues\/invoices, which this stack does not manage/,
  ),
  pass("rbac-assignment-narrowest-scope", "sender role on the queue the topic delivers to", (n) =>
    wiring(n, (_ns, q) => q.id),
  ),
  fail(
    "rbac-assignment-narrowest-scope",
    "sender role on the whole namespace",
    (n) => wiring(n, (ns) => ns.id),
    /is scoped to c\d+-ns, but the principal is wired to c\d+-q inside it; scope it to c\d+-q/,
  ),
  fail(
    "rbac-assignment-narrowest-scope",
    "sender role on the resource group",
    (n) => wiring(n, () => `${SUB}/resourceGroups/${RG}`),
    /grants a principal of this stack access at resource group or subscription scope/,
  ),

  pass("rbac-stack-identity-no-broad-role", "sender role on the queue", (n) => wiring(n, (_ns, q) => q.id)),
  fail(
    "rbac-stack-identity-no-broad-role",
    "Service Bus Data Owner on the resource group, Contributor on the subscription, for the topic's identity",
    (n) => {
      const topic = new eventgrid.Topic(`${n}-topic`, { resourceGroupName: RG, identity: { type: "SystemAssigned" } });
      const principalId = topic.identity.apply((i) => i!.principalId!);
      assignment(`${n}a`, `${SUB}/resourceGroups/${RG}`, SB_DATA_OWNER, {
        principalId,
        principalType: "ServicePrincipal",
      });
      assignment(`${n}b`, SUB, CONTRIBUTOR, { principalId, principalType: "ServicePrincipal" });
    },
    [
      /grants Azure Service Bus Data Owner at \/subscriptions\/.*\/resourceGroups\/rg-test to an identity of this stack/,
      /grants Contributor at \/subscriptions\//,
    ],
  ),
];
