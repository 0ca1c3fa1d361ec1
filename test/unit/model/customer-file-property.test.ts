import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktn";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import type { Customer } from "../../../lib/model/customer-file";
import { ENVIRONMENT_NAMES } from "../../../lib/environments";
import { loadCustomers } from "../../../lib/model/load-customers";
import { RealmStack } from "../../../lib/constructs/realm-stack";
import { CDKTN_TOKEN_MARKER, literal } from "../../../lib/model/terraform-literal";
import { ValidationError, type Problem } from "../../../lib/model/validation-error";
import { anyText } from "./text-arbitraries";
import { FIXTURES } from "./customer-fixtures";
import { testSettings } from "../test-settings";

const settings = testSettings();
const ROLES = settings.backend.roles.map((role) => role.name);
/** An inline public key that passes every rule, from a fixture. */
const INLINE_KEY_AUTH: unknown = parse(readFileSync(join(FIXTURES, "valid-private-key-jwt/globex.yaml"), "utf8")).auth;

/** Values of the wrong type for any field. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

/** Text nobody means to write in a field: odd Unicode, controls, markers, key material, empty, huge. */
const oddText = fc.oneof(
  anyText,
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)), maxLength: 10 }),
  fc.constantFrom(
    "\u202Egnp.exe",
    "A\u200Bcme",
    `x${CDKTN_TOKEN_MARKER}1]}`,
    "-----BEGIN PRIVATE KEY----- MIIEvQ",
    '{"kty":"EC","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}',
    "e\u0301",
    "   ",
    "",
  ),
  fc.integer({ min: 90, max: 70_000 }).map((length) => "x".repeat(length)),
);

/** The fields of a valid customer file, optional ones now and then. */
const validFields = fc
  .record({
    displayName: fc.stringMatching(/^[A-Z][A-Za-z0-9 .&'-]{0,30}$/),
    contactEmail: fc.stringMatching(/^[a-z][a-z0-9]{0,10}([.+-][a-z0-9]{1,8})?@[a-z][a-z0-9]{0,12}\.example$/),
    description: fc.stringMatching(/^[A-Z][a-z ,.]{0,80}$/),
    roles: fc.subarray(ROLES, { minLength: 1 }),
    enabled: fc.option(fc.boolean(), { nil: undefined }),
    environments: fc.option(fc.subarray([...ENVIRONMENT_NAMES], { minLength: 1 }), { nil: undefined }),
    auth: fc.option(
      fc.constantFrom<unknown>(
        { method: "client-secret" },
        { method: "private-key-jwt", jwksUrl: "https://keys.acme.example/.well-known/jwks.json" },
        INLINE_KEY_AUTH,
      ),
      { nil: undefined },
    ),
    secretVersion: fc.option(fc.integer({ min: 1, max: 1_000 }), { nil: undefined }),
    accessTokenLifespanSeconds: fc.option(fc.integer({ min: 60, max: 300 }), { nil: undefined }),
  })
  // Only a client secret can be rotated.
  .map(({ secretVersion, ...fields }) =>
    fields.auth === undefined || (fields.auth as { method: string }).method === "client-secret"
      ? { ...fields, secretVersion }
      : fields,
  );

/** A field set to what it should not be, or removed (undefined); unknown fields among them. */
const wrongField = fc.record({
  field: fc.oneof(
    fc.constantFrom(
      "displayName",
      "contactEmail",
      "description",
      "roles",
      "enabled",
      "environments",
      "auth",
      "secretVersion",
      "accessTokenLifespanSeconds",
      "clientSecret",
      "adopt",
      "",
    ),
    oddText,
  ),
  value: fc.oneof(
    wrongType,
    oddText,
    fc.constant(undefined),
    fc.array(
      fc.oneof(fc.constantFrom<unknown>(...ROLES, "orders:delete", "ORDERS:READ", { orders: "read" }), oddText),
      { maxLength: 4 },
    ),
    fc.constantFrom<unknown>(
      ["qa"],
      0,
      30,
      400,
      { method: "client-secret-jwt" },
      { method: "private-key-jwt", jwksUrl: "https://10.0.0.1/jwks" },
      { method: "private-key-jwt", jwksUrl: "http://keys.acme.example/jwks" },
      { method: "private-key-jwt", jwksUrl: "https://keys.acme.example/jwks", algorithm: { name: "ES256" } },
      { method: { name: "client-secret" } },
    ),
    fc.record({ method: fc.constant("private-key-jwt"), jwksUrl: fc.webUrl() }),
  ),
});

/** How the fields are written out: YAML's own styles. */
const style = fc.record({
  collectionStyle: fc.constantFrom("any", "block", "flow"),
  defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"),
} as const);

/** What goes wrong in the text after it was written: edits, aliases, comments. */
const edit = fc.oneof(
  fc.record({ insert: oddText, at: fc.nat() }),
  fc.record({ remove: fc.integer({ min: 1, max: 40 }), at: fc.nat() }),
  fc.record({ duplicateLine: fc.nat() }),
  fc.record({ comment: oddText }),
  fc.constant({ alias: true }),
  fc.constant({ aliasBomb: true }),
);

/** How the text becomes bytes: UTF-8 usually, or what an editor on another system saves. */
const encoding = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ as: "utf-8" as const }) },
  fc.constantFrom(
    { as: "utf-8 with BOM" as const },
    { as: "utf-16le" as const },
    { as: "utf-16le with BOM" as const },
    { as: "latin1" as const },
  ),
  fc.record({
    as: fc.constant("utf-8 with a stray byte" as const),
    byte: fc.integer({ min: 0x80, max: 0xff }),
    at: fc.nat(),
  }),
);

const fileName = fc.oneof(
  { weight: 10, arbitrary: fc.constant("acme.yaml") },
  fc.constantFrom("globex-2.yaml", "ACME.yaml", "ab.yaml", "account.yaml", "test-api.yaml", "x_y.yaml", "acme.yml"),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;
type Encoding = typeof encoding extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, change: Edit): string {
  const at = (n: number) => n % (text.length + 1);
  if ("insert" in change) return text.slice(0, at(change.at)) + change.insert + text.slice(at(change.at));
  if ("remove" in change) return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.remove);
  if ("duplicateLine" in change) {
    const lines = text.split("\n");
    const index = change.duplicateLine % lines.length;
    return [...lines.slice(0, index + 1), ...lines.slice(index)].join("\n");
  }
  if ("comment" in change) return `${text}# ${change.comment}\n`;
  if ("alias" in change)
    return text.replace(/^displayName: /m, "displayName: &name ").replace(/^description: .*$/m, "description: *name");
  return `${text}bomb: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n`;
}

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding.as) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8 with BOM":
      return Buffer.from(`\uFEFF${text}`, "utf8");
    case "utf-16le":
      return Buffer.from(text, "utf16le");
    case "utf-16le with BOM":
      return Buffer.from(`\uFEFF${text}`, "utf16le");
    case "latin1":
      return Buffer.from(text, "latin1");
    case "utf-8 with a stray byte": {
      const bytes = Buffer.from(text, "utf8");
      const at = encoding.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([encoding.byte]), bytes.subarray(at)]);
    }
  }
}

const customerFile = fc.oneof(
  // Valid files, written in any YAML style, to be accepted.
  fc.record({
    name: fc.constantFrom("acme.yaml", "globex-2.yaml"),
    fields: validFields,
    wrong: fc.constant([]),
    style,
    edits: fc.constant<Edit[]>([]),
    encoding: fc.constant<Encoding>({ as: "utf-8" }),
  }),
  // The same, then broken in one or more ways.
  {
    weight: 2,
    arbitrary: fc.record({
      name: fileName,
      fields: validFields,
      wrong: fc.array(wrongField, { maxLength: 3 }),
      style,
      edits: fc.array(edit, { maxLength: 2 }),
      encoding,
    }),
  },
);

type CustomerFile = typeof customerFile extends fc.Arbitrary<infer T> ? T : never;

function bytesOf(file: CustomerFile): Buffer {
  const fields: Record<string, unknown> = { ...file.fields };
  for (const { field, value } of file.wrong) fields[field] = value;
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const text = file.edits.reduce(applyEdit, stringify(present, { ...file.style, lineWidth: 0 }));
  return encode(text, file.encoding);
}

/** What loading a folder gives: the customers, or the problems listed. Anything else thrown fails the test. */
function load(
  directory: string,
  relativeTo: string,
): { customers: Customer[] } | { problems: Problem[]; message: string } {
  try {
    return { customers: loadCustomers({ directory, settings, relativeTo }) };
  } catch (error) {
    if (error instanceof ValidationError) return { problems: [...error.problems], message: error.message };
    throw error;
  }
}

/** A customer's client in a synthesized stack, as the engine would read it. */
function synthesizedClient(customer: Customer): Record<string, unknown> | undefined {
  const stack = new RealmStack(Testing.app(), "realm", { settings, customers: [customer] });
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: { keycloak_openid_client: Record<string, Record<string, unknown>> };
  };
  return Object.values(json.resource.keycloak_openid_client).find((client) => client.client_id === customer.id);
}

describe("any customer file (property)", () => {
  const root = mkdtempSync(join(tmpdir(), "customer-property-"));
  const customers = join(root, "customers");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("is either accepted and synthesized, or refused naming the file and a rule, other files' problems still listed", () => {
    // GIVEN a file whose problems are known, to be listed whatever its neighbour is
    const sibling = "zzz.yaml";
    mkdirSync(customers);
    writeFileSync(join(customers, sibling), "displayName: Z\n");
    const siblingAlone = load(customers, root);
    if (!("problems" in siblingAlone)) throw new Error("the sibling file should be refused");
    rmSync(customers, { recursive: true });
    const outcomes = { accepted: 0, refused: 0 };

    fc.assert(
      fc.property(customerFile, (file) => {
        mkdirSync(customers);
        try {
          // WHEN the file is loaded alone, and beside the broken one
          writeFileSync(join(customers, file.name), bytesOf(file));
          const alone = load(customers, root);
          writeFileSync(join(customers, sibling), "displayName: Z\n");
          const beside = load(customers, root);

          // THEN
          outcomes["customers" in alone ? "accepted" : "refused"]++;
          if ("customers" in alone) {
            const [customer] = alone.customers;
            expect(alone.customers).toHaveLength(1);
            expect(customer!.file).toBe(`customers/${file.name}`);
            const client = synthesizedClient(customer!);
            // As the engine is given it: escaped so it reads back as written (terraform-literal.test.ts).
            expect(client?.name).toBe(literal(customer!.displayName));
            expect(client?.description).toBe(literal(customer!.description));
            expect(beside).toEqual(siblingAlone);
          } else {
            expect(alone.problems.length).toBeGreaterThan(0);
            for (const problem of alone.problems) {
              expect(problem.file).toBe(`customers/${file.name}`);
              expect(problem.field).not.toBe("");
              expect(problem.rule).toMatch(/\w/);
              expect(problem.rule).not.toContain("[object Object]");
            }
            // One line per problem: nothing in a file forges a line of the report.
            expect(alone.message.split("\n")).toHaveLength(alone.problems.length + 1);
            expect("problems" in beside && beside.problems).toEqual([...alone.problems, ...siblingAlone.problems]);
          }
        } finally {
          rmSync(customers, { recursive: true });
        }
      }),
      { numRuns: 1_000 },
    );
    // Both outcomes stay common: a generator that drifted to one of them would test half of this.
    expect(outcomes.accepted).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  }, 300_000);
});
