import { spawn, type ChildProcess } from "node:child_process";
import { readdir, readFile, readlink } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { TEST_RUN_LABEL } from "./global-setup";
import { KeycloakContainer, type StartedKeycloakContainer } from "./keycloak-container";
import { requireEnvironment } from "./prerequisites";
import { RealmProject } from "./realm-project";
import { tokenRequest, verifyAccessToken } from "./tokens";

// Faults a deploy meets in operation (#13): whatever interrupts one, the next plain deploy converges.
const settings = environments.local;
const realm = settings.realm.name;
const backend = settings.backend.clientId;
/** New customers of the interrupted deploy: enough that its apply lasts seconds, few enough for 2 cores. */
const NEW_CUSTOMERS = 60;
/** How long the providers wait for one Keycloak answer (`client_timeout`, 15 s on both). */
const CLIENT_TIMEOUT_MS = 15_000;
/** How much of a failed command's stderr an assertion shows: its last errors and the hint. */
const SHOWN_OUTPUT = 4_000;

// Its own Keycloak: these tests restart and pause it, on a fixed port so its URL survives a restart.
let container: StartedKeycloakContainer;
let admin: AdminApi;

beforeAll(async () => {
  container = await new KeycloakContainer(requireEnvironment("KEYCLOAK_IMAGE"))
    .withLabels({ [TEST_RUN_LABEL]: `${hostname()}:${process.pid}` })
    .withHttpHostPort(await freePort())
    .start();
  admin = new AdminApi(container.underTest());
});

afterAll(async () => {
  await container?.stop({ remove: true, removeVolumes: true });
});

let project: RealmProject;
/** Secrets of the customers deployed before the fault, as Keycloak has them. */
let existingSecrets: Map<string, string>;
let deploys: Deploy[] = [];

// GIVEN, for every fault: a realm deployed with the repository's customers, and a pull request adding more
beforeEach(async () => {
  await admin.deleteRealmIfExists(realm);
  project = await RealmProject.create(container.underTest());
  const first = await project.realm("deploy");
  if (first.code !== 0) throw new Error(`first deploy failed:\n${first.stderr.slice(-SHOWN_OUTPUT)}`);
  existingSecrets = await secretsOf(await customerIds());
});

afterEach(async () => {
  // A fault that made a test fail must not leave Keycloak frozen, or a deploy running, for the next one.
  await container.unpause().catch(() => undefined);
  for (const deploy of deploys) deploy.kill();
  await Promise.all(deploys.map((deploy) => deploy.ended));
  deploys = [];
  await project?.dispose();
});

describe("a deploy interrupted mid-apply", { timeout: 300_000 }, () => {
  it("converges on the next deploy after Keycloak restarted under it", async () => {
    // GIVEN
    const added = await addCustomers("restarted");
    const deploy = startDeploy();
    await firstClientOf(added, deploy);

    // WHEN
    await container.restart({ timeout: 10_000 });
    await deploy.ended;

    // THEN
    await expectConvergence();
  });

  it("converges on the next deploy after its whole process group was killed with SIGKILL", async () => {
    // GIVEN
    const added = await addCustomers("group-killed");
    const deploy = startDeploy();
    await firstClientOf(added, deploy);

    // WHEN
    deploy.kill();
    expect((await deploy.ended).signal).toBe("SIGKILL");
    await engineEnded();

    // THEN
    await expectConvergence();
  });

  it("converges on the next deploy after its Node process alone was killed with SIGKILL", async () => {
    // GIVEN
    const added = await addCustomers("node-killed");
    const deploy = startDeploy();
    await firstClientOf(added, deploy);

    // WHEN
    process.kill(await deploy.nodePid(), "SIGKILL");
    await deploy.ended;
    await engineEnded();

    // THEN
    await expectConvergence();
  });

  it("converges on the next deploy after Keycloak was paused past the client timeout", async () => {
    // GIVEN
    const added = await addCustomers("paused");
    const deploy = startDeploy();
    await firstClientOf(added, deploy);

    // WHEN
    await container.pause();
    await sleep(CLIENT_TIMEOUT_MS + 10_000);
    await container.unpause();
    await deploy.ended;

    // THEN
    await expectConvergence();
  });
});

describe("two deploys at once on local state", { timeout: 300_000 }, () => {
  it("lets one through and stops the other with the project's hint, and the next deploy converges", async () => {
    // GIVEN
    await addCustomers("concurrent");

    // WHEN
    const [first, second] = [startDeploy(), startDeploy()];
    const results = [await first.ended, await second.ended];

    // THEN
    expect(results.map((result) => result.code).sort()).toEqual([0, 1]);
    const stopped = results.find((result) => result.code === 1)!;
    expect(stopped.stderr.slice(-SHOWN_OUTPUT)).toMatch(
      /Another run holds the lock of the 'local' state .*nothing was changed|Another deploy changed the 'local' state .*nothing was applied/,
    );
    await expectConvergence();
  });
});

describe("a role granted by hand in the admin console", { timeout: 300_000 }, () => {
  it("is reported by drift naming the customer, and removed by the next deploy", async () => {
    // GIVEN acme-logistics, whose file grants orders:read only, given invoices:read by hand (role and scope mapping)
    const customer = "acme-logistics";
    await grantByHand(customer, "invoices:read");
    expect(await tokenRoles(customer)).toContain("invoices:read");

    // WHEN
    const drift = await project.realm("drift");

    // THEN
    expect(drift.code, `${drift.stdout}${drift.stderr.slice(-SHOWN_OUTPUT)}`).toBe(2);
    // a row of the report names the customer and the role
    expect(drift.stdout).toMatch(new RegExp(`\\| \`${customer}\` \\|[^\\n]*invoices:read`));
    await expectConvergence();
    expect(await admin.serviceAccountRoles(realm, customer, backend)).toMatchObject({ client: ["orders:read"] });
    // (its roles reach its tokens through the API's role scopes: nothing is scope-mapped on the client)
    expect(await scopeMappings(customer)).toEqual([]);
    expect(await tokenRoles(customer)).toEqual(["orders:read"]);
  });
});

/**
 * THEN of every fault: the next plain deploy exits 0, a plan shows no changes, every customer file
 * has exactly one client, no existing customer's secret changed, and the state hands out the
 * secret each client has (what `npm run credentials` prints).
 */
async function expectConvergence(): Promise<void> {
  const deployed = await project.realm("deploy");
  expect(deployed.code, deployed.stderr.slice(-SHOWN_OUTPUT)).toBe(0);
  const plan = await project.realm("plan");
  expect(plan.code, plan.stderr.slice(-SHOWN_OUTPUT)).toBe(0);
  expect(plan.stdout).toContain("No changes.");
  const ids = await customerIds();
  const clients = await admin.clients(realm);
  const clientsOf = Object.fromEntries(ids.map((id) => [id, clients.filter((c) => c.clientId === id).length]));
  expect(clientsOf).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  expect(await secretsOf([...existingSecrets.keys()])).toEqual(existingSecrets);
  expect(await secretsInState()).toEqual(await secretsOf(ids));
}

/** Customer files `<prefix>-1` … for the pull request the interrupted deploy applies; their ids. */
async function addCustomers(prefix: string): Promise<string[]> {
  const ids = Array.from({ length: NEW_CUSTOMERS }, (_, index) => `${prefix}-${index + 1}`);
  for (const id of ids) {
    await project.writeCustomer(
      id,
      `displayName: ${id}\ncontactEmail: api@${id}.example\ndescription: Test customer.\nroles: [orders:read]\n`,
    );
  }
  return ids;
}

async function customerIds(): Promise<string[]> {
  const names = await readdir(join(project.directory, "customers"));
  return names.filter((name) => name.endsWith(".yaml")).map((name) => name.slice(0, -".yaml".length));
}

async function secretsOf(ids: readonly string[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(ids.map(async (id) => [id, await admin.clientSecret(realm, id)] as const)));
}

/** Each customer's client secret as the local state file holds it. */
async function secretsInState(): Promise<Map<string, string>> {
  const state = JSON.parse(await readFile(join(project.directory, "terraform.local.tfstate"), "utf8")) as {
    resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
  };
  const clients = state.resources.filter(
    (resource) => resource.type === "keycloak_openid_client" && resource.name.startsWith("customers_"),
  );
  return new Map(
    clients.flatMap((resource) =>
      resource.instances.map(({ attributes }) => [String(attributes.client_id), String(attributes.client_secret)]),
    ),
  );
}

interface Deploy {
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** The Node process running scripts/realm.ts, which tsx starts as its child. */
  nodePid(): Promise<number>;
  /** SIGKILL to the whole process group, as `kill -9 -<pgid>` in a terminal; nothing once it ended. */
  kill(): void;
}

/** `npm run deploy` as a terminal runs it: tsx and its Node child, in a process group of their own. */
function startDeploy(): Deploy {
  const child: ChildProcess = spawn(join(project.directory, "node_modules/.bin/tsx"), ["scripts/realm.ts", "deploy"], {
    cwd: project.directory,
    env: { ...process.env, ...container.getProviderEnvironment() },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deploy: Deploy = {
    ended: new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr }))),
    nodePid: async () => {
      const children = (await readFile(`/proc/${child.pid}/task/${child.pid}/children`, "utf8")).trim().split(" ");
      if (children.length !== 1 || !children[0]) throw new Error(`tsx has children '${children.join(" ")}'`);
      return Number(children[0]);
    },
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    },
  };
  deploys.push(deploy);
  return deploy;
}

/**
 * Returns once one of the new customers' clients exists in Keycloak: the deploy is applying. Fails
 * when they all exist already: the fault would land after the creates.
 */
async function firstClientOf(ids: readonly string[], deploy: Deploy): Promise<void> {
  const wanted = new Set(ids);
  let ended = false;
  void deploy.ended.then(() => (ended = true));
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const created = (await admin.clients(realm)).filter((client) => wanted.has(client.clientId)).length;
    if (created === ids.length)
      throw new Error(`all ${created} new clients appeared at once: the fault comes too late`);
    if (created > 0) return;
    if (ended) throw new Error(`the deploy ended before it created a client:\n${(await deploy.ended).stderr}`);
    await sleep(100);
  }
  throw new Error("no new client appeared in Keycloak within 150 s of starting the deploy");
}

/**
 * Waits until nothing runs in the stack folder any more: the engine of a killed deploy lives in its
 * own process group and ends on its next write to the closed pipe; its provider follows (the bundled
 * one notices its parent is gone, the official one dies on its next log line).
 */
async function engineEnded(): Promise<void> {
  const stack = join(project.directory, "cdktf.out/stacks/local");
  const deadline = Date.now() + 60_000;
  for (;;) {
    const running = await processesIn(stack);
    if (running.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still running in ${stack} 60 s after the kill: ${running.join(", ")}`);
    await sleep(250);
  }
}

/** `<pid> <command>` of every process whose working directory is `directory`. */
async function processesIn(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    try {
      if ((await readlink(`/proc/${pid}/cwd`)) === directory) {
        found.push(`${pid} ${(await readFile(`/proc/${pid}/comm`, "utf8")).trim()}`);
      }
    } catch {
      // Ended meanwhile.
    }
  }
  return found;
}

/** What an operator does in the admin console to give a customer a backend role: role mapping and scope mapping. */
async function grantByHand(customer: string, roleName: string): Promise<void> {
  const { client, api } = await clientAndApi(customer);
  const role = await admin.request("GET", `/${realm}/clients/${api.id}/roles/${encodeURIComponent(roleName)}`);
  const account = await admin.request<{ id: string }>("GET", `/${realm}/clients/${client.id}/service-account-user`);
  await admin.request("POST", `/${realm}/users/${account.id}/role-mappings/clients/${api.id}`, [role]);
  await admin.request("POST", `/${realm}/clients/${client.id}/scope-mappings/clients/${api.id}`, [role]);
}

/** Names of the backend roles in the customer client's scope. */
async function scopeMappings(customer: string): Promise<string[]> {
  const { client, api } = await clientAndApi(customer);
  const roles = await admin.request<{ name: string }[]>(
    "GET",
    `/${realm}/clients/${client.id}/scope-mappings/clients/${api.id}`,
  );
  return roles.map((role) => role.name).sort();
}

async function clientAndApi(customer: string) {
  const [client, api] = [await admin.client(realm, customer), await admin.client(realm, backend)];
  if (!client || !api) throw new Error(`no client '${customer}' or '${backend}' in realm '${realm}'`);
  return { client, api };
}

/** The backend roles in an access token the customer gets with its secret. */
async function tokenRoles(customer: string): Promise<string[]> {
  const issuer = container.getIssuer(realm);
  const secret = await admin.clientSecret(realm, customer);
  const response = await tokenRequest(
    `${issuer}/protocol/openid-connect/token`,
    { grant_type: "client_credentials" },
    { id: customer, secret },
  );
  if (response.status !== 200) throw new Error(`token request of '${customer}': HTTP ${response.status}`);
  const claims = await verifyAccessToken(issuer, String(response.body.access_token), backend);
  return [...(claims.resource_access?.[backend]?.roles ?? [])].sort();
}

/** A port of 127.0.0.1 nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
