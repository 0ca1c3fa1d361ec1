import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCustomers } from "../../lib/model/load-customers";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { tokenRequest, verifyAccessToken } from "./tokens";

// The tests deploy the local environment, as `npm start` does.
const settings = environments.local;

const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = settings.realm.name;
const backend = settings.backend.clientId;
const issuer = `${keycloak.baseUrl}/realms/${realm}`;
const tokenEndpoint = `${issuer}/protocol/openid-connect/token`;
// The repository's own example customers, exactly as they are committed.
const examples = loadCustomers({ directory: "customers", settings });

describe("a customer of the deployed realm", () => {
  let project: RealmProject;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    await project.deploy();
    for (const customer of examples) secrets.set(customer.id, await admin.clientSecret(realm, customer.id));
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it.each(examples.map((customer) => [customer.id, customer]))(
    "%s gets an access token for the backend with exactly its roles",
    async (id, customer) => {
      // WHEN the customer sends the request its onboarding e-mail shows
      const response = await tokenRequest(
        tokenEndpoint,
        { grant_type: "client_credentials" },
        { id, secret: secrets.get(id)! },
      );

      // THEN
      expect(response.status).toBe(200);
      expect(response.body.refresh_token).toBeUndefined();
      const claims = await verifyAccessToken(issuer, String(response.body.access_token), backend);
      expect(claims.azp).toBe(id);
      expect(claims.client_id).toBe(id);
      expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(settings.realm.accessTokenLifespanSeconds);
      expect(claims.exp! - claims.iat!).toBeGreaterThan(0);
      expect(Object.keys(claims.resource_access ?? {})).toEqual([backend]);
      expect(claims.resource_access?.[backend]?.roles.sort()).toEqual([...customer.roles].sort());
      expect(claims.realm_access).toBeUndefined();
    },
  );

  it("gets the same result through an independent OAuth client (openid-client, from discovery)", async () => {
    // GIVEN
    const [customer] = examples;
    const config = await oidc.discovery(
      new URL(issuer),
      customer!.id,
      undefined,
      oidc.ClientSecretBasic(secrets.get(customer!.id)!),
      // The test Keycloak speaks plain HTTP on localhost.
      { execute: [oidc.allowInsecureRequests] },
    );

    // WHEN
    const tokens = await oidc.clientCredentialsGrant(config);

    // THEN
    expect(tokens.refresh_token).toBeUndefined();
    const claims = await verifyAccessToken(issuer, tokens.access_token, backend);
    expect(claims.azp).toBe(customer!.id);
  });

  it("rejects the password grant", async () => {
    const [customer] = examples;
    const response = await tokenRequest(
      tokenEndpoint,
      { grant_type: "password", username: customer!.id, password: "anything" },
      { id: customer!.id, secret: secrets.get(customer!.id)! },
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body.error).toBe("unauthorized_client");
    expect(response.body.access_token).toBeUndefined();
  });

  it("rejects a browser login (authorization code flow)", async () => {
    // WHEN
    const [customer] = examples;
    const url = new URL(`${issuer}/protocol/openid-connect/auth`);
    url.search = new URLSearchParams({
      client_id: customer!.id,
      response_type: "code",
      scope: "openid",
      redirect_uri: "https://customer.example/callback",
    }).toString();
    const response = await fetch(url, { redirect: "manual" });

    // THEN Keycloak answers with an error page and sends the browser nowhere
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("rejects a wrong secret", async () => {
    const [customer] = examples;
    const response = await tokenRequest(
      tokenEndpoint,
      { grant_type: "client_credentials" },
      { id: customer!.id, secret: "not-the-secret" },
    );
    expect(response.status).toBe(401);
    expect(response.body.error).toBe("unauthorized_client");
  });

  it("rejects another customer's secret", async () => {
    const [first, second] = examples;
    const response = await tokenRequest(
      tokenEndpoint,
      { grant_type: "client_credentials" },
      { id: first!.id, secret: secrets.get(second!.id)! },
    );
    expect(response.status).toBe(401);
    expect(response.body.access_token).toBeUndefined();
  });
});
