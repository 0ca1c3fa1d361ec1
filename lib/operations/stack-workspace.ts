import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { summarizeErrors } from "./engine-errors";
import { deadlineSeconds } from "./keycloak-outage";
import { keycloakProvider, requirement } from "../constructs/keycloak-provider";
import { engineEnvironment } from "../constructs/state-backend";
import { synthStateStacks } from "../constructs/state-stack";
import type { TerraformPlan } from "./terraform-plan";

/** Progress goes to stderr, so stdout carries only a command's result (a plan report, credentials). */
export type Progress = (message: string) => void;

/**
 * Keycloak requests the engine runs at once while refreshing and applying (OpenTofu's default: 10).
 * Refreshing waits on Keycloak, not on the CPU: 30 made plans and deploys of 1,000 customers
 * 17–19 % faster (BENCHMARKS.md). REALM_PARALLELISM lowers it for a Keycloak that rate-limits.
 */
export const DEFAULT_PARALLELISM = 30;

/**
 * The garbage collector's target (GOGC) for the engine and its provider, both Go programs, unless the
 * environment sets one: 200 where Go's default is 100. A full plan of 1,000 customers is CPU-bound,
 * and collecting half as often took it from 25.4 s to 22.3 s (median of 3, interleaved with the
 * default) for a largest process of 565 MB instead of 378 MB. 400 was 21.2 s at 864 MB: not worth
 * its memory. `GOGC=100 npm run plan` gives the memory back.
 */
export const ENGINE_GOGC = "200";

/** Keycloak requests at once, the engine's and the commands' own (REALM_PARALLELISM of `env`). */
export function requestsAtOnce(env: NodeJS.ProcessEnv): number {
  const value = env.REALM_PARALLELISM ?? String(DEFAULT_PARALLELISM);
  if (!/^[1-9]\d{0,2}$/.test(value)) {
    throw new Error(`REALM_PARALLELISM must be a whole number from 1 to 999, got '${value}'`);
  }
  return Number(value);
}
/** Addresses per `tofu state rm`: well under any command-line limit, and each run rewrites the state once. */
const FORGET_BATCH = 500;

export interface PlanResult {
  readonly changed: boolean;
  readonly plan: TerraformPlan;
  /** The engine's human rendering; sensitive values appear as `(sensitive value)`. */
  readonly text: string;
  /** Saved plan to apply, in the command's scratch folder; it holds secrets: delete it when done. */
  readonly file: string;
}

/**
 * One environment's stack as the Terraform engine sees it: `cdktf.out/stacks/<stack>`, synthesized
 * by main.ts. Calls the engine directly (TERRAFORM_BINARY_NAME) to get plans as JSON and to apply
 * exactly the plan that was checked.
 */
export class StackWorkspace {
  /**
   * A throwaway workspace whose configuration holds only the given customers (and the realm they
   * need), for plans targeted at them: OpenTofu validates every resource in a configuration even
   * when a plan targets a few, so a plan of 3 customers among 1,000 would otherwise cost as much
   * as a plan of all. Applied whole it would delete every other customer: it lives in the command's
   * scratch folder, and `dispose()` removes it.
   */
  static async forCustomers(
    projectDirectory: string,
    stack: string,
    scratch: string,
    customers: readonly string[],
    progress?: Progress,
    environment?: NodeJS.ProcessEnv,
  ): Promise<StackWorkspace> {
    const outdir = join(scratch, `synth-${stack}`);
    await mkdir(outdir, { mode: 0o700 });
    return new StackWorkspace(projectDirectory, stack, scratch, progress, environment, { outdir, customers });
  }

  /**
   * Workspaces of nothing but these stacks' states (StateStack), initialized: to pull and push the
   * state of any stack of an environment, also of one the settings no longer make (a customer shard
   * beyond the current count). Never synthesized by main.ts (no `synth()`, `plan()` or `apply()`); in the
   * command's scratch folder, where `dispose()` of any of them removes all.
   */
  static async forStates(
    projectDirectory: string,
    environmentName: string,
    stacks: readonly string[],
    scratch: string,
    progress?: Progress,
    environment: NodeJS.ProcessEnv = process.env,
  ): Promise<StackWorkspace[]> {
    const outdir = join(scratch, `states-${environmentName}`);
    await mkdir(outdir, { mode: 0o700 });
    synthStateStacks(outdir, stacks, { environment: environmentName, projectDirectory }, environment);
    const workspaces = stacks.map(
      (stack) =>
        new StackWorkspace(
          projectDirectory,
          stack,
          scratch,
          progress,
          environment,
          { outdir, customers: [] },
          environmentName,
        ),
    );
    for (const workspace of workspaces) await workspace.init();
    return workspaces;
  }

  readonly directory: string;
  /** Where main.ts writes: `cdktf.out`, or the temporary folder of a `forCustomers` workspace. */
  private readonly outdir: string;
  private readonly engine = process.env.TERRAFORM_BINARY_NAME ?? "tofu";

  /**
   * @param scratch the command's private temporary folder (ScratchFolder): saved plans go there, never
   *   into the project, so that nothing of them outlives the command
   */
  constructor(
    private readonly projectDirectory: string,
    readonly stack: string,
    private readonly scratch: string,
    private readonly progress: Progress = (message) => process.stderr.write(`${message}\n`),
    private readonly environment: NodeJS.ProcessEnv = process.env,
    private readonly partial?: { readonly outdir: string; readonly customers: readonly string[] },
    /** The environment whose stacks main.ts synthesizes (REALM_ENVIRONMENT): this stack's, or the one it shards. */
    readonly environmentName: string = stack,
  ) {
    this.outdir = partial?.outdir ?? join(projectDirectory, "cdktf.out");
    this.directory = join(this.outdir, "stacks", stack);
  }

  /**
   * Runs main.ts; a broken customer file fails here, before the engine or Keycloak is involved.
   * @param adoptions clients made by hand that customers take over (client id → internal id)
   */
  async synth(adoptions: Readonly<Record<string, string>> = {}): Promise<void> {
    // Always set: a REALM_CUSTOMERS left in the shell must not make a deploy's synth partial.
    const output = {
      CDKTF_OUTDIR: this.outdir,
      // A shard synthesized again (to take a client back) leaves the other stacks' files alone.
      REALM_STACKS: this.stack === this.environmentName ? "" : this.stack,
      REALM_CUSTOMERS: this.partial?.customers.join(",") ?? "",
      REALM_ADOPTIONS: JSON.stringify(adoptions),
    };
    await this.step("synth", async () => {
      const tsx = join(this.projectDirectory, "node_modules", ".bin", "tsx");
      await this.exec(tsx, ["main.ts"], this.projectDirectory, [0], {
        REALM_ENVIRONMENT: this.environmentName,
        ...output,
      });
    });
  }

  /**
   * Another stack of the same synth (a customer shard of this environment): synthesized with this one,
   * initialized, planned and applied on its own.
   */
  of(stack: string): StackWorkspace {
    return new StackWorkspace(
      this.projectDirectory,
      stack,
      this.scratch,
      this.progress,
      this.environment,
      this.partial,
      this.environmentName,
    );
  }

  /** Whether main.ts synthesized this stack (a partial synth leaves out shards without its customers). */
  get synthesized(): boolean {
    return existsSync(join(this.directory, "cdk.tf.json"));
  }

  /** The stack's outputs from its state (`tofu output -json`): none for a stack never deployed. */
  async outputs(): Promise<Record<string, { value: unknown }>> {
    return JSON.parse((await this.exec(this.engine, ["output", "-json", "-no-color"])).output || "{}");
  }

  /** Removes a workspace made by `forCustomers` (the project's own is kept). */
  async dispose(): Promise<void> {
    if (this.partial) await rm(this.partial.outdir, { recursive: true, force: true });
  }

  async init(): Promise<void> {
    await this.step("init", () => this.exec(this.engine, ["init", "-input=false", "-no-color"]));
  }

  /**
   * Plans and saves the plan. `refresh: false` trusts state (fast, no Keycloak reads);
   * `refreshOnly` compares state with the live realm and ignores the code. `lock: false` reads the
   * state without taking its lock: for reports that are never applied, so pull-request plans do not
   * block one another or a deploy (a plan never writes state). A deploy's plan takes the lock, so a
   * second deploy fails on it at once instead of planning against a state about to change.
   */
  async plan(
    options: {
      refresh?: boolean;
      refreshOnly?: boolean;
      lock?: boolean;
      targets?: readonly string[];
      /** Planned as delete-and-create whatever state says: objects gone from Keycloak that the provider's read did not notice. */
      replace?: readonly string[];
    } = {},
  ): Promise<PlanResult> {
    const file = join(this.scratch, `${this.stack}-${options.refreshOnly ? "drift" : "deploy"}.tfplan`);
    const args = ["plan", "-input=false", "-no-color", "-detailed-exitcode", this.parallelism(), `-out=${file}`];
    if (options.refresh === false) args.push("-refresh=false");
    if (options.refreshOnly) args.push("-refresh-only");
    if (options.lock === false) args.push("-lock=false");
    for (const address of options.targets ?? []) args.push(`-target=${address}`);
    for (const address of options.replace ?? []) args.push(`-replace=${address}`);
    // -detailed-exitcode: 0 means no changes, 2 means changes; anything else is an error.
    const { code } = await this.step(options.refreshOnly ? "refresh" : "plan", () =>
      this.exec(this.engine, args, this.directory, [0, 2]),
    );
    const changed = code === 2;
    if (!changed && !options.refreshOnly) {
      // Nothing to report or apply; rendering the plan twice costs seconds at a thousand customers.
      return { changed, plan: {}, text: "No changes.", file };
    }
    const [json, text] = await Promise.all([
      this.exec(this.engine, ["show", "-json", file]),
      this.exec(this.engine, ["show", "-no-color", file]),
    ]);
    return { changed, plan: JSON.parse(json.output) as TerraformPlan, text: text.output, file };
  }

  async apply(planFile: string): Promise<void> {
    try {
      await this.step("apply", () =>
        this.exec(this.engine, ["apply", "-input=false", "-no-color", this.parallelism(), planFile]),
      );
    } finally {
      await rm(planFile, { force: true });
    }
  }

  /** Addresses (`type.name`) of the resources main.ts synthesized for this stack. */
  async configuredAddresses(): Promise<string[]> {
    const json = JSON.parse(await readFile(join(this.directory, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${type}.${name}`),
    );
  }

  /** Addresses of the resources in state (`tofu state list`), deployed or not in the code any more. */
  async stateAddresses(): Promise<string[]> {
    // `state list` exits 1 with "No state file was found!" for a stack never deployed.
    const { code, output, errors } = await this.exec(this.engine, ["state", "list"], this.directory, [0, 1]);
    if (code === 0) return output.split("\n").filter((line) => line.trim() !== "");
    if (/No state file was found/.test(`${output}${errors}`)) return [];
    throw await this.failure(this.engine, ["state", "list"], code, `${output}${errors}`);
  }

  /**
   * Marks objects in state as sound again (`tofu untaint`), so the next plan updates them in place
   * instead of deleting and re-creating them.
   */
  async untaint(addresses: readonly string[]): Promise<void> {
    await this.step(`untaint ${addresses.length}`, async () => {
      for (const address of addresses) await this.exec(this.engine, ["untaint", "-no-color", address]);
    });
  }

  /**
   * Removes objects from the state without touching Keycloak (`tofu state rm`), in batches: a state
   * of 10,000 customers can name more addresses than one command line holds.
   */
  async forget(addresses: readonly string[]): Promise<void> {
    await this.step(`forget ${addresses.length}`, async () => {
      for (let at = 0; at < addresses.length; at += FORGET_BATCH) {
        await this.exec(this.engine, ["state", "rm", "-no-color", ...addresses.slice(at, at + FORGET_BATCH)]);
      }
    });
  }

  /**
   * The state as the engine stores it (`tofu state pull`, decrypted), or undefined for a stack never
   * written. It holds every client secret: keep it in memory, never in a file or a log.
   */
  async pullState(): Promise<string | undefined> {
    const { output } = await this.step("state pull", () => this.exec(this.engine, ["state", "pull"]));
    return output.trim() === "" ? undefined : output;
  }

  /**
   * Makes `state` this stack's state (`tofu state push -`): handed over on stdin, never through a file,
   * and encrypted by the backend like any write. The engine refuses a lineage other than the stored
   * state's and a serial below its.
   */
  async pushState(state: string): Promise<void> {
    await this.step("state push", () =>
      this.exec(this.engine, ["state", "push", "-no-color", "-"], this.directory, [0], {}, state),
    );
  }

  /** The engine's version, as it records it in a state (`terraform_version`). */
  async engineVersion(): Promise<string> {
    const { output } = await this.exec(this.engine, ["version", "-json"]);
    return (JSON.parse(output) as { terraform_version: string }).terraform_version;
  }

  /** The state as JSON (`tofu show -json`): it holds secrets, never print it whole. */
  async state(): Promise<{ values?: { root_module?: { resources?: StateResource[] } } }> {
    return JSON.parse((await this.exec(this.engine, ["show", "-json"])).output);
  }

  /** Keycloak requests at once, the engine's and the commands' own (REALM_PARALLELISM). */
  get requestsAtOnce(): number {
    return requestsAtOnce(this.environment);
  }

  private parallelism(): string {
    return `-parallelism=${this.requestsAtOnce}`;
  }

  private async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    const started = Date.now();
    this.progress(`==> ${this.stack}: ${name}`);
    const result = await action();
    // Named: customer shards run side by side, and their lines interleave.
    this.progress(`    ${this.stack}: ${name} done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  }

  /** Runs a command, `input` on its stdin; unless its exit code is accepted, throws with its whole output. */
  private exec(
    command: string,
    args: string[],
    cwd = this.directory,
    accepted: number[] = [0],
    extraEnvironment: Record<string, string> = {},
    input?: string,
  ): Promise<{ code: number; output: string; errors: string }> {
    return new Promise((resolve, reject) => {
      const env = {
        ...this.environment,
        ...engineEnvironment(this.environment),
        GOGC: this.environment.GOGC || ENGINE_GOGC,
        ...extraEnvironment,
        CHECKPOINT_DISABLE: "1",
        // The bundled provider's retry window per request (the official provider ignores it).
        KEYCLOAK_RETRY_WINDOW: String(deadlineSeconds(this.environment)),
      };
      // Its own process group: a Ctrl-C in the terminal reaches this command alone, which then
      // interrupts the engine exactly once (a second interrupt makes OpenTofu stop without saving state).
      const child = spawn(command, args, { cwd, env, detached: true });
      running.add(child);
      if (input !== undefined) {
        // An engine that fails before reading all of it closes the pipe: its exit code says why.
        child.stdin.on("error", () => {});
        child.stdin.end(input);
      }
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", (error) =>
        reject(new Error(`cannot run ${command}: ${error.message}. Run 'npm run toolchain' first?`)),
      );
      child.on("close", (code) => {
        running.delete(child);
        const output = Buffer.concat(stdout).toString();
        const errors = Buffer.concat(stderr).toString();
        if (accepted.includes(code ?? -1)) resolve({ code: code ?? -1, output, errors });
        else this.failure(command, args, code ?? 1, `${output}${errors}`).then(reject, reject);
      });
    });
  }

  /**
   * The error of a failed command. The engine's: its errors grouped by cause and what to do about
   * them when known; the whole output (a failed deploy of many customers can print megabytes) goes to a log file
   * (0600, as the command's umask makes it) in the stack's folder, which the message names.
   */
  private async failure(command: string, args: string[], code: number, output: string): Promise<CommandError> {
    const detail = output.trim();
    if (command !== this.engine) {
      // Synth: its output is the report of every customer file's problems, short and all needed.
      return new CommandError(`${command} ${args[0]} failed (exit code ${code}):\n${detail}`, code, detail);
    }
    const hint = hintFor(detail, this.stack, this.environment);
    const logs = join(this.projectDirectory, "cdktf.out", "stacks", this.stack, "logs");
    const log = join(logs, `${args[0]}-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
    await mkdir(logs, { recursive: true, mode: 0o700 });
    await writeFile(log, `${command} ${args.join(" ")}\nexit code ${code}\n\n${detail}\n`, { mode: 0o600 });
    return new CommandError(
      `${command} ${args[0]} failed (exit code ${code}): ${summarizeErrors(detail)}` +
        `${hint ? `\n\n${hint}` : ""}\n\nThe engine's whole output: ${log}`,
      code,
      detail,
    );
  }
}

/** The engine and synth processes running now, for `interruptRunning`. */
const running = new Set<ChildProcess>();

/**
 * How long an interrupted engine may take to finish the requests in flight and save state before
 * it is killed: longer than the bundled provider's worst case for one request with its retries
 * (the retry window, then an attempt of up to client_timeout and a backoff).
 */
const interruptGraceMs = () => (deadlineSeconds(process.env) + 60) * 1000;

/**
 * Interrupts every running engine and synth process and waits until they have exited: OpenTofu
 * takes an interrupt as "stop gracefully", finishing the requests in flight and saving state.
 */
export async function interruptRunning(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => {
            process.stderr.write(
              `The engine did not stop within ${interruptGraceMs() / 1000} s: killed; the state may lack what it changed last.\n`,
            );
            signalGroup(child, "SIGKILL");
          }, interruptGraceMs());
          child.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          signalGroup(child, "SIGINT");
        }),
    ),
  );
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The negative pid names the child's process group: the engine and its provider plugins.
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/**
 * What to do about the engine's state errors, in this project's terms. First match wins: OpenTofu
 * reports an unreadable state as a failure to acquire the lock, so the encryption cases come first.
 * `\s+`: the engine wraps its messages at 78 columns.
 */
const HINTS: readonly [RegExp, (stack: string, env: NodeJS.ProcessEnv, found: RegExpExecArray) => string][] = [
  [
    /state\s+file\s+is\s+encrypted/,
    (stack) => `The '${stack}' state is encrypted: set REALM_STATE_PASSPHRASE to its passphrase.`,
  ],
  [
    /message\s+authentication\s+failed/,
    (stack) => `REALM_STATE_PASSPHRASE is not the passphrase the '${stack}' state is encrypted with.`,
  ],
  [
    /unencrypted\s+payload\s+without\s+unencrypted\s+method/,
    (stack) =>
      `The '${stack}' state is not encrypted, and REALM_STATE_PASSPHRASE only encrypts new states: ` +
      "unset it, or migrate the state once as OpenTofu's state encryption docs describe (fallback to 'unencrypted').",
  ],
  [
    // The pg backend's words for an advisory lock another session holds; the local backend's
    // (a file lock) is only the engine's "Error acquiring the state lock".
    /already\s+locked|Error\s+acquiring\s+the\s+state\s+lock/i,
    (stack) =>
      `Another run holds the lock of the '${stack}' state (a deploy here or elsewhere?): nothing was changed; ` +
      "let it finish, then run again.",
  ],
  [
    /Saved\s+plan\s+is\s+stale/,
    (stack) =>
      `Another deploy changed the '${stack}' state after this one planned: nothing was applied; run the deploy ` +
      "again, it plans afresh.",
  ],
  [
    // "HTTP 409 Conflict" from the bundled provider, "409 Conflict." from the official one.
    /\b409\s+Conflict\b/,
    (stack) =>
      `Keycloak already holds an object the '${stack}' state does not know (above: which). A client made by hand ` +
      "is never taken over silently: if this repository should govern it, list its id in settings " +
      "customers.adoptable (lib/environments.ts, an operator's decision) and deploy again; otherwise rename the customer file.",
  ],
  [
    /Backend configuration changed/,
    (stack) =>
      `The '${stack}' state backend (REALM_STATE_BACKEND and its settings) differs from the last run in this ` +
      `checkout: export the same settings again, or move the state with 'tofu init -migrate-state' in cdktf.out/stacks/${stack}.`,
  ],
  [
    // init installs the providers the state names as well as the configuration's.
    /Failed\s+to\s+query\s+available\s+provider\s+packages[\s\S]*?provider\s+\S*?\b(keycloak-realm-as-code\/keycloak|keycloak\/keycloak)\s+was\s+not\s+found/,
    (stack, env, [, missing]) => {
      const chosen = keycloakProvider(env);
      if (chosen.source.endsWith(`/${missing}`)) {
        return (
          `The ${chosen.name} Keycloak provider (${chosen.source} ${chosen.version}) cannot be installed here: ` +
          "reach registry.terraform.io, or point KEYCLOAK_PROVIDER_BINARY at a build of it and run 'npm run toolchain'."
        );
      }
      const other = requirement(chosen.name === "bundled" ? "upstream" : "bundled");
      return (
        `The '${stack}' state belongs to the other Keycloak provider (${other.source}), and KEYCLOAK_PROVIDER ` +
        `chooses ${chosen.name} (${chosen.source}). Move the state once, with no deploy running, in ` +
        `cdktf.out/stacks/${stack}:\n  tofu state replace-provider -auto-approve ${other.source} ${chosen.source}\n` +
        `(README, "Moving a deployed environment to the other provider"), or choose ${other.source} again.`
      );
    },
  ],
];

/** What to do about a failed engine command's output, or undefined when it is not a known case. */
export function hintFor(output: string, stack: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const [pattern, hint] of HINTS) {
    const found = pattern.exec(output);
    if (found) return hint(stack, env, found);
  }
  return undefined;
}

export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** The command's whole output, which the message only summarizes. */
    readonly output: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}
