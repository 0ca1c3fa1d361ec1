import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TOOLS } from "../../bench/report";

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
// keycloak-config-cli is left out: it is built outside the repository, by hand (BENCHMARKS.md). So is the
// official provider, unless KEYCLOAK_PROVIDER_BINARY names a build of it (CI runs without).
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

      // synth, PR plan, merge deploy, full plan, deploy, re-deploy
      expect(row(timesTable, "cdktf (npm run plan / deploy)")).toEqual(Array(6).fill(expect.stringMatching(FIGURE)));
      // plain Terraform JSON has no per-customer deploy
      const figure = expect.stringMatching(FIGURE);
      expect(row(timesTable, "plain Terraform JSON (tofu)").slice(1)).toEqual([figure, "—", figure, figure, figure]);
      const floor = row(timesTable, "admin-API floor");
      expect([floor[3], floor[4], floor[5]]).toEqual(Array(3).fill(figure));
      expect(row(timesTable, "keycloak-config-cli")[4]).toBe("not measured: skipped (--skip)");
      const upstream = row(timesTable, TOOLS.upstream);
      if (process.env.KEYCLOAK_PROVIDER_BINARY) {
        // PR plan, merge deploy, full plan, deploy, re-deploy, each beside the bundled provider's
        expect(upstream.slice(1)).toEqual(Array(5).fill(expect.stringMatching(/^\d+\.\d+ s, .*\d+\.\d+x bundled/)));
      } else {
        expect(upstream[4]).toMatch(
          /^not measured: KEYCLOAK_PROVIDER_BINARY is not set: build keycloak\/keycloak 5\.9\.0 from its source, .*BENCHMARKS\.md/,
        );
      }
      expect(timesTable).not.toContain("result differs");
      expect(timesTable).toMatch(/\d+ MB peak/);
      expect(timesTable).toMatch(/\d+\.\d+x floor/);

      // Requests per customer: a deploy makes some, a PR plan (no refresh) none.
      const requests = row(requestsTable, "cdktf (npm run plan / deploy)");
      expect(requests[0]).toMatch(/^0\.0 /);
      expect(requests.slice(1)).toEqual(Array(4).fill(expect.stringMatching(/^[1-9]\d*\.\d \(\d+: /)));
      expect(stdout).toContain("Targets:");
    },
  );
});
