import { ENVIRONMENT_NAMES, type EnvironmentName } from "../../environments";
import { keycloakUrlProblem } from "../keycloak-admin";
import { localProviderEnvironment } from "../local-keycloak";
import type { Progress } from "../stack-workspace";

/** Exit codes of every command. */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

/** The command line's options, as scripts/realm.ts parsed them. */
export interface CommandOptions {
  readonly env: string;
  readonly "no-refresh": boolean;
  readonly customer: readonly string[];
  readonly "allow-delete": readonly string[];
  readonly encrypted: boolean;
  readonly "revoke-previous": boolean;
}

/** One run of an operator command: the checkout it works on, what it was asked, where its plans and progress go. */
export interface Invocation {
  readonly root: string;
  readonly options: CommandOptions;
  /** The command line's words after the command's name (`credentials <customer-id>`). */
  readonly args: readonly string[];
  /** This command's private folder for saved plans (a ScratchFolder), removed however it ends. */
  readonly scratch: string;
  readonly log: Progress;
}

/** The operator's input refused: its message, exit code 1. */
export class UsageError extends Error {}

export function environmentName(options: CommandOptions): EnvironmentName {
  const name = options.env;
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown environment '${name}'; environments are: ${ENVIRONMENT_NAMES.join(", ")}`);
  }
  return name as EnvironmentName;
}

/** The provider's KEYCLOAK_* variables: yours, or for `local` the ones `npm start` made. */
export function providerEnvironment(name: EnvironmentName): NodeJS.ProcessEnv {
  if (process.env.KEYCLOAK_URL) {
    // Before anything runs: the official provider would send its secret over plain http to any host.
    const problem = keycloakUrlProblem(process.env.KEYCLOAK_URL);
    if (problem) throw new UsageError(problem);
    return process.env;
  }
  const local = name === "local" ? localProviderEnvironment() : undefined;
  if (!local) {
    throw new UsageError(
      `KEYCLOAK_URL is not set: export KEYCLOAK_URL and KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET ` +
        `(or KEYCLOAK_USER/KEYCLOAK_PASSWORD) for the '${name}' Keycloak` +
        (name === "local" ? ", or run 'npm start' to make a local one." : "."),
    );
  }
  return { ...process.env, ...local };
}
