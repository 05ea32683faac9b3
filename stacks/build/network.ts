import * as pulumi from "@pulumi/pulumi";
import type { StackContext, StackRefs } from "../context";

/** What this builder exposes to later builders and to stack outputs. */
export interface NetworkRefs {
  /** Subnet ids by `network.subnets` key. */
  readonly subnets: Record<string, pulumi.Output<string>>;
  /** The registry's zone id for a private DNS zone name, or undefined when the stack manages no zones. */
  dnsZoneId(zoneName: string): pulumi.Output<string> | undefined;
}

/** Builds the `network` config section. Not implemented yet: no subnets, no zones. */
export function buildNetwork(_ctx: StackContext, _refs: Partial<StackRefs>): NetworkRefs {
  return { subnets: {}, dnsZoneId: () => undefined };
}
