import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
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

  async function realm(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("KEYCLOAK_")));
    Object.assign(env, {
      KEYCLOAK_IMAGE: process.env.KEYCLOAK_IMAGE,
      LOCAL_KEYCLOAK_NAME: CONTAINER,
      LOCAL_KEYCLOAK_PORT: String(port),
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
  });

  afterAll(async () => {
    await run("docker", ["rm", "-f", "-v", CONTAINER]).catch(() => undefined);
    await project?.dispose();
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
});
