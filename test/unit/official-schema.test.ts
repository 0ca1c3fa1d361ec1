import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { customer, synthRealm } from "./synth";

/** The official keycloak/keycloak 5.9.0 schema of the types the bundled provider serves (provider/conformance). */
interface Block {
  attributes?: Record<string, { required?: boolean }>;
  block_types?: Record<string, { block: Block }>;
}
const official = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../provider/conformance/keycloak-5.9.0-schema.json"), "utf8"),
) as { provider: { block: Block }; resource_schemas: Record<string, { block: Block }> };

/** Keys of a resource body that are Terraform's or cdktf's, not the provider's. */
const META = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each"]);

/** Every path in body that the block does not declare, and every required attribute body lacks. */
function unknownPaths(body: Record<string, unknown>, block: Block, at: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    if (block.attributes?.[key]) continue;
    const nested = block.block_types?.[key];
    if (!nested) {
      problems.push(`${at}.${key}`);
      continue;
    }
    for (const element of Array.isArray(value) ? value : [value]) {
      problems.push(...unknownPaths(element as Record<string, unknown>, nested.block, `${at}.${key}`));
    }
  }
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && !(name in body)) problems.push(`${at}.${name} (required, missing)`);
  }
  return problems;
}

describe("the synthesized configuration, read with the official provider's schema", () => {
  it("uses only resource types, attributes and blocks the official keycloak/keycloak 5.9.0 has, and sets every required one", () => {
    // GIVEN every kind of customer the files can describe
    const jwks = { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y" }] };
    const realm = synthRealm([
      customer("acme"),
      customer("globex", {
        auth: { method: "private-key-jwt", jwksUrl: "https://globex.example/jwks.json", algorithm: "PS256" },
      }),
      customer("hooli", { auth: { method: "private-key-jwt", jwks, algorithm: "ES256" } }),
      customer("initech", { enabled: false, secretVersion: 2 }),
    ]);

    // WHEN
    const problems = Object.entries(realm.json.resource).flatMap(([type, byName]) => {
      const schema = official.resource_schemas[type];
      if (!schema) return [`${type} (resource type)`];
      return Object.entries(byName).flatMap(([name, body]) => unknownPaths(body, schema.block, `${type}.${name}`));
    });
    const providers = (realm.json.provider as { keycloak: Record<string, unknown>[] }).keycloak;
    problems.push(...providers.flatMap((body) => unknownPaths(body, official.provider.block, "provider.keycloak")));

    // THEN (the provider's url comes from KEYCLOAK_URL, the official provider's default for it)
    expect(problems.filter((problem) => problem !== "provider.keycloak.url (required, missing)")).toEqual([]);
  });
});
