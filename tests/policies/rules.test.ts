/** @slow 226 rule cases (tests/helpers/testSequencer.cjs) */
import { batchPolicies } from "../../policies/rules/batch";
import { eventGridPolicies } from "../../policies/rules/eventgrid";
import { eventHubPolicies } from "../../policies/rules/eventhub";
import { networkPolicies } from "../../policies/rules/network";
import { rbacPolicies } from "../../policies/rules/rbac";
import { serviceBusPolicies } from "../../policies/rules/servicebus";
import { stackPolicies } from "../../policies/rules/stack";
import { storagePolicies } from "../../policies/rules/storage";
import { subnetPolicies } from "../../policies/rules/subnet";
import { cases as batchCases } from "./cases/batch";
import { cases as eventGridCases } from "./cases/eventgrid";
import { cases as eventHubCases } from "./cases/eventhub";
import { networkCases, stackCases } from "./cases/network";
import { cases as rbacCases } from "./cases/rbac";
import { cases as serviceBusCases } from "./cases/servicebus";
import { cases as storageCases } from "./cases/storage";
import { cases as subnetCases } from "./cases/subnet";
import { expectFullCoverage, ruleHarness } from "./harness";

/**
 * Every rule of the pack against inputs captured from real azure-native resources on the simulated ARM (so the SDK's
 * defaults are included): at least one passing case (the rule applies and reports nothing) and one failing case
 * (exactly the expected violations). One file, so the Pulumi runtime and azure-native load once.
 */
const h = ruleHarness();

describe.each([
  ["Event Hubs", eventHubPolicies, eventHubCases],
  ["Service Bus", serviceBusPolicies, serviceBusCases],
  ["Event Grid", eventGridPolicies, eventGridCases],
  ["Batch", batchPolicies, batchCases],
  ["RBAC", rbacPolicies, rbacCases],
  ["private endpoints and private DNS", networkPolicies, networkCases],
  ["stack-wide governance", stackPolicies, stackCases],
  ["storage", storagePolicies, storageCases],
  ["subnets and network security groups", subnetPolicies, subnetCases],
] as const)("%s policies", (_service, group, cases) => {
  test("every rule has a passing and a failing case", () => expectFullCoverage(group, cases));
  test.each(cases.map((c) => [c.rule, c.label, c] as const))("%s: %s", async (_r, _l, c) => {
    await h.check(c);
  });
});
