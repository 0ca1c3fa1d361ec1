import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/**
 * Staging and production take only a shared, encrypted state: synthesizing every environment needs
 * one configured. Synth only checks that the connection string is there; nothing connects to it.
 */
const SHARED_STATE = {
  REALM_STATE_BACKEND: "pg",
  PG_CONN_STR: "postgres://synth-only@db.invalid/state",
  REALM_STATE_PASSPHRASE: "synth-only-passphrase",
};

/** Runs main.ts as `cdktn synth` does, in a folder whose customers/ is the given fixture. */
async function synthWith(
  fixture: string,
  state: Record<string, string> = SHARED_STATE,
): Promise<{ code: number; stdout: string; stderr: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "main-"));
  await cp(join(root, "test/fixtures/customers", fixture), join(dir, "customers"), { recursive: true });
  const shell = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("REALM_STATE_")));
  try {
    const { stdout, stderr } = await run(join(root, "node_modules/.bin/tsx"), [join(root, "main.ts")], {
      cwd: dir,
      env: { ...shell, ...state },
    });
    return { code: 0, stdout, stderr, dir };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr, dir };
  }
}

describe("main.ts", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("synthesizes one stack per environment from valid customer files", async () => {
    const result = await synthWith("valid");
    dir = result.dir;
    expect(result.code).toBe(0);
    expect((await readdir(join(dir, "cdktf.out/stacks"))).sort()).toEqual(["local", "production", "staging"]);
  });

  it("puts a customer only into the environments its file names, each with that environment's settings", async () => {
    // GIVEN valid/globex.yaml says `environments: [staging]`
    const result = await synthWith("valid");
    dir = result.dir;
    const stack = async (name: string) =>
      JSON.parse(await readFile(join(dir!, "cdktf.out/stacks", name, "cdk.tf.json"), "utf8")) as {
        resource: Record<string, Record<string, Record<string, unknown>>>;
      };
    const clientIds = async (name: string) =>
      Object.values((await stack(name)).resource.keycloak_openid_client!).map((client) => client.client_id);

    // THEN
    expect(await clientIds("staging")).toEqual(expect.arrayContaining(["acme", "globex"]));
    expect(await clientIds("production")).toContain("acme");
    expect(await clientIds("production")).not.toContain("globex");
    const realmOf = async (name: string) => Object.values((await stack(name)).resource.keycloak_realm!)[0]!;
    expect((await realmOf("production")).ssl_required).toBe("all");
    expect((await realmOf("local")).ssl_required).toBe("external");
  });

  it("rejects synthesizing staging and production with a local state, and writes nothing", async () => {
    // WHEN
    const result = await synthWith("valid", { REALM_STATE_BACKEND: "local" });
    dir = result.dir;

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("problem found, nothing was deployed:");
    expect(result.stderr).toContain("REALM_STATE_BACKEND: must be pg or s3 for 'staging', got 'local'");
    // Constructing the stacks makes the empty folder; no stack is written into it.
    expect(await readdir(join(dir, "cdktf.out/stacks")).catch(() => [])).toEqual([]);
  });

  it("rejects broken customer files with exit code 1, naming each file and field, and writes nothing", async () => {
    const result = await synthWith("several-broken");
    dir = result.dir;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("problems found, nothing was deployed:");
    expect(result.stderr).toContain("customers/globex.yaml: contactEmail: is required");
    await expect(readdir(join(dir, "cdktf.out"))).rejects.toThrow(/ENOENT/);
  });
});
