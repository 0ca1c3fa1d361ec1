import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { shardCount, stackNames, stackOfCustomer } from "../../lib/model/shards";
import { customerStacks } from "../../lib/model/shards";
import { CUSTOMER_RESOURCE_TYPES, planMoves, type EngineState } from "../../lib/operations/customer-moves";
import { StackWorkspace } from "../../lib/operations/stack-workspace";
import { AdminApi, type ClientRepresentation } from "./admin-api";
import { PostgresServer } from "./postgres";
import { RealmProject } from "./realm-project";
import { tokenRequest, tokenRolesOf } from "./tokens";

const run = promisify(execFile);
const settings = environments.local;
const realm = settings.realm.name;
const backend = settings.backend.clientId;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;
const engine = process.env.TERRAFORM_BINARY_NAME ?? "tofu";

/**
 * The repository's two customers and four more, chosen so that with 3 shards each shard holds two, and
 * going to 2 shards keeps some where they are and moves the others (shardOf is a hash of the id).
 */
const NEW_CUSTOMERS: Record<string, string[]> = {
  "initech-payroll": ["orders:read"],
  "umbrella-labs": ["invoices:read"],
  "stark-freight": ["orders:read", "orders:write"],
  "hooli-search": ["invoices:read", "orders:read"],
};
const CUSTOMERS = ["acme-logistics", "globex-billing", ...Object.keys(NEW_CUSTOMERS)].sort();

/**
 * The realm's clients as comparable before and after a move: in client id order, each one's scope
 * lists sorted (Keycloak lists a client's scopes in no fixed order: a client reloaded from its
 * database between two reads can list the same scopes in another).
 */
async function realmClients(): Promise<ClientRepresentation[]> {
  const clients = await admin.clients(realm);
  const sorted = (scopes: unknown) => (Array.isArray(scopes) ? [...(scopes as string[])].sort() : scopes);
  return clients
    .map((client) => ({
      ...client,
      defaultClientScopes: sorted(client.defaultClientScopes),
      optionalClientScopes: sorted(client.optionalClientScopes),
    }))
    .sort((a, b) => a.clientId.localeCompare(b.clientId));
}

/** What Keycloak holds of the realm's clients: every client as realmClients gives it, and each customer's secret. */
async function keycloakClients(): Promise<{ clients: ClientRepresentation[]; secrets: Record<string, string> }> {
  const clients = await realmClients();
  const secrets: Record<string, string> = {};
  for (const id of CUSTOMERS) secrets[id] = await admin.clientSecret(realm, id);
  return { clients, secrets };
}

async function displayName(): Promise<string> {
  return (await admin.request<{ displayName: string }>("GET", `/${realm}`)).displayName;
}

/** The backend roles in the access token each customer gets with the given secret. */
async function tokenRoles(secrets: Record<string, string>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const id of CUSTOMERS)
    out[id] = await tokenRolesOf(keycloak.baseUrl, realm, backend, { id, secret: secrets[id]! });
  return out;
}

describe("changing the number of customer shards of a deployed environment", () => {
  let project: RealmProject;
  let environmentsFile: string;
  let before: Awaited<ReturnType<typeof keycloakClients>>;
  let rolesBefore: Record<string, string[]>;

  /** Settings `customers.shards` of the local environment, as an operator edits lib/environments.ts. */
  async function setShards(shards: number): Promise<void> {
    await writeFile(join(project.directory, "lib/environments.ts"), environmentsFile);
    if (shards !== 1) await project.setCustomerSettings({ shards });
  }

  /** Each customer's resource addresses by the stack whose state holds them, from the local state files. */
  async function customersByStack(): Promise<Record<string, Record<string, string[]>>> {
    const out: Record<string, Record<string, string[]>> = {};
    for (const stack of ["local", ...customerStacks("local", 3)]) {
      const file = join(project.directory, `terraform.${stack}.tfstate`);
      const state = JSON.parse(await readFile(file, "utf8").catch(() => '{"resources":[]}')) as EngineState;
      for (const entry of state.resources) {
        const id = /^customers_([a-z0-9-]+)_/.exec(entry.name)?.[1];
        if (entry.mode !== "managed" || !id) continue;
        ((out[id] ??= {})[stack] ??= []).push(entry.type);
      }
    }
    return out;
  }

  /** The engine's plan without refresh of each stack of the layout: its exit code (0: no change at all) and output. */
  async function plans(shards: number): Promise<Record<string, { code: number; output: string }>> {
    const env = { ...process.env, ...keycloak.providerEnvironment };
    const out: Record<string, { code: number; output: string }> = {};
    for (const stack of stackNames("local", { customers: { shards } })) {
      const cwd = join(project.directory, "cdktf.out/stacks", stack);
      await run(engine, ["init", "-input=false", "-no-color"], { cwd, env });
      const args = ["plan", "-refresh=false", "-detailed-exitcode", "-input=false", "-no-color"];
      out[stack] = await run(engine, args, { cwd, env }).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          output: `${error.stdout}${error.stderr}`,
        }),
      );
    }
    return out;
  }

  /** Every customer's four resources in the one state the settings' shard count puts it in. */
  function laidOutFor(shards: number): Record<string, Record<string, string[]>> {
    const wanted = { customers: { shards } };
    return Object.fromEntries(
      CUSTOMERS.map((id) => [id, { [stackOfCustomer("local", wanted, id)]: [...CUSTOMER_RESOURCE_TYPES] }]),
    );
  }

  async function expectKeycloakUnchanged(): Promise<void> {
    expect(await keycloakClients()).toEqual(before);
    expect(await tokenRoles(before.secrets)).toEqual(rolesBefore);
  }

  async function expectSettledAt(shards: number): Promise<void> {
    const sorted = (found: Record<string, Record<string, string[]>>) =>
      Object.fromEntries(
        Object.entries(found).map(([id, byStack]) => [
          id,
          Object.fromEntries(Object.entries(byStack).map(([stack, types]) => [stack, [...types].sort()])),
        ]),
      );
    expect(sorted(await customersByStack())).toEqual(sorted(laidOutFor(shards)));
    for (const [stack, plan] of Object.entries(await plans(shards)))
      expect(plan.code, `${stack}: ${plan.output}`).toBe(0);
    // The operator's plan of every stack, which refuses states laid out for another count, finds nothing to do.
    const plan = await project.realm("plan", "--no-refresh");
    expect(plan.code, `${plan.stdout}${plan.stderr}`).toBe(0);
  }

  beforeAll(async () => {
    // GIVEN six customers deployed with one state for the environment (shards 1, the default)
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    environmentsFile = await readFile(join(project.directory, "lib/environments.ts"), "utf8");
    for (const [id, roles] of Object.entries(NEW_CUSTOMERS)) {
      await project.writeCustomer(
        id,
        [
          `displayName: ${id}`,
          `contactEmail: api@${id}.example`,
          "description: A customer of the reshard test.",
          "enabled: true",
          "roles:",
          ...roles.map((role) => `  - ${role}`),
          "",
        ].join("\n"),
      );
    }
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stderr}`);
    before = await keycloakClients();
    rolesBefore = await tokenRoles(before.secrets);
    expect(Object.keys(before.secrets)).toHaveLength(6);
    expect(shardCount(settings)).toBe(1);
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("moves every customer from the environment's state into 3 shard states, changing nothing in Keycloak, ready to deploy", async () => {
    // GIVEN settings asking for 3 shards
    await setShards(3);

    // WHEN
    const moved = await project.realm("reshard");

    // THEN each customer's resources are in its shard's state alone, every stack plans no change, Keycloak is as it was
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toContain(
      "Moved 6 customer(s) from local to local-customers-1, local-customers-2, local-customers-3; nothing in the 'atlas' realm changed.",
    );
    expect(moved.stderr).toContain("The 'local' stack records the layout for 3 shard(s).");
    await expectSettledAt(3);
    await expectKeycloakUnchanged();
    const deploy = await project.realm("deploy");
    expect(deploy.code, deploy.stderr).toBe(0);
    await expectKeycloakUnchanged();
  });

  it("moves nothing when the states are laid out as settings say", async () => {
    // WHEN
    const again = await project.realm("reshard");

    // THEN
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("laid out for 3 shard(s) already, as settings say: nothing to move");
    await expectSettledAt(3);
  });

  it("moves from 3 shards to 2 only the customers whose shard changes, emptying the third", async () => {
    // GIVEN settings asking for 2 shards, and a realm setting changed in the same pull request
    await setShards(2);
    const file = join(project.directory, "lib/environments.ts");
    await writeFile(file, (await readFile(file, "utf8")).replace('displayName: "Atlas"', 'displayName: "Atlas 2"'));

    // WHEN
    const moved = await project.realm("reshard");

    // THEN the customers move, the realm's change waits for the deploy, which the recorded layout lets through
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toMatch(
      /Moved 4 customer\(s\) from local-customers-1, local-customers-2, local-customers-3 to local-customers-1, local-customers-2;/,
    );
    expect(moved.stderr).toMatch(
      /The 'local' stack has 1 change\(s\) waiting \(e\.g\. keycloak_realm\.[^)]+\), not applied here/,
    );
    expect(await displayName()).toBe("Atlas");
    await expectKeycloakUnchanged();
    const deploy = await project.realm("deploy");
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(await displayName()).toBe("Atlas 2");
    await expectKeycloakUnchanged();

    await setShards(2);
    expect((await project.realm("deploy")).code).toBe(0);
    await expectSettledAt(2);
  });

  it("moves every customer back into the environment's state with 1 shard", async () => {
    // GIVEN
    await setShards(1);

    // WHEN
    const moved = await project.realm("reshard");

    // THEN the realm stack no longer records a layout: it holds the customers again
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toMatch(
      /Moved 6 customer\(s\) from local-customers-1, local-customers-2 to local; nothing in the .atlas. realm changed/,
    );
    await expectSettledAt(1);
    await expectKeycloakUnchanged();
    const deploy = await project.realm("deploy");
    expect(deploy.code, deploy.stderr).toBe(0);
    await expectKeycloakUnchanged();
  });

  it("finishes a move interrupted after the targets were written, when run again", async () => {
    // GIVEN settings asking for 3 shards, and a move cut off after it wrote the shards' states, not the environment's
    await setShards(3);
    const scratch = await mkdtemp(join(tmpdir(), "reshard-interrupted-"));
    const env = { ...process.env, ...keycloak.providerEnvironment };
    const workspaces = await StackWorkspace.forStates(
      project.directory,
      "local",
      ["local", ...customerStacks("local", 3)],
      scratch,
      () => {},
      env,
    );
    const states = new Map<string, EngineState | undefined>();
    for (const workspace of workspaces) {
      const pulled = await workspace.pullState();
      states.set(workspace.stack, pulled === undefined ? undefined : (JSON.parse(pulled) as EngineState));
    }
    const { writes } = planMoves({
      environment: "local",
      sources: ["local"],
      targets: customerStacks("local", 3),
      states,
      targetOf: (id) => stackOfCustomer("local", { customers: { shards: 3 } }, id),
      emptyState: () => {
        throw new Error("every shard's state was written before");
      },
    });
    for (const write of writes.filter((w) => w.stack !== "local")) {
      await workspaces.find((workspace) => workspace.stack === write.stack)!.pushState(JSON.stringify(write.state));
    }
    await rm(scratch, { recursive: true, force: true });
    const halfway = await customersByStack();
    for (const id of CUSTOMERS) expect(Object.keys(halfway[id]!).sort(), id).toHaveLength(2);

    // WHEN
    const finished = await project.realm("reshard");

    // THEN it adds none of them again and removes them from the environment's state
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).toMatch(/Moved 6 customer\(s\) from local to /);
    expect(finished.stderr).not.toMatch(/local-customers-\d: state push/);
    await expectSettledAt(3);
    await expectKeycloakUnchanged();
  });
});

describe("changing the number of customer shards of an environment whose states are in PostgreSQL, encrypted", () => {
  const PASSPHRASE = "reshard-test-passphrase-for-pg";
  const IDS = ["acme-logistics", "globex-billing"];
  let postgres: PostgresServer;
  let project: RealmProject;

  beforeAll(async () => {
    // GIVEN the repository's two customers deployed into one encrypted state in PostgreSQL
    await admin.deleteRealmIfExists(realm);
    postgres = await PostgresServer.start();
    project = await RealmProject.create(keycloak, {
      env: { REALM_STATE_BACKEND: "pg", PG_CONN_STR: postgres.connectionString, REALM_STATE_PASSPHRASE: PASSPHRASE },
    });
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
    await postgres?.stop();
  });

  it("moves the customers into encrypted shard states, writing no state to disk, changing nothing in Keycloak", async () => {
    // GIVEN settings asking for 3 shards (the two customers hash to two of them)
    const shards = { customers: { shards: 3 } };
    await project.setCustomerSettings(shards.customers);
    const clients = await realmClients();
    const secrets = await Promise.all(IDS.map((id) => admin.clientSecret(realm, id)));

    // WHEN
    const moved = await project.realm("reshard");

    // THEN each customer is in its shard's state, encrypted; no file of the checkout holds a secret
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toContain("Moved 2 customer(s) from local to local-customers-2, local-customers-3;");
    for (const [i, id] of IDS.entries()) {
      const schema = `keycloak_realm_${stackOfCustomer("local", shards, id)}`;
      const stored = await postgres.query(`SELECT data FROM "${schema}".states`);
      expect(Object.keys(JSON.parse(stored))).toContain("encrypted_data");
      expect(stored).not.toContain(secrets[i]!);
    }
    const { stdout: holding } = await run("grep", ["-rlF", "-e", secrets[0]!, "-e", secrets[1]!, "."], {
      cwd: project.directory,
    }).catch((error: { code: number; stdout: string }) => {
      if (error.code !== 1) throw error;
      return { stdout: "" };
    });
    expect(holding).toBe("");
    const plan = await project.realm("plan", "--no-refresh");
    expect(plan.code, `${plan.stdout}${plan.stderr}`).toBe(0);
    expect(await realmClients()).toEqual(clients);
    for (const [i, id] of IDS.entries()) {
      const response = await tokenRequest(
        tokenEndpoint,
        { grant_type: "client_credentials" },
        { id, secret: secrets[i]! },
      );
      expect(response.status).toBe(200);
    }
  });
});
