import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cp, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const CDKTN = join(ROOT, "node_modules/.bin/cdktn");

/** Copies `test/fixtures/<name>` to a scratch folder (sharing node_modules), so state and cdktf.out stay out of the tree. */
export async function copyFixture(name: string): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), `${name}-`));
  await cp(join(ROOT, "test/fixtures", name), project, { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
  return project;
}

/** Runs the real CDK Terrain CLI (cdktn-cli) non-interactively; on failure the error carries its whole output. */
export async function cdktn(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<string> {
  try {
    const { stdout } = await run(CDKTN, args, {
      cwd: options.cwd,
      env: { ...process.env, CI: "1", FORCE_COLOR: "0", ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`cdktn ${args.join(" ")} failed in ${options.cwd}:\n${stdout}\n${stderr}`);
  }
}
