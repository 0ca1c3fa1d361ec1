import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { environments, type EnvironmentName } from "../../environments";
import { CUSTOMER_SHARDS_OUTPUT } from "../../constructs/realm-stack";
import { isReadOnlyState } from "../../constructs/state-backend";
import { customerStacks, MAX_CUSTOMER_SHARDS, shardCount, stackOfCustomer } from "../../model/shards";
import { planMoves, withRecordedShards, type EngineState, type StateWrite } from "../customer-moves";
import { StackWorkspace } from "../stack-workspace";
import { actionOf } from "../terraform-plan";
import { EXIT, providerEnvironment, UsageError, type Invocation } from "./invocation";
import { prepared } from "./steps";

/** The shard count the states are laid out for, as the realm stack recorded it (none: 1, its own state holds them). */
export function recordedShards(outputs: Record<string, { value: unknown }>): number {
  const value = outputs[CUSTOMER_SHARDS_OUTPUT]?.value;
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_CUSTOMER_SHARDS) {
    throw new UsageError(
      `the realm stack's output ${CUSTOMER_SHARDS_OUTPUT} is ${JSON.stringify(value)}, not a shard count`,
    );
  }
  return value as number;
}

/**
 * `npm run reshard`: moves an environment's customers between states when settings `customers.shards`
 * changed, by pulling and pushing states: no Keycloak request, nothing in Keycloak changes. Every target
 * state is written before any source, so an interrupted run leaves customers in two states, never in
 * none, and running it again finishes the move. Then the realm stack records the new layout.
 */
export async function reshard(run: Invocation, name: EnvironmentName): Promise<number> {
  // The realm stack's plan configures the provider, which makes no request (initialLogin off, no refresh).
  const env = providerEnvironment(name);
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: reshard rewrites states. Unset it and use a connection string whose role may write the state.",
    );
  }
  const settings = environments[name];
  const realmStack = await prepared(new StackWorkspace(run.root, name, run.scratch, run.log, env));
  const from = recordedShards(await realmStack.outputs());
  const to = shardCount(settings);
  if (from === to) {
    run.log(`The '${name}' customers are laid out for ${to} shard(s) already, as settings say: nothing to move.`);
    return EXIT.ok;
  }

  const sources = customerStacks(name, from);
  const targets = customerStacks(name, to);
  // The realm stack's state too: the layout is recorded there.
  const stacks = [...new Set([name, ...sources, ...targets])];
  const workspaces = await StackWorkspace.forStates(run.root, name, stacks, run.scratch, run.log, env);
  const workspace = (stack: string) => workspaces.find((candidate) => candidate.stack === stack)!;
  try {
    const states = new Map<string, EngineState | undefined>();
    for (const stack of new Set([...sources, ...targets])) states.set(stack, await pulled(workspace(stack)));
    const version = await realmStack.engineVersion();
    const moves = planMoves({
      environment: name,
      sources,
      targets,
      states,
      targetOf: (id) => stackOfCustomer(name, settings, id),
      emptyState: () => ({ version: 4, terraform_version: version, serial: 0, lineage: randomUUID(), resources: [] }),
    });
    for (const write of moves.writes) await push(workspace(write.stack), write);
    const customers = new Set(moves.moved.map((move) => move.id)).size;
    const list = (names: Iterable<string>) => [...new Set(names)].sort().join(", ");
    run.log(
      customers === 0
        ? `No customer in ${sources.join(", ")} to move.`
        : `Moved ${customers} customer(s) from ${list(moves.moved.map((move) => move.from))} to ` +
            `${list(moves.moved.map((move) => move.to))}; nothing in the '${settings.realm.name}' realm changed.`,
    );
    await recordLayout(run, realmStack, workspace(name), to);
  } finally {
    await workspaces[0]!.dispose();
  }
  return EXIT.ok;
}

async function pulled(workspace: StackWorkspace): Promise<EngineState | undefined> {
  const state = await workspace.pullState();
  return state === undefined ? undefined : (JSON.parse(state) as EngineState);
}

/**
 * Writes a planned state over the stored one, which must still be the one it was planned from: a state
 * another run wrote meanwhile stops the move (what was written so far, a second run finishes). The
 * serial is one above the stored one's: a backend may count a write more than once (the local one does).
 */
async function push(workspace: StackWorkspace, write: StateWrite): Promise<void> {
  const stored = await pulled(workspace);
  const addresses = (state: EngineState | undefined) =>
    JSON.stringify((state?.resources ?? []).map((entry) => `${entry.module ?? ""}${entry.type}.${entry.name}`).sort());
  if (stored?.lineage !== write.base?.lineage || addresses(stored) !== addresses(write.base)) {
    throw new UsageError(
      `the '${write.stack}' state changed while customers were being moved (a deploy?): it was not written. ` +
        "Run reshard again once no other run writes the states: it finishes the move.",
    );
  }
  await workspace.pushState(JSON.stringify({ ...write.state, serial: (stored?.serial ?? 0) + 1 }));
}

/**
 * Records the new layout in the realm stack's outputs: the count, which plan and deploy check the states
 * against, and the API's role ids the shards plan with. By applying the realm stack's plan when it
 * changes no resource; otherwise the count is written into its state (`realmState`, state only) and the
 * next deploy applies the rest with the changes waiting.
 */
async function recordLayout(
  run: Invocation,
  realmStack: StackWorkspace,
  realmState: StackWorkspace,
  shards: number,
): Promise<void> {
  const name = realmStack.stack;
  // Without refresh: no Keycloak request, and the outputs need none.
  const result = await realmStack.plan({ refresh: false });
  if (!result.changed) return;
  const changes = (result.plan.resource_changes ?? []).filter((change) => actionOf(change) !== "none");
  if (changes.length === 0) {
    await realmStack.apply(result.file);
    run.log(`The '${name}' stack records the layout for ${shards} shard(s).`);
    return;
  }
  await rm(result.file, { force: true });
  const state = await pulled(realmState);
  const waiting = `The '${name}' stack has ${changes.length} change(s) waiting (e.g. ${changes[0]!.address}), not applied here`;
  if (!state) {
    run.log(`${waiting}: it was never deployed, and its first deploy records the layout for ${shards} shard(s).`);
    return;
  }
  const write = withRecordedShards(state, CUSTOMER_SHARDS_OUTPUT, shards);
  await push(realmState, { stack: name, base: state, state: write, added: 0, removed: 0 });
  run.log(
    `${waiting}: its state records the layout for ${shards} shard(s), and 'npm run deploy -- --env ${name}' applies them.`,
  );
}
