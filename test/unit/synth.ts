import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktn";
import type { Customer } from "../../lib/model/customer-file";
import type { KeycloakProviderRequirement } from "../../lib/constructs/keycloak-provider";
import { RealmStack } from "../../lib/constructs/realm-stack";
import type { Settings } from "../../lib/model/settings";
import { testSettings } from "./test-settings";

type Config = Record<string, unknown> & { "//"?: { metadata?: { path?: string } } };

/** The Terraform JSON of a realm stack, with lookups by resource type and construct path. */
export class SynthesizedRealm {
  constructor(
    public readonly json: {
      resource: Record<string, Record<string, Config>>;
      provider: unknown;
      import?: unknown;
      terraform: { required_providers: Record<string, unknown> } & Record<string, unknown>;
    },
  ) {}

  /** Every resource of a type, keyed by its Terraform name. */
  all(type: string): Record<string, Config> {
    return this.json.resource[type] ?? {};
  }

  /** Terraform addresses (`type.name`) of every resource. */
  addresses(): string[] {
    return Object.entries(this.json.resource).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${type}.${name}`),
    );
  }

  /** The one resource of `type` whose construct path is `realm/<path>`; throws when there is not exactly one. */
  at(type: string, path: string): Config {
    const found = this.under(type, path).filter(([, config]) => pathOf(config) === `realm/${path}`);
    if (found.length !== 1) throw new Error(`expected one ${type} at realm/${path}, found ${found.length}`);
    return found[0]![1];
  }

  /** Resources of `type` under construct path `realm/<prefix>`. */
  under(type: string, prefix: string): [string, Config][] {
    return Object.entries(this.all(type)).filter(([, config]) => pathOf(config)?.startsWith(`realm/${prefix}`));
  }

  /** What a `${type.name.attribute}` reference points at: the resource's address and config. */
  referenced(reference: unknown): { address: string; attribute: string; config: Config } {
    const match = /^\$\{([a-z_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(String(reference));
    if (!match) throw new Error(`not a reference: ${String(reference)}`);
    const [, type, name, attribute] = match as unknown as [string, string, string, string];
    const config = this.all(type)[name];
    if (!config) throw new Error(`reference to a missing resource: ${String(reference)}`);
    return { address: `${type}.${name}`, attribute, config };
  }

  /** Terraform address (`type.name`) of the resource at construct path `realm/<path>`. */
  addressAt(type: string, path: string): string {
    const config = this.at(type, path);
    const name = Object.entries(this.all(type)).find(([, c]) => c === config)![0];
    return `${type}.${name}`;
  }
}

function pathOf(config: Config): string | undefined {
  return config["//"]?.metadata?.path;
}

/** A valid customer, as loadCustomers returns it. */
export function customer(id: string, fields: Partial<Customer> = {}): Customer {
  return {
    id,
    file: `customers/${id}.yaml`,
    displayName: `Customer ${id}`,
    contactEmail: `api@${id}.example`,
    description: `Test customer ${id}`,
    enabled: true,
    roles: ["orders:read"],
    environments: ["local", "staging", "production"],
    auth: { method: "client-secret" },
    ...fields,
  };
}

/** Synthesizes the realm stack as `cdktn synth` does, and reads back the JSON it wrote. */
export function synthRealm(
  customers: Customer[] = [],
  settings: Settings = testSettings(),
  adoptions: Record<string, string> = {},
  provider?: KeycloakProviderRequirement,
): SynthesizedRealm {
  const stack = new RealmStack(Testing.app(), "realm", { settings, customers, adoptions, provider });
  const outdir = Testing.fullSynth(stack);
  try {
    return new SynthesizedRealm(JSON.parse(readFileSync(join(outdir, "stacks/realm/cdk.tf.json"), "utf8")));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
