import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { TerraformPlan } from "./terraform-plan";

/** Progress goes to stderr, so stdout carries only a command's result (a plan report, credentials). */
export type Progress = (message: string) => void;

export interface PlanResult {
  readonly changed: boolean;
  readonly plan: TerraformPlan;
  /** The engine's human rendering; sensitive values appear as `(sensitive value)`. */
  readonly text: string;
  /** Saved plan to apply; it holds secrets: delete it when done. */
  readonly file: string;
}

/**
 * One environment's stack as the Terraform engine sees it: `cdktf.out/stacks/<stack>`, synthesized
 * by main.ts. Calls the engine directly (TERRAFORM_BINARY_NAME) to get plans as JSON and to apply
 * exactly the plan that was checked.
 */
export class StackWorkspace {
  readonly directory: string;
  private readonly engine = process.env.TERRAFORM_BINARY_NAME ?? "tofu";

  constructor(
    private readonly projectDirectory: string,
    readonly stack: string,
    private readonly progress: Progress = (message) => process.stderr.write(`${message}\n`),
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {
    this.directory = join(projectDirectory, "cdktf.out", "stacks", stack);
  }

  /** Runs main.ts; a broken customer file fails here, before the engine or Keycloak is involved. */
  async synth(): Promise<void> {
    await this.step("synth", async () => {
      const tsx = join(this.projectDirectory, "node_modules", ".bin", "tsx");
      await this.exec(tsx, ["main.ts"], this.projectDirectory);
    });
  }

  async init(): Promise<void> {
    await this.step("init", () => this.exec(this.engine, ["init", "-input=false", "-no-color"]));
  }

  /**
   * Plans and saves the plan. `refresh: false` trusts state (fast, no Keycloak reads);
   * `refreshOnly` compares state with the live realm and ignores the code.
   */
  async plan(options: { refresh?: boolean; refreshOnly?: boolean } = {}): Promise<PlanResult> {
    const file = join(this.directory, options.refreshOnly ? "drift.tfplan" : "deploy.tfplan");
    const args = ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${file}`];
    if (options.refresh === false) args.push("-refresh=false");
    if (options.refreshOnly) args.push("-refresh-only");
    // -detailed-exitcode: 0 means no changes, 2 means changes; anything else is an error.
    const { code } = await this.step(options.refreshOnly ? "refresh" : "plan", () =>
      this.exec(this.engine, args, this.directory, [0, 2]),
    );
    const changed = code === 2;
    const [json, text] = await Promise.all([
      this.exec(this.engine, ["show", "-json", file]),
      this.exec(this.engine, ["show", "-no-color", file]),
    ]);
    return { changed, plan: JSON.parse(json.output) as TerraformPlan, text: text.output, file };
  }

  async apply(planFile: string): Promise<void> {
    try {
      await this.step("apply", () => this.exec(this.engine, ["apply", "-input=false", "-no-color", planFile]));
    } finally {
      await rm(planFile, { force: true });
    }
  }

  /** The state as JSON (`tofu show -json`): it holds secrets, never print it whole. */
  async state(): Promise<{ values?: { root_module?: { resources?: StateResource[] } } }> {
    return JSON.parse((await this.exec(this.engine, ["show", "-json"])).output);
  }

  private async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    const started = Date.now();
    this.progress(`==> ${this.stack}: ${name}`);
    const result = await action();
    this.progress(`    done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  }

  /** Runs a command; unless its exit code is accepted, throws with its whole output. */
  private exec(
    command: string,
    args: string[],
    cwd = this.directory,
    accepted: number[] = [0],
  ): Promise<{ code: number; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd, env: { ...this.environment, CHECKPOINT_DISABLE: "1" } });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", (error) =>
        reject(new Error(`cannot run ${command}: ${error.message}. Run 'npm run toolchain' first?`)),
      );
      child.on("close", (code) => {
        const output = Buffer.concat(stdout).toString();
        if (accepted.includes(code ?? -1)) resolve({ code: code ?? -1, output });
        else {
          const detail = `${output}${Buffer.concat(stderr).toString()}`.trim();
          reject(new CommandError(`${command} ${args[0]} failed (exit code ${code}):\n${detail}`, code ?? 1));
        }
      });
    });
  }
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
  ) {
    super(message);
    this.name = "CommandError";
  }
}
