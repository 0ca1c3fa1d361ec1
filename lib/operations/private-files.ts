import { mkdtempSync, rmSync } from "node:fs";
import { chmod, lstat, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The umask of every command and of the engine it runs: state files, their backups and saved plans
 * hold every client secret in plaintext, so what they write is the owner's alone (files 0600,
 * folders 0700). Set it before anything is written; child processes inherit it.
 */
export const PRIVATE_UMASK = 0o077;

/** Names this project's temporary folders, `<prefix><pid>-<random>`, so a later run can tell a stale one. */
const SCRATCH_PREFIX = "keycloak-realm-";
const SCRATCH_NAME = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`);

/**
 * A command's own temporary folder (0700) for saved plans and throwaway synths. Plans hold secrets:
 * the folder is removed when the command exits, and by the next command when its owner was killed.
 */
export class ScratchFolder {
  /** A fresh folder under the system's temporary directory (TMPDIR). */
  static create(): ScratchFolder {
    // mkdtemp makes it 0700 whatever the umask.
    return new ScratchFolder(mkdtempSync(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`)));
  }

  private constructor(readonly path: string) {}

  /** Synchronous, so that it also runs from an `exit` handler. */
  removeSync(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * Removes what killed runs left behind (SIGKILL cannot be trapped): saved plans in the stack
 * folders, where earlier versions kept them, and scratch folders whose process is gone.
 */
export async function removeStalePlans(projectDirectory: string, progress: (message: string) => void): Promise<void> {
  const stale: string[] = [];
  for (const stack of await stackFolders(projectDirectory)) {
    const files = await readdir(stack).catch(() => [] as string[]);
    stale.push(...files.filter((name) => name.endsWith(".tfplan")).map((name) => join(stack, name)));
  }
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(SCRATCH_NAME.exec(name)?.[1]);
    const path = join(tmpdir(), name);
    if (pid && !isRunning(pid) && (await isOwnFolder(path))) stale.push(path);
  }
  for (const path of stale) {
    await rm(path, { recursive: true, force: true });
    progress(`    removed ${path}, left by an interrupted run: saved plans hold secrets`);
  }
}

/**
 * Makes state files 0600 and the synth folders 0700, for checkouts that ran before the commands
 * set their umask: an existing terraform.<env>.tfstate at 0644 is readable by every local user.
 */
export async function tightenPermissions(projectDirectory: string, progress: (message: string) => void): Promise<void> {
  const files = await readdir(projectDirectory);
  for (const name of files.filter((file) => /^terraform\..+\.tfstate(\.backup)?$/.test(file))) {
    const was = await restrict(join(projectDirectory, name), 0o600);
    if (was !== undefined) progress(`    note: ${name} was ${octal(was)}, now 0600: it holds every client secret`);
  }
  const outdir = join(projectDirectory, "cdktf.out");
  for (const folder of [outdir, join(outdir, "stacks"), ...(await stackFolders(projectDirectory))]) {
    await restrict(folder, 0o700);
  }
}

/** `cdktf.out/stacks/<stack>` of every stack synthesized in this checkout. */
async function stackFolders(projectDirectory: string): Promise<string[]> {
  const stacks = join(projectDirectory, "cdktf.out", "stacks");
  const entries = await readdir(stacks, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => join(stacks, entry.name));
}

/** Sets the mode of a file or folder that has another; returns the mode it had. Symlinks are left alone. */
async function restrict(path: string, mode: number): Promise<number | undefined> {
  const stats = await lstat(path).catch(() => undefined);
  if (!stats || stats.isSymbolicLink() || (stats.mode & 0o777) === mode) return undefined;
  await chmod(path, mode);
  return stats.mode & 0o777;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}

/** Whether a process of this host exists; one of another user (EPERM) exists too. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Only our own folders: the temporary directory is shared with every user of the machine. */
async function isOwnFolder(path: string): Promise<boolean> {
  const stats = await lstat(path).catch(() => undefined);
  return stats !== undefined && stats.isDirectory() && stats.uid === process.getuid?.();
}
