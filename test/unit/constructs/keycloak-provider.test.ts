import { describe, expect, it } from "vitest";
import { keycloakProvider, requirement } from "../../../lib/constructs/keycloak-provider";
import { ValidationError } from "../../../lib/model/validation-error";
import { customer, synthRealm } from "../synth";

const VERSIONS = {
  KEYCLOAK_PROVIDER: "bundled",
  BUNDLED_PROVIDER_SOURCE: "keycloak-realm-as-code/keycloak",
  BUNDLED_PROVIDER_VERSION: "0.1.0",
  UPSTREAM_PROVIDER_SOURCE: "keycloak/keycloak",
  UPSTREAM_PROVIDER_VERSION: "5.9.0",
};

describe("the provider switch", () => {
  it("takes the choice scripts/versions.env records when KEYCLOAK_PROVIDER is unset", () => {
    // WHEN
    const chosen = keycloakProvider({}, VERSIONS);

    // THEN
    expect(chosen).toEqual({
      name: "bundled",
      source: "registry.terraform.io/keycloak-realm-as-code/keycloak",
      version: "0.1.0",
    });
  });

  it("lets KEYCLOAK_PROVIDER in the environment override the repository's choice", () => {
    // WHEN
    const chosen = keycloakProvider({ KEYCLOAK_PROVIDER: "upstream" }, VERSIONS);

    // THEN the official provider at exactly the pinned version
    expect(chosen).toEqual({ name: "upstream", source: "registry.terraform.io/keycloak/keycloak", version: "5.9.0" });
  });

  it("records bundled as the repository's choice, pinning the official provider at 5.9.0", () => {
    // WHEN read from the committed scripts/versions.env
    const chosen = keycloakProvider({});

    // THEN
    expect(chosen.name).toBe("bundled");
    expect(requirement("upstream")).toEqual({ source: "registry.terraform.io/keycloak/keycloak", version: "5.9.0" });
  });

  it("rejects a KEYCLOAK_PROVIDER that names neither provider, saying where the value came from", () => {
    // WHEN / THEN
    expect(() => keycloakProvider({ KEYCLOAK_PROVIDER: "official" }, VERSIONS)).toThrow(ValidationError);
    expect(() => keycloakProvider({ KEYCLOAK_PROVIDER: "official" }, VERSIONS)).toThrow(
      '(environment): KEYCLOAK_PROVIDER: must be one of bundled, upstream; got "official"',
    );
    expect(() => keycloakProvider({}, { ...VERSIONS, KEYCLOAK_PROVIDER: "Bundled" })).toThrow(
      'scripts/versions.env: KEYCLOAK_PROVIDER: must be one of bundled, upstream; got "Bundled"',
    );
  });

  it("synthesizes configurations that differ only in the provider's source and version", () => {
    // GIVEN the same customers
    const customers = [customer("acme-logistics"), customer("globex", { roles: ["orders:write"] })];

    // WHEN synthesized for each provider
    const bundled = synthRealm(customers, undefined, {}, requirement("bundled")).json;
    const upstream = synthRealm(customers, undefined, {}, requirement("upstream")).json;

    // THEN
    expect(bundled.terraform.required_providers.keycloak).toEqual({
      source: "registry.terraform.io/keycloak-realm-as-code/keycloak",
      version: "0.1.0",
    });
    expect(upstream.terraform.required_providers.keycloak).toEqual({
      source: "registry.terraform.io/keycloak/keycloak",
      version: "5.9.0",
    });
    const withoutProvider = (json: typeof bundled) => ({
      ...json,
      terraform: { ...json.terraform, required_providers: {} },
    });
    expect(withoutProvider(upstream)).toEqual(withoutProvider(bundled));
  });
});
