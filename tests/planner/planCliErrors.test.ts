import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanCli } from "../helpers/runPlanCli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-bad-"));
const stackFile = (name: string, body: string) => {
  const p = path.join(tmp, `Pulumi.${name}.yaml`);
  fs.writeFileSync(p, `config:\n  azure-integration:environment: dev\n${body}`);
  return p;
};

describe("npm run plan with invalid configuration exits 2 with the key path, the value and what is allowed", () => {
  test.each([
    [
      "unknown key",
      "  azure-integration:storag: {}\n",
      "storag: {} is not a known key; allowed keys here: environment,",
    ],
    ["wrong type", "  azure-integration:protect: maybe\n", 'protect: "maybe" has the wrong type; expected boolean'],
    [
      "out-of-range value",
      "  azure-integration:monitoring:\n    logAnalytics:\n      retentionInDays: 5000\n",
      "monitoring.logAnalytics.retentionInDays: 5000 is too large; the maximum is 730",
    ],
    [
      "bad reference inside a collection",
      "  azure-integration:storage:\n    main:\n      name: UPPER\n",
      'storage.main.name: "UPPER" storage account names are 3-24 lowercase letters and digits',
    ],
  ])("%s", (_case, body, expected) => {
    const r = runPlanCli(["--config", stackFile(_case.replace(/\W+/g, "-"), body)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // no stack trace
    expect(r.stdout).toContain("Result: invalid configuration (exit 2)");
  });

  test("secure values are never decrypted or printed, even when they are the bad value", () => {
    const ciphertext = "v1:c2VjcmV0LWNpcGhlcnRleHQ=";
    const r = runPlanCli([
      "--config",
      stackFile(
        "secret",
        `  azure-integration:resourceGroupName:\n    secure: ${ciphertext}\n  azure-integration:apiKey:\n    secure: ${ciphertext}\n`,
      ),
      "--json",
      path.join(tmp, "secret.json"),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('apiKey: "[secret]" is not a known key');
    for (const out of [r.stdout, r.stderr, fs.readFileSync(path.join(tmp, "secret.json"), "utf8")]) {
      expect(out).not.toContain(ciphertext);
      expect(out).not.toContain("c2VjcmV0");
    }
  });

  test("a missing stack file and unknown flags are configuration errors too", () => {
    expect(runPlanCli(["--stack", "nope"]).stderr).toContain("Pulumi.nope.yaml does not exist");
    const r = runPlanCli(["--stack", "dev", "--colour"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--colour'");
  });
});
