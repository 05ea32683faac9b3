import type { EnforcementLevel } from "@pulumi/policy";
import type { PackPolicy } from "./lib/rule";
import { batchPolicies } from "./rules/batch";
import { eventGridPolicies } from "./rules/eventgrid";
import { eventHubPolicies } from "./rules/eventhub";
import { networkPolicies } from "./rules/network";
import { rbacPolicies } from "./rules/rbac";
import { serviceBusPolicies } from "./rules/servicebus";
import { stackPolicies } from "./rules/stack";
import { storagePolicies } from "./rules/storage";
import { subnetPolicies } from "./rules/subnet";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require("./package.json") as { version: string };

/** Name of the CrossGuard pack (PulumiPolicy.yaml's pack and `pulumi preview --policy-pack policies`). */
export const policyPackName = "azure-integration-policies";

/** The pack's own version (policies/package.json), as the CLI reports it: `azure-integration-policies@v<version>`. */
export const policyPackVersion: string = pkg.version;

/** Pack-wide enforcement level when neither policy config nor a policy sets one. */
export const packEnforcementLevel: EnforcementLevel = "advisory";

/**
 * Every policy of the pack. The CrossGuard entry point (index.ts) and the offline plan both use this very list,
 * so what `npm run plan` reports is what `pulumi preview --policy-pack policies` reports.
 */
export const policies: PackPolicy[] = [
  ...eventHubPolicies,
  ...serviceBusPolicies,
  ...eventGridPolicies,
  ...batchPolicies,
  ...rbacPolicies,
  ...networkPolicies,
  ...storagePolicies,
  ...subnetPolicies,
  ...stackPolicies,
];
