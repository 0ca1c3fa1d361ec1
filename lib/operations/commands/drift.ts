import { rm } from "node:fs/promises";
import { hasExtras } from "../client-holdings";
import { expiringSecrets, renderExpiringSecrets, renderLostRotationObjects } from "../customer-secrets";
import { renderPlanReport, summarizeChanges } from "../plan-summary";
import { realDrift } from "../terraform-plan";
import { environmentName, EXIT, providerEnvironment, type Invocation } from "./invocation";
import { lookUpHoldings, lookUpLostRotation, lookUpRoleNames, lookUpSecrets, workspace } from "./steps";

/** `npm run drift`: the live realm against the last deploy, and secrets about to expire; exit 2 when either needs someone. */
export async function drift(run: Invocation): Promise<number> {
  const name = environmentName(run.options);
  const env = providerEnvironment(name);
  const stack = await workspace(run, name, env);
  const result = await stack.plan({ refreshOnly: true, lock: false });
  await rm(result.file, { force: true });
  const drifted = realDrift(result.plan.resource_drift ?? []);
  const holdings = (await lookUpHoldings(run, name, env, stack, result)).filter(hasExtras);
  const expiring = expiringSecrets(await lookUpSecrets(run, name, env));
  const lost = await lookUpLostRotation(stack, name, env, result);
  const differs = drifted.length > 0 || holdings.length > 0 || lost.length > 0;
  const title = [
    differs ? `Drift: the live \`${name}\` realm differs from the last deploy` : `No drift in \`${name}\``,
    ...(expiring.length > 0 ? [`${expiring.length} customer secret${expiring.length === 1 ? "" : "s"} expiring`] : []),
  ].join("; ");
  const roleNames = await lookUpRoleNames(name, env, drifted);
  const summary = summarizeChanges(drifted, { holdings, roleNames, drift: true });
  const sections = [renderLostRotationObjects(lost), renderExpiringSecrets(expiring)];
  process.stdout.write(renderPlanReport({ title, summary, rawPlan: result.text, sections }));
  // The nightly check turns red for a secret about to lapse, as for drift: someone must act.
  return differs || expiring.length > 0 ? EXIT.changes : EXIT.ok;
}
