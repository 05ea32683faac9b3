import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { Violation } from "../core/errors";
import { childName } from "../core/naming";
import { armId, isKnown, mapKeys, matches, violation } from "../core/validate";
import { AuthorizationRuleArgs } from "../core/messaging";
import type { AuthorizationRuleKeys } from "./eventHub";
import { commonLimits } from "./limits";

// Namespace SAS keys exported to a Key Vault as secrets (like AVM's `secretsExportConfiguration`), so that SAS clients
// read them from the vault instead of from the stack's outputs. Written through ARM (`Microsoft.KeyVault/vaults/secrets`),
// so the deploying principal needs `Microsoft.KeyVault/vaults/secrets/write` on the vault, and the vault must be in the
// subscription the provider deploys to.

/** What of a SAS rule is exported; each value is a secret name (1-127 letters, digits and hyphens). */
export interface RuleSecretNames {
  readonly primaryConnectionString?: string;
  readonly secondaryConnectionString?: string;
  readonly primaryKey?: string;
  readonly secondaryKey?: string;
}

/** Namespace SAS keys written to a Key Vault. Needs local auth (`disableLocalAuth: false`): otherwise keys cannot work. */
export interface SecretsExportArgs {
  /** ARM id of the Key Vault (`Microsoft.KeyVault/vaults`), in the subscription the provider deploys to. */
  readonly keyVaultId: pulumi.Input<string>;
  /** Namespace-level SAS rules (keys of `authorizationRules`) and the secret names their values are written to. */
  readonly authorizationRules: Record<string, RuleSecretNames>;
}

const VAULT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/i;
const VALUES: readonly (keyof RuleSecretNames)[] = [
  "primaryConnectionString",
  "secondaryConnectionString",
  "primaryKey",
  "secondaryKey",
];

/** Checks a secrets export against the namespace's SAS rules and local auth. Pure. */
export function validateSecretsExport(
  exp: SecretsExportArgs | undefined,
  rules: Record<string, AuthorizationRuleArgs> | undefined,
  localAuth: boolean,
): Violation[] {
  if (!exp) return [];
  const found: (Violation | undefined)[] = [];
  // A secret holding a key that cannot authenticate breaks its clients at run time: an error, not a warning.
  if (!localAuth) {
    found.push(
      violation(
        "secretsExport",
        Object.keys(exp.authorizationRules),
        "exports SAS keys, which cannot authenticate while local auth is disabled (disableLocalAuth defaults to true); set disableLocalAuth: false or remove secretsExport",
      ),
    );
  }
  found.push(armId("secretsExport.keyVaultId", exp.keyVaultId, "Microsoft.KeyVault/vaults"));
  if (isKnown(exp.keyVaultId) && !VAULT_ID.test(exp.keyVaultId) && !found[found.length - 1]) {
    found.push(
      violation(
        "secretsExport.keyVaultId",
        exp.keyVaultId,
        "is not a Key Vault id (/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault})",
      ),
    );
  }
  found.push(...mapKeys("secretsExport.authorizationRules", exp.authorizationRules));
  const names = new Map<string, string>();
  for (const [rule, secrets] of Object.entries(exp.authorizationRules)) {
    const p = `secretsExport.authorizationRules.${rule}`;
    if (!rules?.[rule]) {
      found.push(
        violation(
          p,
          rule,
          `names no namespace SAS rule; declared under authorizationRules: ${Object.keys(rules ?? {}).join(", ") || "(none)"}`,
        ),
      );
    }
    const given = VALUES.filter((v) => secrets[v] !== undefined);
    if (given.length === 0) {
      found.push(violation(p, secrets, `exports nothing: name a secret for at least one of ${VALUES.join(", ")}`));
    }
    for (const v of given) {
      const name = secrets[v]!;
      found.push(
        matches(
          `${p}.${v}`,
          name,
          commonLimits.keyVaultSecretName,
          "a Key Vault secret name: 1-127 letters, digits and hyphens",
        ),
      );
      // Key Vault secret names are case-insensitive: two values into one secret would overwrite each other.
      const other = names.get(name.toLowerCase());
      if (other)
        found.push(violation(`${p}.${v}`, name, `is also the secret of ${other}; each value needs its own secret`));
      names.set(name.toLowerCase(), `${p}.${v}`);
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** Writes the secrets (values stay secret in state); one `keyvault.Secret` per exported value. */
export function createSecretsExport(
  component: pulumi.ComponentResource,
  name: string,
  exp: SecretsExportArgs | undefined,
  keys: Record<string, AuthorizationRuleKeys>,
): Record<string, keyvault.Secret> {
  const out: Record<string, keyvault.Secret> = {};
  if (!exp) return out;
  const vault = pulumi.output(exp.keyVaultId).apply((id) => {
    const m = VAULT_ID.exec(id);
    if (!m) throw new Error(`secretsExport.keyVaultId ${id} is not a Key Vault id`);
    return { resourceGroupName: m[1], vaultName: m[2] };
  });
  for (const [rule, secrets] of Object.entries(exp.authorizationRules)) {
    for (const v of VALUES) {
      const secretName = secrets[v];
      if (secretName === undefined) continue;
      out[`${rule}.${v}`] = new keyvault.Secret(
        childName(name, "secret", rule, v),
        {
          resourceGroupName: vault.resourceGroupName,
          vaultName: vault.vaultName,
          secretName,
          properties: { value: pulumi.secret(keys[rule].apply((k) => k[v])) },
        },
        { parent: component },
      );
    }
  }
  return out;
}
