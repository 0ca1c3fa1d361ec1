import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { hostname } from "node:os";
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
const CUSTOMERS = 30;

function customerFile(name: string): string {
  return `displayName: ${name}\ncontactEmail: api@${name}.example\ndescription: Outage test.\nroles: [orders:read]\n`;
}

/**
 * This run's Keycloak container: labelled with this run (the global setup's process, this worker's
 * parent or itself) and publishing the URL's port on IPv4. Docker maps IPv6 to other host ports,
 * so a port alone can name another run's container.
 */
async function keycloakContainer() {
  const { container } = await getContainerRuntimeClient();
  const port = Number(new URL(keycloak.baseUrl).port);
  const runs = [process.pid, process.ppid].map((pid) => `${hostname()}:${pid}`);
  const all = await container.dockerode.listContainers({ filters: { label: [TEST_RUN_LABEL] } });
  const found = all.filter(
    (info) =>
      runs.includes(info.Labels[TEST_RUN_LABEL] ?? "") &&
      info.Ports.some((published) => published.IP === "0.0.0.0" && published.PublicPort === port),
  );
  if (found.length !== 1) throw new Error(`${found.length} containers of this run publish port ${port}, want 1`);
  return container.dockerode.getContainer(found[0]!.Id);
}

/** Throws unless Keycloak leaves a request unanswered: the outage must be real for a test to mean anything. */
async function expectSilent(): Promise<void> {
  const answer = await fetch(`${keycloak.baseUrl}/realms/master`, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.status,
    () => undefined,
  );
  if (answer !== undefined) throw new Error(`Keycloak answered HTTP ${answer} with its container paused`);
}

interface OutageOptions {
  readonly step: string;
  /** After `step`, wait until Keycloak holds a client whose id starts with this: creates are in flight. */
  readonly afterClient?: string;
  readonly outageMs?: number;
  readonly env?: Record<string, string>;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Resolves once Keycloak holds a client whose id starts with `prefix`. */
async function clientAppears(prefix: string): Promise<void> {
  while (!(await admin.clients(realm)).some((client) => client.clientId.startsWith(prefix))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs an operator command and pauses Keycloak for `outageMs` once its stderr showed `step`
 * (e.g. "==> local: apply") and, if given, the first client of `afterClient` exists; Keycloak is
 * always running again when this returns. `waited` is how long the command ran on after Keycloak
 * was paused.
 */
async function runThroughOutage(
  project: RealmProject,
  args: string[],
  { step, afterClient, outageMs = OUTAGE_MS, env = {} }: OutageOptions,
): Promise<Run & { waited?: number }> {
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
      outage = (afterClient === undefined ? Promise.resolve() : clientAppears(afterClient))
        .then(async () => {
          pausedAt = Date.now();
          await container.pause();
          await expectSilent();
        })
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, outageMs)))
        .finally(() => container.unpause());
    }
  });
  try {
    const code = await new Promise<number>((resolve) => child.on("close", (exit) => resolve(exit ?? -1)));
    const waited = pausedAt === undefined ? undefined : Date.now() - pausedAt;
    return { code, stdout, stderr, waited };
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
    // WHEN Keycloak stops answering for 40 s once the plan started (synth, init), before the engine refreshes
    const result = await runThroughOutage(project, ["plan"], { step: "==> local: synth" });

    // THEN the plan waited it out and lists every new customer
    expect(result.waited, result.stderr).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain(`**Customers:** ${CUSTOMERS} added.`);
  });

  it("delays a deploy, which then leaves exactly one client per customer", { timeout: 400_000 }, async () => {
    // WHEN Keycloak stops answering as the apply starts, for 40 s
    const result = await runThroughOutage(project, ["deploy"], { step: "==> local: apply" });

    // THEN the deploy waited it out and succeeded, and the next plan has nothing to do
    expect(result.waited, result.stderr).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(result.code, result.stderr).toBe(0);
    const plan = await project.realm("plan");
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const clientIds = (await admin.clients(realm)).map((client) => client.clientId);
    for (let i = 0; i < CUSTOMERS; i++) {
      expect(clientIds.filter((id) => id === `outage-${i}`)).toHaveLength(1);
    }
  });

  it(
    "delays a deploy paused while creating clients, which takes the clients Keycloak created after their answers were lost",
    { timeout: 400_000 },
    async () => {
      // GIVEN more customers
      for (let i = 0; i < CUSTOMERS; i++) await project.writeCustomer(`late-${i}`, customerFile(`late-${i}`));

      // WHEN Keycloak stops answering as the first new client appears, with creates in flight, for
      // 40 s: the requests time out, and Keycloak carries out the ones it had read once it runs again
      const result = await runThroughOutage(project, ["deploy"], { step: "==> local: apply", afterClient: "late-" });

      // THEN the deploy succeeded, with one client per customer, and the next plan has nothing to do
      expect(result.waited, result.stderr).toBeGreaterThanOrEqual(OUTAGE_MS);
      expect(result.code, result.stderr).toBe(0);
      const clientIds = (await admin.clients(realm)).map((client) => client.clientId);
      for (let i = 0; i < CUSTOMERS; i++) {
        expect(clientIds.filter((id) => id === `late-${i}`)).toHaveLength(1);
      }
      const plan = await project.realm("plan");
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    },
  );

  it(
    "fails a plan whose outage outlasts REALM_KEYCLOAK_DEADLINE with a short summary and a log file",
    { timeout: 400_000 },
    async () => {
      // GIVEN a deadline of 10 s
      await project.writeCustomer("outage-late", customerFile("outage-late"));

      // WHEN Keycloak stops answering before the engine refreshes, for longer than the deadline allows
      const result = await runThroughOutage(project, ["plan"], {
        step: "==> local: synth",
        outageMs: 60_000,
        env: { REALM_KEYCLOAK_DEADLINE: "10" },
      });

      // THEN exit 1 before Keycloak is back, one short summary by cause naming the deadline, what to run, the log file
      expect(result.waited, result.stderr).toBeLessThan(60_000);
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
