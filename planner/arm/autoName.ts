import { createHash } from "crypto";
import type { SimulatedType } from "./types";

/**
 * How azure-native names a resource whose name input the program leaves out, mirrored exactly so the plan shows the
 * name `pulumi up` will send (and checks it against Azure's rules) instead of a prettier one the provider never
 * produces. Source: pulumi/pulumi-azure-native
 * - provider/pkg/resources/resources.go `AutoNamer.AutoName`: only the path's last parameter is auto-named; `uuid`
 *   when it has `format: uuid` or is `roleAssignmentName`/`roleDefinitionId`; `random` for top-level resources (one
 *   `{param}` after the last `Microsoft.` segment, or no provider segment at all: resource groups); `copy` for child
 *   resources (queues, subscriptions, subnets, containers...).
 * - provider/pkg/provider/provider.go `getDefaultName`: `random` = the URN's name + 8 random hex characters
 *   (`resource.NewUniqueName(randomSeed, name, 8, 0, nil)`), no separator, no case change, no stripping; `copy` =
 *   the URN's name as is; `uuid` = a random GUID. Covered by provider/pkg/provider/autonaming_test.go
 *   ("test" -> "test614742c2"); pulumi/pulumi-azure-native#3665 is the resulting invalid storage account name.
 * This holds when the stack sets no `pulumi:autonaming` config (none of ours does), which would change the pattern.
 * The random part is derived from the stack and the URN here, so plans are repeatable.
 */
export type AutoNameKind = "random" | "copy" | "uuid";

/** The kind azure-native uses for a simulated type, or undefined when it has no name input (singletons). */
export function autoNameKind(sim: SimulatedType): AutoNameKind | undefined {
  if (!sim.nameInput || !sim.id.endsWith("{name}")) return undefined;
  if (sim.nameInput === "roleAssignmentName" || sim.nameInput === "roleDefinitionId") return "uuid";
  const parts = sim.id.toLowerCase().split("microsoft.");
  const resourcePath = parts[parts.length - 1];
  return parts.length === 1 || resourcePath.split("{").length - 1 === 1 ? "random" : "copy";
}

/** The name azure-native gives a resource of this kind; `seed` stands in for the engine's random seed. */
export function autoName(kind: AutoNameKind, logicalName: string, seed: string): string {
  const hex = createHash("sha1").update(seed).digest("hex");
  switch (kind) {
    case "random":
      return `${logicalName}${hex.slice(0, 8)}`;
    case "copy":
      return logicalName;
    case "uuid":
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }
}
