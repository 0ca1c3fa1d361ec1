import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** What the commands need to start: the code, the generated bindings, the customers. */
const PROJECT_FILES = ["main.ts", "lib", "scripts", ".gen", "customers", "package.json", "tsconfig.json"];

/** Runs a command of a project copy; never throws on exit codes. */
async function command(dir: string, args: string[]): Promise<{ code: number; stderr: string }> {
  // Nothing of the caller's Keycloak or state reaches the command: it must stop before using them.
  const shell = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(KEYCLOAK_|REALM_|PG_CONN_STR)/.test(name)),
  );
  try {
    const { stderr } = await run(join(root, "node_modules/.bin/tsx"), args, { cwd: dir, env: shell });
    return { code: 0, stderr };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe("every command with a broken setting in lib/environments.ts", () => {
  let dir: string;

  beforeAll(async () => {
    // GIVEN a copy of the project whose realm allows 15-minute access tokens and names an unknown option
    dir = await mkdtemp(join(tmpdir(), "broken-settings-"));
    for (const file of PROJECT_FILES) await cp(join(root, file), join(dir, file), { recursive: true });
    await symlink(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    const environments = join(dir, "lib/environments.ts");
    const source = await readFile(environments, "utf8");
    const broken = source.replace(
      "accessTokenLifespanSeconds: 300,",
      "accessTokenLifespanSeconds: 900, loginTheme: 1,",
    );
    if (broken === source) throw new Error("lib/environments.ts no longer has the shape this test edits");
    await writeFile(environments, broken);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ["cdktn synth", ["main.ts"]],
    ["npm run plan", ["scripts/realm.ts", "plan"]],
    ["npm run deploy", ["scripts/realm.ts", "deploy"]],
    ["npm run drift", ["scripts/realm.ts", "drift"]],
    ["npm run credentials", ["scripts/realm.ts", "credentials", "acme"]],
    ["npm run validate", ["scripts/validate-customers.ts"]],
    ["npm run schema", ["scripts/write-customer-schema.ts"]],
  ])("rejects it in %s with exit code 1, naming each setting and rule, without a stack trace", async (_, args) => {
    // WHEN
    const result = await command(dir, args);

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("2 problems found, nothing was deployed:");
    expect(result.stderr).toContain(
      "lib/environments.ts (local): realm.accessTokenLifespanSeconds: must be at most 300 s, got 900",
    );
    expect(result.stderr).toContain("lib/environments.ts (local): realm.loginTheme: unknown key");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
