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
  // Component and plan tests await Pulumi outputs on the simulated ARM; a hang is a bug, not a slow test.
  testTimeout: 60000,
  maxWorkers: 2,
};
