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
  // One stack file with one error of each class: one process, every message checked.
  const cases = [
    [
      "unknown key",
      "  azure-integration:storag: {}\n",
      "storag: {} is not a known key (did you mean 'storage'?); allowed keys here: environment,",
    ],
    ["wrong type", "  azure-integration:protect: maybe\n", 'protect: "maybe" has the wrong type; expected boolean'],
    [
      "out-of-range value",
      "  azure-integration:monitoring:\n    logAnalytics:\n      retentionInDays: 5000\n",
      "monitoring.logAnalytics.retentionInDays: 5000 is too large; the maximum is 730",
    ],
    [
      "bad value inside a collection",
      "  azure-integration:storage:\n    main:\n      name: UPPER\n",
      'storage.main.name: "UPPER" storage account names are 3-24 lowercase letters and digits',
    ],
  ] as const;
  let result: ReturnType<typeof runPlanCli>;
  beforeAll(() => {
    result = runPlanCli(["--config", stackFile("bad", cases.map((c) => c[1]).join(""))]);
  });

  test("exit 2, no stack trace", () => {
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
    expect(result.stdout).toContain("Result: invalid configuration (exit 2)");
  });

  test.each(cases)("%s", (_case, _body, expected) => {
    expect(result.stderr).toContain(expected);
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
