import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { AzureNameKind, nameSeed, productName } from "../components/core/azureNames";

/**
 * The Azure names the stack chooses when a config entry has no `name`: one prefix per kind, then the naming policy of
 * components/core/azureNames.ts (`<prefix>-<key>-<environment>[-<suffix>]`, valid by construction). The table of
 * what each environment gets is in stacks/README.md ("Azure names").
 */
export const namePrefixes: Record<AzureNameKind, string> = {
  storageAccount: "st",
  batchAccount: "ba",
  serviceBusNamespace: "sbns",
  eventHubsNamespace: "evhns",
  eventHubsCluster: "evhc",
  geoDrAlias: "alias",
  eventGridTopic: "evgt",
  eventGridDomain: "evgd",
  eventGridSystemTopic: "evgst",
  userAssignedIdentity: "id",
  logAnalyticsWorkspace: "log",
  virtualNetwork: "vnet",
};

export interface StackNames {
  /** The default Azure name of the `kind` resource for config key `key`. */
  name(kind: AzureNameKind, key: string): pulumi.Input<string>;
}

/**
 * The real names: the seed includes the subscription the stack deploys to (from the provider's client config), so two
 * subscriptions never want one globally unique name.
 */
export function stackNames(environment: string, resourceGroupName: string): StackNames {
  let seed: pulumi.Output<string> | undefined;
  return {
    name: (kind, key) => {
      seed ??= authorization.getClientConfigOutput().subscriptionId.apply((subscriptionId) =>
        nameSeed({
          subscriptionId,
          project: pulumi.getProject(),
          stack: pulumi.getStack(),
          resourceGroupName,
          environment,
        }),
      );
      return seed.apply((s) => productName(kind, namePrefixes[kind], key, environment, s));
    },
  };
}

/** Names for validating config before anything runs: the same shape and rules, with a fixed seed. */
export function placeholderNames(environment: string): StackNames {
  return { name: (kind, key) => productName(kind, namePrefixes[kind], key, environment, "0".repeat(16)) };
}
