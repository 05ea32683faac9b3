// CrossGuard entry point: `pulumi preview --policy-pack policies`. Constructing PolicyPack starts the policy
// server (and reads ./package.json from the working directory for the version), so nothing else (tests, the
// offline plan) imports this file: they import ./pack.
import { PolicyPack } from "@pulumi/policy";
import { packEnforcementLevel, policies, policyPackName } from "./pack";

new PolicyPack(policyPackName, {
  description:
    "Azure integration estate: Event Grid, Event Hubs, Service Bus, Batch, storage, RBAC, private endpoints, subnets.",
  enforcementLevel: packEnforcementLevel,
  policies,
});
