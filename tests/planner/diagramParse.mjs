// Parses Mermaid diagrams with the official parser (the `mermaid` package's mermaid.parse) under jsdom, which
// mermaid needs for its sanitizer. Usage: node diagramParse.mjs FILE...; a .md file contributes each ```mermaid
// block. Prints one JSON array: [{ file, block, diagramType } | { file, block, error }]. Exit 0 unless it cannot run.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
Object.defineProperty(globalThis, "navigator", { value: dom.window.navigator, configurable: true });
const { default: mermaid } = await import("mermaid");

const results = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const blocks = file.endsWith(".md") ? [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]) : [text];
  for (const [block, source] of blocks.entries()) {
    try {
      const parsed = await mermaid.parse(source);
      results.push({ file, block, diagramType: parsed.diagramType });
    } catch (e) {
      results.push({ file, block, error: String(e?.message ?? e) });
    }
  }
}
process.stdout.write(JSON.stringify(results));
