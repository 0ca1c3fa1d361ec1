import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { blocksOf, diffConfigurations, diffStack } from "../../../scripts/config-diff";

const root = resolve(import.meta.dirname, "../../..");
const fixtures = "test/fixtures/config-diff";
const run = promisify(execFile);

function configDiff(base: string, head: string) {
  return run(resolve(root, "node_modules/.bin/tsx"), ["scripts/config-diff.ts", base, head], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("scripts/config-diff.ts", () => {
  it("shows each stack's added, changed and removed blocks, the changed ones by attribute", async () => {
    // GIVEN main's synth output and a pull request's: staging gains initech, loses globex, changes
    // acme's description and the realm's attributes; production differs in cdktn's metadata only

    // WHEN
    const result = await configDiff(`${fixtures}/base`, `${fixtures}/head`);

    // THEN
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "production: no changes",
        "",
        "staging: 1 added, 2 changed, 1 removed",
        "",
        "~ keycloak_openid_client.customers_acme_client_1111 (changed)",
        '-     description = "Orders."',
        '+     description = "Orders and invoices."',
        "- keycloak_openid_client.customers_globex_client_3333 (removed)",
        '-     client_id = "globex"',
        "-     enabled = true",
        '-     realm_id = "${keycloak_realm.realm_2222.id}"',
        "+ keycloak_openid_client.customers_initech_client_4444 (added)",
        '+     client_id = "initech"',
        '+     default_scopes[0] = "basic"',
        '+     default_scopes[1] = "roles"',
        '+     realm_id = "${keycloak_realm.realm_2222.id}"',
        "~ keycloak_realm.realm_2222 (changed)",
        "-     attributes = {}",
        '+     attributes.frontendUrl = "https://id.example"',
        "",
      ].join("\n"),
    );
  });

  it("shows no changes between a synth output and itself", async () => {
    const result = await configDiff(`${fixtures}/head`, `${fixtures}/head`);
    expect(result.stdout).toBe("production: no changes\n\nstaging: no changes\n");
  });

  it("addresses every kind of block, leaving cdktn's // metadata out at every level", () => {
    // GIVEN
    const stack = {
      "//": { metadata: { stackName: "staging" } },
      data: { keycloak_realm: { master: { realm: "master", "//": { metadata: { path: "x" } } } } },
      locals: { names: ["a"] },
      output: { url: { value: "https://id.example" } },
      provider: { keycloak: [{ base_path: "" }] },
      terraform: { backend: { pg: { schema_name: "s" } } },
      variable: { state_passphrase: { sensitive: true, "weird key": 1 } },
    };

    // WHEN
    const blocks = blocksOf(stack);

    // THEN
    expect(Object.fromEntries([...blocks].map(([address, values]) => [address, Object.fromEntries(values)]))).toEqual({
      "data.keycloak_realm.master": { realm: '"master"' },
      locals: { "names[0]": '"a"' },
      "output.url": { value: '"https://id.example"' },
      "provider.keycloak": { "[0].base_path": '""' },
      terraform: { "backend.pg.schema_name": '"s"' },
      "variable.state_passphrase": { sensitive: "true", '"weird key"': "1" },
    });
  });

  it("shows a stack on one side only as all added or all removed", () => {
    // GIVEN
    const stack = { resource: { keycloak_role: { reader_1: { name: "reader" } } } };

    // WHEN
    const text = diffConfigurations(new Map([["staging", stack]]), new Map([["production", stack]]));

    // THEN
    expect(text).toContain(
      'production: 1 added, 0 changed, 0 removed\n\n+ keycloak_role.reader_1 (added)\n+     name = "reader"',
    );
    expect(text).toContain(
      'staging: 0 added, 0 changed, 1 removed\n\n- keycloak_role.reader_1 (removed)\n-     name = "reader"',
    );
  });

  it("shows an attribute that appears or disappears in a changed block with one sign only", () => {
    const before = blocksOf({ resource: { keycloak_role: { r: { name: "r", description: "old" } } } });
    const after = blocksOf({ resource: { keycloak_role: { r: { name: "r", composite: false } } } });
    expect(diffStack("staging", before, after)).toBe(
      [
        "staging: 0 added, 1 changed, 0 removed",
        "",
        "~ keycloak_role.r (changed)",
        "+     composite = false",
        '-     description = "old"',
      ].join("\n"),
    );
  });

  it("rejects a synth output whose cdk.tf.json does not parse, naming the file", async () => {
    // GIVEN
    const broken = await mkdtemp(join(tmpdir(), "config-diff-"));
    await mkdir(join(broken, "stacks/staging"), { recursive: true });
    await writeFile(join(broken, "stacks/staging/cdk.tf.json"), '{ "resource": ');

    try {
      // WHEN
      const result = await configDiff(`${fixtures}/base`, broken);

      // THEN
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`ERROR: cannot read ${broken}/stacks/staging/cdk.tf.json:`);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it("rejects a folder that is not a synth output, naming it", async () => {
    const result = await configDiff(`${fixtures}/base`, "test/fixtures/customers");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "test/fixtures/customers/stacks does not exist: is test/fixtures/customers a synth output?",
    );
  });
});
