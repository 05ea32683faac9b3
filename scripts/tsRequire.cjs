/*
 * A CommonJS require hook for this repository's TypeScript: each `.ts` file is transpiled once with esbuild (types
 * stripped, no type-check; `npm run typecheck` is the type gate) and the JavaScript is kept in a cache keyed by a
 * hash of the file's content, so a run after the first loads plain JavaScript, and an edited file is transpiled
 * again on its next load. Used by `npm run plan` (`node -r ./scripts/tsRequire.cjs planner/cli.ts`) and the plan-CLI
 * tests: unlike `tsx` it starts no second process and turns on no source-mapping of stack traces (the Pulumi SDK
 * captures a stack trace for every resource it registers), which was most of a plan's time.
 *
 * Set AZINT_TS_SOURCE_MAPS=1 to map stack traces back to the TypeScript lines (slower). The cache lives in
 * node_modules/.cache/azint-ts (removed by `npm ci`), or in the OS temp directory when that is not writable.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const os = require("os");
const path = require("path");

// Bump when the transform options below change, so that older cache entries are not reused.
const HOOK_VERSION = "1";
const sourceMaps = process.env.AZINT_TS_SOURCE_MAPS === "1";
const root = path.resolve(__dirname, "..");

/** The transpile options of tsconfig.json that change emitted code (target ES2022 defines class fields). */
const tsconfigRaw = { compilerOptions: { target: "ES2022", useDefineForClassFields: true, esModuleInterop: true } };

let esbuild;
let esbuildVersion;
function versionOfEsbuild() {
  if (esbuildVersion === undefined) {
    esbuildVersion = JSON.parse(fs.readFileSync(require.resolve("esbuild/package.json"), "utf8")).version;
  }
  return esbuildVersion;
}

function cacheDirectory() {
  const candidates = [path.join(root, "node_modules", ".cache", "azint-ts"), path.join(os.tmpdir(), "azint-ts-cache")];
  for (const dir of candidates) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // try the next one
    }
  }
  return undefined;
}
const cacheDir = cacheDirectory();

function transpile(source, filename) {
  esbuild ??= require("esbuild");
  return esbuild.transformSync(source, {
    loader: "ts",
    format: "cjs",
    target: "node20",
    platform: "node",
    sourcefile: filename,
    sourcemap: sourceMaps ? "inline" : false,
    tsconfigRaw,
  }).code;
}

function compileTs(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto
    .createHash("sha1")
    .update(`${HOOK_VERSION}\0${versionOfEsbuild()}\0${sourceMaps}\0${filename}\0`)
    .update(source)
    .digest("hex");
  const cached = cacheDir && path.join(cacheDir, `${key}.js`);
  let code;
  if (cached) {
    try {
      code = fs.readFileSync(cached, "utf8");
    } catch {
      // not cached yet
    }
  }
  if (code === undefined) {
    code = transpile(source, filename);
    if (cached) {
      // Written under a unique name and renamed: concurrent processes (jest workers) never read half a file.
      const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    }
  }
  module._compile(code, filename);
}

Module._extensions[".ts"] = compileTs;
// The SDK's function-serialization dependencies load on first use (most of the SDK's load time).
require("./lazySdkModules.cjs").installInNode();
if (sourceMaps) process.setSourceMapsEnabled(true);

/*
 * V8 code cache for every CommonJS module (ours and node_modules): half of loading `@pulumi/pulumi` and the
 * stack's modules is V8 compiling the same JavaScript again. Node >= 22.1 has it built in
 * (module.enableCompileCache); on Node 20 each module is compiled as a vm.Script with the cached data of its
 * last run, and scripts without valid cached data write it at exit (after the run, so that it holds the lazily
 * compiled functions too). V8 rejects cached data whose source or V8 version differs, and then it is rewritten.
 */
if (cacheDir && process.env.AZINT_NO_CODE_CACHE !== "1") {
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(path.join(cacheDir, "v8"));
  } else {
    // V8 rejects cached data made under other V8 flags: one directory per Node version and flag set.
    const flags = crypto
      .createHash("sha1")
      .update(`${process.execArgv.join(" ")}\0${process.env.NODE_OPTIONS ?? ""}`)
      .digest("hex")
      .slice(0, 12);
    installCodeCache(path.join(cacheDir, `v8-${process.version}-${process.arch}-${flags}`));
  }
}

function installCodeCache(dir) {
  const vm = require("vm");
  fs.mkdirSync(dir, { recursive: true });
  const pending = [];
  const importModuleDynamically = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (importModuleDynamically === undefined) return; // older Node 20: no dynamic import() from vm scripts

  Module.prototype._compile = function (content, filename) {
    const key = crypto.createHash("sha1").update(filename).update("\0").update(content).digest("hex");
    const file = path.join(dir, `${key}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // first run of this source
    }
    // The CommonJS wrapper on the source's first line keeps line numbers in stack traces.
    const wrapper = `(function (exports, require, module, __filename, __dirname) { ${stripShebang(content)}\n});`;
    const script = new vm.Script(wrapper, { filename, cachedData, importModuleDynamically });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file });
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  };

  process.once("exit", () => {
    for (const { script, file } of pending) {
      const tmp = `${file}.${process.pid}`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, file);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    }
  });
}

function stripShebang(content) {
  return content.startsWith("#!") ? `//${content}` : content;
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction). */
function makeRequire(mod) {
  const require = function require(id) {
    return mod.require(id);
  };
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}
