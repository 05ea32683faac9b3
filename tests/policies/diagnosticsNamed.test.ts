import * as eventhub from "@pulumi/azure-native/eventhub";
import * as monitor from "@pulumi/azure-native/monitor";
import { fail, pass, RG, ruleHarness, WORKSPACE } from "./harness";

/**
 * The diagnostics rules with named settings: any setting of the resource counts, individual log categories are
 * understood (reported as such, or accepted when the policy config lists them in `categories`).
 */
const h = ruleHarness();
const RULE = "eventhub-namespace-diagnostics";
const ns = (n: string) =>
  new eventhub.Namespace(`${n}-ns`, { resourceGroupName: RG, namespaceName: `${n}-ns`, sku: { name: "Standard" } });
const setting = (n: string, key: string, target: eventhub.Namespace, args: Partial<monitor.DiagnosticSettingArgs>) =>
  new monitor.DiagnosticSetting(`${n}-${key}`, { name: key, resourceUri: target.id, ...args });
const categoriesOnly = (n: string) => {
  const target = ns(n);
  setting(n, "siem", target, { workspaceId: WORKSPACE, logs: [{ category: "RuntimeAuditLogs", enabled: true }] });
};

test.each([
  pass(RULE, "a second named setting sends the audit group", (n) => {
    const target = ns(n);
    setting(n, "siem", target, { workspaceId: WORKSPACE, logs: [{ category: "RuntimeAuditLogs", enabled: true }] });
    setting(n, "archive", target, {
      storageAccountId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st",
      logs: [{ categoryGroup: "audit", enabled: true }],
    });
  }),
  fail(
    RULE,
    "only individual categories",
    categoriesOnly,
    /has diagnostic settings that send only the individual categories RuntimeAuditLogs; none sends the log category group allLogs or audit$/,
  ),
  pass(RULE, "individual categories the policy config accepts", categoriesOnly, {
    [RULE]: { categories: ["runtimeauditlogs"] },
  }),
  fail(
    RULE,
    "the accepted category without a destination",
    (n) => setting(n, "none", ns(n), { logs: [{ category: "RuntimeAuditLogs", enabled: true }] }),
    /has no diagnostic setting with a destination that sends the log category group allLogs or audit, or the category RuntimeAuditLogs$/,
    { [RULE]: { categories: ["RuntimeAuditLogs"] } },
  ),
])("$rule: $label", async (c) => {
  await h.check(c);
});
