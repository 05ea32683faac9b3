/**
 * Azure virtual network and private DNS facts, each with its source (citation keys of docs/azure-facts.md, or
 * URLs). Private-link group ids and zones live in privateLink.ts.
 */
export const networkLimits = {
  /**
   * The smallest IPv4 subnet is /29 and the largest /2; Azure reserves 5 addresses in each subnet.
   * Source: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq (subnet size questions).
   */
  subnetPrefixLength: { min: 2, max: 29 },
  reservedAddressesPerSubnet: 5,
  /**
   * Private DNS zones and their virtual network links are global resources: their location must be "global".
   * Source: PN `privatedns.PrivateZone` and
   * https://learn.microsoft.com/azure/dns/private-dns-privatednszone
   */
  privateDnsLocation: "global",
  /**
   * A private endpoint's zone group holds 1-5 zone configs. Source: the Azure Verified Modules Bicep module
   * `avm/res/network/private-endpoint` (Azure/bicep-registry-modules, `@minLength(1) @maxLength(5)`), mirroring ARM.
   */
  maxZonesPerZoneGroup: 5,
} as const;
