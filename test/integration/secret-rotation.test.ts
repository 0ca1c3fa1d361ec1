import { setTimeout as sleep } from "node:timers/promises";
import { armor, Decrypter, generateIdentity, identityToRecipient } from "age-encryption";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { clientCredentialsStatus } from "./tokens";

// The tests deploy the local environment, as `npm start` does.
const realm = environments.local.realm.name;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;
const tokenStatus = (secret: string) => clientCredentialsStatus(tokenEndpoint, "umbrella", secret);

/** Short enough to wait out in a test. */
const GRACE_SECONDS = 20;
/** 20 days: every secret is within 30 days of its maximum age from the start. */
const MAX_AGE_SECONDS = 1_728_000;

function umbrella(fields: Record<string, string | number> = {}): string {
  const all: Record<string, string | number> = {
    displayName: "Umbrella",
    contactEmail: "api@umbrella.example",
    description: "Ships orders.",
    roles: "[orders:read]",
    secretRotationGraceSeconds: GRACE_SECONDS,
    ...fields,
  };
  return Object.entries(all)
    .map(([key, value]) => `${key}: ${value}\n`)
    .join("");
}

/** `npm run credentials -- <id>` output (key=value lines) as a record. */
function credentialsOf(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
}

describe("rotating a customer's secret: a grace period, a maximum age, an encrypted handover", () => {
  let project: RealmProject;
  let identity: string;
  let firstDeploy: { code: number; stderr: string };

  async function currentSecret(): Promise<string> {
    const result = await project.realm("credentials", "umbrella");
    expect(result.code, result.stderr).toBe(0);
    return credentialsOf(result.stdout).client_secret!;
  }

  async function rotate(secretVersion: number): Promise<void> {
    await project.writeCustomer(
      "umbrella",
      umbrella({ secretVersion, ageRecipient: await identityToRecipient(identity) }),
    );
    const deployed = await project.realm("deploy");
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stderr).toContain("reading the secrets of 1 client(s) the apply changed");
  }

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    identity = await generateIdentity();
    project = await RealmProject.create(keycloak);
    await project.setCustomerSettings({ secretMaxAgeSeconds: MAX_AGE_SECONDS });
    await project.writeCustomer("umbrella", umbrella({ ageRecipient: await identityToRecipient(identity) }));
    firstDeploy = await project.realm("deploy");
    expect(firstDeploy.code, firstDeploy.stderr).toBe(0);
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("lists a customer whose secret nears its maximum age in the plan, with the date, and warns at deploy", async () => {
    // WHEN
    const planned = await project.realm("plan");

    // THEN
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain("#### Customer secrets expiring within 30 days");
    expect(planned.stdout).toMatch(/\| `umbrella` \| \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in 19 days\) \|/);
    expect(firstDeploy.stderr).toMatch(/WARNING: customer 'umbrella': its secret expires \d{4}-\d{2}-\d{2}/);
  });

  it("drift exits 2 for a secret near its maximum age, so the nightly check turns red", async () => {
    // WHEN
    const checked = await project.realm("drift");

    // THEN
    expect(checked.code, checked.stderr).toBe(2);
    expect(checked.stdout).toMatch(/No drift in `local`; \d+ customer secrets? expiring/);
    expect(checked.stdout).toContain("| `umbrella` |");
  });

  it("keeps the previous secret working for the grace period after a rotation, then refuses it", async () => {
    // GIVEN
    const previous = await currentSecret();

    // WHEN
    await rotate(2);
    const rotatedAt = Date.now();

    // THEN both work, and credentials says until when the previous one does
    const shown = await project.realm("credentials", "umbrella");
    const current = credentialsOf(shown.stdout);
    expect(current.client_secret).not.toBe(previous);
    expect(current.previous_secret_works_until).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(await tokenStatus(current.client_secret!)).toBe(200);
    expect(await tokenStatus(previous)).toBe(200);
    // AND what Keycloak's rotation keeps on the client is no change to the next plan
    const planned = await project.realm("plan");
    expect(planned.code, planned.stdout).toBe(0);
    // AND once the grace period ended, only the new one
    await sleep(Math.max(0, rotatedAt + (GRACE_SECONDS + 2) * 1000 - Date.now()));
    expect(await tokenStatus(previous)).toBe(401);
    expect(await tokenStatus(current.client_secret!)).toBe(200);
    expect(credentialsOf((await project.realm("credentials", "umbrella")).stdout)).not.toHaveProperty(
      "previous_secret_works_until",
    );
  });

  it("ends the grace period at once with credentials --revoke-previous, printing no secret", async () => {
    // GIVEN a rotation whose previous secret still works
    const previous = await currentSecret();
    await rotate(3);
    const current = await currentSecret();
    expect(await tokenStatus(previous)).toBe(200);

    // WHEN
    const revoked = await project.realm("credentials", "umbrella", "--revoke-previous");

    // THEN
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toContain("Revoked the previous secret of 'umbrella'");
    expect(`${revoked.stdout}${revoked.stderr}`).not.toContain(current);
    expect(`${revoked.stdout}${revoked.stderr}`).not.toContain(previous);
    expect(await tokenStatus(previous)).toBe(401);
    expect(await tokenStatus(current)).toBe(200);
  });

  it("hands the secret over encrypted to the customer's age key, which decrypts it to a secret that gets a token", async () => {
    // WHEN
    const handed = await project.realm("credentials", "umbrella", "--encrypted");

    // THEN
    expect(handed.code, handed.stderr).toBe(0);
    const armored = /-----BEGIN AGE ENCRYPTED FILE-----[\s\S]+-----END AGE ENCRYPTED FILE-----\n/.exec(handed.stdout);
    expect(armored).not.toBeNull();
    expect(handed.stdout).not.toContain("client_secret=");
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const secret = await decrypter.decrypt(armor.decode(armored![0]), "text");
    expect(handed.stdout).not.toContain(secret);
    expect(await tokenStatus(secret)).toBe(200);
  });

  it("puts back the rotation policies when someone deletes them in the admin console, after drift named them", async () => {
    // GIVEN
    const policies = () => admin.request<{ policies: { name: string }[] }>("GET", `/${realm}/client-policies/policies`);
    const deployed = (await policies()).policies.map((policy) => policy.name).sort();
    expect(deployed).toEqual(["realm-as-code-secret-rotation-20s", "realm-as-code-secret-rotation-604800s"]);
    await admin.request("PUT", `/${realm}/client-policies/policies`, { policies: [] });

    // WHEN
    const checked = await project.realm("drift");
    const repaired = await project.realm("deploy");

    // THEN
    expect(checked.code, checked.stderr).toBe(2);
    expect(checked.stdout).toContain("secret-rotation_grace-20s-policy");
    expect(repaired.code, repaired.stderr).toBe(0);
    expect((await policies()).policies.map((policy) => policy.name).sort()).toEqual(deployed);
    expect((await project.realm("plan")).code).toBe(0);
  });

  it("rejects --encrypted for a customer whose file has no ageRecipient, printing no secret", async () => {
    // WHEN
    const refused = await project.realm("credentials", "acme-logistics", "--encrypted");

    // THEN
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("customers/acme-logistics.yaml has no ageRecipient");
    expect(refused.stdout).toBe("");
  });
});
