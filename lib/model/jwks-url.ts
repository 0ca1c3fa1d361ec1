import { BlockList, isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

/** Longest JWKS URL accepted: enough for any real one, short enough to show in a plan. */
export const MAX_JWKS_URL_LENGTH = 2_048;

/**
 * Addresses Keycloak must never be sent to fetch keys: loopback, private (RFC 1918, ULA), link-local
 * (with the cloud metadata services at 169.254.169.254 and fd00:ec2::254), CGNAT, "this network",
 * benchmarking, documentation, multicast and reserved ranges, and IPv4 mapped into IPv6.
 * Keycloak fetches a JWKS URL on an unauthenticated token request and returns connection errors to
 * the caller: an internal address would turn it into a port scanner of its own network.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
  // Azure's wire server and metadata endpoint.
  ["168.63.129.16", 32],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  // IPv4-compatible (deprecated, still resolved as IPv4 by Java), local-use NAT64, 6to4, site-local.
  ["::", 96],
  ["64:ff9b:1::", 48],
  ["2002::", 16],
  ["fec0::", 10],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv6");
}

/** Names that only resolve inside a network (or on the machine itself). */
const INTERNAL_NAME_SUFFIXES = [
  "localhost",
  "local",
  "internal",
  "intranet",
  "lan",
  "localdomain",
  "home.arpa",
  "corp",
  "test",
  "invalid",
];

/** Why Keycloak must not fetch keys from this host, or undefined. `host` is a parsed URL's hostname. */
export function internalHostProblem(hostname: string): string | undefined {
  // Trailing dots name the same host ("localhost." is localhost).
  const host = hostname.replace(/\.+$/, "");
  const address = host.startsWith("[") ? host.slice(1, -1) : host;
  if (isIPv4(address) || isIPv6(address)) {
    return NON_PUBLIC.check(address, isIPv4(address) ? "ipv4" : "ipv6")
      ? `'${host}' is a loopback, private, link-local, metadata or reserved address: give the customer's public host name`
      : undefined;
  }
  if (!host.includes(".")) return `'${host}' is a single-label name that only resolves inside a network`;
  const internal = INTERNAL_NAME_SUFFIXES.find((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  return internal ? `'${host}' is an internal name (.${internal}): give the customer's public host name` : undefined;
}

/** `keys.acme.example` or `*.acme.example`: a host, or every host under a domain. */
export const jwksHostPattern = z
  .string()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
    error: "must be a lower-case host name, or *.domain for every host under it",
  });

function allowedBy(host: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) : host === pattern));
}

/**
 * A customer's JWKS URL: HTTPS, written canonically (so the host checked is the host Keycloak
 * connects to), without credentials or fragment, on a public host and, when the operator restricts
 * them (`settings.customers.jwksHosts`), on an allowed one.
 */
export function jwksUrlSchema(allowedHosts: readonly string[] | undefined) {
  return z
    .url({ error: "must be an absolute URL" })
    .max(MAX_JWKS_URL_LENGTH, { error: `must be at most ${MAX_JWKS_URL_LENGTH} characters` })
    .superRefine((value, ctx) => {
      // zod runs refinements after a failed format check too; that failure is already reported.
      if (!URL.canParse(value)) return;
      const url = new URL(value);
      const problem = (message: string) => ctx.addIssue({ code: "custom", message });
      if (url.protocol !== "https:") return problem("must use https://: Keycloak trusts whatever keys this URL serves");
      if (url.username || url.password) {
        return problem("must not carry credentials: they would be committed and deployed in clear");
      }
      const internal = internalHostProblem(url.hostname);
      if (internal) return problem(internal);
      if (url.href !== value) return problem(`must be written in canonical form: ${url.href}`);
      if (url.hash) return problem("must not have a #fragment");
      if (allowedHosts && !allowedBy(url.hostname, allowedHosts)) {
        return problem(
          `host '${url.hostname}' is not on the operator's list of JWKS hosts (settings customers.jwksHosts: ${allowedHosts.join(", ")})`,
        );
      }
    });
}
