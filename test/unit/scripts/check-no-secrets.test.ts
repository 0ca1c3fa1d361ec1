import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { leakedVariables } from "../../../scripts/check-no-secrets";

const root = resolve(import.meta.dirname, "../../..");
const reports = "test/fixtures/reports";
const run = promisify(execFile);

// The secrets of a plan or drift job, as the fixtures hold them.
const SECRETS = {
  PG_CONN_STR: "postgres://realm_reader:Rd%2Fonly-pw-71c4@db.example:5432/realm_state?sslmode=require",
  REALM_STATE_PASSPHRASE: 'pass "phrase" of the fixture state',
  KEYCLOAK_CLIENT_SECRET: "kc-fixture-secret-0d5e9a",
};
const VARIABLES = ["PG_CONN_STR", "REALM_STATE_PASSPHRASE", "KEYCLOAK_CLIENT_SECRET"];

/** Runs the script as the workflows do: the names as arguments, the values in the environment. */
async function check(report: string, env: Record<string, string> = SECRETS, variables = VARIABLES) {
  const tsx = resolve(root, "node_modules/.bin/tsx");
  return run(tsx, ["scripts/check-no-secrets.ts", `${reports}/${report}`, ...variables], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
  }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe("scripts/check-no-secrets.ts", () => {
  it("passes a plan report that holds none of the job's secrets, naming what it checked", async () => {
    // WHEN
    const result = await check("clean.md");

    // THEN
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("holds no value of PG_CONN_STR, REALM_STATE_PASSPHRASE, KEYCLOAK_CLIENT_SECRET");
  });

  it.each([
    ["connection-string.md", "PG_CONN_STR"],
    ["connection-password.md", "PG_CONN_STR"],
    ["passphrase-escaped.md", "REALM_STATE_PASSPHRASE"],
    ["keycloak-secret.md", "KEYCLOAK_CLIENT_SECRET"],
  ])("rejects %s, naming %s but never printing its value", async (report, variable) => {
    // WHEN
    const result = await check(report);

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`contains the value of ${variable}: it must not be posted.`);
    for (const value of Object.values(SECRETS)) expect(result.stderr).not.toContain(value);
    expect(result.stderr).not.toContain("Rd/only-pw-71c4");
  });

  it("rejects the password of a keyword/value connection string found on its own", async () => {
    // GIVEN
    const env = { PG_CONN_STR: "host=db.example dbname=realm_state password='Rd/only-pw-71c4'" };

    // WHEN
    const result = await check("connection-password.md", env, ["PG_CONN_STR"]);

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("contains the value of PG_CONN_STR");
  });

  it("rejects a call without variable names, with exit code 2 and its usage", async () => {
    const result = await check("clean.md", SECRETS, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: tsx scripts/check-no-secrets.ts <report> <VARIABLE>...");
  });

  it("rejects a report it cannot read, with exit code 2", async () => {
    const result = await check("no-such-report.md");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot read test/fixtures/reports/no-such-report.md");
  });

  it("passes a report when a named variable is unset or empty: there is nothing to look for", async () => {
    const result = await check("clean.md", { PG_CONN_STR: "" }, ["PG_CONN_STR", "REALM_STATE_PASSPHRASE"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("holds no value of (no variable set)");
  });

  it("finds a value in any of its spellings: as is, escaped in a quoted string, percent-encoded", () => {
    // GIVEN
    const env = { KEYCLOAK_CLIENT_SECRET: 'kc "secret"/7' };
    const names = ["KEYCLOAK_CLIENT_SECRET"];

    // THEN
    expect(leakedVariables('secret: kc "secret"/7', names, env)).toEqual(names);
    expect(leakedVariables('"kc \\"secret\\"/7"', names, env)).toEqual(names);
    expect(leakedVariables("https://x.example/?s=kc%20%22secret%22%2F7", names, env)).toEqual(names);
    expect(leakedVariables("kc secret 7", names, env)).toEqual([]);
  });
});
