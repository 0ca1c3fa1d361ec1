import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** The cells of the table row whose first cell is `label`. */
function row(table: string, label: string): string[] {
  const line = table.split("\n").find((l) => l.startsWith(`| ${label} |`));
  if (!line) throw new Error(`no row '${label}' in:\n${table}`);
  return line
    .split(" | ")
    .slice(1)
    .map((cell) => cell.replace(/ \|$/, ""));
}

const FIGURE = /^\d+\.\d+ s/;

// `npm run bench` at N=3 with its own Keycloak, so the benchmark cannot rot between full runs.
// keycloak-config-cli is left out: it is built outside the repository, by hand (BENCHMARKS.md).
describe("npm run bench, smoke run", () => {
  it(
    "prints a figure for every phase each tool has, and the deploys it checked are right",
    { timeout: 600_000 },
    async () => {
      const { stdout } = await run(
        resolve(ROOT, "node_modules/.bin/tsx"),
        ["bench/run.ts", "--customers", "3", "--runs", "1", "--skip", "kcc"],
        { cwd: ROOT, env: process.env, maxBuffer: 16 * 1024 * 1024, timeout: 580_000 },
      );
      const [timesTable = "", requestsTable = ""] = stdout.split("### 3 customers")[1]!.split("\n\n| admin API");

      // synth, PR plan, full plan, deploy, re-deploy
      expect(row(timesTable, "cdktf (npm run plan / deploy)")).toEqual(Array(5).fill(expect.stringMatching(FIGURE)));
      expect(row(timesTable, "plain Terraform JSON (tofu)").slice(1)).toEqual(
        Array(4).fill(expect.stringMatching(FIGURE)),
      );
      const floor = row(timesTable, "admin-API floor");
      expect([floor[2], floor[3], floor[4]]).toEqual(Array(3).fill(expect.stringMatching(FIGURE)));
      expect(row(timesTable, "keycloak-config-cli")[3]).toBe("not measured: skipped (--skip)");
      expect(timesTable).not.toContain("result differs");
      expect(timesTable).toMatch(/\d+ MB peak/);
      expect(timesTable).toMatch(/\d+\.\d+x floor/);

      // Requests per customer: a deploy makes some, a PR plan (no refresh) none.
      const requests = row(requestsTable, "cdktf (npm run plan / deploy)");
      expect(requests[0]).toMatch(/^0\.0 /);
      expect(requests.slice(1)).toEqual(Array(3).fill(expect.stringMatching(/^[1-9]\d*\.\d \(\d+: /)));
      expect(stdout).toContain("Targets:");

      // The official provider: measured like the bundled one where the toolchain's mirror holds it
      // (KEYCLOAK_PROVIDER_BINARY), its no-refresh PR plan making no request either; else it says how to get it.
      const upstream = row(timesTable, "cdktf on keycloak/keycloak 5.9.0 (KEYCLOAK_PROVIDER=upstream)");
      if (process.env.KEYCLOAK_PROVIDER_BINARY) {
        expect(upstream.slice(1)).toEqual(Array(4).fill(expect.stringMatching(/^\d+\.\d+ s.*\d+\.\d+x bundled/)));
        expect(row(requestsTable, "cdktf on keycloak/keycloak 5.9.0 (KEYCLOAK_PROVIDER=upstream)")[0]).toMatch(
          /^0\.0 /,
        );
      } else {
        expect(upstream[3]).toBe(
          "not measured: registry.terraform.io/keycloak/keycloak 5.9.0 is not in the toolchain's mirror: " +
            "run npm run toolchain with KEYCLOAK_PROVIDER_BINARY=<a build of it>",
        );
      }
    },
  );
});
