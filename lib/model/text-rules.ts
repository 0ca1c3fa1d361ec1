import { z } from "zod";
import { CDKTN_TOKEN_MARKER } from "./terraform-literal";

/**
 * Characters refused in free text: controls (C0, C1, DEL), invisible format characters (among
 * them the bidirectional overrides that make text read differently than it is stored),
 * line and paragraph separators, and lone surrogates.
 */
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** The text with every unsafe character written as an escape (`\n`, `\u001b`), so it shows as what it is. */
export function escapeUnsafe(value: string): string {
  const escapes: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return value.replace(
    new RegExp(UNSAFE_CHARACTER.source, "gu"),
    (character) => escapes[character] ?? `\\u${codePoint(character).slice(2).toLowerCase()}`,
  );
}

/** `U+202E` for a character. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Why a text cannot be used, or undefined. Shared by every free-text field of customer files and settings. */
export function unsafeTextProblem(value: string): string | undefined {
  const match = UNSAFE_CHARACTER.exec(value);
  if (match) {
    return `must not contain control, invisible or bidirectional characters: found ${codePoint(match[0])} at position ${match.index + 1}`;
  }
  if (value.includes(CDKTN_TOKEN_MARKER)) return `must not contain '${CDKTN_TOKEN_MARKER}' (a cdktn reference marker)`;
  return undefined;
}

/** What YAML made of a value that should have been a string, e.g. `- orders: read` is a mapping. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return `a mapping (${JSON.stringify(value).slice(0, 60)})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A zod error message that tells a missing field from a wrong one. */
export const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : message;

/**
 * Free text that must say something, within `max` characters, without unsafe characters. Kept in
 * Unicode NFC, the form the engine stores every string in, so what Keycloak holds equals the model.
 */
export const text = (max: number) =>
  z
    .string({ error: unlessMissing("must be a string") })
    .trim()
    .normalize("NFC")
    .min(1, { error: "must not be empty" })
    .max(max, { error: (issue) => `must be at most ${max} characters, got ${String((issue.input as string).length)}` })
    .superRefine((value, ctx) => {
      const problem = unsafeTextProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
