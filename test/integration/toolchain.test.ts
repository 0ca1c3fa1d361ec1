import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("npm run toolchain", () => {
  it("skips every step on a provisioned machine", async () => {
    // GIVEN a machine the run was provisioned on (npm test needs it)
    // WHEN
    const { stdout } = await run("bash", ["scripts/toolchain.sh"], { cwd: root, env: process.env });

    // THEN
    expect(stdout).toMatch(/==> Docker engine\n {4}reachable, nothing to do/);
    expect(stdout).toMatch(/==> OpenTofu [\d.]+\n {4}already built/);
    expect(stdout).toMatch(/==> Keycloak image\n {4}(KEYCLOAK_IMAGE=.* is set, using it|.* already built)/);
    expect(stdout).toMatch(/==> Keycloak provider .*\n {4}already built from this source/);
    expect(stdout).toMatch(/==> Chromium .*\n {4}(found|CHROMIUM_PATH=.* is set)/);
    expect(stdout).not.toMatch(/building|downloading|installing|debootstrap/);
    expect(stdout).toMatch(/==> toolchain ready in \d+s/);
  });

  it("gives tools run through it its own engine and CLI config, whatever the machine carries", async () => {
    // GIVEN the stray setting some machines carry, and an empty configuration
    const env = { ...process.env, TF_CLI_CONFIG_FILE: "/nonexistent/.terraformrc" };
    const workdir = await mkdtemp(join(tmpdir(), "engine-init-"));

    try {
      // WHEN
      const { stdout, stderr } = await run(
        "bash",
        [
          join(root, "scripts/with-toolchain.sh"),
          "bash",
          "-c",
          'command -v "$TERRAFORM_BINARY_NAME" && "$TERRAFORM_BINARY_NAME" init',
        ],
        { cwd: workdir, env },
      );

      // THEN
      expect(stdout.split("\n")[0]).toBe(join(root, ".toolchain/bin/tofu"));
      expect(`${stdout}${stderr}`).not.toMatch(/problems with the CLI configuration|Unable to open CLI configuration/);
      expect(stdout).toMatch(/OpenTofu initialized|has been successfully initialized/);
    } finally {
      await rm(workdir, { recursive: true, force: true });
    }
  });
});
