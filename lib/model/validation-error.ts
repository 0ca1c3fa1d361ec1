import type { core } from "zod";
import { escapeUnsafe } from "./text-rules";

/** One broken rule, located precisely enough to fix at 02:00. */
export interface Problem {
  /** Path of the file, relative to the repository, e.g. `customers/acme.yaml`. */
  readonly file: string;
  /** Field path, e.g. `roles[1]`; `(file)` when the problem is the file as a whole. */
  readonly field: string;
  /** The rule that was broken, e.g. `unknown role 'orders:delete'`. */
  readonly rule: string;
}

/** Every problem found in the input, reported at once. */
export class ValidationError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} found, nothing was deployed:\n` +
        // Escaped: a file name, key or value may hold line ends or terminal escapes that would forge the report.
        problems.map((p) => escapeUnsafe(`  ${p.file}: ${p.field}: ${p.rule}`)).join("\n"),
    );
    this.name = "ValidationError";
  }
}

/** `["roles", 1, "name"]` → `roles[1].name`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key) || '""';
      return index === 0 ? name : `.${name}`;
    })
    .join("");
}

/** zod issues as problems of one file; an unknown key becomes a problem of that key. */
export function problemsFromIssues(file: string, issues: readonly core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ file, field: fieldPath([...issue.path, key]), rule: "unknown key" }))
      : [{ file, field: fieldPath(issue.path), rule: issue.message }],
  );
}
