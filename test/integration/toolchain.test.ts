import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { appendFile, cp, mkdir, mkdtemp, readFile, readlink, rm } from "node:fs/promises";
import { createServer, Server, Socket } from "node:net";
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
    expect(stdout).toMatch(/==> Docker engine\n {4}reachable, nothing to do: Docker [\w.+-]+ at \S+, as \w/);
    expect(stdout).toMatch(
      /==> OpenTofu [\d.]+ or newer .*\n {4}(already built|found \S+ \(OpenTofu [\d.]+\), using it)/,
    );
    expect(stdout).toMatch(/==> Keycloak image\n {4}(KEYCLOAK_IMAGE=.* is set, using it|.* already built)/);
    expect(stdout).toMatch(/==> Keycloak provider .*\n {4}already built from this source/);
    expect(stdout).toMatch(/==> Chromium or Chrome .*\n {4}(found|CHROMIUM_PATH=.* is set)/);
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
      expect(stdout.split("\n")[0]).toBe(join(root, `.toolchain/bin/${process.env.TERRAFORM_BINARY_NAME}`));
      expect(`${stdout}${stderr}`).not.toMatch(/problems with the CLI configuration|Unable to open CLI configuration/);
      expect(stdout).toMatch(/OpenTofu initialized|has been successfully initialized/);
    } finally {
      await rm(workdir, { recursive: true, force: true });
    }
  });

  describe("on a machine that has some of it", () => {
    /** A copy of the project's toolchain inputs, its .toolchain sharing this one's builds (hard links). */
    async function projectCopy(versions: Record<string, string> = {}): Promise<string> {
      const copy = await mkdtemp(join(tmpdir(), "toolchain-copy-"));
      for (const part of ["scripts", "images", "provider"])
        await cp(join(root, part), join(copy, part), { recursive: true });
      await mkdir(join(copy, ".toolchain"));
      for (const part of ["cache", "providers"])
        await run("cp", ["-al", join(root, ".toolchain", part), join(copy, ".toolchain")]);
      const pins = Object.entries(versions).map(([name, value]) => `${name}=${value}\n`);
      await appendFile(join(copy, "scripts/versions.env"), pins.join(""));
      return copy;
    }

    /** The toolchain run in a copy, with none of the choices .toolchain/env makes. */
    async function toolchain(copy: string, env: Record<string, string> = {}) {
      const machine = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !["KEYCLOAK_IMAGE", "CHROMIUM_PATH"].includes(name)),
      );
      return run("bash", [join(copy, "scripts/toolchain.sh")], { cwd: copy, env: { ...machine, ...env } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    }

    /** The OpenTofu this toolchain uses, put on PATH as a machine's own would be. */
    async function machineTofu(): Promise<string> {
      const bin = await mkdtemp(join(tmpdir(), "machine-bin-"));
      await cp(join(root, ".toolchain/bin/tofu"), join(bin, "tofu"), { dereference: true });
      return bin;
    }

    it("uses an OpenTofu on PATH at a supported release, and a browser the machine has, saying so", async () => {
      // GIVEN a machine with its own tofu
      const copy = await projectCopy();
      const bin = await machineTofu();
      try {
        // WHEN
        const result = await toolchain(copy, { PATH: `${bin}:${process.env.PATH}` });

        // THEN it links that one as the engine, builds nothing, and finds a browser itself
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(
          new RegExp(`==> OpenTofu .*\\n {4}found ${bin}/tofu \\(OpenTofu [\\d.]+\\), using it`),
        );
        expect(await readlink(join(copy, ".toolchain/bin/tofu"))).toBe(join(bin, "tofu"));
        expect(result.stdout).toMatch(/==> Chromium or Chrome .*\n {4}found \/\S+ \(\S+/);
        expect(result.stdout).not.toMatch(/building|downloading|installing|debootstrap/);
      } finally {
        await rm(copy, { recursive: true, force: true });
        await rm(bin, { recursive: true, force: true });
      }
    });

    it("passes over an OpenTofu older than the supported releases, naming it, and uses the pinned build", async () => {
      // GIVEN a machine whose tofu is older than the copy's minimum, and the pinned release built
      // before (the same binary: where the machine has its own, this checkout never built one)
      const copy = await projectCopy({ OPENTOFU_MIN_VERSION: "99.0.0" });
      const bin = await machineTofu();
      const pinned = /^OPENTOFU_VERSION=(.*)$/m.exec(readFileSync(join(root, "scripts/versions.env"), "utf8"))![1]!;
      await rm(join(copy, ".toolchain/cache", `opentofu-${pinned}`), { recursive: true, force: true });
      await mkdir(join(copy, ".toolchain/cache", `opentofu-${pinned}`));
      await cp(join(bin, "tofu"), join(copy, ".toolchain/cache", `opentofu-${pinned}`, "tofu"));
      try {
        // WHEN
        const result = await toolchain(copy, { PATH: `${bin}:${process.env.PATH}` });

        // THEN
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(
          new RegExp(`\\n {4}not using ${bin}/tofu: OpenTofu [\\d.]+ is older than 99\\.0\\.0\\n {4}already built`),
        );
        expect(await readlink(join(copy, ".toolchain/bin/tofu"))).toMatch(/^\.\.\/cache\/opentofu-[\d.]+\/tofu$/);
      } finally {
        await rm(copy, { recursive: true, force: true });
        await rm(bin, { recursive: true, force: true });
      }
    });

    it("builds the project's options on the official image when Docker has it, pulling nothing", async () => {
      // GIVEN Docker holding an image under the copy's official name (the Maven Central stand-in, retagged:
      // no registry answers here) and a recipe no image was built from yet
      const version = process.env.KEYCLOAK_VERSION!;
      const { stdout: distributions } = await run("docker", [
        "image",
        "ls",
        "--format",
        "{{.Repository}}:{{.Tag}}",
        "keycloak-realm-as-code/keycloak-distribution",
      ]);
      const distribution = distributions.split("\n").find((image) => image.includes(`:${version}-`))!;
      const official = `keycloak-realm-as-code/official-${process.pid}`;
      await run("docker", ["tag", distribution, `${official}:${version}`]);
      const copy = await projectCopy({ KEYCLOAK_OFFICIAL_IMAGE: official });
      await appendFile(join(copy, "images/keycloak/Dockerfile"), `# toolchain test ${process.pid}\n`);
      let image: string | undefined;
      try {
        // WHEN
        const result = await toolchain(copy);

        // THEN
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).not.toContain("docker pull");
        expect(result.stdout).toContain(`on the official ${official}:${version}`);
        image = (await readFile(join(copy, ".toolchain/env"), "utf8")).match(/^export KEYCLOAK_IMAGE=(.*)$/m)?.[1];
        expect(image).toMatch(
          new RegExp(`^keycloak-realm-as-code/keycloak:${version.replaceAll(".", "\\.")}-official-\\w+$`),
        );
        const { stdout: env } = await run("docker", ["image", "inspect", image!, "--format", "{{json .Config.Env}}"]);
        expect(env).toContain("KC_HEALTH_ENABLED=true");
      } finally {
        if (image) await run("docker", ["rmi", image]).catch(() => undefined);
        await run("docker", ["rmi", `${official}:${version}`]).catch(() => undefined);
        await rm(copy, { recursive: true, force: true });
      }
    });

    it("falls back to building Keycloak from Maven Central when the official image's registry does not answer, within the bound", async () => {
      // GIVEN a registry that takes connections and never answers, and a recipe no image was built from yet
      const sockets: Socket[] = [];
      const registry: Server = createServer((socket) => sockets.push(socket));
      await new Promise<void>((listening) => registry.listen(0, "127.0.0.1", listening));
      const { port } = registry.address() as { port: number };
      const copy = await projectCopy({ KEYCLOAK_OFFICIAL_IMAGE: `127.0.0.1:${port}/keycloak/keycloak` });
      await appendFile(join(copy, "images/keycloak/Dockerfile"), `# toolchain test ${process.pid}\n`);
      let image: string | undefined;
      try {
        // WHEN
        const result = await toolchain(copy, { KEYCLOAK_PULL_TIMEOUT: "5" });

        // THEN it says what it tried, why it gave up, and what it built instead
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(
          new RegExp(
            `docker pull 127\\.0\\.0\\.1:${port}/keycloak/keycloak:[\\d.]+ \\(at most 5 s\\)\\n {4}cannot pull it \\(no answer within 5 s\\): building the same from Maven Central instead`,
          ),
        );
        expect(result.stdout).toMatch(
          /built keycloak-realm-as-code\/keycloak:[\d.]+-maven-\w+-\w+ on Keycloak's Maven Central distribution/,
        );
        image = (await readFile(join(copy, ".toolchain/env"), "utf8")).match(/^export KEYCLOAK_IMAGE=(.*)$/m)?.[1];
        expect(image).toMatch(/-maven-/);
        const { stdout: features } = await run("docker", [
          "image",
          "inspect",
          image!,
          "--format",
          "{{json .Config.Env}}",
        ]);
        expect(features).toContain("KC_HEALTH_ENABLED=true");
      } finally {
        registry.close();
        for (const socket of sockets) socket.destroy();
        if (image) await run("docker", ["rmi", image]).catch(() => undefined);
        await rm(copy, { recursive: true, force: true });
      }
    });
  });
});

/** Negative, zero or positive as dotted version `a` is older than, the same as or newer than `b`. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  const differing = x!.findIndex((part, i) => part !== y![i]);
  return differing === -1 ? 0 : x![differing]! - y![differing]!;
}
