/** IPv4 CIDR helpers for subnet checks (pure). */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly start: number;
  /** Last address of the block (inclusive). */
  readonly end: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; undefined when it is not an IPv4 CIDR or has host bits set (Azure rejects those). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { start: address, end: address + size - 1, prefix };
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Parses a dotted IPv4 address to an unsigned 32-bit number; undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

/**
 * Why an address cannot be a host's static IP in a subnet, or undefined when it can: outside the prefix, or one of
 * the five addresses Azure reserves in every subnet (the network address, the next three, the last one).
 */
export function hostAddressProblem(ip: string, subnet: Cidr): string | undefined {
  const address = parseIpv4(ip);
  if (address === undefined) return "is not an IPv4 address such as 10.20.1.10";
  if (address < subnet.start || address > subnet.end) return "is outside the subnet's prefix";
  if (address <= subnet.start + 3 || address === subnet.end) {
    return "is one of the five addresses Azure reserves in every subnet (the first four and the last)";
  }
  return undefined;
}
