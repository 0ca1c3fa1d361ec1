import { rm } from "node:fs/promises";
import { hasExtras } from "../client-holdings";
import { expiringSecrets, renderExpiringSecrets, renderLostRotationObjects } from "../customer-secrets";
import { renderPlanReport, summarizeChanges } from "../plan-summary";
import type { StackWorkspace } from "../stack-workspace";
import { realDrift } from "../terraform-plan";
import { environmentName, EXIT, providerEnvironment, type Invocation } from "./invocation";
import {
  forEachShard,
  joinedPlanText,
  lookUpHoldings,
  lookUpLostRotation,
  lookUpRoleNames,
  refuseUnmovedCustomers,
  shardWorkspaces,
  workspace,
} from "./steps";

/**
 * `npm run drift`: the live realm against the last deploy (the realm's stack and every customer
 * shard), and secrets about to expire; exit 2 when either needs someone.
 */
export async function drift(run: Invocation): Promise<number> {
  const name = environmentName(run.options);
  const env = providerEnvironment(name);
  const root = await workspace(run, name, env);
  const check = async (stack: StackWorkspace) => {
    const result = await stack.plan({ refreshOnly: true, lock: false });
    await rm(result.file, { force: true });
    refuseUnmovedCustomers(stack, result);
    const drifted = realDrift(result.plan.resource_drift ?? []);
    const { holdings, secrets } = await lookUpHoldings(run, name, env, stack, result);
    const lost = await lookUpLostRotation(stack, name, env, result);
    return { stack: stack.stack, drifted, holdings: holdings.filter(hasExtras), secrets, lost, text: result.text };
  };
  const parts = [await check(root), ...(await forEachShard(shardWorkspaces(root), check))];
  const drifted = parts.flatMap((part) => part.drifted);
  const holdings = parts.flatMap((part) => part.holdings);
  const lost = parts.flatMap((part) => part.lost);
  // Of the customers in the states: one not deployed yet has no secret to expire.
  const expiring = expiringSecrets(parts.flatMap((part) => part.secrets));
  const differs = drifted.length > 0 || holdings.length > 0 || lost.length > 0;
  const title = [
    differs ? `Drift: the live \`${name}\` realm differs from the last deploy` : `No drift in \`${name}\``,
    ...(expiring.length > 0 ? [`${expiring.length} customer secret${expiring.length === 1 ? "" : "s"} expiring`] : []),
  ].join("; ");
  const roleNames = await lookUpRoleNames(name, env, drifted);
  const summary = summarizeChanges(drifted, { holdings, roleNames, drift: true });
  const sections = [renderLostRotationObjects(lost), renderExpiringSecrets(expiring)];
  const rawPlan = joinedPlanText(parts);
  process.stdout.write(renderPlanReport({ title, summary, rawPlan, sections }));
  // The nightly check turns red for a secret about to lapse, as for drift: someone must act.
  return differs || expiring.length > 0 ? EXIT.changes : EXIT.ok;
}
