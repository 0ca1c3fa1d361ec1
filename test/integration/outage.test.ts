import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { getContainerRuntimeClient } from "testcontainers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { TEST_RUN_LABEL } from "./global-setup";
import { RealmProject } from "./realm-project";

// Keycloak made unreachable mid-command by pausing its container: connections are accepted by
// the kernel and never answered, so every request in flight times out, and Keycloak carries out
// the writes it had read once it runs again: the worst kind of outage for a deploy.
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = environments.local.realm.name;
const ROOT = resolve(import.meta.dirname, "../..");
const OUTAGE_MS = 40_000;
const CUSTOMERS = 15;

function customerFile(name: string): string {
  return `displayName: ${name}\ncontactEmail: api@${name}.example\ndescription: Outage test.\nroles: [orders:read]\n`;
}

/** This run's Keycloak container: the one with the test-run label publishing the URL's port. */
async function keycloakContainer() {
  const { container } = await getContainerRuntimeClient();
  const port = Number(new URL(keycloak.baseUrl).port);
  const all = await container.dockerode.listContainers({ filters: { label: [TEST_RUN_LABEL] } });
  const found = all.find((info) => info.Ports.some((published) => published.PublicPort === port));
  if (!found) throw new Error(`no test container publishes port ${port}`);
  return container.dockerode.getContainer(found.Id);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an operator command and pauses Keycloak for `outageMs` as soon as its stderr shows `step`
 * (e.g. "==> local: apply"); Keycloak is always running again when this returns.
 */
async function runThroughOutage(
  project: RealmProject,
  args: string[],
  step: string,
  outageMs: number,
  env: Record<string, string> = {},
): Promise<Run & { pausedAt?: number }> {
  const container = await keycloakContainer();
  let outage: Promise<void> | undefined;
  let pausedAt: number | undefined;
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/realm.ts", ...args], {
    cwd: project.directory,
    env: { ...process.env, ...keycloak.providerEnvironment, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!outage && stderr.includes(step)) {
      pausedAt = Date.now();
      outage = container
        .pause()
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, outageMs)))
        .finally(() => container.unpause());
    }
  });
  try {
    const code = await new Promise<number>((resolve) => child.on("close", (exit) => resolve(exit ?? -1)));
    return { code, stdout, stderr, pausedAt };
  } finally {
    await outage;
  }
}

describe("Keycloak unreachable for 40 s", () => {
  let project: RealmProject;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    const first = await project.realm("deploy");
    if (first.code !== 0) throw new Error(`first deploy failed:\n${first.stderr}`);
    for (let i = 0; i < CUSTOMERS; i++) await project.writeCustomer(`outage-${i}`, customerFile(`outage-${i}`));
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("delays a plan, which then reports the changes", { timeout: 400_000 }, async () => {
    // GIVEN customers added since the last deploy
    // WHEN Keycloak stops answering as the plan starts refreshing, for 40 s
    const started = Date.now();
    const result = await runThroughOutage(project, ["plan"], "==> local: plan", OUTAGE_MS);

    // THEN the plan waited it out and lists every new customer
    expect(result.pausedAt, result.stderr).toBeDefined();
    expect(result.code, result.stderr).toBe(2);
    expect(Date.now() - started).toBeGreaterThan(OUTAGE_MS);
    expect(result.stdout).toContain(`**Customers:** ${CUSTOMERS} added.`);
  });

  it("delays a deploy, which then leaves exactly one client per customer", { timeout: 400_000 }, async () => {
    // WHEN Keycloak stops answering as the apply starts, for 40 s
    const result = await runThroughOutage(project, ["deploy"], "==> local: apply", OUTAGE_MS);

    // THEN the deploy succeeded, and the next plan has nothing to do
    expect(result.pausedAt, result.stderr).toBeDefined();
    expect(result.code, result.stderr).toBe(0);
    const plan = await project.realm("plan");
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const clientIds = (await admin.clients(realm)).map((client) => client.clientId);
    for (let i = 0; i < CUSTOMERS; i++) {
      expect(clientIds.filter((id) => id === `outage-${i}`)).toHaveLength(1);
    }
  });

  it(
    "fails a plan whose outage outlasts REALM_KEYCLOAK_DEADLINE with a short summary and a log file",
    { timeout: 400_000 },
    async () => {
      // GIVEN a deadline of 10 s
      await project.writeCustomer("outage-late", customerFile("outage-late"));

      // WHEN Keycloak stops answering as the plan starts, for longer than the deadline allows
      const result = await runThroughOutage(project, ["plan"], "==> local: plan", 60_000, {
        REALM_KEYCLOAK_DEADLINE: "10",
      });

      // THEN exit 1, one short summary by cause naming the deadline, what to run, and the log file
      expect(result.pausedAt, result.stderr).toBeDefined();
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/\d+ errors?:\n\s+\d+ × Keycloak did not answer in time \(timeout\)/);
      expect(result.stderr).toContain(`did not answer for 10 s (REALM_KEYCLOAK_DEADLINE)`);
      expect(result.stderr).toContain("run 'npm run plan'");
      expect(result.stderr.length).toBeLessThan(4_000);
      const log = /The engine's whole output: (\S+\.log)/.exec(result.stderr)?.[1];
      expect(log, result.stderr).toMatch(/cdktf\.out\/stacks\/local\/logs\/plan-.*\.log$/);
      expect((await stat(log!)).mode & 0o777).toBe(0o600);
      expect(await readFile(log!, "utf8")).toMatch(/Error: /);
    },
  );
});
