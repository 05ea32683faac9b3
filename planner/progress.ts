import type { PlanPhase } from "./plan";

/**
 * One line per plan phase on stderr, with the time since the plan started, so a person at a terminal sees the plan
 * move instead of seconds of silence. Off when stderr is not a terminal, in CI (`CI` set) and with --quiet, so
 * logs and piped output stay exactly as before.
 */
export function progressReporter(opts: {
  quiet: boolean;
  stream?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}): ((phase: PlanPhase, count?: number) => void) | undefined {
  const stream = opts.stream ?? process.stderr;
  const env = opts.env ?? process.env;
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  if (opts.quiet || ci || !stream.isTTY) return undefined;
  const now = opts.now ?? (() => performance.now());
  const start = now();
  return (phase, count) => {
    const seconds = ((now() - start) / 1000).toFixed(1).padStart(5);
    stream.write(`[${seconds}s] ${describePhase(phase, count)}\n`);
  };
}

export function describePhase(phase: PlanPhase, count?: number): string {
  switch (phase) {
    case "load config":
      return "loaded the stack config";
    case "validate":
      return "validated the config and built the components";
    case "register":
      return `registered ${count ?? 0} resources on the simulated ARM`;
    case "evaluate policies":
      return `evaluated ${count ?? 0} policies`;
  }
}
