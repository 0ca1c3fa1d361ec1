import { z } from "zod";
import { KEYCLOAK_BUILT_IN_CLIENTS } from "./keycloak-built-ins";
import { customerAuthSchema } from "./customer-auth";
import { ENVIRONMENT_NAMES } from "../environments";
import { isAgeRecipient } from "./secret-handover";
import { secretLifetimes, SLUG, type Settings } from "./settings";
import { describeValue, text, unlessMissing } from "./text-rules";

/** Construct id of the scope holding every customer (RealmStack); part of every customer resource name. */
export const CUSTOMERS_SCOPE = "customers";

/** Customer ids are client ids in Keycloak: a lower-case slug of bounded length. */
export const CUSTOMER_ID_MIN_LENGTH = 3;
export const CUSTOMER_ID_MAX_LENGTH = 40;

/** Whole seconds from `min` to `max`, where `max` is `limit` (e.g. "the realm's grace period"). */
function seconds(min: number, max: number, limit: string) {
  return z
    .number({ error: "must be a whole number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .min(min, { error: (issue) => `must be at least ${min} s, got ${issue.input}` })
    .max(max, { error: (issue) => `must be at most ${limit} (${max} s), got ${issue.input}` });
}

/** The contents of `customers/<id>.yaml`. The id is the file name, never a field. */
export function customerFileSchema(settings: Settings) {
  const roleNames = settings.backend.roles.map((role) => role.name);
  const maxLifespan = settings.realm.accessTokenLifespanSeconds;
  const { graceSeconds: maxGrace } = secretLifetimes(settings);
  return z
    .object({
      displayName: text(100).describe("Name shown in the admin console, e.g. the customer's company name."),
      contactEmail: z
        .email({ error: unlessMissing("must be an e-mail address") })
        .max(254, { error: "must be at most 254 characters (RFC 5321)" })
        .describe("Who to contact about this integration: credential hand-over, rotation, incidents."),
      description: text(255).describe("What the customer's application does with the API."),
      enabled: z
        .boolean({ error: "must be true or false" })
        .default(true)
        .describe("false suspends the customer: its token requests are refused; the client is kept."),
      roles: z
        .array(
          z.enum(roleNames, {
            error: (issue) =>
              typeof issue.input === "string"
                ? `unknown role '${issue.input}'; the backend declares: ${roleNames.join(", ")}`
                : `must be a role name, got ${describeValue(issue.input)}; quote it: '${roleNames[0]}'`,
          }),
          { error: unlessMissing("must be a list of role names") },
        )
        .min(1, { error: "must name at least one role" })
        .refine((roles) => new Set(roles).size === roles.length, { error: "must not repeat a role" })
        .describe("API roles granted to the customer's tokens, and nothing else."),
      environments: z
        .array(
          z.enum(ENVIRONMENT_NAMES, {
            error: (issue) =>
              (typeof issue.input === "string"
                ? `unknown environment '${issue.input}'`
                : `must be an environment name, got ${describeValue(issue.input)}`) +
              `; environments are: ${ENVIRONMENT_NAMES.join(", ")}`,
          }),
          { error: "must be a list of environment names" },
        )
        .min(1, { error: "must name at least one environment (delete the file to remove the customer)" })
        .refine((names) => new Set(names).size === names.length, { error: "must not repeat an environment" })
        .default([...ENVIRONMENT_NAMES])
        .describe("Where the customer exists; onboard in staging first, then add production. Default: everywhere."),
      auth: customerAuthSchema(settings.customers?.jwksHosts),
      secretVersion: z
        .number({ error: "must be a whole number" })
        .int({ error: "must be a whole number" })
        .min(1, { error: "must be at least 1" })
        .optional()
        .describe(
          "Bump it (2, 3, ...) to rotate the client secret on the next deploy: the previous one keeps working " +
            "for the grace period (secretRotationGraceSeconds), then stops.",
        ),
      secretRotationGraceSeconds: seconds(0, maxGrace, "the realm's grace period")
        .optional()
        .describe(
          "How long the previous secret keeps working after a rotation; 0 cuts over at once (e.g. after a leak). " +
            "Default: the realm's.",
        ),
      ageRecipient: z
        .string({ error: "must be an age public key (age1...)" })
        .refine(isAgeRecipient, {
          error: (issue) =>
            String(issue.input).startsWith("AGE-SECRET-KEY-")
              ? "is an age private key: put only the public key (age1...) here, and replace that key pair"
              : "must be an age public key: 'age1' followed by 58 letters and digits (age-keygen -y prints it)",
        })
        .optional()
        .describe(
          "The customer's age public key: `npm run credentials -- <id> --encrypted` encrypts the secret to it " +
            "for the handover.",
        ),
      accessTokenLifespanSeconds: seconds(60, maxLifespan, "the realm's access token lifespan")
        .optional()
        .describe("Shorter access tokens for this customer; default: the realm's lifespan."),
      adopt: z
        .never({
          error:
            "is not a customer-file field: adopting a client made by hand is the operator's decision " +
            "(settings customers.adoptable in lib/environments.ts)",
        })
        .optional(),
    })
    .strict()
    .superRefine((customer, ctx) => {
      if (customer.auth.method === "client-secret") return;
      const secretOnly = { secretVersion: "rotate", secretRotationGraceSeconds: "rotate", ageRecipient: "hand over" };
      for (const [field, verb] of Object.entries(secretOnly) as [keyof typeof secretOnly, string][]) {
        if (customer[field] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `a ${customer.auth.method} client has no secret to ${verb}`,
          });
        }
      }
    })
    .describe("A customer of the API: one confidential client with a service account. The id is the file name.");
}

export type CustomerFile = z.infer<ReturnType<typeof customerFileSchema>>;

/** A validated customer, ready to become a Keycloak client. */
export interface Customer extends CustomerFile {
  /** The file name without `.yaml`; also the Keycloak client id. */
  readonly id: string;
  /** Repository-relative path of the file it came from. */
  readonly file: string;
}

/**
 * Seconds a customer's previous secret keeps working after a rotation: its file's, else the realm's;
 * undefined for a customer that authenticates without a secret.
 */
export function rotationGraceSeconds(
  customer: Pick<CustomerFile, "auth" | "secretRotationGraceSeconds">,
  settings: Pick<Settings, "customers">,
): number | undefined {
  if (customer.auth.method !== "client-secret") return undefined;
  return customer.secretRotationGraceSeconds ?? secretLifetimes(settings).graceSeconds;
}

/** JSON Schema of a customer file, for editor completion (`customers/schema.json`). */
export function customerJsonSchema(settings: Settings): Record<string, unknown> {
  return {
    ...z.toJSONSchema(customerFileSchema(settings), { io: "input" }),
    title: "Customer of the API",
  };
}

/** Why an id cannot be used, or undefined when it can. */
export function customerIdProblem(id: string, settings: Settings): string | undefined {
  if (id.length < CUSTOMER_ID_MIN_LENGTH || id.length > CUSTOMER_ID_MAX_LENGTH) {
    return `the id (file name) must be ${CUSTOMER_ID_MIN_LENGTH} to ${CUSTOMER_ID_MAX_LENGTH} characters, got ${id.length}`;
  }
  if (!SLUG.test(id)) {
    return `the id (file name) '${id}' must be a lower-case slug: a-z, 0-9 and inner hyphens, starting with a letter`;
  }
  // cdktn drops a construct id that its parent's id ends with ("customers" / "ers"), which would
  // merge this customer's resource names with the scope's.
  if (CUSTOMERS_SCOPE.endsWith(id)) {
    return `the id '${id}' is reserved: it would clash with resource names of the '${CUSTOMERS_SCOPE}' scope`;
  }
  if (KEYCLOAK_BUILT_IN_CLIENTS.includes(id)) {
    return `the id '${id}' is a client Keycloak creates in every realm`;
  }
  if (id === settings.frontend.clientId || id === settings.backend.clientId) {
    return `the id '${id}' is the client id of our own ${id === settings.frontend.clientId ? "frontend" : "backend"}`;
  }
  return undefined;
}
