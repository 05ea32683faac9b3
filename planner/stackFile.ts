import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The project name from Pulumi.yaml (config keys are `<project>:<key>`). */
export function readProjectName(projectDir: string): string {
  const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name?: string };
  if (!doc?.name) throw new Error(`${path.join(projectDir, "Pulumi.yaml")} has no 'name'`);
  return doc.name;
}

export interface StackFileConfig {
  /** Config as Pulumi passes it to a program: every value a string (objects JSON-encoded), keyed `ns:key`. */
  readonly config: Record<string, string>;
  /** Keys whose value was `secure:` in the file. Their value is a placeholder: the plan never decrypts. */
  readonly secretKeys: string[];
}

/** Placeholder that stands in for every `secure:` value: ciphertext is never decrypted, printed or passed on. */
export const SECRET_PLACEHOLDER = "[secret]";

function isSecure(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;
}

/** Replaces nested `{secure: ...}` values with the placeholder and reports whether any was found. */
function redactNested(v: unknown): { value: unknown; secret: boolean } {
  if (isSecure(v)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(v)) {
    const parts = v.map(redactNested);
    return { value: parts.map((p) => p.value), secret: parts.some((p) => p.secret) };
  }
  if (v && typeof v === "object") {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = redactNested(x);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** Reads a `Pulumi.<stack>.yaml` file's `config:` block the way the Pulumi CLI hands it to a program. */
export function readStackFile(file: string): StackFileConfig {
  const text = fs.readFileSync(file, "utf8");
  const doc = (parse(text) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(doc.config ?? {})) {
    const { value, secret } = redactNested(raw);
    if (secret) secretKeys.push(key);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secretKeys };
}
