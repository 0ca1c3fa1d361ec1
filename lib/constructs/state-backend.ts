import { join } from "node:path";
import {
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStatePg,
  DataTerraformRemoteStateS3,
  LocalBackend,
  PgBackend,
  S3Backend,
  TerraformStack,
  TerraformVariable,
  type TerraformRemoteState,
} from "cdktn";
import { ValidationError, type Problem } from "../model/validation-error";

/** Where OpenTofu keeps one environment's state. The remote ones lock it while a command runs. */
export type StateBackend =
  /** `terraform.<stack>.tfstate` in the project directory, git-ignored: one operator, no lock across machines. */
  | { readonly type: "local" }
  /**
   * A schema of a PostgreSQL database (PG_CONN_STR); locked with advisory locks. `readOnly`: the
   * schema, table and index exist already and are not created at init, which a role that may only
   * read the state could not do.
   */
  | { readonly type: "pg"; readonly schemaName: string; readonly readOnly?: boolean }
  /** An S3 object (AWS_* credentials), encrypted at rest; locked with a lock file next to it. */
  | { readonly type: "s3"; readonly bucket: string; readonly region: string; readonly key: string };

export interface StateProps {
  /**
   * Where the state lives.
   * @default - the local file `terraform.<stack>.tfstate`
   */
  readonly backend?: StateBackend;
  /**
   * Encrypts state and saved plans (key provider pbkdf2, method aes_gcm) with the passphrase OpenTofu
   * reads from the ephemeral variable `state_passphrase` (TF_VAR_state_passphrase). Enforced: a run
   * without the passphrase fails instead of writing plaintext.
   * @default false
   */
  readonly encrypted?: boolean;
}

/** The variable the encryption block reads the passphrase from; OpenTofu takes it from TF_VAR_state_passphrase. */
const PASSPHRASE_VARIABLE = "state_passphrase";
/** The encryption method, as a bare reference (how JSON spells the static references the block requires). */
const PASSPHRASE_METHOD = "method.aes_gcm.passphrase";
const BACKENDS = ["local", "pg", "s3"] as const;
/**
 * Environments whose state must be shared and encrypted: a local file is plaintext on one machine,
 * holds every client secret, and is lost with it.
 */
const SHARED_STATE_ENVIRONMENTS: readonly string[] = ["staging", "production"];
/** OpenTofu's pbkdf2 key provider refuses shorter passphrases. */
const MIN_PASSPHRASE_LENGTH = 16;

/**
 * The state settings of one environment, from environment variables read at synth time:
 * REALM_STATE_BACKEND (local, pg or s3), REALM_STATE_S3_BUCKET and REALM_STATE_S3_REGION for s3,
 * REALM_STATE_PASSPHRASE to encrypt, REALM_STATE_READ_ONLY=yes for plans through a pg role that may
 * only read the state; staging and production take only a shared, encrypted state. Credentials
 * (PG_CONN_STR, AWS_*) are only checked for presence where they are required: OpenTofu reads them
 * itself, so they never reach the synthesized JSON.
 * Every missing or invalid variable is reported at once, before anything runs.
 */
export function stateFromEnvironment(env: NodeJS.ProcessEnv, environment: string, stack = environment): StateProps {
  const problems: Problem[] = [];
  const problem = (variable: string, rule: string) => problems.push({ file: "(environment)", field: variable, rule });
  const required = (variable: string, backend: string): string => {
    const value = env[variable];
    if (!value) problem(variable, `is required when REALM_STATE_BACKEND=${backend}`);
    return value ?? "";
  };

  const readOnly = isReadOnlyState(env);
  if (![undefined, "", "yes"].includes(env.REALM_STATE_READ_ONLY)) {
    problem("REALM_STATE_READ_ONLY", `must be 'yes' or unset, got '${env.REALM_STATE_READ_ONLY}'`);
  }

  let backend: StateBackend = { type: "local" };
  const type = env.REALM_STATE_BACKEND || "local";
  if (type === "pg") {
    required("PG_CONN_STR", "pg");
    // One schema per stack, so stacks never share a state or a lock.
    backend = { type: "pg", schemaName: `keycloak_realm_${stack}`, ...(readOnly && { readOnly }) };
  } else if (type === "s3") {
    const bucket = required("REALM_STATE_S3_BUCKET", "s3");
    const region = required("REALM_STATE_S3_REGION", "s3");
    backend = { type: "s3", bucket, region, key: `keycloak-realm/${stack}.tfstate` };
  } else if (type !== "local") {
    problem("REALM_STATE_BACKEND", `must be one of ${BACKENDS.join(", ")}, got '${type}'`);
  }

  const shared = SHARED_STATE_ENVIRONMENTS.includes(environment);
  if (type === "local" && shared) {
    problem(
      "REALM_STATE_BACKEND",
      `must be pg or s3 for '${environment}', got '${type}': ${environment} requires a shared, encrypted state ` +
        "(with REALM_STATE_PASSPHRASE), never a local file",
    );
  }

  // Set but empty counts as too short: a CI secret that did not resolve must not silently mean "unencrypted".
  const passphrase = env.REALM_STATE_PASSPHRASE;
  if (passphrase !== undefined && passphrase.length < MIN_PASSPHRASE_LENGTH) {
    problem("REALM_STATE_PASSPHRASE", `must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }

  // A shared state is readable by everyone with database or bucket access: every client secret in it too.
  // Plaintext may be accepted explicitly, but never for staging or production.
  if (shared && env.REALM_STATE_UNENCRYPTED === "yes") {
    problem(
      "REALM_STATE_UNENCRYPTED",
      `is refused for '${environment}', which requires an encrypted state: unset it and set REALM_STATE_PASSPHRASE`,
    );
  }
  if (backend.type !== "local" && passphrase === undefined && (shared || env.REALM_STATE_UNENCRYPTED !== "yes")) {
    const exception = shared
      ? `, and '${environment}' requires encryption`
      : " (REALM_STATE_UNENCRYPTED=yes accepts plaintext)";
    problem(
      "REALM_STATE_PASSPHRASE",
      `is required with REALM_STATE_BACKEND=${backend.type}: the state holds every client secret${exception}`,
    );
  }

  if (problems.length > 0) throw new ValidationError(problems);
  return { backend, encrypted: passphrase !== undefined };
}

/**
 * REALM_STATE_READ_ONLY=yes: this run may only read the state (a plan or drift check through a
 * database role with SELECT only). A deploy refuses it: it would change Keycloak and then fail to
 * record the change.
 */
export function isReadOnlyState(env: NodeJS.ProcessEnv): boolean {
  return env.REALM_STATE_READ_ONLY === "yes";
}

/** The environment OpenTofu needs beyond the operator's: the passphrase, under the variable's name. */
export function engineEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const passphrase = env.REALM_STATE_PASSPHRASE;
  return passphrase === undefined ? {} : { [`TF_VAR_${PASSPHRASE_VARIABLE}`]: passphrase };
}

/** Gives a stack its state backend and, when asked, state and plan encryption. */
export function configureState(stack: TerraformStack, props: StateProps): void {
  const backend = props.backend ?? { type: "local" };
  switch (backend.type) {
    case "local":
      new LocalBackend(stack);
      break;
    case "pg":
      // cdktn's type requires conn_str; leaving it out of the JSON makes OpenTofu read PG_CONN_STR.
      new PgBackend(stack, {
        connStr: "",
        schemaName: backend.schemaName,
        // OpenTofu's init otherwise runs CREATE SCHEMA/TABLE/INDEX IF NOT EXISTS, which PostgreSQL
        // refuses to a role without CREATE even when they exist.
        ...(backend.readOnly && { skipSchemaCreation: true, skipTableCreation: true, skipIndexCreation: true }),
      }).addOverride("conn_str", undefined);
      break;
    case "s3":
      // use_lockfile is OpenTofu's own S3 locking (no DynamoDB table). Set as an override: cdktn's typed
      // useLockfile refuses to synthesize unless the app declares an engine of at least 1.10.
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: true,
      }).addOverride("use_lockfile", true);
      break;
  }
  if (props.encrypted) encrypt(stack);
}

/**
 * The state of another stack of the same environment (`from`, kept as `props` says), to read its
 * outputs: read by the engine from the backend, never from Keycloak. `defaults`: outputs it may not
 * hold yet (a stack never deployed).
 */
export function readStackState(
  stack: TerraformStack,
  id: string,
  props: StateProps,
  from: string,
  defaults: Record<string, unknown> = {},
): TerraformRemoteState {
  const backend = props.backend ?? { type: "local" };
  let state: TerraformRemoteState;
  switch (backend.type) {
    case "local":
      // Where LocalBackend puts it: the project directory, which every command runs main.ts in.
      state = new DataTerraformRemoteStateLocal(stack, id, {
        path: join(process.cwd(), `terraform.${from}.tfstate`),
        defaults,
      });
      break;
    case "pg":
      state = new DataTerraformRemoteStatePg(stack, id, {
        connStr: "",
        schemaName: backend.schemaName,
        skipSchemaCreation: true,
        skipTableCreation: true,
        skipIndexCreation: true,
        defaults,
      });
      state.addOverride("config.conn_str", undefined);
      break;
    case "s3":
      state = new DataTerraformRemoteStateS3(stack, id, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        defaults,
      });
      break;
  }
  if (props.encrypted) {
    stack.addOverride("terraform.encryption.remote_state_data_sources", { default: { method: PASSPHRASE_METHOD } });
  }
  return state;
}

/**
 * State and plans hold every client secret in plaintext; this encrypts both. The passphrase is an
 * ephemeral variable: it never reaches the synthesized JSON, the state or a saved plan, and OpenTofu
 * evaluates it early, before it reads the state. Bare `method.…` strings are how JSON spells the static
 * references the encryption block requires.
 */
function encrypt(stack: TerraformStack): void {
  const passphrase = new TerraformVariable(stack, PASSPHRASE_VARIABLE, {
    type: "string",
    sensitive: true,
    nullable: false,
    description: "Passphrase of state and plan encryption: TF_VAR_state_passphrase, set from REALM_STATE_PASSPHRASE",
  });
  passphrase.overrideLogicalId(PASSPHRASE_VARIABLE);
  passphrase.addOverride("ephemeral", true);
  const method = { method: PASSPHRASE_METHOD, enforced: true };
  stack.addOverride("terraform.encryption", {
    key_provider: { pbkdf2: { passphrase: { passphrase: passphrase.value } } },
    method: { aes_gcm: { passphrase: { keys: "${key_provider.pbkdf2.passphrase}" } } },
    state: method,
    plan: method,
  });
}
