import { describe, expect, it } from "vitest";
import { customer, synthRealm } from "../synth";
import { testSettings } from "../test-settings";

const CLIENT = "keycloak_openid_client";

describe("a customer client", () => {
  it("can only obtain tokens for itself with client credentials", () => {
    expect(synthRealm([customer("acme")]).at(CLIENT, "customers/acme/client")).toMatchObject({
      client_id: "acme",
      enabled: true,
      access_type: "CONFIDENTIAL",
      service_accounts_enabled: true,
      standard_flow_enabled: false,
      implicit_flow_enabled: false,
      direct_access_grants_enabled: false,
      use_refresh_tokens_client_credentials: false,
      full_scope_allowed: false,
    });
  });

  it("has exactly basic, roles, service_account, the audience scope and its roles' scopes by default, and no optional scopes", () => {
    // WHEN
    const realm = synthRealm([customer("acme", { roles: ["orders:write"] })]);
    const defaults = realm.at("keycloak_openid_client_default_scopes", "customers/acme/default-scopes");

    // THEN
    const [basic, roles, serviceAccount, audience, roleScope] = defaults.default_scopes as string[];
    // service_account too: Keycloak attaches it again on every update of the client.
    expect([basic, roles, serviceAccount]).toEqual(["basic", "roles", "service_account"]);
    expect(realm.referenced(audience).config.name).toBe("test-api-audience");
    // Full scope is off: without its role's scope the granted role would not reach the token.
    expect(realm.referenced(roleScope).config.name).toBe("test-api:orders:write");
    expect(defaults.default_scopes).toHaveLength(5);
    // No optional scopes, and no resource for them: the realm gives new clients none, and one added
    // by hand is found with what else a client holds beyond its file (client-holdings).
    expect(realm.under("keycloak_openid_client_optional_scopes", "customers/acme/")).toEqual([]);
    expect(
      realm.at("keycloak_realm_optional_client_scopes", "realm/new-client-optional-scopes").optional_scopes,
    ).toEqual([]);
  });

  it("grants its service account exactly the roles its file asks for, in one exhaustive role set", () => {
    // WHEN
    const realm = synthRealm([customer("acme", { roles: ["orders:read", "orders:write"] })]);

    // THEN
    const [[, set], ...others] = realm.under("keycloak_user_roles", "customers/acme/");
    expect(others).toEqual([]);
    expect(set!.exhaustive).toBe(true);
    expect(realm.referenced(set!.user_id).address).toBe(realm.addressAt(CLIENT, "customers/acme/client"));
    const granted = (set!.role_ids as string[]).map((id) => realm.referenced(id).config);
    expect(granted.map((role) => role.name)).toEqual(["orders:read", "orders:write"]);
    expect(granted.every((role) => realm.referenced(role.client_id).config.client_id === "test-api")).toBe(true);
  });

  it("costs the same three resources whatever the number of its roles", () => {
    const resources = (roles: string[]) =>
      synthRealm([customer("acme", { roles })])
        .addresses()
        .filter((address) => address.includes(".customers_acme_"));
    expect(resources(["orders:read"])).toHaveLength(3);
    expect(resources(["orders:read", "orders:write"])).toHaveLength(3);
  });

  it("is disabled when its file says enabled: false", () => {
    const realm = synthRealm([customer("acme", { enabled: false })]);
    expect(realm.at(CLIENT, "customers/acme/client").enabled).toBe(false);
  });

  it("authenticates with private_key_jwt against the customer's JWKS URL, with one pinned algorithm and no secret", () => {
    // WHEN
    const auth = { method: "private-key-jwt", jwksUrl: "https://acme.example/jwks.json", algorithm: "PS256" } as const;
    const client = synthRealm([customer("acme", { auth })]).at(CLIENT, "customers/acme/client");

    // THEN
    expect(client.client_authenticator_type).toBe("client-jwt");
    expect(client.extra_config).toEqual({
      "use.jwks.url": "true",
      "jwks.url": "https://acme.example/jwks.json",
      "token.endpoint.auth.signing.alg": "PS256",
      "realm-as-code.source": "customers/acme.yaml",
    });
    expect(client.client_secret_regenerate_when_changed).toBeUndefined();
  });

  it("names the file it comes from in the request that creates it, so an unrecorded create is recognised", () => {
    // WHEN
    const client = synthRealm([customer("acme")]).at(CLIENT, "customers/acme/client");

    // THEN
    expect(client.extra_config).toEqual({
      "realm-as-code.secret-rotation-grace-seconds": "604800",
      "realm-as-code.source": "customers/acme.yaml",
    });
  });

  it("gives inline public keys to Keycloak as a JWKS string", () => {
    const jwks = { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y" }] };
    const auth = { method: "private-key-jwt", jwks, algorithm: "ES256" } as const;
    const client = synthRealm([customer("acme", { auth })]).at(CLIENT, "customers/acme/client");
    expect(client.extra_config).toMatchObject({ "use.jwks.string": "true", "jwks.string": JSON.stringify(jwks) });
  });

  it("rotates a client secret through secretVersion", () => {
    const client = synthRealm([customer("acme", { secretVersion: 4 })]).at(CLIENT, "customers/acme/client");
    expect(client.client_secret_regenerate_when_changed).toEqual({ secretVersion: "4" });
  });

  it("gets its own, shorter access token lifespan", () => {
    const client = synthRealm([customer("acme", { accessTokenLifespanSeconds: 120 })]).at(
      CLIENT,
      "customers/acme/client",
    );
    expect(client.access_token_lifespan).toBe("120");
  });

  it("rejects an access token lifespan above the realm's even when file validation is bypassed", () => {
    expect(() => synthRealm([customer("acme", { accessTokenLifespanSeconds: 900 })])).toThrow(
      "'accessTokenLifespanSeconds' must be at most 300 s, got 900",
    );
  });

  it("takes over a client made by hand with an import block, never the provider's import attribute", () => {
    // WHEN
    const realm = synthRealm([customer("acme"), customer("globex")], testSettings(), {
      acme: "0b5c9f0e-1d2a-4c3b-8e7f-6a5b4c3d2e1f",
    });

    // THEN
    const acme = realm.addressAt(CLIENT, "customers/acme/client");
    expect(realm.json.import).toEqual([{ to: acme, id: "test/0b5c9f0e-1d2a-4c3b-8e7f-6a5b4c3d2e1f" }]);
    expect(realm.at(CLIENT, "customers/acme/client").import).toBeUndefined();
  });

  it("leaves the secret of a client the operator lets customers adopt alone, until its file sets secretVersion", () => {
    // GIVEN
    const settings = testSettings((draft) => {
      draft.customers = { adoptable: ["legacy", "rotated"] };
    });

    // WHEN
    const realm = synthRealm(
      [customer("legacy"), customer("rotated", { secretVersion: 2 }), customer("acme")],
      settings,
    );

    // THEN the engine would regenerate a secret when the rotation marker first appears: an adopted one is kept
    expect(realm.at(CLIENT, "customers/legacy/client").client_secret_regenerate_when_changed).toBeUndefined();
    expect(realm.at(CLIENT, "customers/rotated/client").client_secret_regenerate_when_changed).toEqual({
      secretVersion: "2",
    });
    expect(realm.at(CLIENT, "customers/acme/client").client_secret_regenerate_when_changed).toEqual({
      secretVersion: "1",
    });
  });

  it("rejects a role the backend does not declare", () => {
    expect(() => synthRealm([customer("acme", { roles: ["orders:delete"] })])).toThrow(
      "customer 'acme': unknown role(s) 'orders:delete'",
    );
  });
});
