import { z } from "zod";
import { jwksHostPattern } from "./jwks-url";
import { KEYCLOAK_BUILT_IN_CLIENTS } from "./keycloak-built-ins";
import { text } from "./text-rules";
import { problemsFromIssues, ValidationError } from "./validation-error";
import { MAX_CUSTOMER_SHARDS } from "./shards";

/** Lower-case slug: letters, digits and inner hyphens. */
export const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** An API role as the backend checks it, e.g. `orders:read`. */
export const API_ROLE = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * HTTPS, or plain HTTP on a loopback host (RFC 8252 §7.3: local development). Written the one way
 * a URL parser writes it back, so the host that was checked is the host Keycloak compares against.
 */
const secureUrl = z.url({ error: "must be an absolute URL" }).superRefine((value, ctx) => {
  // zod runs refinements after a failed format check too; that failure is already reported.
  if (!URL.canParse(value)) return;
  const url = new URL(value);
  if (url.href !== value && url.href !== `${value}/`) {
    ctx.addIssue({ code: "custom", message: `must be written in canonical form: ${url.href}` });
  } else if (url.username || url.password) {
    ctx.addIssue({ code: "custom", message: "must not carry credentials" });
  } else if (url.hash) {
    ctx.addIssue({ code: "custom", message: "must not have a #fragment (OAuth 2.0 forbids it in redirect URIs)" });
  } else if (!(url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)))) {
    ctx.addIssue({ code: "custom", message: "must use https:// (plain http:// only on localhost)" });
  }
});

/** An exact URL: Keycloak treats `*` as a wildcard, which turns an allow-list into a pattern. */
const exactUrl = secureUrl.refine((value) => !value.includes("*"), {
  error: "must be exact: wildcards are refused",
});

/** A web origin: scheme, host and port only, as browsers send it in `Origin`. */
const origin = exactUrl.refine((value) => !URL.canParse(value) || new URL(value).origin === value, {
  error: "must be an origin (scheme://host[:port], no path or trailing slash)",
});

/** A client id of ours: a slug that is not one of Keycloak's own clients. */
const ownClientId = z
  .string()
  .regex(SLUG, { error: "must be a lower-case slug" })
  .refine((id) => !KEYCLOAK_BUILT_IN_CLIENTS.includes(id), { error: "is a client Keycloak creates in every realm" });

/** `id` or `id(value)`, joined by ` and `: Keycloak's password policy syntax; values printable ASCII without parentheses. */
const PASSWORD_POLICY = /^[a-zA-Z]+(\([\x20-\x27\x2a-\x7e]*\))?( and [a-zA-Z]+(\([\x20-\x27\x2a-\x7e]*\))?)*$/;
/** NIST SP 800-63B's floor for a password; the default policy asks 12. */
const MIN_PASSWORD_LENGTH = 8;

/** The length Keycloak enforces: the last `length(n)`, as its policy parser keeps the last of an id. */
function minimumLength(policy: string): number {
  const lengths = [...policy.matchAll(/(?:^| )length\((\d+)\)/g)];
  return Number(lengths.at(-1)?.[1] ?? 0);
}

/** 90 days: a previous secret that works longer is a second credential, not a grace period. */
const MAX_SECRET_ROTATION_GRACE_SECONDS = 7_776_000;
/** 5 years. */
const MAX_SECRET_MAX_AGE_SECONDS = 157_680_000;

const seconds = (min: number, max: number) =>
  z
    .number()
    .int()
    .min(min, { error: (issue) => `must be at least ${min} s, got ${issue.input}` })
    .max(max, { error: (issue) => `must be at most ${max} s, got ${issue.input}` });

export const settingsSchema = z
  .object({
    realm: z
      .object({
        name: z.string().regex(SLUG, { error: "must be a lower-case slug" }).max(36),
        displayName: text(100),
        /** `external`: HTTPS except from private addresses; `all` for production behind TLS everywhere. */
        sslRequired: z.enum(["external", "all"]),
        accessTokenLifespanSeconds: seconds(60, 300),
        ssoSessionIdleSeconds: seconds(300, 86_400),
        ssoSessionMaxSeconds: seconds(600, 604_800),
        /** How long events and admin events are kept. */
        eventsExpirationSeconds: seconds(3_600, 31_536_000),
        /** Keycloak password policies joined by ` and `, e.g. `length(12) and notUsername`; Keycloak checks the ids. */
        passwordPolicy: z
          .string()
          .regex(PASSWORD_POLICY, {
            error: "must be Keycloak policies joined by ' and ', e.g. 'length(12) and notUsername'",
          })
          .refine((policy) => minimumLength(policy) >= MIN_PASSWORD_LENGTH, {
            error: `must contain length(n) with n at least ${MIN_PASSWORD_LENGTH}`,
          }),
        /** Temporary lockouts before a user is disabled (HardenedRealm). */
        maxTemporaryLockouts: z
          .number()
          .int()
          // 0 cannot be deployed: the provider leaves 0 out of the request (upstream does too), so
          // Keycloak would keep the old cap and every later apply fail on the mismatch.
          .min(1, { error: (issue) => `must be at least 1, got ${issue.input}` })
          .max(50, { error: (issue) => `must be at most 50, got ${issue.input}` }),
      })
      .strict(),
    frontend: z
      .object({
        clientId: ownClientId,
        rootUrl: exactUrl,
        redirectUris: z.array(exactUrl).min(1),
        postLogoutRedirectUris: z.array(exactUrl),
        webOrigins: z.array(origin).min(1),
      })
      .strict(),
    backend: z
      .object({
        clientId: ownClientId,
        roles: z
          .array(
            z
              .object({
                name: z.string().regex(API_ROLE, { error: "must look like 'resource:action', e.g. 'orders:read'" }),
                description: text(255),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
    /** Rules customer files are held to beyond the schema. */
    customers: z
      .object({
        /** When set, private_key_jwt customers' JWKS URLs must be on these hosts (`*.domain` for every host under it). */
        jwksHosts: z.array(jwksHostPattern).min(1).optional(),
        /**
         * Clients made by hand that a customer file of the same id may take over (keeping their id and
         * secret): an operator's decision, never a customer file's.
         */
        adoptable: z.array(z.string().regex(SLUG, { error: "must be a client id (a lower-case slug)" })).optional(),
        /**
         * After a rotation (a customer's `secretVersion` bumped), how long the previous secret keeps working
         * beside the new one; a customer file may shorten it. @default 604_800 (7 days)
         */
        secretRotationGraceSeconds: seconds(0, MAX_SECRET_ROTATION_GRACE_SECONDS).optional(),
        /** How long a customer secret works before Keycloak refuses it, counted from its creation. @default 31_536_000 (365 days) */
        secretMaxAgeSeconds: seconds(86_400, MAX_SECRET_MAX_AGE_SECONDS).optional(),
        /**
         * Stacks, each with its own state, the customers are spread over (by a hash of their id): a change
         * to one customer plans and deploys one shard's state, and shards reconcile in parallel. Changing it
         * moves customers between states: `npm run reshard` before the next deploy. @default 1 (the
         * customers live in the environment's own stack)
         */
        shards: z.number().int().min(1).max(MAX_CUSTOMER_SHARDS).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.realm.ssoSessionMaxSeconds < settings.realm.ssoSessionIdleSeconds) {
      ctx.addIssue({
        code: "custom",
        path: ["realm", "ssoSessionMaxSeconds"],
        message: `must be at least ssoSessionIdleSeconds (${settings.realm.ssoSessionIdleSeconds} s)`,
      });
    }
    if (settings.frontend.clientId === settings.backend.clientId) {
      ctx.addIssue({ code: "custom", path: ["backend", "clientId"], message: "must differ from frontend.clientId" });
    }
    const { graceSeconds, maxAgeSeconds } = secretLifetimes(settings);
    if (graceSeconds >= maxAgeSeconds) {
      ctx.addIssue({
        code: "custom",
        path: ["customers", "secretRotationGraceSeconds"],
        message: `must be shorter than secretMaxAgeSeconds (${maxAgeSeconds} s), got ${graceSeconds}`,
      });
    }
    const names = settings.backend.roles.map((role) => role.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        ctx.addIssue({
          code: "custom",
          path: ["backend", "roles", index, "name"],
          message: `duplicate role '${name}'`,
        });
      }
    });
  });

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SECRET_ROTATION_GRACE_SECONDS = 604_800;
export const DEFAULT_SECRET_MAX_AGE_SECONDS = 31_536_000;

/** How long customer secrets live: the settings, or their defaults. */
export function secretLifetimes(settings: Pick<Settings, "customers">): {
  graceSeconds: number;
  maxAgeSeconds: number;
} {
  return {
    graceSeconds: settings.customers?.secretRotationGraceSeconds ?? DEFAULT_SECRET_ROTATION_GRACE_SECONDS,
    maxAgeSeconds: settings.customers?.secretMaxAgeSeconds ?? DEFAULT_SECRET_MAX_AGE_SECONDS,
  };
}

/** Validates settings, throwing one {@link ValidationError} that lists every problem, each named by `source`. */
export function parseSettings(input: unknown, source = "settings"): Settings {
  const result = settingsSchema.safeParse(input);
  if (!result.success) throw new ValidationError(problemsFromIssues(source, result.error.issues));
  return result.data;
}
