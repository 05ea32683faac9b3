import * as path from "path";
import * as ts from "typescript";

/**
 * The documentation of every stack config key, read from its single source with the TypeScript compiler: the JSDoc
 * on the zod property in `stacks/config/*.ts`, or, for a key without one inside a config object that declares the
 * component argument type it passes through to (`@argsType {@link EventHubArgs}`, or `@argsType
 * components/core/interfaces.ts#LockArgs` for a type the file does not import, in the object's JSDoc), the JSDoc of
 * that argument, if the key's type is assignable to it (passes through unchanged). The link follows nested objects,
 * maps and lists by key, so one link per args type suffices. A "Defaults to ..." sentence is the key's default.
 * zod's `toJSONSchema` cannot see comments; `scripts/configSchema.ts` joins these docs to the JSON Schema by key path.
 * Run `npx tsx scripts/configDocs.ts` to list undocumented keys.
 *
 * Paths are JSON Schema paths of the `stackConfigSchema` input: property names joined by `.`, `<key>` for a record's
 * values and `[]` for an array's items; the options of a union share their parent's path.
 */

export const projectRoot = path.join(__dirname, "..");
const schemaModule = path.join(projectRoot, "stacks", "config", "schema.ts");

/** The JSDoc tag that links a config object to the component argument type its keys pass through to. */
export const ARGS_TAG = "argsType";

export interface KeyDoc {
  /** The description text (JSDoc markdown), without the `Defaults to ...` sentence. */
  description: string;
  /** The `Defaults to ...` sentence's value, as written (`24`, `` `Avro` ``, `true in prod, false elsewhere`). */
  defaultText?: string;
  /** Where the text comes from, for error messages: `stacks/config/eventhubs.ts:41` or `EventHubArgs.partitionCount`. */
  source: string;
}

/** A config object that declares the component argument type its keys pass through to. */
export interface ArgsLink {
  /** The config object's path. */
  path: string;
  /** The args type as written in the link. */
  argsType: string;
  /** Where the link is written. */
  source: string;
  /** Config keys of the object without their own JSDoc: each must be an argument of the args type. */
  inherited: { key: string; onArgs: boolean; assignable: boolean }[];
}

export interface ConfigDocs {
  docs: Map<string, KeyDoc>;
  links: ArgsLink[];
  /** Properties with neither their own JSDoc nor a linked argument's, and where their zod property is written. */
  undocumented: { path: string; source: string }[];
  /** Keys that pass through unchanged to a documented argument but carry their own JSDoc too (two sources). */
  shadowed: { path: string; source: string; argument: string; same: boolean }[];
}

/** Splits "Text. Defaults to X." into the text and X; X is the sentence after `Defaults to` up to its full stop. */
export function splitDefault(text: string): { description: string; defaultText?: string } {
  const m = /(^|\s)Defaults to ((?:[^.`]|`[^`]*`|\.(?=\S))+)\.?(?=\s|$)/.exec(text);
  if (!m) return { description: text.trim() };
  const description = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim();
  return { description, defaultText: m[2].trim() };
}

function compilerOptions(): ts.CompilerOptions {
  // Only what resolving the config modules' types needs: no lib type packages, no emit, no type-check of libraries.
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
}

// The Pulumi SDK and azure-native declarations are most of the program's size (azure-native alone is 21 MB) and
// carry no config docs: they are replaced by stubs. `Input` and `Output` keep their shape, so that a config key's
// type is still compared with the component argument's `pulumi.Input<T>`; anything else from them is `any`.
const STUBS: [string, string][] = [
  ["/node_modules/@pulumi/azure-native/", "declare const azureNative: any;\nexport = azureNative;\n"],
  [
    "/node_modules/@pulumi/pulumi/",
    "export interface Output<T> { apply<U>(f: (value: T) => U): Output<U>; }\n" +
      "export type Input<T> = T | Promise<T> | Output<T>;\n",
  ],
];

function createProgram(): ts.Program {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const stub = STUBS.find(([dir]) => file.replace(/\\/g, "/").includes(dir));
    return stub ? ts.createSourceFile(file, stub[1], language) : read(file, language, ...rest);
  };
  return ts.createProgram([schemaModule], options, host);
}

/** The zod definition type of a schema type (`_zod.def`), and its kind (`object`, `optional`, ...). */
function zodDef(checker: ts.TypeChecker, type: ts.Type): { kind: string; def: ts.Type } | undefined {
  const internals = type.getProperty("_zod");
  if (!internals) return undefined;
  const defSym = checker.getTypeOfSymbol(internals).getProperty("def");
  if (!defSym) return undefined;
  const def = checker.getTypeOfSymbol(defSym);
  const kindSym = def.getProperty("type");
  const kind = kindSym && checker.getTypeOfSymbol(kindSym);
  if (!kind || !kind.isStringLiteral()) return undefined;
  return { kind: kind.value, def };
}

function prop(checker: ts.TypeChecker, type: ts.Type, name: string): ts.Type | undefined {
  const s = type.getProperty(name);
  return s && checker.getTypeOfSymbol(s);
}

/** Text compared for "the same description": case, spacing and the final full stop ignored. */
const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, " ").replace(/\.$/, "").trim();

function docOf(checker: ts.TypeChecker, sym: ts.Symbol): string {
  return ts.displayPartsToString(sym.getDocumentationComment(checker)).trim();
}

function where(node: ts.Node): string {
  const sf = node.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  return `${path.relative(projectRoot, sf.fileName)}:${line}`;
}

/**
 * The `@argsType {@link X}` link of an object literal that declares config keys (a zod shape, or a shape spread into
 * one): written in the JSDoc of the variable or property that holds the literal (possibly inside calls such as
 * `z.strictObject(...).optional()` or `keyed(...)`).
 */
function argsLinkOf(
  program: ts.Program,
  checker: ts.TypeChecker,
  literal: ts.Node,
): { type: ts.Type; name: string; node: ts.Node } | undefined {
  let node: ts.Node = literal;
  while (node.parent && !ts.isVariableDeclaration(node) && !ts.isPropertyAssignment(node) && !ts.isSourceFile(node)) {
    node = node.parent;
  }
  const holder = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  for (const tag of ts.getJSDocTags(holder)) {
    if (tag.tagName.text !== ARGS_TAG) continue;
    const link = Array.isArray(tag.comment) ? tag.comment.find((c) => ts.isJSDocLink(c)) : undefined;
    let resolved: ts.Symbol | undefined;
    let name: string;
    if (link && ts.isJSDocLink(link) && link.name) {
      // `{@link EventHubArgs}`: a type in scope (imported), which editors also follow.
      name = link.name.getText();
      const target = checker.getSymbolAtLocation(link.name);
      resolved = target && target.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(target) : target;
    } else {
      // `components/core/interfaces.ts#LockArgs`: an exported type of a module the file does not import.
      const text = typeof tag.comment === "string" ? tag.comment : (ts.getTextOfJSDocComment(tag.comment) ?? "");
      const m = /([\w./-]+\.ts)#(\w+)/.exec(text);
      if (!m)
        throw new Error(
          `${where(tag)}: write @${ARGS_TAG} {@link ArgsType} or @${ARGS_TAG} path/to/module.ts#ArgsType`,
        );
      name = m[2];
      const module = program.getSourceFile(path.join(projectRoot, m[1]));
      const moduleSymbol = module && checker.getSymbolAtLocation(module);
      resolved = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((e) => e.name === m[2]);
      if (resolved && resolved.flags & ts.SymbolFlags.Alias) resolved = checker.getAliasedSymbol(resolved);
    }
    if (!resolved || !(resolved.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) {
      throw new Error(`${where(tag)}: @${ARGS_TAG} names no interface or type: ${name}`);
    }
    return { type: checker.getDeclaredTypeOfSymbol(resolved), name, node: tag };
  }
  return undefined;
}

/** Reads the documentation of every key of `stackConfigSchema`. */
export function readConfigDocs(): ConfigDocs {
  const program = createProgram();
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(schemaModule)!;
  const moduleSym = checker.getSymbolAtLocation(sf)!;
  const root = checker.getExportsOfModule(moduleSym).find((s) => s.name === "stackConfigSchema");
  if (!root) throw new Error("stacks/config/schema.ts exports no stackConfigSchema");

  const docs = new Map<string, KeyDoc>();
  const links: ArgsLink[] = [];
  const undocumented: { path: string; source: string }[] = [];
  const seen = new Map<string, string>();
  const shadowed: ConfigDocs["shadowed"] = [];

  // `args` is the component argument type the node passes through to: declared on an object with `@argsType`, and
  // followed from there into nested objects, maps and lists by key, so one link per component args type suffices.
  const walk = (type: ts.Type, at: string, depth: number, args: ts.Type | undefined): void => {
    if (depth > 40) throw new Error(`${at}: config schema nests too deep (recursive?)`);
    const z = zodDef(checker, type);
    if (!z) return;
    const inner = (name: string) => prop(checker, z.def, name);
    const next = (name: string, keyPath: string, nextArgs: ts.Type | undefined) => {
      const t = inner(name);
      if (t) walk(t, keyPath, depth + 1, nextArgs);
    };
    switch (z.kind) {
      case "object": {
        const shape = inner("shape");
        if (shape) walkShape(shape, at, depth, args);
        return;
      }
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "nonoptional":
      case "readonly":
      case "catch":
        return next("innerType", at, args);
      case "record":
        return next("valueType", `${at}.<key>`, args && indexOf(args, ts.IndexKind.String));
      case "array":
        return next("element", `${at}[]`, args && indexOf(args, ts.IndexKind.Number));
      case "pipe":
        return next("in", at, args);
      case "union": {
        const options = inner("options");
        const items =
          options && checker.isTupleType(options) ? checker.getTypeArguments(options as ts.TypeReference) : [];
        for (const option of items) walk(option, at, depth + 1, args);
        return;
      }
      default:
        return;
    }
  };

  /** The members of an args type that can hold keys (a `pulumi.Input<T>`'s T, not its Promise or Output). */
  const shapes = (t: ts.Type): ts.Type[] =>
    (t.isUnion() ? t.types : [t]).filter((m) => !["Promise", "Output"].includes(m.getSymbol()?.name ?? ""));
  const argOf = (t: ts.Type, key: string): ts.Symbol | undefined => {
    for (const m of shapes(checker.getNonNullableType(t))) {
      const p = checker.getPropertyOfType(m, key);
      if (p) return p;
    }
    return undefined;
  };
  const indexOf = (t: ts.Type, kind: ts.IndexKind): ts.Type | undefined => {
    for (const m of shapes(checker.getNonNullableType(t))) {
      const v =
        checker.getIndexTypeOfType(m, kind) ??
        (kind === ts.IndexKind.Number && checker.isArrayType(m)
          ? checker.getTypeArguments(m as ts.TypeReference)[0]
          : undefined);
      if (v) return v;
    }
    return undefined;
  };

  /** Whether a config key's value (its zod output type) is assignable to the argument: it passes through unchanged. */
  const passesThrough = (valueType: ts.Type, arg: ts.Symbol): boolean => {
    const output = prop(checker, prop(checker, valueType, "_zod") ?? valueType, "output");
    const argType = checker.getNonNullableType(checker.getTypeOfSymbol(arg));
    return !!output && checker.isTypeAssignableTo(checker.getNonNullableType(output), argType);
  };
  const literalLinks = new Map<ts.Node, ReturnType<typeof argsLinkOf>>();
  const walkShape = (shape: ts.Type, at: string, depth: number, args: ts.Type | undefined): void => {
    const followed = args && {
      type: args,
      name: checker.typeToString(checker.getNonNullableType(args)),
      node: undefined,
    };
    const records = new Map<unknown, ArgsLink>();
    for (const sym of checker.getPropertiesOfType(shape)) {
      const key = sym.name;
      const keyPath = at ? `${at}.${key}` : key;
      const valueType = checker.getTypeOfSymbol(sym);
      const decl = sym.declarations?.[0];
      // The link of the literal that declares the key (a spread shape may declare its own), else the parent's.
      const literal = decl?.parent;
      if (literal && ts.isObjectLiteralExpression(literal) && !literalLinks.has(literal)) {
        literalLinks.set(literal, argsLinkOf(program, checker, literal));
      }
      const link = (literal && literalLinks.get(literal)) ?? followed;
      let record = link && records.get(link);
      if (link && !record) {
        record = {
          path: at,
          argsType: link.name,
          source: link.node ? where(link.node) : `followed from the parent's link`,
          inherited: [],
        };
        records.set(link, record);
        links.push(record);
      }
      const own = docOf(checker, sym);
      const arg = link && argOf(link.type, key);
      if (!seen.has(keyPath) || (own && !docs.has(keyPath))) {
        let doc: KeyDoc | undefined = own ? { ...splitDefault(own), source: decl ? where(decl) : keyPath } : undefined;
        if (own && link && arg && docOf(checker, arg) && passesThrough(valueType, arg)) {
          shadowed.push({
            path: keyPath,
            source: doc!.source,
            argument: `${link.name}.${key}`,
            same: normalize(own) === normalize(docOf(checker, arg)),
          });
        }
        if (!own && link && record) {
          const argDoc = arg ? docOf(checker, arg) : "";
          const assignable = !!arg && passesThrough(valueType, arg);
          record.inherited.push({ key, onArgs: !!arg, assignable });
          // Only a key that passes through unchanged says what its argument says.
          if (argDoc && assignable) doc = { ...splitDefault(argDoc), source: `${link.name}.${key}` };
        }
        if (doc && !docs.has(keyPath)) docs.set(keyPath, doc);
        seen.set(keyPath, decl ? where(decl) : keyPath);
      }
      walk(valueType, keyPath, depth + 1, arg ? checker.getTypeOfSymbol(arg) : undefined);
    }
  };

  walk(checker.getTypeOfSymbol(root), "", 0, undefined);
  for (const [p, source] of seen) if (!docs.has(p)) undocumented.push({ path: p, source });
  return { docs, links, undocumented, shadowed };
}

if (require.main === module) {
  const t0 = Date.now();
  const { docs, links, undocumented } = readConfigDocs();
  console.log(
    `${docs.size} documented, ${undocumented.length} undocumented, ${links.length} links, ${Date.now() - t0} ms`,
  );
  for (const u of undocumented) console.log(`${u.source} ${u.path}`);
}
