import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import type * as pulumi from "@pulumi/pulumi";
import { RG, SUBNET, WORKSPACE } from "../harness";

// Fixture builders the rule cases of several services share; `n` is the case's unique name prefix.

/** A customer-managed key in Key Vault, as Event Hubs and Service Bus namespaces take it in `encryption`. */
export const CMK = { keyVaultProperties: [{ keyName: "k", keyVaultUri: "https://kv.vault.azure.net/" }] };

/** A private endpoint in the test subnet to `target` (manual: a connection that waits for the owner's approval). */
export const privateEndpoint = (n: string, target: pulumi.Input<string>, groupIds: string[], manual = false) =>
  new network.PrivateEndpoint(`${n}-pe`, {
    resourceGroupName: RG,
    subnet: { id: SUBNET },
    [manual ? "manualPrivateLinkServiceConnections" : "privateLinkServiceConnections"]: [
      { name: "c", privateLinkServiceId: target, groupIds },
    ],
  });

/** A diagnostic setting of `resourceUri` that sends `logs` to the test workspace. */
export const diagnosticSetting = (
  n: string,
  resourceUri: pulumi.Input<string>,
  logs: monitor.DiagnosticSettingArgs["logs"],
) => new monitor.DiagnosticSetting(`${n}-diag`, { resourceUri, workspaceId: WORKSPACE, logs });

type DisasterRecoveryConfigClass = new (
  name: string,
  args: {
    resourceGroupName: pulumi.Input<string>;
    namespaceName: pulumi.Input<string>;
    alias: pulumi.Input<string>;
    partnerNamespace: pulumi.Input<string>;
  },
) => unknown;

/**
 * A geo-DR alias (Event Hubs or Service Bus) from a namespace built by `namespace` to a second one in northeurope,
 * which `secondary` changes further.
 */
export function geoDrPair<A extends { location?: pulumi.Input<string | undefined> }>(
  n: string,
  namespace: (n: string, args?: Partial<A>) => { name: pulumi.Output<string>; id: pulumi.Output<string> },
  DisasterRecoveryConfig: DisasterRecoveryConfigClass,
  secondary: Partial<A>,
): void {
  const primary = namespace(`${n}a`);
  const partner = namespace(`${n}b`, { location: "northeurope", ...secondary });
  new DisasterRecoveryConfig(`${n}-dr`, {
    resourceGroupName: RG,
    namespaceName: primary.name,
    alias: "dr",
    partnerNamespace: partner.id,
  });
}
