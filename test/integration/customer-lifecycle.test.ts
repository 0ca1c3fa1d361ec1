import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { clientCredentialsStatus } from "./tokens";

// The tests deploy the local environment, as `npm start` does.
const settings = environments.local;

const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = settings.realm.name;
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;

function customerFile(fields: { enabled?: boolean } = {}): string {
  return [
    "displayName: Initech",
    "contactEmail: api@initech.example",
    "description: TPS report exporter.",
    ...(fields.enabled === undefined ? [] : [`enabled: ${fields.enabled}`]),
    "roles: [orders:read]",
    "",
  ].join("\n");
}

async function clientIds(): Promise<string[]> {
  return (await admin.clients(realm)).map((client) => client.clientId).sort();
}

const tokenStatus = (clientId: string, secret: string) => clientCredentialsStatus(tokenEndpoint, clientId, secret);

// One story, step by step: each test builds on the realm the previous one left.
describe("a customer's life in the repository", () => {
  let project: RealmProject;
  let secret: string;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    await project.deploy();
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("plans no changes when nothing changed", async () => {
    expect(await project.diff()).toMatch(/No changes\. Your infrastructure matches the configuration\./);
  });

  it("creates exactly the new client when a customer file is added", async () => {
    // GIVEN
    const before = await clientIds();
    await project.writeCustomer("initech", customerFile());

    // WHEN
    await project.deploy();

    // THEN
    expect(await clientIds()).toEqual([...before, "initech"].sort());
    secret = await admin.clientSecret(realm, "initech");
    expect(await tokenStatus("initech", secret)).toBe(200);
  });

  it("refuses the customer's token requests once its file says enabled: false", async () => {
    // GIVEN
    await project.writeCustomer("initech", customerFile({ enabled: false }));

    // WHEN
    await project.deploy();

    // THEN the same credentials no longer work, and the client is kept
    expect(await tokenStatus("initech", secret)).toBeGreaterThanOrEqual(400);
    expect((await admin.client(realm, "initech"))?.enabled).toBe(false);
  });

  it("keeps text that looks like a template expression as text: nothing in a customer file is evaluated", async () => {
    // GIVEN a description and name that would read a file and run a directive if the engine evaluated them
    const description = '${file("/etc/hostname")} %{ if true }x%{ endif }';
    const displayName = '$${escaped} "quoted" \\ %%{ not a directive }';
    await project.writeCustomer(
      "initech",
      customerFile({ enabled: false })
        // Replacement functions: in a replacement string, `$$` would already mean `$`.
        .replace("displayName: Initech", () => `displayName: ${JSON.stringify(displayName)}`)
        .replace("description: TPS report exporter.", () => `description: '${description}'`),
    );

    // WHEN
    await project.deploy();

    // THEN Keycloak holds the literal text
    const client = await admin.client(realm, "initech");
    expect(client?.description).toBe(description);
    expect(client?.name).toBe(displayName);
    // AND the next plan sees no difference between the text in the file and the text in Keycloak
    expect(await project.diff()).toMatch(/No changes\./);
  });

  it("deletes the client when the file is removed, and nothing else", async () => {
    // GIVEN
    const before = await clientIds();
    await project.removeCustomer("initech");

    // WHEN
    await project.deploy();

    // THEN
    expect(await clientIds()).toEqual(before.filter((id) => id !== "initech"));
  });

  it("plans no changes after all that", async () => {
    expect(await project.diff()).toMatch(/No changes\./);
  });
});
