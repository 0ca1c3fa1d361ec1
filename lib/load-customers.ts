import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { parseDocument } from "yaml";
import { containsPemPrivateKey } from "./customer-auth";
import { customerFileSchema, customerIdProblem, type Customer } from "./customer-file";
import type { Settings } from "./settings";
import { problemsFromIssues, ValidationError, type Problem } from "./validation-error";

/** Files in the customers folder that are not customers. */
const NOT_CUSTOMERS = new Set(["README.md", "schema.json"]);

export interface LoadCustomersOptions {
  /** The folder holding `<id>.yaml` files. */
  readonly directory: string;
  /** Settings the files are checked against (known roles, reserved client ids). */
  readonly settings: Settings;
  /** Paths in messages are relative to this folder. @default process.cwd() */
  readonly relativeTo?: string;
}

/**
 * Reads and validates every customer file. Nothing is returned unless every file is valid:
 * all problems of all files are thrown together in one {@link ValidationError}.
 */
export function loadCustomers(options: LoadCustomersOptions): Customer[] {
  const { directory, settings, relativeTo = process.cwd() } = options;
  const schema = customerFileSchema(settings);
  const problems: Problem[] = [];
  const customers: Customer[] = [];
  const firstFileOfId = new Map<string, string>();

  for (const name of readdirSync(directory).sort()) {
    if (NOT_CUSTOMERS.has(name)) continue;
    const file = relative(relativeTo, join(directory, name));
    const problem = (field: string, rule: string) => problems.push({ file, field, rule });

    if (extname(name) !== ".yaml") {
      problem("(file)", "customer files must be named <id>.yaml; anything else in customers/ is refused");
      continue;
    }
    const id = basename(name, ".yaml");
    const idProblem = customerIdProblem(id, settings);
    if (idProblem) problem("(file name)", idProblem);

    const earlier = firstFileOfId.get(id.toLowerCase());
    if (earlier) problem("(file name)", `same id as ${earlier} (ids are compared case-insensitively)`);
    else firstFileOfId.set(id.toLowerCase(), file);

    const text = readFileSync(join(directory, name), "utf8");
    if (containsPemPrivateKey(text)) {
      problem("(file)", "holds a PEM private key: remove it (and treat it as leaked); give public keys only");
      continue;
    }
    const document = parseDocument(text, { uniqueKeys: true });
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : ["?", "?"];
        problem(`(yaml, line ${line}, column ${column})`, `malformed YAML: ${error.message.split("\n")[0]}`);
      }
      continue;
    }
    const contents: unknown = document.toJS();
    if (contents === null || typeof contents !== "object" || Array.isArray(contents)) {
      problem("(file)", "must be a YAML mapping of fields (displayName, contactEmail, description, roles, ...)");
      continue;
    }

    const result = schema.safeParse(contents);
    if (!result.success) {
      problems.push(...problemsFromIssues(file, result.error.issues));
      continue;
    }
    if (!idProblem) customers.push({ id, file, ...result.data });
  }

  if (problems.length > 0) throw new ValidationError(problems);
  return customers;
}
