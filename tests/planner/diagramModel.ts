/**
 * Reads a Mermaid flowchart written by planner/diagram.ts back into nodes, boxes and edges, so tests assert what a
 * reader sees (this identity publishes to that topic; this subscription is in that topic's box) instead of ids.
 */

export interface DiagramNode {
  readonly id: string;
  /** The kind in bold (`event grid topic`), then the name and any detail lines. */
  readonly kind: string;
  readonly text: string;
  /** The box (subgraph) holding it. */
  readonly parent?: string;
  readonly box: boolean;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly dashed: boolean;
}

export class Diagram {
  readonly nodes: DiagramNode[] = [];
  readonly edges: DiagramEdge[] = [];

  constructor(readonly source: string) {
    const stack: string[] = [];
    for (const line of source.split("\n")) {
      const t = line.trim();
      const box = /^subgraph (\w+)\["(.*)"\]$/.exec(t);
      const node = /^(\w+)\["(.*)"\](:::\w+)?$/.exec(t);
      const edge = /^(\w+) (-->|-\.->)(?:\|"(.*)"\|)? (\w+)$/.exec(t);
      if (box || node) {
        const [, id, label] = (box ?? node)!;
        const kind = /^<b>(.*?)<\/b>/.exec(label)?.[1] ?? "";
        const text = label.replace(/^<b>.*?<\/b>(<br\/>| )?/, "").replace(/<br\/>/g, "\n");
        this.nodes.push({ id, kind, text, parent: stack.at(-1), box: !!box });
        if (box) stack.push(id);
      } else if (t === "end") {
        stack.pop();
      } else if (edge) {
        this.edges.push({ from: edge[1], to: edge[4], label: edge[3] ?? "", dashed: edge[2] === "-.->" });
      }
    }
  }

  /** The one node or box of this kind whose text matches. */
  node(kind: string, text: RegExp): string {
    const found = this.nodes.filter((n) => n.kind === kind && text.test(n.text));
    if (found.length !== 1) {
      throw new Error(`expected one '${kind}' matching ${text}, found ${found.length}:\n${this.source}`);
    }
    return found[0].id;
  }

  /** The labels of the edges from -> to (one edge carries several reasons: "sends, receives"). */
  labels(from: string, to: string): string[] {
    return this.edges.filter((e) => e.from === from && e.to === to).flatMap((e) => e.label.split(", "));
  }

  /** True when `outer`'s box holds `inner`, directly or through nested boxes. */
  inside(inner: string, outer: string): boolean {
    for (let p = this.nodes.find((n) => n.id === inner)?.parent; p; p = this.nodes.find((n) => n.id === p)?.parent) {
      if (p === outer) return true;
    }
    return false;
  }
}
