import { describe, expect, inject, it } from "vitest";
import { adminToken } from "./admin-api";

describe("the Keycloak under test", () => {
  const keycloak = inject("keycloak");

  it("advertises its token endpoint in the master realm's OIDC discovery", async () => {
    // WHEN
    const response = await fetch(`${keycloak.baseUrl}/realms/master/.well-known/openid-configuration`);

    // THEN
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as { issuer: string; token_endpoint: string };
    expect(discovery.issuer).toBe(`${keycloak.baseUrl}/realms/master`);
    expect(discovery.token_endpoint).toBe(`${keycloak.baseUrl}/realms/master/protocol/openid-connect/token`);
  });

  it("lets the bootstrap admin client list realms through the admin REST API", async () => {
    // GIVEN
    const token = await adminToken(keycloak);

    // WHEN
    const response = await fetch(`${keycloak.baseUrl}/admin/realms`, { headers: { authorization: `Bearer ${token}` } });

    // THEN
    expect(response.status).toBe(200);
    const realms = (await response.json()) as { realm: string }[];
    expect(realms.map((r) => r.realm)).toContain("master");
  });

  it("lets the bootstrap admin user sign in with its password", async () => {
    // WHEN
    const response = await fetch(`${keycloak.baseUrl}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        client_id: "admin-cli",
        username: keycloak.admin.username,
        password: keycloak.admin.password,
      }),
    });

    // THEN
    expect(response.status).toBe(200);
  });

  it("refuses the admin client with a wrong secret", async () => {
    // WHEN
    const response = await fetch(`${keycloak.baseUrl}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      headers: { authorization: basicAuth(keycloak.admin.clientId, "not-the-secret") },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });

    // THEN
    expect(response.status).toBe(401);
  });
});

function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}
