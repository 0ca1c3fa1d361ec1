import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import type { KeycloakUnderTest } from "./global-setup";
import { TEST_RUN_LABEL } from "./global-setup";
import { KeycloakContainer, type StartedKeycloakContainer } from "./keycloak-container";
import { PostgresServer } from "./postgres";
import { requireEnvironment } from "./prerequisites";
import { RealmProject } from "./realm-project";

const realm = environments.staging.realm.name;

/** A customer onboarded in staging first, as its file's `environments` says. */
const STAGING_ONLY = `displayName: Initech
contactEmail: api@initech.example
description: Trying the API in staging first.
roles: [orders:read]
environments: [staging]
`;

// Staging and production are two Keycloaks here, as in real life: the run's shared one is
// staging, this file starts a second one for production. Their states are encrypted, in a throwaway
// PostgreSQL (one schema per environment): staging and production refuse a local state file.
describe("two environments deployed side by side", () => {
  const staging = inject("keycloak");
  let productionContainer: StartedKeycloakContainer;
  let production: KeycloakUnderTest;
  let stagingProject: RealmProject;
  let productionProject: RealmProject;
  let postgres: PostgresServer;
  let state: Record<string, string>;

  beforeAll(async () => {
    postgres = await PostgresServer.start();
    productionContainer = await new KeycloakContainer(requireEnvironment("KEYCLOAK_IMAGE"))
      .withLabels({ [TEST_RUN_LABEL]: `${hostname()}:${process.pid}` })
      .start();
    production = productionContainer.underTest();
    await new AdminApi(staging).deleteRealmIfExists(realm);
    // The same repository, deployed by two pipelines, each with its own Keycloak and state.
    state = {
      REALM_STATE_BACKEND: "pg",
      PG_CONN_STR: postgres.connectionString,
      REALM_STATE_PASSPHRASE: "environments-test-passphrase",
    };
    stagingProject = await RealmProject.create(staging, { env: state });
    productionProject = await RealmProject.create(production, { env: state });
    for (const project of [stagingProject, productionProject]) {
      await project.writeCustomer("initech", STAGING_ONLY);
    }
  });

  afterAll(async () => {
    await stagingProject?.dispose();
    await productionProject?.dispose();
    await productionContainer?.stop({ remove: true, removeVolumes: true });
    await postgres?.stop();
  });

  it("deploys each environment with its own settings, and a staging-only customer only to staging", async () => {
    // WHEN
    const deployedStaging = await stagingProject.realm("deploy", "--env", "staging");
    const deployedProduction = await productionProject.realm("deploy", "--env", "production");

    // THEN
    expect(deployedStaging.code, deployedStaging.stderr).toBe(0);
    expect(deployedProduction.code, deployedProduction.stderr).toBe(0);
    const inStaging = new AdminApi(staging);
    const inProduction = new AdminApi(production);
    expect(await inStaging.client(realm, "initech")).toBeDefined();
    expect(await inProduction.client(realm, "initech")).toBeUndefined();
    expect(await inProduction.client(realm, "acme-logistics")).toBeDefined();
    const frontend = environments.production.frontend.clientId;
    expect((await inStaging.client(realm, frontend))?.redirectUris).toEqual(environments.staging.frontend.redirectUris);
    expect((await inProduction.client(realm, frontend))?.redirectUris).toEqual(
      environments.production.frontend.redirectUris,
    );
  });

  it("promotes the customer to production with a one-line change", async () => {
    // GIVEN the pull request that adds production to the customer's environments
    await productionProject.writeCustomer("initech", STAGING_ONLY.replace("[staging]", "[staging, production]"));

    // WHEN
    const plan = await productionProject.realm("plan", "--env", "production");
    const deployed = await productionProject.realm("deploy", "--env", "production");

    // THEN
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("| `initech` | added | roles +orders:read |");
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(await new AdminApi(production).client(realm, "initech")).toBeDefined();
  });

  it("rejects deploying production with staging's KEYCLOAK_URL, changing nothing in staging", async () => {
    // GIVEN production's checkout, with staging's Keycloak variables exported by mistake
    const mistaken = productionProject.withEnvironment({ ...state, ...staging.providerEnvironment });

    // WHEN
    const result = await mistaken.realm("deploy", "--env", "production");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the Keycloak at ${staging.baseUrl} lacks what the 'production' state says`);
    const frontend = environments.staging.frontend.clientId;
    expect((await new AdminApi(staging).client(realm, frontend))?.redirectUris).toEqual(
      environments.staging.frontend.redirectUris,
    );
  });
});
