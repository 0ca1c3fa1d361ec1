import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CommandResult {
  readonly code: number;
  readonly seconds: number;
  /** StackWorkspace's progress lines (`==> local: plan`, `    local: plan done (3.2 s)`) from stderr. */
  readonly progress: string;
}

/** Output kept of a command for its error message; a 1,000-customer plan report prints megabytes. */
const KEPT_OUTPUT = 64 * 1024;
const PROGRESS_LINE = /^(==> [\w-]+: \w+|\s+[\w-]+: [^(]* done \([\d.]+ s\))$/;

/** Runs a command to its end and times it; throws with the tail of its output unless the exit code is accepted. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; accept?: readonly number[] },
): Promise<CommandResult> {
  const accept = options.accept ?? [0];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let stdout = "";
    let stderr = "";
    const progress: string[] = [];
    let partialLine = "";
    const keep = (kept: string, chunk: Buffer) => (kept + chunk.toString()).slice(-KEPT_OUTPUT);
    child.stdout.on("data", (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = keep(stderr, chunk);
      const lines = (partialLine + chunk.toString()).split("\n");
      partialLine = lines.pop()!;
      progress.push(...lines.filter((line) => PROGRESS_LINE.test(line)));
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (accept.includes(code ?? -1)) resolve({ code: code ?? -1, seconds, progress: progress.join("\n") });
      else {
        const output = `${stdout}\n${stderr}`.trim().split("\n").slice(-30).join("\n");
        reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`));
      }
    });
  });
}

/**
 * Wall time and peak resident memory of a command, from GNU time's `-v` report ("Maximum resident
 * set size"): the largest single process of the tree (tsx starts node as a child, the commands the
 * engine), not their sum; with its progress lines, as runCommand's.
 */
export async function runWithPeakMemory(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; accept?: readonly number[] },
): Promise<{ seconds: number; peakMegabytes: number; progress: string }> {
  const folder = await mkdtemp(join(tmpdir(), "bench-time-"));
  try {
    const report = join(folder, "time.txt");
    const { seconds, progress } = await runCommand("/usr/bin/time", ["-v", "-o", report, command, ...args], options);
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(await readFile(report, "utf8"));
    if (!match) throw new Error(`/usr/bin/time wrote no maximum resident set size to ${report}`);
    return { seconds, peakMegabytes: Number(match[1]) / 1024, progress };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Seconds per step from StackWorkspace's progress lines (`    local-customers-2: plan done (3.2 s)`),
 * summed per step name over stacks (customer shards run side by side: the sum can exceed the run).
 */
export function stepSeconds(progress: string): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const line of progress.split("\n")) {
    const done = /^\s+[\w-]+: (\w+)[^(]* done \(([\d.]+) s\)/.exec(line);
    if (done) steps[done[1]!] = (steps[done[1]!] ?? 0) + Number(done[2]);
  }
  return steps;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
