import { describe, expect, it } from "vitest";
import { synthRealm } from "../synth";

const CLIENT = "keycloak_openid_client";

describe("the backend API", () => {
  it("is a client without any login flow of its own", () => {
    expect(synthRealm().at(CLIENT, "api/client")).toMatchObject({
      client_id: "test-api",
      access_type: "CONFIDENTIAL",
      standard_flow_enabled: false,
      implicit_flow_enabled: false,
      direct_access_grants_enabled: false,
      service_accounts_enabled: false,
    });
  });

  it("declares its API roles as client roles", () => {
    const realm = synthRealm();
    const roles = realm.under("keycloak_role", "api/");
    expect(roles.map(([, role]) => role.name).sort()).toEqual(["orders:read", "orders:write"]);
    for (const [, role] of roles) {
      expect(realm.referenced(role.client_id).config.client_id).toBe("test-api");
    }
  });

  it("has an audience scope whose mapper puts the backend into access tokens, not ID tokens", () => {
    // WHEN
    const realm = synthRealm();
    const mapper = realm.at("keycloak_openid_audience_protocol_mapper", "api/audience-mapper");

    // THEN
    expect(realm.referenced(mapper.included_client_audience).config.client_id).toBe("test-api");
    expect(realm.referenced(mapper.client_scope_id).address).toBe(
      realm.addressAt("keycloak_openid_client_scope", "api/audience-scope"),
    );
    expect(mapper).toMatchObject({ add_to_access_token: true, add_to_id_token: false });
  });

  it("has one client scope per API role, mapped to that role alone and kept out of the token's scope", () => {
    // WHEN
    const realm = synthRealm();
    const scopes = realm.under("keycloak_openid_client_scope", "api/role-scope-");
    const mappings = realm.under("keycloak_generic_role_mapper", "api/role-scope-mapping-");

    // THEN
    expect(scopes.map(([, scope]) => scope.name).sort()).toEqual(["test-api:orders:read", "test-api:orders:write"]);
    for (const [, scope] of scopes) expect(scope.include_in_token_scope).toBe(false);
    const mapped = mappings.map(([, mapping]) => [
      realm.referenced(mapping.client_scope_id).config.name,
      realm.referenced(mapping.role_id).config.name,
    ]);
    expect(mapped.sort()).toEqual([
      ["test-api:orders:read", "orders:read"],
      ["test-api:orders:write", "orders:write"],
    ]);
  });
});
