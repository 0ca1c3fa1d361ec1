import { createPublicKey, type AsymmetricKeyDetails, type JsonWebKey } from "node:crypto";
import { z } from "zod";

/** Signing algorithms a customer may pin for its client assertions (RFC 7518), by key type. */
export const ASSERTION_ALGORITHMS = { RS256: "RSA", PS256: "RSA", ES256: "EC" } as const;
export type AssertionAlgorithm = keyof typeof ASSERTION_ALGORITHMS;
/** Below this, RSA keys are refused (NIST SP 800-57: 2048 bits until 2030). */
export const MIN_RSA_BITS = 2048;
/** JWK members that carry private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/** NIST SP 800-56B: RSA public exponents are at least 65537. */
const MIN_RSA_EXPONENT = 65_537n;

/** A public signing key as a JWK, checked by parsing it as Node's crypto does; each problem on its member. */
const publicJwk = z
  .object({ kty: z.string({ error: "is required" }) })
  .catchall(z.unknown())
  .superRefine((jwk, ctx) => {
    const privateMembers = PRIVATE_MEMBERS.filter((m) => m in jwk);
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
    let details: AsymmetricKeyDetails;
    try {
      details = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }).asymmetricKeyDetails ?? {};
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `is not a valid ${jwk.kty} public key: ${(error as Error).message}` });
      return;
    }
    if (jwk.kty === "RSA" && (details.modulusLength ?? 0) < MIN_RSA_BITS) {
      ctx.addIssue({
        code: "custom",
        path: ["n"],
        message: `RSA key is ${details.modulusLength} bits: at least ${MIN_RSA_BITS} are required`,
      });
    }
    if (jwk.kty === "RSA" && (details.publicExponent ?? 0n) < MIN_RSA_EXPONENT) {
      ctx.addIssue({ code: "custom", path: ["e"], message: "must be at least 65537 (AQAB)" });
    }
    if (jwk.kty === "EC" && details.namedCurve !== "prime256v1") {
      ctx.addIssue({ code: "custom", path: ["crv"], message: "must be P-256 (for ES256)" });
    }
  });

const httpsUrl = z
  .url({ error: "must be an absolute URL" })
  .refine((value) => value.startsWith("https://"), {
    error: "must use https://: Keycloak trusts whatever keys this URL serves",
  })
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), {
    error: "must not carry credentials: they would be committed and deployed in clear",
  });

export const customerAuthSchema = z
  .discriminatedUnion(
    "method",
    [
      z.object({ method: z.literal("client-secret") }).strict(),
      z
        .object({
          method: z.literal("private-key-jwt"),
          jwksUrl: httpsUrl.optional().describe("Where the customer publishes its public keys (JWKS)."),
          jwks: z
            .object({ keys: z.array(publicJwk).min(1, { error: "must hold at least one key" }) })
            .strict()
            .optional()
            .describe("The customer's public keys inline, when it publishes no JWKS URL."),
          algorithm: z
            .enum(Object.keys(ASSERTION_ALGORITHMS) as [AssertionAlgorithm, ...AssertionAlgorithm[]], {
              error: (issue) =>
                `unsupported algorithm '${String(issue.input)}'; use one of ${Object.keys(ASSERTION_ALGORITHMS).join(", ")}`,
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

export type CustomerAuth = z.infer<typeof customerAuthSchema>;

/** PEM private keys anywhere in a file's text, whatever field (or comment) they hide in. */
export function containsPemPrivateKey(text: string): boolean {
  return /-----BEGIN ([A-Z]+ )*PRIVATE KEY-----/.test(text);
}
