import { join } from "node:path";
import { App, TerraformStack } from "cdktn";
import { Construct } from "constructs";
import { keycloakProvider, type KeycloakProviderRequirement } from "./keycloak-provider";
import { configureState, stateFromEnvironment, type StateProps } from "./state-backend";

export interface StateStackProps {
  /** The environment the stack belongs to, whose state rules it follows (staging and production: shared, encrypted). */
  readonly environment: string;
  /** The project directory, where a local state lives (where main.ts, run there, puts it). */
  readonly projectDirectory: string;
  /**
   * Where the state lives and whether it is encrypted.
   * @default - from the REALM_STATE_* environment variables at synth time, for this stack
   */
  readonly state?: StateProps;
  /**
   * The Keycloak provider the state's resources name, which init installs even without a resource in
   * the configuration.
   * @default - KEYCLOAK_PROVIDER, else the choice recorded in scripts/versions.env (keycloakProvider)
   */
  readonly provider?: KeycloakProviderRequirement;
}

/**
 * Nothing but where one stack's state lives, how it is encrypted and the provider its resources name:
 * the engine can pull and push that state without the configuration that plans it, also for a stack
 * the settings no longer make (a customer shard beyond the current count) when its customers move.
 */
export class StateStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const state = props.state ?? stateFromEnvironment(process.env, props.environment, id);
    configureState(this, state);
    if ((state.backend?.type ?? "local") === "local") {
      // LocalBackend puts it in the current directory, which main.ts runs in and this process may not.
      this.addOverride("terraform.backend.local.path", join(props.projectDirectory, `terraform.${id}.tfstate`));
    }
    const { source, version } = props.provider ?? keycloakProvider();
    this.addOverride("terraform.required_providers.keycloak", { source, version });
  }
}

/** Synthesizes a StateStack for each of `stacks` into `outdir` (`<outdir>/stacks/<stack>`). */
export function synthStateStacks(
  outdir: string,
  stacks: readonly string[],
  props: Omit<StateStackProps, "state">,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const app = new App({ outdir });
  for (const stack of stacks) {
    new StateStack(app, stack, {
      ...props,
      state: stateFromEnvironment(env, props.environment, stack),
      provider: keycloakProvider(env),
    });
  }
  app.synth();
}
