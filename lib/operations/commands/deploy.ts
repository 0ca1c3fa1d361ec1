import { rm } from "node:fs/promises";
import { environments, type EnvironmentName } from "../../environments";
import { hasExtras, removeExtras } from "../client-holdings";
import { formatRefusal, formatVanished, unallowedDeletions } from "../deletion-guard";
import { KeycloakAdmin } from "../keycloak-admin";
import { customerIdOf, renderPlanReport, summarizeChanges } from "../plan-summary";
import { StackWorkspace } from "../stack-workspace";
import { isReadOnlyState } from "../../constructs/state-backend";
import { EXIT, providerEnvironment, UsageError, type Invocation } from "./invocation";
import { lookUpAdoptions, lookUpHoldings, planTakingBack, prepared, settleSecrets } from "./steps";

/** `npm run deploy`: plan, refuse deletions nobody allowed, apply exactly that plan. */
export async function deploy(run: Invocation, name: EnvironmentName, env = providerEnvironment(name)): Promise<number> {
  const { log } = run;
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: this run may only read the state, and a deploy must record what it changes. " +
        "Unset it and use a connection string whose role may write the state.",
    );
  }
  const stack = new StackWorkspace(run.root, name, run.scratch, log, env);
  const looked = await lookUpAdoptions(run, name, env);
  await prepared(stack, looked);
  const { result, adoptions: found } = await planTakingBack(run, stack, name, env, looked);
  const changes = result.plan.resource_changes ?? [];
  // Taken over in this deploy, or earlier with leftovers still there (a removal that failed or was
  // interrupted after the apply): a client already in state is not imported again.
  const adoptions = found.filter(
    (adoption) =>
      hasExtras(adoption) || changes.some((change) => change.change.importing && customerIdOf(change) === adoption.id),
  );
  // Refresh found gone what the state says was deployed: the wrong Keycloak, or deleted by hand.
  const vanished = unallowedDeletions(result.plan.resource_drift ?? [], run.options["allow-delete"]);
  const refused = unallowedDeletions(changes, run.options["allow-delete"]);
  if (vanished.length > 0 || refused.length > 0) {
    await rm(result.file, { force: true });
    if (vanished.length > 0) log(formatVanished(vanished, String(env.KEYCLOAK_URL), name));
    if (refused.length > 0) log(formatRefusal(refused));
    return EXIT.error;
  }
  const holdings = (await lookUpHoldings(run, name, env, stack, result, { skip: found })).filter(hasExtras);
  if (!result.changed && !adoptions.some(hasExtras) && holdings.length === 0) {
    await rm(result.file, { force: true });
    log(`No changes: the '${name}' realm matches the code.`);
    await settleSecrets(run, name, env);
    return EXIT.ok;
  }
  const summary = summarizeChanges(changes, { adoptions, holdings });
  log(renderPlanReport({ title: `Deploying \`${name}\``, summary, rawPlan: result.text }));
  if (result.changed) await stack.apply(result.file);
  else await rm(result.file, { force: true });
  // What the plan listed beyond the files and the engine does not manage: role grants, group
  // memberships, scope mappings, protocol mappers (of adopted clients, and made by hand since).
  const admin = KeycloakAdmin.fromEnvironment(env);
  for (const extra of [...adoptions, ...holdings]) await removeExtras(admin, environments[name].realm.name, extra);
  log(`Deployed '${name}'.`);
  await settleSecrets(run, name, env);
  return EXIT.ok;
}
