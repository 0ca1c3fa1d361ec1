import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerFileSchema } from "../../../lib/model/customer-file";
import { literal } from "../../../lib/model/terraform-literal";
import { anyText, INJECTIONS } from "./text-arbitraries";
import { customer, synthRealm } from "../synth";
import { testSettings } from "../test-settings";

/**
 * What the engine makes of a configuration string that holds no interpolation or directive:
 * `$${` and `%%{` read as `${` and `%{` (HCL template escapes). An unescaped `${` or `%{` means
 * the engine would evaluate something, and fails the test.
 */
function engineReads(value: string): string {
  let text = "";
  for (let i = 0; i < value.length; i++) {
    const [char, next, third] = [value[i], value[i + 1], value[i + 2]];
    if ((char === "$" || char === "%") && next === char && third === "{") {
      text += `${char}{`;
      i += 2;
    } else if ((char === "$" || char === "%") && next === "{") {
      throw new Error(
        `the engine would evaluate ${JSON.stringify(value.slice(i, i + 30))} in ${JSON.stringify(value)}`,
      );
    } else {
      text += char;
    }
  }
  return text;
}

/** A reference the constructs make themselves: `${type.name.attribute}`, nothing callable. */
const REFERENCE = /\$\{[a-z_]+(\.[A-Za-z0-9_-]+)+\}/g;

/** Every string in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

describe("text from customer files and settings", () => {
  it("reaches every string of the synthesized configuration as a literal; only the constructs' own references remain", () => {
    // GIVEN every free-text field of a customer and of the settings carries template expressions
    const [payload] = INJECTIONS as [string];
    const settings = testSettings((draft) => {
      draft.realm.displayName = payload;
      draft.backend.roles[0]!.description = payload;
    });
    const customers = [
      customer("acme", { displayName: payload, description: payload }),
      customer("globex", {
        displayName: INJECTIONS[1],
        description: INJECTIONS[3],
        auth: { method: "private-key-jwt", algorithm: "ES256", jwks: { keys: [{ kty: "EC", kid: payload }] } },
      }),
    ];

    // WHEN
    const realm = synthRealm(customers, settings);

    // THEN no string holds an expression but the references between resources
    const strings = stringsIn(realm.json);
    for (const value of strings) engineReads(value.replace(REFERENCE, ""));
    // AND the payload reads back whole: realm name, role description, acme's name and description, globex's key id
    expect(strings.filter((value) => engineReads(value.replace(REFERENCE, "")).includes(payload))).toHaveLength(4);
    const globex = Object.values(realm.all("keycloak_openid_client")).find((c) => c.client_id === "globex")!;
    const jwks = JSON.parse(engineReads((globex.extra_config as Record<string, string>)["jwks.string"]!));
    expect(jwks.keys[0].kid).toBe(payload);
  });

  it("reads back exactly as written, for any text the customer-file rules accept (property)", () => {
    const schema = customerFileSchema(testSettings());
    const base = { contactEmail: "ops@acme.example", roles: ["orders:read"] };
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, anyText), { minLength: 20, maxLength: 60 }), (pairs) => {
        // GIVEN the pairs the rules accept, as display name and description of one customer each
        const accepted = pairs
          .map(([displayName, description]) => schema.safeParse({ ...base, displayName, description }))
          .filter((result) => result.success)
          .map((result, index) => customer(`customer-${index}`, result.data));

        // WHEN
        const clients = synthRealm(accepted).all("keycloak_openid_client");

        // THEN
        for (const accepted_ of accepted) {
          const client = Object.values(clients).find((config) => config.client_id === accepted_.id)!;
          expect(engineReads(String(client.name))).toBe(accepted_.displayName);
          expect(engineReads(String(client.description))).toBe(accepted_.description);
        }
      }),
      { numRuns: 8 },
    );
  });

  it("escapes so that the engine's reading gives back any string (property)", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(engineReads(literal(text))).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });
});
