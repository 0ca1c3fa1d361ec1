import { execFile } from "node:child_process";
import { resolve } from "node:path";
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
    expect(stdout).not.toMatch(/building|downloading|installing|debootstrap/);
    expect(stdout).toMatch(/==> toolchain ready in \d+s/);
  });

  it("ignores a TF_CLI_CONFIG_FILE that names a missing file", async () => {
    // GIVEN the stray setting some machines carry
    const env = { ...process.env, TF_CLI_CONFIG_FILE: "/nonexistent/.terraformrc" };

    // WHEN
    const { stdout, stderr } = await run("bash", ["scripts/toolchain.sh"], { cwd: root, env });

    // THEN
    expect(`${stdout}${stderr}`).not.toMatch(/problems with the CLI configuration|Unable to open CLI configuration/);
  });
});
