import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { removeStalePlans, ScratchFolder, tightenPermissions } from "../../../lib/operations/private-files";

/** Above Linux's largest pid (2^22): no process has it. */
const GONE_PID = 4_194_305;
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe("private files", () => {
  let project: string;
  let temporary: string;
  const notes: string[] = [];

  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), "private-files-project-"));
    temporary = await mkdtemp(join(tmpdir(), "private-files-tmp-"));
    // The commands' temporary folders go under TMPDIR: this test's own, not the machine's.
    vi.stubEnv("TMPDIR", temporary);
    notes.length = 0;
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(project, { recursive: true, force: true });
    await rm(temporary, { recursive: true, force: true });
  });

  it("tightens a state file and its backup left readable by others to 0600, saying so, and stack folders to 0700", async () => {
    // GIVEN a checkout from before the commands set their umask
    await writeFile(join(project, "terraform.local.tfstate"), "{}", { mode: 0o644 });
    await writeFile(join(project, "terraform.local.tfstate.backup"), "{}", { mode: 0o640 });
    await mkdir(join(project, "cdktf.out/stacks/local"), { recursive: true, mode: 0o755 });
    await chmod(join(project, "cdktf.out"), 0o755);

    // WHEN
    await tightenPermissions(project, (message) => notes.push(message));

    // THEN
    expect(await mode(join(project, "terraform.local.tfstate"))).toBe(0o600);
    expect(await mode(join(project, "terraform.local.tfstate.backup"))).toBe(0o600);
    for (const folder of ["cdktf.out", "cdktf.out/stacks", "cdktf.out/stacks/local"]) {
      expect(await mode(join(project, folder))).toBe(0o700);
    }
    expect(notes).toEqual([
      "    note: terraform.local.tfstate was 0644, now 0600: it holds every client secret",
      "    note: terraform.local.tfstate.backup was 0640, now 0600: it holds every client secret",
    ]);
  });

  it("says nothing about files that are private already", async () => {
    await writeFile(join(project, "terraform.local.tfstate"), "{}", { mode: 0o600 });
    await tightenPermissions(project, (message) => notes.push(message));
    expect(notes).toEqual([]);
  });

  it("removes saved plans of killed runs, and keeps the scratch folders of running commands", async () => {
    // GIVEN a plan where earlier versions saved it, a killed command's folder and a running one's
    await mkdir(join(project, "cdktf.out/stacks/local"), { recursive: true });
    await writeFile(join(project, "cdktf.out/stacks/local/deploy.tfplan"), "plan");
    await mkdir(join(temporary, `keycloak-realm-${GONE_PID}-abc123`));
    await writeFile(join(temporary, `keycloak-realm-${GONE_PID}-abc123/local-deploy.tfplan`), "plan");
    const running = ScratchFolder.create();

    // WHEN
    await removeStalePlans(project, (message) => notes.push(message));

    // THEN
    expect(existsSync(join(project, "cdktf.out/stacks/local/deploy.tfplan"))).toBe(false);
    expect(existsSync(join(temporary, `keycloak-realm-${GONE_PID}-abc123`))).toBe(false);
    expect(existsSync(running.path)).toBe(true);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain("left by an interrupted run: saved plans hold secrets");
  });

  it("makes a command's scratch folder 0700, named after its process, and removes it", async () => {
    const scratch = ScratchFolder.create();
    expect(scratch.path.startsWith(join(temporary, `keycloak-realm-${process.pid}-`))).toBe(true);
    expect(await mode(scratch.path)).toBe(0o700);
    scratch.removeSync();
    expect(existsSync(scratch.path)).toBe(false);
  });
});
