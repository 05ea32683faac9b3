import { spawnSync } from "child_process";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

// The SDK modules a stack program does not use load on first use (scripts/lazySdkModules.cjs): in Jest through
// tests/helpers/jestResolver.cjs, in `npm run plan` through the require hook. Code that does use them still works.

const projectDir = path.resolve(__dirname, "../..");

test("in Jest, pulumi.automation is the real Automation API once used", () => {
  expect(typeof pulumi.automation.LocalWorkspace.create).toBe("function");
  expect(Object.keys(pulumi.automation)).toEqual(expect.arrayContaining(["LocalWorkspace", "Stack"]));
});

test("under the plan CLI's require hook, the Automation API and TypeScript load only when used", () => {
  const script = `
    const loaded = (part) => Object.keys(require.cache).some((f) => f.includes(part));
    const pulumi = require("@pulumi/pulumi");
    const before = { automation: loaded("/@pulumi/pulumi/automation/"), typescript: loaded("/typescript/lib/") };
    const works = typeof pulumi.automation.LocalWorkspace === "function";
    console.log(JSON.stringify({ before, works, after: loaded("/@pulumi/pulumi/automation/") }));
  `;
  const r = spawnSync(process.execPath, ["-r", path.join(projectDir, "scripts", "tsRequire.cjs"), "-e", script], {
    cwd: projectDir,
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toEqual({ before: { automation: false, typescript: false }, works: true, after: true });
});
