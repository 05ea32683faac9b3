import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { currentConfigKey } from "../components/core/configKey";
import { simulatedTypes } from "./arm";
import { autoName, autoNameKind } from "./arm/autoName";
import {
  ArmViolation,
  checkPlanned,
  duplicateUrn,
  sharedArmIds,
  sharedEntityPaths,
} from "./arm/constraints/plannedCheck";
import { OutputContext } from "./arm/types";
// Runtime internals the offline engine needs (there is no public API for a recording monitor).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resourceRuntime = require("@pulumi/pulumi/runtime/resource");

/**
 * The simulated Azure Resource Manager: Pulumi runtime mocks that answer like ARM would (real-shaped ids, names,
 * computed outputs, invokes), and record every registration with its parent, dependencies and protect flag.
 * Used by the tests and by the offline plan, so both see exactly what `pulumi up` would send to azure-native.
 */

export const ALL_ZERO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const SIMULATED_TENANT = "11111111-1111-1111-1111-111111111111";

export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN; undefined only for the root stack. */
  readonly parent?: string;
  /** True for cloud resources, false for component resources. */
  readonly custom: boolean;
  /** Inputs as they reach the provider; secret values are replaced by "[secret]". */
  readonly inputs: Record<string, unknown>;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly protect: boolean;
  /**
   * The config key path the resource was constructed under (`withConfigKey` in components/core/configKey.ts),
   * e.g. `servicebus.namespaces.orders.queues.audit`; undefined for resources no config key produced.
   */
  readonly configKey?: string;
  id?: string;
  /** Outputs the simulated ARM computed (inputs plus Azure's computed properties). */
  outputs?: Record<string, unknown>;
}

export interface SimulatedArmOptions {
  readonly project: string;
  readonly stack: string;
  /** Defaults to the all-zero subscription. */
  readonly subscriptionId?: string;
  /** Config values keyed `project:key` (already strings, as Pulumi passes them). */
  readonly config?: Record<string, string>;
  /** Config keys that hold secrets. */
  readonly secretKeys?: string[];
  /** Outputs of other stacks, by fully qualified stack name, for StackReferences (team stacks). */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  /**
   * Plan like `pulumi preview` of a new stack: ids and computed outputs of new resources are unknown, so inputs
   * derived from them (resource ids, principal ids) are unknown too. Defaults to false (every value known).
   */
  readonly preview?: boolean;
  /**
   * Let the Pulumi SDK capture a stack trace for every promise it creates (several per output property of every
   * resource). The SDK prints them only for leaked promises with PULUMI_DEBUG_PROMISE_LEAKS set, yet formatting them
   * (source-mapped under tsx) costs about a third of a plan's CPU time and adds garbage the GC must trace (see
   * README "Performance"). Defaults to true only when PULUMI_DEBUG_PROMISE_LEAKS is set.
   */
  readonly debugPromiseStacks?: boolean;
}

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Replaces secret-wrapped values of a raw (serialized) property tree with "[secret]". */
function redactSecrets(raw: unknown, plain: unknown): unknown {
  // Unknown during a preview: keep the engine's sentinel, which the policy evaluator turns into an unknown value.
  if (raw === rpc.unknownValue) return raw;
  if (raw && typeof raw === "object") {
    const r = raw as Record<string, unknown>;
    if (r[SIG_KEY] === SECRET_SIG) return "[secret]";
    if (Array.isArray(raw) && Array.isArray(plain)) return plain.map((p, i) => redactSecrets(raw[i], p));
    if (plain && typeof plain === "object" && !Array.isArray(plain)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(plain as Record<string, unknown>)) out[k] = redactSecrets(r[k], v);
      return out;
    }
  }
  return plain;
}

function fill(template: string, values: Record<string, unknown>, what: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined || v === null || v === "") {
      throw new Error(`simulated ARM: ${what} has no '${key}' input, which its ARM id needs`);
    }
    return String(v);
  });
}

export class SimulatedArm {
  public readonly resources: PlannedResource[] = [];
  public readonly subscriptionId: string;
  public readonly tenantId = SIMULATED_TENANT;
  private readonly byUrn = new Map<string, PlannedResource>();
  /** Config keys noted at construction time, by URN, consumed in registration order. */
  private readonly constructedKeys = new Map<string, (string | undefined)[]>();
  /** The name each custom resource gets in Azure (its name input, or azure-native's auto-name), by URN. */
  private readonly azureNames = new Map<string, string>();
  /** The ARM id each custom resource gets, by URN (not known during a preview). */
  private readonly armIds = new Map<string, string>();
  /** Registrations whose URN an earlier one already had (the engine refuses these): [first, second]. */
  private readonly duplicates: [PlannedResource, PlannedResource][] = [];
  /** The registration being answered: the mocks' newResource runs synchronously right after `record`, without URN. */
  private pending: { urn: string; type: string; name: string } | undefined;

  constructor(private readonly options: SimulatedArmOptions) {
    this.subscriptionId = options.subscriptionId ?? ALL_ZERO_SUBSCRIPTION;
  }

  guid(...parts: string[]): string {
    const h = createHash("sha1").update(parts.join("|")).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Forgets what was recorded (tests reuse one simulator per file). */
  reset(): void {
    this.resources.length = 0;
    this.byUrn.clear();
    this.constructedKeys.clear();
    this.azureNames.clear();
    this.armIds.clear();
    this.duplicates.length = 0;
  }

  /** Resources of one type token (exact), in registration order. */
  ofType(type: string): PlannedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  byUrnOf(urn: string): PlannedResource | undefined {
    return this.byUrn.get(urn);
  }

  /** Called when a resource is constructed (synchronously, inside any `withConfigKey` scope). */
  noteConstruction(urn: string, configKey: string | undefined): void {
    const keys = this.constructedKeys.get(urn);
    if (keys) keys.push(configKey);
    else this.constructedKeys.set(urn, [configKey]);
  }

  /** Called by the recording monitor before the mock answers, with the raw registration request. */
  record(urn: string, req: RegisterRequest): PlannedResource {
    const plain = rpc.deserializeProperties(req.getObject());
    const inputs = redactSecrets(req.getObject()?.toJavaScript(), plain) as Record<string, unknown>;
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    const res: PlannedResource = {
      urn,
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || undefined,
      custom: req.getCustom(),
      inputs,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      protect: req.getProtect() === true,
      configKey: this.constructedKeys.get(urn)?.shift(),
    };
    this.resources.push(res);
    const first = this.byUrn.get(urn);
    // The engine refuses a second registration of a URN ("Duplicate resource URN"); keep the first, report both.
    if (first) this.duplicates.push([first, res]);
    else this.byUrn.set(urn, res);
    this.pending = { urn, type: res.type, name: res.name };
    return res;
  }

  /**
   * What Azure's published constraints (planner/arm/constraints/) and the Pulumi engine would refuse in what was
   * recorded: broken ARM rules (names checked as azure-native will send them) and duplicate URNs. Collected, never
   * thrown, so a plan reports all of them.
   */
  armViolations(): ArmViolation[] {
    return [
      ...this.duplicates.map(([a, b]) => duplicateUrn(a, b)),
      ...sharedArmIds(this.resources, (r) => this.armIds.get(r.urn)),
      ...sharedEntityPaths(this.resources, (r) => this.armIds.get(r.urn)),
      ...checkPlanned(
        this.resources.filter((r) => r.custom && !this.duplicates.some(([, b]) => b === r)),
        (r) => this.azureNames.get(r.urn),
      ),
    ];
  }

  /** The mocks' newResource: an ARM-shaped id and the outputs Azure would compute. */
  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    if (!args.custom) return { id: "", state: args.inputs };
    if (args.type.startsWith("pulumi:providers:")) return { id: `${args.name}-provider-id`, state: args.inputs };
    if (args.type === "pulumi:pulumi:StackReference") {
      const stackName = String(args.inputs.name ?? args.id);
      const outputs = this.options.stackOutputs?.[stackName];
      if (!outputs) {
        const known = Object.keys(this.options.stackOutputs ?? {});
        throw new Error(
          `simulated ARM: no outputs for referenced stack "${stackName}"` +
            (known.length ? ` (known: ${known.join(", ")})` : " (none were given to the offline plan)"),
        );
      }
      return { id: stackName, state: { name: stackName, outputs, secretOutputNames: [] } };
    }
    const sim = simulatedTypes[args.type];
    if (!sim) {
      throw new Error(
        `simulated ARM: resource type ${args.type} (${args.name}) is not simulated; add it to planner/arm/ with its ARM id template`,
      );
    }
    // Only the registration just recorded (a read of an existing resource has no record).
    const urn = this.pending?.type === args.type && this.pending.name === args.name ? this.pending.urn : undefined;
    this.pending = undefined;
    const given = sim.nameInput ? args.inputs[sim.nameInput] : undefined;
    const kind = autoNameKind(sim);
    // azure-native fills the name only when the input is absent (provider.go applyDefaults: !news.HasValue).
    const name =
      given !== undefined && given !== null
        ? (given as string)
        : autoName(kind ?? "copy", args.name, `${this.options.stack}|${urn ?? `${args.type}::${args.name}`}`);
    if (urn && kind) this.azureNames.set(urn, name);
    if (this.options.preview) {
      // A preview knows the inputs (and the provider's auto-name), not the id or what Azure computes.
      return { id: "", state: { ...args.inputs, ...(sim.nameInput ? { [sim.nameInput]: name } : {}), name } };
    }
    const values = { ...args.inputs, name, sub: this.subscriptionId };
    const id = fill(sim.id, values, `${args.type} ${args.name}`);
    if (urn) this.armIds.set(urn, id);
    const ctx: OutputContext = {
      id,
      name,
      inputs: args.inputs,
      subscriptionId: this.subscriptionId,
      tenantId: this.tenantId,
      guid: (purpose) => this.guid(id.toLowerCase(), purpose),
    };
    const state = {
      ...args.inputs,
      ...(sim.nameInput ? { [sim.nameInput]: name } : {}),
      name,
      ...(sim.outputs?.(ctx) ?? {}),
    };
    return { id, state };
  }

  /** The mocks' call: invokes the components make. Anything else fails loudly. */
  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    switch (args.token) {
      case "azure-native:authorization:getClientConfig":
        return {
          subscriptionId: this.subscriptionId,
          tenantId: this.tenantId,
          clientId: this.guid("client"),
          objectId: this.guid("object"),
        };
      default:
        if (/^azure-native:(eventhub|servicebus):list\w*Keys$/.test(args.token)) {
          const rule = String(args.inputs.authorizationRuleName ?? "rule");
          const host = `${args.inputs.namespaceName}.servicebus.windows.net`;
          return {
            keyName: rule,
            primaryKey: `simulated-primary-key-${rule}`,
            secondaryKey: `simulated-secondary-key-${rule}`,
            primaryConnectionString: `Endpoint=sb://${host}/;SharedAccessKeyName=${rule};SharedAccessKey=simulated`,
            secondaryConnectionString: `Endpoint=sb://${host}/;SharedAccessKeyName=${rule};SharedAccessKey=simulated2`,
          };
        }
        throw new Error(`simulated ARM: invoke ${args.token} is not simulated; add it to SimulatedArm.call`);
    }
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean | undefined;
  getObject(): { toJavaScript(): unknown } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
}

const ROOT_STACK = "pulumi:pulumi:Stack";

/** The qualified type part of a URN (`Parent$Child`); empty for the root stack, whose type URNs never include. */
function qualifiedTypeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified === ROOT_STACK ? "" : qualified;
}

/** `urn:pulumi:<stack>::<project>::<parent types$...>$<type>::<name>`, as the Pulumi engine forms it. */
function engineUrn(project: string, stack: string, parentQualified: string | undefined, type: string, name: string) {
  const qualified = type === ROOT_STACK || !parentQualified ? type : `${parentQualified}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

let activeArm: SimulatedArm | undefined;
const QUALIFIED_TYPE = Symbol.for("azint.planner.qualifiedType");
const CONFIG_KEY_CAPTURE = Symbol.for("azint.planner.configKeyCapture");

/**
 * Wraps the SDK's `registerResource` (called synchronously by every resource constructor, through its module
 * exports) to note the URN each construction will register with and the config key in scope at that moment: the
 * registration itself reaches the monitor later, asynchronously, when the scope is long gone.
 */
function installConfigKeyCapture(): void {
  if (resourceRuntime[CONFIG_KEY_CAPTURE]) return;
  const original = resourceRuntime.registerResource as (...args: unknown[]) => unknown;
  resourceRuntime.registerResource = function (
    this: unknown,
    res: Record<symbol, string>,
    parent: Record<symbol, string> | undefined,
    type: string,
    name: string,
    ...rest: unknown[]
  ) {
    const parentQualified = parent?.[QUALIFIED_TYPE];
    const qualified = type === ROOT_STACK ? "" : parentQualified ? `${parentQualified}$${type}` : type;
    Object.defineProperty(res, QUALIFIED_TYPE, { value: qualified, enumerable: false });
    const arm = activeArm;
    if (arm && type !== ROOT_STACK && !type.startsWith("pulumi:providers:")) {
      const urn = `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${qualified}::${name}`;
      arm.noteConstruction(urn, currentConfigKey());
    }
    return original.call(this, res, parent, type, name, ...rest);
  };
  resourceRuntime[CONFIG_KEY_CAPTURE] = true;
}

let keepPromiseStacks = true;
const LEAN_PROMISES = Symbol.for("azint.planner.leanDebuggablePromise");

/**
 * Wraps the SDK's `debuggablePromise` (called through its module exports by every runtime module) so that, unless
 * `keepPromiseStacks`, the stack trace it stores on each promise is captured with a zero frame limit: the promise,
 * its leak tracking and its context string are unchanged; only the debug trace is empty. Errors thrown by the
 * program keep their full stacks (the limit is restored before the SDK's code continues).
 */
function installLeanPromiseStacks(): void {
  if (debuggable[LEAN_PROMISES]) return;
  const original = debuggable.debuggablePromise as (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
  debuggable.debuggablePromise = (p: Promise<unknown>, ctx: unknown) => {
    if (keepPromiseStacks) return original(p, ctx);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  debuggable[LEAN_PROMISES] = true;
}

/**
 * Installs the simulated ARM as the Pulumi runtime's monitor (like `pulumi.runtime.setMocks`, plus recording),
 * sets the stack config, and returns the simulator to read the recorded resources from.
 */
export function installSimulatedArm(options: SimulatedArmOptions): SimulatedArm {
  const arm = new SimulatedArm(options);
  const mocks: pulumi.runtime.Mocks = {
    newResource: (a) => arm.newResource(a),
    call: (a) => arm.call(a),
  };
  class RecordingMonitor extends MockMonitor {
    constructor(m: pulumi.runtime.Mocks) {
      super(m);
    }
    /** URNs as the engine makes them (the mocks' own keep only the parent's type and include the root stack's). */
    newUrn(parent: string, type: string, name: string): string {
      return engineUrn(options.project, options.stack, parent ? qualifiedTypeOf(parent) : undefined, type, name);
    }
    async registerResource(req: RegisterRequest, callback: (err: unknown, resp?: { getId(): string }) => void) {
      const urn = this.newUrn(req.getParent(), req.getType(), req.getName());
      const planned = arm.record(urn, req);
      return super.registerResource(
        req,
        (err: unknown, resp?: { getId(): string; getObject(): { toJavaScript(): unknown } }) => {
          if (!err && resp) {
            planned.id = resp.getId() || undefined;
            planned.outputs = rpc.deserializeProperties(resp.getObject());
          }
          callback(err, resp);
        },
      );
    }
  }
  settings.setMockOptions(
    new RecordingMonitor(mocks),
    options.project,
    options.stack,
    options.preview === true,
    undefined,
  );
  // The same feature flags pulumi.runtime.setMocks enables.
  const store = state.getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  store.supportsOutputValues = false;
  store.supportsDeletedWith = true;
  store.supportsAliasSpecs = true;
  store.supportsTransforms = false;
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
  installLeanPromiseStacks();
  installConfigKeyCapture();
  activeArm = arm;
  keepPromiseStacks = options.debugPromiseStacks ?? debuggable.debugPromiseLeaks === true;
  return arm;
}
