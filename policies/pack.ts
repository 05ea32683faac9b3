import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** Name of the CrossGuard pack (PulumiPolicy.yaml's pack and `pulumi preview --policy-pack policies`). */
export const policyPackName = "azure-integration-policies";

/** Pack-wide enforcement level when neither policy config nor a policy sets one. */
export const packEnforcementLevel: EnforcementLevel = "advisory";

/**
 * Every policy of the pack. The CrossGuard entry point (index.ts) and the offline plan both use this very list,
 * so what `npm run plan` reports is what `pulumi preview --policy-pack policies` reports.
 */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
