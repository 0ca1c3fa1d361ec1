import { afterAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";

// The tests deploy the local environment, as `npm start` does.
const settings = environments.local;

const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);

describe("cdktn deploy with a broken customer file", () => {
  let project: RealmProject;

  afterAll(async () => {
    await project?.dispose();
  });

  it("rejects the deploy naming file, field and rule, before any call to Keycloak", async () => {
    // GIVEN an empty Keycloak and a pull request with a typo
    await admin.deleteRealmIfExists(settings.realm.name);
    project = await RealmProject.create(keycloak);
    await project.writeCustomer(
      "initech",
      "displayName: Initech\ncontactEmail: not-an-address\nroles: [orders:read]\n",
    );

    // WHEN
    const failure = await project.deploy().then(
      () => undefined,
      (error: Error) => error,
    );

    // THEN
    expect(failure?.message).toContain("customers/initech.yaml: contactEmail: must be an e-mail address");
    expect(failure?.message).toContain("customers/initech.yaml: description: is required");
    const realms = await admin.request<{ realm: string }[]>("GET", "");
    expect(realms.map((r) => r.realm)).not.toContain(settings.realm.name);
  });
});
