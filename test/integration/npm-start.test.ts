import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { RealmProject } from "./realm-project";
import { verifyAccessToken } from "./tokens";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const CONTAINER = `keycloak-realm-as-code-start-test-${process.pid}`;

/** A free loopback port whose +1000 neighbour (the management port) is free too. */
async function freePort(): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((done) => {
      const server = createServer().once("error", () => done(false));
      server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
    });
  for (let port = 20_000 + (process.pid % 5_000); port < 30_000; port += 7) {
    if ((await isFree(port)) && (await isFree(port + 1_000))) return port;
  }
  throw new Error("no free port pair between 20000 and 31000");
}

// What a newcomer does: no KEYCLOAK_* variables, just `npm start` (scripts/realm.ts start).
describe("npm start", () => {
  // Its own project copy, container and port, so a developer's own local Keycloak is left alone.
  inject("keycloak");
  let project: RealmProject;
  let port: number;
  /** A `docker` first on PATH that records its arguments, then runs the real one. */
  let shim: string;

  async function realm(
    command: string,
    container = CONTAINER,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("KEYCLOAK_")));
    Object.assign(env, {
      KEYCLOAK_IMAGE: process.env.KEYCLOAK_IMAGE,
      LOCAL_KEYCLOAK_NAME: container,
      LOCAL_KEYCLOAK_PORT: String(port),
      PATH: `${shim}:${process.env.PATH}`,
    });
    try {
      const { stdout, stderr } = await run(join(ROOT, "node_modules/.bin/tsx"), ["scripts/realm.ts", command], {
        cwd: project.directory,
        env,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  }

  beforeAll(async () => {
    project = await RealmProject.create(inject("keycloak"));
    port = await freePort();
    shim = await mkdtemp(join(tmpdir(), "docker-shim-"));
    const docker = (await run("bash", ["-c", "command -v docker"])).stdout.trim();
    await writeFile(join(shim, "docker"), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${shim}/calls'\nexec '${docker}' "$@"\n`);
    await chmod(join(shim, "docker"), 0o755);
  });

  afterAll(async () => {
    await run("docker", ["rm", "-f", "-v", CONTAINER]).catch(() => undefined);
    await project?.dispose();
    await rm(shim, { recursive: true, force: true });
  });

  it("starts Keycloak, deploys the local realm and prints a token request that works", async () => {
    // WHEN
    const result = await realm("start");

    // THEN
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout, result.stderr).toContain(`Keycloak:       http://localhost:${port}`);
    expect(result.stdout).toContain(`Admin console:  http://localhost:${port}/admin/master/console/`);
    const curl = /^ {2}(curl -s -u .*)$/m.exec(result.stdout)?.[1];
    expect(curl).toBeDefined();
    const { stdout: answer } = await run("bash", ["-c", curl!]);
    const issuer = `http://localhost:${port}/realms/${environments.local.realm.name}`;
    const claims = await verifyAccessToken(issuer, JSON.parse(answer).access_token, "atlas-api");
    expect(result.stdout).toContain(`"azp": "${claims.azp}"`);
  });

  it("hands Keycloak its admin secrets in a 0600 env file, never on a command line", async () => {
    // GIVEN the secrets npm start made
    const file = join(project.directory, ".toolchain/local-keycloak.env");
    const secrets = (await readFile(file, "utf8"))
      .split("\n")
      .filter((line) => /^KC_BOOTSTRAP_ADMIN_(PASSWORD|CLIENT_SECRET)=/.test(line))
      .map((line) => line.slice(line.indexOf("=") + 1));

    // THEN
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(secrets).toHaveLength(2);
    // Every docker command line npm start ran, as `ps` shows it
    const calls = await readFile(join(shim, "calls"), "utf8");
    expect(calls).toContain(`--env-file ${file}`);
    // The container's own command
    const { stdout } = await run("docker", [
      "inspect",
      "--format",
      "{{json .Path}} {{json .Args}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}",
      CONTAINER,
    ]);
    expect(stdout).toContain("--health-enabled=true");
    for (const secret of secrets) {
      expect(calls).not.toContain(secret);
      expect(stdout).not.toContain(secret);
    }
  });

  it("reuses the container and reports no changes the second time", async () => {
    const result = await realm("start");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`reusing the running container ${CONTAINER}`);
    expect(result.stderr).toContain("No changes: the 'local' realm matches the code.");
  });

  it("npm stop removes the container and the local state", async () => {
    // WHEN
    const result = await realm("stop");

    // THEN
    expect(result.code).toBe(0);
    const { stdout } = await run("docker", ["ps", "-a", "--filter", `name=^${CONTAINER}$`, "--format", "{{.Names}}"]);
    expect(stdout.trim()).toBe("");
    expect(existsSync(join(project.directory, "terraform.local.tfstate"))).toBe(false);
  });

  it("rejects a container another checkout made, naming it and how to remove it, and starts nothing", async () => {
    // GIVEN a container of the name npm start uses, made by another checkout with its own credentials
    const other = `${CONTAINER}-other`;
    await run("docker", [
      "create", "--name", other, "--label", "realm-as-code.checkout=/home/someone/realm",
      "--env", "KC_BOOTSTRAP_ADMIN_CLIENT_ID=someone-else", process.env.KEYCLOAK_IMAGE!,
    ]); // prettier-ignore
    try {
      // WHEN
      const result = await realm("start", other);

      // THEN
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `container ${other} was made by the checkout /home/someone/realm, with other admin credentials than`,
      );
      expect(result.stderr).toContain(`'docker rm -f ${other}'`);
      const { stdout } = await run("docker", ["inspect", "--format", "{{.State.Status}}", other]);
      expect(stdout.trim()).toBe("created");
    } finally {
      await run("docker", ["rm", "-f", other]);
    }
  });
});
