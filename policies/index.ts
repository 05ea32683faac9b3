// CrossGuard entry point: `pulumi preview --policy-pack policies`. Constructing PolicyPack starts the policy
// server, so nothing else (tests, the offline plan) imports this file: they import ./pack.
import { PolicyPack } from "@pulumi/policy";
import { packEnforcementLevel, policies, policyPackName } from "./pack";

new PolicyPack(policyPackName, { enforcementLevel: packEnforcementLevel, policies });
