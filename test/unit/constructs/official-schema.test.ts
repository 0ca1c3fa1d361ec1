import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { customer, synthRealm, type SynthesizedRealm } from "../synth";

/**
 * The synthesized configuration against the official keycloak/keycloak 5.9.0 schema extracted into
 * provider/conformance/ (provider/conformance/extract-schema.sh): lib/ uses only resources,
 * attributes and blocks the official provider has, in its shapes, so it never relies on something
 * only the bundled provider offers. provider/internal/provider/conformance_test.go holds the
 * bundled provider to the same extract.
 */

type CtyType = string | [string, CtyType] | ["object", Record<string, CtyType>];
interface Attribute {
  type: CtyType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}
interface Block {
  attributes?: Record<string, Attribute>;
  block_types?: Record<string, { nesting_mode: string; max_items?: number; min_items?: number; block: Block }>;
}
interface Schema {
  block: Block;
}

const extract = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../../provider/conformance/keycloak-5.9.0-schema.json"), "utf8"),
) as { provider_schemas: Record<string, { provider: Schema; resource_schemas: Record<string, Schema> }> };
const official = extract.provider_schemas["registry.terraform.io/keycloak/keycloak"]!;

/** Terraform's meta-arguments, which no provider schema lists. */
const META_ARGUMENTS = new Set(["//", "lifecycle", "depends_on", "provider", "count", "for_each"]);

/**
 * Provider settings the official schema requires that the configuration leaves to the environment:
 * the SDK fills `url` from KEYCLOAK_URL, and the deploy target never lives in files.
 */
const FROM_ENVIRONMENT = new Set(["url"]);

/** Everything lib/ can synthesize: every kind of customer, so every resource and attribute it emits. */
function everything(): SynthesizedRealm {
  return synthRealm([
    customer("secret-customer", { roles: ["orders:read", "orders:write"], secretVersion: 2 }),
    customer("key-customer", {
      auth: { method: "private-key-jwt", jwksUrl: "https://keys.example.com/jwks", algorithm: "ES256" },
    }),
    customer("suspended-customer", { enabled: false }),
  ]);
}

/** Where `value` departs from the official `block`, as "path: problem" lines. */
function problemsIn(block: Block, value: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && value[name] === undefined && !FROM_ENVIRONMENT.has(name)) {
      problems.push(`${at}.${name}: required by the official provider, not set`);
    }
  }
  for (const [name, given] of Object.entries(value)) {
    if (META_ARGUMENTS.has(name)) continue;
    const attribute = block.attributes?.[name];
    const nested = block.block_types?.[name];
    if (attribute) {
      if (!attribute.optional && !attribute.required)
        problems.push(`${at}.${name}: computed only in the official provider`);
      if (name === "id") problems.push(`${at}.id: set, but an id means nothing to the official provider`);
      problems.push(...typeProblems(attribute.type, given, `${at}.${name}`));
    } else if (nested) {
      // cdktn writes a list block of at most one element as one object, which Terraform reads as the list.
      const single = nested.nesting_mode === "single" || nested.max_items === 1;
      const elements = Array.isArray(given) ? given : single ? [given] : undefined;
      if (!elements) {
        problems.push(`${at}.${name}: a ${nested.nesting_mode} block, given ${JSON.stringify(given)}`);
        continue;
      }
      if (nested.max_items !== undefined && nested.max_items > 0 && elements.length > nested.max_items) {
        problems.push(
          `${at}.${name}: ${elements.length} blocks, the official provider takes at most ${nested.max_items}`,
        );
      }
      elements.forEach((element, index) =>
        problems.push(...problemsIn(nested.block, element as Record<string, unknown>, `${at}.${name}[${index}]`)),
      );
    } else {
      problems.push(`${at}.${name}: the official provider has no such attribute or block`);
    }
  }
  return problems;
}

/** Whether a synthesized value fits a cty type; a `${…}` reference fits any type. */
function typeProblems(type: CtyType, value: unknown, at: string): string[] {
  if (typeof value === "string" && value.includes("${")) return [];
  const fits = (ok: boolean): string[] =>
    ok ? [] : [`${at}: ${JSON.stringify(value)} is not a ${JSON.stringify(type)}`];
  if (type === "string") return fits(typeof value === "string");
  if (type === "number") return fits(typeof value === "number");
  if (type === "bool") return fits(typeof value === "boolean");
  const [kind, element] = type as [string, CtyType];
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return fits(false);
    return value.flatMap((item, index) => typeProblems(element, item, `${at}[${index}]`));
  }
  if (kind === "map") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fits(false);
    return Object.entries(value).flatMap(([key, item]) => typeProblems(element, item, `${at}.${key}`));
  }
  return [`${at}: unchecked type ${JSON.stringify(type)}`];
}

describe("the synthesized configuration on the official provider's schema", () => {
  it("uses exactly the resource types the official extract holds", () => {
    // WHEN
    const types = Object.keys(everything().json.resource).sort();

    // THEN extract-schema.sh extracts these, and only these, and the type a state from before one role
    // set per customer holds until `npm run upgrade-state` (the bundled provider serves it for that)
    const upgradedAway = ["keycloak_openid_client_service_account_role"];
    expect(types).toEqual(
      Object.keys(official.resource_schemas)
        .filter((type) => !upgradedAway.includes(type))
        .sort(),
    );
  });

  it("sets only attributes and blocks the official resources have, in their types and nesting", () => {
    // GIVEN
    const realm = everything();

    // WHEN
    const problems = Object.entries(realm.json.resource).flatMap(([type, byName]) =>
      Object.entries(byName).flatMap(([name, config]) =>
        problemsIn(official.resource_schemas[type]!.block, config, `${type}.${name}`),
      ),
    );

    // THEN
    expect(problems).toEqual([]);
  });

  it("configures the provider with official settings only", () => {
    // WHEN
    const blocks = (everything().json.provider as { keycloak: Record<string, unknown>[] }).keycloak;

    // THEN
    expect(blocks.flatMap((block) => problemsIn(official.provider.block, block, "provider.keycloak"))).toEqual([]);
  });

  it("rejects an attribute the official provider does not have, a wrong type and a computed-only attribute", () => {
    // GIVEN a client with a bundled-only attribute, a bool as a string and the computed service_account_user_id set
    const block = official.resource_schemas.keycloak_openid_client!.block;
    const config = {
      realm_id: "r",
      client_id: "c",
      access_type: "CONFIDENTIAL",
      bundled_only: true,
      enabled: "true",
      service_account_user_id: "u",
    };

    // WHEN
    const problems = problemsIn(block, config, "keycloak_openid_client.c");

    // THEN
    expect(problems).toEqual([
      "keycloak_openid_client.c.bundled_only: the official provider has no such attribute or block",
      'keycloak_openid_client.c.enabled: "true" is not a "bool"',
      "keycloak_openid_client.c.service_account_user_id: computed only in the official provider",
    ]);
  });

  it("rejects a missing required attribute and a second single-element block", () => {
    // GIVEN a realm without its name and with two security_defenses blocks
    const block = official.resource_schemas.keycloak_realm!.block;
    const config = { security_defenses: [{}, {}] };

    // WHEN
    const problems = problemsIn(block, config, "keycloak_realm.r");

    // THEN
    expect(problems).toEqual([
      "keycloak_realm.r.realm: required by the official provider, not set",
      "keycloak_realm.r.security_defenses: 2 blocks, the official provider takes at most 1",
    ]);
  });
});
