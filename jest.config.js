/** Jest transpiles TypeScript with swc (no type-checking; `npm run typecheck` is the type gate). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // @pulumi/pulumi's `typescript` and `@npmcli/arborist` load on first use: half of the SDK's load time in every test
  // file, used only to serialize functions (tests/helpers/jestResolver.cjs).
  resolver: "<rootDir>/tests/helpers/jestResolver.cjs",
  // On a cold cache (a clean clone) the long files marked `@slow` start first instead of last.
  testSequencer: "<rootDir>/tests/helpers/testSequencer.cjs",
  // The shipped stacks are planned once per run and shared between test files (tests/helpers/sharedPlans.ts).
  globalSetup: "<rootDir>/tests/helpers/sharedPlansSetup.ts",
  globalTeardown: "<rootDir>/tests/helpers/sharedPlansTeardown.cjs",
  // Component and plan tests await Pulumi outputs on the simulated ARM; a hang is a bug, not a slow test.
  testTimeout: 60000,
  maxWorkers: 2,
};
