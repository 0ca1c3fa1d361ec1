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
