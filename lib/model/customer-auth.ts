import { createPublicKey, type AsymmetricKeyDetails, type JsonWebKey } from "node:crypto";
import { z } from "zod";
import { jwksUrlSchema } from "./jwks-url";
import { PRIVATE_JWK_MEMBERS } from "./private-key-material";
import { describeValue, unlessMissing } from "./text-rules";

/** Signing algorithms a customer may pin for its client assertions (RFC 7518), by key type. */
export const ASSERTION_ALGORITHMS = { RS256: "RSA", PS256: "RSA", ES256: "EC" } as const;
export type AssertionAlgorithm = keyof typeof ASSERTION_ALGORITHMS;
/** Below this, RSA keys are refused (NIST SP 800-57: 2048 bits until 2030). */
export const MIN_RSA_BITS = 2048;
/** Above this, RSA keys are refused: nothing needs more, and each costs Keycloak a slower verify. */
export const MAX_RSA_BITS = 8192;
/** Inline keys per customer: enough for a current, a next and a previous key. */
export const MAX_INLINE_KEYS = 5;

/** NIST SP 800-56B: RSA public exponents are at least 65537. */
const MIN_RSA_EXPONENT = 65_537n;

/** base64url (RFC 7515 §2) of at most `max` characters. */
const base64url = (max: number) =>
  z
    .string({ error: unlessMissing("must be a base64url string") })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: "must be base64url (A-Z, a-z, 0-9, - and _, no padding)" });

/** The members a public signing key may have beside its key material. */
const commonMembers = {
  kty: z.string(),
  kid: z
    .string({ error: "must be a string" })
    .regex(/^[\x21-\x7e]{1,128}$/, { error: "must be 1 to 128 printable ASCII characters" })
    .optional(),
  use: z.literal("sig", { error: "must be 'sig': these keys verify signatures" }).optional(),
  alg: z.string({ error: "must be a string" }).optional(),
};

/** The public members of each key type (RFC 7518 §6.2.1, §6.3.1); anything else is refused. */
const PUBLIC_MEMBERS = {
  RSA: z.object({ ...commonMembers, n: base64url(Math.ceil(MAX_RSA_BITS / 6)), e: base64url(8) }).strict(),
  EC: z
    .object({
      ...commonMembers,
      crv: z.literal("P-256", { error: "must be P-256 (for ES256)" }),
      x: base64url(43),
      y: base64url(43),
    })
    .strict(),
};

/**
 * A public signing key as a JWK: only the public members of its type, each checked, then parsed as
 * Node's crypto does. Private members get a message of their own: someone pasted a private key.
 */
const publicJwk = z
  .object({ kty: z.string({ error: "is required" }) })
  .catchall(z.unknown())
  .superRefine((jwk, ctx) => {
    const privateMembers = PRIVATE_JWK_MEMBERS.filter((m) => m in jwk);
    for (const member of privateMembers) {
      ctx.addIssue({
        code: "custom",
        path: [member],
        message: "is private key material: give public keys only, and never put a private key in this repository",
      });
    }
    if (privateMembers.length > 0) return;
    if (jwk.kty !== "RSA" && jwk.kty !== "EC") {
      ctx.addIssue({ code: "custom", path: ["kty"], message: "must be RSA or EC" });
      return;
    }
    const members = PUBLIC_MEMBERS[jwk.kty].safeParse(jwk);
    if (!members.success) {
      for (const issue of members.error.issues) {
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) {
            ctx.addIssue({
              code: "custom",
              path: [key],
              message: `is not a public member of an ${jwk.kty} signing key (allowed: ${Object.keys(PUBLIC_MEMBERS[jwk.kty].shape).join(", ")})`,
            });
          }
        } else {
          ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
        }
      }
      return;
    }
    let details: AsymmetricKeyDetails;
    try {
      details = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }).asymmetricKeyDetails ?? {};
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `is not a valid ${jwk.kty} public key: ${(error as Error).message}` });
      return;
    }
    const bits = details.modulusLength ?? 0;
    if (jwk.kty === "RSA" && (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS)) {
      ctx.addIssue({
        code: "custom",
        path: ["n"],
        message: `RSA key is ${bits} bits: ${MIN_RSA_BITS} to ${MAX_RSA_BITS} are accepted`,
      });
    }
    if (jwk.kty === "RSA" && (details.publicExponent ?? 0n) < MIN_RSA_EXPONENT) {
      ctx.addIssue({ code: "custom", path: ["e"], message: "must be at least 65537 (AQAB)" });
    }
  });

/**
 * How a customer authenticates. `allowedJwksHosts`: the operator's list of hosts JWKS URLs may name
 * (settings `customers.jwksHosts`); any public host when undefined.
 */
export function customerAuthSchema(allowedJwksHosts?: readonly string[]) {
  return z
    .discriminatedUnion(
      "method",
      [
        z.object({ method: z.literal("client-secret") }).strict(),
        z
          .object({
            method: z.literal("private-key-jwt"),
            jwksUrl: jwksUrlSchema(allowedJwksHosts)
              .optional()
              .describe("Where the customer publishes its public keys (JWKS): https on a public host."),
            jwks: z
              .object({
                keys: z
                  .array(publicJwk)
                  .min(1, { error: "must hold at least one key" })
                  .max(MAX_INLINE_KEYS, { error: `must hold at most ${MAX_INLINE_KEYS} keys` }),
              })
              .strict()
              .optional()
              .describe("The customer's public keys inline, when it publishes no JWKS URL."),
            algorithm: z
              .enum(Object.keys(ASSERTION_ALGORITHMS) as [AssertionAlgorithm, ...AssertionAlgorithm[]], {
                error: (issue) =>
                  (typeof issue.input === "string"
                    ? `unsupported algorithm '${issue.input}'`
                    : `must be an algorithm name, got ${describeValue(issue.input)}`) +
                  `; use one of ${Object.keys(ASSERTION_ALGORITHMS).join(", ")}`,
              })
              .default("RS256")
              .describe("The one algorithm Keycloak accepts for this client's assertions."),
          })
          .strict()
          .superRefine((auth, ctx) => {
            if ((auth.jwksUrl === undefined) === (auth.jwks === undefined)) {
              ctx.addIssue({ code: "custom", message: "private-key-jwt needs exactly one of 'jwksUrl' or 'jwks'" });
            }
            const wanted = ASSERTION_ALGORITHMS[auth.algorithm];
            auth.jwks?.keys.forEach((key, index) => {
              if (key.kty !== wanted) {
                ctx.addIssue({
                  code: "custom",
                  path: ["jwks", "keys", index, "kty"],
                  message: `is ${String(key.kty)}, but algorithm ${auth.algorithm} needs ${wanted} keys`,
                });
              } else if (key.alg !== undefined && key.alg !== auth.algorithm) {
                ctx.addIssue({
                  code: "custom",
                  path: ["jwks", "keys", index, "alg"],
                  message: `is ${String(key.alg)}, but this client's algorithm is ${auth.algorithm}`,
                });
              }
            });
          }),
      ],
      { error: "'method' must be client-secret or private-key-jwt" },
    )
    .default({ method: "client-secret" })
    .describe(
      "How the customer authenticates: a shared secret (default), or private_key_jwt (RFC 7523) with its public keys.",
    );
}

export type CustomerAuth = z.infer<ReturnType<typeof customerAuthSchema>>;
