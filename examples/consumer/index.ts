// Another team's Pulumi program that uses the components as a dependency: one import per service entry point.
import * as pulumi from "@pulumi/pulumi";
import { formatViolation } from "@azint/components";
import { Topic, type TopicArgs, validateTopicArgs } from "@azint/components/eventgrid";
import { EventHubNamespace } from "@azint/components/eventhubs";
import { ServiceBusNamespace } from "@azint/components/servicebus";

const config = new pulumi.Config();
const resourceGroupName = config.get("resourceGroupName") ?? "rg-orders";
const appPrincipalId = config.get("appPrincipalId") ?? "00000000-0000-0000-0000-0000000000a1";

const bus = new ServiceBusNamespace("orders", {
  resourceGroupName,
  namespaceName: "sb-orders-consumer",
  queues: {
    orders: {
      requiresSession: true,
      roleAssignments: {
        app: {
          principalId: appPrincipalId,
          principalType: "ServicePrincipal",
          role: "Azure Service Bus Data Receiver",
        },
      },
    },
  },
});

const telemetry = new EventHubNamespace("telemetry", {
  resourceGroupName,
  namespaceName: "evhns-telemetry-consumer",
  tier: "Standard",
  eventHubs: { telemetry: { load: { ingressMBps: 2.5 }, retention: { retentionTimeInDays: 3 } } },
});

const ordersQueue = bus.queues["orders"];
if (!ordersQueue) throw new Error("the orders queue was not created");

const topicArgs: TopicArgs = {
  resourceGroupName,
  topicName: "evgt-events-consumer",
  subscriptions: {
    "to-orders": {
      destination: {
        kind: "serviceBusQueue",
        resourceId: ordersQueue.id,
        requiresSession: true,
        deliveryProperties: { SessionId: { sourceField: "data.orderId" } },
      },
      deadLetter: false,
    },
  },
};
// The validators are pure: a program can check its arguments before it constructs anything (the component does too).
const problems = validateTopicArgs(topicArgs);
if (problems.length > 0) throw new Error(problems.map(formatViolation).join("\n"));
const events = new Topic("events", topicArgs);

export const serviceBusEndpoint = bus.endpoint;
export const eventHubsNamespace = telemetry.name;
export const topicEndpoint = events.endpoint;
