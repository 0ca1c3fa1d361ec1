// Refuses a report that holds a secret of the job before CI posts it (a pull-request comment, an issue):
//   tsx scripts/check-no-secrets.ts <report> <VARIABLE>...
// Each argument names an environment variable whose value must not appear in the report. The values
// come from the environment, never from arguments, so they stay out of `ps`. Exit 0: none found;
// 1: found (the variables are named, never their values); 2: bad usage or an unreadable report.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** What a value may look like in a report: as is, escaped in a quoted string, or percent-encoded in a URL. */
function spellings(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
}

/**
 * The parts of a value that are secret on their own: the whole value and, for a connection string,
 * its password (`postgres://user:password@host/db` or `… password=secret …`), which the engine or a
 * database error may print without the rest.
 */
function secretParts(value: string): string[] {
  const parts = [value];
  try {
    const url = new URL(value);
    if (url.password) parts.push(url.password, decodeURIComponent(url.password));
  } catch {
    // Not a URL: a passphrase, a client secret or a keyword/value connection string.
  }
  const keyword = /(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i.exec(value)?.[1];
  if (keyword) parts.push(keyword.startsWith("'") ? keyword.slice(1, -1).replace(/\\(.)/g, "$1") : keyword);
  return parts.filter((part) => part !== "");
}

/** The variables whose value, or a secret part of it, the report holds; unset ones hold nothing. */
export function leakedVariables(report: string, names: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return names.filter((name) =>
    secretParts(env[name] ?? "").some((part) => spellings(part).some((spelling) => report.includes(spelling))),
  );
}

function main(args: readonly string[]): number {
  const [file, ...variables] = args;
  if (!file || variables.length === 0) {
    process.stderr.write("usage: tsx scripts/check-no-secrets.ts <report> <VARIABLE>...\n");
    return 2;
  }
  let report: string;
  try {
    report = readFileSync(file, "utf8");
  } catch (error) {
    process.stderr.write(`ERROR: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  // Unset or empty: nothing to look for (an empty string is in every report).
  const names = variables.filter((name) => process.env[name]);
  const leaked = leakedVariables(report, names, process.env);
  if (leaked.length > 0) {
    process.stderr.write(`ERROR: ${file} contains the value of ${leaked.join(", ")}: it must not be posted.\n`);
    return 1;
  }
  process.stderr.write(`${file} holds no value of ${names.length > 0 ? names.join(", ") : "(no variable set)"}.\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(main(process.argv.slice(2)));
