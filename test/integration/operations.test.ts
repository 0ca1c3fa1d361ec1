import { spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { clientCredentialsStatus } from "./tokens";

// The operator commands run against the local environment's stack, deployed into the test Keycloak.
const settings = environments.local;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = settings.realm.name;
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;

function customerFile(fields: Record<string, string> = {}): string {
  const all = {
    displayName: "Initech",
    contactEmail: "api@initech.example",
    description: "TPS report exporter.",
    roles: "[orders:read]",
    ...fields,
  };
  return Object.entries(all)
    .map(([key, value]) => `${key}: ${value}\n`)
    .join("");
}

async function modeOf(directory: string, path: string): Promise<number> {
  return (await stat(join(directory, path))).mode & 0o777;
}

/** Every saved plan (`*.tfplan`) in a folder and below. */
async function plansUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true });
  return entries.filter((path) => path.endsWith(".tfplan"));
}

const tokenStatus = (clientId: string, secret: string) => clientCredentialsStatus(tokenEndpoint, clientId, secret);

/** `npm run credentials -- <id>` output as a record. */
function parseCredentials(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
}

describe("plan --customer before the first deploy", () => {
  it("plans the named customer as added, though no state exists yet", async () => {
    // GIVEN a checkout whose local environment was never deployed
    const fresh = await RealmProject.create(keycloak);
    try {
      // WHEN
      const result = await fresh.realm("plan", "--no-refresh", "--customer", "acme-logistics");

      // THEN
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toContain("| `acme-logistics` | added |");
      expect(result.stdout).toContain("**Customers:** 1 added.");
    } finally {
      await fresh.dispose();
    }
  });
});

// One story, step by step: each test builds on the realm the previous one left.
describe("the operator commands", () => {
  let project: RealmProject;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    const first = await project.realm("deploy");
    if (first.code !== 0) throw new Error(`first deploy failed:\n${first.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("plan exits 0 and says so when nothing changes", async () => {
    const result = await project.realm("plan");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("### Keycloak plan for `local`\n\nNo changes.");
  });

  it("deploys a realm that refuses a short password and caps temporary lockouts", async () => {
    // GIVEN a user of the deployed realm
    await admin.request("POST", `/${realm}/users`, { username: "pat", email: "pat@example.com", enabled: true });
    const [user] = await admin.request<{ id: string }[]>("GET", `/${realm}/users?exact=true&username=pat`);
    const setPassword = (value: string) =>
      admin.request("PUT", `/${realm}/users/${user!.id}/reset-password`, { type: "password", value, temporary: false });

    // THEN Keycloak applies the password policy
    await expect(setPassword("short-pw1")).rejects.toThrow(/HTTP 400 .*"Invalid password: minimum length 12\."/);
    await expect(setPassword("pat@example.com")).rejects.toThrow(/HTTP 400 .*email/i);
    await expect(setPassword("a-long-enough-passphrase")).resolves.toBeUndefined();
    // and disables a user after 10 temporary lockouts (Keycloak needs permanent lockout on for that)
    const deployed = await admin.request<Record<string, unknown>>("GET", `/${realm}`);
    expect(deployed).toMatchObject({
      passwordPolicy: settings.realm.passwordPolicy,
      bruteForceProtected: true,
      permanentLockout: true,
      maxTemporaryLockouts: settings.realm.maxTemporaryLockouts,
      failureFactor: 5,
    });
    await admin.request("DELETE", `/${realm}/users/${user!.id}`);
  });

  it("writes the state and its backup 0600, in a checkout whose stack folder is 0700", async () => {
    // GIVEN the first deploy and the one before (the backup is the state before the last write)
    await project.writeCustomer("hooli", customerFile({ displayName: "Hooli" }));
    expect((await project.realm("deploy")).code).toBe(0);
    await project.removeCustomer("hooli");
    expect((await project.realm("deploy", "--allow-delete", "hooli")).code).toBe(0);

    // THEN
    expect(await modeOf(project.directory, "terraform.local.tfstate")).toBe(0o600);
    expect(await modeOf(project.directory, "terraform.local.tfstate.backup")).toBe(0o600);
    expect(await modeOf(project.directory, "cdktf.out")).toBe(0o700);
    expect(await modeOf(project.directory, "cdktf.out/stacks/local")).toBe(0o700);
    expect(await plansUnder(project.directory)).toEqual([]);
  });

  it("tightens a state file left readable by others to 0600, saying so", async () => {
    // GIVEN a state written before the commands set their umask
    await chmod(join(project.directory, "terraform.local.tfstate"), 0o644);

    // WHEN
    const result = await project.realm("plan", "--no-refresh");

    // THEN
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("note: terraform.local.tfstate was 0644, now 0600: it holds every client secret");
    expect(await modeOf(project.directory, "terraform.local.tfstate")).toBe(0o600);
  });

  it("plan summarizes customers added, changed and suspended, and exits 2", async () => {
    // GIVEN a pull request that adds one customer, grants another a role and suspends a third
    await project.writeCustomer("initech", customerFile());
    await project.writeCustomer(
      "acme-logistics",
      customerFile({ displayName: "ACME", roles: "[orders:read, invoices:read]" }),
    );
    await project.writeCustomer(
      "globex-billing",
      customerFile({ displayName: "Globex", enabled: "false", roles: "[invoices:read, orders:write]" }),
    );

    // WHEN
    const result = await project.realm("plan", "--no-refresh");

    // THEN
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("**Customers:** 1 added, 1 changed, 1 suspended.");
    expect(result.stdout).toContain("| `initech` | added | roles +orders:read |");
    expect(result.stdout).toMatch(
      /\| `acme-logistics` \| changed \| roles \+invoices:read; description; displayName \|/,
    );
    expect(result.stdout).toMatch(
      /\| `globex-billing` \| suspended \(token requests refused\) \| description; displayName \|/,
    );
    expect(result.stdout).toContain("<details><summary>Full plan</summary>");
  });

  it("deploy applies what plan showed, and plan is clean again", async () => {
    expect((await project.realm("deploy")).code).toBe(0);
    expect((await admin.client(realm, "initech"))?.enabled).toBe(true);
    expect((await admin.client(realm, "globex-billing"))?.enabled).toBe(false);
    expect((await project.realm("plan")).code).toBe(0);
  });

  it("plan --customer covers just the named customers, added or removed, and nothing else that changed", async () => {
    // GIVEN a pull request that adds one customer and removes another, while a third file also changed
    const acme = customerFile({ displayName: "ACME", roles: "[orders:read, invoices:read]" });
    const globex = customerFile({ displayName: "Globex", enabled: "false", roles: "[invoices:read, orders:write]" });
    await project.writeCustomer("hooli", customerFile({ displayName: "Hooli" }));
    await project.removeCustomer("globex-billing");
    await project.writeCustomer("acme-logistics", customerFile({ displayName: "ACME, renamed" }));

    // WHEN
    const result = await project.realm("plan", "--no-refresh", "--customer", "hooli", "--customer", "globex-billing");

    // THEN
    await project.writeCustomer("globex-billing", globex);
    await project.writeCustomer("acme-logistics", acme);
    await project.removeCustomer("hooli");
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain("### Keycloak plan for `local` (state not refreshed; only hooli, globex-billing)");
    expect(result.stdout).toContain("**Customers:** 1 added, 1 removed. **Other realm changes:** none.");
    expect(result.stdout).toContain("| `hooli` | added |");
    expect(result.stdout).toContain("| `globex-billing` | **removed**: client and credentials deleted |");
    expect(result.stdout).not.toContain("acme-logistics");
  });

  it("warns about a --customer that has no file and nothing deployed, and plans nothing for it", async () => {
    const result = await project.realm("plan", "--no-refresh", "--customer", "hoolli");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No changes.");
    expect(result.stderr).toContain(
      "WARNING: --customer 'hoolli': no customers/hoolli.yaml and nothing of it in the 'local' state",
    );
  });

  it("deploy --customer deploys just the named customers, leaving other changes to the full deploy", async () => {
    // GIVEN a merged pull request that adds hooli, while acme-logistics's file also changed and globex-billing
    // was disabled-then-enabled by hand in the admin console
    const acme = customerFile({ displayName: "ACME", roles: "[orders:read, invoices:read]" });
    await project.writeCustomer("hooli", customerFile({ displayName: "Hooli" }));
    await project.writeCustomer("acme-logistics", customerFile({ displayName: "ACME, renamed" }));
    const globex = (await admin.client(realm, "globex-billing"))!;
    await admin.request("PUT", `/${realm}/clients/${globex.id}`, { ...globex, description: "edited by hand" });

    // WHEN
    const result = await project.realm("deploy", "--customer", "hooli");

    // THEN hooli gets tokens with its role, and nothing else was touched
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Deploying `local` (only hooli)");
    expect(result.stderr).toContain("Deployed 'local' (only hooli).");
    const credentials = parseCredentials((await project.realm("credentials", "hooli")).stdout);
    expect(await tokenStatus("hooli", credentials.client_secret!)).toBe(200);
    expect((await admin.client(realm, "acme-logistics"))?.name).toBe("ACME");
    expect((await admin.client(realm, "globex-billing"))?.description).toBe("edited by hand");
    // AND the full plan still sees the rest
    const plan = await project.realm("plan");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("| `acme-logistics` | changed |");
    expect(plan.stdout).toContain("| `globex-billing` | changed |");
    expect(plan.stdout).not.toContain("hooli");
    await project.writeCustomer("acme-logistics", acme);
    expect((await project.realm("deploy")).code).toBe(0);
  });

  it("rejects deploy --customer that removes a customer not named with --allow-delete, changing nothing", async () => {
    // GIVEN hooli's file removed
    await project.removeCustomer("hooli");

    // WHEN
    const result = await project.realm("deploy", "--customer", "hooli");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--allow-delete hooli");
    expect(await admin.client(realm, "hooli")).toBeDefined();
    expect((await project.realm("deploy", "--customer", "hooli", "--allow-delete", "hooli")).code).toBe(0);
    expect(await admin.client(realm, "hooli")).toBeUndefined();
  });

  it("rejects --customer for drift, which always covers every customer", async () => {
    const result = await project.realm("drift", "--customer", "acme-logistics");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--customer is for plan and deploy only; drift always covers every customer.");
  });

  it("gives a client made by hand in the admin console only the basic and roles scopes", async () => {
    // WHEN
    await admin.request("POST", `/${realm}/clients`, { clientId: "made-by-hand", publicClient: false });

    // THEN
    const made = await admin.client(realm, "made-by-hand");
    const names = async (kind: string) =>
      (await admin.request<{ name: string }[]>("GET", `/${realm}/clients/${made!.id}/${kind}-client-scopes`))
        .map((scope) => scope.name)
        .sort();
    expect(await names("default")).toEqual(["basic", "roles"]);
    expect(await names("optional")).toEqual([]);
    await admin.request("DELETE", `/${realm}/clients/${made!.id}`);
  });

  it("credentials prints the client id, token endpoint and a secret that works, to stdout only", async () => {
    // WHEN
    const result = await project.realm("credentials", "initech");

    // THEN
    expect(result.code).toBe(0);
    const credentials = parseCredentials(result.stdout);
    expect(credentials.client_id).toBe("initech");
    expect(credentials.token_endpoint).toBe(tokenEndpoint);
    expect(await tokenStatus("initech", credentials.client_secret!)).toBe(200);
    expect(result.stderr).not.toContain(credentials.client_secret);
  });

  it("rotates the secret when secretVersion is bumped with no grace period: the new one works, the old one is refused", async () => {
    // GIVEN
    const old = parseCredentials((await project.realm("credentials", "initech")).stdout).client_secret!;
    await project.writeCustomer("initech", customerFile({ secretVersion: "2", secretRotationGraceSeconds: "0" }));

    // WHEN
    const deployed = await project.realm("deploy");

    // THEN
    expect(deployed.code).toBe(0);
    const rotated = parseCredentials((await project.realm("credentials", "initech")).stdout).client_secret!;
    expect(rotated).not.toBe(old);
    expect(await tokenStatus("initech", rotated)).toBe(200);
    expect(await tokenStatus("initech", old)).toBe(401);
    // No secret in the deploy's output: the plan shows them as (sensitive value).
    expect(`${deployed.stdout}${deployed.stderr}`).not.toContain(old);
    expect(`${deployed.stdout}${deployed.stderr}`).not.toContain(rotated);
  });

  it("drift exits 2 naming the customer when someone edits its client in the admin console", async () => {
    // GIVEN
    await admin.updateClient(realm, "initech", { directAccessGrantsEnabled: true });

    // WHEN
    const result = await project.realm("drift");

    // THEN
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("Drift: the live `local` realm differs from the last deploy");
    expect(result.stdout).toMatch(/\| `initech` \| changed \| direct_access_grants_enabled \|/);
  });

  it("deploy puts the drifted client back, after which drift exits 0", async () => {
    expect((await project.realm("deploy")).code).toBe(0);
    expect((await admin.client(realm, "initech"))?.directAccessGrantsEnabled).toBe(false);
    expect((await project.realm("drift")).code).toBe(0);
  });

  it("rejects a deploy that deletes a customer not named with --allow-delete, changing nothing", async () => {
    // GIVEN
    await project.removeCustomer("initech");

    // WHEN
    const result = await project.realm("deploy");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "customer 'initech': its client and credentials are deleted; allow with --allow-delete initech",
    );
    expect(result.stderr).toContain("Nothing was changed.");
    expect(await admin.client(realm, "initech")).toBeDefined();
  });

  it("deletes the customer once it is named with --allow-delete", async () => {
    const result = await project.realm("deploy", "--allow-delete", "initech");
    expect(result.code).toBe(0);
    expect(await admin.client(realm, "initech")).toBeUndefined();
  });

  it("rejects re-creating a customer someone deleted in the admin console, until it is named", async () => {
    // GIVEN
    const deleted = await admin.client(realm, "acme-logistics");
    await admin.request("DELETE", `/${realm}/clients/${deleted!.id}`);

    // WHEN
    const refused = await project.realm("deploy");

    // THEN
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("lacks what the 'local' state says was deployed there");
    expect(refused.stderr).toContain("customer 'acme-logistics' is missing; allow with --allow-delete acme-logistics");
    expect(await admin.client(realm, "acme-logistics")).toBeUndefined();

    // WHEN allowed
    const allowed = await project.realm("deploy", "--allow-delete", "acme-logistics");

    // THEN
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await admin.client(realm, "acme-logistics")).toBeDefined();
  });
});

// Saved plans hold secrets. A deploy killed with a signal removes its own; one killed with SIGKILL
// cannot, and the next command removes what it left.
describe("a killed deploy", () => {
  let project: RealmProject;
  /** The commands' TMPDIR: their scratch folders land here, apart from the machine's. */
  let temporary: string;
  const CUSTOMERS = Array.from({ length: 20 }, (_, index) => `killed-${index + 1}`);

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    temporary = await mkdtemp(join(tmpdir(), "killed-deploy-"));
    const first = await project.realm("deploy");
    if (first.code !== 0) throw new Error(`first deploy failed:\n${first.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
    await rm(temporary, { recursive: true, force: true });
  });

  /**
   * Starts `deploy` as one node process (no tsx wrapper, so the signal reaches it and nothing else),
   * one Keycloak request at a time so the apply lasts seconds, and sends `signal` once it applies.
   */
  async function deployKilledDuringApply(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/realm.ts", "deploy"], {
      cwd: project.directory,
      env: { ...process.env, ...keycloak.providerEnvironment, TMPDIR: temporary, REALM_PARALLELISM: "1" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("==> local: apply") && child.signalCode === null && !child.killed) child.kill(signal);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (exit) => resolve(exit)));
    return { code, stderr };
  }

  it("by SIGTERM during apply: stops the engine, leaves no plan, exits 143, and the next deploy completes", async () => {
    // GIVEN a pull request adding twenty customers
    for (const id of CUSTOMERS) await project.writeCustomer(id, customerFile({ displayName: id }));

    // WHEN
    const killed = await deployKilledDuringApply("SIGTERM");

    // THEN
    expect(killed.code, killed.stderr).toBe(143);
    expect(killed.stderr).toContain("Interrupted (SIGTERM): stopping the engine and removing saved plans.");
    expect(await scratchFolders(temporary)).toEqual([]);
    expect(await plansUnder(project.directory)).toEqual([]);
    // OpenTofu stopped gracefully: the state holds what it created, so deploying again finishes the job.
    const again = await project.realm("deploy");
    expect(again.code, again.stderr).toBe(0);
    for (const id of CUSTOMERS) expect(await admin.client(realm, id)).toBeDefined();
  });

  it("by SIGKILL during apply: the plan it leaves is removed by the next command", async () => {
    // GIVEN the twenty customers' removal, deployed and killed with a signal that cannot be trapped
    for (const id of CUSTOMERS) await project.removeCustomer(id);
    const allowed = CUSTOMERS.flatMap((id) => ["--allow-delete", id]);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/realm.ts", "deploy", ...allowed], {
      cwd: project.directory,
      env: { ...process.env, ...keycloak.providerEnvironment, TMPDIR: temporary, REALM_PARALLELISM: "1" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("==> local: apply") && !child.killed) child.kill("SIGKILL");
    });
    const code = await new Promise((resolve) => child.on("close", (exit, signal) => resolve(exit ?? signal)));
    expect(code, stderr).toBe("SIGKILL");
    expect(await plansUnder(temporary), stderr).toHaveLength(1);

    // WHEN the next command starts (with the machine's TMPDIR it would look there)
    const next = await project.withEnvironment({ TMPDIR: temporary }).realm("plan", "--no-refresh");

    // THEN
    expect(next.stderr).toContain("left by an interrupted run: saved plans hold secrets");
    expect(await plansUnder(temporary)).toEqual([]);
    expect(await scratchFolders(temporary)).toEqual([]);
    // The engine did not outlive its parent for long (its output pipe closed) and left the state usable
    const again = await project.realm("deploy", ...allowed);
    expect(again.code, again.stderr).toBe(0);
    for (const id of CUSTOMERS) expect(await admin.client(realm, id)).toBeUndefined();
  });
});

/** The commands' scratch folders in a TMPDIR (tsx keeps its cache there too). */
async function scratchFolders(directory: string): Promise<string[]> {
  return (await readdir(directory)).filter((name) => name.startsWith("keycloak-realm-"));
}
