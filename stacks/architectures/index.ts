import type { Violation } from "../../components/core/errors";
import { violation } from "../../components/core/validate";
import { architecturesSchema } from "../config/architectures";
import { expandIotBackend } from "./iotBackend";
import { deepMerge, isPlainObject, mergeAll } from "./merge";
import { Environment, profileFor } from "./profile";
import { checkSecondaryLocation, expandWebBackend } from "./webBackend";

const environments: readonly string[] = ["dev", "test", "prod"];

/**
 * Expands `architectures.*` presets into the regular config sections before validation: each enabled preset yields
 * identities, storage, servicebus, eventgrid, eventhubs, batch and rbac entries with the settings of the stack's
 * environment (stacks/architectures/profile.ts), plus the shared parts (the requested read-only Event Grid role; in prod
 * protect, locks and a Log Analytics workspace). The user's explicit config is merged over the presets
 * (stacks/architectures/merge.ts: maps merge key by key, explicit values win, `null` removes a preset key), and the
 * result is validated by the regular schema and cross-checks.
 *
 * Option errors (subnets, load per tier, durations, webhook security, regions) are returned with `architectures.*`
 * paths. When the section itself does not parse, or the environment is invalid, the config is returned unchanged and
 * the schema reports the problem.
 */
export function expandArchitectures(raw: Record<string, unknown>): {
  expanded: Record<string, unknown>;
  violations: Violation[];
} {
  const parsed = architecturesSchema.safeParse(raw.architectures);
  if (raw.architectures === undefined || !parsed.success || !environments.includes(String(raw.environment))) {
    return { expanded: raw, violations: [] };
  }
  const arch = parsed.data;
  const environment = raw.environment as Environment;
  const web = arch.webBackend && (arch.webBackend.enabled ?? true) ? arch.webBackend : undefined;
  const iot = arch.iotBackend && (arch.iotBackend.enabled ?? true) ? arch.iotBackend : undefined;
  if (!web && !iot) return { expanded: raw, violations: [] };

  const { profile, violations } = profileFor(environment, raw, arch);
  const presets: Record<string, unknown>[] = [];
  const readers: string[] = [];
  if (web && iot && (web.prefix ?? "orders") === (iot.prefix ?? "telemetry")) {
    violations.push(
      violation(
        "architectures.iotBackend.prefix",
        iot.prefix,
        `equals architectures.webBackend.prefix; the presets derive their keys from it, so they must differ`,
      ),
    );
  }
  if (web) {
    let secondary: string | undefined;
    if (profile.serviceBusPair) {
      const checked = checkSecondaryLocation(profile, arch.secondaryLocation);
      if (checked.violation) violations.push(checked.violation);
      secondary = checked.location;
    }
    const result = expandWebBackend(web, profile, secondary);
    violations.push(...result.violations);
    presets.push(result.sections);
    readers.push(result.readerIdentity);
  }
  if (iot) {
    const result = expandIotBackend(iot, profile, raw);
    violations.push(...result.violations);
    presets.push(result.sections);
    readers.push(result.readerIdentity);
  }

  // Shared: the requested custom "Event grid read only role", one per environment (role names are unique per tenant).
  const reader = arch.eventGridReaderRole;
  if (reader?.enabled ?? true) {
    const assignTo = reader?.assignTo ? Object.keys(reader.assignTo) : readers;
    const known = new Set([
      ...Object.keys(isPlainObject(raw.identities) ? raw.identities : {}),
      ...presets.flatMap((s) => Object.keys(isPlainObject(s.identities) ? s.identities : {})),
    ]);
    for (const key of assignTo) {
      if (!known.has(key)) {
        violations.push(
          violation(
            `architectures.eventGridReaderRole.assignTo.${key}`,
            key,
            `names no identity of the stack or its presets; known: ${[...known].join(", ") || "(none)"}`,
          ),
        );
      }
    }
    presets.push({
      rbac: {
        customRoles: {
          "eventgrid-reader": {
            roleName: `Event grid read only role (${environment})`,
            description: "Event grid read only role",
            actions: ["Microsoft.EventGrid/*/read"],
          },
        },
        roleAssignments: Object.fromEntries(
          assignTo.map((key) => [
            `${key}-eventgrid-reader`,
            { role: "custom:eventgrid-reader", principal: { identity: key } },
          ]),
        ),
      },
    });
  }
  if (profile.protectAndLock) presets.push({ protect: true, lockStateful: true });
  if (profile.monitoring) presets.push({ monitoring: { logAnalytics: { retentionInDays: 90 } } });

  if (violations.length > 0) return { expanded: raw, violations };
  return { expanded: deepMerge(mergeAll(presets), raw) as Record<string, unknown>, violations: [] };
}
