import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
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
    expect(stdout).toMatch(/==> Node\.js .*\n {4}.*(new enough: using it|: using the toolchain's Node [\d.]+ )/);
    expect(stdout).toMatch(/==> Docker engine\n {4}reachable, nothing to do/);
    expect(stdout).toMatch(/==> OpenTofu [\d.]+\n {4}already built/);
    expect(stdout).toMatch(/==> Keycloak image\n {4}(KEYCLOAK_IMAGE=.* is set, using it|.* already built)/);
    expect(stdout).toMatch(/==> Keycloak provider .*\n {4}already built from this source/);
    expect(stdout).toMatch(/==> Chromium .*\n {4}(found|CHROMIUM_PATH=.* is set)/);
    expect(stdout).not.toMatch(/building|downloading|installing|debootstrap/);
    expect(stdout).toMatch(/==> toolchain ready in \d+s/);
  });

  it("runs the commands given to it on a Node that cdktn-cli accepts, whatever Node the machine has", async () => {
    // GIVEN a PATH without the toolchain's own Node, as a fresh shell has it
    const minimum = /^NODE_MINIMUM_VERSION=(.*)$/m.exec(readFileSync(join(root, "scripts/versions.env"), "utf8"))![1]!;
    const PATH = process.env.PATH!.split(":").filter((entry) => entry !== join(root, ".toolchain/node/bin"));
    const withToolchain = join(root, "scripts/with-toolchain.sh");

    // WHEN
    const { stdout } = await run("bash", [withToolchain, "node", "-p", "process.versions.node"], {
      cwd: root,
      env: { ...process.env, PATH: PATH.join(":") },
    });

    // THEN
    const version = stdout.trim();
    expect(compareVersions(version, minimum), `Node ${version} is older than ${minimum}`).toBeGreaterThanOrEqual(0);
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

/** Negative, zero or positive as dotted version `a` is older than, the same as or newer than `b`. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  const differing = x!.findIndex((part, i) => part !== y![i]);
  return differing === -1 ? 0 : x![differing]! - y![differing]!;
}
