/** Private endpoints, the private DNS zone registry, virtual networks and the private-link table. */
export * from "./PrivateEndpoint";
export * from "./PrivateDnsZoneRegistry";
export * from "./VirtualNetwork";
export * from "./privateLink";
export * from "./cidr";
export * from "./limits";
export * from "./securityRules";
