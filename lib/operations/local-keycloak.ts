// The Keycloak `npm start` deploys to: one container on this machine, reused by later runs.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
/** One local Keycloak per machine unless told otherwise (tests run their own beside yours). */
const CONTAINER = process.env.LOCAL_KEYCLOAK_NAME ?? "keycloak-realm-as-code-local";
/**
 * Admin credentials of the local Keycloak, made once per checkout; git-ignored with .toolchain/.
 * `docker run --env-file` reads them from here: on a command line every local user would see them.
 */
export const CREDENTIALS_FILE = resolve(ROOT, ".toolchain/local-keycloak.env");

/** Names of an earlier version of the file, before Docker read it. */
const FORMER_NAMES: Record<string, string> = {
  KEYCLOAK_PORT: "LOCAL_KEYCLOAK_PORT",
  KEYCLOAK_CLIENT_ID: "KC_BOOTSTRAP_ADMIN_CLIENT_ID",
  KEYCLOAK_CLIENT_SECRET: "KC_BOOTSTRAP_ADMIN_CLIENT_SECRET",
  KEYCLOAK_ADMIN_USERNAME: "KC_BOOTSTRAP_ADMIN_USERNAME",
  KEYCLOAK_ADMIN_PASSWORD: "KC_BOOTSTRAP_ADMIN_PASSWORD",
};

export interface LocalKeycloak {
  readonly url: string;
  readonly adminConsole: string;
  /** The provider's standard environment variables for this Keycloak. */
  readonly providerEnvironment: Record<string, string>;
  readonly adminUser: { username: string; password: string };
}

async function docker(...args: string[]): Promise<string> {
  try {
    return (await run("docker", args)).stdout.trim();
  } catch (error) {
    const { stderr = "" } = error as { stderr?: string };
    throw new Error(`docker ${args[0]} failed: ${stderr.trim() || String(error)}. Is the engine up? npm run toolchain`);
  }
}

function writeCredentials(values: Record<string, string>): void {
  mkdirSync(dirname(CREDENTIALS_FILE), { recursive: true });
  const lines = Object.entries(values).map(([name, value]) => `${name}=${value}\n`);
  writeFileSync(
    CREDENTIALS_FILE,
    `# The local Keycloak's admin credentials (npm start); docker run --env-file reads them.\n${lines.join("")}`,
    {
      mode: 0o600,
    },
  );
}

/** The credentials file's variables (`LOCAL_KEYCLOAK_PORT` and Keycloak's `KC_BOOTSTRAP_ADMIN_*`), made on first use. */
function credentials(port: number): Record<string, string> {
  if (!existsSync(CREDENTIALS_FILE)) {
    const secret = () => randomBytes(24).toString("base64url");
    writeCredentials({
      LOCAL_KEYCLOAK_PORT: String(port),
      KC_BOOTSTRAP_ADMIN_CLIENT_ID: "realm-as-code",
      KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: secret(),
      KC_BOOTSTRAP_ADMIN_USERNAME: "admin",
      KC_BOOTSTRAP_ADMIN_PASSWORD: secret(),
    });
  }
  // Made 0600 by earlier versions too, but a copy or an editor may have widened it.
  if ((statSync(CREDENTIALS_FILE).mode & 0o077) !== 0) chmodSync(CREDENTIALS_FILE, 0o600);
  const entries = readFileSync(CREDENTIALS_FILE, "utf8")
    .split("\n")
    .filter((line) => line.includes("=") && !line.startsWith("#"))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  const values = Object.fromEntries(entries.map(([name, value]) => [FORMER_NAMES[name] ?? name, value]));
  if (entries.some(([name]) => name in FORMER_NAMES)) writeCredentials(values);
  return values;
}

/** Label naming the checkout whose `npm start` made the container. */
const CHECKOUT_LABEL = "realm-as-code.checkout";

/**
 * Refuses a container made with other admin credentials than this checkout's: another checkout's
 * `npm start`, whose Keycloak would answer this one's sign-in with a 401 that says nothing of why.
 */
async function refuseOtherCheckoutsContainer(env: Record<string, string>): Promise<void> {
  const [environment, labels] = (
    await docker("inspect", "--format", "{{json .Config.Env}}\n{{json .Config.Labels}}", CONTAINER)
  ).split("\n");
  const made = new Map(
    ((JSON.parse(environment ?? "[]") as string[] | null) ?? []).map((line) => [
      line.slice(0, line.indexOf("=")),
      line.slice(line.indexOf("=") + 1),
    ]),
  );
  const ours = ["KC_BOOTSTRAP_ADMIN_CLIENT_ID", "KC_BOOTSTRAP_ADMIN_CLIENT_SECRET"].every(
    (name) => made.get(name) === env[name],
  );
  if (ours) return;
  const checkout = (JSON.parse(labels ?? "null") as Record<string, string> | null)?.[CHECKOUT_LABEL];
  throw new Error(
    `container ${CONTAINER} was made by ${checkout ? `the checkout ${checkout}` : "another checkout"}, with other admin credentials than ${CREDENTIALS_FILE}. ` +
      `Remove it with 'npm stop' there or 'docker rm -f ${CONTAINER}' (its local realm goes with it), ` +
      `or run this checkout's beside it: LOCAL_KEYCLOAK_NAME=<another name> LOCAL_KEYCLOAK_PORT=<another port> npm start`,
  );
}

async function containerState(): Promise<"running" | "stopped" | "missing"> {
  const names = await docker("ps", "-a", "--filter", `name=^${CONTAINER}$`, "--format", "{{.State}}");
  if (!names) return "missing";
  return names === "running" ? "running" : "stopped";
}

/**
 * One readiness probe. Right after `docker run`, docker-proxy can hold a connection open without
 * answering, and a pending fetch alone does not keep Node alive: the ref'd timer does, and ends it.
 */
async function isReady(url: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 2_000);
  try {
    return (await fetch(url, { signal: controller.signal })).ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntilReady(healthUrl: string, progress: (message: string) => void): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (await isReady(healthUrl)) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const logs = await docker("logs", "--tail", "40", CONTAINER).catch(() => "");
  progress(logs);
  throw new Error(
    `Keycloak in container ${CONTAINER} was not ready within 180 s (${healthUrl}); its last log lines are above.`,
  );
}

/** Starts the local Keycloak, or reuses the one already there. */
export async function startLocalKeycloak(progress: (message: string) => void): Promise<LocalKeycloak> {
  const image = process.env.KEYCLOAK_IMAGE;
  if (!image) throw new Error("KEYCLOAK_IMAGE is not set: run 'npm run toolchain' first.");
  const env = credentials(Number(process.env.LOCAL_KEYCLOAK_PORT ?? 8080));
  const port = Number(env.LOCAL_KEYCLOAK_PORT);
  const state = await containerState();
  if (state === "missing") {
    progress(`==> starting Keycloak (${image}) as container ${CONTAINER} on port ${port}`);
    await docker(
      "run", "-d", "--name", CONTAINER,
      "-p", `127.0.0.1:${port}:8080`, "-p", `127.0.0.1:${port + 1000}:9000`,
      "--env-file", CREDENTIALS_FILE, "--label", `${CHECKOUT_LABEL}=${ROOT}`,
      image, "start", "--http-enabled=true", "--hostname-strict=false", "--health-enabled=true",
    ); // prettier-ignore
  } else if (state === "stopped") {
    await refuseOtherCheckoutsContainer(env);
    progress(`==> starting the existing container ${CONTAINER}`);
    await docker("start", CONTAINER);
  } else {
    await refuseOtherCheckoutsContainer(env);
    progress(`==> reusing the running container ${CONTAINER}`);
  }
  await waitUntilReady(`http://127.0.0.1:${port + 1000}/health/ready`, progress);
  const url = `http://localhost:${port}`;
  return {
    url,
    adminConsole: `${url}/admin/master/console/`,
    providerEnvironment: {
      KEYCLOAK_URL: url,
      KEYCLOAK_REALM: "master",
      KEYCLOAK_CLIENT_ID: env.KC_BOOTSTRAP_ADMIN_CLIENT_ID!,
      KEYCLOAK_CLIENT_SECRET: env.KC_BOOTSTRAP_ADMIN_CLIENT_SECRET!,
    },
    adminUser: { username: env.KC_BOOTSTRAP_ADMIN_USERNAME!, password: env.KC_BOOTSTRAP_ADMIN_PASSWORD! },
  };
}

/** The provider environment of the local Keycloak, when `npm start` has made one. */
export function localProviderEnvironment(): Record<string, string> | undefined {
  if (!existsSync(CREDENTIALS_FILE)) return undefined;
  const env = credentials(0);
  return {
    KEYCLOAK_URL: `http://localhost:${env.LOCAL_KEYCLOAK_PORT}`,
    KEYCLOAK_REALM: "master",
    KEYCLOAK_CLIENT_ID: env.KC_BOOTSTRAP_ADMIN_CLIENT_ID!,
    KEYCLOAK_CLIENT_SECRET: env.KC_BOOTSTRAP_ADMIN_CLIENT_SECRET!,
  };
}

/** Removes the container; the local realm and its state go with it. */
export async function stopLocalKeycloak(): Promise<boolean> {
  if ((await containerState()) === "missing") return false;
  await docker("rm", "-f", "-v", CONTAINER);
  return true;
}
