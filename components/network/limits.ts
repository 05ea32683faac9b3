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
  /**
   * Service names a subnet's service endpoint can name (`serviceEndpoints[].service`). Source:
   * https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview ("Available services").
   */
  serviceEndpointServices: [
    "Microsoft.AzureActiveDirectory",
    "Microsoft.AzureCosmosDB",
    "Microsoft.CognitiveServices",
    "Microsoft.ContainerRegistry",
    "Microsoft.EventHub",
    "Microsoft.KeyVault",
    "Microsoft.ServiceBus",
    "Microsoft.Sql",
    "Microsoft.Storage",
    "Microsoft.Storage.Global",
    "Microsoft.Web",
  ],
  /**
   * The service endpoint a namespace's virtual network rule needs on its subnet. Without it Azure refuses the rule,
   * unless `ignoreMissingVnetServiceEndpoint` is true: then the rule is stored but admits no traffic until the subnet
   * gets the endpoint. Sources: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-service-endpoints
   * and https://learn.microsoft.com/azure/event-hubs/event-hubs-service-endpoints (a virtual network rule binds the
   * namespace to a subnet with the Microsoft.ServiceBus / Microsoft.EventHub service endpoint);
   * `NWRuleSetVirtualNetworkRules.ignoreMissingVnetServiceEndpoint` in azure-rest-api-specs
   * specification/servicebus and specification/eventhub (namespace-preview.json / networkrulesets).
   */
  vnetRuleServiceEndpoint: {
    "Microsoft.ServiceBus/namespaces": "Microsoft.ServiceBus",
    "Microsoft.EventHub/namespaces": "Microsoft.EventHub",
  },
  /**
   * Network security group rules: priority 100-4096 (unique per direction), names 1-80 characters. Source:
   * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview ("Security rules": Priority)
   * and https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
   * (Microsoft.Network/networkSecurityGroups/securityRules: 1-80).
   */
  securityRulePriority: { min: 100, max: 4096 },
  securityRuleNameLength: { min: 1, max: 80 },
  /** "A description for this rule. Restricted to 140 chars." (`SecurityRulePropertiesFormat.description`, same spec). */
  securityRuleDescriptionMax: 140,
  /** `SecurityRuleProtocol` in azure-rest-api-specs specification/network (networkSecurityGroup.json). */
  securityRuleProtocols: ["Tcp", "Udp", "Icmp", "Esp", "Ah", "*"],
} as const;
