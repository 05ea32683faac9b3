import type { Violation } from "../core/errors";
import { mapKeys, oneOf, violation } from "../core/validate";
import { networkLimits } from "./limits";

/** One security rule of a network security group (azure-native `network.SecurityRuleArgs`, named by its key). */
export interface SecurityRuleSpec {
  /** 100-4096, unique per direction within the group; lower numbers are evaluated first. Required. */
  readonly priority: number;
  /** `Inbound` or `Outbound`. Required. */
  readonly direction: "Inbound" | "Outbound";
  /** `Allow` or `Deny`. Required. */
  readonly access: "Allow" | "Deny";
  /** `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`. Required. */
  readonly protocol: "Tcp" | "Udp" | "Icmp" | "Esp" | "Ah" | "*";
  /** Source CIDR, IP, service tag (`VirtualNetwork`, `Internet`, ...) or `*`; exactly one of this and `sourceAddressPrefixes`. */
  readonly sourceAddressPrefix?: string;
  readonly sourceAddressPrefixes?: string[];
  /** Source port or range (`443`, `1024-65535`, `*`); exactly one of this and `sourcePortRanges`. */
  readonly sourcePortRange?: string;
  readonly sourcePortRanges?: string[];
  /** Destination CIDR, IP, service tag or `*`; exactly one of this and `destinationAddressPrefixes`. */
  readonly destinationAddressPrefix?: string;
  readonly destinationAddressPrefixes?: string[];
  /** Destination port or range; exactly one of this and `destinationPortRanges`. */
  readonly destinationPortRange?: string;
  readonly destinationPortRanges?: string[];
  /** Free text (at most `networkLimits.securityRuleDescriptionMax` characters). Defaults to none. */
  readonly description?: string;
}

/** A network security group the VirtualNetwork component creates for one subnet. */
export interface NetworkSecurityGroupSpec {
  /** Azure name. Defaults to `<network component name>-<subnet key>-nsg`. */
  readonly name?: string;
  /**
   * Security rules keyed by rule name, added to Azure's default rules (inbound from the virtual network and the load
   * balancer, nothing from the internet). Defaults to none.
   */
  readonly securityRules?: Record<string, SecurityRuleSpec>;
}

const PORT = /^(\*|\d{1,5}(-\d{1,5})?)$/;

function portViolations(path: string, value: string): Violation | undefined {
  if (!PORT.test(value)) return violation(path, value, 'is not a port or range such as "443", "1024-65535" or "*"');
  const [lo, hi = lo] = value === "*" ? [0, 0] : value.split("-").map(Number);
  if (lo > 65535 || hi > 65535 || hi < lo) return violation(path, value, "is not a port range within 0-65535");
  return undefined;
}

/** Exactly one of a single-value field and its list form (Azure takes one). */
function oneOfPair(
  path: string,
  single: string,
  plural: string,
  rule: SecurityRuleSpec,
  check: (p: string, v: string) => Violation | undefined = () => undefined,
): (Violation | undefined)[] {
  const s = rule[single as keyof SecurityRuleSpec] as string | undefined;
  const list = rule[plural as keyof SecurityRuleSpec] as string[] | undefined;
  if ((s === undefined) === (list === undefined || list.length === 0)) {
    return [violation(path, { [single]: s, [plural]: list }, `needs exactly one of ${single} and ${plural}`)];
  }
  return s !== undefined ? [check(`${path}.${single}`, s)] : list!.map((v, i) => check(`${path}.${plural}[${i}]`, v));
}

/** Validates a network security group spec; `path` is where it sits (e.g. `subnets.a.networkSecurityGroup`). Pure. */
export function validateNetworkSecurityGroupSpec(path: string, spec: NetworkSecurityGroupSpec): Violation[] {
  const found: (Violation | undefined)[] = [...mapKeys(`${path}.securityRules`, spec.securityRules)];
  const { min, max } = networkLimits.securityRulePriority;
  const seen = new Map<string, string>();
  for (const [name, r] of Object.entries(spec.securityRules ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const at = `${path}.securityRules.${name}`;
    const maxName = networkLimits.securityRuleNameLength.max;
    if (name.length > maxName) {
      found.push(violation(at, name, `is a rule name of ${name.length} characters; at most ${maxName}`));
    }
    if (!Number.isInteger(r.priority) || r.priority < min || r.priority > max) {
      found.push(violation(`${at}.priority`, r.priority, `must be a whole number from ${min} to ${max}`));
    } else {
      const slot = `${r.direction}/${r.priority}`;
      const other = seen.get(slot);
      if (other) {
        found.push(
          violation(
            `${at}.priority`,
            r.priority,
            `is also the priority of ${r.direction} rule ${other}; Azure refuses two`,
          ),
        );
      } else seen.set(slot, name);
    }
    found.push(oneOf(`${at}.direction`, r.direction, ["Inbound", "Outbound"]));
    found.push(oneOf(`${at}.access`, r.access, ["Allow", "Deny"]));
    found.push(oneOf(`${at}.protocol`, r.protocol, [...networkLimits.securityRuleProtocols]));
    found.push(...oneOfPair(at, "sourceAddressPrefix", "sourceAddressPrefixes", r));
    found.push(...oneOfPair(at, "destinationAddressPrefix", "destinationAddressPrefixes", r));
    found.push(...oneOfPair(at, "sourcePortRange", "sourcePortRanges", r, portViolations));
    found.push(...oneOfPair(at, "destinationPortRange", "destinationPortRanges", r, portViolations));
    const maxText = networkLimits.securityRuleDescriptionMax;
    if (r.description !== undefined && r.description.length > maxText) {
      found.push(violation(`${at}.description`, r.description, `is longer than ${maxText} characters`));
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}
