/**
 * Riding out a Keycloak that does not answer for a while (restarted, paused, a network drop): the
 * commands wait for it before they start and, when a run fails because it stopped answering, wait
 * again and run the command again from the start, as an operator would. The bundled provider
 * retries each request itself; the official one (5.9.0) retries nothing, so this is what keeps
 * its plans and deploys alive through an outage.
 */
import { engineErrors, groupErrors, hasConnectivityErrors } from "./engine-errors";
import { keycloakBaseUrl } from "./keycloak-admin";
import type { Progress } from "./stack-workspace";

/** Seconds Keycloak may stay silent before a command gives up (REALM_KEYCLOAK_DEADLINE). */
export const DEFAULT_DEADLINE_SECONDS = 120;

/** Runs of a command after the first: each one follows Keycloak answering again, so a flapping Keycloak still ends. */
const MAX_RERUNS = 3;
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_INTERVAL_MS = 2_000;

/** REALM_KEYCLOAK_DEADLINE, or the default; the bundled provider's retry window per request is the same. */
export function deadlineSeconds(env: NodeJS.ProcessEnv): number {
  const value = env.REALM_KEYCLOAK_DEADLINE;
  if (value === undefined || value === "") return DEFAULT_DEADLINE_SECONDS;
  if (!/^[1-9]\d{0,4}$/.test(value)) {
    throw new Error(`REALM_KEYCLOAK_DEADLINE must be a whole number of seconds from 1 to 99999, got '${value}'`);
  }
  return Number(value);
}

/**
 * Why Keycloak does not answer now, or undefined when it does: any HTTP answer but 429, 502, 503
 * and 504 (a proxy whose Keycloak is away, or Keycloak saying it cannot now) counts as answering.
 */
export async function keycloakSilence(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const realm = encodeURIComponent(env.KEYCLOAK_REALM || "master");
  try {
    const response = await fetch(`${keycloakBaseUrl(env)}/realms/${realm}/.well-known/openid-configuration`, {
      redirect: "manual",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return [429, 502, 503, 504].includes(response.status) ? `HTTP ${response.status}` : undefined;
  } catch (error) {
    return reason(error);
  }
}

/** Waits until Keycloak answers; false when it stayed silent for the whole deadline. */
export async function waitForKeycloak(env: NodeJS.ProcessEnv, progress: Progress): Promise<boolean> {
  const seconds = deadlineSeconds(env);
  const started = Date.now();
  let silence = await keycloakSilence(env);
  if (silence === undefined) return true;
  progress(`    Keycloak at ${keycloakBaseUrl(env)} does not answer (${silence}); waiting up to ${seconds} s`);
  while (Date.now() - started < seconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    silence = await keycloakSilence(env);
    if (silence === undefined) {
      progress(`    Keycloak answers again (after ${((Date.now() - started) / 1000).toFixed(0)} s)`);
      return true;
    }
  }
  return false;
}

/**
 * Runs a command that needs Keycloak: after Keycloak answered, and again (at most MAX_RERUNS
 * times) whenever a run failed because it stopped answering and it answers again within the
 * deadline. A deploy run again plans afresh, checks the deletion guard and applies what is left.
 * Past the deadline the run's error stands, with what to run next.
 * @param again the command to run once Keycloak answers, e.g. `npm run deploy -- --env local`
 * @param writes whether the command changes Keycloak (a deploy), so a failed run may have changed some of it
 */
export async function withKeycloak(
  env: NodeJS.ProcessEnv,
  progress: Progress,
  command: { readonly again: string; readonly writes: boolean },
  run: () => Promise<number>,
): Promise<number> {
  const { again, writes } = command;
  // Without KEYCLOAK_URL the command says what to set; there is nothing to wait for.
  if (env.KEYCLOAK_URL && !(await waitForKeycloak(env, progress))) {
    throw new KeycloakSilentError(`${unreachable(env)} Nothing was changed. Once it answers, run '${again}'.`);
  }
  for (let rerun = 1; ; rerun++) {
    try {
      return await run();
    } catch (error) {
      if (!isConnectivityFailure(error) || rerun > MAX_RERUNS) throw error;
      progress(
        `    the run failed because Keycloak stopped answering (${briefly(error)}); running it again once Keycloak answers`,
      );
      if (!(await waitForKeycloak(env, progress))) {
        const message = error instanceof Error ? error.message : String(error);
        const next = writes
          ? `What the run changed is in the state; once Keycloak answers, run '${again}': it continues from there.`
          : `Once it answers, run '${again}'.`;
        throw new KeycloakSilentError(`${message}\n\n${unreachable(env)} ${next}`);
      }
    }
  }
}

/** A failed run's errors in one line: "30 errors: 28 × Keycloak did not answer in time (timeout), 2 × …". */
function briefly(error: unknown): string {
  const output = (error as { output?: unknown }).output;
  if (typeof output !== "string") return error instanceof Error ? error.message : String(error);
  const groups = groupErrors(engineErrors(output));
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  return `${total} error${total === 1 ? "" : "s"}: ${groups.map((group) => `${group.count} × ${group.cause}`).join(", ")}`;
}

function unreachable(env: NodeJS.ProcessEnv): string {
  return (
    `Keycloak at ${keycloakBaseUrl(env)} did not answer for ${deadlineSeconds(env)} s (REALM_KEYCLOAK_DEADLINE): ` +
    "check that it runs and that this machine reaches it (KEYCLOAK_URL)."
  );
}

/** A failed engine run with Keycloak errors among its own, or the commands' own request that found no Keycloak. */
export function isConnectivityFailure(error: unknown): boolean {
  if (error instanceof KeycloakSilentError) return false;
  const output = (error as { output?: unknown }).output;
  if (typeof output === "string") return hasConnectivityErrors(output);
  return error instanceof Error && reason(error) !== undefined;
}

/** What a failed fetch says about the connection: `ECONNREFUSED`, `timeout`; undefined for other errors. */
function reason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === "TimeoutError" || error.name === "AbortError") return "no answer in time";
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (error.message === "fetch failed") return typeof code === "string" ? code : "no connection";
  return undefined;
}

export class KeycloakSilentError extends Error {
  override name = "KeycloakSilentError";
}
