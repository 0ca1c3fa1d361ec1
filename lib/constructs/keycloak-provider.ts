import { readFileSync } from "node:fs";
import type { TerraformStack } from "cdktn";
import { KeycloakProvider } from "../../.gen/providers/keycloak/provider";
import { resolve } from "node:path";
import { ValidationError } from "../model/validation-error";

/** Where the repository records its choice of provider, beside the toolchain's pinned versions. */
export const PROVIDER_CHOICE_FILE = "scripts/versions.env";

/** The Terraform providers that can deploy the realm; same resources, same schema, same state. */
export const KEYCLOAK_PROVIDER_NAMES = ["bundled", "upstream"] as const;
export type KeycloakProviderName = (typeof KEYCLOAK_PROVIDER_NAMES)[number];

/** What `required_providers.keycloak` says for a provider. */
export interface KeycloakProviderRequirement {
  /** Full source address, e.g. `registry.terraform.io/keycloak/keycloak`. */
  readonly source: string;
  /** Exact version, e.g. `5.9.0`. */
  readonly version: string;
}

/** The chosen provider and where it is installed from. */
export interface KeycloakProviderChoice extends KeycloakProviderRequirement {
  readonly name: KeycloakProviderName;
}

/**
 * The provider `KEYCLOAK_PROVIDER` names, or else the one the repository records in
 * scripts/versions.env. A value that names neither fails loudly: a deploy with the wrong provider
 * would move every resource of the state to another one.
 */
export function keycloakProvider(
  env: NodeJS.ProcessEnv = process.env,
  versions: Readonly<Record<string, string>> = readVersions(),
): KeycloakProviderChoice {
  const fromEnvironment = env.KEYCLOAK_PROVIDER !== undefined && env.KEYCLOAK_PROVIDER !== "";
  const name = fromEnvironment ? env.KEYCLOAK_PROVIDER : versions.KEYCLOAK_PROVIDER;
  if (!KEYCLOAK_PROVIDER_NAMES.includes(name as KeycloakProviderName)) {
    throw new ValidationError([
      {
        file: fromEnvironment ? "(environment)" : PROVIDER_CHOICE_FILE,
        field: "KEYCLOAK_PROVIDER",
        rule: `must be one of ${KEYCLOAK_PROVIDER_NAMES.join(", ")}; got ${JSON.stringify(name ?? null)}`,
      },
    ]);
  }
  return { name: name as KeycloakProviderName, ...requirement(name as KeycloakProviderName, versions) };
}

/** The source and version of one of the providers, as scripts/versions.env pins them. */
export function requirement(
  name: KeycloakProviderName,
  versions: Readonly<Record<string, string>> = readVersions(),
): KeycloakProviderRequirement {
  const prefix = name === "bundled" ? "BUNDLED" : "UPSTREAM";
  return {
    source: `registry.terraform.io/${versions[`${prefix}_PROVIDER_SOURCE`]}`,
    version: versions[`${prefix}_PROVIDER_VERSION`],
  };
}

/** `KEY=value` lines of scripts/versions.env (the toolchain sources the same file). */
function readVersions(): Record<string, string> {
  const text = readFileSync(resolve(import.meta.dirname, "../..", PROVIDER_CHOICE_FILE), "utf8");
  return Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(.*)$/gm)].map(([, key, value]) => [key, value.trim()]));
}

/**
 * Configures a stack's Keycloak provider: credentials from KEYCLOAK_* at run time, and no sign-in while
 * it is configured (the official provider signs in early unless told not to; a plan without refresh,
 * a pull request's, must make no Keycloak request on either provider). The bindings are generated
 * from the bundled provider, whose names and schema are the official one's: choosing a provider
 * changes its source and version and nothing else in the JSON.
 */
export function useKeycloakProvider(
  stack: TerraformStack,
  provider: KeycloakProviderRequirement = keycloakProvider(),
): void {
  new KeycloakProvider(stack, "keycloak", { initialLogin: false });
  stack.addOverride("terraform.required_providers.keycloak", { source: provider.source, version: provider.version });
}
