/** @slow builds, packs and installs the library, type-checks and runs the example twice (tests/helpers/testSequencer.cjs) */
import { spawnSync } from "child_process";
import * as path from "path";

const projectDir = path.resolve(__dirname, "../..");

// The package as another team installs it: scripts/consumerTest.sh builds and packs it, checks the tarball's files,
// installs it into a clean directory with examples/consumer, requires every entry point (no side effects),
// type-checks the example with a strict tsconfig and runs it under Pulumi's mocks, compiled and through Pulumi's
// TypeScript loader, checking the inputs that reach azure-native.
test("the packed library works as a dependency: entry points, strict types, compiled and Pulumi-loaded runs", () => {
  const r = spawnSync("bash", [path.join(projectDir, "scripts", "consumerTest.sh")], {
    cwd: projectDir,
    encoding: "utf8",
    timeout: 170_000,
  });
  const output = `${r.stdout}${r.stderr}`;
  expect({ status: r.status, output }).toMatchObject({ status: 0 });
  expect(output).toMatch(/tarball: \d+ files, compiled JS and \.d\.ts for every component module/);
  expect(output).toMatch(/imports: 9 entry points, no side effects/);
  expect(output).toContain("type-check: strict tsconfig passed");
  expect(output).toMatch(/consumer example \(compiled\): \d+ resources registered, all checks passed/);
  expect(output).toMatch(/consumer example \(pulumi\): \d+ resources registered, all checks passed/);
}, 180_000);
