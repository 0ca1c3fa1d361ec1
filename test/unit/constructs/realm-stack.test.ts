import { Testing, TerraformStack } from "cdktn";
import { describe, expect, it } from "vitest";
import { HardenedRealm } from "../../../lib/constructs/hardened-realm";
import { customer, synthRealm } from "../synth";
import { testSettings } from "../test-settings";

const CLIENT = "keycloak_openid_client";

describe("the realm", () => {
  it("carries the security baseline", () => {
    // WHEN
    const realm = synthRealm().at("keycloak_realm", "realm/realm");

    // THEN
    expect(realm).toMatchObject({
      realm: "test",
      ssl_required: "external",
      revoke_refresh_token: true,
      refresh_token_max_reuse: 0,
      access_token_lifespan: "5m0s",
      password_policy: "length(10) and digits(1)",
      // Disabled after the settings' 3 temporary lockouts: Keycloak needs permanent lockout on for the cap.
      security_defenses: {
        brute_force_detection: { permanent_lockout: true, max_temporary_lockouts: 3, max_login_failures: 5 },
      },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("defaults to a 12-character password policy and 10 temporary lockouts", () => {
    // WHEN a realm given its name only
    const stack = new TerraformStack(Testing.app(), "defaults");
    new HardenedRealm(stack, "realm", { name: "test" });
    const synthesized = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, unknown>> };

    // THEN
    expect(Object.values(synthesized.resource.keycloak_realm!)[0]).toMatchObject({
      password_policy: "length(12) and notUsername and notEmail and passwordHistory(5)",
      security_defenses: { brute_force_detection: { permanent_lockout: true, max_temporary_lockouts: 10 } },
    });
  });

  it("keeps login events and admin events with their details", () => {
    const events = synthRealm().at("keycloak_realm_events", "realm/events");
    expect(events).toMatchObject({
      events_enabled: true,
      events_expiration: 86_400,
      admin_events_enabled: true,
      admin_events_details_enabled: true,
    });
  });

  it("gives clients made later only basic and roles, nothing optional, and creates its own clients after that", () => {
    // WHEN
    const realm = synthRealm([customer("acme")]);

    // THEN
    const defaults = realm.at("keycloak_realm_default_client_scopes", "realm/new-client-default-scopes");
    expect(defaults.default_scopes).toEqual(["basic", "roles"]);
    expect(realm.at("keycloak_realm_optional_client_scopes", "realm/new-client-optional-scopes")).toMatchObject({
      optional_scopes: [],
    });
    const optional = realm.at("keycloak_realm_optional_client_scopes", "realm/new-client-optional-scopes");
    expect(realm.referenced(optional.realm_id).address).toBe(
      realm.addressAt("keycloak_realm_default_client_scopes", "realm/new-client-default-scopes"),
    );
    for (const path of ["api/client", "frontend/client", "customers/acme/client"]) {
      expect(realm.referenced(realm.at(CLIENT, path).realm_id).address).toBe(
        realm.addressAt("keycloak_realm_optional_client_scopes", "realm/new-client-optional-scopes"),
      );
    }
  });

  it("writes lifespans as the provider reads them back", () => {
    // GIVEN
    const settings = testSettings((s) => {
      s.realm.accessTokenLifespanSeconds = 90;
      s.realm.ssoSessionMaxSeconds = 36_000;
    });

    // WHEN
    const realm = synthRealm([], settings).at("keycloak_realm", "realm/realm");

    // THEN
    expect(realm.access_token_lifespan).toBe("1m30s");
    expect(realm.sso_session_max_lifespan).toBe("10h0m0s");
  });

  it("rejects an access token lifespan above 300 s", () => {
    const settings = { ...testSettings(), realm: { ...testSettings().realm, accessTokenLifespanSeconds: 900 } };
    expect(() => synthRealm([], settings)).toThrow("'accessTokenLifespanSeconds' must be at most 300 s, got 900");
  });
});

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
});

describe("the frontend client", () => {
  it("is public and signs users in with the authorization code flow and PKCE S256 only", () => {
    expect(synthRealm().at(CLIENT, "frontend/client")).toMatchObject({
      client_id: "test-frontend",
      access_type: "PUBLIC",
      standard_flow_enabled: true,
      pkce_code_challenge_method: "S256",
      implicit_flow_enabled: false,
      direct_access_grants_enabled: false,
      service_accounts_enabled: false,
    });
  });

  it("allows exactly the configured redirect URIs, post-logout URIs and web origins", () => {
    const frontend = synthRealm().at(CLIENT, "frontend/client");
    expect(frontend.valid_redirect_uris).toEqual(["https://app.example.com/auth/callback"]);
    expect(frontend.valid_post_logout_redirect_uris).toEqual(["https://app.example.com/"]);
    expect(frontend.web_origins).toEqual(["https://app.example.com"]);
  });

  it("gets tokens meant for the backend, with only the API roles a user holds", () => {
    // WHEN
    const realm = synthRealm();
    const scopes = realm.at("keycloak_openid_client_default_scopes", "frontend/default-scopes");

    // THEN
    expect(scopes.default_scopes).toContain("basic");
    expect(realm.referenced((scopes.default_scopes as string[]).at(-1)).config.name).toBe("test-api-audience");
    expect(realm.at(CLIENT, "frontend/client").full_scope_allowed).toBe(false);
    expect(realm.under("keycloak_generic_role_mapper", "frontend/")).toHaveLength(2);
  });

  it("rejects a wildcard redirect URI even when settings validation is bypassed", () => {
    const settings = testSettings();
    const bypassed = { ...settings, frontend: { ...settings.frontend, redirectUris: ["https://app.example.com/*"] } };
    expect(() => synthRealm([], bypassed)).toThrow(
      "frontend URIs must be exact, got wildcard 'https://app.example.com/*'",
    );
  });
});

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

  it("has exactly basic, roles, service_account and the audience scope by default, and no optional scopes", () => {
    // WHEN
    const realm = synthRealm([customer("acme")]);
    const defaults = realm.at("keycloak_openid_client_default_scopes", "customers/acme/default-scopes");
    const optional = realm.at("keycloak_openid_client_optional_scopes", "customers/acme/optional-scopes");

    // THEN
    const [basic, roles, serviceAccount, audience] = defaults.default_scopes as string[];
    // service_account too: Keycloak attaches it again on every update of the client.
    expect([basic, roles, serviceAccount]).toEqual(["basic", "roles", "service_account"]);
    expect(realm.referenced(audience).config.name).toBe("test-api-audience");
    expect(defaults.default_scopes).toHaveLength(4);
    expect(optional.optional_scopes).toEqual([]);
  });

  it("is granted exactly the roles its file asks for, as service-account roles and in its scope", () => {
    // WHEN
    const realm = synthRealm([customer("acme", { roles: ["orders:write"] })]);

    // THEN
    const granted = realm.under("keycloak_openid_client_service_account_role", "customers/acme/");
    expect(granted.map(([, grant]) => realm.referenced(grant.role).config.name)).toEqual(["orders:write"]);
    expect(realm.referenced(granted[0]![1].client_id).config.client_id).toBe("test-api");
    const scoped = realm.under("keycloak_generic_role_mapper", "customers/acme/");
    expect(scoped.map(([, mapping]) => realm.referenced(mapping.role_id).config.name)).toEqual(["orders:write"]);
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

describe("the synthesized stack", () => {
  it("renames nothing when a customer is added or removed", () => {
    // GIVEN
    const before = synthRealm([customer("acme"), customer("globex")]).addresses();

    // WHEN
    const added = synthRealm([customer("acme"), customer("aaa-first"), customer("globex")]).addresses();
    const removed = synthRealm([customer("globex")]).addresses();

    // THEN
    expect(added).toEqual(expect.arrayContaining(before));
    expect(before).toEqual(expect.arrayContaining(removed));
    expect(removed.some((address) => address.includes("acme"))).toBe(false);
  });

  it("holds no Keycloak URL, credential or secret: the provider block only says not to sign in early, no client secret is set", () => {
    // WHEN
    const realm = synthRealm([customer("acme")]);

    // THEN the provider reads KEYCLOAK_* at deploy time; Keycloak generates client secrets
    expect(realm.json.provider).toEqual({ keycloak: [{ initial_login: false }] });
    expect(JSON.stringify(realm.json)).not.toMatch(/"client_secret"|"password"|"url"/);
  });
});

describe("secret rotation", () => {
  const PROFILE = "keycloak_realm_client_policy_profile";
  const POLICY = "keycloak_realm_client_policy_profile_policy";

  it("keeps a rotated secret working for the realm's grace period, and no secret longer than the maximum age", () => {
    // WHEN
    const realm = synthRealm([customer("acme")]);

    // THEN one Keycloak secret-rotation profile, never rotating on an update by itself
    expect(realm.at(PROFILE, "secret-rotation/grace-604800s")).toMatchObject({
      name: "realm-as-code-secret-rotation-604800s",
      executor: [
        {
          name: "secret-rotation",
          configuration: {
            "expiration-period": "31536000",
            "rotated-expiration-period": "604800",
            "remaining-rotation-period": "0",
          },
        },
      ],
    });
    // AND a policy applying it to the clients whose attribute names that grace period
    const policy = realm.at(POLICY, "secret-rotation/grace-604800s-policy");
    expect(policy.condition).toEqual([
      {
        name: "client-attributes",
        configuration: {
          "is-negative-logic": "false",
          attributes: JSON.stringify([{ key: "realm-as-code.secret-rotation-grace-seconds", value: "604800" }]),
        },
      },
    ]);
    expect(realm.referenced((policy.profiles as string[])[0]).address).toBe(
      realm.addressAt(PROFILE, "secret-rotation/grace-604800s"),
    );
    // AND the client is created or rotated only once its policy exists
    const client = realm.at(CLIENT, "customers/acme/client");
    expect(client.depends_on).toEqual([realm.addressAt(POLICY, "secret-rotation/grace-604800s-policy")]);
  });

  it("gives a customer that cuts over at once a policy of its own, and the realm's settings to the rest", () => {
    // GIVEN
    const settings = testSettings((draft) => {
      draft.customers = { secretRotationGraceSeconds: 86_400, secretMaxAgeSeconds: 2_592_000 };
    });

    // WHEN
    const realm = synthRealm(
      [customer("acme"), customer("leaked", { secretRotationGraceSeconds: 0 }), customer("beta")],
      settings,
    );

    // THEN
    const profiles = Object.values(realm.all(PROFILE)).map((profile) => ({
      name: profile.name,
      configuration: (profile.executor as { configuration: Record<string, string> }[])[0]!.configuration,
    }));
    expect(profiles).toEqual([
      {
        name: "realm-as-code-secret-rotation-0s",
        configuration: {
          "expiration-period": "2592000",
          "rotated-expiration-period": "0",
          "remaining-rotation-period": "0",
        },
      },
      {
        name: "realm-as-code-secret-rotation-86400s",
        configuration: {
          "expiration-period": "2592000",
          "rotated-expiration-period": "86400",
          "remaining-rotation-period": "0",
        },
      },
    ]);
    const graceOf = (id: string) =>
      (realm.at(CLIENT, `customers/${id}/client`).extra_config as Record<string, string>)[
        "realm-as-code.secret-rotation-grace-seconds"
      ];
    expect([graceOf("acme"), graceOf("leaked"), graceOf("beta")]).toEqual(["86400", "0", "86400"]);
  });

  it("keeps the realm's profile when no customer uses a secret, so adding one later renames nothing", () => {
    // WHEN
    const realm = synthRealm([]);

    // THEN
    expect(Object.keys(realm.all(PROFILE))).toHaveLength(1);
    expect(realm.at(PROFILE, "secret-rotation/grace-604800s").name).toBe("realm-as-code-secret-rotation-604800s");
  });
});
