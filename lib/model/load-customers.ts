import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { isAlias, isCollection, isPair, parseDocument, visit } from "yaml";
import { customerFileSchema, customerIdProblem, type Customer } from "./customer-file";
import { privateKeyMaterial } from "./private-key-material";
import type { Settings } from "./settings";
import { CDKTN_TOKEN_MARKER } from "./terraform-literal";
import { codePoint } from "./text-rules";
import { fieldPath, problemsFromIssues, ValidationError, type Problem } from "./validation-error";

/** Files in the customers folder that are not customers. */
const NOT_CUSTOMERS = new Set(["README.md", "schema.json"]);
/** A customer file is a few hundred bytes; anything near this is not one. */
export const MAX_CUSTOMER_FILE_BYTES = 64 * 1024;
/** Collections nest 5 levels deep in a customer file (auth.jwks.keys[0]); far deeper is no customer file. */
const MAX_NESTING = 16;

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
  const folder = relative(relativeTo, directory) || ".";
  const folderKind = kindOf(lstatSync(directory, { throwIfNoEntry: false }));
  if (folderKind !== "folder") {
    throw new ValidationError([
      { file: `${folder}/`, field: "(folder)", rule: `must be a folder of customer files, found ${folderKind}` },
    ]);
  }
  const schema = customerFileSchema(settings);
  const problems: Problem[] = [];
  const customers: Customer[] = [];
  const firstFileOfId = new Map<string, string>();

  // Names as bytes: a name that is not UTF-8 would be read back as another name, which does not exist.
  for (const bytes of listFolder(directory, folder).sort(Buffer.compare)) {
    const name = strictUtf8(bytes);
    if (name === undefined) {
      const shown = [...bytes].map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16)}`));
      problems.push({
        file: relative(relativeTo, join(directory, shown.join(""))),
        field: "(file name)",
        rule: "is not UTF-8: customer files are named <id>.yaml",
      });
      continue;
    }
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

    const read = readCustomerFile(join(directory, name));
    if ("problem" in read) {
      problem("(file)", read.problem);
      continue;
    }
    const { text } = read;
    const hidden = hiddenCharacter(text);
    if (hidden) {
      problem(
        `(file, line ${hidden.line})`,
        `must not contain ${hidden.codePoint}: control and bidirectional characters make a file read differently than it is, comments included`,
      );
      continue;
    }
    const keyInText = privateKeyMaterial(text);
    if (keyInText) {
      problem("(file)", `holds ${keyInText}: remove it (and treat it as leaked); give public keys only`);
      continue;
    }
    const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : ["?", "?"];
        // The parser reports the stack it ran out of, thousands of brackets deep, as this.
        const rule = error.code === "RESOURCE_EXHAUSTION" ? "nested too deeply for a customer file" : error.message;
        problem(`(yaml, line ${line}, column ${column})`, `malformed YAML: ${rule.split("\n")[0]}`);
      }
      continue;
    }
    if (nestingDepth(document.contents) > MAX_NESTING) {
      problem("(yaml)", `nested too deeply for a customer file (more than ${MAX_NESTING} levels)`);
      continue;
    }
    // Aliases have no use in a customer file, and nested ones expand exponentially ("billion laughs").
    let aliases = 0;
    visit(document, { Alias: () => void aliases++ });
    if (aliases > 0 || isAlias(document.contents)) {
      problem(
        "(yaml)",
        "YAML anchors and aliases (&name, *name) are not allowed in customer files: write each value out",
      );
      continue;
    }
    const contents: unknown = document.toJS();
    if (contents === null || typeof contents !== "object" || Array.isArray(contents)) {
      problem("(file)", "must be a YAML mapping of fields (displayName, contactEmail, description, roles, ...)");
      continue;
    }
    // Escapes (\x2D, \u002D, folded lines) can spell a key the raw text does not show.
    const keyInValues = stringsOf(contents).map(privateKeyMaterial).find(Boolean);
    if (keyInValues) {
      problem("(file)", `holds ${keyInValues}: remove it (and treat it as leaked); give public keys only`);
      continue;
    }

    const markers = pathsOfStrings(contents).filter(([, value]) => value.includes(CDKTN_TOKEN_MARKER));
    for (const [field] of markers)
      problem(field, `must not contain '${CDKTN_TOKEN_MARKER}' (a cdktn reference marker)`);
    if (markers.length > 0) continue;

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

function listFolder(directory: string, folder: string): Buffer[] {
  try {
    return readdirSync(directory, { encoding: "buffer" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ValidationError([{ file: `${folder}/`, field: "(folder)", rule: `cannot be read: ${code}` }]);
  }
}

/**
 * One buffer for every file, read and decoded before the next (zeroing a fresh one per file was 0.35 s
 * at 10,000 customers). One byte more than allowed tells "too large" apart from "exactly the limit".
 */
const READ_BUFFER = Buffer.allocUnsafe(MAX_CUSTOMER_FILE_BYTES + 1);

/**
 * The text of a customer file, or why it cannot be one. Opened without following a symlink and
 * without blocking on a FIFO, checked to be a regular file of bounded size on the opened descriptor
 * (so nothing can be swapped in between), and decoded as strict UTF-8.
 */
function readCustomerFile(path: string): { text: string } | { problem: string } {
  const kind = kindOf(lstatSync(path, { throwIfNoEntry: false }));
  if (kind !== "regular file") return { problem: `must be a regular file, found ${kind}` };
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const stats = fstatSync(descriptor);
    if (kindOf(stats) !== "regular file") return { problem: `must be a regular file, found ${kindOf(stats)}` };
    const buffer = READ_BUFFER;
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = readSync(descriptor, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_CUSTOMER_FILE_BYTES) {
      return { problem: `is larger than ${MAX_CUSTOMER_FILE_BYTES / 1024} KiB: a customer file is a few lines` };
    }
    return decodeUtf8(buffer.subarray(0, length));
  } finally {
    closeSync(descriptor);
  }
}

function decodeUtf8(bytes: Buffer): { text: string } | { problem: string } {
  const encoding = otherEncoding(bytes);
  if (encoding) return { problem: `is ${encoding}, not UTF-8: save it as UTF-8` };
  const text = strictUtf8(bytes);
  if (text !== undefined) return { text };
  // Decoded leniently only to say where: the first replacement character marks the first bad byte.
  const lenient = new TextDecoder("utf-8").decode(bytes);
  const line = lenient.slice(0, lenient.indexOf("\uFFFD")).split("\n").length;
  return { problem: `is not UTF-8 (line ${line}; saved as Latin-1 or Windows-1252?): save it as UTF-8` };
}

/** The text, or undefined when the bytes are not UTF-8. A UTF-8 byte order mark is dropped (ignoreBOM: false). */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * UTF-16 or UTF-32, told apart as YAML does (1.2 §5.2): by the byte order mark, or by the NUL bytes
 * around the first character, which is ASCII in a YAML file. Else undefined.
 */
function otherEncoding(bytes: Buffer): string | undefined {
  // `true` stands for any byte but NUL.
  const startsWith = (...prefix: (number | true)[]) =>
    bytes.length >= prefix.length &&
    prefix.every((expected, index) => (expected === true ? bytes[index] !== 0 : bytes[index] === expected));
  if (startsWith(0, 0, 0xfe, 0xff) || startsWith(0xff, 0xfe, 0, 0)) return "UTF-32";
  if (startsWith(0, 0, 0, true) || startsWith(true, 0, 0, 0)) return "UTF-32 (without a byte order mark)";
  if (startsWith(0xfe, 0xff) || startsWith(0xff, 0xfe)) return "UTF-16";
  if (startsWith(0, true) || startsWith(true, 0)) return "UTF-16 (without a byte order mark)";
  return undefined;
}

function kindOf(stats: Stats | undefined): string {
  if (!stats) return "nothing";
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFile()) return "regular file";
  if (stats.isDirectory()) return "folder";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  return "a device";
}

/**
 * How deep collections nest in a parsed document (the top mapping is 1), counted without recursion:
 * what reads a document recursively runs out of stack on a file nested a few thousand levels deep.
 */
function nestingDepth(root: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[root, 1]];
  while (pending.length > 0 && deepest <= MAX_NESTING) {
    const [node, depth] = pending.pop()!;
    if (isPair(node)) pending.push([node.key, depth], [node.value, depth]);
    else if (isCollection(node)) {
      deepest = Math.max(deepest, depth);
      for (const item of node.items) pending.push([item, depth + 1]);
    }
  }
  return deepest;
}

/** Controls other than tab and line ends, and bidirectional formatting characters (Trojan Source, CVE-2021-42574). */
const HIDDEN_CHARACTER =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function hiddenCharacter(text: string): { line: number; codePoint: string } | undefined {
  const match = HIDDEN_CHARACTER.exec(text);
  if (!match) return undefined;
  return { line: text.slice(0, match.index).split("\n").length, codePoint: codePoint(match[0]) };
}

/** Every string value in a parsed YAML value with its field path (`auth.jwks.keys[0].kid`). */
function pathsOfStrings(value: unknown, path: PropertyKey[] = []): [string, string][] {
  if (typeof value === "string") return [[fieldPath(path), value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsOfStrings(item, [...path, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => pathsOfStrings(item, [...path, key]));
  }
  return [];
}

/** Every string in a parsed YAML value, keys included. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)]);
  }
  return [];
}
