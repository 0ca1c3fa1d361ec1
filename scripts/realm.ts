// Operator commands: `npm start`, `npm stop`, `npm run plan|deploy|drift|credentials -- [options]`.
// Progress goes to stderr; stdout carries only the result (a Markdown report, credentials).
// The command line only: each command is lib/operations/commands/<command>.ts.
import "../lib/operations/command-errors";
import { constants } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_NAMES } from "../lib/environments";
import { credentials } from "../lib/operations/commands/credentials";
import { deploy } from "../lib/operations/commands/deploy";
import { drift } from "../lib/operations/commands/drift";
import {
  environmentName,
  EXIT,
  providerEnvironment,
  type CommandOptions,
  type Invocation,
} from "../lib/operations/commands/invocation";
import { plan } from "../lib/operations/commands/plan";
import { reshard } from "../lib/operations/commands/reshard";
import { upgradeState } from "../lib/operations/commands/upgrade-state";
import { start } from "../lib/operations/commands/start";
import { stop } from "../lib/operations/commands/stop";
import { withKeycloak } from "../lib/operations/keycloak-outage";
import { PRIVATE_UMASK, removeStalePlans, ScratchFolder, tightenPermissions } from "../lib/operations/private-files";
import { interruptRunning } from "../lib/operations/stack-workspace";

// Before anything is written: state, its backup and saved plans are the owner's alone, also
// where the engine (a child, which inherits the umask) writes them.
process.umask(PRIVATE_UMASK);

const ROOT = resolve(import.meta.dirname, "..");
const log = (message: string) => process.stderr.write(`${message}\n`);

const USAGE = `usage: tsx scripts/realm.ts <command> [--env ${ENVIRONMENT_NAMES.join("|")}]
  start                          local Keycloak + deploy the local environment + a working token request
  stop                           remove the local Keycloak and the local environment's state
  plan [--no-refresh]            Markdown plan report; exit 0 no changes, 2 changes, 1 error
       [--customer <id>]...      only these customers' resources (added, changed or removed)
  deploy [--allow-delete <id>]   plan, refuse unallowed deletions, apply that plan
       [--customer <id>]...      only these customers (a merged pull request's files): seconds at any size
  drift                          compare the live realm with the last deploy; exit 2 when it differs
  upgrade-state                  once after upgrading this project: rewrite the state's layout, Keycloak untouched
  reshard                        after changing settings customers.shards: move customers between states, Keycloak untouched
  credentials <customer-id>      client id, token endpoint, secret and its expiry, to stdout only
       [--encrypted]             the secret encrypted to the customer file's ageRecipient, ready to send
       [--revoke-previous]       end the grace period: the secret before the last rotation stops working now
state: a local file unless REALM_STATE_BACKEND=pg (PG_CONN_STR) or s3 (REALM_STATE_S3_BUCKET, REALM_STATE_S3_REGION);
  REALM_STATE_PASSPHRASE (16+ characters) encrypts state and plans; staging and production require both;
  REALM_STATE_READ_ONLY=yes: plan and drift only`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: "string", default: DEFAULT_ENVIRONMENT },
    "no-refresh": { type: "boolean", default: false },
    customer: { type: "string", multiple: true, default: [] },
    "allow-delete": { type: "string", multiple: true, default: [] },
    encrypted: { type: "boolean", default: false },
    "revoke-previous": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
const options: CommandOptions = {
  env: values.env!,
  "no-refresh": values["no-refresh"]!,
  customer: values.customer!,
  "allow-delete": values["allow-delete"]!,
  encrypted: values.encrypted!,
  "revoke-previous": values["revoke-previous"]!,
};

type Command = (run: Invocation) => Promise<number>;

/** A command that talks to Keycloak, run once it answers and run again after it stopped answering (lib/operations/keycloak-outage.ts). */
function throughOutages(command: Command): Command {
  const [, , name, ...rest] = process.argv;
  const again = `npm run ${name}${rest.length > 0 ? ` -- ${rest.join(" ")}` : ""}`;
  const writes = name === "deploy";
  return (run) =>
    withKeycloak(providerEnvironment(environmentName(options)), log, { again, writes }, () => command(run));
}

const COMMANDS: Record<string, Command> = {
  start,
  stop,
  // A plan without refresh makes no Keycloak request.
  plan: options["no-refresh"] ? plan : throughOutages(plan),
  deploy: throughOutages((run) => deploy(run, environmentName(options))),
  drift: throughOutages(drift),
  credentials,
  "upgrade-state": (run) => upgradeState(run, environmentName(options)),
  reshard: (run) => reshard(run, environmentName(options)),
};

const command = COMMANDS[positionals[0] ?? ""];
if (values.help || !command) {
  log(USAGE);
  process.exit(values.help ? EXIT.ok : EXIT.error);
}
if ((options.encrypted || options["revoke-previous"]) && positionals[0] !== "credentials") {
  log(`ERROR: --encrypted and --revoke-previous are for credentials only.`);
  process.exit(EXIT.error);
}
if (options.customer.length > 0 && !["plan", "deploy"].includes(positionals[0]!)) {
  // A drift check of some customers only would leave the others unchecked.
  log(`ERROR: --customer is for plan and deploy only; ${positionals[0]} always covers every customer.`);
  process.exit(EXIT.error);
}

/** This command's private folder for saved plans: made when it starts, removed however it ends. */
let scratch: ScratchFolder | undefined;
/** Set once a signal arrived: the signal's exit code wins over the failure the interrupted engine reports. */
let interrupted = false;

/** Ctrl-C, `kill` or a closed terminal: stop the engine gracefully, remove saved plans, exit 128 + signal. */
async function interrupt(signal: NodeJS.Signals): Promise<void> {
  if (interrupted) return;
  interrupted = true;
  log(`\nInterrupted (${signal}): stopping the engine and removing saved plans.`);
  await interruptRunning();
  process.exit(128 + constants.signals[signal]);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void interrupt(signal));
// Runs on every exit, after an error or a signal too; synchronous, as exit handlers must be.
process.on("exit", () => scratch?.removeSync());

async function run(): Promise<number> {
  await removeStalePlans(ROOT, log);
  await tightenPermissions(ROOT, log);
  scratch = ScratchFolder.create();
  return command!({ root: ROOT, options, args: positionals.slice(1), scratch: scratch.path, log });
}

run().then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  (error: unknown) => {
    // The message carries a validation error or the engine's own output; after an interrupt that
    // output says what the engine had changed and whether it saved state, so it is shown then too.
    log(`\nERROR: ${error instanceof Error ? error.message : String(error)}`);
    if (!interrupted) process.exit(EXIT.error);
  },
);
