// The Terraform address (`type.name`) of every resource main.ts synthesizes, per environment: what
// state is keyed by. Recorded once in test/fixtures/resource-addresses.json, which
// resource-addresses.test.ts holds every later synth to. Record again only for a change that is
// meant to move resources in everyone's state:
//   npx tsx test/unit/resource-addresses.ts > test/fixtures/resource-addresses.json
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { ScratchProject, syntheticCustomers } from "../../bench/generate";
import { ENVIRONMENT_NAMES } from "../../lib/environments";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** Customer sets synthesized: fixture folders under test/fixtures/customers, or a count of bench's generated customers. */
export const ADDRESS_SETS = {
  "main's customers/ when cdktf became cdktn": "main-at-cdktn-migration",
  "customers authenticating with private keys": "valid-private-key-jwt",
  "300 generated customers": 300,
} as const;
export type AddressSet = keyof typeof ADDRESS_SETS;

/** A long address list as its size, its count per resource type and the SHA-256 of its sorted lines. */
export interface AddressDigest {
  count: number;
  byType: Record<string, number>;
  sha256: string;
}
/** Per environment: the sorted addresses, or their digest for the generated set. */
export type RecordedAddresses = Record<string, string[] | AddressDigest>;

/** Staging and production take only a shared state; synth checks the settings are there, nothing connects. */
const SHARED_STATE = {
  REALM_STATE_BACKEND: "pg",
  PG_CONN_STR: "postgres://synth-only@db.invalid/state",
  REALM_STATE_PASSPHRASE: "synth-only-passphrase",
};

/** Synthesizes every environment of main.ts for one set of customers, as `npm run plan` would. */
export async function synthesizedAddresses(set: AddressSet): Promise<RecordedAddresses> {
  const source = ADDRESS_SETS[set];
  const project = await ScratchProject.create();
  try {
    if (typeof source === "number") await project.setCustomers(syntheticCustomers(source));
    else {
      await rm(join(project.directory, "customers"), { recursive: true, force: true });
      await cp(join(ROOT, "test/fixtures/customers", source), join(project.directory, "customers"), {
        recursive: true,
      });
    }
    const shell = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(REALM_|KEYCLOAK_PROVIDER$)/.test(name)),
    );
    await run(join(project.directory, "node_modules/.bin/tsx"), ["main.ts"], {
      cwd: project.directory,
      env: { ...shell, ...SHARED_STATE },
    });
    const recorded: RecordedAddresses = {};
    for (const environment of ENVIRONMENT_NAMES) {
      const file = join(project.directory, "cdktf.out/stacks", environment, "cdk.tf.json");
      const json = JSON.parse(await readFile(file, "utf8")) as { resource: Record<string, Record<string, unknown>> };
      const addresses = Object.entries(json.resource)
        .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
        .sort();
      recorded[environment] = typeof source === "number" ? digest(addresses) : addresses;
    }
    return recorded;
  } finally {
    await project.dispose();
  }
}

function digest(addresses: string[]): AddressDigest {
  const byType: Record<string, number> = {};
  for (const address of addresses) {
    const type = address.split(".")[0]!;
    byType[type] = (byType[type] ?? 0) + 1;
  }
  const sha256 = createHash("sha256").update(addresses.join("\n")).digest("hex");
  return { count: addresses.length, byType, sha256 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const record: Record<string, RecordedAddresses> = {};
  for (const set of Object.keys(ADDRESS_SETS) as AddressSet[]) record[set] = await synthesizedAddresses(set);
  process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
}
