// What a pull request changes in the synthesized configuration, as plain text:
//   tsx scripts/config-diff.ts <base cdktf.out> <head cdktf.out>
// compares every stack's cdk.tf.json (stacks/<name>/cdk.tf.json) of the two synth outputs, block by
// block (`keycloak_role.x`, `provider.keycloak`, `terraform`, …): added and removed blocks with all
// their attributes, changed ones with just the attributes that differ. cdktn's own metadata (`//`
// keys: construct paths, stack metadata) is left out: it changes with no effect on the realm.
// Exit 0 with the diff on stdout; 1 when a synth output cannot be read.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** One stack's blocks by address, each flattened to its attributes: `realm_id` → `"atlas"`. */
type Blocks = Map<string, Map<string, string>>;

/** cdktn's metadata key, at the top and inside every block. */
const METADATA = "//";
/** Top-level keys holding blocks by type and then by name, addressed `type.name` (`data.type.name`). */
const TYPED = new Set(["resource", "data"]);
/** Top-level keys that are one block each. */
const SINGLE = new Set(["terraform", "locals"]);

/** Leaf attributes of a value by path (`a.b[0].c`), each value as JSON; empty objects and arrays are leaves too. */
function flatten(value: Json, path: string, into: Map<string, string>): void {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value).filter((key) => key !== METADATA);
    if (keys.length === 0) into.set(path, "{}");
    for (const key of keys) {
      const step = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
      flatten(value[key]!, path === "" ? step : `${path}.${step}`, into);
    }
  } else {
    into.set(path, JSON.stringify(value));
  }
}

function attributes(value: Json): Map<string, string> {
  const into = new Map<string, string>();
  flatten(value, "", into);
  return into;
}

/** A synthesized stack (cdk.tf.json) as blocks by address. */
export function blocksOf(stack: Record<string, Json>): Blocks {
  const blocks: Blocks = new Map();
  const byName = (value: Json) => (value !== null && typeof value === "object" && !Array.isArray(value) ? value : {});
  for (const [key, value] of Object.entries(stack)) {
    if (key === METADATA) continue;
    if (SINGLE.has(key)) {
      blocks.set(key, attributes(value));
    } else if (TYPED.has(key)) {
      const prefix = key === "data" ? "data." : "";
      for (const [type, named] of Object.entries(byName(value))) {
        for (const [name, block] of Object.entries(byName(named))) {
          blocks.set(`${prefix}${type}.${name}`, attributes(block));
        }
      }
    } else {
      for (const [name, block] of Object.entries(byName(value))) blocks.set(`${key}.${name}`, attributes(block));
    }
  }
  return blocks;
}

const count = (n: number, what: string) => `${n} ${what}`;

/** One stack's differences as text: a summary line, then each block that differs, by address. */
export function diffStack(name: string, base: Blocks, head: Blocks): string {
  const lines: string[] = [];
  const tally = { added: 0, changed: 0, removed: 0 };
  const addresses = [...new Set([...base.keys(), ...head.keys()])].sort();
  const listed = (sign: string, values: Map<string, string>) =>
    [...values].map(([path, value]) => `${sign}     ${path || "(value)"} = ${value}`);
  for (const address of addresses) {
    const before = base.get(address);
    const after = head.get(address);
    if (!before) {
      tally.added++;
      lines.push(`+ ${address} (added)`, ...listed("+", after!));
    } else if (!after) {
      tally.removed++;
      lines.push(`- ${address} (removed)`, ...listed("-", before));
    } else {
      const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
      const changed = paths.filter((path) => before.get(path) !== after.get(path));
      if (changed.length === 0) continue;
      tally.changed++;
      lines.push(`~ ${address} (changed)`);
      for (const path of changed) {
        if (before.has(path)) lines.push(`-     ${path} = ${before.get(path)}`);
        if (after.has(path)) lines.push(`+     ${path} = ${after.get(path)}`);
      }
    }
  }
  const total = tally.added + tally.changed + tally.removed;
  const summary =
    total === 0
      ? `${name}: no changes`
      : `${name}: ${count(tally.added, "added")}, ${count(tally.changed, "changed")}, ${count(tally.removed, "removed")}`;
  return [summary, ...(lines.length > 0 ? ["", ...lines] : [])].join("\n");
}

/** The stacks of a synth output (`<outdir>/stacks/<name>/cdk.tf.json`) by name. */
export function readStacks(outdir: string): Map<string, Record<string, Json>> {
  const stacksDirectory = join(outdir, "stacks");
  if (!existsSync(stacksDirectory)) throw new Error(`${stacksDirectory} does not exist: is ${outdir} a synth output?`);
  const stacks = new Map<string, Record<string, Json>>();
  for (const name of readdirSync(stacksDirectory).sort()) {
    const file = join(stacksDirectory, name, "cdk.tf.json");
    try {
      stacks.set(name, JSON.parse(readFileSync(file, "utf8")) as Record<string, Json>);
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  return stacks;
}

/** Every stack's differences, stacks in name order; a stack on one side only is all added or all removed. */
export function diffConfigurations(base: Map<string, Record<string, Json>>, head: Map<string, Record<string, Json>>) {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const sections = names.map((name) => diffStack(name, blocksOf(base.get(name) ?? {}), blocksOf(head.get(name) ?? {})));
  return `${sections.join("\n\n")}\n`;
}

function main(args: readonly string[]): number {
  if (args.length !== 2) {
    process.stderr.write("usage: tsx scripts/config-diff.ts <base cdktf.out> <head cdktf.out>\n");
    return 1;
  }
  try {
    process.stdout.write(diffConfigurations(readStacks(args[0]!), readStacks(args[1]!)));
    return 0;
  } catch (error) {
    process.stderr.write(`ERROR: ${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(main(process.argv.slice(2)));
