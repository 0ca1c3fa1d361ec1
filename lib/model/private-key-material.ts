import { createPrivateKey } from "node:crypto";

/** JWK members that carry private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4). */
export const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** What private key material looks like in text, whatever field or comment it hides in. */
const PATTERNS: readonly [RegExp, string][] = [
  // PEM (PKCS#1, PKCS#8, SEC 1, encrypted), OpenSSH, OpenPGP ("… PRIVATE KEY BLOCK"), SSH2 ("---- BEGIN SSH2 …").
  [/-{4,5} ?BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-{4,5}/, "a private key block (PEM, OpenSSH, OpenPGP or SSH2)"],
  [/PuTTY-User-Key-File-\d|Private-Lines: *\d/, "a PuTTY private key"],
  // What age-keygen writes; a customer may paste it where its public key (ageRecipient) belongs.
  [/AGE-SECRET-KEY-(?:PQ-)?1[02-9AC-HJ-NP-Z]{20,}/i, "an age private key"],
  // A private JWK member with a value long enough to be key material, in JSON or YAML form.
  [
    new RegExp(`(?<![\\w-])["']?(${PRIVATE_JWK_MEMBERS.join("|")})["']?\\s*[:=]\\s*["']?[A-Za-z0-9_-]{20,}`),
    "a private JWK member",
  ],
];

/** A base64 run long enough to hold the smallest private key (P-256 in SEC 1: 121 bytes). */
const BASE64_RUN = /[A-Za-z0-9+/]{160,}={0,2}/g;
const DER_TYPES = [
  { format: "der", type: "pkcs8" },
  { format: "der", type: "pkcs1" },
  { format: "der", type: "sec1" },
] as const;

/** An unarmored private key: base64 of DER that Node's crypto parses as one. */
function holdsDerPrivateKey(text: string): boolean {
  for (const [run] of text.matchAll(BASE64_RUN)) {
    const der = Buffer.from(run, "base64");
    for (const options of DER_TYPES) {
      try {
        createPrivateKey({ key: der, ...options });
        return true;
      } catch {
        // not this encoding
      }
    }
  }
  return false;
}

/** What kind of private key material `text` holds, or undefined. */
export function privateKeyMaterial(text: string): string | undefined {
  for (const [pattern, kind] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[1] ? `${kind} ('${match[1]}')` : kind;
  }
  return holdsDerPrivateKey(text) ? "a private key in base64 DER (PKCS#8, PKCS#1 or SEC 1)" : undefined;
}
