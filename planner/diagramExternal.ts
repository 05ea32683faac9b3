/**
 * Labels for what a diagram points at outside the plan: a webhook by URL, an Azure Function or any other resource by
 * ARM id, a resource group or subscription (role scopes). Drawn as external (dashed) nodes so that every
 * destination has a node.
 */

/** ARM resource types a reader knows by another name. */
const KNOWN: readonly { readonly pattern: RegExp; readonly label: string }[] = [
  { pattern: /\/providers\/Microsoft\.Web\/sites\/[^/]+\/functions\/[^/]+$/i, label: "Azure Function" },
  { pattern: /\/providers\/Microsoft\.Web\/sites\/[^/]+$/i, label: "App Service / Function app" },
  {
    pattern: /\/providers\/Microsoft\.Relay\/namespaces\/[^/]+\/hybridConnections\/[^/]+$/i,
    label: "hybrid connection",
  },
  { pattern: /\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i, label: "virtual network" },
];

export function externalLabel(ref: string): { label: string; name: string } {
  if (ref.startsWith("webhook:")) return { label: "webhook", name: ref.slice("webhook:".length) };
  const known = KNOWN.find((k) => k.pattern.test(ref));
  const segments = ref.split("/").filter(Boolean);
  if (known) {
    // A function is named with its app: "app/function".
    const name =
      known.label === "Azure Function" ? `${segments[segments.length - 3]}/${segments.at(-1)}` : segments.at(-1)!;
    return { label: `${known.label} (outside the stack)`, name };
  }
  const providers = segments.lastIndexOf("providers");
  if (providers >= 0 && segments.length > providers + 3) {
    // /providers/Microsoft.X/type/name[/child/name]: the last type and name.
    return { label: `${segments.at(-2)} (outside the stack)`, name: segments.at(-1)! };
  }
  if (segments.length === 4 && segments[2].toLowerCase() === "resourcegroups") {
    return { label: "resource group", name: segments[3] };
  }
  if (segments.length === 2 && segments[0].toLowerCase() === "subscriptions") {
    return { label: "subscription", name: segments[1] };
  }
  return { label: "outside the stack", name: ref };
}
