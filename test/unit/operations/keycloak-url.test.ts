import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { keycloakUrlProblem } from "../../../lib/operations/keycloak-admin";

const root = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

describe("KEYCLOAK_URL", () => {
  it.each([
    "https://sso.example.com",
    "https://10.0.0.5:8443/auth",
    "http://localhost:8080",
    "http://127.4.5.6",
    "http://[::1]:8080",
  ])("accepts %s: https://, or plain http:// to a loopback host", (url) => {
    expect(keycloakUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ["http://sso.example.com", "http://sso.example.com"],
    ["http://10.0.0.5:8080", "http://10.0.0.5:8080"],
    ["http://localhost.example.com", "http://localhost.example.com"],
    ["ftp://sso.example.com", "ftp://sso.example.com"],
    ["http://admin:hunter2@sso.example.com", "http://sso.example.com"],
  ])("rejects %s, naming scheme and host only", (url, shown) => {
    expect(keycloakUrlProblem(url)).toBe(
      `KEYCLOAK_URL must use https:// (plain http:// only to a loopback host), got ${shown}`,
    );
  });

  it.each(["plan", "deploy", "drift", "credentials"])(
    "rejects plain http:// to a remote host in npm run %s with exit code 1, before anything runs (on either provider)",
    async (command) => {
      // GIVEN a Keycloak URL the official provider would send its client secret to in clear text
      const env = {
        ...process.env,
        KEYCLOAK_URL: "http://admin:hunter2@keycloak.invalid",
        KEYCLOAK_CLIENT_ID: "deploy",
        KEYCLOAK_CLIENT_SECRET: "not-used",
      };

      // WHEN
      const args = ["scripts/realm.ts", command, "--env", "local", ...(command === "credentials" ? ["acme"] : [])];
      const failure = await run(resolve(root, "node_modules/.bin/tsx"), args, { cwd: root, env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );

      // THEN
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(
        "ERROR: KEYCLOAK_URL must use https:// (plain http:// only to a loopback host), got http://keycloak.invalid",
      );
      expect(failure?.stderr).not.toMatch(/hunter2|==> /);
    },
  );
});
